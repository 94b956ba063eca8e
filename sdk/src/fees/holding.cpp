// Holding tax: annual value by the schedule's method, the rates on it, a
// waiver, four quarterly instalments, a rebate for early payment, and arrears
// at their own year's schedule with a surcharge.
#include "core/try.hpp"
#include "fees/calc.hpp"

#include <algorithm>

namespace poura::fees {
namespace {

constexpr std::int64_t kMaxInputAmount = Money::limit / 100;
constexpr std::int64_t kMaxLandArea = 1'000'000'00;  // hundredths
constexpr std::size_t kMaxArrears = 50;

// Annual value by the schedule's method; its derivation goes on the bill.
Result<Money> annual_value(const HoldingTaxInput& in, const Schedule& s, BillBuilder& b) {
    const HoldingRules& h = s.holding;
    if (in.annual_value) {
        b.info("annual_value", "বার্ষিক মূল্য (নির্ধারণী তালিকা)", "Annual value (assessment list)", *in.annual_value,
               given_rule());
        return *in.annual_value;
    }
    if (in.occupancy == "vacant_land") {
        if (h.land_unit.empty()) return not_in_schedule(s, "no annual value for vacant land");
        const Money value = s.rounding.scale(h.vacant_land_rate, in.land_area, 100);
        b.info("annual_value", "বার্ষিক মূল্য (খালি জমি)", "Annual value (vacant land)", value,
               per_unit_rule(in.land_area, h.vacant_land_rate, h.land_unit));
        return value;
    }
    const Money annual_rent = Money::poisha(in.monthly_rent.in_poisha() * 12);
    b.info("annual_rent", "বার্ষিক ভাড়া", "Annual rent", annual_rent, per_unit_rule(1200, in.monthly_rent, "month"));
    Money value = annual_rent;
    if (h.method == HoldingRules::Method::rent_less_repairs && h.repairs_months > 0) {
        const Money repairs = Money::poisha(in.monthly_rent.in_poisha() * h.repairs_months);
        b.info("repairs_allowance", "মেরামত বাবদ বাদ", "Less repairs allowance", -repairs,
               per_unit_rule(h.repairs_months * 100, in.monthly_rent, "month"));
        value -= repairs;
    }
    if (in.occupancy == "owner_occupied" && h.owner_occupied_reduction > 0) {
        const Money reduction = s.rounding.scale(value, h.owner_occupied_reduction, 100'00);
        b.info("owner_occupied_reduction", "মালিক-বসবাসকৃত হ্রাস", "Less owner-occupied reduction", -reduction,
               rate_rule(value, h.owner_occupied_reduction));
        value -= reduction;
    }
    b.info("annual_value", "বার্ষিক মূল্য", "Annual value", value, sum_rule());
    return value;
}

Status check_input(const HoldingTaxInput& in) {
    if (in.occupancy != "rented" && in.occupancy != "owner_occupied" && in.occupancy != "vacant_land")
        return bad_input("occupancy", "must be rented, owner_occupied or vacant_land, not \"" + in.occupancy + "\"");
    if (in.monthly_rent < Money() || in.monthly_rent.in_poisha() > kMaxInputAmount / 12)
        return bad_input("monthly_rent", "must be between 0 and " + format_taka(Money::poisha(kMaxInputAmount / 12), Language::en));
    if (in.annual_value && (*in.annual_value < Money() || in.annual_value->in_poisha() > kMaxInputAmount))
        return bad_input("annual_value", "must be between 0 and " + format_taka(Money::poisha(kMaxInputAmount), Language::en));
    if (in.land_area < 0 || in.land_area > kMaxLandArea) return bad_input("land_area", "out of range");
    if (in.pays != "year" && in.pays != "q1" && in.pays != "q2" && in.pays != "q3" && in.pays != "q4")
        return bad_input("pays", "must be year, q1, q2, q3 or q4, not \"" + in.pays + "\"");
    if (in.arrears.size() > kMaxArrears) return bad_input("arrears", "at most 50 years");
    for (const auto& a : in.arrears)
        if (a.annual_value < Money() || a.annual_value.in_poisha() > kMaxInputAmount || a.paid < Money() ||
            a.paid.in_poisha() > kMaxInputAmount)
            return bad_input("arrears", "amounts must be between 0 and " +
                                            format_taka(Money::poisha(kMaxInputAmount), Language::en));
    return {};
}

Status add_arrears(const ScheduleSet& set, const HoldingTaxInput& in, int year, const Schedule& current,
                   BillBuilder& b) {
    for (std::size_t i = 0; i < in.arrears.size(); ++i) {
        const HoldingArrear& a = in.arrears[i];
        const std::string field = "arrears[" + std::to_string(i) + "].fiscal_year";
        auto first = fiscal_year_field(field, a.fiscal_year);
        POURA_RETURN_IF_ERROR(first);
        if (*first >= year) return bad_input(field, "an arrear must be for a year before " + dates::format_fiscal_year(year));
        auto then = schedule_in_force(set, in.municipality, dates::Date{*first, 7, 1});
        POURA_RETURN_IF_ERROR(then);
        const Schedule& s = **then;
        if (!s.holding.present) return not_in_schedule(s, "no holding tax section");
        const std::string period = dates::format_fiscal_year(*first);

        const Money due = s.rounding.scale(a.annual_value, s.holding.total_rate, 100'00);
        if (a.paid > due)
            return bad_input("arrears[" + std::to_string(i) + "].paid", "is more than that year's tax " +
                                                                           format_taka(due, Language::en));
        LineItem& tax = b.add("arrears", "বকেয়া কর", "Arrears", due, rate_rule(a.annual_value, s.holding.total_rate));
        tax.schedule = s.id;
        tax.period = period;
        if (!a.paid.is_zero()) {
            LineItem& paid = b.add("arrears_paid", "বকেয়া বাবদ পরিশোধিত", "Already paid towards arrears", -a.paid,
                                   given_rule());
            paid.period = period;
        }
        const Money unpaid = due - a.paid;
        if (current.holding.arrears_surcharge > 0 && !unpaid.is_zero()) {
            LineItem& surcharge =
                b.add("arrears_surcharge", "বকেয়ার উপর সারচার্জ", "Surcharge on arrears",
                      current.rounding.scale(unpaid, current.holding.arrears_surcharge, 100'00),
                      rate_rule(unpaid, current.holding.arrears_surcharge));
            surcharge.period = period;
        }
    }
    return {};
}

}  // namespace

Result<Bill> holding_tax(const ScheduleSet& set, const HoldingTaxInput& in) {
    auto checked = check_input(in);
    POURA_RETURN_IF_ERROR(checked);
    auto year = fiscal_year_field("fiscal_year", in.fiscal_year);
    POURA_RETURN_IF_ERROR(year);
    auto found = schedule_in_force(set, in.municipality, dates::Date{*year, 7, 1});
    POURA_RETURN_IF_ERROR(found);
    const Schedule& s = **found;
    const HoldingRules& h = s.holding;
    if (!h.present) return not_in_schedule(s, "no holding tax section");
    if (std::find(h.uses.begin(), h.uses.end(), in.use) == h.uses.end())
        return not_in_schedule(s, "unknown use \"" + in.use + "\"");

    BillBuilder b("holding_tax", *found, dates::format_fiscal_year(*year));
    auto value = annual_value(in, s, b);
    POURA_RETURN_IF_ERROR(value);

    Money tax;
    if (std::find(h.exempt_uses.begin(), h.exempt_uses.end(), in.use) != h.exempt_uses.end()) {
        b.info("exempt", "ব্যবহারের কারণে কর অব্যাহতি", "Exempt by use", Money(), fixed_rule());
    } else {
        for (const Component& c : h.components) {
            const Money amount = s.rounding.scale(*value, c.rate, 100'00);
            b.add(c.code, c.label_bn, c.label_en, amount, rate_rule(*value, c.rate));
            tax += amount;
        }
    }
    const Money gross = tax;
    for (const std::string& code : in.waivers) {
        const Waiver* w = find_code(h.waivers, code);
        if (!w) return not_in_schedule(s, "unknown waiver \"" + code + "\"");
        const Money amount = s.rounding.scale(gross, w->rate, 100'00);
        b.add(w->code, w->label_bn, w->label_en, -amount, rate_rule(gross, w->rate));
        tax -= amount;
    }
    if (tax < Money()) return bad_input("waivers", "together they exceed the tax");

    // Four instalments: the year's net tax split evenly in the schedule's
    // rounding unit, the remainder on the first.
    const std::int64_t unit = s.rounding.unit;
    const std::int64_t quarter = tax.in_poisha() / (4 * unit) * unit;
    Bill& bill = b.bill();
    bill.instalments.reserve(4);
    for (int q = 0; q < 4; ++q) {
        const Money amount = Money::poisha(q == 0 ? tax.in_poisha() - 3 * quarter : quarter);
        bill.instalments.push_back({q + 1, dates::format_iso_date(h.instalment_due[q].in_fiscal_year(*year)), amount});
    }
    bill.due = bill.instalments.front().due;

    if (!in.paid_on.empty()) {
        auto paid = date_field("paid_on", in.paid_on);
        POURA_RETURN_IF_ERROR(paid);
        const std::int64_t paid_day = dates::days_from_civil(*paid);
        // A rebate applies to what the payment covers: the year or one quarter.
        const Money base =
            in.pays == "year" ? tax : bill.instalments[static_cast<std::size_t>(in.pays[1] - '1')].amount;
        const Rebate* best = nullptr;
        Money best_amount;
        for (const Rebate& r : h.rebates) {
            if (r.pays != in.pays || paid_day > dates::days_from_civil(r.paid_by.in_fiscal_year(*year))) continue;
            const Money amount = s.rounding.scale(base, r.rate, 100'00);
            if (!best || amount > best_amount) best = &r, best_amount = amount;
        }
        if (best && !best_amount.is_zero())
            b.add(best->code, best->label_bn, best->label_en, -best_amount, rate_rule(base, best->rate));
    }
    auto arrears = add_arrears(set, in, *year, s, b);
    POURA_RETURN_IF_ERROR(arrears);
    return b.finish();
}

}  // namespace poura::fees
