// What a verification says: the verdict, the stage and reason (their numbers
// in codes.hpp), the messages, and what was read on the way. The pipeline's
// parts below verify() use these types without depending on it.
#pragma once

#include <poura/codes.hpp>
#include <poura/export.hpp>
#include <poura/keys.hpp>
#include <poura/result.hpp>
#include <poura/trust.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace poura {

// Stable, machine-readable names: "valid", "key_lookup", "bad_signature".
POURA_API std::string_view verdict_name(Verdict v) noexcept;
POURA_API std::string_view stage_name(Stage s) noexcept;
POURA_API std::string_view reason_code(Reason r) noexcept;

struct POURA_API IssuerInfo {
    std::string code;
    std::string name_bn;
    std::string name_en;
    Bytes kid;
    Algorithm algorithm = Algorithm::EdDSA;
};

// What identifies a certificate whatever text carries it (format.md 8.1). The
// same certificate has more than one QR text (compression, and for other
// issuers' formats the unsigned parts of COSE), so deduplicate, blocklist and
// revoke by this, never by the text or a hash of it.
struct POURA_API CertificateIdentity {
    std::string issuer;  // `iss`; empty when the certificate has none
    Bytes cti;           // the serial's raw bytes; empty when it has none
    Bytes fingerprint;   // SHA-256 of the Sig_structure the signature covers, 32 bytes
};

struct POURA_API TrustInfo {
    bool has_bundle = false;
    Freshness freshness = Freshness::fresh;
    std::uint64_t sequence = 0;
    std::int64_t issued_at = 0;
    std::int64_t next_update = 0;
};

struct POURA_API VerifyResult {
    Verdict verdict = Verdict::invalid;
    Stage stage = Stage::prefix;
    Reason reason = Reason::bad_prefix;
    std::string message_en;  // for people, in English
    std::string message_bn;  // for people, in Bangla
    std::string detail;      // technical detail, for logs

    // Filled as far as the verification got.
    std::string document_type;
    // The document as JSON (nlohmann::json is the API's JSON type, see
    // poura.hpp); null when refused before the signature, or when it does not decode.
    nlohmann::json document;
    std::optional<IssuerInfo> issuer;
    std::string issuer_claim;  // `iss`
    std::string serial;        // `cti`
    std::optional<std::int64_t> issued_at, not_before, expires_at;
    // Once the signature verified, whatever the verdict after it; issuer and
    // cti from the claims, empty when they do not read.
    std::optional<CertificateIdentity> identity;
    TrustInfo trust;

    bool valid() const { return verdict == Verdict::valid; }
    nlohmann::json to_json() const;
    // The same as compact JSON text (what to_json().dump() gives), written
    // directly: the C API and the WebAssembly package hand this out.
    std::string to_json_text() const;
};

}  // namespace poura
