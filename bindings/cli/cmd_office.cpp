// The office commands: the database, users, applications and their actions,
// the registry, printing, SMS and the audit log. Each works on --db FILE
// (else $POURA_DB) and acts as the user --as LOGIN (else $POURA_USER).
#include "office_session.hpp"

#include <chrono>
#include <cstdlib>
#include <iostream>

namespace poura::cli {
namespace {

std::int64_t number_argument(const Args& args, const std::string& what) {
    if (args.positional().size() != 1) fail(exit_usage, "give one " + what);
    const auto& text = args.positional()[0];
    std::int64_t value = 0;
    if (text.empty() || text.size() > 15) fail(exit_usage, "'" + text + "' is not a " + what);
    for (char c : text) {
        if (c < '0' || c > '9') fail(exit_usage, "'" + text + "' is not a " + what);
        value = value * 10 + (c - '0');
    }
    return value;
}

std::string iso(std::int64_t t) { return t ? format_time(t) : std::string(); }

void print_application(const Application& a) {
    std::cout << "application " << a.id << ": " << a.type << ", " << state_name(a.state) << ", ward " << a.ward;
    if (!a.serial.empty()) std::cout << ", certificate " << a.serial;
    std::cout << "\n";
    if (a.duplicate_of) std::cout << "  warning: the same person has open application " << *a.duplicate_of
                                  << " of this type\n";
    if (a.fee_poisha >= 0) std::cout << "  fee: " << format_money(Money::poisha(a.fee_poisha), Language::en) << "\n";
    std::cout << "  due: " << iso(a.due_at) << "\n";
    for (const auto& h : a.history) {
        std::cout << "  " << iso(h.at) << "  " << action_name(h.action) << " by user " << h.actor << " ("
                  << role_name(h.role) << ")";
        if (!h.comment.empty()) std::cout << ": " << h.comment;
        std::cout << "\n";
    }
}

void print_certificate(const Certificate& c) {
    std::cout << "certificate " << c.serial << ": " << c.type << ", " << certificate_status_name(c.status);
    if (!c.status_reason.empty()) std::cout << " (" << c.status_reason << ")";
    if (!c.replaced_by.empty()) std::cout << ", replaced by " << c.replaced_by;
    std::cout << "\n  application " << c.application << ", issued " << iso(c.issued_at);
    if (c.expires_at) std::cout << ", expires " << iso(c.expires_at);
    std::cout << "\n  recommended by " << (c.recommended_by.empty() ? "-" : c.recommended_by) << ", approved by "
              << (c.approved_by.empty() ? "-" : c.approved_by) << ", printed " << c.prints << " time(s)\n";
}

int db_init(const std::vector<std::string>& words) {
    const Args args(words,
                    office_options({"code", "name-bn", "name-en", "class", "wards", "download-url", "sms-language",
                                    "sms-gateway", "sms-templates"}),
                    office_flags({"require-clearance"}));
    Municipality m;
    m.code = args.require("code");
    m.name_bn = args.require("name-bn");
    m.name_en = args.require("name-en");
    m.body_class = args.get("class").value_or("B");
    m.wards = static_cast<int>(args.integer("wards", 9, 1, 99));
    m.require_holding_tax_clearance = args.has("require-clearance");
    m.download_url = args.get("download-url").value_or("");
    m.sms_language = args.get("sms-language").value_or("bn");
    if (auto gateway = args.get("sms-gateway")) m.sms_gateway = read_json_file(*gateway);
    if (auto templates = args.get("sms-templates")) m.sms_templates = read_json_file(*templates);
    const std::string path = db_path(args);
    take(Office::create(path, m, office_options_from(args)), path);
    if (args.has("json")) print_json({{"database", path}, {"municipality", m.code}});
    else std::cout << "created " << path << " for " << m.name_en << " (" << m.code << ", " << m.wards << " wards)\n";
    return exit_ok;
}

int user_command(const std::vector<std::string>& words) {
    if (words.empty() || (words[0] != "add" && words[0] != "list"))
        fail(exit_usage, "usage: poura user add|list --db FILE ...");
    const std::vector<std::string> rest(words.begin() + 1, words.end());
    const Args args(rest, office_options({"login", "name", "role", "ward", "nid", "mobile"}),
                    office_flags({"authorised"}));
    Office office = open_office(args);
    if (words[0] == "list") {
        const auto users = take(office.users());
        nlohmann::json list = nlohmann::json::array();
        for (const auto& u : users) list.push_back(to_json(u));
        if (args.has("json")) print_json(list);
        else
            for (const auto& u : users)
                std::cout << u.id << "  " << u.login << "  " << role_name(u.role)
                          << (u.ward ? " ward " + std::to_string(u.ward) : std::string()) << "  " << u.name << "\n";
        return exit_ok;
    }
    User u;
    u.login = args.require("login");
    u.name = args.require("name");
    u.role = take(role_from_name(args.require("role")));
    u.ward = static_cast<int>(args.integer("ward", 0, 0, 99));
    u.nid = args.get("nid").value_or("");
    u.mobile = args.get("mobile").value_or("");
    u.authorised = args.has("authorised");
    const User added = take(office.add_user(u));
    if (args.has("json")) print_json(to_json(added));
    else std::cout << "user " << added.id << ": " << added.login << " (" << role_name(added.role) << ")\n";
    return exit_ok;
}

int apply_command(const std::vector<std::string>& words) {
    const Args args(words, office_options({"document", "mobile", "applicant-id", "applicant-name-bn", "receipt"}),
                    office_flags({}));
    Office office = open_office(args);
    const User actor = acting_user(office, args);
    NewApplication n;
    n.document = read_json_file(args.require("document"));
    n.mobile = args.require("mobile");
    n.applicant_id = args.get("applicant-id").value_or("");
    n.applicant_name_bn = args.get("applicant-name-bn").value_or("");
    n.holding_tax_receipt = args.get("receipt").value_or("");
    const Application a = take(office.apply(actor.id, n));
    if (args.has("json")) print_json(to_json(a));
    else print_application(a);
    return exit_ok;
}

int applications_command(const std::vector<std::string>& words) {
    const bool show = !words.empty() && words[0] == "show";
    const std::vector<std::string> rest(words.begin() + (show ? 1 : 0), words.end());
    const Args args(rest, office_options({"state", "ward", "type", "limit"}), office_flags({"overdue"}));
    Office office = open_office(args);
    if (show) {
        const Application a = take(office.application(number_argument(args, "application number")));
        if (args.has("json")) print_json(to_json(a));
        else print_application(a);
        return exit_ok;
    }
    const User actor = acting_user(office, args);
    QueueFilter filter;
    if (auto state = args.get("state")) filter.state = take(state_from_name(*state));
    if (args.get("ward")) filter.ward = static_cast<int>(args.integer("ward", 0, 1, 99));
    filter.type = args.get("type");
    filter.overdue_only = args.has("overdue");
    filter.limit = static_cast<int>(args.integer("limit", 100, 1, 10000));
    const auto queue = take(office.queue(actor.id, filter));
    if (args.has("json")) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& a : queue) list.push_back(to_json(a));
        print_json(list);
    } else {
        if (queue.empty()) std::cout << "nothing waits for " << actor.login << "\n";
        for (const auto& a : queue)
            std::cout << a.id << "  " << a.type << "  " << state_name(a.state) << "  ward " << a.ward << "  due "
                      << iso(a.due_at) << (a.duplicate_of ? "  (possible duplicate)" : "") << "\n";
    }
    return exit_ok;
}

