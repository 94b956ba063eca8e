// Holding tax: annual value by the schedule's method (for the whole holding
// or unit by unit), the rates of each use on it, waivers, four quarterly
// instalments, a rebate for early payment shown on the instalments it
// covers, and arrears at their own year's schedule with a surcharge.
#include "core/try.hpp"
#include "fees/calc.hpp"

#include <algorithm>
#include <set>

namespace poura::fees {
namespace {

constexpr std::int64_t kMaxInputAmount = Money::limit / 100;
constexpr std::int64_t kMaxLandArea = 1'000'000'00;    // hundredths
constexpr std::int64_t kMaxFloorArea = 10'000'000'00;  // hundredths of a square foot
constexpr std::size_t kMaxArrears = 50;
constexpr std::size_t kMaxUnits = 500;

// A part of the holding assessed on its own: the whole holding, or one unit.
struct Part {
    std::string label;  // empty: the whole holding
    std::string use;
    std::string occupancy;
    Money monthly_rent;
    Money loan_interest;
};

std::vector<Part> parts_of(const HoldingTaxInput& in) {
    std::vector<Part> parts;
    if (in.units.empty()) {
        parts.push_back({"", in.use, in.occupancy, in.monthly_rent, in.loan_interest});
        return parts;
    }
    for (const auto& u : in.units) parts.push_back({u.label, u.use, u.occupancy, u.monthly_rent, u.loan_interest});
    return parts;
}

// The uses' names on a bill; a use the table lacks is shown by its code.
std::pair<std::string, std::string> use_names(const std::string& use) {
    static const std::pair<std::string_view, std::pair<std::string_view, std::string_view>> kUses[] = {
        {"residential", {"আবাসিক", "residential"}},   {"commercial", {"বাণিজ্যিক", "commercial"}},
        {"industrial", {"শিল্প", "industrial"}},       {"religious", {"ধর্মীয়", "religious"}},
        {"educational", {"শিক্ষা প্রতিষ্ঠান", "educational"}}, {"government", {"সরকারি", "government"}},
    };
    for (const auto& [code, names] : kUses)
        if (code == use) return {std::string(names.first), std::string(names.second)};
    return {use, use};
}

std::string suffixed(const std::string& label, const std::string& part) {
    return part.empty() ? label : label + " — " + part;
}

// Quarters a payment covers, from "year", "q2" or "q1+q2+q3": first and last, 1-based.
std::optional<std::pair<int, int>> covered_quarters(const std::string& pays) {
    if (pays == "year") return std::make_pair(1, 4);
    int first = 0, last = 0;
    for (std::size_t i = 0; i < pays.size(); i += 3) {
        if (pays.size() < i + 2 || pays[i] != 'q' || pays[i + 1] < '1' || pays[i + 1] > '4') return std::nullopt;
        if (i + 2 < pays.size() && pays[i + 2] != '+') return std::nullopt;
        if (i + 2 == pays.size() - 1) return std::nullopt;  // a trailing '+'
        const int q = pays[i + 1] - '0';
        if (first == 0) first = q;
        else if (q != last + 1) return std::nullopt;
        last = q;
    }
    if (first == 0) return std::nullopt;
    return std::make_pair(first, last);
}

Status check_amount(const std::string& field, Money amount, std::int64_t maximum) {
    if (amount < Money() || amount.in_poisha() > maximum)
        return bad_input(field, "must be between 0 and " + format_taka(Money::poisha(maximum), Language::en));
    return {};
}

Status check_input(const HoldingTaxInput& in) {
    if (in.occupancy != "rented" && in.occupancy != "owner_occupied" && in.occupancy != "vacant_land")
        return bad_input("occupancy", "must be rented, owner_occupied or vacant_land, not \"" + in.occupancy + "\"");
    POURA_RETURN_IF_ERROR(check_amount("monthly_rent", in.monthly_rent, kMaxInputAmount / 12));
    POURA_RETURN_IF_ERROR(check_amount("loan_interest", in.loan_interest, kMaxInputAmount));
    if (in.annual_value) POURA_RETURN_IF_ERROR(check_amount("annual_value", *in.annual_value, kMaxInputAmount));
    if (in.land_area < 0 || in.land_area > kMaxLandArea) return bad_input("land_area", "out of range");
    if (in.floor_area < 0 || in.floor_area > kMaxFloorArea) return bad_input("floor_area", "out of range");
    if (!covered_quarters(in.pays))
        return bad_input("pays", "must be year, a quarter q1 to q4, or following quarters such as q1+q2, not \"" +
                                     in.pays + "\"");
    if (in.units.size() > kMaxUnits) return bad_input("units", "at most 500");
    if (!in.units.empty()) {
        if (in.annual_value) return bad_input("annual_value", "a holding assessed unit by unit has no single annual value");
        if (in.occupancy != "rented" || in.use != "residential" || !in.monthly_rent.is_zero() ||
            !in.loan_interest.is_zero())
            return bad_input("units", "use, occupancy, monthly_rent and loan_interest are given per unit");
    }
    for (std::size_t i = 0; i < in.units.size(); ++i) {
        const HoldingUnit& u = in.units[i];
        const std::string at = "units[" + std::to_string(i) + "]";
        if (u.occupancy != "rented" && u.occupancy != "owner_occupied")
            return bad_input(at + ".occupancy", "must be rented or owner_occupied, not \"" + u.occupancy + "\"");
        POURA_RETURN_IF_ERROR(check_amount(at + ".monthly_rent", u.monthly_rent, kMaxInputAmount / 12));
        POURA_RETURN_IF_ERROR(check_amount(at + ".loan_interest", u.loan_interest, kMaxInputAmount));
        if (u.monthly_rent.is_zero()) return bad_input(at + ".monthly_rent", "a unit needs its (assessed) monthly rent");
        if (u.floor_area < 0 || u.floor_area > kMaxFloorArea) return bad_input(at + ".floor_area", "out of range");
    }
    if (in.occupancy == "vacant_land" && (!in.monthly_rent.is_zero() || !in.loan_interest.is_zero()))
        return bad_input("monthly_rent", "vacant land has no rent and no building loan");

    std::set<std::string> waivers;
    for (std::size_t i = 0; i < in.waivers.size(); ++i)
        if (!waivers.insert(in.waivers[i]).second)
            return bad_input("waivers[" + std::to_string(i) + "]", "waiver \"" + in.waivers[i] + "\" is given twice");

    if (in.arrears.size() > kMaxArrears) return bad_input("arrears", "at most 50 years");
    std::set<int> years;
    for (std::size_t i = 0; i < in.arrears.size(); ++i) {
        const HoldingArrear& a = in.arrears[i];
        const std::string at = "arrears[" + std::to_string(i) + "]";
        POURA_RETURN_IF_ERROR(check_amount(at + ".annual_value", a.annual_value, kMaxInputAmount));
        POURA_RETURN_IF_ERROR(check_amount(at + ".paid", a.paid, kMaxInputAmount));
        auto year = fiscal_year_field(at + ".fiscal_year", a.fiscal_year);
        POURA_RETURN_IF_ERROR(year);
        if (!years.insert(*year).second)
            return bad_input(at + ".fiscal_year", dates::format_fiscal_year(*year) + " is listed twice");
    }
    return {};
}

// Annual value of one part by the schedule's method; its derivation goes on the bill.
Result<Money> part_value(const Part& p, const Schedule& s, BillBuilder& b) {
    const HoldingRules& h = s.holding;
    const Money annual_rent = Money::poisha(p.monthly_rent.in_poisha() * 12);
    b.info("annual_rent", suffixed("বার্ষিক ভাড়া", p.label), suffixed("Annual rent", p.label), annual_rent,
           per_unit_rule(1200, p.monthly_rent, "month"));
    Money value = annual_rent;
    if (h.method == HoldingRules::Method::rent_less_repairs && h.repairs_months > 0) {
        const Money repairs = Money::poisha(p.monthly_rent.in_poisha() * h.repairs_months);
        b.info("repairs_allowance", suffixed("মেরামত বাবদ বাদ", p.label), suffixed("Less repairs allowance", p.label),
               -repairs, per_unit_rule(h.repairs_months * 100, p.monthly_rent, "month"));
        value -= repairs;
    }
    if (!p.loan_interest.is_zero()) {
        if (!h.deduct_loan_interest) return not_in_schedule(s, "no deduction of house-building loan interest");
        // The deduction takes the value to zero at most.
        const Money interest = std::min(p.loan_interest, value);
        b.info("loan_interest", suffixed("গৃহনির্মাণ ঋণের সুদ বাদ", p.label),
               suffixed("Less interest on a house-building loan", p.label), -interest, given_rule());
        value -= interest;
    }
    if (p.occupancy == "owner_occupied" && h.owner_occupied_reduction > 0) {
        const Money reduction = s.rounding.scale(value, h.owner_occupied_reduction, 100'00);
        b.info("owner_occupied_reduction", suffixed("মালিক-বসবাসকৃত হ্রাস", p.label),
               suffixed("Less owner-occupied reduction", p.label), -reduction,
               rate_rule(value, h.owner_occupied_reduction));
        value -= reduction;
    }
    return value;
}

// The annual value of each use in the holding, in the order the uses first appear.
using ValueByUse = std::vector<std::pair<std::string, Money>>;

Result<ValueByUse> annual_values(const HoldingTaxInput& in, const std::vector<Part>& parts, const Schedule& s,
                                 BillBuilder& b) {
    const HoldingRules& h = s.holding;
    if (in.annual_value) {
        if (in.annual_value->is_zero() && !h.exempt(in.use))
            return bad_input("annual_value", "is zero: leave it out to assess the holding by its rent");
        b.info("annual_value", "বার্ষিক মূল্য (নির্ধারণী তালিকা)", "Annual value (assessment list)", *in.annual_value,
               given_rule());
        return ValueByUse{{in.use, *in.annual_value}};
    }
    if (in.occupancy == "vacant_land") {
        if (h.land == HoldingRules::Land::none) return not_in_schedule(s, "no annual value for vacant land");
        if (h.land == HoldingRules::Land::per_plot) {
            b.info("annual_value", "বার্ষিক মূল্য (খালি জমি, প্রতি প্লট)", "Annual value (vacant land, per plot)",
                   h.vacant_land_rate, per_unit_rule(100, h.vacant_land_rate, "plot"));
            return ValueByUse{{in.use, h.vacant_land_rate}};
        }
        if (in.land_area == 0) return bad_input("land_area", "vacant land needs its area, in " + h.land_unit + "s");
        const Money value = s.rounding.scale(h.vacant_land_rate, in.land_area, 100);
        b.info("annual_value", "বার্ষিক মূল্য (খালি জমি)", "Annual value (vacant land)", value,
               per_unit_rule(in.land_area, h.vacant_land_rate, h.land_unit));
        return ValueByUse{{in.use, value}};
    }
    // An exempt holding (a mosque, a school) owes nothing whatever its value: it needs no rent.
    const bool exempt = std::find(h.exempt_uses.begin(), h.exempt_uses.end(), in.use) != h.exempt_uses.end();
    if (in.units.empty() && in.monthly_rent.is_zero() && !exempt)
        return bad_input("monthly_rent", "a rented or owner-occupied holding needs its monthly rent or an annual value");
    ValueByUse by_use;
    Money total;
    for (const Part& p : parts) {
        auto value = part_value(p, s, b);
        POURA_RETURN_IF_ERROR(value);
        if (!p.label.empty())
            b.info("unit_annual_value", suffixed("বার্ষিক মূল্য", p.label), suffixed("Annual value", p.label), *value,
                   sum_rule());
        auto it = std::find_if(by_use.begin(), by_use.end(), [&](const auto& e) { return e.first == p.use; });
        if (it == by_use.end()) by_use.emplace_back(p.use, *value);
        else it->second += *value;
        total += *value;
    }
    Rule rule = sum_rule();
    if (!in.units.empty()) rule.unit = "units";
    b.info("annual_value", "বার্ষিক মূল্য", "Annual value", total, rule);
    return by_use;
}

// A waiver's conditions, met by every part of the holding.
Status check_waiver(const Waiver& w, std::size_t index, const HoldingTaxInput& in, const std::vector<Part>& parts) {
    const std::string field = "waivers[" + std::to_string(index) + "]";
    for (const Part& p : parts) {
        if (!w.uses.empty() && std::find(w.uses.begin(), w.uses.end(), p.use) == w.uses.end())
            return bad_input(field, "\"" + w.code + "\" is not given to a holding used as " + p.use);
        if (!w.occupancies.empty() &&
            std::find(w.occupancies.begin(), w.occupancies.end(), p.occupancy) == w.occupancies.end())
            return bad_input(field, "\"" + w.code + "\" is not given to a holding that is " + p.occupancy);
    }
    if (w.max_floor_area > 0) {
        std::int64_t area = in.floor_area;
        if (area == 0)
            for (const auto& u : in.units) area += u.floor_area;
        const std::string limit = format_money(Money::poisha(w.max_floor_area), Language::en);
        if (area == 0)
            return bad_input("floor_area", "\"" + w.code + "\" is given up to " + limit +
                                               " sq ft: the holding's floor area is needed");
        if (area > w.max_floor_area)
            return bad_input(field, "\"" + w.code + "\" is given up to " + limit + " sq ft; this holding has " +
                                        format_money(Money::poisha(area), Language::en));
    }
    return {};
}

// A rebate's share of each instalment it covers: the rate on each, with the
// rounding difference from the rate on their sum put on the first that can take it.
void spread_rebate(Money rebate, std::int64_t rate, int first, int last, const Rounding& rounding,
                   std::vector<Instalment>& instalments) {
    Money spread;
    for (int q = first; q <= last; ++q) {
        Instalment& i = instalments[static_cast<std::size_t>(q - 1)];
        i.rebate = std::min(rounding.scale(i.amount, rate, 100'00), i.amount);
        spread += i.rebate;
    }
    Money rest = rebate - spread;
    for (int q = first; q <= last && !rest.is_zero(); ++q) {
        Instalment& i = instalments[static_cast<std::size_t>(q - 1)];
        const Money take = rest > Money() ? std::min(rest, i.amount - i.rebate) : std::max(rest, -i.rebate);
        i.rebate += take;
        rest -= take;
    }
    for (int q = first; q <= last; ++q) {
        Instalment& i = instalments[static_cast<std::size_t>(q - 1)];
        i.amount -= i.rebate;
    }
}

Status add_rebate(const HoldingTaxInput& in, int year, const Schedule& s, BillBuilder& b) {
    if (in.paid_on.empty()) return {};
    auto paid = date_field("paid_on", in.paid_on);
    POURA_RETURN_IF_ERROR(paid);
    const dates::Date start{year, 7, 1};
    if (dates::days_from_civil(*paid) < dates::days_from_civil(start))
        return bad_input("paid_on", in.paid_on + " is before the fiscal year " + dates::format_fiscal_year(year) +
                                        " begins (" + dates::format_iso_date(start) + ")");
    const std::int64_t paid_day = dates::days_from_civil(*paid);
    const auto [first, last] = *covered_quarters(in.pays);
    const HoldingRules& h = s.holding;
    std::vector<Instalment>& instalments = b.bill().instalments;
    Money base;
    for (int q = first; q <= last; ++q) base += instalments[static_cast<std::size_t>(q - 1)].amount;
    const bool whole_year = first == 1 && last == 4;

    const Rebate* best = nullptr;
    Money best_amount;
    for (const Rebate& r : h.rebates) {
        dates::Date by = r.paid_by.in_fiscal_year(year);
        bool applies = false;
        switch (r.covers) {
            case Rebate::Covers::year: applies = whole_year; break;
            case Rebate::Covers::quarter: applies = first == r.quarter && last == r.quarter; break;
            case Rebate::Covers::current_and_advance:
                applies = last - first >= r.min_advance && last - first <= r.max_advance;
                by = h.instalment_due[static_cast<std::size_t>(first - 1)].in_fiscal_year(year);
                break;
        }
        if (!applies || paid_day > dates::days_from_civil(by)) continue;
        const Money amount = s.rounding.scale(base, r.rate, 100'00);
        if (!best || amount > best_amount) best = &r, best_amount = amount;
    }
    if (!best || best_amount.is_zero()) return {};
    b.add(best->code, best->label_bn, best->label_en, -best_amount, rate_rule(base, best->rate));
    spread_rebate(best_amount, best->rate, first, last, s.rounding, instalments);
    return {};
}

Status add_arrears(const ScheduleSet& set, const HoldingTaxInput& in, int year, const Schedule& current,
                   bool holding_exempt, BillBuilder& b) {
    for (std::size_t i = 0; i < in.arrears.size(); ++i) {
        const HoldingArrear& a = in.arrears[i];
        const std::string field = "arrears[" + std::to_string(i) + "]";
        auto first = fiscal_year_field(field + ".fiscal_year", a.fiscal_year);
        POURA_RETURN_IF_ERROR(first);
        if (*first >= year)
            return bad_input(field + ".fiscal_year",
                             "an arrear must be for a year before " + dates::format_fiscal_year(year));
        auto then = schedule_in_force(set, in.municipality, dates::Date{*first, 7, 1});
        POURA_RETURN_IF_ERROR(then);
        const Schedule& s = **then;
        if (!s.holding.present) return not_in_schedule(s, "no holding tax section");
        const std::string use = !a.use.empty() ? a.use : in.units.empty() ? in.use : std::string();
        if (!use.empty() && std::find(s.holding.uses.begin(), s.holding.uses.end(), use) == s.holding.uses.end())
            return not_in_schedule(s, "unknown use \"" + use + "\"");
        const std::string period = dates::format_fiscal_year(*first);
        const std::int64_t rate = s.holding.total_rate_for(use);
        const Money due = s.rounding.scale(a.annual_value, rate, 100'00);

        // An exempt holding owes nothing for earlier years either: shown, not charged.
        if (holding_exempt || s.holding.exempt(use)) {
            LineItem& line = b.info("arrears_exempt", "বকেয়া কর (অব্যাহতিপ্রাপ্ত, আদায়যোগ্য নয়)",
                                    "Arrears (exempt, not charged)", due - std::min(a.paid, due),
                                    rate_rule(a.annual_value, rate));
            line.schedule = s.id;
            line.period = period;
            continue;
        }
        if (a.paid > due)
            return bad_input(field + ".paid", "is more than that year's tax " + format_taka(due, Language::en));
        LineItem& tax = b.add("arrears", "বকেয়া কর", "Arrears", due, rate_rule(a.annual_value, rate));
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
    POURA_RETURN_IF_ERROR(check_input(in));
    auto year = fiscal_year_field("fiscal_year", in.fiscal_year);
    POURA_RETURN_IF_ERROR(year);
    auto found = schedule_in_force(set, in.municipality, dates::Date{*year, 7, 1});
    POURA_RETURN_IF_ERROR(found);
    const Schedule& s = **found;
    const HoldingRules& h = s.holding;
    if (!h.present) return not_in_schedule(s, "no holding tax section");
    const std::vector<Part> parts = parts_of(in);
    for (const Part& p : parts)
        if (std::find(h.uses.begin(), h.uses.end(), p.use) == h.uses.end())
            return not_in_schedule(s, "unknown use \"" + p.use + "\"");

    BillBuilder b("holding_tax", *found, dates::format_fiscal_year(*year));
    auto values = annual_values(in, parts, s, b);
    POURA_RETURN_IF_ERROR(values);

    // The rates of each use on its annual value; the use is named on the
    // lines only when the holding has more than one.
    Money tax;
    bool holding_exempt = true;
    const bool name_use = values->size() > 1;
    for (const auto& [use, value] : *values) {
        const auto [use_bn, use_en] = use_names(use);
        if (h.exempt(use)) {
            b.info("exempt", "ব্যবহারের কারণে কর অব্যাহতি (" + use_bn + ")", "Exempt by use (" + use_en + ")", Money(),
                   fixed_rule());
            continue;
        }
        holding_exempt = false;
        for (const Component& c : h.components_for(use)) {
            const Money amount = s.rounding.scale(value, c.rate, 100'00);
            b.add(c.code, name_use ? c.label_bn + " (" + use_bn + ")" : c.label_bn,
                  name_use ? c.label_en + " (" + use_en + ")" : c.label_en, amount, rate_rule(value, c.rate));
            tax += amount;
        }
    }
    const Money gross = tax;
    for (std::size_t i = 0; i < in.waivers.size(); ++i) {
        const Waiver* w = find_code(h.waivers, in.waivers[i]);
        if (!w) return not_in_schedule(s, "unknown waiver \"" + in.waivers[i] + "\"");
        POURA_RETURN_IF_ERROR(check_waiver(*w, i, in, parts));
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
        bill.instalments.push_back(
            {q + 1, dates::format_iso_date(h.instalment_due[q].in_fiscal_year(*year)), amount, Money()});
    }
    bill.due = bill.instalments.front().due;

    POURA_RETURN_IF_ERROR(add_rebate(in, *year, s, b));
    POURA_RETURN_IF_ERROR(add_arrears(set, in, *year, s, holding_exempt, b));
    return b.finish();
}

}  // namespace poura::fees
