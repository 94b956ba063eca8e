#include "codec/cbor_json.hpp"

#include <poura/hex.hpp>

#include <string>

namespace poura::cbor {
namespace {

constexpr int kMaxDepth = 16;

nlohmann::json to_json(const Value& v, int depth) {
    if (depth > kMaxDepth) return nullptr;
    switch (v.type()) {
        case Type::integer:
            if (auto i = v.as_int()) return *i;
            return v.raw_negative() ? nlohmann::json(-1.0 - static_cast<double>(v.raw_magnitude()))
                                    : nlohmann::json(v.raw_magnitude());
        case Type::bytes: return to_hex(v.as_bytes());
        case Type::text: return v.as_text();
        case Type::array: {
            nlohmann::json out = nlohmann::json::array();
            for (const auto& item : v.as_array()) out.push_back(to_json(item, depth + 1));
            return out;
        }
        case Type::map: {
            nlohmann::json out = nlohmann::json::object();
            for (const auto& [key, value] : v.as_map()) {
                std::string name = key.is(Type::text) ? key.as_text()
                                   : key.as_int()     ? std::to_string(*key.as_int())
                                                      : to_json(key, depth + 1).dump();
                out[name] = to_json(value, depth + 1);
            }
            return out;
        }
        case Type::tag: return to_json(v.tagged_value(), depth + 1);
        case Type::boolean: return v.as_bool();
        case Type::floating: return v.as_double();
        case Type::null:
        case Type::undefined: return nullptr;
    }
    return nullptr;
}

}  // namespace

nlohmann::json to_generic_json(const Value& v) { return to_json(v, 0); }

}  // namespace poura::cbor
