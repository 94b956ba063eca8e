#include "revenue/csv.hpp"

#include "core/text.hpp"
#include "core/try.hpp"

#include <algorithm>
#include <set>

namespace poura::revenue::detail {

namespace {

constexpr std::size_t kMaxRows = 5'000'000;
constexpr std::size_t kMaxField = 4096;

Error malformed(std::size_t line, const std::string& why) {
    return make_error(Errc::malformed_input, "line " + std::to_string(line) + ": " + why);
}

}  // namespace

Result<CsvTable> parse_csv(std::string_view text, const std::vector<std::string>& required,
                           const std::vector<std::string>& optional) {
    if (!text::is_valid_utf8(text)) return make_error(Errc::malformed_input, "the file is not valid UTF-8");
    if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a spreadsheet's BOM
    std::vector<std::vector<std::string>> records;
    std::vector<std::size_t> lines;
    std::vector<std::string> record;
    std::string field;
    std::size_t line = 1, record_line = 1;
    bool quoted = false, was_quoted = false;
    auto end_field = [&]() -> Status {
        if (field.size() > kMaxField) return malformed(line, "a field is longer than 4,096 bytes");
        record.push_back(was_quoted ? field : std::string(text::squeeze_spaces(field)));
        field.clear();
        was_quoted = false;
        return {};
    };
    auto end_record = [&]() -> Status {
        POURA_RETURN_IF_ERROR(end_field());
        const bool blank = record.size() == 1 && record[0].empty();
        if (!blank) {
            if (records.size() > kMaxRows) return malformed(line, "more than 5,000,000 rows");
            records.push_back(std::move(record));
            lines.push_back(record_line);
        }
        record.clear();
        record_line = line + 1;
        return {};
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    field += '"';
                    ++i;
                } else {
                    quoted = false;
                    if (i + 1 < text.size() && text[i + 1] != ',' && text[i + 1] != '\n' && text[i + 1] != '\r')
                        return malformed(line, "a quoted field goes on after its closing quote");
                }
            } else {
                if (c == '\n') ++line;
                field += c;
            }
            continue;
        }
        if (c == '"') {
            if (!field.empty()) return malformed(line, "a quote inside an unquoted field");
            quoted = was_quoted = true;
        } else if (c == ',') {
            POURA_RETURN_IF_ERROR(end_field());
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            continue;
        } else if (c == '\n') {
            POURA_RETURN_IF_ERROR(end_record());
            ++line;
        } else {
            field += c;
        }
    }
    if (quoted) return malformed(line, "a quoted field is not closed");
    if (!field.empty() || !record.empty()) POURA_RETURN_IF_ERROR(end_record());
    if (records.empty()) return make_error(Errc::malformed_input, "the file is empty: it needs a header row");

    const auto& header = records.front();
    std::set<std::string> seen;
    for (const auto& name : header) {
        if (!seen.insert(name).second) return malformed(1, "the column '" + name + "' appears twice");
        if (std::find(required.begin(), required.end(), name) == required.end() &&
            std::find(optional.begin(), optional.end(), name) == optional.end()) {
            std::string known;
            for (const auto& k : required) known += (known.empty() ? "" : ", ") + k;
            for (const auto& k : optional) known += ", " + k;
            return malformed(1, "unknown column '" + name + "' (the columns are " + known + ")");
        }
    }
    for (const auto& name : required)
        if (!seen.count(name)) return malformed(1, "the column '" + name + "' is missing");
    CsvTable table;
    for (std::size_t r = 1; r < records.size(); ++r) {
        if (records[r].size() != header.size())
            return malformed(lines[r], std::to_string(records[r].size()) + " fields where the header has " +
                                           std::to_string(header.size()));
        std::map<std::string, std::string> row;
        for (std::size_t c = 0; c < header.size(); ++c) row[header[c]] = records[r][c];
        table.rows.push_back(std::move(row));
        table.line_of.push_back(lines[r]);
    }
    return table;
}

Result<Money> parse_amount(std::string_view text) {
    const std::string ascii = text::ascii_digits(text);
    std::string_view s = ascii;
    const auto dot = s.find('.');
    std::string_view whole = s.substr(0, dot);
    if (whole.empty()) return make_error(Errc::invalid_argument, "'" + std::string(text) + "' is not an amount of taka");
    // Groups from the right: three digits, then twos (lakh) or threes (thousands).
    if (whole.find(',') != std::string_view::npos) {
        std::vector<std::string_view> groups;
        std::size_t start = 0;
        for (std::size_t i = 0; i <= whole.size(); ++i)
            if (i == whole.size() || whole[i] == ',') {
                groups.push_back(whole.substr(start, i - start));
                start = i + 1;
            }
        const bool last_three = groups.back().size() == 3;
        bool lakh = true, thousands = true;
        for (std::size_t g = 1; g + 1 < groups.size(); ++g) {
            lakh = lakh && groups[g].size() == 2;
            thousands = thousands && groups[g].size() == 3;
        }
        const std::size_t lead = groups.front().size();
        lakh = lakh && lead >= 1 && lead <= 2;
        thousands = thousands && lead >= 1 && lead <= 3;
        if (!last_three || !(lakh || thousands))
            return make_error(Errc::invalid_argument,
                              "'" + std::string(text) + "' is not an amount: its commas are not where digit groups end");
    }
    std::int64_t poisha = 0;
    int digits = 0;
    for (char c : whole) {
        if (c == ',') continue;
        if (c < '0' || c > '9' || ++digits > 13)
            return make_error(Errc::invalid_argument, "'" + std::string(text) + "' is not an amount of taka");
        poisha = poisha * 10 + (c - '0');
    }
    poisha *= 100;
    if (dot != std::string_view::npos) {
        const auto frac = s.substr(dot + 1);
        if (frac.empty() || frac.size() > 2 || !std::all_of(frac.begin(), frac.end(), [](char c) { return c >= '0' && c <= '9'; }))
            return make_error(Errc::invalid_argument, "'" + std::string(text) + "' is not an amount: at most two decimals");
        poisha += (frac[0] - '0') * 10 + (frac.size() == 2 ? frac[1] - '0' : 0);
    }
    return Money::poisha(poisha);
}

std::string csv_field(std::string_view text) {
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
    std::string out = "\"";
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

}  // namespace poura::revenue::detail
