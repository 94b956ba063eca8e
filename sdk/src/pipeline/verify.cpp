#include <poura/verify.hpp>

#include "pipeline/verification.hpp"

namespace poura {

VerifyResult verify(std::string_view qr_text, const Trust& trust, const VerifyOptions& options) {
    return pipeline::run_verification(qr_text, trust, options);
}

}  // namespace poura
