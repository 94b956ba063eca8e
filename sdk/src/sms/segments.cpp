// Counting the parts of a text message, as gateways bill them.
#include "sms/sms.hpp"

#include <climits>
#include <cstdint>
#include <string_view>

namespace poura::sms {
namespace {

constexpr int kGsmSingle = 160;
constexpr int kGsmPart = 153;  // 7 septets go to the concatenation header
constexpr int kUcs2Single = 70;
constexpr int kUcs2Part = 67;

// One character of the text: a code point of a well-formed UTF-8 sequence,
// or a single byte that does not start one (valid == false).
struct Character {
    char32_t code_point = 0;
    bool valid = false;
};

// Decodes the character at pos strictly (no overlong forms, surrogates or
// values above U+10FFFF) and advances pos past it; an ill-formed sequence
// advances one byte.
Character next(std::string_view s, std::size_t& pos) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
    const unsigned char lead = byte(pos);
    if (lead < 0x80) {
        ++pos;
        return {lead, true};
    }
    std::size_t length;
    char32_t cp;
    // The range of the second byte rules out overlong forms, surrogates and
    // values above U+10FFFF (RFC 3629's table).
    unsigned char low = 0x80, high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) length = 2, cp = lead & 0x1F;
    else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3, cp = lead & 0x0F;
        if (lead == 0xE0) low = 0xA0;
        if (lead == 0xED) high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4, cp = lead & 0x07;
        if (lead == 0xF0) low = 0x90;
        if (lead == 0xF4) high = 0x8F;
    } else {
        ++pos;
        return {};
    }
    if (s.size() - pos < length || byte(pos + 1) < low || byte(pos + 1) > high) {
        ++pos;
        return {};
    }
    for (std::size_t i = 1; i < length; ++i) {
        const unsigned char c = byte(pos + i);
        if ((c & 0xC0) != 0x80) {
            ++pos;
            return {};
        }
        cp = (cp << 6) | (c & 0x3F);
    }
    pos += length;
    return {cp, true};
}

// GSM 03.38's basic set outside printable ASCII (the positions where it
// differs from ASCII hold these), in table order.
constexpr std::u16string_view kGsmBasicNonAscii =
    u"£¥èéùìòÇØøÅåΔΦΓΛΩΠΨΣΘΞÆæßÉ¤¡ÄÖÑÜ§¿äöñüà";
// The extension table: each is sent as the escape septet and one more.
constexpr std::u16string_view kGsmExtension = u"\f^{}\\[~]|€";

// Septets for one character in GSM-7: 1 for the basic set, 2 for the
// extension table, 0 when GSM-7 cannot carry it.
int gsm_septets(Character c) {
    if (!c.valid) return 0;
    const char32_t cp = c.code_point;
    if (cp == '\n' || cp == '\r') return 1;
    if (cp > 0xFFFF) return 0;
    if (kGsmExtension.find(static_cast<char16_t>(cp)) != std::u16string_view::npos) return 2;
    // ASCII's printable characters are in the basic set but for the backtick
    // and those of the extension table (found above).
    if (cp >= 0x20 && cp < 0x7F) return cp == '`' ? 0 : 1;
    if (cp < 0x80) return 0;
    return kGsmBasicNonAscii.find(static_cast<char16_t>(cp)) != std::u16string_view::npos ? 1 : 0;
}

// UTF-16 code units for one character; an ill-formed byte is one U+FFFD.
int ucs2_units(Character c) { return c.valid && c.code_point > 0xFFFF ? 2 : 1; }

int saturate(std::int64_t n) { return n > INT_MAX ? INT_MAX : static_cast<int>(n); }

}  // namespace

Segments count_segments(std::string_view utf8) {
    Segments result;
    for (std::size_t pos = 0; pos < utf8.size() && !result.ucs2;) result.ucs2 = gsm_septets(next(utf8, pos)) == 0;

    const int single = result.ucs2 ? kUcs2Single : kGsmSingle;
    const int per_part = result.ucs2 ? kUcs2Part : kGsmPart;
    // Filled part by part, as the sender splits the text: a two-unit
    // character that does not fit the rest of a part starts the next one.
    std::int64_t units = 0;
    std::int64_t parts = 1;
    int in_part = 0;
    for (std::size_t pos = 0; pos < utf8.size();) {
        const Character c = next(utf8, pos);
        const int width = result.ucs2 ? ucs2_units(c) : gsm_septets(c);
        units += width;
        if (in_part + width > per_part) {
            ++parts;
            in_part = 0;
        }
        in_part += width;
    }
    result.units = saturate(units);
    result.parts = units <= single ? 1 : saturate(parts);
    return result;
}

}  // namespace poura::sms
