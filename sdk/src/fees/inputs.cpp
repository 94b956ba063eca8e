// Calculator inputs from JSON (the CLI's --input files, and the bindings):
// every problem is reported with the field it concerns.
#include "fees/calc.hpp"

#include "core/json_reader.hpp"

namespace poura::fees {
namespace {

class InputReader : public JsonReader {
public:
    explicit InputReader(std::vector<std::string>& problems) : JsonReader(problems) {}

    std::string string(const nlohmann::json& j, const char* member, const std::string& path, std::string fallback) {
        if (!j.contains(member)) return fallback;
        return text(j, member, path, true);
    }

    // Taka as a number (at most two decimals) or a string such as "12,500.50".
    Money money(const nlohmann::json& j, const char* member, const std::string& path) {
        auto it = j.find(member);
        if (it == j.end()) return Money();
        if (it->is_string()) {
            auto parsed = parse_money(it->get_ref<const std::string&>());
            if (!parsed) problem(path + "." + member, parsed.error().message);
            return parsed ? *parsed : Money();
        }
        return Money::poisha(fixed_point(*it, 2, path + "." + member, -Money::limit, Money::limit).value_or(0));
    }

    // A quantity with at most two decimals, in hundredths.
    std::int64_t hundredths(const nlohmann::json& j, const char* member, const std::string& path) {
        return fixed_point(j, member, 2, path, 0, INT64_MAX / 1000, false).value_or(0);
    }

    // An integer member within [minimum, maximum].
    std::int64_t bounded(const nlohmann::json& j, const char* member, const std::string& path, std::int64_t fallback,
                         std::int64_t minimum, std::int64_t maximum, bool required = false) {
        const std::int64_t v = integer(j, member, path, fallback, required);
        if (v < minimum || v > maximum) {
            problem(path + "." + member, "must be " + std::to_string(minimum) + " to " + std::to_string(maximum));
            return fallback;
        }
        return v;
    }

    bool boolean(const nlohmann::json& j, const char* member, const std::string& path) {
        auto it = j.find(member);
        if (it == j.end()) return false;
        if (!it->is_boolean()) problem(path + "." + member, "must be true or false");
        return it->is_boolean() && it->get<bool>();
    }

