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
        if (!reader_.at_end()) return make_error(Errc::document_invalid, reader_.trailing_data().message);
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

    // A member read and checked, waiting for its place in the object.
    struct Member {
        const Field* field = nullptr;
        nlohmann::json value;
    };

    // The entries of a map whose head was read, as the members of an object
    // with these fields; entries sit at `depth`, and `path` names the object
    // ("" for the document itself, whose type code is skipped).
    Result<nlohmann::json> object(const std::vector<Field>& fields, std::uint64_t entries, std::size_t depth,
                                  const std::string& path) {
        // Members wait by their field's rank in name order, and go into the
        // object in that order at the end: each lands last, found without a search.
        std::vector<Member> members(fields.size());

        const std::string prefix = path.empty() ? path : path + ".";
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
            Member& member = members[field->name_rank];
            if (member.field != nullptr) return malformed(at(), "appears twice");  // the CBOR checks refuse it first
            member.field = &*field;
            cbor::Item value;
            if (!reader_.next(value, depth)) return cbor_error();
            switch (field->kind) {
                case Kind::integer:
                    if (!value.as_int()) return malformed(at(), "is not an integer");
                    member.value = *value.as_int();
                    break;
                case Kind::object: {
                    if (value.type != cbor::Type::map) return malformed(at(), "is not a map");
                    auto inner = object(field->fields, value.n, depth + 1, at());
                    if (!inner) return inner;
                    member.value = std::move(inner).value();
                    break;
                }
                case Kind::list: {
                    if (value.type != cbor::Type::array) return malformed(at(), "is not a list");
                    if (auto size = check_list_size(*field, static_cast<std::size_t>(value.n), at()); !size)
                        return size.error();
                    member.value = nlohmann::json::array();
                    for (std::uint64_t j = 0; j < value.n; ++j) {
                        const std::string item_path = at() + "[" + std::to_string(j) + "]";
                        cbor::Item element;
                        if (!reader_.next(element, depth + 1)) return cbor_error();
                        if (element.type != cbor::Type::map) return malformed(item_path, "is not a map");
                        auto item = object(field->fields, element.n, depth + 2, item_path);
                        if (!item) return item;
                        member.value.push_back(std::move(item).value());
                    }
                    break;
                }
                default:
                    if (value.type == cbor::Type::text) {
                        member.value = std::string(value.text());
                    } else if (value.type == cbor::Type::bytes) {
                        auto text = scsu::decode(value.data, static_cast<std::size_t>(value.n));
                        if (!text) return malformed(at(), text.error().message);
                        member.value = std::move(text).value();
                    } else {
                        return malformed(at(), "is not text");
                    }
            }
            // Objects and lists were checked member by member as they were read.
            if (field->kind != Kind::object && field->kind != Kind::list)
                if (auto checked = normalize_value(*field, member.value, prefix); !checked) return checked.error();
        }
        for (const auto& field : fields)
            if (field.required && members[field.name_rank].field == nullptr)
                return malformed(prefix + field.name, "is required");
        nlohmann::json out = nlohmann::json::object();
        auto& object = out.get_ref<nlohmann::json::object_t&>();
        for (std::size_t rank = 0; rank < fields.size(); ++rank)
            if (Member& m = members[rank]; m.field != nullptr)
                object.emplace_hint(object.end(), m.field->name, std::move(m.value));
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
