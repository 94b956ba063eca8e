// Plain-text output: aligned tables, number formatting, and the record of
// self-checks that decides the exit code.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

namespace poura::bench {

// Columns sized to their widest cell (counted in code points, so "µs" lines
// up); the first column is left-aligned, the others right-aligned.
class Table {
public:
    explicit Table(std::vector<std::string> headers) : headers_(std::move(headers)) {}
    void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
    void print(std::ostream& out) const;

private:
    std::vector<std::string> headers_;
    std::vector<std::vector<std::string>> rows_;
};

std::string fixed(double value, int decimals);
// 12345678 -> "12,345,678".
std::string grouped(double value);
std::string microseconds(double nanoseconds);
std::string per_second(double nanoseconds);
std::string percent(double fraction, int decimals = 1);  // 0.052 -> "+5.2 %"
std::string iterations(std::size_t rounds, std::size_t per_round);
std::string fraction(std::size_t part, std::size_t whole);  // "287/301"

void section(std::ostream& out, const std::string& title);

// Expectations on verdicts and results. A benchmark that measures a pipeline
// which fails would measure the wrong thing, so any failure fails the run.
class Checks {
public:
    void expect(bool condition, const std::string& what);
    std::size_t count() const { return count_; }
    const std::vector<std::string>& failures() const { return failures_; }

private:
    std::size_t count_ = 0;
    std::vector<std::string> failures_;
};

}  // namespace poura::bench
