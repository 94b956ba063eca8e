// A program outside the Poura tree, built against the installed package only:
// it makes a root key and a pourashava's keyset, signs a trust bundle, issues a
// citizenship certificate, verifies it, and checks that altered copies are
// refused. The exit status is 0 only when every verdict is the expected one.
#include <poura/poura.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string>
#include <utility>

namespace {

int failures = 0;

void expect(bool condition, const std::string& what) {
    std::cout << (condition ? "  ok    " : "  FAIL  ") << what << "\n";
    if (!condition) ++failures;
}

template <typename T>
T take(poura::Result<T> result, const char* what) {
    if (!result) {
        std::cerr << what << " failed: " << poura::errc_name(result.error().code) << ": "
                  << result.error().message << "\n";
        std::exit(2);
    }
    return std::move(result).value();
}

void print(const char* label, const poura::VerifyResult& result) {
    std::cout << label << ": " << poura::verdict_name(result.verdict) << " (stage "
              << poura::stage_name(result.stage) << ", reason " << poura::reason_code(result.reason) << ")\n"
              << "  " << result.message_en << "\n";
}

}  // namespace

int main() {
    std::cout << "poura " << poura::version() << "\n";

    // Fixed times, so the run does not depend on the clock.
    const std::int64_t now = take(poura::parse_time("2026-03-01T09:00:00Z"), "parse_time");
    const std::string issuer_code = "BD-50-94-61";

    const poura::Keyset root = poura::Keyset::create(take(poura::PrivateKey::generate(), "root key"), now);
    const poura::Keyset municipality =
        poura::Keyset::create(take(poura::PrivateKey::generate(), "signing key"), now);

    poura::TrustBundle bundle;
    bundle.sequence = 3;
    bundle.issued_at = now;
    bundle.next_update = now + 14 * 86400;
    bundle.issuers = take(poura::issuer_entries_from_public_json(municipality.public_json(), issuer_code,
                                                                 "কুমারখালী পৌরসভা", "Kumarkhali Pourashava",
                                                                 {"citizenship"}),
                          "issuer entries");
    const poura::Bytes signed_bundle = take(bundle.sign(root.primary().key), "bundle signing");
    const poura::Trust trust =
        take(poura::Trust::from_bundle(signed_bundle, {root.primary().key.public_key()}), "trust");

    // The citizenship profile's required fields, and a birth registration
    // number (typed in Bangla digits) for its nid-or-brn rule.
    const nlohmann::json document = {
        {"type", "citizenship"},
        {"name_bn", "মোঃ জামাল হোসেন"},
        {"name_en", "Md. Jamal Hossain"},
        {"father_name_bn", "মোঃ আনোয়ার হোসেন"},
        {"mother_name_bn", "মোছাঃ সালমা খাতুন"},
        {"brn", "২০০১৫০১৯৪৬১০২৩৪৫৭"},
        {"address_bn", "দুর্গাপুর, ওয়ার্ড নং ৫, কুমারখালী পৌরসভা, কুষ্টিয়া"},
        {"ward", 5},
    };
    poura::IssueOptions issue_options;
    issue_options.issuer = issuer_code;
    issue_options.issued_at = now;
    const poura::IssuedCertificate cert = take(poura::issue(document, municipality, issue_options), "issue");
    std::cout << "issued serial " << cert.serial << ", " << cert.qr_text.size() << " characters, expires "
              << poura::format_time(cert.expires_at) << "\n";

    poura::VerifyOptions options;
    options.now = now + 86400;

    const poura::VerifyResult genuine = poura::verify(cert.qr_text, trust, options);
    print("genuine", genuine);
    expect(genuine.valid(), "the genuine certificate is VALID");
    expect(genuine.document_type == "citizenship", "its document type is citizenship");
    expect(genuine.document.value("name_en", "") == "Md. Jamal Hossain", "its holder's name is read back");
    expect(genuine.document.value("brn", "") == "20015019461023457", "its Bangla digits are normalised");
    expect(genuine.issuer && genuine.issuer->name_en == "Kumarkhali Pourashava", "its issuer is named");
    expect(genuine.serial == cert.serial, "its serial is the one issued");

    // A forgery: the holder's name changed inside the signed bytes, the
    // signature kept.
    poura::Bytes cose = take(poura::unwrap_envelope(cert.qr_text), "unwrap");
    const std::string original = "Jamal", forged = "Kamal";
    const auto at = std::search(cose.begin(), cose.end(), original.begin(), original.end());
    expect(at != cose.end(), "the holder's name is found in the signed bytes");
    if (at != cose.end()) {
        std::copy(forged.begin(), forged.end(), at);
        const poura::VerifyResult tampered = poura::verify(poura::wrap_envelope(cose), trust, options);
        print("forged name", tampered);
        expect(!tampered.valid() && tampered.reason == poura::Reason::bad_signature,
               "the forged name is refused for its signature");
    }

    // One character of the QR text changed, as a careless or hostile edit would.
    std::string edited = cert.qr_text;
    char& c = edited[edited.size() / 2];
    c = c == 'A' ? 'B' : 'A';
    const poura::VerifyResult altered = poura::verify(edited, trust, options);
    print("edited text", altered);
    expect(!altered.valid(), "the edited QR text is refused");

    // The same certificate checked against a bundle whose root is not trusted.
    const poura::Keyset stranger = poura::Keyset::create(take(poura::PrivateKey::generate(), "other key"), now);
    const auto foreign = poura::Trust::from_bundle(signed_bundle, {stranger.primary().key.public_key()});
    expect(!foreign && foreign.error().code == poura::Errc::trust_bundle_invalid,
           "a bundle signed by another root is refused");
    const auto rolled_back = poura::Trust::from_bundle(signed_bundle, {root.primary().key.public_key()}, 4);
    expect(!rolled_back && rolled_back.error().code == poura::Errc::trust_rollback,
           "a bundle older than one already seen is refused");

    std::cout << (failures == 0 ? "install consumer: all checks passed\n" : "install consumer: FAILED\n");
    return failures == 0 ? 0 : 1;
}
