#include <poura/time.hpp>

#include "core/dates.hpp"

namespace poura {
namespace {

bool two_digits(std::string_view t, std::size_t at, int max, int& out) {
    if (t[at] < '0' || t[at] > '9' || t[at + 1] < '0' || t[at + 1] > '9') return false;
    out = (t[at] - '0') * 10 + (t[at + 1] - '0');
    return out <= max;
}

}  // namespace

Result<std::int64_t> parse_time(std::string_view text) {
    const auto bad = [&] {
        return make_error(Errc::invalid_argument, "time '" + std::string(text) +
                                                      "' must be unix seconds, YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ");
    };
    if (!text.empty() && text.size() <= 12 && text.find_first_not_of("0123456789") == std::string_view::npos)
        return static_cast<std::int64_t>(std::stoll(std::string(text)));
    if (text.size() != 10 && text.size() != 20) return bad();
    const auto date = dates::parse_iso_date(text.substr(0, 10));
    if (!date) return bad();
    std::int64_t seconds = dates::to_unix(*date);
    if (text.size() == 20) {
        int h, m, s;
        if (text[10] != 'T' || text[13] != ':' || text[16] != ':' || text[19] != 'Z' || !two_digits(text, 11, 23, h) ||
            !two_digits(text, 14, 59, m) || !two_digits(text, 17, 59, s))
            return bad();
        seconds += h * 3600 + m * 60 + s;
    }
    return seconds;
}

std::string format_time(std::int64_t unix_seconds) { return dates::format_iso_timestamp(unix_seconds); }

}  // namespace poura
