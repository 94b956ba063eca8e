#include "revenue/valuation.hpp"

#include "core/try.hpp"
#include "revenue/internal.hpp"

#include <map>

namespace poura::revenue::detail {

namespace {
// The fee engine's use for a holding's: vacant land is residential land valued by area.
std::string fee_use(const std::string& use) { return use == "vacant_land" ? "residential" : use; }

bool no_schedule(const Error& e) { return e.code == Errc::not_in_schedule && e.message.find("no schedule") != std::string::npos; }
}  // namespace

nlohmann::json holding_input(const Municipality& m, const Holding& h, const std::string& fiscal_year,
                             std::optional<Money> annual_value) {
    nlohmann::json in = {{"municipality", m.code}, {"fiscal_year", fiscal_year}};
    if (!h.waivers.empty()) in["waivers"] = h.waivers;
    if (annual_value) {
        in["annual_value"] = taka_text(*annual_value);
        in["use"] = fee_use(h.use == "mixed" && !h.units.empty() ? h.units[0].value("use", "residential") : h.use);
        return in;
    }
    if (h.use == "vacant_land") {
        in["use"] = fee_use(h.use);
        in["occupancy"] = "vacant_land";
        in["land_area"] = static_cast<double>(h.land_area) / 100;
        return in;
    }
    if (!h.units.empty()) {
        in["units"] = h.units;
        if (h.floor_area) in["floor_area"] = static_cast<double>(h.floor_area) / 100;
        return in;
    }
    in["use"] = fee_use(h.use);
    in["occupancy"] = h.occupancy;
    in["monthly_rent"] = taka_text(h.monthly_rent);
    if (!h.loan_interest.is_zero()) in["loan_interest"] = taka_text(h.loan_interest);
    if (h.floor_area) in["floor_area"] = static_cast<double>(h.floor_area) / 100;
    return in;
}

Result<fees::Bill> holding_bill(workflow::OfficeParts& office, const Holding& h, const std::string& fiscal_year,
                                std::optional<Money> annual_value, const std::string& paid_on, const std::string& pays) {
    nlohmann::json in = holding_input(office.municipality(), h, fiscal_year, annual_value);
    if (!paid_on.empty()) in["paid_on"] = paid_on;
    if (!pays.empty()) in["pays"] = pays;
    auto input = fees::HoldingTaxInput::from_json(in);
    POURA_RETURN_IF_ERROR(input);
    auto bill = fees::holding_tax(office.options().schedules, *input);
    if (!bill) return make_error(bill.error().code, "holding " + h.number + ": " + bill.error().message);
    return bill;
}

Result<Money> annual_value(workflow::OfficeParts& office, const Holding& h, const std::string& fiscal_year) {
    auto bill = holding_bill(office, h, fiscal_year, std::nullopt);
    POURA_RETURN_IF_ERROR(bill);
    for (auto it = bill->lines.rbegin(); it != bill->lines.rend(); ++it)
        if (it->code == "annual_value") return it->amount;
    return make_error(Errc::internal, "the holding tax bill of " + h.number + " shows no annual value");
}

Status check_valuation(workflow::OfficeParts& office, const Holding& h) {
    if (office.options().schedules.size() == 0) return {};
    const auto today = dates::from_unix(office.now());
    auto bill = holding_bill(office, h, dates::format_fiscal_year(today.month >= 7 ? today.year : today.year - 1),
                             std::nullopt);
    if (!bill && !no_schedule(bill.error())) return std::move(bill).error();
    return {};
}

Status check_connection(workflow::OfficeParts& office, WaterConnection& c) {
    auto number = account_number("number", c.number);
    POURA_RETURN_IF_ERROR(number);
    auto holding = holding_number(c.holding);
    POURA_RETURN_IF_ERROR(holding);
    c.holding = *holding;
    if (c.storeys < 1 || c.storeys > 200) return bad("storeys", "must be 1 to 200");
    if (c.flats < 1 || c.flats > 10000) return bad("flats", "must be 1 to 10,000");
    if (c.metered && c.meter_no.empty()) return bad("meter_no", "a metered connection names its meter");
    if (!c.metered && !c.meter_no.empty()) return bad("meter_no", "only a metered connection has a meter");
    POURA_RETURN_IF_ERROR(clean("meter_no", c.meter_no, 40, false));
    if (c.status != "active" && c.status != "disconnected") return bad("status", "must be active or disconnected");
    auto on = iso_date("connected_on", c.connected_on);
    POURA_RETURN_IF_ERROR(on);
    if (office.options().schedules.size() == 0) return {};
    auto bill = water_bill(office, c, format_month(*on), 0);
    if (!bill && !no_schedule(bill.error())) return std::move(bill).error();
    return {};
}

// The annual value the assessment list gives a holding for a fiscal year:
// month by month, so an interim assessment counts from the month after it
// takes effect (from its own month when it takes effect on the 1st). None:
// the holding is not on the list, and the schedule's method values it.
std::optional<YearValue> assessed_value(const std::vector<Assessment>* list, int first_year) {
    if (!list || list->empty()) return std::nullopt;
    std::int64_t sum = 0;
    std::map<std::int64_t, int> months_at;  // assessment id -> months
    bool any = false;
    for (int m = 0; m < 12; ++m) {
        const dates::Date first{first_year + (m + 6) / 12, (m + 6) % 12 + 1, 1};
        const std::string day = dates::format_iso_date(first);
        const Assessment* found = nullptr;
        for (const Assessment& a : *list)
            if (a.status != "superseded" && a.effective <= day) found = &a;
        if (!found) continue;
        any = true;
        sum += found->annual_value.in_poisha();
        ++months_at[found->id];
    }
    if (!any) return std::nullopt;
    YearValue v;
    v.value = Money::poisha((sum + 6) / 12);
    if (months_at.size() > 1 || months_at.begin()->second != 12) {
        for (const auto& [id, months] : months_at)
            for (const Assessment& a : *list)
                if (a.id == id)
                    v.explanation += (v.explanation.empty() ? "" : "; ") + std::to_string(months) + "/12 of " +
                                     format_taka(a.annual_value, Language::en) + " (" + a.kind + " from " +
                                     a.effective + ")";
    }
    return v;
}

Result<fees::Bill> water_bill(workflow::OfficeParts& office, const WaterConnection& c, const std::string& month,
                              std::int64_t litres) {
    fees::WaterInput in;
    in.municipality = office.municipality().code;
    in.month = month;
    in.use = c.use;
    in.diameter = c.diameter;
    in.extra_flats = c.flats - 1;
    in.metered = c.metered;
    in.litres = litres;
    auto bill = fees::water_bill(office.options().schedules, in);
    if (!bill) return make_error(bill.error().code, "water connection " + c.number + ": " + bill.error().message);
    return bill;
}

Result<fees::Bill> licence_bill(workflow::OfficeParts& office, const TradeLicence& l, const std::string& fiscal_year,
                                int years, bool renewal, const std::string& on) {
    fees::TradeLicenceInput in;
    in.municipality = office.municipality().code;
    in.fiscal_year = fiscal_year;
    in.category = l.category;
    in.renewal = renewal;
    in.years = years;
    in.signboards = l.signboards;
    in.paid_on = on;
    auto bill = fees::trade_licence_fee(office.options().schedules, in);
    if (!bill) return make_error(bill.error().code, "licence " + l.number + ": " + bill.error().message);
    return bill;
}

}  // namespace poura::revenue::detail
