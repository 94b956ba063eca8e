#include "codec/cbor.hpp"

#include "core/text.hpp"

#include <algorithm>
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

}  // namespace

// Keys are nearly always integers, compared here without a call per pair.
bool repeats_key(const Map& map) {
    const Value& key = map.back().first;
    const auto before = map.end() - 1;
    if (key.is(Type::integer)) {
        for (auto entry = map.begin(); entry != before; ++entry)
            if (entry->first.is(Type::integer) && entry->first.raw_magnitude() == key.raw_magnitude() &&
                entry->first.raw_negative() == key.raw_negative())
                return true;
        return false;
    }
    for (auto entry = map.begin(); entry != before; ++entry)
        if (entry->first == key) return true;
    return false;
}

namespace {

bool has_shorter_head(unsigned info, std::uint64_t n) {
    switch (info) {
        case 24: return n < 24;
        case 25: return n <= 0xFF;
        case 26: return n <= 0xFFFF;
        case 27: return n <= 0xFFFFFFFFu;
        default: return false;
    }
}

// Builds Values from a Reader. Each item is decoded in place, into the array
// element or map entry that holds it, so a value is never moved on its way
// up the tree.
class Decoder {
public:
    explicit Decoder(Reader& reader) : reader_(reader) {}

    bool item(std::size_t depth, Value& out) {
        Item head;
        if (!reader_.next(head, depth)) return false;
        switch (head.type) {
            case Type::integer: out = Value::raw_integer(head.negative, head.n); return true;
            case Type::bytes: out = Value(Bytes(head.data, head.data + head.n)); return true;
            case Type::text: out = Value(std::string(head.text())); return true;
            case Type::array: {
                Array& array = out.as_array();
                array.reserve(static_cast<std::size_t>(head.n));
                for (std::uint64_t i = 0; i < head.n; ++i)
                    if (!item(depth + 1, array.emplace_back())) return false;
                return true;
            }
            case Type::map: {
                Map& map = out.as_map();
                map.reserve(static_cast<std::size_t>(head.n));
                for (std::uint64_t i = 0; i < head.n; ++i) {
                    auto& [key, value] = map.emplace_back();
                    if (!item(depth + 1, key)) return false;
                    if (repeats_key(map)) return reader_.fail("duplicate map key");
                    if (!item(depth + 1, value)) return false;
                }
                return true;
            }
            case Type::tag: {
                Value inner;
                if (!item(depth + 1, inner)) return false;
                out = Value::tagged(head.n, std::move(inner));
                return true;
            }
            case Type::boolean: out = Value::boolean(head.n != 0); return true;
            case Type::undefined: out = Value::undefined(); return true;
            case Type::floating: out = Value::floating(head.floating); return true;
            case Type::null: out = Value(); return true;
        }
        return reader_.fail("unknown item");
    }

private:
    Reader& reader_;
};

}  // namespace

bool Reader::fail(const std::string& why) {
    error_ = make_error(Errc::malformed_input, "cbor: " + why + " (at byte " + std::to_string(pos_) + ")");
    return false;
}

bool Reader::next_item(Item& item, std::size_t depth) {
    if (depth > limits_.max_depth) return fail("nesting deeper than " + std::to_string(limits_.max_depth));
    if (pos_ >= size_) return fail("unexpected end of data");
    const std::uint8_t initial = data_[pos_++];
    const unsigned major = initial >> 5;
    const unsigned info = initial & 0x1F;
    if (major == 7) return simple(info, item);

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
    item.n = n;
    item.negative = false;
    switch (major) {
        case 0:
        case 1:
            item.type = Type::integer;
            item.negative = major == 1;
            return true;
        case 2:
        case 3:
            if (n > size_ - pos_) return fail("string length beyond the end of data");
            item.type = major == 2 ? Type::bytes : Type::text;
            item.data = data_ + pos_;
            pos_ += static_cast<std::size_t>(n);
            if (major == 3 && !text::is_valid_utf8(item.text())) return fail("text string is not valid UTF-8");
            return true;
        case 4:
        case 5:
            // Every element takes at least one byte, every entry two: a count
            // above that is a lie, refused before anything is sized by it.
            if (n > (size_ - pos_) / (major == 4 ? 1 : 2))
                return fail(major == 4 ? "array length beyond the end of data" : "map length beyond the end of data");
            if (n > limits_.max_items - items_) return fail("too many items");
            items_ += static_cast<std::size_t>(n);
            item.type = major == 4 ? Type::array : Type::map;
            return true;
        default:  // 6
            item.type = Type::tag;
            return true;
    }
}

