// What a revenue officer asks of the records: the ledger's balance, and
// collection, demand and defaulters reports as rows (JSON), CSV or a bar
// chart (SVG).
#include "revenue/csv.hpp"
#include "revenue/internal.hpp"

#include "core/text.hpp"
#include "core/try.hpp"

#include <algorithm>
#include <cstdio>

namespace poura::revenue {

using detail::bad;

Revenue::Revenue(Office& office) : office_(&office) {}

Result<LedgerCheck> Revenue::check_ledger() const {
    workflow::OfficeParts office(*office_);
    return store::RevenueStore(office.store()).check_ledger();
}

Result<nlohmann::json> Revenue::report(std::string_view name, const Scope& scope) const {
    workflow::OfficeParts office(*office_);
    if (!scope.service.empty() && !detail::known_service(scope.service))
        return bad("service", "'" + scope.service + "' is not holding_tax, water or trade_licence");
    if (scope.ward < 0 || scope.ward > office.municipality().wards)
        return bad("ward", "must be 0 (every ward) to " + std::to_string(office.municipality().wards));
    Scope s = scope;
    if (!s.period.empty()) {
        auto year = detail::fiscal_year("period", s.period);
        if (!year && !(name == "demand" && detail::month("period", s.period))) return std::move(year).error();
        if (year) s.period = dates::format_fiscal_year(*year);
    }
    store::RevenueStore records(office.store());
    if (name == "collection") return records.collection_report(s);
    if (name == "demand") return records.demand_report(s);
    if (name == "defaulters") return records.defaulters_report(s, detail::today(office.now()));
    return bad("report", "'" + std::string(name) + "' is not collection, demand or defaulters");
}

std::string report_csv(const nlohmann::json& rows) {
    std::string out;
    if (!rows.is_array() || rows.empty() || !rows[0].is_object()) return out;
    std::vector<std::string> columns;
    for (const auto& [key, value] : rows[0].items()) columns.push_back(key);
    for (std::size_t i = 0; i < columns.size(); ++i) out += (i ? "," : "") + detail::csv_field(columns[i]);
    out += "\r\n";
    for (const auto& row : rows) {
        for (std::size_t i = 0; i < columns.size(); ++i) {
            const auto it = row.find(columns[i]);
            std::string cell;
            if (it != row.end() && !it->is_null()) cell = it->is_string() ? it->get<std::string>() : it->dump();
            out += (i ? "," : "") + detail::csv_field(cell);
        }
        out += "\r\n";
    }
    return out;
}

namespace {

std::string xml_escape(std::string_view s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string cell_text(const nlohmann::json& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_null()) return "";
    return v.dump();
}

}  // namespace

Result<std::string> report_svg(const nlohmann::json& rows, std::string_view label_column, std::string_view value_column,
                               std::string_view title) {
    if (!rows.is_array()) return bad("rows", "must be a list of report rows");
    if (rows.size() > 500) return bad("rows", "a chart shows at most 500 bars: narrow the report");
    if (!text::is_valid_utf8(title) || title.size() > 200) return bad("title", "must be text of at most 200 bytes");
    // Bars summed by label, in the order labels first appear.
    std::vector<std::pair<std::string, std::int64_t>> bars;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& row = rows[i];
        const auto label = row.is_object() ? row.find(std::string(label_column)) : row.end();
        const auto value = row.is_object() ? row.find(std::string(value_column)) : row.end();
        if (!row.is_object() || label == row.end() || value == row.end() || !value->is_number_integer())
            return bad("rows[" + std::to_string(i) + "]", "needs '" + std::string(label_column) + "' and a whole number '" +
                                                              std::string(value_column) + "'");
        const std::string name = cell_text(*label);
        auto it = std::find_if(bars.begin(), bars.end(), [&](const auto& b) { return b.first == name; });
        if (it == bars.end()) bars.emplace_back(name, value->get<std::int64_t>());
        else it->second += value->get<std::int64_t>();
    }
    std::int64_t top = 1;
    for (const auto& b : bars) top = std::max(top, b.second);
    const bool poisha = value_column.size() > 7 && value_column.substr(value_column.size() - 7) == "_poisha";
    const int bar = 28, gap = 10, left = 150, chart = 480, head = 48;
    const int height = head + static_cast<int>(bars.size()) * (bar + gap) + 20;
    std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(left + chart + 170) +
                      "\" height=\"" + std::to_string(height) + "\" role=\"img\" aria-label=\"" + xml_escape(title) +
                      "\" font-family=\"Noto Sans Bengali, Noto Sans, sans-serif\" font-size=\"14\">\n";
    svg += "<title>" + xml_escape(title) + "</title>\n";
    svg += "<text x=\"10\" y=\"28\" font-size=\"18\" font-weight=\"bold\">" + xml_escape(title) + "</text>\n";
    int y = head;
    for (const auto& [label, value] : bars) {
        const int width = value <= 0 ? 0 : static_cast<int>(static_cast<double>(value) / static_cast<double>(top) * chart);
        const std::string shown =
            poisha ? format_taka(Money::poisha(value), Language::en) : std::to_string(value);
        svg += "<g><text x=\"" + std::to_string(left - 8) + "\" y=\"" + std::to_string(y + bar / 2 + 5) +
               "\" text-anchor=\"end\">" + xml_escape(label) + "</text>";
        svg += "<rect x=\"" + std::to_string(left) + "\" y=\"" + std::to_string(y) + "\" width=\"" +
               std::to_string(width) + "\" height=\"" + std::to_string(bar) + "\" fill=\"#1f6f50\"/>";
        svg += "<text x=\"" + std::to_string(left + width + 6) + "\" y=\"" + std::to_string(y + bar / 2 + 5) + "\">" +
               xml_escape(shown) + "</text></g>\n";
        y += bar + gap;
    }
    svg += "</svg>\n";
    return svg;
}

}  // namespace poura::revenue
