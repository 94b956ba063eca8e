// The revenue section's commands: holdings, water connections and trade
// licences as records, bill runs, payments and settlement imports, the ledger
// check and reports. Like the other office commands each works on --db FILE
// as --as LOGIN; bills, payments and licences also need the fee schedules
// (--schedules), and receipts and licences are signed with --keyset.
#include "office_session.hpp"

#include <poura/revenue.hpp>

#include <algorithm>
#include <iomanip>
#include <iostream>

namespace poura::cli {
namespace {

using namespace poura::revenue;

std::string taka_text(Money m) { return format_taka(m, Language::en); }

// An amount of taka given as --NAME: "1500", "1,500.50"; nothing else.
Money taka_option(const Args& args, const std::string& name) {
    const std::string text = args.require(name);
    auto amount = parse_taka(text);
    if (!amount) fail(exit_usage, "--" + name + ": " + amount.error().message);
    return *amount;
}

// Areas and the like: hundredths, written with the digits rule of an amount.
std::int64_t hundredths_option(const Args& args, const std::string& name) {
    if (!args.get(name)) return 0;
    return taka_option(args, name).in_poisha();
}

// The date today by --now or the clock, as the office counts days.
std::string today(const Args& args) { return format_time(now_or(args)).substr(0, 10); }

// The words after a subcommand, and that subcommand when it is one of these.
std::string subcommand(const std::string& command, const std::vector<std::string>& words,
                       const std::set<std::string>& names) {
    if (words.empty() || !names.count(words[0])) {
        std::string list;
        for (const auto& n : names) list += (list.empty() ? "" : "|") + n;
        fail(exit_usage, "usage: poura " + command + " " + list + " ... (see 'poura help " + command + "')");
    }
    return words[0];
}

std::vector<std::string> after_first(const std::vector<std::string>& words) {
    return std::vector<std::string>(words.begin() + 1, words.end());
}

void write_qr_png(const std::string& path, const std::string& text) {
    write_file(path, take(qr_to_png(take(qr_encode(text, EccLevel::Q)))));
}

// ----- Printing -------------------------------------------------------------

void print_owners(const std::vector<Owner>& owners) {
    for (const auto& o : owners) {
        std::cout << "  owner " << o.name_bn;
        if (!o.name_en.empty()) std::cout << " / " << o.name_en;
        std::cout << ", share " << o.share;
        if (!o.mobile.empty()) std::cout << ", " << o.mobile;
        if (!o.nid.empty()) std::cout << ", NID " << o.nid;
        std::cout << "\n";
    }
}

void print_holding(const Holding& h) {
    std::cout << "holding " << h.number << ": ward " << h.ward << ", " << h.use << ", " << h.construction;
    if (!h.mohalla.empty()) std::cout << ", " << h.mohalla;
    if (!h.road.empty()) std::cout << ", " << h.road;
    std::cout << "\n";
    if (h.use == "vacant_land") std::cout << "  land " << format_money(Money::poisha(h.land_area), Language::en) << " decimal(s)\n";
    else if (h.units.empty()) std::cout << "  " << h.occupancy << ", monthly rent " << taka_text(h.monthly_rent) << "\n";
    else std::cout << "  " << h.units.size() << " unit(s)\n";
    if (!h.loan_interest.is_zero()) std::cout << "  house-building loan interest " << taka_text(h.loan_interest) << " a year\n";
    for (const auto& w : h.waivers) std::cout << "  waiver " << w << "\n";
    print_owners(h.owners);
}

void print_assessment(const Assessment& a) {
    std::cout << "  assessment from " << a.effective << " (" << a.kind << ", " << a.status << "): annual value "
              << taka_text(a.annual_value);
    if (!a.note.empty()) std::cout << "; " << a.note;
    std::cout << "\n";
}

void print_demands(const std::vector<Demand>& demands) {
    for (const auto& d : demands) {
        Money owed;
        for (const auto& x : d.dues) owed += x.outstanding();
        std::cout << "  demand " << d.period << ": " << taka_text(d.total) << ", outstanding " << taka_text(owed)
                  << (d.dues.empty() ? " (exempt)" : "") << "\n";
        for (const auto& x : d.dues) {
            std::cout << "    " << (x.kind == "surcharge" ? "surcharge   " : x.instalment ? "instalment " + std::to_string(x.instalment)
                                                                                            : "amount      ")
                      << "  due " << x.due << "  " << std::setw(16) << taka_text(x.amount);
            if (!x.paid.is_zero()) std::cout << "  paid " << taka_text(x.paid);
            if (!x.adjusted.is_zero()) std::cout << "  adjusted " << taka_text(x.adjusted);
            std::cout << "  owes " << taka_text(x.outstanding()) << "\n";
        }
    }
}

void print_payment_line(const Payment& p) {
    std::cout << "  payment " << p.paid_on << "  " << taka_text(p.amount) << "  " << p.method
              << (p.reference.empty() ? "" : " " + p.reference) << "  receipt " << p.receipt_serial << "\n";
}

void print_payment(const Payment& p) {
    if (p.duplicate)
        std::cout << "already recorded: " << p.method << " " << p.reference << " is this earlier payment\n";
    std::cout << "payment of " << taka_text(p.amount) << " for " << p.service << " " << p.account << ", " << p.paid_on
              << " by " << p.method << (p.reference.empty() ? "" : " " + p.reference) << "\n";
    for (const auto& a : p.allocations) {
        std::cout << "  " << a.period << " " << (a.kind == "surcharge" ? "surcharge" : a.instalment ? "instalment " + std::to_string(a.instalment) : a.kind)
                  << "  " << taka_text(a.amount) << "\n";
    }
    if (!p.rebate.is_zero()) std::cout << "  rebate for paying early: " << taka_text(p.rebate) << "\n";
    std::cout << "receipt " << p.receipt_serial << "\n" << p.receipt_qr << "\n";
}

void print_licence(const TradeLicence& l) {
    std::cout << "trade licence " << l.number << ": " << l.business_name_bn;
    if (!l.business_name_en.empty()) std::cout << " / " << l.business_name_en;
    std::cout << ", " << l.status << "\n  " << l.category << ", holding " << l.holding << ", ward " << l.ward
              << "\n  owner " << l.owner_name_bn << (l.owner_name_en.empty() ? "" : " / " + l.owner_name_en)
              << (l.mobile.empty() ? "" : ", " + l.mobile) << "\n";
    if (!l.first_year.empty()) std::cout << "  valid " << l.first_year << " to " << l.last_year << "\n";
    if (!l.serial.empty()) std::cout << "  signed licence " << l.serial << "\n";
}

void print_connection(const WaterConnection& c) {
    std::cout << "water connection " << c.number << ": holding " << c.holding << ", " << c.diameter << " inch, " << c.use
              << ", " << c.storeys << " storey(s), " << c.flats << " flat(s), " << c.status << " since "
              << c.connected_on << "\n";
    if (c.metered) std::cout << "  metered" << (c.meter_no.empty() ? "" : ", meter " + c.meter_no) << "\n";
}

// A record with its demands and payments, as 'show' prints it.
nlohmann::json account_json(nlohmann::json record, const std::vector<Demand>& demands, const std::vector<Payment>& payments) {
    nlohmann::json d = nlohmann::json::array(), p = nlohmann::json::array();
    for (const auto& x : demands) d.push_back(to_json(x));
    for (const auto& x : payments) p.push_back(to_json(x));
    return {{"record", std::move(record)}, {"demands", d}, {"payments", p}};
}

// ----- Holdings -------------------------------------------------------------

// NAME_BN[:SHARE[:MOBILE[:NID[:NAME_EN]]]]
Owner owner_option(const std::string& text) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (std::size_t colon; (colon = text.find(':', start)) != std::string::npos; start = colon + 1)
        parts.push_back(text.substr(start, colon - start));
    parts.push_back(text.substr(start));
    if (parts.size() > 5 || parts[0].empty()) fail(exit_usage, "--owner takes NAME_BN[:SHARE[:MOBILE[:NID[:NAME_EN]]]]");
    Owner o;
    o.name_bn = parts[0];
    if (parts.size() > 1 && !parts[1].empty()) o.share = parts[1];
    if (parts.size() > 2) o.mobile = parts[2];
    if (parts.size() > 3) o.nid = parts[3];
    if (parts.size() > 4) o.name_en = parts[4];
    return o;
}

Holding holding_from_options(const Args& args) {
    if (auto input = args.get("input")) return take(holding_from_json(read_json_file(*input)), *input);
    Holding h;
    h.number = args.require("number");
    h.ward = static_cast<int>(args.integer("ward", 0, 1, 99));
    if (!args.get("ward")) fail(exit_usage, "--ward is required");
    h.mohalla = args.get("mohalla").value_or("");
    h.road = args.get("road").value_or("");
    h.use = args.get("use").value_or(h.use);
    h.construction = args.get("construction").value_or(h.construction);
    h.land_area = hundredths_option(args, "land-area");
    h.floor_area = hundredths_option(args, "floor-area");
    h.occupancy = args.get("occupancy").value_or(h.occupancy);
    if (args.get("monthly-rent")) h.monthly_rent = taka_option(args, "monthly-rent");
    if (args.get("loan-interest")) h.loan_interest = taka_option(args, "loan-interest");
    h.waivers = args.all("waiver");
    Owner o;
    o.name_bn = args.require("owner-name-bn");
    o.name_en = args.get("owner-name-en").value_or("");
    o.nid = args.get("owner-nid").value_or("");
    o.mobile = args.get("owner-mobile").value_or("");
    h.owners = {o};
    return h;
}

int holding_command(const std::vector<std::string>& words) {
    const std::string sub =
        subcommand("holding", words, {"add", "import", "show", "assess", "object", "review", "mutate"});
    const Args args(after_first(words),
                    office_options({"input", "number", "ward", "mohalla", "road", "use", "construction", "land-area",
                                    "floor-area", "occupancy", "monthly-rent", "loan-interest", "waiver",
                                    "owner-name-bn", "owner-name-en", "owner-nid", "owner-mobile", "value",
                                    "effective", "note", "reason", "owner"}),
                    office_flags({"interim"}));
    Office office = open_office(args);
    Revenue revenue(office);
    const bool json = args.has("json");
    if (sub == "show") {
        const std::string number = one_positional(args, "holding number");
        const Holding h = take(revenue.holding(number));
        const auto assessments = take(revenue.assessments(h.number));
        const auto demands = take(revenue.demands("holding_tax", h.number));
        const auto payments = take(revenue.payments("holding_tax", h.number));
        if (json) {
            nlohmann::json out = account_json(to_json(h), demands, payments);
            out["assessments"] = nlohmann::json::array();
            for (const auto& a : assessments) out["assessments"].push_back(to_json(a));
            print_json(out);
            return exit_ok;
        }
        print_holding(h);
        for (const auto& a : assessments) print_assessment(a);
        print_demands(demands);
        for (const auto& p : payments) print_payment_line(p);
        return exit_ok;
    }
    const User actor = acting_user(office, args);
    if (sub == "add") {
        if (!args.positional().empty()) fail(exit_usage, "holding add takes options only (--number ...)");
        const Holding h = take(revenue.add_holding(actor.id, holding_from_options(args)));
        if (json) print_json(to_json(h));
        else print_holding(h);
        return exit_ok;
    }
    if (sub == "import") {
        const std::string path = one_positional(args, "register file (CSV)");
        const std::int64_t added = take(revenue.import_register(actor.id, "holdings", read_text(path)), path);
        if (json) print_json({{"file", path}, {"holdings", added}});
        else std::cout << added << " holding(s) imported from " << path << "\n";
        return exit_ok;
    }
    const std::string number = one_positional(args, "holding number");
    if (sub == "assess") {
        Assessment a;
        a.kind = args.has("interim") ? "interim" : "general";
        a.effective = args.require("effective");
        if (args.get("value")) a.annual_value = taka_option(args, "value");
        a.note = args.get("note").value_or("");
        const Assessment done = take(revenue.assess(actor.id, number, a));
        if (json) print_json(to_json(done));
        else print_assessment(done);
        return exit_ok;
    }
    if (sub == "object" || sub == "review") {
        const Assessment done =
            sub == "object" ? take(revenue.object(actor.id, number, args.require("reason")))
                            : take(revenue.review(actor.id, number, taka_option(args, "value"), args.require("note")));
        if (json) print_json(to_json(done));
        else print_assessment(done);
        return exit_ok;
    }
    std::vector<Owner> owners;
    if (auto input = args.get("input")) {
        const nlohmann::json list = read_json_file(*input);
        if (!list.is_array()) fail(exit_input, *input + ": must be a list of owners");
        for (const auto& o : list) owners.push_back(take(owner_from_json(o), *input));
    }
    for (const auto& text : args.all("owner")) owners.push_back(owner_option(text));
    if (owners.empty()) fail(exit_usage, "give the new owners: --owner NAME_BN[:SHARE[:MOBILE[:NID[:NAME_EN]]]] or --input FILE.json");
    const Holding h = take(revenue.mutate(actor.id, number, owners, args.require("effective"), args.get("note").value_or("")));
    if (json) print_json(to_json(h));
    else print_holding(h);
    return exit_ok;
}

// ----- Water ----------------------------------------------------------------

int water_command(const std::vector<std::string>& words) {
    const std::string sub = subcommand("water", words, {"add", "import", "read", "show"});
    const Args args(after_first(words),
                    office_options({"input", "number", "holding", "diameter", "use", "storeys", "flats", "meter-no",
                                    "connected-on", "month", "litres"}),
                    office_flags({"metered"}));
    Office office = open_office(args);
    Revenue revenue(office);
    const bool json = args.has("json");
    if (sub == "show") {
        const WaterConnection c = take(revenue.connection(one_positional(args, "connection number")));
        const auto demands = take(revenue.demands("water", c.number));
        const auto payments = take(revenue.payments("water", c.number));
        if (json) {
            print_json(account_json(to_json(c), demands, payments));
            return exit_ok;
        }
        print_connection(c);
        print_demands(demands);
        for (const auto& p : payments) print_payment_line(p);
        return exit_ok;
    }
    const User actor = acting_user(office, args);
    if (sub == "add") {
        if (!args.positional().empty()) fail(exit_usage, "water add takes options only (--number ...)");
        WaterConnection c;
        if (auto input = args.get("input")) {
            c = take(connection_from_json(read_json_file(*input)), *input);
        } else {
            c.number = args.require("number");
            c.holding = args.require("holding");
            c.diameter = args.require("diameter");
            c.connected_on = args.require("connected-on");
            c.use = args.get("use").value_or(c.use);
            c.storeys = static_cast<int>(args.integer("storeys", 1, 1, 200));
            c.flats = static_cast<int>(args.integer("flats", 1, 1, 10000));
            c.metered = args.has("metered");
            c.meter_no = args.get("meter-no").value_or("");
        }
        const WaterConnection added = take(revenue.add_connection(actor.id, c));
        if (json) print_json(to_json(added));
        else print_connection(added);
        return exit_ok;
    }
    if (sub == "import") {
        const std::string path = one_positional(args, "register file (CSV)");
        const std::int64_t added = take(revenue.import_register(actor.id, "connections", read_text(path)), path);
        if (json) print_json({{"file", path}, {"connections", added}});
        else std::cout << added << " water connection(s) imported from " << path << "\n";
        return exit_ok;
    }
    const std::string number = one_positional(args, "connection number");
    const std::string month = args.require("month");
    if (!args.get("litres")) fail(exit_usage, "--litres is required: the meter's reading");
    const std::int64_t litres = args.integer("litres", 0, 0, 1'000'000'000'000);
    take(revenue.record_reading(actor.id, number, month, litres));
    if (json) print_json({{"connection", number}, {"month", month}, {"litres", litres}});
    else std::cout << "reading for " << number << " in " << month << ": " << litres << " litres\n";
    return exit_ok;
}

// ----- Trade licences ---------------------------------------------------------

// "12.5" or "12.5:lit": a signboard's area in square feet.
fees::SignboardInput signboard_option(const std::string& text) {
    const auto colon = text.find(':');
    const std::string area = text.substr(0, colon);
    if (colon != std::string::npos && text.substr(colon + 1) != "lit") fail(exit_usage, "--signboard takes AREA[:lit]");
    auto hundredths = parse_taka(area);
    if (!hundredths) fail(exit_usage, "--signboard: '" + area + "' is not an area in square feet");
    return {hundredths->in_poisha(), colon != std::string::npos};
}

int licence_command(const std::vector<std::string>& words) {
    const std::string sub = subcommand("licence", words, {"issue", "renew", "surrender", "show"});
    const Args args(after_first(words),
                    office_options({"input", "business-name-bn", "business-name-en", "owner-name-bn", "owner-name-en",
                                    "owner-nid", "mobile", "holding", "ward", "address-bn", "category", "signboard",
                                    "years", "on", "reason", "qr"}),
                    office_flags({"force"}));
    if (auto qr = args.get("qr")) refuse_to_overwrite(args, *qr);
    Office office = open_office(args);
    Revenue revenue(office);
    const bool json = args.has("json");
    const int years = static_cast<int>(args.integer("years", 1, 1, 10));
    const std::string on = args.get("on").value_or(today(args));
    TradeLicence l;
    if (sub == "show") {
        l = take(revenue.licence(one_positional(args, "licence number")));
    } else {
        const User actor = acting_user(office, args);
        if (sub == "issue") {
            if (!args.positional().empty()) fail(exit_usage, "licence issue takes options only (--business-name-bn ...)");
            if (auto input = args.get("input")) {
                l = take(licence_from_json(read_json_file(*input)), *input);
            } else {
                l.business_name_bn = args.require("business-name-bn");
                l.business_name_en = args.require("business-name-en");
                l.owner_name_bn = args.require("owner-name-bn");
                l.owner_name_en = args.require("owner-name-en");
                l.owner_nid = args.require("owner-nid");
                l.mobile = args.get("mobile").value_or("");
                l.holding = args.require("holding");
                if (!args.get("ward")) fail(exit_usage, "--ward is required");
                l.ward = static_cast<int>(args.integer("ward", 0, 1, 99));
                l.address_bn = args.require("address-bn");
                l.category = args.require("category");
                for (const auto& s : args.all("signboard")) l.signboards.push_back(signboard_option(s));
            }
            l = take(revenue.issue_licence(actor.id, l, years, on));
        } else {
            const std::string number = one_positional(args, "licence number");
            l = sub == "renew" ? take(revenue.renew_licence(actor.id, number, years, on))
                               : take(revenue.surrender_licence(actor.id, number, args.require("reason")));
        }
    }
    const auto demands = take(revenue.demands("trade_licence", l.number));
    if (auto qr = args.get("qr")) {
        if (l.qr_text.empty()) fail(exit_input, l.number + " has no signed licence yet: its fee is not paid");
        write_qr_png(*qr, l.qr_text);
    }
    if (json) {
        print_json(account_json(to_json(l), demands, take(revenue.payments("trade_licence", l.number))));
        return exit_ok;
    }
    print_licence(l);
    if (sub != "show") {
        if (!demands.empty() && sub != "surrender") print_demands({demands.back()});
        if (l.status == "pending" || sub == "renew")
            std::cout << "the signed licence is issued when its fee is paid: poura pay --service trade_licence --account "
                      << l.number << " ...\n";
    } else {
        print_demands(demands);
    }
    if (!l.qr_text.empty() && sub != "surrender") std::cout << l.qr_text << "\n";
    if (auto qr = args.get("qr")) std::cout << "QR -> " << *qr << "\n";
    return exit_ok;
}

// ----- Bills and payments -------------------------------------------------------

int bill_command(const std::vector<std::string>& words) {
    subcommand("bill", words, {"run"});
    const Args args(after_first(words), office_options({"service", "period", "ward"}), office_flags({}));
    if (!args.positional().empty()) fail(exit_usage, "bill run takes options only (--service S --period P)");
    Office office = open_office(args);
    Revenue revenue(office);
    const User actor = acting_user(office, args);
    Scope scope;
    scope.service = args.require("service");
    scope.period = args.require("period");
    scope.ward = static_cast<int>(args.integer("ward", 0, 0, 99));
    RunSummary s;
    {
        ProgressBar bar;
        s = take(revenue.run_bills(actor.id, scope, [&](std::int64_t done, std::int64_t total) { bar(done, total); }));
    }
    if (args.has("json")) {
        print_json(to_json(s));
        return exit_ok;
    }
    std::cout << "bill run " << s.run << ": " << s.service << " " << s.period << ", "
              << (s.ward ? "ward " + std::to_string(s.ward) : std::string("every ward")) << "\n  " << s.accounts
              << " account(s): " << s.billed << " billed, " << s.already_billed << " already billed, " << s.exempt
              << " exempt, " << s.skipped << " skipped\n  demand " << taka_text(s.demand) << "; arrears "
              << taka_text(s.arrears) << " carried, " << s.surcharges << " arrear period(s) surcharged\n";
    for (const auto& p : s.problems) std::cout << "  not billed: " << p << "\n";
    return exit_ok;
}

int pay_command(const std::vector<std::string>& words) {
    const Args args(words,
                    office_options({"service", "account", "amount", "paid-on", "method", "reference", "payer-bn",
                                    "instalment", "receipt"}),
                    office_flags({"force"}));
    if (!args.positional().empty()) fail(exit_usage, "pay takes options only (--service S --account A ...)");
    if (auto receipt = args.get("receipt")) refuse_to_overwrite(args, *receipt);
    NewPayment n;
    n.service = args.require("service");
    n.account = args.require("account");
    n.amount = taka_option(args, "amount");
    n.paid_on = args.require("paid-on");
    n.method = args.get("method").value_or(n.method);
    n.reference = args.get("reference").value_or("");
    n.payer_bn = args.get("payer-bn").value_or("");
    n.instalments = args.all("instalment");
    Office office = open_office(args);
    Revenue revenue(office);
    const User actor = acting_user(office, args);
    const Payment p = take(revenue.pay(actor.id, n));
    if (auto receipt = args.get("receipt")) write_qr_png(*receipt, p.receipt_qr);
    if (args.has("json")) print_json(to_json(p));
    else print_payment(p);
    if (auto receipt = args.get("receipt"); receipt && !args.has("json")) std::cout << "QR -> " << *receipt << "\n";
    return exit_ok;
}

int payments_command(const std::vector<std::string>& words) {
    subcommand("payments", words, {"import"});
    const Args args(after_first(words), office_options({"method"}), office_flags({}));
    const std::string path = one_positional(args, "settlement file (CSV)");
    const std::string method = args.require("method");
    const std::string csv = read_text(path);
    Office office = open_office(args);
    Revenue revenue(office);
    const User actor = acting_user(office, args);
    const std::string name = path.substr(path.find_last_of('/') == std::string::npos ? 0 : path.find_last_of('/') + 1);
    ImportReport r;
    {
        ProgressBar bar;
        r = take(revenue.import_payments(actor.id, method, csv, name,
                                         [&](std::int64_t done, std::int64_t total) { bar(done, total); }),
                 path);
    }
    if (args.has("json")) {
        print_json(to_json(r));
        return exit_ok;
    }
    std::cout << path << ": " << r.rows << " row(s): " << r.recorded << " recorded (" << taka_text(r.amount) << "), "
              << r.duplicates << " duplicate, " << r.unmatched << " unmatched\n";
    for (const auto& u : r.unmatched_sample) std::cout << "  unmatched " << u << "\n";
    return exit_ok;
}

// ----- Ledger and reports ----------------------------------------------------------

int ledger_command(const std::vector<std::string>& words) {
    subcommand("ledger", words, {"check"});
    const Args args(after_first(words), office_options({}), office_flags({}));
    if (!args.positional().empty()) fail(exit_usage, "ledger check takes no arguments");
    Office office = open_office(args);
    const LedgerCheck c = take(Revenue(office).check_ledger());
    if (args.has("json")) {
        print_json(to_json(c));
    } else {
        std::cout << (c.ok ? "the ledger balances" : "THE LEDGER DOES NOT BALANCE") << ": demand " << taka_text(c.demand)
                  << " - collection " << taka_text(c.collection) << " + adjustments " << taka_text(c.adjustments)
                  << " = outstanding " << taka_text(c.outstanding) << "\n  " << c.dues << " due(s), " << c.payments
                  << " payment(s)\n";
        for (const auto& p : c.problems) std::cout << "  " << p << "\n";
    }
    return c.ok ? exit_ok : exit_invalid;
}

int report_command(const std::vector<std::string>& words) {
    const std::string name = subcommand("report", words, {"collection", "demand", "defaulters"});
    const Args args(after_first(words), office_options({"service", "period", "ward", "format", "out", "by"}),
                    office_flags({"force"}));
    if (!args.positional().empty()) fail(exit_usage, "report " + name + " takes options only");
    const std::string format = args.has("json") ? "json" : args.get("format").value_or("text");
    if (format != "text" && format != "json" && format != "csv" && format != "svg")
        fail(exit_usage, "--format is text, json, csv or svg, not '" + format + "'");
    const auto out = args.get("out");
    if (out) refuse_to_overwrite(args, *out);
    Office office = open_office(args);
    Scope scope;
    scope.service = args.get("service").value_or("");
    scope.period = args.get("period").value_or("");
    scope.ward = static_cast<int>(args.integer("ward", 0, 0, 99));
    const nlohmann::json rows = take(Revenue(office).report(name, scope));
    std::string text;
    if (format == "json") {
        text = rows.dump(2) + "\n";
    } else if (format == "csv") {
        text = report_csv(rows);
    } else if (format == "svg") {
        // Collection by month, demand's outstanding by ward, defaulters by account.
        const std::string label = args.get("by").value_or(name == "collection" ? "month" : name == "demand" ? "ward" : "account");
        const std::string value = name == "collection" ? "amount_poisha" : "outstanding_poisha";
        const std::string title = name == "collection" ? "Collection by " + label
                                  : name == "demand"   ? "Outstanding by " + label
                                                       : "Defaulters: outstanding by " + label;
        text = take(report_svg(rows, label, value, title));
    } else {
        text = table_text(rows);
    }
    if (out) {
        write_file(*out, text);
        if (args.has("json")) print_json({{"report", name}, {"rows", rows.size()}, {"out", *out}});
        else std::cout << rows.size() << " row(s) -> " << *out << "\n";
    } else {
        std::cout << text;
    }
    return exit_ok;
}

}  // namespace

int cmd_revenue(const std::string& command, const std::vector<std::string>& words) {
    if (command == "holding") return holding_command(words);
    if (command == "water") return water_command(words);
    if (command == "licence") return licence_command(words);
    if (command == "bill") return bill_command(words);
    if (command == "pay") return pay_command(words);
    if (command == "payments") return payments_command(words);
    if (command == "ledger") return ledger_command(words);
    if (command == "report") return report_command(words);
    fail(exit_usage, "unknown command '" + command + "' (see 'poura help')");
}

const std::set<std::string>& revenue_commands() {
    static const std::set<std::string> commands = {"holding", "water",    "licence", "bill",
                                                   "pay",     "payments", "ledger",  "report"};
    return commands;
}

bool is_revenue_command(const std::string& command) { return revenue_commands().count(command) != 0; }

}  // namespace poura::cli
