// Any CBOR item as JSON, for documents without a Poura profile (HC1).
#pragma once

#include "codec/cbor.hpp"

#include <nlohmann/json.hpp>

namespace poura::cbor {

// Integer keys become strings, byte strings lowercase hex, tags their content;
// nesting deeper than 16 levels becomes null.
nlohmann::json to_generic_json(const Value& v);

}  // namespace poura::cbor
