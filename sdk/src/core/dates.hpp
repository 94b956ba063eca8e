// Civil dates (proleptic Gregorian, UTC) and the fiscal year (July to June).
#pragma once

#include <cstdint>
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
inline Date from_unix(std::int64_t seconds) {
    return civil_from_days(seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400);
}
// "2026-11-23T09:00:00Z"
std::string format_iso_timestamp(std::int64_t seconds);

// The same day `months` later, clamped to the month's last day.
Date add_months(const Date& d, int months);
// 30 June ending the fiscal year that contains d.
Date fiscal_year_end(const Date& d);

}  // namespace poura::dates
