// Unwrapping with the stage that failed, for the verification result.
#pragma once

#include <poura/envelope.hpp>
#include <poura/verdict.hpp>

namespace poura::envelope {

struct Unwrapped {
    Bytes cose;
    Stage failed_stage = Stage::done;
    Reason reason = Reason::ok;
    std::string detail;
    Errc code = Errc::ok;
};

Unwrapped unwrap(std::string_view qr_text, const Scheme& scheme, std::size_t max_inflated_size);

}  // namespace poura::envelope