// recommend, return, reject, approve, issue, investigate, resubmit, correct, approve-correction.
int action_command(Action action, const std::vector<std::string>& words) {
    const Args args(words, office_options({"reason", "note", "document"}), office_flags({}));
    Office office = open_office(args);
    const User actor = acting_user(office, args);
    const auto id = number_argument(args, "application number");
    std::string comment = args.get("reason").value_or(args.get("note").value_or(""));
    nlohmann::json document;
    if (auto path = args.get("document")) document = read_json_file(*path);
    const Application a = take(office.act(actor.id, id, action, comment, document));
    if (args.has("json")) {
        print_json(to_json(a));
    } else {
        print_application(a);
        if (!a.serial.empty() && (action == Action::issue || action == Action::approve_correction)) {
            const Certificate c = take(office.certificate(a.serial));
            std::cout << c.qr_text << "\n";
        }
    }
    return exit_ok;
}

int revoke_command(const std::vector<std::string>& words) {
    const Args args(words, office_options({"reason"}), office_flags({}));
    Office office = open_office(args);
    const User actor = acting_user(office, args);
    const Certificate c = take(office.revoke(actor.id, one_positional(args, "certificate serial"), args.require("reason")));
    if (args.has("json")) print_json(to_json(c));
    else print_certificate(c);
    return exit_ok;
}

