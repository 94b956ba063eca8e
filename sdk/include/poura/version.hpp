#pragma once

#include <poura/export.hpp>

#include <string_view>

namespace poura {

POURA_API std::string_view version() noexcept;

// The trust bundle format this library writes and the only one it reads: the
// payload's "v" (docs/format.md, 9.1). The certificate format is named by its
// prefix, Scheme::bd1().prefix.
inline constexpr int trust_bundle_format_version = 1;

}  // namespace poura
