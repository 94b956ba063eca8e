#include "cli.hpp"

#ifdef POURA_HAVE_OFFICE
#include <poura/office.hpp>
#endif

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iomanip>
#include <iostream>

namespace poura::detail {
const std::vector<std::pair<std::string_view, std::string_view>>& embedded_sample_documents();
}

namespace poura::cli {
namespace {

// examples/documents/citizenship.json, a bilingual citizenship certificate,
// compiled in (bindings/cli/CMakeLists.txt).
std::string_view sample_document() {
    for (const auto& [name, text] : detail::embedded_sample_documents())
        if (name == "citizenship.json") return text;
    fail(exit_internal, "the sample document is not compiled in");
}

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
    n.document = nlohmann::json::parse(sample_document());
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
    const VerifyResult after = verify(scanned, take(Trust::from_bundle(next, roots)), options_now);
    print_result(after, ProfileSet::builtin());

    step(12, "The audit log: every step, hash-chained");
    take(office.checkpoint_audit());
    const AuditReport audit = take(office.verify_audit());
    std::cout << "  " << (audit.ok ? "intact: " : "TAMPERED: ") << audit.message << "\n";
    return printed.valid() && after.reason == Reason::revoked && audit.ok;
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
                                                          {"citizenship", "character", "heirship", "unmarried"}));
    const Bytes signed_bundle = take(bundle.sign(root.primary().key));
    write_file(dir + "/trust.bundle", signed_bundle);
    std::cout << "  sequence 1, issuer " << kIssuerCode << " (Sariakandi Pourashava), " << signed_bundle.size()
              << " bytes -> " << dir << "/trust.bundle\n";

    step(3, "Issue a citizenship certificate");
    IssueOptions options;
    options.issuer = kIssuerCode;
    options.issued_at = now;
    const IssuedCertificate cert = take(issue(nlohmann::json::parse(sample_document()), municipality, options));
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
              << "/office.db\n     poura audit verify --db " << dir << "/office.db\n";
#endif
    return as_expected ? exit_ok : exit_internal;
}

}  // namespace poura::cli
