#include <poura/json.hpp>

#include "core/text.hpp"

#include <cmath>
#include <cstdint>
#include <string>

namespace poura {

namespace {

// One step of the path from the root to the value being read, on the stack
// of the parser's own recursion; written out only for an error message.
struct Step {
    const Step* up;
    std::string_view key;  // the member's name, in an object
    std::size_t index;     // the element's place, in an array
    bool in_object;
};

// A member's name as a path step: .name when it is plain, ["name"] with
// escapes when it holds characters that would break the path or, written
// to a terminal or a log, do harm (controls).
void append_key(std::string& out, std::string_view key) {
    bool plain = !key.empty();
    for (const char c : key) {
        const auto b = static_cast<unsigned char>(c);
        plain = plain && b > 0x20 && b != 0x7F && c != '.' && c != '[' && c != ']' && c != '"' && c != '\\';
    }
    if (plain) {
        out += '.';
        out += key;
        return;
    }
    out += "[\"";
    for (const char c : key) {
        const auto b = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (b < 0x20 || b == 0x7F) {
            static constexpr char hex[] = "0123456789abcdef";
            out += "\\u00";
            out += hex[b >> 4];
            out += hex[b & 0xF];
        } else {
            out += c;
        }
    }
    out += "\"]";
}

void append_path(std::string& out, const Step* step) {
    if (step == nullptr) {
        out += '$';
        return;
    }
    append_path(out, step->up);
    if (step->in_object) {
        append_key(out, step->key);
    } else {
        out += '[';
        out += std::to_string(step->index);
        out += ']';
    }
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Decimal numbers with a fraction or an exponent: significand * 10^power,
// read to the nearest double (ties to even) with 128-bit integer arithmetic.
// 10^power = 5^power * 2^power, and 5^27 < 2^63, so for |power| <= 27 the
// product w * 5^power fits 128 bits, and so does w scaled up to 127 bits
// before the division by 5^-power; the conversion of a 128-bit integer to
// double rounds correctly, and scaling by a power of two is exact here.
// Values are kept between 1e-10 and 1e45, where a double's 17-digit
// serialisation (nlohmann's dump writes at most 17 digits) is within these
// same limits: whatever is read can be written and read back.
constexpr int max_power = 27;
constexpr int min_decimal_exponent = -10;  // the value's magnitude: at least 1e-10
constexpr int max_decimal_exponent = 44;   // and below 1e45
__extension__ typedef unsigned __int128 Wide;  // GCC and Clang, without -Wpedantic's complaint

Wide power_of_five(int n) {
    Wide p = 1;
    for (int i = 0; i < n; ++i) p *= 5;
    return p;
}

int decimal_digits(std::uint64_t v) {
    int n = 0;
    for (; v != 0; v /= 10) ++n;
    return n;
}

int bit_length(std::uint64_t v) {
    int n = 0;
    for (; v != 0; v >>= 1) ++n;
    return n;
}

// significand * 10^power, for a non-zero significand and |power| <= max_power.
double decimal_to_double(std::uint64_t significand, int power) {
    if (power >= 0) return std::ldexp(static_cast<double>(Wide{significand} * power_of_five(power)), power);
    const auto divisor = static_cast<std::uint64_t>(power_of_five(-power));
    const int shift = 127 - bit_length(significand);
    const Wide numerator = Wide{significand} << shift;
    // At least 64 bits of quotient; a remainder sets the lowest, so that the
    // conversion rounds a value just above a tie up rather than to even.
    Wide quotient = numerator / divisor;
    if (numerator - quotient * divisor != 0) quotient |= 1;
    return std::ldexp(static_cast<double>(quotient), power - shift);
}

class Parser {
public:
    explicit Parser(std::string_view text) : text_(text) {}

    Result<nlohmann::json> run() {
        if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
        nlohmann::json result;
        if (!value(result, nullptr, 0)) return make_error(Errc::malformed_input, std::move(error_));
        skip_space();
        if (pos_ != text_.size()) {
            fail(nullptr, "unexpected text after the value");
            return make_error(Errc::malformed_input, std::move(error_));
        }
        return result;
    }

private:
    char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }

    void skip_space() {
        while (pos_ < text_.size()) {
            const char c = text_[pos_];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') return;
            ++pos_;
        }
    }

    // Steps over spaces, then over `c` when it comes next.
    bool skip_if(char c) {
        skip_space();
        if (peek() != c) return false;
        ++pos_;
        return true;
    }

    bool fail(const Step* at, std::string_view what) {
        std::size_t line = 1, column = 1;
        for (std::size_t i = 0; i < pos_ && i < text_.size(); ++i) {
            const auto c = static_cast<unsigned char>(text_[i]);
            if (c == '\n') {
                ++line;
                column = 1;
            } else if ((c & 0xC0) != 0x80) {
                ++column;
            }
        }
        error_.clear();
        append_path(error_, at);
        error_ += ": ";
        error_ += what;
        error_ += " (line " + std::to_string(line) + ", column " + std::to_string(column);
        if (pos_ >= text_.size()) error_ += ", at the end of the text";
        error_ += ')';
        return false;
    }

    bool value(nlohmann::json& out, const Step* at, std::size_t depth) {
        skip_space();
        switch (peek()) {
            case '{':
            case '[':
                if (depth >= json_max_depth) return fail(at, "objects and arrays nest deeper than 128");
                return peek() == '{' ? object(out, at, depth) : array(out, at, depth);
            case '"': {
                std::string s;
                if (!string(s, at)) return false;
                out = std::move(s);
                return true;
            }
            case 't': return literal("true", at) && (out = true, true);
            case 'f': return literal("false", at) && (out = false, true);
            case 'n': return literal("null", at) && (out = nullptr, true);
            default:
                if (peek() == '-' || is_digit(peek())) return number(out, at);
                return fail(at, "expected a value");
        }
    }

    bool literal(std::string_view word, const Step* at) {
        if (text_.substr(pos_, word.size()) != word) return fail(at, "expected a value");
        pos_ += word.size();
        return true;
    }

    bool object(nlohmann::json& out, const Step* at, std::size_t depth) {
        ++pos_;
        out = nlohmann::json::object();
        auto& members = out.get_ref<nlohmann::json::object_t&>();
        if (skip_if('}')) return true;
        std::string key;
        for (;;) {
            skip_space();
            if (peek() != '"') return fail(at, "expected a member name in double quotes");
            const std::size_t key_at = pos_;
            key.clear();
            if (!string(key, at)) return false;
            const auto [member, added] = members.try_emplace(key);
            const Step step{at, member->first, 0, true};
            if (!added) {
                pos_ = key_at;
                return fail(&step, "duplicate key");
            }
            if (!skip_if(':')) return fail(&step, "expected ':' after the member name");
            if (!value(member->second, &step, depth + 1)) return false;
            if (skip_if('}')) return true;
            if (!skip_if(',')) return fail(at, "expected ',' or '}' after a member");
        }
    }

    bool array(nlohmann::json& out, const Step* at, std::size_t depth) {
        ++pos_;
        out = nlohmann::json::array();
        auto& items = out.get_ref<nlohmann::json::array_t&>();
        if (skip_if(']')) return true;
        for (;;) {
            const Step step{at, {}, items.size(), false};
            items.emplace_back();
            if (!value(items.back(), &step, depth + 1)) return false;
            if (skip_if(']')) return true;
            if (!skip_if(',')) return fail(at, "expected ',' or ']' after an element");
        }
    }

    bool string(std::string& out, const Step* at) {
        ++pos_;
        const auto* bytes = reinterpret_cast<const unsigned char*>(text_.data());
        const std::size_t size = text_.size();
        for (;;) {
            std::size_t run = pos_;
            while (run < size && bytes[run] >= 0x20 && bytes[run] < 0x80 && bytes[run] != '"' && bytes[run] != '\\')
                ++run;
            out.append(text_.data() + pos_, run - pos_);
            pos_ = run;
            if (pos_ >= size) return fail(at, "unterminated string");
            const unsigned char c = bytes[pos_];
            if (c == '"') {
                ++pos_;
                return true;
            }
            if (c == '\\') {
                if (!escape(out, at)) return false;
            } else if (c < 0x20) {
                return fail(at, "control character in a string (write it as an escape)");
            } else {
                const std::size_t length = text::utf8_length_at(text_, pos_);
                if (length == 0) return fail(at, "string is not well-formed UTF-8");
                out.append(text_.data() + pos_, length);
                pos_ += length;
            }
        }
    }

    bool escape(std::string& out, const Step* at) {
        ++pos_;
        const char c = peek();
        ++pos_;
        switch (c) {
            case '"': out += '"'; return true;
            case '\\': out += '\\'; return true;
            case '/': out += '/'; return true;
            case 'b': out += '\b'; return true;
            case 'f': out += '\f'; return true;
            case 'n': out += '\n'; return true;
            case 'r': out += '\r'; return true;
            case 't': out += '\t'; return true;
            case 'u': break;
            default: --pos_; return fail(at, "unknown escape in a string");
        }
        std::uint32_t cp = 0;
        if (!hex4(cp, at)) return false;
        if (cp >= 0xDC00 && cp <= 0xDFFF) return fail(at, "\\u escape of a low surrogate with no high one before it");
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            constexpr std::string_view unpaired = "\\u escape of a high surrogate with no low one after it";
            std::uint32_t low = 0;
            if (text_.substr(pos_, 2) != "\\u") return fail(at, unpaired);
            pos_ += 2;
            if (!hex4(low, at)) return false;
            if (low < 0xDC00 || low > 0xDFFF) return fail(at, unpaired);
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        }
        text::append_utf8(out, cp);
        return true;
    }

