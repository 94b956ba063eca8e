#include "core/json_writer.hpp"

#include <charconv>

namespace poura {
namespace {

template <typename Integer>
void append_integer(std::string& out, Integer number) {
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, number).ptr;
    out.append(digits, end);
}

// The length of the well-formed UTF-8 sequence starting with a byte of 0x80
// or more (Unicode's table 3-7: no overlong forms, surrogates or code points
// past U+10FFFF), or 0. One pass over the text both checks and escapes it.
std::size_t utf8_sequence_length(const unsigned char* p, std::size_t left) {
    const auto continuation = [&](std::size_t k) { return (p[k] & 0xC0) == 0x80; };
    const unsigned char lead = p[0];
    if (lead >= 0xC2 && lead <= 0xDF) return left >= 2 && continuation(1) ? 2 : 0;
    if (lead >= 0xE0 && lead <= 0xEF) {
        if (left < 3 || !continuation(1) || !continuation(2)) return 0;
        if ((lead == 0xE0 && p[1] < 0xA0) || (lead == 0xED && p[1] >= 0xA0)) return 0;
        return 3;
    }
    if (lead >= 0xF0 && lead <= 0xF4) {
        if (left < 4 || !continuation(1) || !continuation(2) || !continuation(3)) return 0;
        if ((lead == 0xF0 && p[1] < 0x90) || (lead == 0xF4 && p[1] >= 0x90)) return 0;
        return 4;
    }
    return 0;
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
    static constexpr char kHex[] = "0123456789abcdef";
    const std::size_t start = out.size();
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t size = text.size();
    out.push_back('"');
    std::size_t copied = 0;  // bytes before this are in `out`
    for (std::size_t i = 0; i < size;) {
        const unsigned char c = bytes[i];
        if (c >= 0x80) {
            const std::size_t length = utf8_sequence_length(bytes + i, size - i);
            if (length == 0) {
                // Rare (text from outside that was never checked): nlohmann's
                // own replacement, so that the two writers cannot differ.
                out.resize(start);
                out += nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
                return;
            }
            i += length;
            continue;
        }
        if (c >= 0x20 && c != '"' && c != '\\') {
            ++i;
            continue;
        }
        out.append(text.data() + copied, i - copied);
        copied = ++i;
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default: {
                const char escape[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
                out.append(escape, sizeof escape);
            }
        }
    }
    out.append(text.data() + copied, size - copied);
    out.push_back('"');
}

void JsonWriter::separate() {
    if (after_value_) out_.push_back(',');
}

JsonWriter& JsonWriter::begin_object() {
    separate();
    out_.push_back('{');
    after_value_ = false;
    return *this;
}

JsonWriter& JsonWriter::end_object() {
    out_.push_back('}');
    after_value_ = true;
    return *this;
}

JsonWriter& JsonWriter::begin_array() {
    separate();
    out_.push_back('[');
    after_value_ = false;
    return *this;
}

JsonWriter& JsonWriter::end_array() {
    out_.push_back(']');
    after_value_ = true;
    return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
    separate();
    append_json_string(out_, name);
    out_.push_back(':');
    after_value_ = false;
    return *this;
}

JsonWriter& JsonWriter::value(std::string_view text) {
    separate();
    append_json_string(out_, text);
    after_value_ = true;
    return *this;
}

JsonWriter& JsonWriter::value(std::int64_t number) {
    separate();
    append_integer(out_, number);
    after_value_ = true;
    return *this;
}

JsonWriter& JsonWriter::value(std::uint64_t number) {
    separate();
    append_integer(out_, number);
    after_value_ = true;
    return *this;
}

JsonWriter& JsonWriter::value(bool flag) {
    separate();
    out_ += flag ? "true" : "false";
    after_value_ = true;
    return *this;
}

JsonWriter& JsonWriter::null() {
    separate();
    out_ += "null";
    after_value_ = true;
    return *this;
}

JsonWriter& JsonWriter::value(const nlohmann::json& any) {
    separate();
    write(any);
    after_value_ = true;
    return *this;
}

void JsonWriter::write(const nlohmann::json& any) {
    using Type = nlohmann::json::value_t;
    switch (any.type()) {
        case Type::null: out_ += "null"; return;
        case Type::boolean: out_ += any.get<bool>() ? "true" : "false"; return;
        case Type::number_integer: append_integer(out_, any.get<std::int64_t>()); return;
        case Type::number_unsigned: append_integer(out_, any.get<std::uint64_t>()); return;
        case Type::string: append_json_string(out_, any.get_ref<const std::string&>()); return;
        case Type::array: {
            out_.push_back('[');
            bool first = true;
            for (const auto& item : any.get_ref<const nlohmann::json::array_t&>()) {
                if (!first) out_.push_back(',');
                first = false;
                write(item);
            }
            out_.push_back(']');
            return;
        }
        case Type::object: {
            out_.push_back('{');
            bool first = true;
            for (const auto& [name, item] : any.get_ref<const nlohmann::json::object_t&>()) {
                if (!first) out_.push_back(',');
                first = false;
                append_json_string(out_, name);
                out_.push_back(':');
                write(item);
            }
            out_.push_back('}');
            return;
        }
        default:
            // Floating-point numbers (shortest round-trip digits) and binary
            // values, which results hold rarely or never: nlohmann writes them.
            out_ += any.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }
}

}  // namespace poura
