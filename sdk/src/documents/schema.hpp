// The parsed form of a profile: its fields, with their kinds and limits.
#pragma once

#include "codec/cbor.hpp"

#include <poura/documents.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace poura::documents {

enum class Kind {
    bangla_name, latin_name, text, identifier, nid, brn, mobile, date, fiscal_year, integer, enumeration,
    object, list
};

struct Field {
    std::string name;
    std::int64_t key = 0;
    Kind kind = Kind::text;
    bool required = false;
    std::string label_bn, label_en;
    std::size_t max_length = 100;          // code points, for text kinds
    bool allow_invisible_controls = false; // text: bidi and zero-width controls (text::first_hidden_control)
    std::int64_t minimum = INT64_MIN;      // integer
    std::int64_t maximum = INT64_MAX;
    std::vector<std::string> values;       // enumeration
    std::vector<Field> fields;             // object, and each element of a list
    std::size_t min_items = 0, max_items = 100;
    std::size_t name_rank = 0;             // its place among its siblings, by name
};

struct ProfileDefinition {
    Profile profile;
    std::int64_t code = 0;  // the document type as the certificate carries it
    std::vector<Field> fields;
    std::vector<std::vector<std::string>> one_of;  // at least one field of each group
};

}  // namespace poura::documents

namespace poura {

struct ProfileSet::Impl {
    std::vector<documents::ProfileDefinition> profiles;

    const documents::ProfileDefinition* find(std::string_view type) const;
    const documents::ProfileDefinition* find(std::int64_t code) const;
};

}  // namespace poura

namespace poura::documents {

// The document claim: a CBOR map {0: type code, field key: value, ...}, from a
// document that ProfileSet::validate() returned.
cbor::Value encode_document(const ProfileSet& profiles, const nlohmann::json& validated);
// Back to JSON ("type" included), validated against the profile, read straight
// from the claim's encoding. `type`, when given, is set to the document type
// as soon as its code is read, so that a caller can name the type of a
// document that is then refused. CBOR that does not read is document_invalid.
Result<nlohmann::json> decode_document(const ProfileSet& profiles, const std::uint8_t* data, std::size_t size,
                                       cbor::Encoding encoding = cbor::Encoding::any, std::string* type = nullptr);

// Reads one profile object; every problem is appended to `problems` with its
// JSON path below `path`.
ProfileDefinition parse_profile(const nlohmann::json& j, const std::string& path, std::vector<std::string>& problems);

// Validates a document's fields (the "type" member excluded) and normalises
// them in place; an explicit null is dropped like a missing field.
Status normalize_fields(const std::vector<Field>& fields, nlohmann::json& document, const std::string& path);

// One member's value checked against its field and normalised in place, as
// normalize_fields() does for each member it finds: `prefix` is the path of
// the object holding it with a trailing dot ("" at the top, "heirs[0]." below).
Status normalize_value(const Field& field, nlohmann::json& value, const std::string& prefix);
// A list field's length against its bounds; `path` names the list.
Status check_list_size(const Field& field, std::size_t size, const std::string& path);

// The whole document against its profile: fields, one-of groups, and the
// canonical "type" member.
Status normalize_document(const ProfileDefinition& def, nlohmann::json& document);
// What normalize_document() checks after the fields: the one-of groups, and
// the "type" member set.
Status finish_document(const ProfileDefinition& def, nlohmann::json& document);
}  // namespace poura::documents
