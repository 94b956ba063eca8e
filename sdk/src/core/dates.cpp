#include "core/dates.hpp"

#include "core/text.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>

namespace poura::dates {

bool is_leap_year(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap_year(y) ? 29 : kDays[m - 1];
}

// Days since 1970-01-01, counted in 400-year eras of 146097 days starting in March.
std::int64_t days_from_civil(const Date& d) {
    const std::int64_t y = d.year - (d.month <= 2 ? 1 : 0);
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const std::int64_t yoe = y - era * 400;
    const std::int64_t mp = (d.month + 9) % 12;
    const std::int64_t doy = (153 * mp + 2) / 5 + d.day - 1;
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

Date civil_from_days(std::int64_t z) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    const int year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
    return Date{year, month, day};
}

std::optional<Date> parse_iso_date(std::string_view t) {
    if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
    auto number = [&](std::size_t from, std::size_t len) -> int {
        int value = 0;
        for (std::size_t i = from; i < from + len; ++i) {
            if (t[i] < '0' || t[i] > '9') return -1;
            value = value * 10 + (t[i] - '0');
        }
        return value;
    };
    const Date d{number(0, 4), number(5, 2), number(8, 2)};
    if (d.year < 1 || d.month < 1 || d.month > 12 || d.day < 1 || d.day > days_in_month(d.year, d.month))
        return std::nullopt;
    return d;
}

std::string format_iso_date(const Date& d) {
    if (d.year < 0 || d.year > 9999) {
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", d.year, d.month, d.day);
        return buffer;
    }
    // Bills format several dates each: digits by hand, no printf.
    std::string out = "0000-00-00";
    auto put = [&](std::size_t end, int value, int digits) {
        for (int i = 0; i < digits; ++i, value /= 10) out[end - static_cast<std::size_t>(i)] = static_cast<char>('0' + value % 10);
    };
    put(3, d.year, 4);
    put(6, d.month, 2);
    put(9, d.day, 2);
    return out;
}

std::string format_iso_timestamp(std::int64_t seconds) {
    std::int64_t days = seconds / 86400;
    std::int64_t in_day = seconds % 86400;
    if (in_day < 0) {
        --days;
        in_day += 86400;
    }
    // Whole 400-year cycles (146097 days) come off first, so that the date
    // arithmetic stays near 1970 and the year cannot overflow.
    const std::int64_t cycles = days / 146097;
    const Date d = civil_from_days(days - cycles * 146097);
    const long long year = d.year + static_cast<long long>(cycles) * 400;
    // printf's "%04lld-%02d-%02dT%02d:%02d:%02dZ", written out: every
    // verification result carries up to five of these, and snprintf is slow
    // in WebAssembly.
    char digits[24];
    const char* const digits_end = std::to_chars(digits, digits + sizeof digits, year).ptr;
    const char* first = digits;
    std::string out;
    if (year < 0) out += *first++;
    for (auto width = digits_end - digits; width < 4; ++width) out += '0';
    out.append(first, digits_end);
    const auto two = [&out](char separator, std::int64_t value) {
        out += separator;
        out += static_cast<char>('0' + value / 10);
        out += static_cast<char>('0' + value % 10);
    };
    two('-', d.month);
    two('-', d.day);
    two('T', in_day / 3600);
    two(':', in_day / 60 % 60);
    two(':', in_day % 60);
    out += 'Z';
    return out;
}

Date add_months(const Date& d, int months) {
    const int index = d.year * 12 + (d.month - 1) + months;
    const int year = index / 12;
    const int month = index % 12 + 1;
    const int last = days_in_month(year, month);
    return Date{year, month, d.day < last ? d.day : last};
}

Date fiscal_year_end(const Date& d) { return Date{d.month >= 7 ? d.year + 1 : d.year, 6, 30}; }

std::optional<int> parse_fiscal_year(std::string_view input) {
    const bool ascii = std::all_of(input.begin(), input.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    const std::string converted = ascii ? std::string() : text::ascii_digits(input);
    const std::string_view s = ascii ? input : std::string_view(converted);
    if ((s.size() != 9 && s.size() != 7) || s[4] != '-') return std::nullopt;
    int first = 0, second = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (i == 4) continue;
        if (s[i] < '0' || s[i] > '9') return std::nullopt;
        (i < 4 ? first : second) = (i < 4 ? first : second) * 10 + (s[i] - '0');
    }
    const int expected = s.size() == 9 ? first + 1 : (first + 1) % 100;
    if (second != expected || first < 1) return std::nullopt;
    return first;
}

std::string format_fiscal_year(int first_year) {
    std::string out = format_iso_date(Date{first_year, 1, 1}).substr(0, 5);
    return out + format_iso_date(Date{first_year + 1, 1, 1}).substr(0, 4);
}

}  // namespace poura::dates
