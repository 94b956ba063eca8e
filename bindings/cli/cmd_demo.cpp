#include "cli.hpp"

#ifdef POURA_HAVE_OFFICE
#include <poura/office.hpp>
#include <poura/revenue.hpp>
#endif

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <sstream>

namespace poura::detail {
const std::vector<std::pair<std::string_view, std::string_view>>& embedded_sample_documents();
}

namespace poura::cli {
namespace {

// A sample file compiled in (bindings/cli/CMakeLists.txt) by its name.
std::string_view sample_file(std::string_view wanted) {
    for (const auto& [name, text] : detail::embedded_sample_documents())
        if (name == wanted) return text;
    fail(exit_internal, "the sample file " + std::string(wanted) + " is not compiled in");
}

// examples/documents/citizenship.json, a bilingual citizenship certificate.
std::string_view sample_document() { return sample_file("citizenship.json"); }

constexpr const char* kIssuerCode = "BD-10-06-88";
constexpr const char* kPassphrase = "demo passphrase: not for real keys";

// The calendar year of a time, as the office's serials carry it.
std::string dates_year(std::int64_t t) { return format_time(t).substr(0, 4); }

void step(int n, const std::string& what) { std::cout << "\n== " << n << ". " << what << "\n"; }

std::string make_directory(const Args& args) {
    if (auto dir = args.get("dir")) {
        if (!file_exists(*dir)) fail(exit_io, *dir + " does not exist");
        return *dir;
    }
    char pattern[] = "/tmp/poura-demo-XXXXXX";
    if (::mkdtemp(pattern) == nullptr) fail(exit_io, "cannot create a temporary folder");
    return pattern;
}

#ifdef POURA_HAVE_OFFICE
// The sample schedules are Kaliganj's (examples/schedules); the demo's
// pourashava takes them as its own.
void add_sample_schedules(fees::ScheduleSet& schedules) {
    for (const char* name : {"kaliganj-2024-25.json", "kaliganj-2025-26.json"}) {
        nlohmann::json schedule = take(parse_json(sample_file(name)));
        schedule["municipality"]["code"] = kIssuerCode;
        schedule["municipality"]["name"] = {{"bn", "সারিয়াকান্দি পৌরসভা"}, {"en", "Sariakandi Pourashava"}};
        take(schedules.add_json(schedule, name));
    }
}

// The fiscal year (July to June) `back` years before the one a date is in: "2026-27".
std::string fiscal_year(const std::string& iso_date, int back) {
    const int year = std::stoi(iso_date.substr(0, 4)), month = std::stoi(iso_date.substr(5, 2));
    const int start = (month >= 7 ? year : year - 1) - back;
    char text[16];
    std::snprintf(text, sizeof text, "%d-%02d", start, (start + 1) % 100);
    return text;
}

std::string taka(Money m) { return format_taka(m, Language::en); }

// The revenue section on the same database: a ward's register imported, two
// years of holding tax billed, a bKash and a counter payment, the bKash
// receipt verified from its QR, and the ledger and defaulters. True when the
// receipt verifies, the resent bKash payment is recorded once and the ledger
// balances.
bool revenue_story(Office& office, const User& secretary, const std::string& dir, std::int64_t now,
                   const Trust& trust) {
    revenue::Revenue revenue(office);
    const std::string today = format_time(now).substr(0, 10);

    step(12, "Revenue: ward 3's holdings from its assessment register");
    const std::int64_t imported =
        take(revenue.import_register(secretary.id, "holdings", sample_file("ward-3-holdings.csv")));
    std::cout << "  " << imported << " holdings from examples/registers/ward-3-holdings.csv (checked whole, then "
              << "added in one transaction)\n";

    step(13, "Holding-tax bills: last year's, left unpaid, then this year's carrying them");
    for (const std::string& period : {fiscal_year(today, 1), fiscal_year(today, 0), fiscal_year(today, 0)}) {
        const revenue::RunSummary s = take(revenue.run_bills(secretary.id, {"holding_tax", period, 3}));
        std::cout << "  " << period << ": " << s.billed << " billed, " << s.already_billed << " already billed, "
                  << s.exempt << " exempt; demand " << taka(s.demand);
        if (!s.arrears.is_zero()) std::cout << ", arrears " << taka(s.arrears) << " carried";
        std::cout << "\n";
    }

    step(14, "Payments: one by bKash reference, one at the counter");
    const std::string bkash_account = "03-011-0001-00", counter_account = "03-012-0003-00";
    Money last_year;
    // Kept in a variable: a range-for over a member of a temporary would read freed memory.
    const auto demands = take(revenue.demands("holding_tax", bkash_account));
    for (const auto& due : demands.front().dues) last_year += due.outstanding();
    auto pay = [&](const std::string& account, Money amount, const std::string& method, const std::string& reference) {
        const revenue::Payment p =
            take(revenue.pay(secretary.id, {"holding_tax", account, amount, today, method, reference, "", {}}));
        std::cout << "  " << account << ": " << taka(p.amount) << " by " << p.method
                  << (p.reference.empty() ? "" : " " + p.reference) << (p.duplicate ? " (sent again: recorded once)" : "")
                  << ", receipt " << p.receipt_serial << "\n";
        if (!p.duplicate)
            for (const auto& a : p.allocations)
                std::cout << "      " << a.period << " " << (a.kind == "surcharge" ? "surcharge" : "instalment " + std::to_string(a.instalment))
                          << "  " << taka(a.amount) << "\n";
        return p;
    };
    const revenue::Payment bkash = pay(bkash_account, last_year, "bkash", "9C7A2KX1QD");
    const revenue::Payment resent = pay(bkash_account, last_year, "bkash", "9C7A2KX1QD");
    pay(counter_account, Money::taka(5000), "cash", "");

    step(15, "The bKash receipt: its QR printed, read back and verified");
    write_file(dir + "/receipt.png", take(qr_to_png(take(qr_encode(bkash.receipt_qr, EccLevel::Q)))));
    std::cout << "  " << bkash.receipt_qr << "\n  -> " << dir << "/receipt.png\n";
    VerifyOptions options;
    options.now = now;
    const VerifyResult receipt = verify(take(qr_read_image(read_bytes(dir + "/receipt.png"))), trust, options);
    print_result(receipt, ProfileSet::builtin());

    step(16, "The ledger check, and who still owes (defaulters, ward 3)");
    const revenue::LedgerCheck ledger = take(revenue.check_ledger());
    std::cout << "  " << (ledger.ok ? "balances" : "DOES NOT BALANCE") << ": demand " << taka(ledger.demand)
              << " - collection " << taka(ledger.collection) << " + adjustments " << taka(ledger.adjustments)
              << " = outstanding " << taka(ledger.outstanding) << "\n\n";
    const nlohmann::json defaulters = take(revenue.report("defaulters", {"holding_tax", "", 3}));
    nlohmann::json shown = nlohmann::json::array();
    for (const auto& row : defaulters)
        shown.push_back({{"account", row["account"]}, {"payer_bn", row["payer_bn"]}, {"mobile", row["mobile"]},
                         {"outstanding_poisha", row["outstanding_poisha"]}, {"oldest_period", row["oldest_period"]}});
    std::istringstream table(table_text(shown));
    for (std::string line; std::getline(table, line);) std::cout << "  " << line << "\n";
    write_file(dir + "/defaulters.csv", revenue::report_csv(defaulters));
    std::cout << "  -> " << dir << "/defaulters.csv\n";
    return receipt.valid() && resent.duplicate && resent.receipt_serial == bkash.receipt_serial && ledger.ok;
}

// The office's side: an application through the workflow to a printed,
// verified and finally revoked certificate, in DIR/office.db.
bool office_story(const std::string& dir, std::int64_t now, const Keyset& keyset, const Keyset& root,
                  TrustBundle bundle) {
    const std::string db = dir + "/office.db";
    if (file_exists(db)) fail(exit_io, db + " exists: give the demo an empty --dir");
    Municipality m;
    m.code = kIssuerCode;
    m.name_bn = "সারিয়াকান্দি পৌরসভা";
    m.name_en = "Sariakandi Pourashava";
    m.body_class = "B";
    m.wards = 9;
    m.download_url = "https://sariakandi.example/c";
    OfficeOptions options;
    options.now = now;
    add_sample_schedules(options.schedules);
    Office office = take(Office::create(db, m, options), db);
    office.set_keyset(keyset);
    step(7, "The pourashava office: a database and its users");
    auto add = [&](const char* login, const char* name, Role role, int ward, const char* nid) {
        User u;
        u.login = login;
        u.name = name;
        u.role = role;
        u.ward = ward;
        u.nid = nid;
        const User added = take(office.add_user(u));
        std::cout << "  " << login << " (" << role_name(role) << (ward ? ", ward " + std::to_string(ward) : "")
                  << ")\n";
        return added;
    };
    const User citizen = add("rahima", "মোছাঃ রহিমা খাতুন", Role::citizen, 0, "1990101234567");
    const User councilor = add("karim", "মোঃ আব্দুল করিম", Role::councilor, 3, "");
    const User mayor = add("mayor", "মোঃ রফিকুল ইসলাম", Role::mayor, 0, "");
    const User secretary = add("secretary", "মোঃ জাহিদ হাসান", Role::secretary, 0, "");
    std::cout << "  -> " << db << "\n";

    step(8, "Apply, return, resubmit, recommend, approve, issue");
    NewApplication n;
    n.document = take(parse_json(sample_document()));
    n.mobile = "01712345678";
    Application a = take(office.apply(citizen.id, n));
    auto show = [&](const Application& app, const User& by) {
        std::cout << "  " << std::left << std::setw(10) << by.login << "-> application " << app.id << " "
                  << state_name(app.state) << "\n";
    };
    show(a, citizen);
    a = take(office.act(councilor.id, a.id, Action::return_for_correction, "add the father's name in English"));
    show(a, councilor);
    a = take(office.act(citizen.id, a.id, Action::resubmit, {}, n.document));
    show(a, citizen);
    a = take(office.act(councilor.id, a.id, Action::recommend));
    show(a, councilor);
    a = take(office.act(mayor.id, a.id, Action::approve));
    show(a, mayor);
    a = take(office.act(secretary.id, a.id, Action::issue));
    show(a, secretary);
    std::cout << "  certificate " << a.serial << " is in the registry\n";

    step(9, "SMS to the applicant, from the outbox");
    for (const auto& msg : take(office.outbox()))
        std::cout << "  [" << msg.event << ", " << msg.parts << " part(s)] " << msg.text << "\n";
    const SendReport sent = take(office.send_sms({{"file", dir + "/sms.jsonl"}}));
    std::cout << "  " << sent.sent << " sent -> " << dir << "/sms.jsonl\n";

    step(10, "Print it, and verify the QR read from the printed page");
    const auto copy = take(office.print(secretary.id, a.serial));
    write_file(dir + "/certificate.pdf", copy.pdf);
    write_file(dir + "/certificate-page.png", take(office.page_image(a.serial, 150)));
    std::cout << "  copy " << copy.certificate.prints << " -> " << dir << "/certificate.pdf (A4), the page at 150 dpi -> "
              << dir << "/certificate-page.png\n";
    std::vector<PublicKey> roots;
    for (const auto& entry : root.entries()) roots.push_back(entry.key.public_key());
    const std::string scanned = take(qr_read_image(read_bytes(dir + "/certificate-page.png")));
    VerifyOptions options_now;
    options_now.now = now;
    const VerifyResult printed = verify(scanned, take(Trust::from_bundle(take(bundle.sign(root.primary().key)), roots)),
                                        options_now);
    print_result(printed, ProfileSet::builtin());

    step(11, "Revoke it; the next trust bundle carries the revocation");
    take(office.revoke(mayor.id, a.serial, "supporting papers found forged"));
    const nlohmann::json revoked = take(office.revocation_list());
    write_file(dir + "/revocations.json", revoked.dump(2) + "\n");
    for (const auto& r : revoked) bundle.revoked.push_back(revocation_hash(r["issuer"].get<std::string>(), r["serial"].get<std::string>()));
    bundle.sequence += 1;
    const Bytes next = take(bundle.sign(root.primary().key));
    write_file(dir + "/trust-2.bundle", next);
    std::cout << "  " << revoked.size() << " revocation(s) -> " << dir << "/revocations.json; bundle sequence "
              << bundle.sequence << " -> " << dir << "/trust-2.bundle\n";
    const Trust next_trust = take(Trust::from_bundle(next, roots));
    const VerifyResult after = verify(scanned, next_trust, options_now);
    print_result(after, ProfileSet::builtin());

    const bool revenue_as_expected = revenue_story(office, secretary, dir, now, next_trust);

    step(17, "The audit log: every step, hash-chained");
    take(office.checkpoint_audit());
    const AuditReport audit = take(office.verify_audit());
    std::cout << "  " << (audit.ok ? "intact: " : "TAMPERED: ") << audit.message << "\n";
    return printed.valid() && after.reason == Reason::revoked && revenue_as_expected && audit.ok;
}
#endif

}  // namespace

int cmd_demo(const std::vector<std::string>& words) {
    const Args args(words, {"dir"}, {});
    const std::string dir = make_directory(args);
    const std::int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                                 std::chrono::system_clock::now().time_since_epoch()).count();
    std::cout << "Poura " << version() << " demo, working in " << dir << "\n"
              << "(private keys are encrypted with the passphrase \"" << kPassphrase << "\")\n";