bool Reader::simple(unsigned info, Item& item) {
    item.n = 0;
    item.negative = false;
    switch (info) {
        case 20:
        case 21:
            item.type = Type::boolean;
            item.n = info == 21 ? 1 : 0;
            return true;
        case 22: item.type = Type::null; return true;
        case 23: item.type = Type::undefined; return true;
        case 25:
        case 26:
        case 27: break;
        default: return fail("unsupported simple value");
    }
    const std::size_t len = std::size_t{1} << (info - 24);
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
    item.type = Type::floating;
    item.floating = d;
    return true;
}

bool Reader::skip(std::size_t depth) {
    Item head;
    return next(head, depth) && skip_contents(head, depth);
}

bool Reader::skip_contents(const Item& head, std::size_t depth) {
    switch (head.type) {
        case Type::array:
            for (std::uint64_t i = 0; i < head.n; ++i)
                if (!skip(depth + 1)) return false;
            return true;
        case Type::map: return skip_map(head.n, depth);
        case Type::tag: return skip(depth + 1);
        default: return true;  // a scalar, or a string, which next() read whole
    }
}

namespace {

// A key seen while skipping a map, to tell a repeated one: scalars by value
// (whatever head encoded them), others by their bytes. Trivial, so that an
// array of them on the stack costs nothing to set up.
struct SeenKey {
    Type type;
    bool negative;
    std::uint64_t n;
    double floating;
    const std::uint8_t* data;
    std::size_t begin, end;
};

bool same_key(const SeenKey& a, const SeenKey& b, const std::uint8_t* data) {
    if (a.type != b.type) return false;
    switch (a.type) {
        case Type::integer: return a.negative == b.negative && a.n == b.n;
        case Type::bytes:
        case Type::text: return a.n == b.n && std::memcmp(a.data, b.data, a.n) == 0;
        case Type::boolean: return a.n == b.n;
        case Type::null:
        case Type::undefined: return true;
        case Type::floating: return a.floating == b.floating || (std::isnan(a.floating) && std::isnan(b.floating));
        default:  // arrays, maps and tags, by their encoding
            return a.end - a.begin == b.end - b.begin && std::memcmp(data + a.begin, data + b.begin, a.end - a.begin) == 0;
    }
}

}  // namespace

bool Reader::skip_map(std::uint64_t entries, std::size_t depth) {
    // Keys 0 to 63, which nearly every map in a certificate uses alone, are
    // told apart by a bit each; other keys are kept, a few dozen on the stack.
    std::uint64_t small_keys = 0;
    constexpr std::size_t kOnStack = 32;
    SeenKey on_stack[kOnStack];
    std::size_t kept = 0;
    std::vector<SeenKey> on_heap;
    for (std::uint64_t i = 0; i < entries; ++i) {
        const std::size_t begin = pos_;
        Item head;
        if (!next(head, depth + 1) || !skip_contents(head, depth + 1)) return false;
        if (head.type == Type::integer && !head.negative && head.n < 64) {
            const std::uint64_t bit = std::uint64_t{1} << head.n;
            if (small_keys & bit) return fail("duplicate map key");
            small_keys |= bit;
        } else {
            const SeenKey key{head.type, head.negative, head.n, head.floating, head.data, begin, pos_};
            for (const SeenKey* k = on_stack; k != on_stack + std::min(kept, kOnStack); ++k)
                if (same_key(*k, key, data_)) return fail("duplicate map key");
            for (const SeenKey& k : on_heap)
                if (same_key(k, key, data_)) return fail("duplicate map key");
            if (kept < kOnStack) on_stack[kept] = key;
            else on_heap.push_back(key);
            ++kept;
        }
        if (!skip(depth + 1)) return false;
    }
    return true;
}

bool decode_item(Reader& reader, std::size_t depth, Value& out) { return Decoder(reader).item(depth, out); }

Error Reader::trailing_data() const {
    return make_error(Errc::malformed_input, "cbor: " + std::to_string(remaining()) + " bytes of trailing data");
}

Result<Value> decode(const std::uint8_t* data, std::size_t size, const DecodeLimits& limits, Encoding encoding) {
    Reader reader(data, size, limits, encoding);
    Value value;
    if (!Decoder(reader).item(0, value)) return reader.error();
    if (!reader.at_end()) return reader.trailing_data();
    return value;
}

Status check(const std::uint8_t* data, std::size_t size, const DecodeLimits& limits, Encoding encoding) {
    Reader reader(data, size, limits, encoding);
    if (!reader.skip(0)) return reader.error();
    if (!reader.at_end()) return reader.trailing_data();
    return {};
}

}  // namespace poura::cbor
