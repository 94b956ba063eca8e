#include "revenue/internal.hpp"

#include "core/text.hpp"
#include "core/try.hpp"

#include <cstdio>

namespace poura::revenue::detail {

Error bad(std::string_view field, std::string_view why) {
    return make_error(Errc::invalid_argument, std::string(field) + ": " + std::string(why));
}

Result<User> office_user(workflow::OfficeParts& office, std::int64_t actor, std::string_view what) {
    auto user = office.user(actor);
    POURA_RETURN_IF_ERROR(user);
    if (user->role != Role::secretary && user->role != Role::admin)
        return make_error(Errc::permission_denied, "user '" + user->login + "' (" + std::string(role_name(user->role)) +
                                                       ") may not " + std::string(what) +
                                                       ": that is the secretary's or the admin's work");
    return user;
}

namespace {
bool bengali_letter(char32_t c) { return (c >= 0x0985 && c <= 0x09B9) || (c >= 0x09DC && c <= 0x09DF); }
}  // namespace

Result<std::string> holding_number(std::string_view text) {
    if (text.empty() || text.size() > 80) return bad("holding number", "must be 1 to 40 characters");
    if (!text::is_valid_utf8(text)) return bad("holding number", "is not valid UTF-8");
    const std::string ascii = text::ascii_digits(text);
    std::string out;
    std::size_t count = 0;
    for (char32_t c : text::decode_utf8(ascii)) {
        ++count;
        if (c >= 'a' && c <= 'z') c = c - 'a' + 'A';
        const bool ok = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || c == '-' || c == '/' || bengali_letter(c);
        if (!ok)
            return bad("holding number", "'" + std::string(text) +
                                             "' may hold only digits, letters, '-' and '/' (e.g. 02-022-0047-00, 0009-6খ)");
        text::append_utf8(out, c);
    }
    if (count > 40) return bad("holding number", "must be 1 to 40 characters");
    if (out[0] < '0' || out[0] > '9') return bad("holding number", "'" + std::string(text) + "' must start with a digit");
    return out;
}

Result<std::string> account_number(std::string_view field, std::string_view text) {
    if (text.empty() || text.size() > 40) return bad(field, "must be 1 to 40 bytes");
    if (!text::is_printable(text) || text.find(' ') != std::string_view::npos)
        return bad(field, "'" + std::string(text) + "' must be printable without spaces");
    return std::string(text);
}

Result<int> fiscal_year(std::string_view field, std::string_view text) {
    auto y = dates::parse_fiscal_year(text);
    if (!y) return bad(field, "'" + std::string(text) + "' is not a fiscal year such as 2025-26");
    return *y;
}

Result<dates::Date> iso_date(std::string_view field, std::string_view text) {
    auto d = dates::parse_iso_date(text);
    if (!d) return bad(field, "'" + std::string(text) + "' is not a date such as 2025-07-31");
    return *d;
}

Result<dates::Date> month(std::string_view field, std::string_view text) {
    auto d = text.size() == 7 ? dates::parse_iso_date(std::string(text) + "-01") : std::nullopt;
    if (!d) return bad(field, "'" + std::string(text) + "' is not a month such as 2025-07");
    return *d;
}

std::string format_month(const dates::Date& d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d", d.year, d.month);
    return buf;
}

std::string today(std::int64_t now) { return dates::format_iso_date(dates::from_unix(now)); }

std::string taka_text(Money amount) {
    const std::int64_t p = amount.in_poisha();
    const std::int64_t a = p < 0 ? -p : p;
    char buf[48];
    std::snprintf(buf, sizeof buf, "%s%lld.%02lld", p < 0 ? "-" : "", static_cast<long long>(a / 100),
                  static_cast<long long>(a % 100));
    return buf;
}

Status clean(std::string_view field, std::string_view text, std::size_t max, bool required) {
    if (text.empty()) return required ? Status(bad(field, "is required")) : Status();
    if (text.size() > max) return bad(field, "is longer than " + std::to_string(max) + " bytes");
    if (!text::is_printable(text)) return bad(field, "must be printable text without control characters");
    return {};
}

bool known_service(std::string_view s) { return s == "holding_tax" || s == "water" || s == "trade_licence"; }

}  // namespace poura::revenue::detail
