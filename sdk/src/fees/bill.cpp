// A bill for people and for programs: each line's rule in words, the bill as
// JSON, and the bilingual bill as printed.
#include "fees/calc.hpp"

#include "core/text.hpp"

#include <sstream>

namespace poura::fees {
namespace {

// A quantity kept in hundredths: "12", "12.5", "1,20,000".
std::string format_quantity(std::int64_t hundredths, Language language) {
    std::string s = format_money(Money::poisha(hundredths), Language::en);
    if (s.size() > 3 && s.compare(s.size() - 3, 3, ".00") == 0) s.resize(s.size() - 3);
    else if (s.back() == '0') s.pop_back();
    return language == Language::bn ? text::bengali_digits(s) : s;
}

std::string_view unit_bn(std::string_view unit) {
    static const std::pair<std::string_view, std::string_view> kUnits[] = {
        {"month", "মাস"},          {"year", "বছর"},       {"flat", "ফ্ল্যাট"},
        {"copy in Bangla", "বাংলা কপি"}, {"copy in English", "ইংরেজি কপি"},           {"decimal", "শতাংশ"},  {"katha", "কাঠা"},
        {"sq ft-year", "বর্গফুট-বছর"}, {"1,000 litres", "১,০০০ লিটার"}, {"plot", "প্লট"},
        {"renewal", "নবায়ন"},
    };
    for (const auto& [en, bn] : kUnits)
        if (en == unit) return bn;
    return unit;
}

// A period in Bengali digits, a fiscal year written short as Bangla bills
// write it: "2025-2026" -> "২০২৫-২৬".
std::string period_bn(const std::string& period) {
    const auto year = dates::parse_fiscal_year(period);
    if (year && period.size() == 9) return text::bengali_digits(period.substr(0, 5) + period.substr(7));
    return text::bengali_digits(period);
}

std::string_view service_bn(std::string_view service) {
    if (service == "holding_tax") return "হোল্ডিং কর";
    if (service == "water") return "পানির বিল";
    if (service == "trade_licence") return "ট্রেড লাইসেন্স";
    return "সনদ ফি";
}

std::string_view service_en(std::string_view service) {
    if (service == "holding_tax") return "Holding tax";
    if (service == "water") return "Water bill";
    if (service == "trade_licence") return "Trade licence";
    return "Certificate fee";
}

const char* rule_kind_name(Rule::Kind kind) {
    switch (kind) {
        case Rule::Kind::fixed: return "fixed";
        case Rule::Kind::rate: return "rate";
        case Rule::Kind::per_unit: return "per_unit";
        case Rule::Kind::tiered: return "tiered";
        case Rule::Kind::given: return "given";
        case Rule::Kind::sum: return "sum";
    }
    return "fixed";
}

std::string pad_left(const std::string& s, std::size_t width) {
    const std::size_t shown = text::code_points(s);
    return shown < width ? std::string(width - shown, ' ') + s : s;
}

}  // namespace

std::string explain(const LineItem& line, Language language) {
    const bool bn = language == Language::bn;
    const Rule& r = line.rule;
    switch (r.kind) {
        case Rule::Kind::fixed: return bn ? "তফসিল অনুযায়ী" : "as scheduled";
        case Rule::Kind::given: return bn ? "প্রদত্ত" : "as given";
        case Rule::Kind::sum:
            if (r.unit == "units") return bn ? "ইউনিটগুলোর বার্ষিক মূল্যের যোগফল" : "the units' annual values, added up";
            return bn ? "উপরের লাইনগুলোর যোগফল" : "the lines above, added up";
        case Rule::Kind::rate:
            return bn ? format_money(r.base, language) + " টাকার " + format_percent(r.rate, language)
                      : format_percent(r.rate, language) + " of " + format_taka(r.base, language);
        case Rule::Kind::per_unit:
            return bn ? format_quantity(r.quantity, language) + " × " + format_taka(r.unit_price, language) +
                            " (প্রতি " + std::string(unit_bn(r.unit)) + ")"
                      : format_quantity(r.quantity, language) + " × " + format_taka(r.unit_price, language) +
                            " per " + std::string(r.unit);
        case Rule::Kind::tiered:
            return bn ? format_quantity(r.quantity * 100, language) + " লিটার × " +
                            format_taka(r.unit_price, language) + " (প্রতি " + std::string(unit_bn(r.unit)) + ")"
                      : format_quantity(r.quantity * 100, language) + " litres × " +
                            format_taka(r.unit_price, language) + " per " + std::string(r.unit);
    }
    return {};
}

nlohmann::json Bill::to_json() const {
    nlohmann::json lines_json = nlohmann::json::array();
    for (const LineItem& line : lines) {
        nlohmann::json rule = {{"kind", rule_kind_name(line.rule.kind)}};
        if (line.rule.kind == Rule::Kind::rate) {
            rule["base_poisha"] = line.rule.base.in_poisha();
            rule["rate_basis_points"] = line.rule.rate;
        } else if (line.rule.kind == Rule::Kind::per_unit || line.rule.kind == Rule::Kind::tiered) {
            rule[line.rule.kind == Rule::Kind::tiered ? "litres" : "quantity_hundredths"] = line.rule.quantity;
            rule["unit_price_poisha"] = line.rule.unit_price.in_poisha();
            rule["unit"] = line.rule.unit;
        }
        nlohmann::json item = {{"code", line.code},
                               {"label_bn", line.label_bn},
                               {"label_en", line.label_en},
                               {"amount_poisha", line.amount.in_poisha()},
                               {"amount", format_money(line.amount, Language::en)},
                               {"rule", std::move(rule)},
                               {"explain_bn", explain(line, Language::bn)},
                               {"explain_en", explain(line, Language::en)},
                               {"schedule", line.schedule},
                               {"informational", line.informational}};
        if (!line.period.empty()) item["period"] = line.period;
        lines_json.push_back(std::move(item));
    }
    nlohmann::json instalments_json = nlohmann::json::array();
    for (const Instalment& i : instalments)
        instalments_json.push_back({{"number", i.number},
                                    {"due", i.due},
                                    {"amount_poisha", i.amount.in_poisha()},
                                    {"amount", format_money(i.amount, Language::en)},
                                    {"rebate_poisha", i.rebate.in_poisha()}});
    nlohmann::json out = {{"service", service},
                          {"municipality", {{"code", municipality}, {"name_bn", municipality_bn}, {"name_en", municipality_en}}},
                          {"period", period},
                          {"period_bn", period_bn(period)},
                          {"schedule", schedule},
                          {"lines", std::move(lines_json)},
                          {"total_poisha", total.in_poisha()},
                          {"total", format_money(total, Language::en)},
                          {"total_bn", format_money(total, Language::bn)},
                          {"total_words_en", money_in_words(total, Language::en)},
                          {"total_words_bn", money_in_words(total, Language::bn)}};
    if (!instalments.empty()) out["instalments"] = std::move(instalments_json);
    if (!due.empty()) out["due"] = due;
    return out;
}

std::string Bill::to_text() const {
    // Amounts first, in a column of their own: Bangla labels have no reliable
    // display width in a terminal. The English half of a line reads dates and
    // periods in English digits, the Bangla half in Bengali digits.
    constexpr std::size_t kAmount = 16;
    const std::string indent(kAmount + 3, ' ');
    std::ostringstream out;
    out << municipality_en << " · " << municipality_bn << "\n"
        << service_en(service) << " " << period << " · " << service_bn(service) << " "
        << period_bn(period) << "   (schedule " << schedule << ")\n\n";
    auto print = [&](const LineItem& line) {
        std::string label_en = line.label_en, label_bn = line.label_bn;
        if (!line.period.empty()) {
            label_en += " [" + line.period + "]";
            label_bn += " [" + period_bn(line.period) + "]";
        }
        out << pad_left(format_money(line.amount, Language::en), kAmount) << "   " << label_en << " · " << label_bn
            << "\n"
            << std::string(kAmount + 5, ' ') << explain(line, Language::en) << " · " << explain(line, Language::bn)
            << "\n";
    };
    bool any_info = false;
    for (const LineItem& line : lines)
        if (line.informational) {
            if (!any_info) out << "Basis · ভিত্তি\n";
            any_info = true;
            print(line);
        }
    if (any_info) out << "\n";
    out << "Charges · প্রদেয়\n";
    for (const LineItem& line : lines)
        if (!line.informational) print(line);
    out << std::string(kAmount + 2, '-') << "\n"
        << pad_left(format_money(total, Language::en), kAmount) << "   Total · মোট (" << format_taka(total, Language::bn)
        << ")\n"
        << indent << "In words: " << money_in_words(total, Language::en) << "\n"
        << indent << "কথায়: " << money_in_words(total, Language::bn) << "\n";
    if (!instalments.empty()) {
        out << "\nInstalments · কিস্তি\n";
        for (const Instalment& i : instalments) {
            const std::string n = std::to_string(i.number);
            out << pad_left(format_money(i.amount, Language::en), kAmount) << "   Instalment " << n << ", due "
                << i.due << " · কিস্তি " << text::bengali_digits(n) << ", শেষ তারিখ " << text::bengali_digits(i.due)
                << "\n";
            if (!i.rebate.is_zero())
                out << indent << "after a rebate of " << format_taka(i.rebate, Language::en) << " · "
                    << format_taka(i.rebate, Language::bn) << " রেয়াত বাদে\n";
        }
    }
    if (!due.empty())
        out << "\nDue by " << due << " · পরিশোধের শেষ তারিখ " << text::bengali_digits(due) << "\n";
    return out.str();
}

}  // namespace poura::fees
