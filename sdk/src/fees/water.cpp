// Water: a flat monthly rate by pipe diameter and use (plus each extra flat),
// or a metered tariff in tiers per 1,000 litres with meter rent; the
// connection fee for a new connection; a surcharge when paid after the due day.
#include "core/try.hpp"
#include "fees/calc.hpp"

namespace poura::fees {
namespace {

constexpr std::int64_t kMaxLitres = 1'000'000'000;  // a month's consumption
constexpr int kMaxFlats = 10'000;

const PipeRate* find_pipe(const std::vector<PipeRate>& rates, std::string_view diameter) {
    for (const auto& r : rates)
        if (r.diameter == diameter) return &r;
    return nullptr;
}

// One line per tier the consumption reaches.
void metered_charges(const WaterUse& use, std::int64_t litres, const Schedule& s, BillBuilder& b) {
    std::int64_t lower = 0;
    for (std::size_t i = 0; i < use.tiers.size() && lower < litres; ++i) {
        const Tier& tier = use.tiers[i];
        const std::int64_t upper = tier.up_to_litres == 0 ? litres : std::min(litres, tier.up_to_litres);
        const std::int64_t in_tier = upper - lower;
        Rule rule;
        rule.kind = Rule::Kind::tiered;
        rule.quantity = in_tier;
        rule.unit_price = tier.per_thousand_litres;
        rule.unit = "1,000 litres";
        b.add("water_metered", "পানির বিল (মিটার)", "Water (metered)",
              s.rounding.scale(tier.per_thousand_litres, in_tier, 1000), rule);
        lower = upper;
    }
}

}  // namespace

Result<Bill> water_bill(const ScheduleSet& set, const WaterInput& in) {
    auto month = date_field("month", in.month + "-01");
    if (!month || in.month.size() != 7) return bad_input("month", "must be a month YYYY-MM, not \"" + in.month + "\"");
    if (in.extra_flats < 0 || in.extra_flats > kMaxFlats) return bad_input("extra_flats", "must be 0 to 10000");
    if (in.litres < 0 || in.litres > kMaxLitres) return bad_input("litres", "must be 0 to 1,000,000,000");
    if (!in.metered && in.litres != 0) return bad_input("litres", "is for a metered connection (metered)");
    if (in.arrears < Money() || in.arrears.in_poisha() > Money::limit / 100) return bad_input("arrears", "out of range");
    auto found = schedule_in_force(set, in.municipality, *month);
    POURA_RETURN_IF_ERROR(found);
    const Schedule& s = **found;
    const WaterRules& w = s.water;
    if (!w.present) return not_in_schedule(s, "no water section");
    const WaterUse* use = find_code(w.uses, in.use);
    if (!use) return not_in_schedule(s, "unknown water use \"" + in.use + "\"");

    BillBuilder b("water", *found, in.month);
    Money charges;
    if (in.metered) {
        if (use->tiers.empty()) return not_in_schedule(s, "no metered tariff for use \"" + in.use + "\"");
        metered_charges(*use, in.litres, s, b);
        const PipeRate* rent = find_pipe(w.meter_rent, in.diameter);
        if (!rent) return not_in_schedule(s, "no meter rent for pipe diameter \"" + in.diameter + "\"");
        b.add("meter_rent", "মিটার ভাড়া", "Meter rent", rent->amount, fixed_rule());
    } else {
        const PipeRate* flat = find_pipe(use->flat, in.diameter);
        if (!flat)
            return not_in_schedule(s, "no flat rate for pipe diameter \"" + in.diameter + "\" and use \"" + in.use + "\"");
        b.add("water_flat", "পানির বিল (নির্ধারিত হার)", "Water (flat rate)", flat->amount, fixed_rule());
        if (in.extra_flats > 0)
            b.add("extra_flats", "অতিরিক্ত ফ্ল্যাট", "Extra flats",
                  Money::poisha(use->extra_flat.in_poisha() * in.extra_flats),
                  per_unit_rule(in.extra_flats * 100, use->extra_flat, "flat"));
    }
    for (const auto& line : b.bill().lines) charges += line.amount;

    if (in.new_connection) {
        const PipeRate* fee = find_pipe(w.connection_fee, in.diameter);
        if (!fee) return not_in_schedule(s, "no connection fee for pipe diameter \"" + in.diameter + "\"");
        b.add("connection_fee", "সংযোগ ফি", "Connection fee", fee->amount, fixed_rule());
    }
    if (!in.arrears.is_zero()) b.add("arrears", "বকেয়া", "Arrears", in.arrears, given_rule());

    // Due on the schedule's day of the following month.
    const dates::Date due = dates::add_months(dates::Date{month->year, month->month, w.due_day}, 1);
    b.bill().due = dates::format_iso_date(due);
    if (!in.paid_on.empty()) {
        auto paid = date_field("paid_on", in.paid_on);
        POURA_RETURN_IF_ERROR(paid);
        if (dates::days_from_civil(*paid) < dates::days_from_civil(*month))
            return bad_input("paid_on", in.paid_on + " is before the month billed, " + in.month);
        if (dates::days_from_civil(*paid) > dates::days_from_civil(due) && w.late_surcharge > 0)
            b.add("late_surcharge", "বিলম্ব সারচার্জ", "Late payment surcharge",
                  s.rounding.scale(charges, w.late_surcharge, 100'00), rate_rule(charges, w.late_surcharge));
    }
    return b.finish();
}

}  // namespace poura::fees