    step(1, "Keys: the ministry's root key and the pourashava's signing keyset");
    const Keyset root = Keyset::create(take(PrivateKey::generate()), now);
    const Keyset municipality = Keyset::create(take(PrivateKey::generate()), now);
    for (const auto& [name, keyset] : {std::pair<std::string, const Keyset*>{"root", &root}, {"municipality", &municipality}}) {
        write_file(dir + "/" + name + ".keyset.json", take(keyset->to_json(kPassphrase)), true);
        write_file(dir + "/" + name + ".pub.json", keyset->public_json());
        std::cout << "  " << name << " key " << to_hex(keyset->primary().key.public_key().key_id()) << " -> " << dir << "/"
                  << name << ".keyset.json\n";
    }

    step(2, "Trust bundle signed by the root key");
    TrustBundle bundle;
    bundle.sequence = 1;
    bundle.issued_at = now;
    bundle.next_update = now + 30 * kSecondsPerDay;
    bundle.issuers = take(issuer_entries_from_public_json(municipality.public_json(), kIssuerCode,
                                                          "সারিয়াকান্দি পৌরসভা", "Sariakandi Pourashava",
                                                          {"citizenship", "character", "heirship", "unmarried", "receipt"}));
    const Bytes signed_bundle = take(bundle.sign(root.primary().key));
    write_file(dir + "/trust.bundle", signed_bundle);
    std::cout << "  sequence 1, issuer " << kIssuerCode << " (Sariakandi Pourashava), " << signed_bundle.size()
              << " bytes -> " << dir << "/trust.bundle\n";

