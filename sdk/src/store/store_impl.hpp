// The store's connection, shared by the classes of this folder that speak SQL
// for different parts of the office.
#pragma once

#include <poura/json.hpp>

#include "store/sqlite.hpp"
#include "store/store.hpp"

namespace poura::store {

// The JSON the store wrote itself; null if it was damaged since.
inline nlohmann::json stored_json(const std::string& text) {
    auto j = poura::parse_json(text);
    return j ? std::move(j).value() : nlohmann::json();
}

struct Store::Impl {
    sqlite3* db = nullptr;
    StatementCache statements;
    // close_v2 leaves the connection open until the cache, destroyed after
    // this body, has finalized the last statement.
    ~Impl() { sqlite3_close_v2(db); }
};

}  // namespace poura::store