int print_command(const std::vector<std::string>& words) {
    const Args args(words, office_options({"pdf"}), office_flags({"force"}));
    const std::string out = args.require("pdf");
    refuse_to_overwrite(args, out);
    Office office = open_office(args);
    const User actor = acting_user(office, args);
    const auto copy = take(office.print(actor.id, one_positional(args, "certificate serial")));
    write_file(out, copy.pdf);
    if (args.has("json")) print_json({{"serial", copy.certificate.serial}, {"copy", copy.certificate.prints}, {"pdf", out}});
    else std::cout << "printed copy " << copy.certificate.prints << " of " << copy.certificate.serial << " to " << out << "\n";
    return exit_ok;
}

// Every certificate of the registry verified again with a trust bundle, on
// every core, with a progress bar on a terminal.
int registry_verify(const Args& args) {
    Office office = open_office(args);
    const std::string bundle = args.require("trust");
    const Trust trust = take(Trust::from_bundle(read_bytes(bundle), load_public_keys(args.require("root"))), bundle);
    VerifyOptions options;
    if (args.get("now")) options.now = parse_time(*args.get("now"));
    const int threads = static_cast<int>(args.integer("threads", 0, 0, 256));
    const auto started = std::chrono::steady_clock::now();
    RegistryCheck check;
    {
        ProgressBar bar;
        check = take(office.verify_registry(trust, options, threads, [&](std::int64_t done, std::int64_t total) {
            bar(done, total);
        }));
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (args.has("json")) {
        print_json({{"certificates", check.certificates}, {"valid", check.valid}, {"refused", check.refused},
                    {"disagreements", check.disagreements}, {"disagreements_sample", check.disagreements_sample},
                    {"seconds", seconds}});
    } else {
        std::cout << check.certificates << " certificate(s) verified in " << seconds << " s: " << check.valid << " valid";
        for (const auto& [reason, count] : check.refused) std::cout << ", " << count << " " << reason;
        std::cout << "\n";
        if (check.disagreements) {
            std::cout << check.disagreements << " disagree with the registry (valid there but refused, or withdrawn but "
                         "still accepted by this bundle), e.g.:\n";
            for (const auto& serial : check.disagreements_sample) std::cout << "  " << serial << "\n";
        }
    }
    return check.disagreements == 0 ? exit_ok : exit_invalid;
}

int registry_command(const std::vector<std::string>& words) {
    if (words.empty() || (words[0] != "show" && words[0] != "export-revocations" && words[0] != "verify"))
        fail(exit_usage,
             "usage: poura registry show SERIAL | export-revocations [--out FILE] | verify --trust B --root R "
             "[--threads N] --db FILE");
    const std::vector<std::string> rest(words.begin() + 1, words.end());
    const Args args(rest, office_options({"out", "trust", "root", "threads"}), office_flags({"force"}));
    if (words[0] == "verify") return registry_verify(args);
    if (auto out = args.get("out")) refuse_to_overwrite(args, *out);
    Office office = open_office(args);
    if (words[0] == "show") {
        const Certificate c = take(office.certificate(one_positional(args, "certificate serial")));
        if (args.has("json")) print_json(to_json(c));
        else print_certificate(c);
        return exit_ok;
    }
    const nlohmann::json list = take(office.revocation_list());
    if (auto out = args.get("out")) {
        write_file(*out, list.dump(2) + "\n");
        std::cout << list.size() << " revoked certificate(s) written to " << *out
                  << "; add them with 'poura trust revoke --list " << *out << "'\n";
    } else {
        print_json(list);
    }
    return exit_ok;
}

int sms_command(const std::vector<std::string>& words) {
    if (words.empty() || (words[0] != "send" && words[0] != "list"))
        fail(exit_usage, "usage: poura sms send [--file PATH | --gateway FILE] | list [--status S] --db FILE");
    const std::vector<std::string> rest(words.begin() + 1, words.end());
    const Args args(rest, office_options({"file", "gateway", "limit", "status"}), office_flags({}));
    Office office = open_office(args);
    const int limit = static_cast<int>(args.integer("limit", 100, 1, 10000));
    if (words[0] == "list") {
        const auto messages = take(office.outbox(args.get("status"), limit));
        nlohmann::json list = nlohmann::json::array();
        for (const auto& m : messages) list.push_back(to_json(m));
        if (args.has("json")) print_json(list);
        else
            for (const auto& m : messages)
                std::cout << m.id << "  " << m.status << "  " << m.to << "  " << m.parts << " part(s)  " << m.text << "\n";
        return exit_ok;
    }
    nlohmann::json transport;
    if (args.get("file") && args.get("gateway")) fail(exit_usage, "give --file or --gateway, not both");
    if (auto file = args.get("file")) transport = {{"file", *file}};
    if (auto gateway = args.get("gateway")) transport = {{"http", read_json_file(*gateway)}};
    const SendReport r = take(office.send_sms(transport, limit));
    if (args.has("json")) print_json(to_json(r));
    else std::cerr << "sms: " << r.sent << " sent, " << r.retried << " to retry, " << r.failed << " failed\n";
    return exit_ok;
}

int audit_command(const std::vector<std::string>& words) {
    if (words.empty() || (words[0] != "verify" && words[0] != "checkpoint"))
        fail(exit_usage, "usage: poura audit verify|checkpoint --db FILE [--keyset K]");
    const std::vector<std::string> rest(words.begin() + 1, words.end());
    const Args args(rest, office_options({}), office_flags({}));
    Office office = open_office(args);
    if (words[0] == "checkpoint") {
        if (!args.get("keyset")) fail(exit_usage, "a checkpoint is signed: give --keyset");
        take(office.checkpoint_audit());
        std::cout << "checkpoint signed\n";
        return exit_ok;
    }
    const AuditReport r = take(office.verify_audit());
    if (args.has("json")) print_json(to_json(r));
    else std::cout << (r.ok ? "audit log intact: " : "AUDIT LOG TAMPERED: ") << r.message << "\n";
    return r.ok ? exit_ok : exit_invalid;
}

}  // namespace

