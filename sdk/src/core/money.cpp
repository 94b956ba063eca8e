#include <poura/money.hpp>

#include "core/text.hpp"

#include <array>
#include <vector>

namespace poura {
namespace {

__extension__ typedef __int128 Wide;

// n / d (d > 0) rounded in `mode`; for 64-bit and 128-bit integers.
template <typename Int>
Int rounded_quotient(Int n, Int d, RoundingMode mode) {
    Int q = n / d;
    const Int r = n % d;
    if (r == 0) return q;
    const Int away = n < 0 ? -1 : 1;
    const Int rest = r < 0 ? -r : r;  // compared with d - rest, not 2 * rest, which could overflow
    switch (mode) {
        case RoundingMode::half_up: return rest >= d - rest ? q + away : q;
        case RoundingMode::half_even: return (rest > d - rest || (rest == d - rest && q % 2 != 0)) ? q + away : q;
        case RoundingMode::up: return q + away;
        case RoundingMode::down: return q;
    }
    return q;
}

// "1234567" -> "12,34,567": the last three digits, then groups of two.
std::string group_lakh(const std::string& digits) {
    if (digits.size() <= 3) return digits;
    std::string head = digits.substr(0, digits.size() - 3);
    std::string out;
    const std::size_t first = head.size() % 2 == 0 ? 2 : 1;
    out += head.substr(0, first);
    for (std::size_t i = first; i < head.size(); i += 2) out += "," + head.substr(i, 2);
    return out + "," + digits.substr(digits.size() - 3);
}

const std::array<const char*, 20> kEnglishSmall = {
    "Zero",    "One",     "Two",       "Three",    "Four",     "Five",    "Six",
    "Seven",   "Eight",   "Nine",      "Ten",      "Eleven",   "Twelve",  "Thirteen",
    "Fourteen", "Fifteen", "Sixteen",  "Seventeen", "Eighteen", "Nineteen"};
const std::array<const char*, 10> kEnglishTens = {"",      "",      "Twenty",  "Thirty", "Forty",
                                                  "Fifty", "Sixty", "Seventy", "Eighty", "Ninety"};

// Bangla numerals below one hundred have no regular pattern: one word each.
// 29, 39 … 89 take the Bangla Academy spelling with ঊন- (19 stays উনিশ).
const std::array<const char*, 100> kBanglaBelowHundred = {
    "শূন্য",     "এক",       "দুই",       "তিন",       "চার",      "পাঁচ",      "ছয়",        "সাত",
    "আট",       "নয়",       "দশ",       "এগারো",     "বারো",      "তেরো",      "চৌদ্দ",      "পনেরো",
    "ষোলো",     "সতেরো",    "আঠারো",    "উনিশ",      "বিশ",       "একুশ",      "বাইশ",      "তেইশ",
    "চব্বিশ",    "পঁচিশ",     "ছাব্বিশ",    "সাতাশ",     "আটাশ",      "ঊনত্রিশ",    "ত্রিশ",      "একত্রিশ",
    "বত্রিশ",    "তেত্রিশ",    "চৌত্রিশ",    "পঁয়ত্রিশ",   "ছত্রিশ",     "সাঁইত্রিশ",   "আটত্রিশ",    "ঊনচল্লিশ",
    "চল্লিশ",    "একচল্লিশ",  "বিয়াল্লিশ",  "তেতাল্লিশ",  "চুয়াল্লিশ",  "পঁয়তাল্লিশ", "ছেচল্লিশ",   "সাতচল্লিশ",
    "আটচল্লিশ",  "ঊনপঞ্চাশ",  "পঞ্চাশ",    "একান্ন",     "বায়ান্ন",    "তিপ্পান্ন",   "চুয়ান্ন",     "পঞ্চান্ন",
    "ছাপ্পান্ন",   "সাতান্ন",    "আটান্ন",    "ঊনষাট",     "ষাট",       "একষট্টি",    "বাষট্টি",     "তেষট্টি",
    "চৌষট্টি",    "পঁয়ষট্টি",   "ছেষট্টি",    "সাতষট্টি",   "আটষট্টি",    "ঊনসত্তর",    "সত্তর",      "একাত্তর",
    "বাহাত্তর",   "তিয়াত্তর",   "চুয়াত্তর",   "পঁচাত্তর",    "ছিয়াত্তর",    "সাতাত্তর",    "আটাত্তর",    "ঊনআশি",
    "আশি",      "একাশি",     "বিরাশি",    "তিরাশি",     "চুরাশি",     "পঁচাশি",     "ছিয়াশি",     "সাতাশি",
    "আটাশি",    "ঊননব্বই",   "নব্বই",     "একানব্বই",   "বিরানব্বই",   "তিরানব্বই",   "চুরানব্বই",   "পঁচানব্বই",
    "ছিয়ানব্বই",  "সাতানব্বই",  "আটানব্বই",   "নিরানব্বই"};

struct Scale {
    std::int64_t size;
    const char* en;
    const char* bn;
};
// The Indian system: crore, lakh, thousand, hundred.
const std::array<Scale, 4> kScales = {{{10'000'000, "Crore", "কোটি"},
                                       {100'000, "Lakh", "লক্ষ"},
                                       {1'000, "Thousand", "হাজার"},
                                       {100, "Hundred", "শত"}}};

void append_word(std::string& out, const std::string& word) {
    if (word.empty()) return;
    if (!out.empty()) out += ' ';
    out += word;
}

std::string below_hundred(std::int64_t n, Language language) {
    if (language == Language::bn) return kBanglaBelowHundred[static_cast<std::size_t>(n)];
    if (n < 20) return kEnglishSmall[static_cast<std::size_t>(n)];
    std::string word = kEnglishTens[static_cast<std::size_t>(n / 10)];
    if (n % 10) word += std::string("-") + kEnglishSmall[static_cast<std::size_t>(n % 10)];
    return word;
}

// n > 0, in words; crores may themselves run past ninety-nine.
std::string number_in_words(std::int64_t n, Language language) {
    std::string out;
    for (const Scale& scale : kScales) {
        const std::int64_t count = scale.size == 10'000'000 ? n / scale.size
                                   : scale.size == 100      ? (n / scale.size) % 10
                                                            : (n / scale.size) % 100;
        if (count == 0) continue;
        const std::string number = count < 100 ? below_hundred(count, language) : number_in_words(count, language);
        if (language == Language::bn && scale.size == 100) append_word(out, number + scale.bn);  // "পাঁচশত"
        else append_word(out, number + " " + (language == Language::bn ? scale.bn : scale.en));
    }
    if (n % 100) append_word(out, below_hundred(n % 100, language));
    return out;
}

}  // namespace

Money Rounding::scale(Money amount, std::int64_t numerator, std::int64_t denominator) const {
    // Most products fit in 64 bits, and 128-bit division is a library call.
    constexpr std::int64_t kNarrow = 3'000'000'000;  // |a|, |b| below this: |a * b| < 2^63
    const std::int64_t a = amount.in_poisha();
    if (a > -kNarrow && a < kNarrow && numerator > -kNarrow && numerator < kNarrow && denominator < kNarrow &&
        unit < kNarrow) {
        const std::int64_t units = rounded_quotient<std::int64_t>(a * numerator, denominator * unit, mode);
        return Money::poisha(units * unit);
    }
    const Wide n = static_cast<Wide>(a) * numerator;
    const Wide units = rounded_quotient<Wide>(n, static_cast<Wide>(denominator) * unit, mode);
    return Money::poisha(static_cast<std::int64_t>(units * unit));
}

std::string_view rounding_mode_name(RoundingMode mode) noexcept {
    switch (mode) {
        case RoundingMode::half_up: return "half_up";
        case RoundingMode::half_even: return "half_even";
        case RoundingMode::up: return "up";
        case RoundingMode::down: return "down";
    }
    return "half_up";
}

std::string format_money(Money amount, Language language) {
    const std::int64_t p = amount.in_poisha();
    const std::uint64_t magnitude = p < 0 ? 0 - static_cast<std::uint64_t>(p) : static_cast<std::uint64_t>(p);
    std::string fraction = std::to_string(magnitude % 100);
    if (fraction.size() < 2) fraction.insert(0, "0");
    std::string out = (p < 0 ? "-" : "") + group_lakh(std::to_string(magnitude / 100)) + "." + fraction;
    return language == Language::bn ? text::bengali_digits(out) : out;
}

std::string format_taka(Money amount, Language language) {
    return language == Language::bn ? format_money(amount, language) + " টাকা" : "Tk " + format_money(amount, language);
}

std::string money_in_words(Money amount, Language language) {
    const bool bn = language == Language::bn;
    std::int64_t p = amount.in_poisha();
    std::string out;
    if (p < 0) {
        out = bn ? "ঋণাত্মক" : "Minus";
        p = -p;
    }
    const std::int64_t taka = p / 100, poisha = p % 100;
    if (taka > 0 || poisha == 0) {
        append_word(out, taka > 0 ? number_in_words(taka, language) : below_hundred(0, language));
        append_word(out, bn ? "টাকা" : "Taka");
    }
    if (poisha > 0) {
        if (taka > 0 && !bn) append_word(out, "and");
        append_word(out, below_hundred(poisha, language));
        append_word(out, bn ? "পয়সা" : "Poisha");
    }
    append_word(out, bn ? "মাত্র" : "Only");
    return out;
}

namespace {

// Commas group the taka either the South Asian way (the last three digits,
// then twos: 12,34,567) or the international way (threes: 1,234,567), so a
// stray comma ("1,0,0,0,0") is a mistake, not a number.
bool well_grouped(const std::vector<int>& groups) {
    if (groups.size() == 1) return true;
    if (groups.back() != 3) return false;
    auto all_middle = [&](int size) {
        for (std::size_t g = 1; g + 1 < groups.size(); ++g)
            if (groups[g] != size) return false;
        return groups.front() <= size;
    };
    return all_middle(2) || all_middle(3);
}

}  // namespace

Result<Money> parse_money(std::string_view input) {
    const std::string s = text::ascii_digits(input);
    auto bad = [&](const char* why) {
        return make_error(Errc::invalid_argument, "not an amount of money (" + std::string(why) + "): \"" +
                                                      std::string(input) + "\"");
    };
    std::size_t i = 0;
    const bool negative = !s.empty() && s[0] == '-';
    if (negative) ++i;
    std::int64_t taka = 0;
    int digits = 0;
    // The lengths of the comma-separated groups of the taka part.
    std::vector<int> groups{0};
    for (; i < s.size() && s[i] != '.'; ++i) {
        if (s[i] == ',') {
            if (groups.back() == 0) return bad("misplaced comma");
            groups.push_back(0);
            continue;
        }
        if (s[i] < '0' || s[i] > '9') return bad("unexpected character");
        if (taka > Money::limit / 1000) return bad("too large");
        taka = taka * 10 + (s[i] - '0');
        ++digits;
        ++groups.back();
    }
    if (digits == 0 || groups.back() == 0) return bad("no digits");
    if (!well_grouped(groups)) return bad("commas must group digits as 12,34,567 or 1,234,567");
    std::int64_t poisha = 0;
    if (i < s.size()) {
        const std::string_view fraction = std::string_view(s).substr(i + 1);
        if (fraction.empty() || fraction.size() > 2) return bad("one or two decimals");
        for (char c : fraction) {
            if (c < '0' || c > '9') return bad("unexpected character");
            poisha = poisha * 10 + (c - '0');
        }
        if (fraction.size() == 1) poisha *= 10;
    }
    const std::int64_t total = taka * 100 + poisha;
    if (total > Money::limit) return bad("too large");
    return Money::poisha(negative ? -total : total);
}

std::string format_percent(std::int64_t basis_points, Language language) {
    const std::int64_t magnitude = basis_points < 0 ? -basis_points : basis_points;
    std::string out = (basis_points < 0 ? "-" : "") + std::to_string(magnitude / 100);
    if (std::int64_t fraction = magnitude % 100) {
        out += '.';
        out += static_cast<char>('0' + fraction / 10);
        if (fraction % 10) out += static_cast<char>('0' + fraction % 10);
    }
    out += '%';
    return language == Language::bn ? text::bengali_digits(out) : out;
}

}  // namespace poura
