#include "codec/cbor.hpp"

#include "core/text.hpp"

#include <cmath>
#include <cstring>
#include <limits>

namespace poura::cbor {

Value Value::boolean(bool b) {
    Value v;
    v.type_ = Type::boolean;
    v.magnitude_ = b ? 1 : 0;
    return v;
}

Value Value::tagged(std::uint64_t tag, Value inner) {
    Value v;
    v.type_ = Type::tag;
    v.magnitude_ = tag;
    v.data_ = std::make_shared<const Value>(std::move(inner));
    return v;
}

Value Value::undefined() {
    Value v;
    v.type_ = Type::undefined;
    return v;
}

Value Value::floating(double d) {
    Value v;
    v.type_ = Type::floating;
    v.double_ = d;
    return v;
}

Value Value::raw_integer(bool negative, std::uint64_t n) {
    Value v;
    v.type_ = Type::integer;
    v.negative_ = negative;
    v.magnitude_ = n;
    return v;
}

std::optional<std::int64_t> Value::as_int() const {
    if (type_ != Type::integer || magnitude_ > static_cast<std::uint64_t>(INT64_MAX)) return std::nullopt;
    const auto n = static_cast<std::int64_t>(magnitude_);
    return negative_ ? -1 - n : n;
}

const Value* Value::find(std::int64_t key) const {
    if (type_ != Type::map) return nullptr;
    for (const auto& [k, v] : as_map())
        if (k.as_int() == key) return &v;
    return nullptr;
}

const Value* Value::find(std::string_view key) const {
    if (type_ != Type::map) return nullptr;
    for (const auto& [k, v] : as_map())
        if (k.type_ == Type::text && k.as_text() == key) return &v;
    return nullptr;
}

bool Value::operator==(const Value& o) const {
    if (type_ != o.type_) return false;
    switch (type_) {
        case Type::integer: return negative_ == o.negative_ && magnitude_ == o.magnitude_;
        case Type::bytes: return as_bytes() == o.as_bytes();
        case Type::text: return as_text() == o.as_text();
        case Type::array: return as_array() == o.as_array();
        case Type::map: return as_map() == o.as_map();
        case Type::tag: return magnitude_ == o.magnitude_ && tagged_value() == o.tagged_value();
        case Type::boolean: return magnitude_ == o.magnitude_;
        case Type::floating: return double_ == o.double_ || (std::isnan(double_) && std::isnan(o.double_));
        case Type::null:
        case Type::undefined: return true;
    }
    return false;
}

void encode_head(Bytes& out, unsigned major, std::uint64_t n) {
    const auto m = static_cast<std::uint8_t>(major << 5);
    if (n < 24) {
        out.push_back(static_cast<std::uint8_t>(m | n));
        return;
    }
    int bytes = n <= 0xFF ? 1 : n <= 0xFFFF ? 2 : n <= 0xFFFFFFFFu ? 4 : 8;
    out.push_back(static_cast<std::uint8_t>(m | (bytes == 1 ? 24 : bytes == 2 ? 25 : bytes == 4 ? 26 : 27)));
    for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) out.push_back(static_cast<std::uint8_t>(n >> shift));
}

void encode_into(Bytes& out, const Value& v) {
    switch (v.type()) {
        case Type::integer: encode_head(out, v.raw_negative() ? 1 : 0, v.raw_magnitude()); break;
        case Type::bytes:
            encode_head(out, 2, v.as_bytes().size());
            out.insert(out.end(), v.as_bytes().begin(), v.as_bytes().end());
            break;
        case Type::text:
            encode_head(out, 3, v.as_text().size());
            out.insert(out.end(), v.as_text().begin(), v.as_text().end());
            break;
        case Type::array:
            encode_head(out, 4, v.as_array().size());
            for (const auto& item : v.as_array()) encode_into(out, item);
            break;
        case Type::map:
            encode_head(out, 5, v.as_map().size());
            for (const auto& [key, value] : v.as_map()) {
                encode_into(out, key);
                encode_into(out, value);
            }
            break;
        case Type::tag:
            encode_head(out, 6, v.tag());
            encode_into(out, v.tagged_value());
            break;
        case Type::boolean: out.push_back(v.as_bool() ? 0xF5 : 0xF4); break;
        case Type::null: out.push_back(0xF6); break;
        case Type::undefined: out.push_back(0xF7); break;
        case Type::floating: {
            out.push_back(0xFB);
            std::uint64_t bits;
            const double d = v.as_double();
            std::memcpy(&bits, &d, sizeof bits);
            for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<std::uint8_t>(bits >> shift));
            break;
        }
    }
}

