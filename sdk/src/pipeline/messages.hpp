// What each verification outcome says to a person, in English and Bangla: the
// reasons' messages of sdk/data/codes.json.
#pragma once

#include <poura/codes.hpp>

#include <string_view>

namespace poura::messages {

struct Text {
    std::string_view en;
    std::string_view bn;
};

Text for_reason(Reason reason);

}  // namespace poura::messages
