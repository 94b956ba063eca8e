#include "documents/schema.hpp"

#include "core/json_reader.hpp"

#include <algorithm>
#include <set>
#include <utility>

namespace poura::documents {
namespace {

const std::pair<std::string_view, Kind> kKinds[] = {
    {"bangla_name", Kind::bangla_name}, {"latin_name", Kind::latin_name}, {"text", Kind::text},
    {"identifier", Kind::identifier},   {"nid", Kind::nid},               {"brn", Kind::brn},
    {"mobile", Kind::mobile},           {"date", Kind::date},             {"fiscal_year", Kind::fiscal_year},
    {"integer", Kind::integer},         {"enum", Kind::enumeration},      {"object", Kind::object},
    {"list", Kind::list},
};

// The profile-specific parts of reading a profile file.
class Reader : public JsonReader {
public:
    using JsonReader::JsonReader;

    std::vector<Field> fields(const nlohmann::json& j, const std::string& path) {
        std::vector<Field> out;
        auto it = j.find("fields");
        if (it == j.end() || !it->is_array() || it->empty()) {
            problem(path + ".fields", "must be a non-empty array");
            return out;
        }
        std::set<std::string> names;
        std::set<std::int64_t> keys;
        for (std::size_t i = 0; i < it->size(); ++i) {
            const std::string at = path + ".fields[" + std::to_string(i) + "]";
            Field field = this->field((*it)[i], at);
            if (!field.name.empty() && !names.insert(field.name).second) problem(at + ".name", "duplicate field name");
            if (!keys.insert(field.key).second) problem(at + ".key", "duplicate key");
            out.push_back(std::move(field));
        }
        // Each field's place among its siblings in name order, the order a
        // JSON object keeps its members in: a decoded document is built in it.
        // (Counted rather than sorted: a profile has a few dozen fields at most.)
        for (Field& f : out)
            f.name_rank = static_cast<std::size_t>(
                std::count_if(out.begin(), out.end(), [&](const Field& other) { return other.name < f.name; }));
        return out;
    }

private:
    Field field(const nlohmann::json& j, const std::string& path) {
        Field f;
        if (!j.is_object()) {
            problem(path, "must be an object");
            return f;
        }
        f.name = text(j, "name", path, true);
        if (f.name == "type") problem(path + ".name", "\"type\" is reserved for the document type");
        f.key = integer(j, "key", path, 0, true);
        if (f.key < 1 || f.key > 255) problem(path + ".key", "must be between 1 and 255 (0 is the document type)");
        if (auto it = j.find("required"); it != j.end()) {
            if (it->is_boolean()) f.required = it->get<bool>();
            else problem(path + ".required", "must be true or false");
        }
        bilingual(j, "label", path, f.label_bn, f.label_en);

        const std::string kind = text(j, "kind", path, true);
        bool known = false;
        for (const auto& [name, value] : kKinds)
            if (name == kind) f.kind = value, known = true;
        if (!known && !kind.empty()) problem(path + ".kind", "unknown kind \"" + kind + "\"");

        f.max_length = static_cast<std::size_t>(integer(j, "max_length", path, 100));
        if (f.max_length < 1 || f.max_length > 1000) problem(path + ".max_length", "must be between 1 and 1000");
        if (auto it = j.find("allow_invisible_controls"); it != j.end()) {
            if (!it->is_boolean()) problem(path + ".allow_invisible_controls", "must be true or false");
            else if (f.kind != Kind::text) problem(path + ".allow_invisible_controls", "applies only to kind \"text\"");
            else f.allow_invisible_controls = it->get<bool>();
        }
        f.minimum = integer(j, "min", path, INT64_MIN);
        f.maximum = integer(j, "max", path, INT64_MAX);
        if (f.minimum > f.maximum) problem(path + ".min", "is greater than max");

        if (f.kind == Kind::enumeration) {
            auto it = j.find("values");
            if (it == j.end() || !it->is_array() || it->empty()) {
                problem(path + ".values", "an enum needs a non-empty array of values");
            } else {
                // A value is a string, or {"value", "bn", "en"} to give it labels.
                for (std::size_t i = 0; i < it->size(); ++i) {
                    const auto& v = (*it)[i];
                    const std::string at = path + ".values[" + std::to_string(i) + "]";
                    if (v.is_string()) {
                        f.values.push_back(v.get<std::string>());
                    } else if (v.is_object()) {
                        f.values.push_back(text(v, "value", at, true));
                        text(v, "bn", at, true);  // checked here, shown by front ends
                        text(v, "en", at, true);
                    } else {
                        problem(at, "must be a string or an object with value, bn and en");
                    }
                }
            }
        }
        if (f.kind == Kind::object || f.kind == Kind::list) f.fields = fields(j, path);
        if (f.kind == Kind::list) {
            f.min_items = static_cast<std::size_t>(integer(j, "min_items", path, 0));
            f.max_items = static_cast<std::size_t>(integer(j, "max_items", path, 100));
            if (f.max_items < 1 || f.max_items > 1000 || f.min_items > f.max_items)
                problem(path + ".max_items", "item limits must satisfy 0 <= min_items <= max_items <= 1000");
        }
        return f;
    }
};

ValidityRule validity(const nlohmann::json& j, const std::string& path, Reader& reader) {
    ValidityRule rule;
    auto it = j.find("validity");
    if (it == j.end() || !it->is_object() || it->size() != 1) {
        reader.problem(path + ".validity",
                       "must be one of {\"days\": N}, {\"months\": N}, {\"until\": \"fiscal_year_end\"}, {\"none\": true}");
        return rule;
    }
    if (it->contains("days") || it->contains("months")) {
        const bool days = it->contains("days");
        rule.kind = days ? ValidityRule::Kind::days : ValidityRule::Kind::months;
        rule.amount = static_cast<int>(reader.integer(*it, days ? "days" : "months", path + ".validity", 0));
        if (rule.amount < 1 || rule.amount > (days ? 3660 : 120))
            reader.problem(path + ".validity", "period must be positive and at most ten years");
    } else if (it->value("until", "") == "fiscal_year_end") {
        rule.kind = ValidityRule::Kind::fiscal_year_end;
    } else if (it->value("none", false)) {
        rule.kind = ValidityRule::Kind::none;
    } else {
        reader.problem(path + ".validity", "unknown validity rule");
    }
    return rule;
}

}  // namespace

ProfileDefinition parse_profile(const nlohmann::json& j, const std::string& path, std::vector<std::string>& problems) {
    Reader reader(problems);
    ProfileDefinition def;
    if (!j.is_object()) {
        reader.problem(path, "a profile must be an object");
        return def;
    }
    def.profile.type = reader.text(j, "type", path, true);
    for (char c : def.profile.type)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
            reader.problem(path + ".type", "must be lowercase letters, digits and '_'");
            break;
        }
    def.code = reader.integer(j, "code", path, 0, true);
    if (def.code < 1 || def.code > 65535) reader.problem(path + ".code", "must be between 1 and 65535");
    def.profile.version = static_cast<int>(reader.integer(j, "version", path, 1));
    reader.bilingual(j, "title", path, def.profile.title_bn, def.profile.title_en);
    def.profile.validity = validity(j, path, reader);
    def.fields = reader.fields(j, path);

    if (auto it = j.find("one_of"); it != j.end()) {
        if (!it->is_array()) reader.problem(path + ".one_of", "must be an array of arrays of field names");
        else
            for (std::size_t g = 0; g < it->size(); ++g) {
                std::vector<std::string> group;
                const auto& names = (*it)[g];
                for (std::size_t n = 0; names.is_array() && n < names.size(); ++n) {
                    const auto& name = names[n];
                    const bool known = name.is_string() && std::any_of(def.fields.begin(), def.fields.end(),
                                                                       [&](const Field& f) { return f.name == name; });
                    if (!known)
                        reader.problem(path + ".one_of[" + std::to_string(g) + "][" + std::to_string(n) + "]",
                                       "is not a field of this profile");
                    else group.push_back(name.get<std::string>());
                }
                if (!names.is_array() || names.empty())
                    reader.problem(path + ".one_of[" + std::to_string(g) + "]", "must be a non-empty array");
                def.one_of.push_back(std::move(group));
            }
    }
    def.profile.definition = j;
    return def;
}

}  // namespace poura::documents
