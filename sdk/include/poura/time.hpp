// Times as the SDK's front ends read and print them (UTC).
#pragma once

#include <poura/export.hpp>
#include <poura/result.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace poura {

// "1767225600" (unix seconds), "2026-01-01" or "2026-01-01T00:00:00Z".
POURA_API Result<std::int64_t> parse_time(std::string_view text);
// "2026-01-01T00:00:00Z".
POURA_API std::string format_time(std::int64_t unix_seconds);

}  // namespace poura
