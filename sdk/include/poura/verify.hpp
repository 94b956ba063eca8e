// Verification: a QR text in, a structured result out. A verdict is data, not
// an error: verify() never throws and never fails without saying where and why.
#pragma once

#include <poura/documents.hpp>
#include <poura/envelope.hpp>
#include <poura/export.hpp>
#include <poura/trust.hpp>
#include <poura/verdict.hpp>

#include <cstdint>
#include <optional>
#include <string_view>

namespace poura {

struct POURA_API VerifyOptions {
    std::optional<std::int64_t> now;         // unix seconds; the system clock when unset
    std::int64_t clock_skew = verify_defaults::clock_skew;      // seconds of tolerance on nbf/iat/exp
    std::int64_t grace_period = verify_defaults::grace_period;  // how long a stale trust bundle is still used
    std::size_t max_inflated_size = verify_defaults::max_inflated_size;
    Scheme scheme;
    ProfileSet profiles = ProfileSet::builtin();  // the document profiles to check against
};

POURA_API VerifyResult verify(std::string_view qr_text, const Trust& trust, const VerifyOptions& options = {});

}  // namespace poura
