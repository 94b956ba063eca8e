// The office handle and what its functions share: JSON text in, checked as
// the core's *_from_json reads it, and JSON text out in a new buffer. The
// office's own functions (office.cpp) and the revenue section's
// (revenue.cpp) both work on this handle.
#pragma once

#include "objects.hpp"

#include <poura/office.hpp>

#include <nlohmann/json.hpp>

#include <string>

POURA_C_HANDLE(poura_office, "POFF", poura::Office);

namespace poura::capi {

// JSON text; MALFORMED_INPUT when it is not JSON.
inline nlohmann::json parse(const char* value, const char* name) { return parse_json_text(text(value, name), name); }

// JSON text that may be NULL, for null.
inline nlohmann::json parse_optional(const char* value, const char* name) {
    return value == nullptr ? nlohmann::json() : parse(value, name);
}

// A record read by a *_from_json: its error names the argument it came in.
template <typename T>
T take_json(poura::Result<T> result, const char* name) {
    if (!result) fail(static_cast<int>(result.error().code), std::string(name) + ": " + result.error().message);
    return std::move(result).value();
}

inline void give_json(poura_buffer** out, const nlohmann::json& j) { give(out, j.dump()); }

// Records as a JSON list, each by the core's to_json.
template <typename T>
nlohmann::json json_list(const std::vector<T>& records) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& record : records) list.push_back(to_json(record));
    return list;
}

inline int limit_arg(int limit) {
    if (limit < 1 || limit > 10000) fail(POURA_ERROR_INVALID_ARGUMENT, "limit must be from 1 to 10000");
    return limit;
}

}  // namespace poura::capi