    const nlohmann::json& array(const nlohmann::json& j, const char* member, const std::string& path) {
        static const nlohmann::json empty = nlohmann::json::array();
        auto it = j.find(member);
        if (it == j.end()) return empty;
        if (!it->is_array()) {
            problem(path + "." + member, "must be an array");
            return empty;
        }
        return *it;
    }
};

template <typename T, typename Fill>
Result<T> read_input(const nlohmann::json& j, const char* what, Fill fill) {
    std::vector<std::string> problems;
    InputReader r(problems);
    T input;
    if (!j.is_object()) r.problem("$", "must be a JSON object");
    else fill(r, input);
    if (!problems.empty()) return make_error(Errc::invalid_argument, describe_problems(what, problems));
    return input;
}

}  // namespace

Result<HoldingTaxInput> HoldingTaxInput::from_json(const nlohmann::json& j) {
    return read_input<HoldingTaxInput>(j, "holding tax input", [&](InputReader& r, HoldingTaxInput& in) {
        in.municipality = r.text(j, "municipality", "$", true);
        in.fiscal_year = r.text(j, "fiscal_year", "$", true);
        in.use = r.string(j, "use", "$", in.use);
        in.occupancy = r.string(j, "occupancy", "$", in.occupancy);
        in.monthly_rent = r.money(j, "monthly_rent", "$");
        in.loan_interest = r.money(j, "loan_interest", "$");
        if (j.contains("annual_value")) in.annual_value = r.money(j, "annual_value", "$");
        in.land_area = r.hundredths(j, "land_area", "$");
        in.floor_area = r.hundredths(j, "floor_area", "$");
        const auto& units = r.array(j, "units", "$");
        for (std::size_t i = 0; i < units.size(); ++i) {
            const std::string at = "$.units[" + std::to_string(i) + "]";
            if (!units[i].is_object()) {
                r.problem(at, "must be an object");
                continue;
            }
            HoldingUnit unit;
            unit.label = r.string(units[i], "label", at, "");
            unit.use = r.string(units[i], "use", at, unit.use);
            unit.occupancy = r.string(units[i], "occupancy", at, unit.occupancy);
            if (!units[i].contains("monthly_rent")) r.problem(at + ".monthly_rent", "missing");
            unit.monthly_rent = r.money(units[i], "monthly_rent", at);
            unit.loan_interest = r.money(units[i], "loan_interest", at);
            unit.floor_area = r.hundredths(units[i], "floor_area", at);
            r.only(units[i], at, {"label", "use", "occupancy", "monthly_rent", "loan_interest", "floor_area"});
            in.units.push_back(std::move(unit));
        }
        if (!units.empty())
            for (const char* member : {"use", "occupancy", "monthly_rent", "loan_interest", "annual_value"})
                if (j.contains(member))
                    r.problem(std::string("$.") + member, "is given per unit when the holding has units");
        const auto& waivers = r.array(j, "waivers", "$");
        for (std::size_t i = 0; i < waivers.size(); ++i) {
            if (waivers[i].is_string()) in.waivers.push_back(waivers[i].get<std::string>());
            else r.problem("$.waivers[" + std::to_string(i) + "]", "must be a waiver code");
        }
        in.paid_on = r.string(j, "paid_on", "$", "");
        in.pays = r.string(j, "pays", "$", in.pays);
        const auto& arrears = r.array(j, "arrears", "$");
        for (std::size_t i = 0; i < arrears.size(); ++i) {
            const std::string at = "$.arrears[" + std::to_string(i) + "]";
            HoldingArrear a;
            a.fiscal_year = r.text(arrears[i], "fiscal_year", at, true);
            if (!arrears[i].contains("annual_value")) r.problem(at + ".annual_value", "missing");
            a.annual_value = r.money(arrears[i], "annual_value", at);
            a.paid = r.money(arrears[i], "paid", at);
            a.use = r.string(arrears[i], "use", at, "");
            r.only(arrears[i], at, {"fiscal_year", "annual_value", "paid", "use"});
            in.arrears.push_back(std::move(a));
        }
        r.only(j, "$", {"municipality", "fiscal_year", "use", "occupancy", "monthly_rent", "loan_interest",
                        "annual_value", "land_area", "floor_area", "units", "waivers", "paid_on", "pays", "arrears"});
    });
}

Result<WaterInput> WaterInput::from_json(const nlohmann::json& j) {
    return read_input<WaterInput>(j, "water input", [&](InputReader& r, WaterInput& in) {
        in.municipality = r.text(j, "municipality", "$", true);
        in.month = r.text(j, "month", "$", true);
        in.use = r.string(j, "use", "$", in.use);
        in.diameter = r.text(j, "diameter", "$", true);
        in.extra_flats = static_cast<int>(r.bounded(j, "extra_flats", "$", 0, 0, 10000));
        in.metered = r.boolean(j, "metered", "$");
        in.litres = r.bounded(j, "litres", "$", 0, 0, 1'000'000'000, in.metered);
        if (!in.metered && j.contains("litres")) r.problem("$.litres", "is for a metered connection (metered: true)");
        in.new_connection = r.boolean(j, "new_connection", "$");
        in.arrears = r.money(j, "arrears", "$");
        in.paid_on = r.string(j, "paid_on", "$", "");
        r.only(j, "$", {"municipality", "month", "use", "diameter", "extra_flats", "metered", "litres",
                        "new_connection", "arrears", "paid_on"});
    });
}

Result<TradeLicenceInput> TradeLicenceInput::from_json(const nlohmann::json& j) {
    return read_input<TradeLicenceInput>(j, "trade licence input", [&](InputReader& r, TradeLicenceInput& in) {
        in.municipality = r.text(j, "municipality", "$", true);
        in.fiscal_year = r.text(j, "fiscal_year", "$", true);
        in.category = r.text(j, "category", "$", true);
        in.renewal = r.boolean(j, "renewal", "$");
        in.years = static_cast<int>(r.bounded(j, "years", "$", 1, 1, 5));
        const auto& boards = r.array(j, "signboards", "$");
        for (std::size_t i = 0; i < boards.size(); ++i) {
            const std::string at = "$.signboards[" + std::to_string(i) + "]";
            SignboardInput board;
            if (!boards[i].contains("area_sqft")) r.problem(at + ".area_sqft", "missing");
            board.area = r.hundredths(boards[i], "area_sqft", at);
            board.lit = r.boolean(boards[i], "lit", at);
            r.only(boards[i], at, {"area_sqft", "lit"});
            in.signboards.push_back(board);
        }
        in.paid_on = r.string(j, "paid_on", "$", "");
        const auto& arrears = r.array(j, "arrears", "$");
        for (std::size_t i = 0; i < arrears.size(); ++i) {
            const std::string at = "$.arrears[" + std::to_string(i) + "]";
            TradeArrear a;
            a.fiscal_year = r.text(arrears[i], "fiscal_year", at, true);
            a.category = r.string(arrears[i], "category", at, "");
            r.only(arrears[i], at, {"fiscal_year", "category"});
            in.arrears.push_back(std::move(a));
        }
        r.only(j, "$", {"municipality", "fiscal_year", "category", "renewal", "years", "signboards", "paid_on",
                        "arrears"});
    });
}

Result<CertificateFeeInput> CertificateFeeInput::from_json(const nlohmann::json& j) {
    return read_input<CertificateFeeInput>(j, "certificate fee input", [&](InputReader& r, CertificateFeeInput& in) {
        in.municipality = r.text(j, "municipality", "$", true);
        in.date = r.text(j, "date", "$", true);
        in.document_type = r.text(j, "document_type", "$", true);
        const std::string language = r.string(j, "language", "$", "bn");
        if (language == "en") in.language = Language::en;
        else if (language != "bn") r.problem("$.language", "must be \"bn\" or \"en\"");
        in.copies = static_cast<int>(r.bounded(j, "copies", "$", 1, 1, 100));
        r.only(j, "$", {"municipality", "date", "document_type", "language", "copies"});
    });
}

}  // namespace poura::fees
