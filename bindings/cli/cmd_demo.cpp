#include "cli.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
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

    const bool as_expected = valid.valid() && tampered.reason == Reason::bad_signature && expired.reason == Reason::expired;
    std::cout << (as_expected ? "Demo complete: genuine accepted, forgery and expired copy refused.\n"
                              : "Demo FAILED: a verdict was not the expected one.\n")
              << "Try: poura verify \"$(cat " << dir << "/certificate.txt)\" --trust " << dir << "/trust.bundle --root "
              << dir << "/root.pub.json\n";
    return as_expected ? exit_ok : exit_internal;
}

}  // namespace poura::cli
