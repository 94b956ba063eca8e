// Issuing: a document becomes a signed QR text ("BD1:...").
#pragma once

#include <poura/documents.hpp>
#include <poura/export.hpp>
#include <poura/result.hpp>
#include <poura/trust.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace poura {

struct POURA_API IssueOptions {
    std::string issuer;                      // the `iss` claim: the issuer's code
    std::string serial;                      // the `cti` claim; random when empty
    std::optional<std::int64_t> issued_at;   // now when unset; within the years 0001 to 9999
    std::optional<std::int64_t> expires_at;  // from the profile's validity rule when unset
    bool allow_compression = true;           // zlib, only when it makes the QR smaller
    ProfileSet profiles = ProfileSet::builtin();  // the document profiles to validate against
};

struct POURA_API IssuedCertificate {
    std::string qr_text;  // "BD1:" + Base45
    std::string serial;
    std::int64_t issued_at = 0;
    std::int64_t expires_at = 0;  // 0: no expiry
    Bytes kid;
    nlohmann::json document;  // as validated and normalised
};

// Validates the document against its profile and signs it with the keyset's
// primary key.
POURA_API Result<IssuedCertificate> issue(const nlohmann::json& document, const Keyset& keyset,
                                          const IssueOptions& options);

}  // namespace poura
