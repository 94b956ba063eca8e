// Reading data files (profiles, fee schedules): every problem is collected
// with its JSON path instead of stopping at the first, so one load reports
// everything wrong with a file.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace poura {

class JsonReader {
public:
    explicit JsonReader(std::vector<std::string>& problems) : problems_(problems) {}

    void problem(const std::string& path, const std::string& what) { problems_.push_back(path + ": " + what); }
    bool clean() const { return problems_.empty(); }

    // A non-empty string member; empty when missing (a problem only when required).
    std::string text(const nlohmann::json& j, const char* member, const std::string& path, bool required);
    std::int64_t integer(const nlohmann::json& j, const char* member, const std::string& path, std::int64_t fallback,
                         bool required = false);
    // {"bn": "...", "en": "..."}
    void bilingual(const nlohmann::json& j, const char* member, const std::string& path, std::string& bn,
                   std::string& en);

    // A number with at most `decimals` fractional digits, scaled to an exact
    // integer: taka with 2 decimals become poisha, percent with 2 become
    // basis points. `value` is the JSON value itself (numbers only).
    std::optional<std::int64_t> fixed_point(const nlohmann::json& value, int decimals, const std::string& path,
                                            std::int64_t minimum, std::int64_t maximum);
    // The same for an object member; nullopt (and a problem when required) when missing.
    std::optional<std::int64_t> fixed_point(const nlohmann::json& j, const char* member, int decimals,
                                            const std::string& path, std::int64_t minimum, std::int64_t maximum,
                                            bool required);

    // The object member, or nullptr (and a problem when required) when it is
    // missing or not an object.
    const nlohmann::json* object(const nlohmann::json& j, const char* member, const std::string& path, bool required);

    // Reports members outside `known`: a misspelt optional member would
    // otherwise be ignored without a word.
    void only(const nlohmann::json& j, const std::string& path, std::initializer_list<std::string_view> known);

private:
    std::vector<std::string>& problems_;
};

// Joins problems into one message: "what: N problems\n  path: ...".
std::string describe_problems(const std::string& what, const std::vector<std::string>& problems);

}  // namespace poura