Bytes encode(const Value& value) {
    Bytes out;
    encode_into(out, value);
    return out;
}

namespace {

// Whether a float read from `width` bytes has a shorter exact encoding. A NaN's
// shortest is the half-precision one.
bool has_shorter_float(double d, std::size_t width) {
    if (width == 2) return false;
    if (std::isnan(d)) return true;
    if (width == 8) {
        // Converting a finite double beyond float's range is undefined behaviour.
        if (std::isfinite(d) && std::fabs(d) > static_cast<double>(std::numeric_limits<float>::max())) return false;
        return static_cast<double>(static_cast<float>(d)) == d;
    }
    // A single: does half precision (11 significant bits, exponents -14..15,
    // subnormals down to 2^-24) hold it?
    const double magnitude = std::fabs(d);
    if (magnitude == 0 || std::isinf(magnitude)) return true;
    if (magnitude > 65504 || magnitude < std::ldexp(1.0, -24)) return false;
    int exponent = 0;
    std::frexp(magnitude, &exponent);  // magnitude = m * 2^exponent, m in [0.5, 1)
    const int significant_bits = exponent - 1 >= -14 ? 11 : exponent + 24;
    const double scaled = std::ldexp(magnitude, significant_bits - exponent);
    return scaled == std::floor(scaled);
}

bool has_shorter_head(unsigned info, std::uint64_t n) {
    switch (info) {
        case 24: return n < 24;
        case 25: return n <= 0xFF;
        case 26: return n <= 0xFFFF;
        case 27: return n <= 0xFFFFFFFFu;
        default: return false;
    }
}

class Decoder {
public:
    Decoder(const std::uint8_t* data, std::size_t size, const DecodeLimits& limits, Encoding encoding)
        : data_(data), size_(size), limits_(limits), preferred_only_(encoding == Encoding::preferred) {}

    Result<Value> item(std::size_t depth) {
        if (depth > limits_.max_depth) return fail("nesting deeper than " + std::to_string(limits_.max_depth));
        if (pos_ >= size_) return fail("unexpected end of data");
        const std::uint8_t initial = data_[pos_++];
        const unsigned major = initial >> 5;
        const unsigned info = initial & 0x1F;
        if (major == 7) return simple(info);

        std::uint64_t n = 0;
        if (info < 24) {
            n = info;
        } else if (info <= 27) {
            const std::size_t len = std::size_t{1} << (info - 24);
            if (size_ - pos_ < len) return fail("unexpected end of data in an item head");
            for (std::size_t i = 0; i < len; ++i) n = (n << 8) | data_[pos_++];
            if (preferred_only_ && has_shorter_head(info, n))
                return fail("an integer, length or tag in a longer form than needed");
        } else if (info == 31) {
            return fail("indefinite-length items are not accepted");
        } else {
            return fail("reserved additional information value");
        }

        switch (major) {
            case 0: return Value::raw_integer(false, n);
            case 1: return Value::raw_integer(true, n);
            case 2:
            case 3: {
                if (n > size_ - pos_) return fail("string length beyond the end of data");
                const auto* begin = data_ + pos_;
                pos_ += static_cast<std::size_t>(n);
                if (major == 2) return Value(Bytes(begin, begin + n));
                std::string text(reinterpret_cast<const char*>(begin), static_cast<std::size_t>(n));
                if (!text::is_valid_utf8(text)) return fail("text string is not valid UTF-8");
                return Value(std::move(text));
            }
            case 4: {
                // Every element takes at least one byte: a count above the bytes
                // left is a lie, refused before any allocation.
                if (n > size_ - pos_) return fail("array length beyond the end of data");
                if (!count_items(n)) return fail("too many items");
                Array array;
                array.reserve(static_cast<std::size_t>(n));
                for (std::uint64_t i = 0; i < n; ++i) {
                    auto element = item(depth + 1);
                    if (!element) return element;
                    array.push_back(std::move(element).value());
                }
                return Value(std::move(array));
            }
            case 5: {
                if (n > (size_ - pos_) / 2) return fail("map length beyond the end of data");
                if (!count_items(n)) return fail("too many items");
                Map map;
                map.reserve(static_cast<std::size_t>(n));
                for (std::uint64_t i = 0; i < n; ++i) {
                    auto key = item(depth + 1);
                    if (!key) return key;
                    for (const auto& entry : map)
                        if (entry.first == key.value()) return fail("duplicate map key");
                    auto value = item(depth + 1);
                    if (!value) return value;
                    map.emplace_back(std::move(key).value(), std::move(value).value());
                }
                return Value(std::move(map));
            }
            default: {  // 6: tag
                auto inner = item(depth + 1);
                if (!inner) return inner;
                return Value::tagged(n, std::move(inner).value());
            }
        }
    }