    step(3, "Issue a citizenship certificate");
    IssueOptions options;
    options.issuer = kIssuerCode;
    options.issued_at = now;
    const IssuedCertificate cert = take(issue(take(parse_json(sample_document())), municipality, options));
    const QrCode qr = take(qr_encode(cert.qr_text, EccLevel::Q));
    write_file(dir + "/certificate.txt", cert.qr_text + "\n");
    write_file(dir + "/certificate.png", take(qr_to_png(qr)));
    write_file(dir + "/certificate.svg", take(qr_to_svg(qr)));
    std::cout << "  serial " << cert.serial << ", expires " << format_time(cert.expires_at) << "\n  "
              << cert.qr_text.size() << " characters, QR version " << qr.version << " at ECC Q\n  -> " << dir
              << "/certificate.png, certificate.svg, certificate.txt\n";

    step(4, "Verify it, reading the QR back from the PNG");
    std::vector<PublicKey> roots;
    for (const auto& entry : root.entries()) roots.push_back(entry.key.public_key());
    const Trust trust = take(Trust::from_bundle(signed_bundle, roots));
    const std::string scanned = take(qr_read_image(read_bytes(dir + "/certificate.png")));
    VerifyOptions verify_options;
    verify_options.now = now;
    const VerifyResult valid = verify(scanned, trust, verify_options);
    print_result(valid, ProfileSet::builtin());