    bool hex4(std::uint32_t& out, const Step* at) {
        for (int i = 0; i < 4; ++i) {
            const int v = hex_value(peek());
            if (v < 0) return fail(at, "\\u must be followed by four hexadecimal digits");
            out = out * 16 + static_cast<std::uint32_t>(v);
            ++pos_;
        }
        return true;
    }

    bool number(nlohmann::json& out, const Step* at) {
        const bool negative = peek() == '-';
        if (negative) ++pos_;
        if (!is_digit(peek())) return fail(at, "expected a digit");
        // Every digit of the integer and fraction parts goes into `significand`,
        // except zeros after the last non-zero digit, which are counted.
        std::uint64_t significand = 0;
        std::int64_t zeros = 0, fraction_digits = 0;
        bool too_long = false;
        auto times_ten = [&] {
            too_long = too_long || significand > UINT64_MAX / 10;
            if (!too_long) significand *= 10;
        };
        auto take = [&](char c) {
            if (c == '0') {
                if (significand != 0) ++zeros;
                return;
            }
            for (; zeros > 0 && !too_long; --zeros) times_ten();
            const auto d = static_cast<std::uint64_t>(c - '0');
            too_long = too_long || significand > (UINT64_MAX - d) / 10;
            if (!too_long) significand = significand * 10 + d;
        };
        if (peek() == '0') {
            ++pos_;
            if (is_digit(peek())) return fail(at, "a number may not start with 0 followed by digits");
        } else {
            while (is_digit(peek())) take(text_[pos_++]);
        }
        bool integer = true;
        if (peek() == '.') {
            integer = false;
            ++pos_;
            if (!is_digit(peek())) return fail(at, "expected a digit after the decimal point");
            while (is_digit(peek())) {
                take(text_[pos_++]);
                ++fraction_digits;
            }
        }
        std::int64_t exponent = 0;
        if (peek() == 'e' || peek() == 'E') {
            integer = false;
            ++pos_;
            bool exponent_negative = false;
            if (peek() == '+' || peek() == '-') exponent_negative = text_[pos_++] == '-';
            if (!is_digit(peek())) return fail(at, "expected a digit in the exponent");
            while (is_digit(peek())) {
                // Saturates far beyond any text's length, which bounds the other terms of the power.
                if (exponent < 1'000'000'000'000'000) exponent = exponent * 10 + (text_[pos_] - '0');
                ++pos_;
            }
            if (exponent_negative) exponent = -exponent;
        }
        if (integer) {
            for (; zeros > 0 && !too_long; --zeros) times_ten();
            if (!negative && !too_long) {
                out = significand;
                return true;
            }
            if (negative && !too_long && significand <= std::uint64_t{1} << 63) {
                out = significand == 0 ? std::int64_t{0} : static_cast<std::int64_t>(0 - significand);
                return true;
            }
            return fail(at, "integer out of range (64 bits)");
        }
        if (too_long) return fail(at, "number with more significant digits than 64 bits hold (19 always fit)");
        double magnitude = 0;
        if (significand != 0) {
            std::int64_t power = zeros - fraction_digits + exponent;
            const std::int64_t decimal_exponent = power + decimal_digits(significand) - 1;
            if (decimal_exponent < min_decimal_exponent || decimal_exponent > max_decimal_exponent)
                return fail(at, out_of_range);
            for (; power > max_power && significand <= UINT64_MAX / 10; --power) significand *= 10;
            if (power < -max_power) return fail(at, "number with a significant digit beyond the 27th decimal place");
            magnitude = decimal_to_double(significand, static_cast<int>(power));
            // Just below 1e45 may round up to it: its text would then be out of range.
            if (magnitude >= 1e45) return fail(at, out_of_range);
        }
        out = negative ? -magnitude : magnitude;
        return true;
    }

    static constexpr std::string_view out_of_range = "number out of range (magnitudes from 1e-10 to below 1e45)";

    std::string_view text_;
    std::size_t pos_ = 0;
    std::string error_;
};

}  // namespace

Result<nlohmann::json> parse_json(std::string_view text) { return Parser(text).run(); }

}  // namespace poura
