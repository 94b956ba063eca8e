#include "pipeline/messages.hpp"

#include "core/code_table.hpp"

#include <iterator>

namespace poura::messages {

Text for_reason(Reason reason) {
    const auto index = static_cast<std::size_t>(reason);
    if (index >= std::size(code_table::kReasons)) return {"Unknown result.", "অজানা ফলাফল।"};
    const auto& entry = code_table::kReasons[index];
    return {entry.en, entry.bn};
}

}  // namespace poura::messages
