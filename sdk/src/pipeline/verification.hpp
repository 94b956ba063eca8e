// The verification stages, run in order over one QR text.
#pragma once

#include <poura/verify.hpp>

#include <string_view>

namespace poura::pipeline {

// Never throws: an internal fault (memory, a bug) is reported as
// Reason::internal_error at the stage that was running.
VerifyResult run_verification(std::string_view qr_text, const Trust& trust, const VerifyOptions& options) noexcept;

}  // namespace poura::pipeline
