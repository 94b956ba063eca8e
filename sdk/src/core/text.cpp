#include "core/text.hpp"

#include <algorithm>
#include <array>
#include <iterator>

namespace poura::text {
namespace {

constexpr char32_t kInvalid = 0xFFFFFFFF;

// Decodes one code point; advances pos. Returns kInvalid on ill-formed UTF-8
// (overlong forms, surrogates and values above U+10FFFF included). Inlined in
// every scan below: verification runs several over each text field.
#if defined(__GNUC__) || defined(__clang__)
__attribute__((always_inline))
#endif
inline char32_t next(std::string_view s, std::size_t& pos) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
    const unsigned char lead = byte(pos);
    if (lead < 0x80) {
        ++pos;
        return lead;
    }
    // Three bytes (U+0800-U+FFFF, Bengali among them) without the loop below.
    if ((lead & 0xF0) == 0xE0 && s.size() - pos >= 3) {
        const unsigned char c1 = byte(pos + 1), c2 = byte(pos + 2);
        if ((c1 & 0xC0) != 0x80 || (c2 & 0xC0) != 0x80) return kInvalid;
        const char32_t cp = (char32_t{lead & 0x0Fu} << 12) | (char32_t{c1 & 0x3Fu} << 6) | (c2 & 0x3Fu);
        if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) return kInvalid;
        pos += 3;
        return cp;
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
    pos += static_cast<std::size_t>(length);
    return cp;
}

}  // namespace

void append_utf8(std::string& out, char32_t cp) {
    char bytes[4];
    out.append(bytes, write_utf8(bytes, cp));
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

// Canonical combining classes (UnicodeData.txt) of the marks the composition
// below involves; every other code point is treated as a starter (class 0),
// which can only leave text less composed, never change what it means.
constexpr int combining_class(char32_t cp) {
    switch (cp) {
        case 0x0300: case 0x0301: case 0x0302: case 0x0303: case 0x0308: case 0x030A: return 230;  // above
        case 0x0327: return 202;  // cedilla, attached below
        case 0x09BC: return 7;    // nukta
        case 0x09CD: return 9;    // virama
        default: return 0;
    }
}

constexpr bool is_bengali_letter(char32_t cp) { return (cp >= 0x0985 && cp <= 0x09B9) || (cp >= 0x09CE && cp <= 0x09E1); }

// Canonical decompositions of U+00C0..U+00FF (UnicodeData.txt): base letter and
// combining mark, or {0, 0} for the letters that have none (Æ Ð × Ø Þ ß æ ð ÷ ø þ).
struct LetterAndMark {
    char base;
    char16_t mark;
};
constexpr char32_t kLatin1Composites = 0x00C0;
constexpr LetterAndMark kLatin1Decompositions[64] = {
    {'A', 0x300}, {'A', 0x301}, {'A', 0x302}, {'A', 0x303}, {'A', 0x308}, {'A', 0x30A}, {0, 0},       {'C', 0x327},
    {'E', 0x300}, {'E', 0x301}, {'E', 0x302}, {'E', 0x308}, {'I', 0x300}, {'I', 0x301}, {'I', 0x302}, {'I', 0x308},
    {0, 0},       {'N', 0x303}, {'O', 0x300}, {'O', 0x301}, {'O', 0x302}, {'O', 0x303}, {'O', 0x308}, {0, 0},
    {0, 0},       {'U', 0x300}, {'U', 0x301}, {'U', 0x302}, {'U', 0x308}, {'Y', 0x301}, {0, 0},       {0, 0},
    {'a', 0x300}, {'a', 0x301}, {'a', 0x302}, {'a', 0x303}, {'a', 0x308}, {'a', 0x30A}, {0, 0},       {'c', 0x327},
    {'e', 0x300}, {'e', 0x301}, {'e', 0x302}, {'e', 0x308}, {'i', 0x300}, {'i', 0x301}, {'i', 0x302}, {'i', 0x308},
    {0, 0},       {'n', 0x303}, {'o', 0x300}, {'o', 0x301}, {'o', 0x302}, {'o', 0x303}, {'o', 0x308}, {0, 0},
    {0, 0},       {'u', 0x300}, {'u', 0x301}, {'u', 0x302}, {'u', 0x308}, {'y', 0x301}, {0, 0},       {'y', 0x308},
};

void append_decomposition(std::u32string& out, char32_t cp) {
    if (cp >= kLatin1Composites && cp <= 0xFF) {
        const LetterAndMark& d = kLatin1Decompositions[cp - kLatin1Composites];
        if (d.base != 0) {
            out += static_cast<char32_t>(d.base);
            out += static_cast<char32_t>(d.mark);
            return;
        }
    }
    switch (cp) {
        case 0x09CB: out += U"\u09C7\u09BE"; break;
        case 0x09CC: out += U"\u09C7\u09D7"; break;
        // ড়, ঢ় and য় are composition exclusions: NFC keeps them decomposed.
        case 0x09DC: out += U"\u09A1\u09BC"; break;
        case 0x09DD: out += U"\u09A2\u09BC"; break;
        case 0x09DF: out += U"\u09AF\u09BC"; break;
        default: out += cp;
    }
}

// The primary composite of a starter and the character after it, or 0.
char32_t primary_composite(char32_t starter, char32_t next) {
    if (starter == 0x09C7 && next == 0x09BE) return 0x09CB;
    if (starter == 0x09C7 && next == 0x09D7) return 0x09CC;
    if (starter < 0x80 && combining_class(next) != 0) {
        for (std::size_t i = 0; i < std::size(kLatin1Decompositions); ++i) {
            const LetterAndMark& d = kLatin1Decompositions[i];
            if (static_cast<char32_t>(d.base) == starter && d.mark == next) return kLatin1Composites + i;
        }
    }
    return 0;
}

}  // namespace

