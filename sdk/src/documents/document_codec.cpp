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

// Reads a document claim straight from its encoding into JSON: no CBOR tree
// is built, and each value is checked against its field and normalised as it
// is read, so no member is looked up again.
class DocumentReader {
public:
    DocumentReader(const std::uint8_t* data, std::size_t size, cbor::Encoding encoding)
        : reader_(data, size, {}, encoding) {}

    Result<nlohmann::json> read(const ProfileSet& profiles, std::string* type) {
        cbor::Item head;
        if (!reader_.next(head, 0)) return cbor_error();
        if (head.type != cbor::Type::map) return malformed("type", "the document carries no type code");
        auto code = type_code(head.n);
        POURA_RETURN_IF_ERROR(code);
        const ProfileDefinition* def = detail::ImplAccess::of(profiles).find(*code);
        if (def == nullptr)
            return make_error(Errc::unknown_document_type, "unknown document type code " + std::to_string(*code));
        if (type != nullptr) *type = def->profile.type;
        auto document = object(def->fields, head.n, 1, "");
        POURA_RETURN_IF_ERROR(document);
        if (!reader_.at_end())
            return make_error(Errc::document_invalid, "cbor: " + std::to_string(reader_.remaining()) +
                                                          " bytes of trailing data");
        // Whatever was signed must still satisfy the profile as it stands now.
        auto finished = finish_document(*def, *document);
        POURA_RETURN_IF_ERROR(finished);
        return document;
    }

private:
    Error cbor_error() const { return make_error(Errc::document_invalid, reader_.error().message); }

    // The value of key 0, which Poura writes first; a copy of the reader looks
    // for it, and reads the whole map only when it is not first.
    Result<std::int64_t> type_code(std::uint64_t entries) const {
        cbor::Reader scan = reader_;
        for (std::uint64_t i = 0; i < entries; ++i) {
            cbor::Reader at_key = scan;
            cbor::Item key;
            if (!at_key.next(key, 1) || !scan.skip(1)) break;
            if (key.as_int() == 0) {
                cbor::Item value;
                if (!scan.next(value, 1) || !value.as_int()) break;
                return *value.as_int();
            }
            if (!scan.skip(1)) break;
        }
        return malformed("type", "the document carries no type code");
    }

    // The entries of a map whose head was read, as the members of an object
    // with these fields; entries sit at `depth`, and `path` names the object
    // ("" for the document itself, whose type code is skipped).
    Result<nlohmann::json> object(const std::vector<Field>& fields, std::uint64_t entries, std::size_t depth,
                                  const std::string& path) {
        const std::string prefix = path.empty() ? path : path + ".";
        nlohmann::json out = nlohmann::json::object();
        auto& members = out.get_ref<nlohmann::json::object_t&>();
        std::size_t required_seen = 0;
        for (std::uint64_t i = 0; i < entries; ++i) {
            cbor::Item key;
            if (!reader_.next(key, depth)) return cbor_error();
            const auto k = key.as_int();
            if (path.empty() && k == 0) {  // the document type, read first
                if (!reader_.skip(depth)) return cbor_error();
                continue;
            }
            const auto field = std::find_if(fields.begin(), fields.end(), [&](const Field& f) { return k == f.key; });
            if (field == fields.end()) return malformed(path.empty() ? "(document)" : path, "has an unknown key");
            // Where the value sits, spelled out only for an error or a nested value.
            const auto at = [&, name = &field->name] { return prefix + *name; };
            if (field->required) ++required_seen;
            cbor::Item value;
            if (!reader_.next(value, depth)) return cbor_error();
            // The value as the field's member; null for a key read twice, which
            // the CBOR checks before this one already refuse.
            const auto place = [&](nlohmann::json member) -> nlohmann::json* {
                auto [it, inserted] = members.emplace(field->name, std::move(member));
                return inserted ? &it->second : nullptr;
            };
            nlohmann::json* slot = nullptr;
            switch (field->kind) {
                case Kind::integer:
                    if (!value.as_int()) return malformed(at(), "is not an integer");
                    slot = place(*value.as_int());
                    break;
                case Kind::object: {
                    if (value.type != cbor::Type::map) return malformed(at(), "is not a map");
                    auto inner = object(field->fields, value.n, depth + 1, at());
                    if (!inner) return inner;
                    slot = place(std::move(inner).value());
                    break;
                }
                case Kind::list: {
                    if (value.type != cbor::Type::array) return malformed(at(), "is not a list");
                    if (auto size = check_list_size(*field, static_cast<std::size_t>(value.n), at()); !size)
                        return size.error();
                    nlohmann::json items = nlohmann::json::array();
                    for (std::uint64_t j = 0; j < value.n; ++j) {
                        const std::string item_path = at() + "[" + std::to_string(j) + "]";
                        cbor::Item element;
                        if (!reader_.next(element, depth + 1)) return cbor_error();
                        if (element.type != cbor::Type::map) return malformed(item_path, "is not a map");
                        auto item = object(field->fields, element.n, depth + 2, item_path);
                        if (!item) return item;
                        items.push_back(std::move(item).value());
                    }
                    slot = place(std::move(items));
                    break;
                }
                default:
                    if (value.type == cbor::Type::text) {
                        slot = place(std::string(value.text()));
                    } else if (value.type == cbor::Type::bytes) {
                        auto text = scsu::decode(value.data, static_cast<std::size_t>(value.n));
                        if (!text) return malformed(at(), text.error().message);
                        slot = place(std::move(text).value());
                    } else {
                        return malformed(at(), "is not text");
                    }
            }
            if (slot == nullptr) return malformed(at(), "appears twice");
            // Objects and lists were checked member by member as they were read.
            if (field->kind != Kind::object && field->kind != Kind::list)
                if (auto checked = normalize_value(*field, *slot, prefix); !checked) return checked.error();
        }
        const auto required = static_cast<std::size_t>(
            std::count_if(fields.begin(), fields.end(), [](const Field& f) { return f.required; }));
        if (required_seen < required)
            for (const auto& field : fields)
                if (field.required && members.count(field.name) == 0) return malformed(prefix + field.name, "is required");
        return out;
    }

    cbor::Reader reader_;
};

}  // namespace

Status normalize_document(const ProfileDefinition& def, nlohmann::json& document) {
    if (auto ok = normalize_fields(def.fields, document, ""); !ok) return ok;
    return finish_document(def, document);
}

Status finish_document(const ProfileDefinition& def, nlohmann::json& document) {
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

Result<nlohmann::json> decode_document(const ProfileSet& profiles, const std::uint8_t* data, std::size_t size,
                                       cbor::Encoding encoding, std::string* type) {
    return DocumentReader(data, size, encoding).read(profiles, type);
}

}  // namespace poura::documents
