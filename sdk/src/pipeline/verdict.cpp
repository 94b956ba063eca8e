#include <poura/verdict.hpp>

#include "core/code_table.hpp"

#include <iterator>

namespace poura {

namespace {

// The table's names are indexed by the enums' numbers, which run from 0.
template <typename Enum, std::size_t N>
std::string_view name_in(const std::string_view (&names)[N], Enum value) {
    const auto index = static_cast<std::size_t>(value);
    return index < N ? names[index] : "unknown";
}

}  // namespace

std::string_view verdict_name(Verdict v) noexcept { return name_in(code_table::kVerdictNames, v); }

std::string_view stage_name(Stage s) noexcept { return name_in(code_table::kStageNames, s); }

std::string_view reason_code(Reason r) noexcept {
    const auto index = static_cast<std::size_t>(r);
    return index < std::size(code_table::kReasons) ? code_table::kReasons[index].name : "unknown";
}

}  // namespace poura
