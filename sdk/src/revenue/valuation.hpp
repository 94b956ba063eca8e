// A record priced by the fee engine: the engine's input built from a holding,
// a water connection or a licence, so that the rules stay in fees/.
#pragma once

#include <poura/fees.hpp>
#include <poura/revenue.hpp>

#include "store/revenue_store.hpp"
#include "workflow/office_parts.hpp"

#include <optional>
#include <string>

namespace poura::revenue::detail {

// The checks every record passes, whether added, changed or imported.
Status check_holding(Holding& h, int wards);
Status check_connection(workflow::OfficeParts& office, WaterConnection& c);

// The holding-tax input for a fiscal year ("2025-2026"); with `annual_value`,
// the assessment list's value instead of the schedule's method.
nlohmann::json holding_input(const Municipality& m, const Holding& h, const std::string& fiscal_year,
                             std::optional<Money> annual_value);
Result<fees::Bill> holding_bill(workflow::OfficeParts& office, const Holding& h, const std::string& fiscal_year,
                                std::optional<Money> annual_value, const std::string& paid_on = {},
                                const std::string& pays = {});
// The annual value the schedule's method gives the holding in a fiscal year.
Result<Money> annual_value(workflow::OfficeParts& office, const Holding& h, const std::string& fiscal_year);
// That the schedule in force can bill the holding (when one is loaded).
Status check_valuation(workflow::OfficeParts& office, const Holding& h);

// The annual value the assessment list gives a holding for a fiscal year:
// month by month, so an interim assessment counts from the month after it
// takes effect (from its own month when it takes effect on the 1st). None:
// the holding is not on the list, and the schedule's method values it.
struct YearValue {
    Money value;
    std::string explanation;  // when more than one value was in force
};
std::optional<YearValue> assessed_value(const std::vector<Assessment>* list, int first_year);

Result<fees::Bill> water_bill(workflow::OfficeParts& office, const WaterConnection& c, const std::string& month,
                              std::int64_t litres);
Result<fees::Bill> licence_bill(workflow::OfficeParts& office, const TradeLicence& l, const std::string& fiscal_year,
                                int years, bool renewal, const std::string& on);

}  // namespace poura::revenue::detail

namespace poura::revenue::detail {
// A licence fee as a demand; paying it issues the licence for first_year to last_year.
Demand licence_demand(const TradeLicence& l, const fees::Bill& bill, const std::string& first_year,
                      const std::string& last_year);
}  // namespace poura::revenue::detail

namespace poura::revenue::detail {
// Inside a payment's transaction: when the licence demand `demand` is paid in
// full, the licence is issued (signed) for the term the demand carries.
Status licence_paid(workflow::OfficeParts& office, store::RevenueStore& records, std::int64_t actor,
                    std::int64_t demand);
}  // namespace poura::revenue::detail
