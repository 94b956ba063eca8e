// CSV as registers and settlement files come (RFC 4180: a header row, fields
// quoted with '"' when they hold commas, quotes or line breaks; CRLF or LF).
#pragma once

#include <poura/money.hpp>
#include <poura/result.hpp>

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace poura::revenue::detail {

struct CsvTable {
    std::vector<std::map<std::string, std::string>> rows;  // by column name
    std::vector<std::size_t> line_of;                      // each row's line in the file (the header is 1)
};

// The rows, with every required column present and no column outside
// required and optional; a malformed file is refused with its line.
Result<CsvTable> parse_csv(std::string_view text, const std::vector<std::string>& required,
                           const std::vector<std::string>& optional);

// An amount of taka: "1500", "1500.50" or "1,500.50" (lakh or thousand
// grouping, each group where it belongs); nothing else.
Result<Money> parse_amount(std::string_view text);

// The text of a CSV field, quoted when it must be.
std::string csv_field(std::string_view text);

}  // namespace poura::revenue::detail
