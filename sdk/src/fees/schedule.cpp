#include "fees/schedule.hpp"

#include "core/json_reader.hpp"

#include <algorithm>
#include <set>

namespace poura::fees {
namespace {

constexpr const char* kFormat = "poura-fee-schedule/1";
constexpr std::int64_t kMaxPercent = 100'00;        // basis points
constexpr std::int64_t kMaxAmount = 100'000'000'00;  // Tk 10 crore, in poisha: any single rate or fee

// The components of holding tax the Act names, with the Model Tax Schedule's
// own names as the default labels; a schedule sets their rates.
const Labelled kComponents[] = {
    {"buildings_and_land", "ইমারত ও জমির উপর কর", "Tax on buildings and land"},
    {"lighting", "বাতি রেইট", "Lighting rate"},
    {"conservancy", "ময়লা আবর্জনা অপসারণ রেইট", "Conservancy rate"},
    {"water_works", "পানি সরবরাহ রেইট", "Water-works rate"},
    {"fire", "অগ্নি নির্বাপণ রেইট", "Fire rate"},
    {"sewerage", "পয়ঃনিষ্কাশন রেইট", "Sewerage rate"},
};

bool is_code(std::string_view s) {
    if (s.empty() || s.size() > 64) return false;
    for (char c : s)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    return true;
}

// A municipality as its office names itself (Office::create): a geocode
// ("BD-10-06-88") or a name ("kaliganj"), so that an office finds its schedules.
bool is_municipality_code(std::string_view s) {
    if (s.empty() || s.size() > 32) return false;
    for (char c : s)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
            return false;
    return true;
}

class ScheduleReader : public JsonReader {
public:
    using JsonReader::JsonReader;

    std::int64_t percent(const nlohmann::json& j, const char* member, const std::string& path, bool required) {
        return fixed_point(j, member, 2, path, 0, kMaxPercent, required).value_or(0);
    }
    Money amount(const nlohmann::json& value, const std::string& path) {
        return Money::poisha(fixed_point(value, 2, path, 0, kMaxAmount).value_or(0));
    }
    Money amount(const nlohmann::json& j, const char* member, const std::string& path, bool required) {
        return Money::poisha(fixed_point(j, member, 2, path, 0, kMaxAmount, required).value_or(0));
    }

    std::string code(const nlohmann::json& j, const char* member, const std::string& path) {
        std::string c = text(j, member, path, true);
        if (!c.empty() && !is_code(c)) problem(path + "." + member, "must be lowercase letters, digits and '_'");
        return c;
    }

    FiscalDay fiscal_day(const nlohmann::json& j, const char* member, const std::string& path, bool required) {
        FiscalDay day;
        const std::string s = text(j, member, path, required);
        if (s.empty()) return day;
        // Checked against a leap year, so "02-29" is accepted (and means the
        // last day of February in other years).
        const auto date = dates::parse_iso_date("2000-" + s);
        if (s.size() != 5 || !date) {
            problem(path + "." + member, "must be a day of the year written MM-DD");
            return day;
        }
        return FiscalDay{date->month, date->day};
    }

    // {"1/2": 150, ...}: amounts by pipe diameter.
    std::vector<PipeRate> pipe_rates(const nlohmann::json& j, const char* member, const std::string& path,
                                     bool required) {
        std::vector<PipeRate> out;
        const nlohmann::json* rates = object(j, member, path, required);
        if (!rates) return out;
        if (rates->empty()) problem(path + "." + member, "must list at least one pipe diameter");
        for (const auto& [diameter, value] : rates->items())
            out.push_back({diameter, amount(value, path + "." + member + "." + diameter)});
        return out;
    }

    // An array of {"code", "label": {"bn", "en"}, ...} items; `fill` reads
    // the rest of each. Codes must be unique.
    template <typename T, typename Fill>
    std::vector<T> labelled_items(const nlohmann::json& j, const char* member, const std::string& path, bool required,
                                  Fill fill) {
        std::vector<T> items;
        const std::string at_list = path + "." + member;
        auto it = j.find(member);
        if (it == j.end() && !required) return items;
        if (it == j.end() || !it->is_array() || (required && it->empty())) {
            problem(at_list, required ? "must be a non-empty array" : "must be an array");
            return items;
        }
        for (std::size_t i = 0; i < it->size(); ++i) {
            const auto& v = (*it)[i];
            const std::string at = at_list + "[" + std::to_string(i) + "]";
            T item;
            item.code = code(v, "code", at);
            bilingual(v, "label", at, item.label_bn, item.label_en);
            fill(v, at, item);
            items.push_back(std::move(item));
        }
        unique_codes(items, at_list);
        return items;
    }

