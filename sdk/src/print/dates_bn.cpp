// Dates as a Bangla certificate prints them: the revised Bangladesh calendar
// (বঙ্গাব্দ) and the Gregorian date with Bangla month names, in Bengali digits.
#include "core/dates.hpp"
#include "core/text.hpp"
#include "print/print.hpp"

#include <array>
#include <optional>

namespace poura::print {
namespace {

// NFC, as every text the SDK keeps: the nukta letters (ঢ়, য়) are written
// as the letter and U+09BC.
constexpr std::array<const char*, 12> kBanglaMonths = {
    "বৈশাখ", "জ্যৈষ্ঠ", "আষাঢ়", "শ্রাবণ", "ভাদ্র", "আশ্বিন",
    "কার্তিক", "অগ্রহায়ণ", "পৌষ", "মাঘ", "ফাল্গুন", "চৈত্র"};

constexpr std::array<const char*, 12> kGregorianMonths = {
    "জানুয়ারি", "ফেব্রুয়ারি", "মার্চ", "এপ্রিল", "মে", "জুন",
    "জুলাই", "আগস্ট", "সেপ্টেম্বর", "অক্টোবর", "নভেম্বর", "ডিসেম্বর"};

// 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z.
constexpr std::int64_t kFirstSecond = -62135596800;
constexpr std::int64_t kLastSecond = 253402300799;

std::optional<std::int64_t> day_number(std::int64_t unix_seconds) {
    if (unix_seconds < kFirstSecond || unix_seconds > kLastSecond) return std::nullopt;
    return unix_seconds / 86400 - (unix_seconds % 86400 < 0 ? 1 : 0);
}

std::string day_month_year(int day, const char* month, long long year) {
    return bengali_digits(std::to_string(day)) + " " + month + " " + bengali_digits(std::to_string(year));
}

}  // namespace

std::string bengali_digits(std::string_view ascii) { return text::bengali_digits(ascii); }

std::string bangla_date(std::int64_t unix_seconds) {
    const auto days = day_number(unix_seconds);
    if (!days) return {};
    const dates::Date g = dates::civil_from_days(*days);
    // The Bangla year that holds the day began on the last 14 April.
    const bool before_new_year = g.month < 4 || (g.month == 4 && g.day < 14);
    const int start_year = g.year - (before_new_year ? 1 : 0);
    std::int64_t day_of_year = *days - dates::days_from_civil(dates::Date{start_year, 4, 14});
    // Falgun runs from 14 February to 14 March of the next Gregorian year.
    const int falgun = dates::is_leap_year(start_year + 1) ? 30 : 29;
    const std::array<int, 12> lengths = {31, 31, 31, 31, 31, 31, 30, 30, 30, 30, falgun, 30};
    std::size_t month = 0;
    while (month + 1 < lengths.size() && day_of_year >= lengths[month]) day_of_year -= lengths[month++];
    return day_month_year(static_cast<int>(day_of_year) + 1, kBanglaMonths[month],
                          static_cast<long long>(start_year) - 593);
}

std::string gregorian_date_bn(std::int64_t unix_seconds) {
    const auto days = day_number(unix_seconds);
    if (!days) return {};
    const dates::Date g = dates::civil_from_days(*days);
    return day_month_year(g.day, kGregorianMonths[static_cast<std::size_t>(g.month - 1)], g.year);
}

}  // namespace poura::print
