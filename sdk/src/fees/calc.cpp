#include "fees/calc.hpp"

namespace poura::fees {

Result<std::shared_ptr<const Schedule>> schedule_in_force(const ScheduleSet& set, std::string_view municipality,
                                                          const dates::Date& date) {
    auto schedule = set.find_on_day(municipality, dates::days_from_civil(date));
    if (!schedule)
        return make_error(Errc::not_in_schedule, "no schedule in force for municipality \"" + std::string(municipality) +
                                                     "\" on " + dates::format_iso_date(date));
    return schedule;
}

Result<dates::Date> date_field(std::string_view field, std::string_view iso) {
    auto date = dates::parse_iso_date(iso);
    if (!date) return bad_input(field, "must be a date YYYY-MM-DD, not \"" + std::string(iso) + "\"");
    return *date;
}

Result<int> fiscal_year_field(std::string_view field, std::string_view text) {
    auto year = dates::parse_fiscal_year(text);
    if (!year) return bad_input(field, "must be a fiscal year such as 2025-26, not \"" + std::string(text) + "\"");
    return *year;
}

BillBuilder::BillBuilder(std::string_view service, const std::shared_ptr<const Schedule>& schedule,
                         std::string period) {
    bill_.service = service;
    bill_.municipality = schedule->municipality;
    bill_.municipality_bn = schedule->municipality_bn;
    bill_.municipality_en = schedule->municipality_en;
    bill_.period = std::move(period);
    bill_.schedule = schedule->id;
    bill_.lines.reserve(16);
}

LineItem& BillBuilder::add(std::string_view code, std::string_view bn, std::string_view en, Money amount, Rule rule) {
    LineItem& line = bill_.lines.emplace_back();
    line.code = code;
    line.label_bn = bn;
    line.label_en = en;
    line.amount = amount;
    line.rule = rule;
    line.schedule = bill_.schedule;
    return line;
}

LineItem& BillBuilder::info(std::string_view code, std::string_view bn, std::string_view en, Money amount,
                            Rule rule) {
    LineItem& line = add(code, bn, en, amount, rule);
    line.informational = true;
    return line;
}

Bill BillBuilder::finish() {
    Money total;
    for (const auto& line : bill_.lines)
        if (!line.informational) total += line.amount;
    bill_.total = total;
    return std::move(bill_);
}

}  // namespace poura::fees
