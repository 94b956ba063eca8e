// Compact JSON text written straight into a string, for the text every
// verification hands to the C API and the WebAssembly package: no value tree
// is built and each string is copied once. The text is what nlohmann's
// dump(-1, ' ', false, error_handler_t::replace) writes for the same values,
// invalid UTF-8 included (each bad sequence becomes U+FFFD).
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace poura {

class JsonWriter {
public:
    explicit JsonWriter(std::string& out) : out_(out) {}

    // Objects and arrays nest; an array's values are separated as they come.
    JsonWriter& begin_object();
    JsonWriter& end_object();
    JsonWriter& begin_array();
    JsonWriter& end_array();
    // A member's name; its value comes next.
    JsonWriter& key(std::string_view name);

    JsonWriter& value(std::string_view text);
    JsonWriter& value(const char* text) { return value(std::string_view(text)); }
    JsonWriter& value(const std::string& text) { return value(std::string_view(text)); }
    JsonWriter& value(std::int64_t number);
    JsonWriter& value(std::uint64_t number);
    JsonWriter& value(bool flag);
    JsonWriter& value(const nlohmann::json& any);
    JsonWriter& null();

private:
    void separate();
    void write(const nlohmann::json& any);

    std::string& out_;
    bool after_value_ = false;  // a comma goes before the next member
};

// `text` as a JSON string, quotes included, appended to `out`.
void append_json_string(std::string& out, std::string_view text);

}  // namespace poura
