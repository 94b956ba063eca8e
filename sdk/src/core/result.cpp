#include <poura/result.hpp>

#include "core/code_table.hpp"

namespace poura {

std::string_view errc_name(Errc code) noexcept {
    for (const auto& entry : code_table::kErrors)
        if (entry.code == code) return entry.name;
    return "unknown";
}

}  // namespace poura