int cmd_office(const std::string& command, const std::vector<std::string>& words) {
    if (command == "db") {
        if (words.empty() || words[0] != "init") fail(exit_usage, "usage: poura db init --db FILE --code C ...");
        return db_init(std::vector<std::string>(words.begin() + 1, words.end()));
    }
    if (command == "user") return user_command(words);
    if (command == "apply") return apply_command(words);
    if (command == "applications") return applications_command(words);
    if (command == "revoke") return revoke_command(words);
    if (command == "print") return print_command(words);
    if (command == "registry") return registry_command(words);
    if (command == "sms") return sms_command(words);
    if (command == "audit") return audit_command(words);
    static const std::map<std::string, Action> actions = {
        {"recommend", Action::recommend},     {"return", Action::return_for_correction},
        {"reject", Action::reject},           {"approve", Action::approve},
        {"issue", Action::issue},             {"investigate", Action::investigate},
        {"resubmit", Action::resubmit},       {"correct", Action::request_correction},
        {"approve-correction", Action::approve_correction}, {"withdraw", Action::withdraw}};
    if (auto it = actions.find(command); it != actions.end()) return action_command(it->second, words);
    fail(exit_usage, "unknown command '" + command + "' (see 'poura help')");
}

bool office_issue(const std::vector<std::string>& words) {
    bool document = false;
    for (const auto& w : words) {
        if (w == "--db" || w.rfind("--db=", 0) == 0) return true;
        if (w == "--document" || w.rfind("--document=", 0) == 0) document = true;
    }
    const char* env = std::getenv("POURA_DB");
    return !document && env && *env;
}

const std::set<std::string>& office_commands() {
    static const std::set<std::string> commands = {"db", "user", "apply", "applications", "revoke", "print",
                                                   "registry", "sms", "audit", "recommend", "return", "reject",
                                                   "approve", "investigate", "resubmit", "correct",
                                                   "approve-correction", "withdraw"};
    return commands;
}

bool is_office_command(const std::string& command) { return office_commands().count(command) != 0; }

}  // namespace poura::cli
