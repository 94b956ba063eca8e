// Civil dates (proleptic Gregorian, UTC) and the fiscal year (July to June).
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace poura::dates {

struct Date {
    int year = 1970;
    int month = 1;  // 1..12
    int day = 1;    // 1..31
};

bool is_leap_year(int year);
int days_in_month(int year, int month);

std::int64_t days_from_civil(const Date& d);
Date civil_from_days(std::int64_t days);

// Strict "YYYY-MM-DD" (a real calendar date).
std::optional<Date> parse_iso_date(std::string_view text);
std::string format_iso_date(const Date& d);

inline std::int64_t to_unix(const Date& d) { return days_from_civil(d) * 86400; }
// The day holding a time, for times whose year fits an int.
inline Date from_unix(std::int64_t seconds) {
    return civil_from_days(seconds / 86400 - (seconds % 86400 < 0 ? 1 : 0));
}
// "2026-11-23T09:00:00Z"; every int64 value has one, the year widened as needed
// ("292277026596-12-04T15:30:07Z" for the largest).
std::string format_iso_timestamp(std::int64_t seconds);

// Whether t > limit + margin, exact for every int64 value: the sum is not formed
// where it would overflow. Time checks with a clock skew or a grace period use it.
inline bool later_than(std::int64_t t, std::int64_t limit, std::int64_t margin) {
    constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
    constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
    if (margin >= 0 ? limit > kMax - margin : limit < kMin - margin) return margin < 0;
    return t > limit + margin;
}

// The same day `months` later, clamped to the month's last day.
Date add_months(const Date& d, int months);
// 30 June ending the fiscal year that contains d.
Date fiscal_year_end(const Date& d);
// The first calendar year of a fiscal year written "2025-2026" or "2025-26"
// (ASCII or Bengali digits): 2025.
std::optional<int> parse_fiscal_year(std::string_view text);
// "2025-2026", as documents carry it.
std::string format_fiscal_year(int first_year);

}  // namespace poura::dates