    step(5, "A forged copy: the name changed, the signature kept");
    Bytes cose = take(unwrap_envelope(cert.qr_text));
    const std::string original = "Rahima", forged = "Rahela";
    auto at = std::search(cose.begin(), cose.end(), original.begin(), original.end());
    if (at == cose.end()) fail(exit_internal, "the sample name is missing from the signed payload");
    std::copy(forged.begin(), forged.end(), at);
    const VerifyResult tampered = verify(wrap_envelope(cose), trust, verify_options);
    print_result(tampered, ProfileSet::builtin());

    step(6, "The same certificate checked a day after it expired");
    VerifyOptions later = verify_options;
    later.now = cert.expires_at + kSecondsPerDay;
    later.grace_period = 400 * kSecondsPerDay;  // keep the bundle usable, so expiry is what fails
    const VerifyResult expired = verify(cert.qr_text, trust, later);
    print_result(expired, ProfileSet::builtin());

    bool as_expected = valid.valid() && tampered.reason == Reason::bad_signature && expired.reason == Reason::expired;
#ifdef POURA_HAVE_OFFICE
    as_expected = office_story(dir, now, municipality, root, bundle) && as_expected;
#endif
    std::cout << (as_expected ? "\nDemo complete: genuine accepted; forgery, expired and revoked copies refused.\n"
                              : "\nDemo FAILED: a verdict was not the expected one.\n")
              << "Try: poura verify \"$(cat " << dir << "/certificate.txt)\" --trust " << dir << "/trust.bundle --root "
              << dir << "/root.pub.json\n";
#ifdef POURA_HAVE_OFFICE
    std::cout << "     poura registry show " << kIssuerCode << "-" << dates_year(now) << "-000001 --db " << dir
              << "/office.db\n     poura audit verify --db " << dir << "/office.db\n     poura holding show 03-011-0001-00 --db "
              << dir << "/office.db\n     poura report defaulters --db " << dir << "/office.db\n";
#endif
    return as_expected ? exit_ok : exit_internal;
}

}  // namespace poura::cli
