#include "documents/schema.hpp"

#include "core/dates.hpp"
#include "core/ids.hpp"
#include "core/text.hpp"

#include <algorithm>

namespace poura::documents {
namespace {

Error invalid(const std::string& path, const std::string& why) {
    return make_error(Errc::document_invalid, "field '" + path + "': " + why);
}

// Letters and digits of either script, and the separators holding and licence
// numbers use ("02-022-0047-00", "0009-6খ", "TL/2025/123").
bool is_identifier(std::string_view s) {
    if (!text::is_printable(s)) return false;
    for (unsigned char c : s)
        if (c == ' ') return false;
    return true;
}

Result<nlohmann::json> check_text(const Field& field, const nlohmann::json& value, const std::string& path) {
    if (!value.is_string()) return invalid(path, "must be a string");
    const auto& raw = value.get_ref<const std::string&>();
    if (!text::is_valid_utf8(raw)) return invalid(path, "is not valid UTF-8");
    const std::string s = text::squeeze_spaces(text::nfc(raw));
    if (s.empty()) return invalid(path, "is empty");

    switch (field.kind) {
        case Kind::bangla_name:
            if (!text::is_bangla_name(s)) return invalid(path, "must be a name in Bengali script");
            break;
        case Kind::latin_name:
            if (!text::is_latin_name(s)) return invalid(path, "must be a name in Latin letters");
            break;
        case Kind::text:
            if (!text::is_printable(s)) return invalid(path, "contains control characters");
            break;
        case Kind::identifier:
            if (!is_identifier(s)) return invalid(path, "must be letters, digits and separators without spaces");
            break;
        case Kind::nid: {
            auto nid = ids::national_id(s);
            if (!nid) return invalid(path, "must be a national ID of 10, 13 or 17 digits");
            return nlohmann::json(*nid);
        }
        case Kind::brn: {
            auto brn = ids::birth_registration(s);
            if (!brn) return invalid(path, "must be a birth registration number of 17 digits");
            return nlohmann::json(*brn);
        }
        case Kind::mobile: {
            auto number = ids::mobile(s);
            if (!number) return invalid(path, "must be a mobile number 01[3-9]XXXXXXXX, optionally after +88");
            return nlohmann::json(*number);
        }
        case Kind::date: {
            const std::string digits = text::ascii_digits(s);
            if (!dates::parse_iso_date(digits)) return invalid(path, "must be a date YYYY-MM-DD");
            return nlohmann::json(digits);
        }
        case Kind::fiscal_year: {
            const std::string digits = text::ascii_digits(s);
            const auto first = dates::parse_iso_date(digits.substr(0, 4) + "-01-01");
            const auto second = digits.size() == 9 ? dates::parse_iso_date(digits.substr(5, 4) + "-01-01")
                                                   : std::nullopt;
            if (!first || !second || digits[4] != '-' || second->year != first->year + 1)
                return invalid(path, "must be a fiscal year such as 2025-2026");
            return nlohmann::json(digits);
        }
        case Kind::enumeration:
            for (const auto& allowed : field.values)
                if (allowed == s) return nlohmann::json(s);
            {
                std::string list;
                for (const auto& allowed : field.values) list += (list.empty() ? "" : ", ") + allowed;
                return invalid(path, "must be one of: " + list);
            }
        default: break;
    }
    if (text::code_points(s) > field.max_length)
        return invalid(path, "is longer than " + std::to_string(field.max_length) + " characters");
    return nlohmann::json(s);
}

Result<nlohmann::json> check_value(const Field& field, const nlohmann::json& value, const std::string& path) {
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
            return nlohmann::json(n);
        }
        case Kind::object:
            if (!value.is_object()) return invalid(path, "must be an object");
            return validate_fields(field.fields, value, path + ".");
        case Kind::list: {
            if (!value.is_array()) return invalid(path, "must be a list");
            if (value.size() < field.min_items || value.size() > field.max_items)
                return invalid(path, "must have between " + std::to_string(field.min_items) + " and " +
                                         std::to_string(field.max_items) + " entries");
            nlohmann::json out = nlohmann::json::array();
            for (std::size_t i = 0; i < value.size(); ++i) {
                const std::string at = path + "[" + std::to_string(i) + "]";
                if (!value[i].is_object()) return invalid(at, "must be an object");
                auto item = validate_fields(field.fields, value[i], at + ".");
                if (!item) return item;
                out.push_back(std::move(item).value());
            }
            return out;
        }
        default: return check_text(field, value, path);
    }
}

}  // namespace

Result<nlohmann::json> validate_fields(const std::vector<Field>& fields, const nlohmann::json& document,
                                       const std::string& path) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [name, value] : document.items()) {
        if (path.empty() && name == "type") continue;
        const bool known = std::any_of(fields.begin(), fields.end(), [&](const Field& f) { return f.name == name; });
        if (!known) return invalid(path + name, "is not a field of this document type");
    }
    for (const auto& field : fields) {
        auto it = document.find(field.name);
        if (it == document.end() || it->is_null()) {
            if (field.required) return invalid(path + field.name, "is required");
            continue;
        }
        auto checked = check_value(field, *it, path + field.name);
        if (!checked) return checked;
        out[field.name] = std::move(checked).value();
    }
    return out;
}

}  // namespace poura::documents
