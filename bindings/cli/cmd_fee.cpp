// poura fee holding|water|trade|certificate: bills from schedule files.
#include "cli.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>

namespace poura::cli {
namespace {

// How a command-line option becomes a member of the calculator's JSON input.
enum class Kind { text, number, integer, flag, list };

struct Option {
    const char* flag;
    const char* member;
    Kind kind;
    const char* hint;  // what the value looks like, for --help
};

struct Calculator {
    const char* name;
    const char* what;
    std::vector<Option> options;
    std::vector<const char*> more;  // --help lines for the options built by hand
};

const Calculator kCalculators[] = {
    {"holding",
     "holding tax for a fiscal year",
     {{"municipality", "municipality", Kind::text, "CODE"},
      {"fiscal-year", "fiscal_year", Kind::text, "2025-26"},
      {"use", "use", Kind::text, "USE (residential)"},
      {"occupancy", "occupancy", Kind::text, "rented|owner_occupied|vacant_land"},
      {"monthly-rent", "monthly_rent", Kind::text, "TAKA"},
      {"loan-interest", "loan_interest", Kind::text, "TAKA (yearly, house-building loan)"},
      {"annual-value", "annual_value", Kind::text, "TAKA (from the assessment list)"},
      {"land-area", "land_area", Kind::number, "AREA (vacant land, in the schedule's unit)"},
      {"floor-area", "floor_area", Kind::number, "SQFT"},
      {"waiver", "waivers", Kind::list, "CODE (repeatable)"},
      {"paid-on", "paid_on", Kind::text, "YYYY-MM-DD"},
      {"pays", "pays", Kind::text, "year|q1..q4|q1+q2..."}},
     {"--unit LABEL:USE:OCCUPANCY:RENT[:LOAN_INTEREST[:SQFT]]   one unit or floor (repeatable)",
      "--arrear FISCAL_YEAR:ANNUAL_VALUE[:PAID]   an unpaid earlier year (repeatable)"}},
    {"water",
     "a month's water bill",
     {{"municipality", "municipality", Kind::text, "CODE"},
      {"month", "month", Kind::text, "YYYY-MM"},
      {"use", "use", Kind::text, "USE (residential)"},
      {"diameter", "diameter", Kind::text, "1/2|3/4|1"},
      {"extra-flats", "extra_flats", Kind::integer, "N"},
      {"metered", "metered", Kind::flag, ""},
      {"litres", "litres", Kind::integer, "N (with --metered)"},
      {"new-connection", "new_connection", Kind::flag, ""},
      {"arrears", "arrears", Kind::text, "TAKA"},
      {"paid-on", "paid_on", Kind::text, "YYYY-MM-DD"}},
     {}},
    {"trade",
     "a trade licence fee, new or renewed",
     {{"municipality", "municipality", Kind::text, "CODE"},
      {"fiscal-year", "fiscal_year", Kind::text, "2025-26"},
      {"category", "category", Kind::text, "CODE"},
      {"renewal", "renewal", Kind::flag, ""},
      {"years", "years", Kind::integer, "N"},
      {"paid-on", "paid_on", Kind::text, "YYYY-MM-DD"}},
     {"--signboard AREA_SQFT[:lit|:unlit]   (repeatable)",
      "--arrear FISCAL_YEAR[:CATEGORY]   an unpaid earlier year (repeatable)"}},
    {"certificate",
     "a certificate's fee",
     {{"municipality", "municipality", Kind::text, "CODE"},
      {"date", "date", Kind::text, "YYYY-MM-DD"},
      {"document-type", "document_type", Kind::text, "TYPE"},
      {"language", "language", Kind::text, "bn|en"},
      {"copies", "copies", Kind::integer, "N"}},
     {}},
};

const std::set<std::string> kCommonOptions = {"schedules", "input", "receipt", "payer-bn", "payer-en", "reference",
                                              "method", "arrear", "signboard", "unit"};

const Calculator* find_calculator(const std::string& name) {
    for (const auto& c : kCalculators)
        if (name == c.name) return &c;
    return nullptr;
}

nlohmann::json parse_number(const std::string& flag, const std::string& value, bool integer) {
    const auto parsed = parse_json(value);
    if (!parsed || !parsed->is_number() || (integer && !parsed->is_number_integer()))
        fail(exit_usage, "--" + flag + " must be " + (integer ? "a whole number" : "a number") + ", not '" + value +
                             "'");
    return *parsed;
}

std::vector<std::string> split(const std::string& value, char separator) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (std::size_t at; (at = value.find(separator, start)) != std::string::npos; start = at + 1)
        parts.push_back(value.substr(start, at - start));
    parts.push_back(value.substr(start));
    return parts;
}

// "Ground floor:commercial:rented:25000[:LOAN_INTEREST[:SQFT]]": one unit of a holding.
nlohmann::json parse_unit(const std::string& value) {
    const auto parts = split(value, ':');
    if (parts.size() < 4 || parts.size() > 6)
        fail(exit_usage, "--unit takes LABEL:USE:OCCUPANCY:RENT[:LOAN_INTEREST[:SQFT]], not '" + value + "'");
    nlohmann::json unit = {{"label", parts[0]}, {"use", parts[1]}, {"occupancy", parts[2]}, {"monthly_rent", parts[3]}};
    if (parts.size() > 4 && !parts[4].empty()) unit["loan_interest"] = parts[4];
    if (parts.size() > 5) unit["floor_area"] = parse_number("unit", parts[5], false);
    return unit;
}

// "2023-24:85000" or "2023-24:85000:2000" (fiscal year, annual value, paid) for
// holding tax; "2023-24" or "2023-24:grocery" for a trade licence.
nlohmann::json parse_arrear(const std::string& calculator, const std::string& value) {
    const auto parts = split(value, ':');
    if (calculator == "holding") {
        if (parts.size() < 2 || parts.size() > 3) fail(exit_usage, "--arrear takes FISCAL_YEAR:ANNUAL_VALUE[:PAID]");
        nlohmann::json a = {{"fiscal_year", parts[0]}, {"annual_value", parts[1]}};
        if (parts.size() == 3) a["paid"] = parts[2];
        return a;
    }
    if (parts.size() > 2) fail(exit_usage, "--arrear takes FISCAL_YEAR[:CATEGORY]");
    nlohmann::json a = {{"fiscal_year", parts[0]}};
    if (parts.size() == 2) a["category"] = parts[1];
    return a;
}

// "12.5" or "12.5:lit": a signboard's area in square feet.
nlohmann::json parse_signboard(const std::string& value) {
    const auto colon = value.find(':');
    const std::string area = value.substr(0, colon);
    const std::string light = colon == std::string::npos ? "" : value.substr(colon + 1);
    if (!light.empty() && light != "lit" && light != "unlit") fail(exit_usage, "--signboard takes AREA[:lit|:unlit]");
    return {{"area_sqft", parse_number("signboard", area, false)}, {"lit", light == "lit"}};
}

nlohmann::json build_input(const Calculator& calc, const Args& args) {
    nlohmann::json input = nlohmann::json::object();
    if (auto file = args.get("input")) {
        input = read_json_file(*file);
        if (!input.is_object()) fail(exit_input, *file + ": not a JSON object");
    }
    for (const Option& o : calc.options) {
        if (o.kind == Kind::flag) {
            if (args.has(o.flag)) input[o.member] = true;
            continue;
        }
        if (o.kind == Kind::list) {
            for (const auto& v : args.all(o.flag)) input[o.member].push_back(v);
            continue;
        }
        auto value = args.get(o.flag);
        if (!value) continue;
        if (o.kind == Kind::text) input[o.member] = *value;
        else input[o.member] = parse_number(o.flag, *value, o.kind == Kind::integer);
    }
    const std::string name = calc.name;
    for (const auto& a : args.all("arrear")) {
        if (name != "holding" && name != "trade") fail(exit_usage, "--arrear is for holding and trade bills");
        input["arrears"].push_back(parse_arrear(name, a));
    }
    for (const auto& u : args.all("unit")) {
        if (name != "holding") fail(exit_usage, "--unit is for holding tax bills");
        input["units"].push_back(parse_unit(u));
    }
    for (const auto& s : args.all("signboard")) {
        if (name != "trade") fail(exit_usage, "--signboard is for trade licence bills");
        input["signboards"].push_back(parse_signboard(s));
    }
    return input;
}

fees::Bill calculate(const std::string& name, const fees::ScheduleSet& set, const nlohmann::json& input) {
    if (name == "holding") return take(fees::holding_tax(set, take(fees::HoldingTaxInput::from_json(input))));
    if (name == "water") return take(fees::water_bill(set, take(fees::WaterInput::from_json(input))));
    if (name == "trade") return take(fees::trade_licence_fee(set, take(fees::TradeLicenceInput::from_json(input))));
    return take(fees::certificate_fee(set, take(fees::CertificateFeeInput::from_json(input))));
}

}  // namespace