    bool at_end() const { return pos_ == size_; }
    std::size_t position() const { return pos_; }

private:
    Result<Value> simple(unsigned info) {
        switch (info) {
            case 20: return Value::boolean(false);
            case 21: return Value::boolean(true);
            case 22: return Value();
            case 23: return Value::undefined();
            case 25: return read_float(2);
            case 26: return read_float(4);
            case 27: return read_float(8);
            default: return fail("unsupported simple value");
        }
    }

    Result<Value> read_float(std::size_t len) {
        if (size_ - pos_ < len) return fail("unexpected end of data in a float");
        std::uint64_t bits = 0;
        for (std::size_t i = 0; i < len; ++i) bits = (bits << 8) | data_[pos_++];
        double d;
        if (len == 2) {
            const int exponent = static_cast<int>((bits >> 10) & 0x1F);
            const double mantissa = static_cast<double>(bits & 0x3FF);
            if (exponent == 0) d = std::ldexp(mantissa, -24);
            else if (exponent == 31) d = mantissa == 0 ? INFINITY : NAN;
            else d = std::ldexp(mantissa + 1024, exponent - 25);
            if (bits & 0x8000) d = -d;
        } else if (len == 4) {
            float f;
            const auto b32 = static_cast<std::uint32_t>(bits);
            std::memcpy(&f, &b32, sizeof f);
            d = f;
        } else {
            std::memcpy(&d, &bits, sizeof d);
        }
        if (preferred_only_ && has_shorter_float(d, len)) return fail("a float in a longer form than needed");
        return Value::floating(d);
    }

    bool count_items(std::uint64_t n) {
        if (n > limits_.max_items - items_) return false;
        items_ += static_cast<std::size_t>(n);
        return true;
    }

    Error fail(const std::string& why) const {
        return make_error(Errc::malformed_input, "cbor: " + why + " (at byte " + std::to_string(pos_) + ")");
    }

    const std::uint8_t* data_;
    std::size_t size_;
    std::size_t pos_ = 0;
    std::size_t items_ = 0;
    DecodeLimits limits_;
    bool preferred_only_;
};

}  // namespace

Result<Value> decode(const std::uint8_t* data, std::size_t size, const DecodeLimits& limits, Encoding encoding) {
    Decoder decoder(data, size, limits, encoding);
    auto value = decoder.item(0);
    if (!value) return value;
    if (!decoder.at_end())
        return make_error(Errc::malformed_input,
                          "cbor: " + std::to_string(size - decoder.position()) + " bytes of trailing data");
    return value;
}

}  // namespace poura::cbor
