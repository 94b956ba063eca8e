#include "core/ids.hpp"

#include "core/text.hpp"

#include <algorithm>

namespace poura::ids {
namespace {

// ASCII digits only, with the separators people type removed; nothing when any
// other character is present.
std::optional<std::string> digits_only(std::string_view text) {
    std::string out = text::ascii_digits(text);
    out.erase(std::remove_if(out.begin(), out.end(), [](char c) { return c == ' ' || c == '-'; }), out.end());
    if (!std::all_of(out.begin(), out.end(), [](char c) { return c >= '0' && c <= '9'; })) return std::nullopt;
    return out;
}

}  // namespace

std::optional<std::string> national_id(std::string_view text) {
    auto digits = digits_only(text);
    if (!digits) return std::nullopt;
    const std::size_t n = digits->size();
    if (n != 10 && n != 13 && n != 17) return std::nullopt;
    if (n == 17) {
        const int birth_year = std::stoi(digits->substr(0, 4));
        if (birth_year < 1900 || birth_year > 2100) return std::nullopt;
    }
    return digits;
}

std::optional<std::string> birth_registration(std::string_view text) {
    auto digits = digits_only(text);
    if (!digits || digits->size() != 17) return std::nullopt;
    return digits;
}

std::optional<std::string> mobile(std::string_view text) {
    const bool international = !text.empty() && text.front() == '+';
    std::string_view rest = international ? text.substr(1) : text;
    auto digits = digits_only(rest);
    if (!digits) return std::nullopt;
    std::string number = *digits;
    if (number.size() == 13 && number.compare(0, 2, "88") == 0) number.erase(0, 2);
    else if (international) return std::nullopt;
    if (number.size() != 11 || number[0] != '0' || number[1] != '1' || number[2] < '3') return std::nullopt;
    return number;
}

}  // namespace poura::ids