std::string fee_help(const std::string& calculator) {
    const Calculator* calc = find_calculator(calculator);
    if (!calc) return {};
    std::string out = "usage:\n  fee " + std::string(calc->name) + " --schedules DIR|FILE [--input FILE] [options] [--json]\n" +
                      "            " + calc->what + "; --input FILE reads the options below as JSON\n\noptions:\n";
    for (const Option& o : calc->options)
        out += "  --" + std::string(o.flag) + (*o.hint ? " " + std::string(o.hint) : std::string()) + "\n";
    for (const char* line : calc->more) out += "  " + std::string(line) + "\n";
    out += "  --receipt FILE --payer-bn NAME [--payer-en NAME] --reference REF [--method cash|bank|mobile]\n"
           "            also write a receipt document to sign with 'poura issue'\n"
           "\nSee docs/fees.md for the rules and docs/cli.md for every option.\n";
    return out;
}

int cmd_fee(const std::vector<std::string>& words) {
    const std::string usage =
        "usage: poura fee holding|water|trade|certificate --schedules DIR|FILE [--input FILE] [options] [--json]";
    if (words.empty()) fail(exit_usage, usage);
    const Calculator* calc = find_calculator(words[0]);
    if (!calc) fail(exit_usage, "unknown bill '" + words[0] + "'; " + usage);

    std::set<std::string> options = kCommonOptions, flags = {"json", "force"};
    for (const Option& o : calc->options) (o.kind == Kind::flag ? flags : options).insert(o.flag);
    const Args args(std::vector<std::string>(words.begin() + 1, words.end()), options, flags);
    if (!args.positional().empty()) fail(exit_usage, "unexpected argument '" + args.positional()[0] + "'");
    if (auto receipt = args.get("receipt")) refuse_to_overwrite(args, *receipt);

    fees::ScheduleSet schedules;
    const auto paths = args.all("schedules");
    if (paths.empty()) fail(exit_usage, "--schedules is required (a schedule file or a folder of them)");
    for (const auto& path : paths) load_schedules(schedules, path);

    const nlohmann::json input = build_input(*calc, args);
    const fees::Bill bill = calculate(calc->name, schedules, input);

    if (auto receipt = args.get("receipt")) {
        fees::ReceiptDetails details;
        details.payer_name_bn = args.require("payer-bn");
        details.payer_name_en = args.get("payer-en").value_or("");
        details.reference = args.require("reference");
        // A certificate fee is paid on the day of the application.
        details.paid_on = input.value("paid_on", input.value("date", ""));
        if (details.paid_on.empty()) fail(exit_usage, "--receipt needs the payment date (--paid-on)");
        details.method = args.get("method").value_or("");
        write_file(*receipt, take(fees::receipt_document(bill, details)).dump(2) + "\n");
    }

    if (args.has("json")) print_json(bill.to_json());
    else std::cout << bill.to_text();
    return exit_ok;
}

}  // namespace poura::cli
