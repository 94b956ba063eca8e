// Verification: a QR text in, a structured result out. A verdict is data, not
// an error: verify() never throws and never fails without saying where and why.
#pragma once

#include <poura/documents.hpp>
#include <poura/export.hpp>
#include <poura/keys.hpp>
#include <poura/trust.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace poura {

// The envelope a verifier expects: Poura's "BD1:" by default; "HC1:" for
// EU-DCC-style certificates.
struct POURA_API Scheme {
    std::string prefix = "BD1:";
    std::int64_t document_claim = -65537;  // CWT claim key holding the document
    bool check_document = true;            // validate against a Poura profile

    static Scheme bd1();
    static Scheme hc1();
};

struct POURA_API VerifyOptions {
    std::optional<std::int64_t> now;         // unix seconds; the system clock when unset
    std::int64_t clock_skew = 300;           // seconds of tolerance on nbf/iat/exp
    std::int64_t grace_period = 7 * 86400;   // how long a stale trust bundle is still used
    std::size_t max_inflated_size = 64 * 1024;
    Scheme scheme;
    ProfileSet profiles = ProfileSet::builtin();  // the document profiles to check against
};

enum class Verdict { valid, invalid };

// The stage a verification reached; on failure, the one that failed.
enum class Stage {
    prefix, base45, inflate, cose, header, key_lookup, signature, time,
    issuer, revocation, document, trust, done
};

enum class Reason {
    ok,
    bad_prefix,
    bad_base45,
    bad_compression,
    bad_cose,
    bad_header,
    unknown_key,
    bad_signature,
    not_yet_valid,
    expired,
    issuer_not_allowed,    // the issuer may not sign this document type
    key_outside_validity,  // signed (iat) outside the key's validity
    key_revoked,           // the key is suspended or revoked in the bundle
    revoked,               // the certificate's serial is revoked
    bad_document,          // the document does not match its profile
    trust_expired,         // the trust bundle is past its grace period
    internal_error,        // the verifier failed (out of memory, a bug): no verdict on the certificate
};

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
    TrustInfo trust;

    bool valid() const { return verdict == Verdict::valid; }
    nlohmann::json to_json() const;
    // The same as compact JSON text (what to_json().dump() gives), written
    // directly: the C API and the WebAssembly package hand this out.
    std::string to_json_text() const;
};

POURA_API VerifyResult verify(std::string_view qr_text, const Trust& trust, const VerifyOptions& options = {});

}  // namespace poura