    template <typename T>
    void unique_codes(const std::vector<T>& items, const std::string& path) {
        std::set<std::string> seen;
        for (std::size_t i = 0; i < items.size(); ++i)
            if (!items[i].code.empty() && !seen.insert(items[i].code).second)
                problem(path + "[" + std::to_string(i) + "].code", "duplicate code \"" + items[i].code + "\"");
    }
};

std::vector<std::string> strings(ScheduleReader& r, const nlohmann::json& j, const char* member,
                                 const std::string& path, bool required) {
    std::vector<std::string> out;
    auto it = j.find(member);
    if (it == j.end()) {
        if (required) r.problem(path + "." + member, "missing");
        return out;
    }
    if (!it->is_array()) {
        r.problem(path + "." + member, "must be an array of codes");
        return out;
    }
    for (std::size_t i = 0; i < it->size(); ++i) {
        const auto& v = (*it)[i];
        const std::string at = path + "." + member + "[" + std::to_string(i) + "]";
        if (!v.is_string() || !is_code(v.get_ref<const std::string&>())) r.problem(at, "must be a code");
        else if (std::find(out.begin(), out.end(), v.get<std::string>()) != out.end()) r.problem(at, "duplicate");
        else out.push_back(v.get<std::string>());
    }
    return out;
}

// In the order the Act lists the components.
void sort_by_act(std::vector<Component>& components, const std::vector<Labelled>& labels) {
    auto rank = [&](const Component& c) {
        return std::find_if(labels.begin(), labels.end(), [&](const Labelled& k) { return k.code == c.code; }) -
               labels.begin();
    };
    std::sort(components.begin(), components.end(),
              [&](const Component& a, const Component& b) { return rank(a) < rank(b); });
}

// "rates_percent"-shaped objects: {component: percent}. Components are
// returned in the Act's order, whatever the file's.
std::vector<Component> parse_rates(ScheduleReader& r, const nlohmann::json& rates, const std::string& at,
                                   const std::vector<Labelled>& labels) {
    std::vector<Component> out;
    for (const auto& [code, value] : rates.items()) {
        const std::string member_at = at + "." + code;
        const auto known = std::find_if(labels.begin(), labels.end(),
                                        [&key = code](const Labelled& c) { return c.code == key; });
        if (known == labels.end()) {
            r.problem(member_at, "unknown component (buildings_and_land, lighting, conservancy, water_works, fire, "
                                 "sewerage)");
            continue;
        }
        out.push_back(Component{*known, r.fixed_point(value, 2, member_at, 0, kMaxPercent).value_or(0)});
    }
    sort_by_act(out, labels);
    return out;
}

std::int64_t total_of(const std::vector<Component>& components) {
    std::int64_t total = 0;
    for (const auto& c : components) total += c.rate;
    return total;
}

// Each rate within its own maximum (when the schedule sets one) and all of
// them together within the legal cap.
void check_caps(ScheduleReader& r, const std::vector<Component>& components,
                const std::vector<std::pair<std::string, std::int64_t>>& maximums, const std::string& at) {
    for (const auto& c : components)
        for (const auto& [code, maximum] : maximums)
            if (code == c.code && c.rate > maximum)
                r.problem(at + "." + c.code, format_percent(c.rate, Language::en) + " is above its maximum of " +
                                                 format_percent(maximum, Language::en));
    const std::int64_t total = total_of(components);
    if (total > kHoldingRateCap)
        r.problem(at, "holding tax and rates together are " + format_percent(total, Language::en) +
                          " of annual value; the legal cap is 39%");
}

void parse_annual_value(ScheduleReader& r, const nlohmann::json& av, const std::string& at, HoldingRules& h) {
    const std::string method = r.text(av, "method", at, true);
    if (method == "rent_less_repairs") h.method = HoldingRules::Method::rent_less_repairs;
    else if (method == "annual_rent") h.method = HoldingRules::Method::annual_rent;
    else if (!method.empty())
        r.problem(at + ".method", "unknown method \"" + method + "\" (rent_less_repairs or annual_rent)");
    h.repairs_months =
        static_cast<int>(r.integer(av, "repairs_months", at, 0, h.method == HoldingRules::Method::rent_less_repairs));
    if (h.repairs_months < 0 || h.repairs_months > 11) r.problem(at + ".repairs_months", "must be 0 to 11");
    h.owner_occupied_reduction = r.percent(av, "owner_occupied_reduction_percent", at, false);
    if (auto it = av.find("deduct_loan_interest"); it != av.end()) {
        if (it->is_boolean()) h.deduct_loan_interest = it->get<bool>();
        else r.problem(at + ".deduct_loan_interest", "must be true or false");
    }
    h.land_unit.clear();
    if (const nlohmann::json* land = r.object(av, "vacant_land", at, false)) {
        const std::string land_at = at + ".vacant_land";
        if (land->contains("annual_value_per_plot")) {
            h.land = HoldingRules::Land::per_plot;
            h.vacant_land_rate = r.amount(*land, "annual_value_per_plot", land_at, true);
            if (land->contains("unit") || land->contains("annual_value_per_unit"))
                r.problem(land_at, "a flat value per plot or a value per unit of area, not both");
        } else {
            h.land = HoldingRules::Land::per_area;
            h.land_unit = r.text(*land, "unit", land_at, true);
            h.vacant_land_rate = r.amount(*land, "annual_value_per_unit", land_at, true);
        }
        r.text(*land, "source", land_at, false);
        r.only(*land, land_at, {"unit", "annual_value_per_unit", "annual_value_per_plot", "source"});
    }
    r.text(av, "source", at, false);
    r.only(av, at, {"method", "repairs_months", "owner_occupied_reduction_percent", "deduct_loan_interest",
                    "vacant_land", "source"});
}

std::vector<Rebate> parse_rebates(ScheduleReader& r, const nlohmann::json& j, const std::string& path) {
    return r.labelled_items<Rebate>(j, "rebates", path, false, [&](const nlohmann::json& v, const std::string& at,
                                                                   Rebate& rebate) {
        const std::string pays = r.text(v, "pays", at, true);
        if (pays == "year") {
            rebate.covers = Rebate::Covers::year;
        } else if (pays.size() == 2 && pays[0] == 'q' && pays[1] >= '1' && pays[1] <= '4') {
            rebate.covers = Rebate::Covers::quarter;
            rebate.quarter = pays[1] - '0';
        } else if (pays == "current_and_advance") {
            rebate.covers = Rebate::Covers::current_and_advance;
        } else if (!pays.empty()) {
            r.problem(at + ".pays", "must be year, q1, q2, q3, q4 or current_and_advance");
        }
        if (rebate.covers == Rebate::Covers::current_and_advance) {
            if (v.contains("paid_by"))
                r.problem(at + ".paid_by", "current_and_advance is due by the current quarter's own due day");
            rebate.min_advance = static_cast<int>(r.integer(v, "min_advance", at, 1));
            rebate.max_advance = static_cast<int>(r.integer(v, "max_advance", at, 3));
            if (rebate.min_advance < 1 || rebate.min_advance > 3)
                r.problem(at + ".min_advance", "must be 1 to 3");
            else if (rebate.max_advance < rebate.min_advance || rebate.max_advance > 3)
                r.problem(at + ".max_advance", "must be min_advance to 3");
        } else {
            rebate.paid_by = r.fiscal_day(v, "paid_by", at, true);
            if (v.contains("min_advance") || v.contains("max_advance"))
                r.problem(at, "min_advance and max_advance are for current_and_advance");
        }
        rebate.rate = r.percent(v, "percent", at, true);
        r.text(v, "source", at, false);
        r.only(v, at, {"code", "label", "pays", "paid_by", "percent", "min_advance", "max_advance", "source"});
    });
}

void parse_holding(ScheduleReader& r, const nlohmann::json& j, const std::string& path, HoldingRules& h) {
    h.present = true;
    if (const nlohmann::json* av = r.object(j, "annual_value", path, true))
        parse_annual_value(r, *av, path + ".annual_value", h);

    // The Act's components with the Model Tax Schedule's names, or the
    // schedule's own labels.
    std::vector<Labelled> labels(std::begin(kComponents), std::end(kComponents));
    if (const nlohmann::json* own = r.object(j, "labels", path, false)) {
        for (const auto& [code, value] : own->items()) {
            auto it = std::find_if(labels.begin(), labels.end(), [&key = code](const Labelled& l) { return l.code == key; });
            if (it == labels.end()) r.problem(path + ".labels." + code, "unknown component");
            else r.bilingual(*own, code.c_str(), path + ".labels", it->label_bn, it->label_en);
        }
    }

    std::vector<std::pair<std::string, std::int64_t>> maximums;
    if (const nlohmann::json* max = r.object(j, "rate_maximums_percent", path, false))
        for (const Component& c : parse_rates(r, *max, path + ".rate_maximums_percent", labels))
            maximums.emplace_back(c.code, c.rate);

    if (const nlohmann::json* rates = r.object(j, "rates_percent", path, true)) {
        h.components = parse_rates(r, *rates, path + ".rates_percent", labels);
        h.total_rate = total_of(h.components);
        if (rates->empty()) r.problem(path + ".rates_percent", "must set at least one rate");
        check_caps(r, h.components, maximums, path + ".rates_percent");
    }

    h.uses = strings(r, j, "uses", path, true);
    auto is_use = [&](const std::string& use) { return std::find(h.uses.begin(), h.uses.end(), use) != h.uses.end(); };
    h.exempt_uses = strings(r, j, "exempt_uses", path, false);
    for (std::size_t i = 0; i < h.exempt_uses.size(); ++i)
        if (!is_use(h.exempt_uses[i]))
            r.problem(path + ".exempt_uses[" + std::to_string(i) + "]", "is not one of the uses");

    // Rates that differ by use: the named components replace the default's.
    if (const nlohmann::json* by_use = r.object(j, "rates_by_use", path, false)) {
        for (const auto& [use, rates] : by_use->items()) {
            const std::string at = path + ".rates_by_use." + use;
            if (!is_use(use)) r.problem(at, "is not one of the uses");
            if (!rates.is_object() || rates.empty()) {
                r.problem(at, "must be an object of rates");
                continue;
            }
            UseRates own{use, h.components, 0};
            for (const Component& c : parse_rates(r, rates, at, labels)) {
                auto it = std::find_if(own.components.begin(), own.components.end(),
                                       [&](const Component& d) { return d.code == c.code; });
                if (it != own.components.end()) it->rate = c.rate;
                else own.components.push_back(c);
            }
            sort_by_act(own.components, labels);
            own.total_rate = total_of(own.components);
            check_caps(r, own.components, maximums, at);
            h.rates_by_use.push_back(std::move(own));
        }
    }

    auto due = j.find("instalments_due");
    if (due == j.end() || !due->is_array() || due->size() != 4) {
        r.problem(path + ".instalments_due", "must list the four quarters' due days, MM-DD");
    } else {
        for (std::size_t q = 0; q < 4; ++q) {
            const nlohmann::json holder = {{"due", (*due)[q]}};
            const std::string at = path + ".instalments_due[" + std::to_string(q) + "]";
            h.instalment_due[q] = r.fiscal_day(holder, "due", at, true);
            // The quarters fall due in order within the fiscal year (2000: any year will do).
            if (q > 0 && dates::days_from_civil(h.instalment_due[q].in_fiscal_year(2000)) <=
                             dates::days_from_civil(h.instalment_due[q - 1].in_fiscal_year(2000)))
                r.problem(at, "falls due no later than the quarter before it: the due days must be in order");
        }
    }

    h.rebates = parse_rebates(r, j, path);
    h.waivers = r.labelled_items<Waiver>(j, "waivers", path, false, [&](const nlohmann::json& v, const std::string& at,
                                                                       Waiver& waiver) {
        waiver.rate = r.percent(v, "percent", at, true);
        if (const nlohmann::json* when = r.object(v, "conditions", at, false)) {
            const std::string when_at = at + ".conditions";
            waiver.uses = strings(r, *when, "uses", when_at, false);
            for (std::size_t i = 0; i < waiver.uses.size(); ++i)
                if (!is_use(waiver.uses[i]))
                    r.problem(when_at + ".uses[" + std::to_string(i) + "]", "is not one of the uses");
            waiver.occupancies = strings(r, *when, "occupancies", when_at, false);
            for (std::size_t i = 0; i < waiver.occupancies.size(); ++i)
                if (waiver.occupancies[i] != "rented" && waiver.occupancies[i] != "owner_occupied" &&
                    waiver.occupancies[i] != "vacant_land")
                    r.problem(when_at + ".occupancies[" + std::to_string(i) + "]",
                              "must be rented, owner_occupied or vacant_land");
            waiver.max_floor_area =
                r.fixed_point(*when, "max_floor_area_sqft", 2, when_at, 1, 10'000'000'00, false).value_or(0);
            r.only(*when, when_at, {"uses", "occupancies", "max_floor_area_sqft"});
        }
        r.text(v, "source", at, false);
        r.only(v, at, {"code", "label", "percent", "conditions", "source"});
    });
    h.arrears_surcharge = r.percent(j, "arrears_surcharge_percent", path, false);
    r.text(j, "source", path, false);
    r.only(j, path, {"annual_value", "rates_percent", "rate_maximums_percent", "rates_by_use", "labels", "uses",
                     "exempt_uses", "instalments_due", "rebates", "waivers", "arrears_surcharge_percent", "source"});
}

void parse_water(ScheduleReader& r, const nlohmann::json& j, const std::string& path, WaterRules& w) {
    w.present = true;
    w.due_day = static_cast<int>(r.integer(j, "due_day", path, 10, true));
    if (w.due_day < 1 || w.due_day > 28) r.problem(path + ".due_day", "must be 1 to 28");
    w.late_surcharge = r.percent(j, "late_surcharge_percent", path, false);
    w.meter_rent = r.pipe_rates(j, "meter_rent_monthly", path, false);
    w.connection_fee = r.pipe_rates(j, "connection_fee", path, false);
    r.only(j, path, {"due_day", "late_surcharge_percent", "meter_rent_monthly", "connection_fee", "uses"});

    const nlohmann::json* uses = r.object(j, "uses", path, true);
    if (!uses) return;
    if (uses->empty()) r.problem(path + ".uses", "must list at least one use");
    for (const auto& [code, rules] : uses->items()) {
        const std::string at = path + ".uses." + code;
        if (!is_code(code)) r.problem(at, "a use must be a code: lowercase letters, digits and '_'");
        if (!rules.is_object()) {
            r.problem(at, "must be an object");
            continue;
        }
        WaterUse use;
        use.code = code;
        use.flat = r.pipe_rates(rules, "flat_monthly", at, false);
        use.extra_flat = r.amount(rules, "extra_flat_monthly", at, false);
        r.only(rules, at, {"flat_monthly", "extra_flat_monthly", "metered_per_1000_litres"});
        if (auto tiers = rules.find("metered_per_1000_litres"); tiers != rules.end()) {
            if (!tiers->is_array() || tiers->empty()) {
                r.problem(at + ".metered_per_1000_litres", "must be a non-empty array of tiers");
            } else {
                std::int64_t previous = 0;
                for (std::size_t i = 0; i < tiers->size(); ++i) {
                    const auto& t = (*tiers)[i];
                    const std::string tat = at + ".metered_per_1000_litres[" + std::to_string(i) + "]";
                    if (!t.is_object()) {
                        r.problem(tat, "must be an object");
                        continue;
                    }
                    Tier tier;
                    tier.per_thousand_litres = r.amount(t, "rate", tat, true);
                    const bool last = i + 1 == tiers->size();
                    tier.up_to_litres = r.integer(t, "up_to_litres", tat, 0, !last);
                    if (last && t.contains("up_to_litres"))
                        r.problem(tat + ".up_to_litres", "the last tier has no upper limit");
                    else if (!last && tier.up_to_litres <= previous)
                        r.problem(tat + ".up_to_litres", "tiers must rise");
                    previous = tier.up_to_litres;
                    r.only(t, tat, {"up_to_litres", "rate"});
                    use.tiers.push_back(tier);
                }
            }
        }
        if (use.flat.empty() && use.tiers.empty())
            r.problem(at, "needs flat_monthly rates, metered_per_1000_litres tiers, or both");
        w.uses.push_back(std::move(use));
    }
}

void parse_trade(ScheduleReader& r, const nlohmann::json& j, const std::string& path, const Schedule& s,
                 TradeRules& t) {
    t.present = true;
    t.categories = r.labelled_items<Category>(j, "categories", path, true, [&](const nlohmann::json& v,
                                                                             const std::string& at, Category& c) {
        if (const nlohmann::json* fees = r.object(v, "fee", at, true))
            for (const auto& [klass, value] : fees->items())
                c.fee_by_class.emplace_back(klass, r.amount(value, at + ".fee." + klass));
        if (!s.municipality_class.empty() && v.contains("fee") &&
            std::none_of(c.fee_by_class.begin(), c.fee_by_class.end(),
                         [&](const auto& f) { return f.first == s.municipality_class; }))
            r.problem(at + ".fee", "has no fee for this municipality's class \"" + s.municipality_class + "\"");
        r.only(v, at, {"code", "label", "fee"});
    });
    if (const nlohmann::json* signboard = r.object(j, "signboard_per_sqft", path, false)) {
        t.signboard_lit = r.amount(*signboard, "lit", path + ".signboard_per_sqft", true);
        t.signboard_unlit = r.amount(*signboard, "unlit", path + ".signboard_per_sqft", true);
    }
    t.vat = r.percent(j, "vat_percent", path, false);
    if (auto it = j.find("vat_on_signboard"); it != j.end()) {
        if (it->is_boolean()) t.vat_on_signboard = it->get<bool>();
        else r.problem(path + ".vat_on_signboard", "must be true or false");
    }
    if (const nlohmann::json* tax = r.object(j, "source_tax", path, true)) {
        for (const auto& [klass, value] : tax->items())
            t.source_tax.emplace_back(klass, r.amount(value, path + ".source_tax." + klass));
        if (!s.location_class.empty() &&
            std::none_of(t.source_tax.begin(), t.source_tax.end(),
                         [&](const auto& e) { return e.first == s.location_class; }))
            r.problem(path + ".source_tax", "has no amount for this municipality's location class \"" +
                                                s.location_class + "\"");
    }
    if (auto per = j.find("source_tax_per"); per != j.end()) {
        if (*per == "renewal") t.source_tax_per = TradeRules::SourceTaxPer::renewal;
        else if (*per == "year") t.source_tax_per = TradeRules::SourceTaxPer::year;
        else r.problem(path + ".source_tax_per", "must be \"renewal\" or \"year\"");
    }
    r.text(j, "source_tax_source", path, false);
    t.renewal_grace = r.fiscal_day(j, "renewal_grace", path, true);
    if (const nlohmann::json* late = r.object(j, "late_renewal", path, false)) {
        const std::string at = path + ".late_renewal";
        t.late_surcharge = r.percent(*late, "percent", at, true);
        const std::string per = r.text(*late, "per", at, true);
        if (per == "month") t.late_mode = TradeRules::Late::per_month;
        else if (per == "once") t.late_mode = TradeRules::Late::once;
        else if (!per.empty()) r.problem(at + ".per", "must be \"once\" or \"month\"");
        t.late_surcharge_max = r.fixed_point(*late, "max_percent", 2, at, 0, 1000'00, false).value_or(INT64_MAX);
        r.only(*late, at, {"percent", "per", "max_percent"});
    }
    t.max_years = static_cast<int>(r.integer(j, "max_years", path, 1));
    if (t.max_years < 1 || t.max_years > 5) r.problem(path + ".max_years", "must be 1 to 5");
    t.arrears_surcharge = r.percent(j, "arrears_surcharge_percent", path, false);
    r.only(j, path, {"categories", "signboard_per_sqft", "vat_percent", "vat_on_signboard", "source_tax",
                     "source_tax_per", "source_tax_source", "renewal_grace", "late_renewal", "max_years",
                     "arrears_surcharge_percent"});
}

void parse_certificates(ScheduleReader& r, const nlohmann::json& j, const std::string& path,
                        std::vector<CertificateFee>& out) {
    for (const auto& [type, fees] : j.items()) {
        const std::string at = path + "." + type;
        if (!is_code(type)) r.problem(at, "a document type must be a code");
        if (!fees.is_object()) {
            r.problem(at, "must be an object with \"bn\" and \"en\" fees");
            continue;
        }
        out.push_back({type, r.amount(fees, "bn", at, true), r.amount(fees, "en", at, true)});
        r.only(fees, at, {"bn", "en"});
    }
}

}  // namespace

Schedule parse_schedule(const nlohmann::json& j, std::vector<std::string>& problems) {
    ScheduleReader r(problems);
    Schedule s;
    const std::string path = "$";
    if (!j.is_object()) {
        r.problem(path, "a schedule must be a JSON object");
        return s;
    }
    if (r.text(j, "format", path, true) != kFormat && j.contains("format"))
        r.problem(path + ".format", std::string("must be \"") + kFormat + "\"");
    s.id = r.text(j, "id", path, true);
    s.source = r.text(j, "source", path, false);

    if (const nlohmann::json* m = r.object(j, "municipality", path, true)) {
        s.municipality = r.text(*m, "code", path + ".municipality", true);
        if (!s.municipality.empty() && !is_municipality_code(s.municipality))
            r.problem(path + ".municipality.code", "must be 1 to 32 of A-Z, a-z, 0-9, '_' and '-', as the office's code");
        r.bilingual(*m, "name", path + ".municipality", s.municipality_bn, s.municipality_en);
        s.municipality_class = r.text(*m, "class", path + ".municipality", false);
        s.location_class = r.text(*m, "location_class", path + ".municipality", false);
        r.only(*m, path + ".municipality", {"code", "name", "class", "location_class"});
    }
    if (const nlohmann::json* e = r.object(j, "effective", path, true)) {
        s.from = r.text(*e, "from", path + ".effective", true);
        s.until = r.text(*e, "until", path + ".effective", false);
        const auto from = dates::parse_iso_date(s.from);
        if (!s.from.empty() && !from) r.problem(path + ".effective.from", "must be a date YYYY-MM-DD");
        if (from) s.from_day = dates::days_from_civil(*from);
        if (!s.until.empty()) {
            const auto until = dates::parse_iso_date(s.until);
            if (!until) r.problem(path + ".effective.until", "must be a date YYYY-MM-DD");
            else if (from && dates::days_from_civil(*until) < s.from_day)
                r.problem(path + ".effective.until", "is before from");
            else s.until_day = dates::days_from_civil(*until);
        }
    }
    if (const nlohmann::json* rounding = r.object(j, "rounding", path, true)) {
        const std::string unit = r.text(*rounding, "unit", path + ".rounding", true);
        if (unit == "taka") s.rounding.unit = 100;
        else if (unit == "poisha") s.rounding.unit = 1;
        else if (!unit.empty()) r.problem(path + ".rounding.unit", "must be \"taka\" or \"poisha\"");
        const std::string mode = r.text(*rounding, "mode", path + ".rounding", true);
        bool known = mode.empty();
        for (RoundingMode m : {RoundingMode::half_up, RoundingMode::half_even, RoundingMode::up, RoundingMode::down})
            if (rounding_mode_name(m) == mode) s.rounding.mode = m, known = true;
        if (!known) r.problem(path + ".rounding.mode", "must be half_up, half_even, up or down");
    }

    if (const nlohmann::json* h = r.object(j, "holding_tax", path, false))
        parse_holding(r, *h, path + ".holding_tax", s.holding);
    if (const nlohmann::json* w = r.object(j, "water", path, false)) parse_water(r, *w, path + ".water", s.water);
    if (const nlohmann::json* t = r.object(j, "trade_licence", path, false)) {
        if (s.municipality_class.empty()) r.problem(path + ".municipality.class", "a trade licence schedule needs it");
        if (s.location_class.empty())
            r.problem(path + ".municipality.location_class", "a trade licence schedule needs it");
        parse_trade(r, *t, path + ".trade_licence", s, s.trade);
    }
    if (const nlohmann::json* c = r.object(j, "certificate_fees", path, false))
        parse_certificates(r, *c, path + ".certificate_fees", s.certificate_fees);

    r.only(j, path, {"format", "id", "source", "notes", "municipality", "effective", "rounding", "holding_tax",
                     "water", "trade_licence", "certificate_fees"});
    return s;
}

}  // namespace poura::fees
