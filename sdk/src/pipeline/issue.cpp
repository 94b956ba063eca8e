#include <poura/envelope.hpp>
#include <poura/issue.hpp>

#include "codec/cose.hpp"
#include "codec/cwt.hpp"
#include "core/try.hpp"
#include "crypto/signing.hpp"
#include "documents/schema.hpp"
#include "pipeline/clock.hpp"

namespace poura {
namespace {

// 12 characters of Crockford's Base32 (60 random bits): short on the QR code,
// easy to read out over the phone, no I/O/L/U to confuse.
Result<std::string> random_serial() {
    static constexpr char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    std::uint8_t bytes[12];
    auto drawn = crypto::random_bytes(bytes, sizeof bytes);
    POURA_RETURN_IF_ERROR(drawn);
    std::string serial;
    for (std::uint8_t b : bytes) serial += kAlphabet[b & 0x1F];
    return serial;
}

}  // namespace

Result<IssuedCertificate> issue(const nlohmann::json& document, const Keyset& keyset, const IssueOptions& options) {
    const ProfileSet& profiles = options.profiles;
    if (options.issuer.empty()) return make_error(Errc::invalid_argument, "issue: the issuer code is required");

    auto valid = profiles.validate(document);
    POURA_RETURN_IF_ERROR(valid);

    IssuedCertificate cert;
    cert.document = std::move(valid).value();
    if (options.serial.empty()) {
        auto serial = random_serial();
        POURA_RETURN_IF_ERROR(serial);
        cert.serial = std::move(serial).value();
    } else {
        cert.serial = options.serial;
    }
    cert.issued_at = options.issued_at.value_or(clock::now());
    // Validity rules count calendar days and months from the issue time; a year
    // of four digits keeps that arithmetic far from overflow.
    constexpr std::int64_t kFirstIssueTime = -62135596800;  // 0001-01-01T00:00:00Z
    constexpr std::int64_t kLastIssueTime = 253402300799;   // 9999-12-31T23:59:59Z
    if (cert.issued_at < kFirstIssueTime || cert.issued_at > kLastIssueTime)
        return make_error(Errc::invalid_argument, "issue: the issue time is outside the years 0001 to 9999");
    const Profile& profile = *profiles.find(cert.document.at("type").get_ref<const std::string&>());
    cert.expires_at = options.expires_at.value_or(profile.validity.expiry(cert.issued_at));
    if (cert.expires_at != 0 && cert.expires_at <= cert.issued_at)
        return make_error(Errc::invalid_argument, "issue: the expiry is not after the issue time");

    const KeysetEntry& signing = keyset.primary();
    if (cert.issued_at < signing.valid_from || (signing.valid_until != 0 && cert.issued_at > signing.valid_until))
        return make_error(Errc::no_signing_key, "issue: the primary key is not valid at the issue time");
    const PublicKey public_key = signing.key.public_key();
    cert.kid = public_key.key_id();

    cwt::Claims claims;
    claims.issuer = options.issuer;
    claims.issued_at = cert.issued_at;
    if (cert.expires_at != 0) claims.expires = cert.expires_at;
    claims.token_id = Bytes(cert.serial.begin(), cert.serial.end());
    claims.document = documents::encode_document(profiles, cert.document);

    const Bytes payload = cbor::encode(cwt::to_cbor(claims, Scheme::bd1().document_claim));
    const Bytes protected_bytes = cose::protected_header(cose_algorithm_id(public_key.algorithm), cert.kid);
    auto signature = signing.key.sign(cose::signature_input(protected_bytes, payload));
    POURA_RETURN_IF_ERROR(signature);
    cert.qr_text = wrap_envelope(cose::encode_sign1(protected_bytes, payload, *signature), Scheme::bd1(),
                                 options.allow_compression);
    return cert;
}

}  // namespace poura
