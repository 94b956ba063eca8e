// Text rules for names and addresses in Bangla and Latin script.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace poura::text {

bool is_valid_utf8(std::string_view s);

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

// Bengali digits ০–৯ to ASCII 0–9; other characters are kept.
std::string ascii_digits(std::string_view s);
// ASCII digits to Bengali digits, as certificates print numbers.
std::string bengali_digits(std::string_view s);

std::size_t code_points(std::string_view s);

// Code points of valid UTF-8 (decoding stops at the first ill-formed sequence),
// and one code point appended as UTF-8.
std::u32string decode_utf8(std::string_view s);
void append_utf8(std::string& out, char32_t cp);

}  // namespace poura::text
