#pragma once

#include <poura/export.hpp>

#include <string_view>

namespace poura {

POURA_API std::string_view version() noexcept;

}  // namespace poura
