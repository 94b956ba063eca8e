#include "core/json_reader.hpp"

#include <cmath>

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

std::string describe_problems(const std::string& what, const std::vector<std::string>& problems) {
    std::string message = what + ": " + std::to_string(problems.size()) +
                          (problems.size() == 1 ? " problem" : " problems");
    for (const auto& p : problems) message += "\n  " + p;
    return message;
}

}  // namespace poura
