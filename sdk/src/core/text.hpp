// Text rules for names and addresses in Bangla and Latin script.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace poura::text {

bool is_valid_utf8(std::string_view s);
// The length of the well-formed UTF-8 sequence (RFC 3629) at s[pos]; 0 when
// it is ill-formed or cut short.
std::size_t utf8_length_at(std::string_view s, std::size_t pos);

// Canonical composition (NFC) for the repertoire Poura accepts. Bengali: the
// two-part vowel signs compose; the nukta letters ড়, ঢ়, য় decompose, as NFC
// requires; nukta and virama are put in canonical order. Latin: a letter
// followed by a grave, acute, circumflex, tilde, diaeresis, ring above or
// cedilla (U+0300-0303, U+0308, U+030A, U+0327, in canonical order) composes
// when Latin-1 has the result (U+00C0-00FF: "e" + U+0308 gives "ë"). Other
// combining sequences are left as they are. Text must be valid UTF-8.
std::string nfc(std::string_view s);

// Collapses runs of white space to one space and trims both ends.
std::string squeeze_spaces(std::string_view s);
// True when squeeze_spaces(nfc(s)) == s, by the quick checks alone, without
// copying; false for ill-formed UTF-8.
bool is_normalized(std::string_view s);

// A person's name in Bengali script: Bengali letters and signs, spaces, '.',
// '-', ZWJ and ZWNJ; at least one Bengali letter.
bool is_bangla_name(std::string_view nfc_text);
// A name in Latin script: ASCII and Latin-1 letters, spaces, '.', '-', '\''.
bool is_latin_name(std::string_view text);
// Free text (addresses): no control characters.
bool is_printable(std::string_view text);

// The first character in valid UTF-8 text that is invisible yet changes how
// the text shows: bidi controls (U+061C, U+200E, U+200F, U+202A-U+202E,
// U+2066-U+2069), which can reorder the rest of a line ("gpj.exe" shown as
// "exe.jpg"), and zero-width or blank characters (U+00AD, U+034F,
// U+115F-U+1160, U+17B4-U+17B5, U+180E, U+200B-U+200D, U+2060-U+2064,
// U+206A-U+206F, U+3164, U+FE00-U+FE0F, U+FEFF, U+FFA0, U+E0000-U+E007F).
// ZWNJ and ZWJ right after a Bengali character are part of Bengali spelling
// (র‍্য) and do not count. 0 when there is none.
char32_t first_hidden_control(std::string_view text);
// Everything above that a check of one text field asks, learnt in one pass
// over it: verification checks every text field of a certificate this way.
// The functions above answer from it.
struct Facts {
    bool valid_utf8 = true;
    bool nfc = true;         // nfc() keeps the text as it is (its quick check)
    bool normalized = true;  // and so does squeeze_spaces(): is_normalized()
    bool printable = true;
    bool bangla_name = false;
    bool latin_name = false;
    char32_t hidden_control = 0;  // first_hidden_control()
    std::size_t code_points = 0;  // up to the first ill-formed sequence
};
Facts inspect(std::string_view text);

// "U+202E", to name a character in a message.
std::string code_point_name(char32_t cp);

// Bengali digits ০–৯ to ASCII 0–9; other characters are kept.
std::string ascii_digits(std::string_view s);
// ASCII digits to Bengali digits, as certificates print numbers.
std::string bengali_digits(std::string_view s);

std::size_t code_points(std::string_view s);

// Code points of valid UTF-8 (decoding stops at the first ill-formed sequence),
// and one code point appended as UTF-8.
std::u32string decode_utf8(std::string_view s);
void append_utf8(std::string& out, char32_t cp);

// One code point (a Unicode scalar value) written as UTF-8 at `out`, which has
// room for four bytes; returns how many it took. For decoders that size their
// output once.
inline std::size_t write_utf8(char* out, char32_t cp) {
    if (cp < 0x80) {
        out[0] = static_cast<char>(cp);
        return 1;
    }
    if (cp < 0x800) {
        out[0] = static_cast<char>(0xC0 | (cp >> 6));
        out[1] = static_cast<char>(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = static_cast<char>(0xE0 | (cp >> 12));
        out[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out[2] = static_cast<char>(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = static_cast<char>(0xF0 | (cp >> 18));
    out[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[3] = static_cast<char>(0x80 | (cp & 0x3F));
    return 4;
}

}  // namespace poura::text
