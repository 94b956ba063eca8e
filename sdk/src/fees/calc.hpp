// What the calculators share: finding the schedule in force, naming the
// input field at fault, and adding lines to a bill.
#pragma once

#include "fees/schedule.hpp"

namespace poura::fees {

inline Error bad_input(std::string_view field, const std::string& what) {
    return make_error(Errc::invalid_argument, std::string(field) + ": " + what);
}

inline Error not_in_schedule(const Schedule& s, const std::string& what) {
    return make_error(Errc::not_in_schedule, "schedule \"" + s.id + "\": " + what);
}

// The schedule in force for `municipality` on `date`.
// calculator needs.
Result<std::shared_ptr<const Schedule>> schedule_in_force(const ScheduleSet& set, std::string_view municipality,
                                                          const dates::Date& date);

Result<dates::Date> date_field(std::string_view field, std::string_view iso);
Result<int> fiscal_year_field(std::string_view field, std::string_view text);

// A bill under construction: lines are added in order, the total kept.
class BillBuilder {
public:
    BillBuilder(std::string_view service, const std::shared_ptr<const Schedule>& schedule, std::string period);

    LineItem& add(std::string_view code, std::string_view bn, std::string_view en, Money amount, Rule rule);
    LineItem& info(std::string_view code, std::string_view bn, std::string_view en, Money amount, Rule rule);

    Bill& bill() { return bill_; }
    Bill finish();

private:
    Bill bill_;
};

inline Rule fixed_rule() { return Rule{}; }
inline Rule given_rule() {
    Rule r;
    r.kind = Rule::Kind::given;
    return r;
}
inline Rule sum_rule() {
    Rule r;
    r.kind = Rule::Kind::sum;
    return r;
}
inline Rule rate_rule(Money base, std::int64_t rate) {
    Rule r;
    r.kind = Rule::Kind::rate;
    r.base = base;
    r.rate = rate;
    return r;
}
inline Rule per_unit_rule(std::int64_t quantity_hundredths, Money unit_price, std::string_view unit) {
    Rule r;
    r.kind = Rule::Kind::per_unit;
    r.quantity = quantity_hundredths;
    r.unit_price = unit_price;
    r.unit = unit;
    return r;
}

}  // namespace poura::fees
