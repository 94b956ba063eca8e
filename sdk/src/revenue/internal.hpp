// What the revenue section's files share: argument checks, the role rule,
// and money and dates in the forms the fee engine and the store take.
#pragma once

#include <poura/revenue.hpp>

#include "core/dates.hpp"
#include "store/revenue_store.hpp"
#include "workflow/office_parts.hpp"

#include <string>
#include <string_view>

namespace poura::revenue::detail {

// invalid_argument naming the field: "holding.ward: must be 1 to 9".
Error bad(std::string_view field, std::string_view why);

// Records, bills and payments are the office's work: its secretary (the
// revenue section) or its admin. Returns the acting user.
Result<User> office_user(workflow::OfficeParts& office, std::int64_t actor, std::string_view what);

// A holding number in canonical form: Bengali digits as ASCII digits; ASCII
// letters upper case; Bengali letters kept. 1 to 40 characters of digits,
// letters, '-' and '/', starting with a digit.
Result<std::string> holding_number(std::string_view text);
// An account, connection or licence number: printable, no spaces, 1 to 40 bytes.
Result<std::string> account_number(std::string_view field, std::string_view text);

Result<int> fiscal_year(std::string_view field, std::string_view text);
Result<dates::Date> iso_date(std::string_view field, std::string_view text);
// "2025-07": a month.
Result<dates::Date> month(std::string_view field, std::string_view text);
std::string format_month(const dates::Date& d);
std::string today(std::int64_t now);

// Taka as the fee engine's JSON inputs take them: "1234.50".
std::string taka_text(Money amount);

// Text of at most `max` bytes, valid UTF-8 without control characters.
Status clean(std::string_view field, std::string_view text, std::size_t max, bool required);

// The services a demand can be for.
bool known_service(std::string_view service);

}  // namespace poura::revenue::detail
