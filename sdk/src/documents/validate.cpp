#include "documents/schema.hpp"

#include "core/dates.hpp"
#include "core/ids.hpp"
#include "core/text.hpp"

#include <algorithm>

namespace poura::documents {
namespace {

// Where a value sits ("heirs[0].relation"); spelled out only when an error
// names it, so that checking a valid document builds no path strings.
struct Where {
    const std::string& prefix;
    std::string_view name;

    std::string str() const { return prefix + std::string(name); }
};

Error invalid(const std::string& path, const std::string& why) {
    return make_error(Errc::document_invalid, "field '" + path + "': " + why);
}
Error invalid(const Where& where, const std::string& why) { return invalid(where.str(), why); }

// Letters and digits of either script, and the separators holding and licence
// numbers use ("02-022-0047-00", "0009-6খ", "TL/2025/123"); no markup.
bool is_identifier(std::string_view s, const text::Facts& facts) {
    if (!facts.printable) return false;
    for (unsigned char c : s)
        if (c == ' ' || c == '<' || c == '>' || c == '"' || c == '`') return false;
    return true;
}

// Replaces `value` only when normalising changed it: a document that is
// already normal (every document Poura signed) is checked without copying.
void assign_if_changed(nlohmann::json& value, std::string normal) {
    if (value.get_ref<const std::string&>() != normal) value = std::move(normal);
}

Status check_text(const Field& field, nlohmann::json& value, const Where& path) {
    if (!value.is_string()) return invalid(path, "must be a string");
    // One pass learns what the checks below ask; normal text (every document
    // Poura signed) needs no second.
    text::Facts facts = text::inspect(value.get_ref<const std::string&>());
    if (!facts.normalized) {
        if (!facts.valid_utf8) return invalid(path, "is not valid UTF-8");
        value = text::squeeze_spaces(text::nfc(value.get_ref<const std::string&>()));
        facts = text::inspect(value.get_ref<const std::string&>());
    }
    const std::string& s = value.get_ref<const std::string&>();
    if (s.empty()) return invalid(path, "is empty");
    // Checked before the kind's own rule, so the message names the character.
    if (!field.allow_invisible_controls && facts.hidden_control != 0)
        return invalid(path, "contains the invisible control character " + text::code_point_name(facts.hidden_control) +
                                 ", which can disguise the text around it");

    switch (field.kind) {
        case Kind::bangla_name:
            if (!facts.bangla_name) return invalid(path, "must be a name in Bengali script");
            break;
        case Kind::latin_name:
            if (!facts.latin_name) return invalid(path, "must be a name in Latin letters");
            break;
        case Kind::text:
            if (!facts.printable) return invalid(path, "contains control characters");
            break;
        case Kind::identifier:
            if (!is_identifier(s, facts)) return invalid(path, "must be letters, digits and separators, without spaces or markup");
            break;
        case Kind::nid: {
            auto nid = ids::national_id(s);
            if (!nid) return invalid(path, "must be a national ID of 10, 13 or 17 digits");
            assign_if_changed(value, std::move(*nid));
            return {};
        }
        case Kind::brn: {
            auto brn = ids::birth_registration(s);
            if (!brn) return invalid(path, "must be a birth registration number of 17 digits");
            assign_if_changed(value, std::move(*brn));
            return {};
        }
        case Kind::mobile: {
            auto number = ids::mobile(s);
            if (!number) return invalid(path, "must be a mobile number 01[3-9]XXXXXXXX, optionally after +88");
            assign_if_changed(value, std::move(*number));
            return {};
        }
        case Kind::date: {
            std::string digits = text::ascii_digits(s);
            if (!dates::parse_iso_date(digits)) return invalid(path, "must be a date YYYY-MM-DD");
            assign_if_changed(value, std::move(digits));
            return {};
        }
        case Kind::fiscal_year: {
            const auto first = dates::parse_fiscal_year(s);
            if (!first) return invalid(path, "must be a fiscal year such as 2025-2026 or 2025-26");
            assign_if_changed(value, dates::format_fiscal_year(*first));
            return {};
        }
        case Kind::enumeration:
            for (const auto& allowed : field.values)
                if (allowed == s) return {};
            {
                std::string list;
                for (const auto& allowed : field.values) list += (list.empty() ? "" : ", ") + allowed;
                return invalid(path, "must be one of: " + list);
            }
        default: break;
    }
    if (facts.code_points > field.max_length)
        return invalid(path, "is longer than " + std::to_string(field.max_length) + " characters");
    return {};
}

Status check_value(const Field& field, nlohmann::json& value, const Where& path) {
    switch (field.kind) {
        case Kind::integer: {
            std::int64_t n;
            if (value.is_number_integer()) {
                if (value.is_number_unsigned() && value.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX))
                    return invalid(path, "is out of range");
                n = value.get<std::int64_t>();
            } else if (value.is_number_float() && value.get<double>() == static_cast<double>(static_cast<std::int64_t>(value.get<double>()))) {
                n = static_cast<std::int64_t>(value.get<double>());
            } else {
                return invalid(path, "must be a whole number");
            }
            if (n < field.minimum || n > field.maximum)
                return invalid(path, "must be between " + std::to_string(field.minimum) + " and " +
                                         std::to_string(field.maximum));
            value = n;
            return {};
        }
        case Kind::object:
            if (!value.is_object()) return invalid(path, "must be an object");
            return normalize_fields(field.fields, value, path.str() + ".");
        case Kind::list: {
            if (!value.is_array()) return invalid(path, "must be a list");
            if (auto size = check_list_size(field, value.size(), path.str()); !size) return size;
            for (std::size_t i = 0; i < value.size(); ++i) {
                const std::string at = path.str() + "[" + std::to_string(i) + "]";
                if (!value[i].is_object()) return invalid(at, "must be an object");
                if (auto item = normalize_fields(field.fields, value[i], at + "."); !item) return item;
            }
            return {};
        }
        default: return check_text(field, value, path);
    }
}

}  // namespace

Status check_list_size(const Field& field, std::size_t size, const std::string& path) {
    if (size < field.min_items || size > field.max_items)
        return invalid(path, "must have between " + std::to_string(field.min_items) + " and " +
                                 std::to_string(field.max_items) + " entries");
    return {};
}

Status normalize_value(const Field& field, nlohmann::json& value, const std::string& prefix) {
    return check_value(field, value, Where{prefix, field.name});
}

Status normalize_fields(const std::vector<Field>& fields, nlohmann::json& document, const std::string& path) {
    std::size_t kept = path.empty() && document.contains("type") ? 1 : 0;
    for (const auto& field : fields) {
        auto it = document.find(field.name);
        // An explicit null is the same as leaving the field out.
        if (it != document.end() && it->is_null()) {
            document.erase(it);
            it = document.end();
        }
        if (it == document.end()) {
            if (field.required) return invalid(path + field.name, "is required");
            continue;
        }
        ++kept;
        if (auto checked = check_value(field, *it, Where{path, field.name}); !checked) return checked;
    }
    // Members that are not fields are found by counting, and named only when
    // there are some: no member name is compared with every field's.
    if (kept != document.size())
        for (const auto& [name, value] : document.items())
            if (!(path.empty() && name == "type") &&
                std::none_of(fields.begin(), fields.end(), [&key = name](const Field& f) { return f.name == key; }))
                return invalid(path + name, "is not a field of this document type");
    return {};
}

}  // namespace poura::documents
