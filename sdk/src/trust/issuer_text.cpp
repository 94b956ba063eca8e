#include "trust/issuer_text.hpp"

#include "core/text.hpp"

namespace poura::trust {
namespace {

constexpr std::size_t kMaxCodeLength = 64;

bool is_code_character(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
           c == '_' || c == '/';
}

// Why a name may not be shown as it is; empty when it may.
std::string name_problem(const std::string& name) {
    if (!text::is_valid_utf8(name)) return "is not valid UTF-8";
    if (!text::is_printable(name)) return "contains control characters";
    if (const char32_t hidden = text::first_hidden_control(name))
        return "contains the invisible control character " + text::code_point_name(hidden) +
               ", which can disguise the text around it";
    if (name.find_first_of("<>") != std::string::npos) return "contains markup ('<' or '>')";
    return {};
}

}  // namespace

Status check_issuer_text(const IssuerEntry& entry) {
    const std::string& code = entry.issuer_code;
    bool code_ok = !code.empty() && code.size() <= kMaxCodeLength;
    for (char c : code) code_ok = code_ok && is_code_character(c);
    // The code is not repeated in the message: it may be the very text that must not be shown.
    if (!code_ok)
        return make_error(Errc::unsafe_text, "an issuer code must be 1 to 64 ASCII letters, digits, '-', '.', '_' or '/'");
    for (const auto& [member, name] : {std::pair<const char*, const std::string*>{"name_bn", &entry.name_bn},
                                       {"name_en", &entry.name_en}}) {
        const std::string problem = name_problem(*name);
        if (!problem.empty()) return make_error(Errc::unsafe_text, "issuer " + code + ": " + member + " " + problem);
    }
    return {};
}

}  // namespace poura::trust
