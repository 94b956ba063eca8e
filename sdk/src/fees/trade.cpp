// Trade licence: the fee by business category and the municipality's class
// for each year the licence covers, signboard tax by area, VAT, the statutory
// source income tax on renewal, a surcharge on late renewal, and arrears.
#include "core/try.hpp"
#include "fees/calc.hpp"

#include <set>

namespace poura::fees {
namespace {

constexpr std::int64_t kMaxSignboardArea = 100'000'00;  // hundredths of a square foot
constexpr std::size_t kMaxSignboards = 100;

Result<Money> class_fee(const Schedule& s, std::string_view category_code, const Category** category_out) {
    const Category* category = find_code(s.trade.categories, category_code);
    if (!category) return not_in_schedule(s, "unknown business category \"" + std::string(category_code) + "\"");
    *category_out = category;
    for (const auto& [klass, fee] : category->fee_by_class)
        if (klass == s.municipality_class) return fee;
    return not_in_schedule(s, "no fee for category \"" + category->code + "\" in class \"" + s.municipality_class + "\"");
}

// Whole or started months from the day after `grace` to `paid`.
std::int64_t months_late(const dates::Date& grace, const dates::Date& paid) {
    std::int64_t months = (paid.year - grace.year) * 12 + (paid.month - grace.month);
    if (paid.day > grace.day || dates::days_from_civil(dates::add_months(grace, static_cast<int>(months))) <
                                    dates::days_from_civil(paid))
        ++months;
    return months;
}

}  // namespace

Result<Bill> trade_licence_fee(const ScheduleSet& set, const TradeLicenceInput& in) {
    auto year = fiscal_year_field("fiscal_year", in.fiscal_year);
    POURA_RETURN_IF_ERROR(year);
    if (in.signboards.size() > kMaxSignboards) return bad_input("signboards", "at most 100");
    for (const auto& board : in.signboards)
        if (board.area < 0 || board.area > kMaxSignboardArea)
            return bad_input("signboards", "an area must be 0 to 100,000 square feet");
    auto found = schedule_in_force(set, in.municipality, dates::Date{*year, 7, 1});
    POURA_RETURN_IF_ERROR(found);
    const Schedule& s = **found;
    const TradeRules& t = s.trade;
    if (!t.present) return not_in_schedule(s, "no trade licence section");
    if (in.years < 1 || in.years > t.max_years)
        return bad_input("years", "this municipality issues licences for 1 to " + std::to_string(t.max_years) +
                                      " years");

    const Category* category = nullptr;
    auto fee = class_fee(s, in.category, &category);
    POURA_RETURN_IF_ERROR(fee);
    const std::string period = in.years == 1 ? dates::format_fiscal_year(*year)
                                             : std::to_string(*year) + "-" + std::to_string(*year + in.years);
    BillBuilder b("trade_licence", *found, period);

    const Money licence = Money::poisha(fee->in_poisha() * in.years);
    // The licence fee line is labelled with the business category.
    b.add("licence_fee", category->label_bn, category->label_en, licence, per_unit_rule(in.years * 100, *fee, "year"));

    Money signboard;
    for (const auto& board : in.signboards) {
        const Money rate = board.lit ? t.signboard_lit : t.signboard_unlit;
        const Money amount = s.rounding.scale(rate, board.area * in.years, 100);
        b.add(board.lit ? "signboard_lit" : "signboard_unlit",
              board.lit ? "সাইনবোর্ড কর (আলোকিত)" : "সাইনবোর্ড কর (আলোহীন)",
              board.lit ? "Signboard tax (lit)" : "Signboard tax (unlit)", amount,
              per_unit_rule(board.area * in.years, rate, "sq ft-year"));
        signboard += amount;
    }

    if (t.vat > 0) {
        const Money base = t.vat_on_signboard ? licence + signboard : licence;
        b.add("vat", "মূল্য সংযোজন কর (ভ্যাট)", "VAT", s.rounding.scale(base, t.vat, 100'00), rate_rule(base, t.vat));
    }

    if (in.renewal) {
        Money per_year;  // or per renewal
        for (const auto& [klass, amount] : t.source_tax)
            if (klass == s.location_class) per_year = amount;
        // s.131 of the Income Tax Act 2023 collects it at the time of renewal:
        // once, however many years the renewal covers, unless the schedule says a year.
        if (t.source_tax_per == TradeRules::SourceTaxPer::year)
            b.add("source_tax", "উৎসে আয়কর (নবায়ন)", "Source income tax on renewal",
                  Money::poisha(per_year.in_poisha() * in.years), per_unit_rule(in.years * 100, per_year, "year"));
        else
            b.add("source_tax", "উৎসে আয়কর (নবায়ন)", "Source income tax on renewal", per_year,
                  per_unit_rule(100, per_year, "renewal"));
    }

    const dates::Date grace = t.renewal_grace.in_fiscal_year(*year);
    b.bill().due = dates::format_iso_date(grace);
    if (in.renewal && !in.paid_on.empty() && t.late_surcharge > 0) {
        auto paid = date_field("paid_on", in.paid_on);
        POURA_RETURN_IF_ERROR(paid);
        if (dates::days_from_civil(*paid) > dates::days_from_civil(grace)) {
            std::int64_t rate = t.late_surcharge;
            if (t.late_mode == TradeRules::Late::per_month)
                rate = std::min(t.late_surcharge * months_late(grace, *paid), t.late_surcharge_max);
            b.add("late_surcharge", "বিলম্বে নবায়ন সারচার্জ", "Late renewal surcharge",
                  s.rounding.scale(*fee, rate, 100'00), rate_rule(*fee, rate));
        }
    }

    std::set<int> arrear_years;
    for (std::size_t i = 0; i < in.arrears.size(); ++i) {
        const TradeArrear& a = in.arrears[i];
        const std::string field = "arrears[" + std::to_string(i) + "]";
        auto first = fiscal_year_field(field + ".fiscal_year", a.fiscal_year);
        POURA_RETURN_IF_ERROR(first);
        if (!arrear_years.insert(*first).second)
            return bad_input(field + ".fiscal_year", dates::format_fiscal_year(*first) + " is listed twice");
        if (*first >= *year) return bad_input(field + ".fiscal_year", "an arrear must be for an earlier year");
        auto then = schedule_in_force(set, in.municipality, dates::Date{*first, 7, 1});
        POURA_RETURN_IF_ERROR(then);
        if (!(*then)->trade.present) return not_in_schedule(**then, "no trade licence section");
        const Category* old_category = nullptr;
        auto old_fee = class_fee(**then, a.category.empty() ? in.category : a.category, &old_category);
        POURA_RETURN_IF_ERROR(old_fee);
        LineItem& arrear = b.add("arrears", "বকেয়া লাইসেন্স ফি", "Arrears of licence fee", *old_fee, fixed_rule());
        arrear.schedule = (*then)->id;
        arrear.period = dates::format_fiscal_year(*first);
        if (t.arrears_surcharge > 0) {
            LineItem& surcharge = b.add("arrears_surcharge", "বকেয়ার উপর সারচার্জ", "Surcharge on arrears",
                                        s.rounding.scale(*old_fee, t.arrears_surcharge, 100'00),
                                        rate_rule(*old_fee, t.arrears_surcharge));
            surcharge.period = dates::format_fiscal_year(*first);
        }
    }
    return b.finish();
}

}  // namespace poura::fees