bool is_valid_utf8(std::string_view s) {
    for (std::size_t pos = 0; pos < s.size();)
        if (next(s, pos) == kInvalid) return false;
    return true;
}

std::size_t utf8_length_at(std::string_view s, std::size_t pos) {
    const std::size_t start = pos;
    return next(s, pos) == kInvalid ? 0 : pos - start;
}

namespace {

constexpr bool is_space(char32_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

std::string nfc(std::string_view s) {
    if (inspect(s).nfc) return std::string(s);
    std::u32string decomposed;
    for (char32_t cp : decode_utf8(s)) append_decomposition(decomposed, cp);
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
    // Canonical composition (UAX #15): a character joins the last starter unless
    // a character between them has class 0 or a class not below its own.
    std::u32string composed;
    std::size_t starter = std::u32string::npos;
    int last_class = 0;
    for (char32_t cp : decomposed) {
        const int cls = combining_class(cp);
        if (starter != std::u32string::npos) {
            const bool adjacent = composed.size() == starter + 1;
            if (adjacent || last_class < cls) {
                if (const char32_t composite = primary_composite(composed[starter], cp)) {
                    composed[starter] = composite;
                    continue;
                }
            }
        }
        if (cls == 0) starter = composed.size();
        last_class = cls;
        composed += cp;
    }
    std::string out;
    for (char32_t cp : composed) append_utf8(out, cp);
    return out;
}

bool is_normalized(std::string_view s) { return inspect(s).normalized; }

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

namespace {

bool is_bidi_control(char32_t cp) {
    return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069);
}

// Below U+115F only these three are hidden: one comparison clears most text.
bool may_be_hidden(char32_t cp) { return cp >= 0x115F || cp == 0x00AD || cp == 0x034F || cp == 0x061C; }

bool is_blank_or_zero_width(char32_t cp) {
    return cp == 0x00AD || cp == 0x034F || cp == 0x115F || cp == 0x1160 || cp == 0x17B4 || cp == 0x17B5 ||
           cp == 0x180E || (cp >= 0x200B && cp <= 0x200D) || (cp >= 0x2060 && cp <= 0x2064) ||
           (cp >= 0x206A && cp <= 0x206F) || cp == 0x3164 || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF ||
           cp == 0xFFA0 || (cp >= 0xE0000 && cp <= 0xE007F);
}

constexpr bool is_ascii_letter(char32_t c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

// False when NFC cannot keep `cp` after `previous` as it is: a character NFC
// never keeps, a Latin combining mark that may join the letter before it, or
// the second part of a two-part vowel sign right after ে.
constexpr bool nfc_may_keep(char32_t cp, char32_t previous) {
    switch (cp) {
        case 0x09DC: case 0x09DD: case 0x09DF:
        case 0x0300: case 0x0301: case 0x0302: case 0x0303: case 0x0308: case 0x030A: case 0x0327:
            return false;
        case 0x09BE: case 0x09D7:  // common on their own; they join only a preceding ে
            return previous != 0x09C7;
        default: return true;
    }
}

// What inspect() needs to know of an ASCII character, looked up.
enum AsciiKind : std::uint8_t {
    kLatinLetter = 1,
    kNamePunctuation = 2,  // space, '.', '-': in names of either script
    kApostrophe = 4,       // in Latin names
    kControl = 8,          // not printable (tab, newline and CR among them)
    kOtherSpace = 16,      // white space other than ' ': never in normal text
    kUnusual = 32,         // a control or a space: look closer
};
constexpr std::array<std::uint8_t, 128> kAsciiKinds = [] {
    std::array<std::uint8_t, 128> table{};
    for (char32_t c = 0; c < table.size(); ++c) {
        std::uint8_t kind = 0;
        if (is_ascii_letter(c)) kind |= kLatinLetter;
        if (c == ' ' || c == '.' || c == '-') kind |= kNamePunctuation;
        if (c == '\'') kind |= kApostrophe;
        if (c < 0x20 || c == 0x7F) kind |= kControl | kUnusual;
        if (is_space(c) && c != ' ') kind |= kOtherSpace | kUnusual;
        if (c == ' ') kind |= kUnusual;
        table[c] = kind;
    }
    return table;
}();

// The Bengali block (U+0980-U+09FF), looked up rather than tested.
constexpr char32_t kBengaliBlock = 0x0980;
struct BengaliFacts {
    bool letter = false;
    bool nfc_needs_previous_check = false;  // nfc_may_keep() is not simply true
    std::uint8_t combining_class = 0;
};
constexpr std::array<BengaliFacts, 128> kBengaliFacts = [] {
    std::array<BengaliFacts, 128> table{};
    for (char32_t i = 0; i < table.size(); ++i) {
        const char32_t cp = kBengaliBlock + i;
        table[i].letter = is_bengali_letter(cp);
        table[i].nfc_needs_previous_check = !nfc_may_keep(cp, 0) || !nfc_may_keep(cp, 0x09C7);
        table[i].combining_class = static_cast<std::uint8_t>(combining_class(cp));
    }
    return table;
}();

}  // namespace

// The quick check of UAX #15 for the repertoire nfc() handles: text that
// passes is in NFC, which is nearly always, so nfc() skips the UTF-32 round
// trip. Text is not in NFC when marks are out of canonical order or a
// character NFC never keeps (ড়, ঢ়, য়) appears; it may not be when a character
// that can join the one before it appears (the second part of a two-part
// vowel sign after ে, a Latin combining mark).
Facts inspect(std::string_view s) {
    // Flags in locals, not in the result: a store through the result could
    // alias the text (char may alias anything) and force a reload per byte.
    bool valid = true, nfc = true, spaces = true, printable = true;
    bool bangla_letter = false, bangla_rest = true, latin_letter = false, latin_rest = true;
    char32_t hidden = 0;
    std::size_t count = 0;
    if (!s.empty() && (is_space(static_cast<unsigned char>(s.front())) || is_space(static_cast<unsigned char>(s.back()))))
        spaces = false;
    int last_class = 0;
    char32_t previous = 0;
    for (std::size_t pos = 0; pos < s.size();) {
        const auto byte = static_cast<unsigned char>(s[pos]);
        ++count;
        if (byte < 0x80) {
            const std::uint8_t kind = kAsciiKinds[byte];
            if (kind & kUnusual) {
                if (kind & kControl) printable = false;
                if ((kind & kOtherSpace) || (byte == ' ' && previous == ' ')) spaces = false;
            }
            latin_letter = latin_letter || (kind & kLatinLetter);
            bangla_rest = bangla_rest && (kind & kNamePunctuation);
            latin_rest = latin_rest && (kind & (kLatinLetter | kNamePunctuation | kApostrophe));
            previous = byte;
            last_class = 0;
            ++pos;
            continue;
        }
        // Bengali, most of a Bangla certificate: U+0980-U+09FF is E0 A6 xx or
        // E0 A7 xx in UTF-8. Printable, never hidden, never Latin; the rest
        // is in the table.
        if (byte == 0xE0 && s.size() - pos >= 3) {
            const auto c1 = static_cast<unsigned char>(s[pos + 1]), c2 = static_cast<unsigned char>(s[pos + 2]);
            if ((c1 == 0xA6 || c1 == 0xA7) && (c2 & 0xC0) == 0x80) {
                const std::size_t index = (std::size_t{c1 & 1u} << 6) | (c2 & 0x3Fu);
                const BengaliFacts b = kBengaliFacts[index];
                const char32_t cp = kBengaliBlock + static_cast<char32_t>(index);
                if ((b.combining_class != 0 && last_class > b.combining_class) ||
                    (b.nfc_needs_previous_check && !nfc_may_keep(cp, previous)))
                    nfc = false;
                last_class = b.combining_class;
                bangla_letter = bangla_letter || b.letter;
                latin_rest = false;
                previous = cp;
                pos += 3;
                continue;
            }
        }
        const char32_t cp = next(s, pos);
        if (cp == kInvalid) {
            --count;
            valid = nfc = printable = false;
            bangla_rest = latin_rest = false;
            break;
        }
        // Normal form.
        const int cls = combining_class(cp);
        if ((cls != 0 && last_class > cls) || !nfc_may_keep(cp, previous)) nfc = false;
        last_class = cls;
        // Controls, and characters that hide.
        if ((cp >= 0x7F && cp < 0xA0) || cp == 0x2028 || cp == 0x2029) printable = false;
        if (hidden == 0 && may_be_hidden(cp)) {
            const bool bengali_joiner = (cp == 0x200C || cp == 0x200D) && previous >= 0x0980 && previous <= 0x09FF;
            if (!bengali_joiner && (is_bidi_control(cp) || is_blank_or_zero_width(cp))) hidden = cp;
        }
        // Names.
        if (is_bengali_letter(cp)) bangla_letter = true;
        else bangla_rest = bangla_rest && ((cp >= 0x0980 && cp <= 0x09FF) || cp == 0x200C || cp == 0x200D);
        if (cp >= 0xC0 && cp <= 0xFF && cp != 0xD7 && cp != 0xF7) latin_letter = true;
        else latin_rest = false;
        previous = cp;
    }
    Facts f;
    f.valid_utf8 = valid;
    f.nfc = nfc;
    f.normalized = nfc && spaces;
    f.printable = printable;
    f.bangla_name = bangla_letter && bangla_rest;
    f.latin_name = latin_letter && latin_rest;
    f.hidden_control = hidden;
    f.code_points = count;
    return f;
}

bool is_bangla_name(std::string_view s) { return inspect(s).bangla_name; }
bool is_latin_name(std::string_view s) { return inspect(s).latin_name; }
bool is_printable(std::string_view s) { return inspect(s).printable; }
char32_t first_hidden_control(std::string_view s) { return inspect(s).hidden_control; }

std::string code_point_name(char32_t cp) {
    static const char digits[] = "0123456789ABCDEF";
    std::string hex;
    for (char32_t v = cp; v != 0 || hex.size() < 4; v >>= 4) hex.insert(hex.begin(), digits[v & 0xF]);
    return "U+" + hex;
}

std::string ascii_digits(std::string_view s) {
    // Bengali digits take three bytes: ASCII text has none to change.
    if (std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }))
        return std::string(s);
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
