#include "core/json_reader.hpp"

#include <cmath>
#include <set>

namespace poura {

std::string JsonReader::text(const nlohmann::json& j, const char* member, const std::string& path, bool required) {
    auto it = j.find(member);
    if (it == j.end()) {
        if (required) problem(path + "." + member, "missing");
        return {};
    }
    if (!it->is_string() || it->get_ref<const std::string&>().empty()) {
        problem(path + "." + member, "must be a non-empty string");
        return {};
    }
    return it->get<std::string>();
}

std::int64_t JsonReader::integer(const nlohmann::json& j, const char* member, const std::string& path,
                                 std::int64_t fallback, bool required) {
    auto it = j.find(member);
    if (it == j.end()) {
        if (required) problem(path + "." + member, "missing");
        return fallback;
    }
    if (!it->is_number_integer()) {
        problem(path + "." + member, "must be an integer");
        return fallback;
    }
    return it->get<std::int64_t>();
}

void JsonReader::bilingual(const nlohmann::json& j, const char* member, const std::string& path, std::string& bn,
                           std::string& en) {
    auto it = j.find(member);
    if (it == j.end() || !it->is_object()) {
        problem(path + "." + member, "must be an object with \"bn\" and \"en\"");
        return;
    }
    bn = text(*it, "bn", path + "." + member, true);
    en = text(*it, "en", path + "." + member, true);
}

std::optional<std::int64_t> JsonReader::fixed_point(const nlohmann::json& value, int decimals,
                                                    const std::string& path, std::int64_t minimum,
                                                    std::int64_t maximum) {
    std::int64_t scale = 1;
    for (int i = 0; i < decimals; ++i) scale *= 10;
    std::optional<std::int64_t> scaled;
    if (value.is_number_integer()) {
        const std::int64_t v = value.get<std::int64_t>();
        if (v >= INT64_MIN / scale && v <= INT64_MAX / scale) scaled = v * scale;
    } else if (value.is_number_float()) {
        // JSON numbers arrive as binary doubles: accept one only when it is
        // within rounding noise of a value with `decimals` digits.
        const double x = value.get<double>() * static_cast<double>(scale);
        const double r = std::round(x);
        if (std::isfinite(x) && std::fabs(r) < 9.0e15 && std::fabs(x - r) <= 1e-6 * std::max(1.0, std::fabs(r)))
            scaled = static_cast<std::int64_t>(r);
        else if (std::isfinite(x) && std::fabs(r) < 9.0e15) {
            problem(path, "has more than " + std::to_string(decimals) + " decimal places");
            return std::nullopt;
        }
    } else {
        problem(path, "must be a number");
        return std::nullopt;
    }
    if (!scaled || *scaled < minimum || *scaled > maximum) {
        problem(path, "is out of range");
        return std::nullopt;
    }
    return scaled;
}

std::optional<std::int64_t> JsonReader::fixed_point(const nlohmann::json& j, const char* member, int decimals,
                                                    const std::string& path, std::int64_t minimum,
                                                    std::int64_t maximum, bool required) {
    auto it = j.find(member);
    if (it == j.end()) {
        if (required) problem(path + "." + member, "missing");
        return std::nullopt;
    }
    return fixed_point(*it, decimals, path + "." + member, minimum, maximum);
}

const nlohmann::json* JsonReader::object(const nlohmann::json& j, const char* member, const std::string& path,
                                         bool required) {
    auto it = j.find(member);
    if (it == j.end()) {
        if (required) problem(path + "." + member, "missing");
        return nullptr;
    }
    if (!it->is_object()) {
        problem(path + "." + member, "must be an object");
        return nullptr;
    }
    return &*it;
}

void JsonReader::only(const nlohmann::json& j, const std::string& path,
                      std::initializer_list<std::string_view> known) {
    if (!j.is_object()) return;
    for (const auto& [member, value] : j.items()) {
        bool listed = false;
        for (std::string_view k : known) listed = listed || k == member;
        if (!listed) problem(path + "." + member, "unknown member");
    }
}

namespace {

// Where the parser is: one frame per open object or array.
struct Frame {
    bool object = false;
    std::set<std::string> keys;
    std::string key;        // object: the member being read
    std::int64_t index = -1;  // array: the element being read
};

std::string path_to(const std::vector<Frame>& frames, const std::string& key) {
    std::string path = "$";
    for (std::size_t i = 0; i + 1 < frames.size(); ++i)
        path += frames[i].object ? "." + frames[i].key : "[" + std::to_string(frames[i].index) + "]";
    return path + "." + key;
}

}  // namespace

nlohmann::json parse_json_unique_keys(std::string_view text, std::vector<std::string>& problems) {
    using Event = nlohmann::json::parse_event_t;
    std::vector<Frame> frames;
    std::vector<std::string> duplicates;
    auto enter_value = [&frames] {
        if (!frames.empty() && !frames.back().object) ++frames.back().index;
    };
    const nlohmann::json::parser_callback_t callback = [&](int, Event event, nlohmann::json& parsed) {
        switch (event) {
            case Event::object_start:
            case Event::array_start:
                enter_value();
                frames.emplace_back();
                frames.back().object = event == Event::object_start;
                break;
            case Event::object_end:
            case Event::array_end:
                if (!frames.empty()) frames.pop_back();
                break;
            case Event::key:
                if (!frames.empty()) {
                    Frame& frame = frames.back();
                    frame.key = parsed.is_string() ? parsed.get<std::string>() : std::string();
                    if (!frame.keys.insert(frame.key).second) duplicates.push_back(path_to(frames, frame.key));
                }
                break;
            case Event::value:
                enter_value();
                break;
        }
        return true;
    };
    nlohmann::json j = nlohmann::json::parse(text.begin(), text.end(), callback, false);
    if (j.is_discarded()) {
        problems.push_back("$: not valid JSON");
        return j;
    }
    if (!duplicates.empty()) {
        for (const auto& d : duplicates) problems.push_back(d + ": duplicate key");
        return nlohmann::json(nlohmann::json::value_t::discarded);
    }
    return j;
}

std::string describe_problems(const std::string& what, const std::vector<std::string>& problems) {
    std::string message = what + ": " + std::to_string(problems.size()) +
                          (problems.size() == 1 ? " problem" : " problems");
    for (const auto& p : problems) message += "\n  " + p;
    return message;
}

}  // namespace poura
