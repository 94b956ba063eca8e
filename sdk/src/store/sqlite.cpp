#include "store/sqlite.hpp"

#include "core/try.hpp"

#include <cstring>

namespace poura::store {

Error sqlite_error(sqlite3* db, std::string_view what) {
    std::string message(what);
    if (db != nullptr) {
        message += ": ";
        message += sqlite3_errmsg(db);
        const int code = sqlite3_extended_errcode(db);
        if (code == SQLITE_FULL) message += " (the disk is full)";
        // The operating system's reason, e.g. "No space left on device".
        const int os = sqlite3_system_errno(db);
        if ((code & 0xff) == SQLITE_IOERR || (code & 0xff) == SQLITE_CANTOPEN) {
            if (os != 0) message += std::string(" (") + std::strerror(os) + ")";
            // A short write leaves no errno: the file could not grow.
            else if (code == SQLITE_IOERR_WRITE) message += " (the file could not grow: is the disk full?)";
        }
        if ((code & 0xff) == SQLITE_BUSY) message += " (another process holds the database)";
    }
    return make_error(Errc::storage, message);
}

StatementCache::~StatementCache() {
    for (auto& [sql, stmt] : kept_) sqlite3_finalize(stmt);
}

sqlite3_stmt* StatementCache::take(const std::string& sql) {
    auto it = kept_.find(sql);
    if (it == kept_.end()) return nullptr;
    sqlite3_stmt* stmt = it->second;
    kept_.erase(it);
    return stmt;
}

void StatementCache::give_back(const std::string& sql, sqlite3_stmt* stmt) {
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    // The same text in use twice at once: the second copy is not kept.
    if (!kept_.emplace(sql, stmt).second) sqlite3_finalize(stmt);
}

Statement::Statement(sqlite3* db, const char* sql) : db_(db) { prepare(sql); }

Statement::Statement(sqlite3* db, StatementCache& cache, std::string sql)
    : db_(db), cache_(&cache), sql_(std::move(sql)) {
    stmt_ = cache.take(sql_);
    if (!stmt_) prepare(sql_.c_str());
}

void Statement::prepare(const char* sql) {
    if (sqlite3_prepare_v2(db_, sql, -1, &stmt_, nullptr) != SQLITE_OK) {
        error_ = sqlite_error(db_, "cannot prepare a statement");
        sqlite3_finalize(stmt_);
        stmt_ = nullptr;
    }
}

Statement::~Statement() {
    if (cache_ && stmt_) cache_->give_back(sql_, stmt_);
    else sqlite3_finalize(stmt_);
}

Statement& Statement::bind(int i, std::int64_t v) {
    if (stmt_ && sqlite3_bind_int64(stmt_, i, v) != SQLITE_OK) bind_failed_ = true;
    return *this;
}

Statement& Statement::bind(int i, std::string_view v) {
    // An empty view may have no data pointer, which SQLite would store as NULL.
    const char* data = v.data() ? v.data() : "";
    if (stmt_ && sqlite3_bind_text64(stmt_, i, data, v.size(), SQLITE_TRANSIENT, SQLITE_UTF8) != SQLITE_OK)
        bind_failed_ = true;
    return *this;
}

Statement& Statement::bind(int i, const Bytes& v) {
    if (stmt_ && sqlite3_bind_blob64(stmt_, i, v.data(), v.size(), SQLITE_TRANSIENT) != SQLITE_OK)
        bind_failed_ = true;
    return *this;
}

Statement& Statement::bind_null(int i) {
    if (stmt_ && sqlite3_bind_null(stmt_, i) != SQLITE_OK) bind_failed_ = true;
    return *this;
}

Result<bool> Statement::step() {
    if (!stmt_) return error_;
    if (bind_failed_) return sqlite_error(db_, "cannot bind a value");
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return sqlite_error(db_, "cannot run a statement");
}

Status Statement::run() {
    for (;;) {
        auto row = step();
        POURA_RETURN_IF_ERROR(row);
        if (!*row) return {};
    }
}

std::int64_t Statement::integer(int col) const { return sqlite3_column_int64(stmt_, col); }

std::string Statement::text(int col) const {
    const auto* p = sqlite3_column_text(stmt_, col);
    return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col)))
             : std::string();
}

Bytes Statement::blob(int col) const {
    const auto* p = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt_, col));
    return p ? Bytes(p, p + sqlite3_column_bytes(stmt_, col)) : Bytes();
}

bool Statement::is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
bool Statement::is_integer(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_INTEGER; }
int Statement::columns() const { return stmt_ ? sqlite3_column_count(stmt_) : 0; }
std::string Statement::column_name(int col) const {
    const char* name = sqlite3_column_name(stmt_, col);
    return name ? name : "";
}

Status exec(sqlite3* db, const char* sql) {
    if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) return sqlite_error(db, "cannot run SQL");
    return {};
}

void rollback(sqlite3* db) { sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr); }

}  // namespace poura::store
