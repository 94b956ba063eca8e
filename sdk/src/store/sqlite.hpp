// A thin layer over SQLite's C API: a connection and prepared statements whose
// failures come back as Errc::storage errors carrying SQLite's message.
#pragma once

#include <poura/result.hpp>

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace poura::store {

Error sqlite_error(sqlite3* db, std::string_view what);

// Prepared statements kept for reuse, by their SQL text: preparing costs
// more than running most of the office's statements.
class StatementCache {
public:
    StatementCache() = default;
    StatementCache(const StatementCache&) = delete;
    StatementCache& operator=(const StatementCache&) = delete;
    ~StatementCache();
    // A prepared statement for the text, ready to bind (nullptr: none kept).
    sqlite3_stmt* take(const std::string& sql);
    // Hands a statement back, reset and with its bindings cleared.
    void give_back(const std::string& sql, sqlite3_stmt* stmt);

private:
    std::unordered_map<std::string, sqlite3_stmt*> kept_;
};

class Statement {
public:
    Statement(sqlite3* db, const char* sql);
    // Takes the statement from the cache, and gives it back when done.
    Statement(sqlite3* db, StatementCache& cache, std::string sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    // Whether preparing failed, and why.
    bool failed() const { return stmt_ == nullptr; }
    const Error& error() const { return error_; }

    // Binds by position, from 1.
    Statement& bind(int i, std::int64_t v);
    Statement& bind(int i, int v) { return bind(i, static_cast<std::int64_t>(v)); }
    Statement& bind(int i, bool v) { return bind(i, static_cast<std::int64_t>(v ? 1 : 0)); }
    Statement& bind(int i, std::string_view v);
    Statement& bind(int i, const std::string& v) { return bind(i, std::string_view(v)); }
    Statement& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
    Statement& bind(int i, const Bytes& v);
    Statement& bind_null(int i);
    Statement& bind(int i, const std::optional<std::int64_t>& v) { return v ? bind(i, *v) : bind_null(i); }

    // A row: true; done: false; failure: the error.
    Result<bool> step();
    // Runs to completion (a statement that returns no rows).
    Status run();

    std::int64_t integer(int col) const;
    std::string text(int col) const;
    Bytes blob(int col) const;
    bool is_null(int col) const;
    bool is_integer(int col) const;
    int columns() const;
    std::string column_name(int col) const;

private:
    void prepare(const char* sql);

    sqlite3* db_;
    StatementCache* cache_ = nullptr;
    std::string sql_;
    sqlite3_stmt* stmt_ = nullptr;
    Error error_;
    bool bind_failed_ = false;
};

// Rows of a statement, each read by `read`.
template <typename T, typename Read>
Result<std::vector<T>> rows(Statement& s, Read read) {
    std::vector<T> out;
    for (;;) {
        auto row = s.step();
        if (!row) return std::move(row).error();
        if (!*row) return out;
        out.push_back(read(s));
    }
}

// The first row, if there is one.
template <typename T, typename Read>
Result<std::optional<T>> one(Statement& s, Read read) {
    auto row = s.step();
    if (!row) return std::move(row).error();
    if (!*row) return std::optional<T>();
    return std::optional<T>(read(s));
}

// Runs SQL text of one or more statements that return no rows.
Status exec(sqlite3* db, const char* sql);
// Ends the open transaction without its changes. Its own failure leaves
// nothing to do: SQLite discards an unfinished transaction anyway.
void rollback(sqlite3* db);

}  // namespace poura::store
