// A document's fields as the rows of its certificate, labelled by its profile.
#include "print/print.hpp"

#include <exception>
#include <string>

namespace poura::print {
namespace {

using nlohmann::json;

std::string label(const json& field, const char* language) {
    const auto l = field.find("label");
    if (l == field.end() || !l->is_object()) return {};
    const auto text = l->find(language);
    return text != l->end() && text->is_string() ? text->get<std::string>() : std::string();
}

bool has_bengali(std::string_view s) {
    // U+0980-09FF is E0 A6 80 - E0 A7 BF in UTF-8.
    for (std::size_t i = 0; i + 1 < s.size(); ++i)
        if (static_cast<unsigned char>(s[i]) == 0xE0 &&
            (static_cast<unsigned char>(s[i + 1]) == 0xA6 || static_cast<unsigned char>(s[i + 1]) == 0xA7))
            return true;
    return false;
}

// The definition of a value's sub-fields (an object's, or a list's items'),
// or null when the profile gives none.
const json* subfields(const json* definition) {
    if (!definition) return nullptr;
    const auto f = definition->find("fields");
    return f != definition->end() && f->is_array() ? &*f : nullptr;
}

std::string show(const json& value, const json* definition);

// An enum value with its names from the profile: "পুত্র (Son)".
std::string show_enum(const std::string& value, const json& definition) {
    const auto values = definition.find("values");
    if (values == definition.end() || !values->is_array()) return value;
    for (const auto& v : *values) {
        if (!v.is_object() || v.value("value", json()) != value) continue;
        const std::string bn = v.value("bn", std::string());
        const std::string en = v.value("en", std::string());
        if (bn.empty() || en.empty()) return bn.empty() ? (en.empty() ? value : en) : bn;
        return bn + " (" + en + ")";
    }
    return value;
}

// An object's fields one to a line, in the profile's order, each labelled
// in the language of its value ("নাম: রহিম", "Date of death: 2024-01-05").
std::string show_object(const json& object, const json* fields, const std::string& separator) {
    std::string out;
    const auto add = [&](const std::string& name, const json& value, const json* definition) {
        if (value.is_null()) return;
        const std::string shown = show(value, definition);
        std::string label_text = name;
        if (definition) {
            const std::string bn = label(*definition, "bn");
            const std::string en = label(*definition, "en");
            label_text = has_bengali(shown) ? (bn.empty() ? en : bn) : (en.empty() ? bn : en);
            if (label_text.empty()) label_text = name;
        }
        if (!out.empty()) out += separator;
        out += label_text + ": " + shown;
    };
    if (fields) {
        for (const auto& f : *fields) {
            if (!f.is_object() || !f.contains("name") || !f["name"].is_string()) continue;
            const std::string name = f["name"].get<std::string>();
            const auto value = object.find(name);
            if (value != object.end()) add(name, *value, &f);
        }
    } else {
        for (auto it = object.begin(); it != object.end(); ++it) add(it.key(), it.value(), nullptr);
    }
    return out;
}

std::string show(const json& value, const json* definition) {
    switch (value.type()) {
        case json::value_t::string: {
            const std::string s = value.get<std::string>();
            return definition && definition->value("kind", std::string()) == "enum" ? show_enum(s, *definition) : s;
        }
        case json::value_t::boolean: return value.get<bool>() ? "হ্যাঁ (Yes)" : "না (No)";
        case json::value_t::object: return show_object(value, subfields(definition), "\n");
        case json::value_t::array: {
            // One numbered line per item, the item's fields on that line.
            std::string out;
            std::size_t number = 0;
            for (const auto& item : value) {
                if (!out.empty()) out += "\n";
                out += bengali_digits(std::to_string(++number)) + ". ";
                out += item.is_object() ? show_object(item, subfields(definition), "; ") : show(item, nullptr);
            }
            return out;
        }
        case json::value_t::null: return {};
        default: return value.dump();  // numbers, as given
    }
}

Result<CertificatePage> build_page(const ProfileSet& profiles, const json& document) {
    if (!document.is_object()) return make_error(Errc::document_invalid, "the document is not a JSON object");
    const auto type = document.find("type");
    if (type == document.end() || !type->is_string())
        return make_error(Errc::document_invalid, "type: missing or not a string");
    const Profile* profile = profiles.find(type->get<std::string>());
    if (!profile)
        return make_error(Errc::unknown_document_type, "no profile for document type \"" +
                                                           type->get<std::string>() + "\"");
    CertificatePage page;
    page.title_bn = profile->title_bn;
    page.title_en = profile->title_en;
    const json* fields = subfields(&profile->definition);
    if (!fields) return page;
    for (const auto& f : *fields) {
        if (!f.is_object() || !f.contains("name") || !f["name"].is_string()) continue;
        const auto value = document.find(f["name"].get<std::string>());
        if (value == document.end() || value->is_null()) continue;
        page.fields.push_back(Field{label(f, "bn"), label(f, "en"), show(*value, &f)});
    }
    return page;
}

}  // namespace

Result<CertificatePage> page_for_document(const ProfileSet& profiles, const nlohmann::json& document) {
    try {
        return build_page(profiles, document);
    } catch (const std::exception& e) {
        return make_error(Errc::internal, std::string("page_for_document: ") + e.what());
    }
}

}  // namespace poura::print
