// A demand's bill as it is stored: every line with its rule and labels, in
// compact JSON written without a value tree (a bill run writes one per
// holding, and nlohmann's tree cost more than the rest of the run). The
// explanations, amounts in words and formatted figures are derived from the
// rules, so they are made when a bill is read, not stored.
#pragma once

#include <poura/fees.hpp>

#include <nlohmann/json.hpp>

#include <string>

namespace poura::revenue::detail {

// `extra`: members kept beside the bill (a licence's term), or null.
std::string store_bill(const fees::Bill& bill, const nlohmann::json& extra);
// The stored form back to the bill's full JSON (fees::Bill::to_json), with
// the extra members; a form it does not know is returned as it is.
nlohmann::json expand_bill(const nlohmann::json& stored);

}  // namespace poura::revenue::detail
