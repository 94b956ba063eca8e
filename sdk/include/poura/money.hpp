// Money: exact integer poisha (1 taka = 100 poisha), never floating point.
#pragma once

#include <poura/export.hpp>
#include <poura/result.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace poura {

enum class Language { bn, en };

// An amount of money in poisha. Amounts handled by the SDK stay within
// ±Money::limit (one thousand crore taka), so sums of a bill's lines and
// products with rates cannot overflow.
class Money {
public:
    static constexpr std::int64_t limit = 1'000'000'000'000'000;  // poisha: Tk 10^13

    constexpr Money() = default;
    static constexpr Money poisha(std::int64_t p) { return Money(p); }
    static constexpr Money taka(std::int64_t t) { return Money(t * 100); }

    constexpr std::int64_t in_poisha() const { return poisha_; }
    constexpr bool is_zero() const { return poisha_ == 0; }

    constexpr Money operator-() const { return Money(-poisha_); }
    constexpr Money& operator+=(Money o) { poisha_ += o.poisha_; return *this; }
    constexpr Money& operator-=(Money o) { poisha_ -= o.poisha_; return *this; }
    friend constexpr Money operator+(Money a, Money b) { return a += b; }
    friend constexpr Money operator-(Money a, Money b) { return a -= b; }
    friend constexpr bool operator==(Money a, Money b) { return a.poisha_ == b.poisha_; }
    friend constexpr bool operator!=(Money a, Money b) { return a.poisha_ != b.poisha_; }
    friend constexpr bool operator<(Money a, Money b) { return a.poisha_ < b.poisha_; }
    friend constexpr bool operator<=(Money a, Money b) { return a.poisha_ <= b.poisha_; }
    friend constexpr bool operator>(Money a, Money b) { return a.poisha_ > b.poisha_; }
    friend constexpr bool operator>=(Money a, Money b) { return a.poisha_ >= b.poisha_; }

private:
    constexpr explicit Money(std::int64_t p) : poisha_(p) {}
    std::int64_t poisha_ = 0;
};

// How a schedule rounds computed amounts: to a unit (1 poisha, 100 poisha =
// the whole taka, ...) in a mode. half_up rounds halves away from zero.
enum class RoundingMode { half_up, half_even, up, down };

struct POURA_API Rounding {
    std::int64_t unit = 100;  // poisha
    RoundingMode mode = RoundingMode::half_up;

    // Rounds numerator/denominator poisha (denominator > 0) to the unit,
    // exactly: `amount * rate / 10000` is scale(amount, rate, 10000).
    Money scale(Money amount, std::int64_t numerator, std::int64_t denominator) const;
    Money apply(Money amount) const { return scale(amount, 1, 1); }
};

POURA_API std::string_view rounding_mode_name(RoundingMode mode) noexcept;

// "১২,৩৪,৫৬৭.০০" (Bengali digits) or "12,34,567.00": lakh and crore grouping,
// two decimals, a leading '-' for negative amounts.
POURA_API std::string format_money(Money amount, Language language);
// "Tk 12,34,567.00" / "১২,৩৪,৫৬৭.০০ টাকা", as a bill prints it.
POURA_API std::string format_taka(Money amount, Language language);

// As a receipt writes the amount in words:
//   "Twelve Lakh Thirty-Four Thousand Five Hundred Sixty-Seven Taka and Fifty Poisha Only"
//   "বারো লক্ষ চৌত্রিশ হাজার পাঁচশত সাতষট্টি টাকা পঞ্চাশ পয়সা মাত্র"
POURA_API std::string money_in_words(Money amount, Language language);

// Parses "1234.5", "12,34,567.00", "১২,৩৪,৫৬৭.০০" or "-20" (taka, at most two
// decimals, optional grouping commas) into an exact amount within Money::limit.
POURA_API Result<Money> parse_money(std::string_view text);

// A percentage as basis points, as rates are kept: 7.5% is 750.
POURA_API std::string format_percent(std::int64_t basis_points, Language language);

}  // namespace poura
