// The store's connection, shared by the classes of this folder that speak SQL
// for different parts of the office.
#pragma once

#include "store/sqlite.hpp"
#include "store/store.hpp"

#include <nlohmann/json.hpp>

namespace poura::store {

// The JSON the store wrote itself, with nlohmann's dump(); null if it was
// damaged since. Read back with nlohmann's own parser, the exact inverse of
// dump(): values that reached the store through the C++ or Python API never
// passed poura::parse_json, whose limits (numbers from 1e-10 to 1e45, for
// one) are for text from outside, and must come back whatever they are.
inline nlohmann::json stored_json(const std::string& text) {
    auto j = nlohmann::json::parse(text, nullptr, false);
    return j.is_discarded() ? nlohmann::json() : j;
}

struct Store::Impl {
    sqlite3* db = nullptr;
    StatementCache statements;
    // close_v2 leaves the connection open until the cache, destroyed after
    // this body, has finalized the last statement.
    ~Impl() { sqlite3_close_v2(db); }
};

}  // namespace poura::store
