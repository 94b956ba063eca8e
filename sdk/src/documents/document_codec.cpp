#include "documents/schema.hpp"

#include "codec/scsu.hpp"
#include "core/impl_access.hpp"
#include "core/try.hpp"

#include <algorithm>

namespace poura::documents {
namespace {

// Text goes as a byte string of SCSU when that is shorter than UTF-8: Bangla
// then takes one byte a character instead of three.
cbor::Value compact_text(const std::string& utf8) {
    Bytes compact = scsu::encode(utf8);
    if (compact.size() < utf8.size()) return cbor::Value(std::move(compact));
    return cbor::Value(utf8);
}

// The fields' entries appended to `map` (the document type's entry, at the top).
cbor::Value to_cbor(const std::vector<Field>& fields, const nlohmann::json& j, cbor::Map map = {}) {
    for (const auto& field : fields) {
        auto it = j.find(field.name);
        if (it == j.end()) continue;
        switch (field.kind) {
            case Kind::integer: map.emplace_back(field.key, it->get<std::int64_t>()); break;
            case Kind::object: map.emplace_back(field.key, to_cbor(field.fields, *it)); break;
            case Kind::list: {
                cbor::Array items;
                for (const auto& item : *it) items.push_back(to_cbor(field.fields, item));
                map.emplace_back(field.key, std::move(items));
                break;
            }
            default: map.emplace_back(field.key, compact_text(it->get_ref<const std::string&>()));
        }
    }
    return cbor::Value(std::move(map));
}

Error malformed(const std::string& path, const std::string& why) {
    return make_error(Errc::document_invalid, "field '" + path + "': " + why);
}

Result<nlohmann::json> from_cbor(const std::vector<Field>& fields, const cbor::Value& map, const std::string& path) {
    if (!map.is(cbor::Type::map)) return malformed(path, "is not a map");
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [key, value] : map.as_map()) {
        const auto k = key.as_int();
        if (path.empty() && k == 0) continue;  // the document type, read by the caller
        const auto field = std::find_if(fields.begin(), fields.end(), [&](const Field& f) { return k == f.key; });
        if (field == fields.end()) return malformed(path.empty() ? "(document)" : path, "has an unknown key");
        const std::string at = path.empty() ? field->name : path + "." + field->name;
        switch (field->kind) {
            case Kind::integer:
                if (!value.as_int()) return malformed(at, "is not an integer");
                out[field->name] = *value.as_int();
                break;
            case Kind::object: {
                auto inner = from_cbor(field->fields, value, at);
                if (!inner) return inner;
                out[field->name] = std::move(inner).value();
                break;
            }
            case Kind::list: {
                if (!value.is(cbor::Type::array)) return malformed(at, "is not a list");
                nlohmann::json items = nlohmann::json::array();
                const auto& elements = value.as_array();
                for (std::size_t i = 0; i < elements.size(); ++i) {
                    auto item = from_cbor(field->fields, elements[i], at + "[" + std::to_string(i) + "]");
                    if (!item) return item;
                    items.push_back(std::move(item).value());
                }
                out[field->name] = std::move(items);
                break;
            }
            default:
                if (value.is(cbor::Type::text)) {
                    out[field->name] = value.as_text();
                } else if (value.is(cbor::Type::bytes)) {
                    auto text = scsu::decode(value.as_bytes());
                    if (!text) return malformed(at, text.error().message);
                    out[field->name] = std::move(text).value();
                } else {
                    return malformed(at, "is not text");
                }
        }
    }
    return out;
}

}  // namespace

Status normalize_document(const ProfileDefinition& def, nlohmann::json& document) {
    if (auto ok = normalize_fields(def.fields, document, ""); !ok) return ok;
    for (const auto& group : def.one_of) {
        const bool present = std::any_of(group.begin(), group.end(), [&](const auto& n) { return document.contains(n); });
        if (!present) {
            std::string names;
            for (const auto& n : group) names += (names.empty() ? "" : " or ") + n;
            return make_error(Errc::document_invalid, "field '" + names + "': one of them is required");
        }
    }
    document["type"] = def.profile.type;
    return {};
}

cbor::Value encode_document(const ProfileSet& profiles, const nlohmann::json& validated) {
    const ProfileDefinition* def = detail::ImplAccess::of(profiles).find(validated.at("type").get_ref<const std::string&>());
    cbor::Map map;
    map.emplace_back(0, def->code);
    return to_cbor(def->fields, validated, std::move(map));
}

Result<nlohmann::json> decode_document(const ProfileSet& profiles, const cbor::Value& claim) {
    const cbor::Value* code = claim.find(0);
    if (code == nullptr || !code->as_int()) return malformed("type", "the document carries no type code");
    const ProfileDefinition* def = detail::ImplAccess::of(profiles).find(*code->as_int());
    if (def == nullptr)
        return make_error(Errc::unknown_document_type, "unknown document type code " + std::to_string(*code->as_int()));
    auto fields = from_cbor(def->fields, claim, "");
    POURA_RETURN_IF_ERROR(fields);
    // Whatever was signed must still satisfy the profile as it stands now.
    auto normalized = normalize_document(*def, *fields);
    POURA_RETURN_IF_ERROR(normalized);
    return fields;
}

}  // namespace poura::documents
