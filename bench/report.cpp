#include "report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace poura::bench {
namespace {

std::size_t display_width(const std::string& text) {
    // UTF-8 continuation bytes (10xxxxxx) add no width.
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

void print_row(std::ostream& out, const std::vector<std::string>& cells, const std::vector<std::size_t>& widths) {
    for (std::size_t i = 0; i < widths.size(); ++i) {
        const std::string cell = i < cells.size() ? cells[i] : "";
        const std::string padding(widths[i] - display_width(cell), ' ');
        if (i > 0) out << "  ";
        out << (i == 0 ? cell + padding : padding + cell);
    }
    out << '\n';
}

}  // namespace

void Table::print(std::ostream& out) const {
    std::vector<std::size_t> widths(headers_.size(), 0);
    for (std::size_t i = 0; i < headers_.size(); ++i) widths[i] = display_width(headers_[i]);
    for (const auto& row : rows_)
        for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i)
            widths[i] = std::max(widths[i], display_width(row[i]));
    std::size_t total = 0;
    for (std::size_t w : widths) total += w;
    total += 2 * (widths.size() - 1);

    print_row(out, headers_, widths);
    out << std::string(total, '-') << '\n';
    for (const auto& row : rows_) print_row(out, row, widths);
}

std::string fixed(double value, int decimals) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

std::string grouped(double value) {
    const std::string digits = fixed(std::round(value), 0);
    std::string out;
    const std::size_t sign = !digits.empty() && digits[0] == '-' ? 1 : 0;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > sign && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

std::string microseconds(double nanoseconds) {
    const double us = nanoseconds / 1000.0;
    return fixed(us, us < 1 ? 3 : us < 100 ? 2 : 1);
}

std::string per_second(double nanoseconds) { return nanoseconds > 0 ? grouped(1e9 / nanoseconds) : "-"; }

std::string percent(double fraction, int decimals) {
    return (fraction >= 0 ? "+" : "") + fixed(fraction * 100.0, decimals) + " %";
}

std::string iterations(std::size_t rounds, std::size_t per_round) {
    return rounds == 1 ? grouped(static_cast<double>(per_round))
                       : std::to_string(rounds) + " x " + grouped(static_cast<double>(per_round));
}

std::string fraction(std::size_t part, std::size_t whole) {
    return std::to_string(part) + "/" + std::to_string(whole);
}

void section(std::ostream& out, const std::string& title) { out << "\n== " << title << "\n\n"; }

void Checks::expect(bool condition, const std::string& what) {
    ++count_;
    if (!condition) failures_.push_back(what);
}

}  // namespace poura::bench
