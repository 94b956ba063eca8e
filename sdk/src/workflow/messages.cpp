#include "workflow/messages.hpp"

#include <array>

namespace poura::workflow {
namespace {

struct Default {
    const char* event;
    const char* bn;
    const char* en;
};

constexpr std::array<Default, 4> kDefaults{{
    {"submitted", "{office}: আপনার {type}-এর আবেদন (নং {application}) গৃহীত হয়েছে।",
     "{office}: your application no. {application} for a {type} was received."},
    {"returned", "{office}: আপনার আবেদন (নং {application}) সংশোধনের জন্য ফেরত দেওয়া হয়েছে: {reason}",
     "{office}: your application no. {application} was returned for correction: {reason}"},
    {"rejected", "{office}: আপনার আবেদন (নং {application}) নামঞ্জুর হয়েছে: {reason}",
     "{office}: your application no. {application} was rejected: {reason}"},
    {"issued", "{office}: আপনার {type} ইস্যু হয়েছে, নম্বর {serial}। ডাউনলোড: {url}",
     "{office}: your {type} was issued, no. {serial}. Download: {url}"},
}};

constexpr std::array<const char*, 6> kPlaceholders{{"application", "type", "serial", "reason", "url", "office"}};

bool known_placeholders(const std::string& text) {
    for (std::size_t i = text.find('{'); i != std::string::npos; i = text.find('{', i + 1)) {
        const auto end = text.find('}', i);
        if (end == std::string::npos) return false;
        const auto name = text.substr(i + 1, end - i - 1);
        bool known = false;
        for (const char* p : kPlaceholders) known = known || name == p;
        if (!known) return false;
    }
    return true;
}

void replace_all(std::string& text, const std::string& from, const std::string& to) {
    for (auto i = text.find(from); i != std::string::npos; i = text.find(from, i + to.size())) text.replace(i, from.size(), to);
}

}  // namespace

Status check_sms_templates(const nlohmann::json& templates) {
    if (templates.is_null()) return {};
    if (!templates.is_object()) return make_error(Errc::invalid_argument, "SMS templates must be an object by event");
    for (const auto& [event, t] : templates.items()) {
        bool known = false;
        for (const auto& d : kDefaults) known = known || event == d.event;
        if (!known) return make_error(Errc::invalid_argument, "no SMS is sent on '" + event + "'");
        for (const char* lang : {"bn", "en"}) {
            if (!t.is_object() || !t.contains(lang) || !t[lang].is_string())
                return make_error(Errc::invalid_argument, "the SMS template for '" + event + "' needs bn and en texts");
            const auto text = t[lang].get<std::string>();
            if (text.empty() || text.size() > 1000 || !known_placeholders(text))
                return make_error(Errc::invalid_argument,
                                  "the SMS template " + event + "." + lang +
                                      " is empty, too long, or uses a placeholder other than {application}, {type}, "
                                      "{serial}, {reason}, {url} and {office}");
        }
    }
    return {};
}

Result<std::string> sms_text(const Municipality& m, std::string_view event, const Profile* profile,
                             const Application& a, std::string_view reason) {
    const bool bn = m.sms_language != "en";
    std::string text;
    for (const auto& d : kDefaults)
        if (event == d.event) text = bn ? d.bn : d.en;
    if (text.empty()) return make_error(Errc::internal, "no SMS template for '" + std::string(event) + "'");
    if (m.sms_templates.is_object()) {
        auto t = m.sms_templates.find(std::string(event));
        if (t != m.sms_templates.end()) text = (*t)[bn ? "bn" : "en"].get<std::string>();
    }
    const std::string type = profile ? (bn ? profile->title_bn : profile->title_en) : a.type;
    replace_all(text, "{application}", std::to_string(a.id));
    replace_all(text, "{type}", type);
    replace_all(text, "{serial}", a.serial);
    replace_all(text, "{url}", m.download_url.empty() ? std::string("-") : m.download_url);
    replace_all(text, "{office}", bn ? m.name_bn : m.name_en);
    replace_all(text, "{reason}", std::string(reason));  // last: the reason is free text
    return text;
}

}  // namespace poura::workflow
