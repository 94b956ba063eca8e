// Bangladeshi identifiers. Each check normalises (Bengali digits to ASCII,
// spaces and dashes removed where people type them) and returns the canonical
// form, or nothing when the value is ill-formed.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace poura::ids {

// National ID: 10 (smart card), 13 (old) or 17 digits (birth year + the 13).
std::optional<std::string> national_id(std::string_view text);
// Birth registration number: 17 digits.
std::optional<std::string> birth_registration(std::string_view text);
// Mobile: 01[3-9] + 8 digits, optionally prefixed +88 or 88; canonical 11 digits.
std::optional<std::string> mobile(std::string_view text);

}  // namespace poura::ids
