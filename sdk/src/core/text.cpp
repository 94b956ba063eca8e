#include "core/text.hpp"

#include <algorithm>

namespace poura::text {
namespace {

constexpr char32_t kInvalid = 0xFFFFFFFF;

// Decodes one code point; advances pos. Returns kInvalid on ill-formed UTF-8
// (overlong forms, surrogates and values above U+10FFFF included).
char32_t next(std::string_view s, std::size_t& pos) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
    const unsigned char lead = byte(pos);
    if (lead < 0x80) {
        ++pos;
        return lead;
    }
    int length;
    char32_t cp;
    char32_t minimum;
    if ((lead & 0xE0) == 0xC0) length = 2, cp = lead & 0x1F, minimum = 0x80;
    else if ((lead & 0xF0) == 0xE0) length = 3, cp = lead & 0x0F, minimum = 0x800;
    else if ((lead & 0xF8) == 0xF0) length = 4, cp = lead & 0x07, minimum = 0x10000;
    else return kInvalid;
    if (s.size() - pos < static_cast<std::size_t>(length)) return kInvalid;
    for (int i = 1; i < length; ++i) {
        const unsigned char c = byte(pos + i);
        if ((c & 0xC0) != 0x80) return kInvalid;
        cp = (cp << 6) | (c & 0x3F);
    }
    if (cp < minimum || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return kInvalid;
    pos += length;
    return cp;
}

}  // namespace

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

std::u32string decode_utf8(std::string_view s) {
    std::u32string out;
    for (std::size_t pos = 0; pos < s.size();) {
        const char32_t cp = next(s, pos);
        if (cp == kInvalid) return out;
        out += cp;
    }
    return out;
}

namespace {

int combining_class(char32_t cp) {
    if (cp == 0x09BC) return 7;  // nukta
    if (cp == 0x09CD) return 9;  // virama
    return 0;
}

bool is_bengali_letter(char32_t cp) { return (cp >= 0x0985 && cp <= 0x09B9) || (cp >= 0x09CE && cp <= 0x09E1); }

}  // namespace

bool is_valid_utf8(std::string_view s) {
    for (std::size_t pos = 0; pos < s.size();)
        if (next(s, pos) == kInvalid) return false;
    return true;
}

std::string nfc(std::string_view s) {
    // Decompose.
    std::u32string decomposed;
    for (char32_t cp : decode_utf8(s)) {
        switch (cp) {
            case 0x09CB: decomposed += U"\u09C7\u09BE"; break;
            case 0x09CC: decomposed += U"\u09C7\u09D7"; break;
            case 0x09DC: decomposed += U"\u09A1\u09BC"; break;
            case 0x09DD: decomposed += U"\u09A2\u09BC"; break;
            case 0x09DF: decomposed += U"\u09AF\u09BC"; break;
            default: decomposed += cp;
        }
    }
    // Canonical order: stable sort of each run of non-starters by class.
    for (std::size_t i = 0; i < decomposed.size();) {
        if (combining_class(decomposed[i]) == 0) {
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < decomposed.size() && combining_class(decomposed[end]) != 0) ++end;
        std::stable_sort(decomposed.begin() + static_cast<std::ptrdiff_t>(i),
                         decomposed.begin() + static_cast<std::ptrdiff_t>(end),
                         [](char32_t a, char32_t b) { return combining_class(a) < combining_class(b); });
        i = end;
    }
    // Compose the two-part vowel signs (the only Bengali primary composites).
    std::string out;
    for (std::size_t i = 0; i < decomposed.size(); ++i) {
        if (decomposed[i] == 0x09C7 && i + 1 < decomposed.size()) {
            if (decomposed[i + 1] == 0x09BE) {
                append_utf8(out, 0x09CB);
                ++i;
                continue;
            }
            if (decomposed[i + 1] == 0x09D7) {
                append_utf8(out, 0x09CC);
                ++i;
                continue;
            }
        }
        append_utf8(out, decomposed[i]);
    }
    return out;
}

std::string squeeze_spaces(std::string_view s) {
    std::string out;
    bool pending_space = false;
    for (char c : s) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            pending_space = !out.empty();
            continue;
        }
        if (pending_space) out += ' ';
        pending_space = false;
        out += c;
    }
    return out;
}

bool is_bangla_name(std::string_view s) {
    bool has_letter = false;
    for (std::size_t pos = 0; pos < s.size();) {
        const char32_t cp = next(s, pos);
        if (cp == kInvalid) return false;
        if (is_bengali_letter(cp)) {
            has_letter = true;
            continue;
        }
        const bool allowed = (cp >= 0x0980 && cp <= 0x09FF) || cp == ' ' || cp == '.' || cp == '-' ||
                             cp == 0x200C || cp == 0x200D;
        if (!allowed) return false;
    }
    return has_letter;
}

bool is_latin_name(std::string_view s) {
    bool has_letter = false;
    for (std::size_t pos = 0; pos < s.size();) {
        const char32_t cp = next(s, pos);
        const bool letter = (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
                            (cp >= 0xC0 && cp <= 0xFF && cp != 0xD7 && cp != 0xF7);
        if (letter) {
            has_letter = true;
            continue;
        }
        if (cp != ' ' && cp != '.' && cp != '-' && cp != '\'') return false;
    }
    return has_letter;
}

bool is_printable(std::string_view s) {
    for (std::size_t pos = 0; pos < s.size();) {
        const char32_t cp = next(s, pos);
        if (cp == kInvalid || cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0x2028 || cp == 0x2029) return false;
    }
    return true;
}

std::string ascii_digits(std::string_view s) {
    std::string out;
    for (std::size_t pos = 0; pos < s.size();) {
        const std::size_t start = pos;
        const char32_t cp = next(s, pos);
        if (cp == kInvalid) return std::string(s);
        if (cp >= 0x09E6 && cp <= 0x09EF) out += static_cast<char>('0' + (cp - 0x09E6));
        else out.append(s.substr(start, pos - start));
    }
    return out;
}

std::string bengali_digits(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (c >= '0' && c <= '9') append_utf8(out, 0x09E6 + static_cast<char32_t>(c - '0'));
        else out += c;
    }
    return out;
}

std::size_t code_points(std::string_view s) {
    std::size_t count = 0;
    for (char c : s)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
    return count;
}

}  // namespace poura::text
