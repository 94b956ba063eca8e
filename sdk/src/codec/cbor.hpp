// A small, strict CBOR (RFC 8949) codec for COSE and CWT. Maps keep their
// order and may have integer keys, which COSE headers and CWT claims need.
#pragma once

#include <poura/result.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace poura::cbor {

enum class Type { integer, bytes, text, array, map, tag, boolean, null, undefined, floating };

class Value;
using Array = std::vector<Value>;
using Map = std::vector<std::pair<Value, Value>>;

class Value {
public:
    Value() : type_(Type::null) {}
    Value(std::int64_t i) : type_(Type::integer), negative_(i < 0), magnitude_(magnitude_of(i)) {}
    Value(int i) : Value(static_cast<std::int64_t>(i)) {}
    Value(Bytes b) : type_(Type::bytes), data_(std::move(b)) {}
    Value(std::string s) : type_(Type::text), data_(std::move(s)) {}
    Value(const char* s) : Value(std::string(s)) {}
    Value(Array a) : type_(Type::array), data_(std::move(a)) {}
    Value(Map m) : type_(Type::map), data_(std::move(m)) {}

    static Value boolean(bool b);
    static Value tagged(std::uint64_t tag, Value inner);
    static Value undefined();
    static Value floating(double d);
    // Integers as CBOR holds them: major type 0 (n) or 1 (-1 - n).
    static Value raw_integer(bool negative, std::uint64_t n);

    Type type() const { return type_; }
    bool is(Type t) const { return type_ == t; }

    // The integer when it fits in int64_t.
    std::optional<std::int64_t> as_int() const {
        if (type_ != Type::integer || magnitude_ > static_cast<std::uint64_t>(INT64_MAX)) return std::nullopt;
        const auto n = static_cast<std::int64_t>(magnitude_);
        return negative_ ? -1 - n : n;
    }
    bool raw_negative() const { return negative_; }
    std::uint64_t raw_magnitude() const { return magnitude_; }
    bool as_bool() const { return magnitude_ != 0; }
    double as_double() const { return double_; }
    std::uint64_t tag() const { return magnitude_; }

    // The contents; empty when the value is of another type. The mutable
    // forms make the value an (empty) array or map first if it is not one.
    const Bytes& as_bytes() const { return held<Bytes>(); }
    const std::string& as_text() const { return held<std::string>(); }
    const Array& as_array() const { return held<Array>(); }
    Array& as_array() { return hold<Array>(Type::array); }
    const Map& as_map() const { return held<Map>(); }
    Map& as_map() { return hold<Map>(Type::map); }
    const Value& tagged_value() const { return *std::get<std::shared_ptr<const Value>>(data_); }

    // Map lookup by integer or text key; null when absent or not a map.
    const Value* find(std::int64_t key) const;
    const Value* find(std::string_view key) const;
    Value* find(std::int64_t key) { return const_cast<Value*>(static_cast<const Value&>(*this).find(key)); }

    bool operator==(const Value& other) const;
    bool operator!=(const Value& other) const { return !(*this == other); }

private:
    static std::uint64_t magnitude_of(std::int64_t i) {
        return i < 0 ? static_cast<std::uint64_t>(-(i + 1)) : static_cast<std::uint64_t>(i);
    }

    template <typename T>
    const T& held() const {
        static const T empty{};
        const T* p = std::get_if<T>(&data_);
        return p ? *p : empty;
    }
    template <typename T>
    T& hold(Type type) {
        if (!std::holds_alternative<T>(data_)) data_.template emplace<T>(), type_ = type;
        return std::get<T>(data_);
    }

    // Scalars inline; at most one container, so a value stays small (documents
    // hold dozens of them, decoded on every verification).
    Type type_;
    bool negative_ = false;
    std::uint64_t magnitude_ = 0;  // integer n, boolean, tag number
    double double_ = 0;
    std::variant<std::monostate, Bytes, std::string, Array, Map, std::shared_ptr<const Value>> data_;
};

// Shortest-form heads, definite lengths, maps in their stored order.
Bytes encode(const Value& value);
void encode_into(Bytes& out, const Value& value);
// An item head (major type and argument), for writing strings without copying
// them into a Value first.
void encode_head(Bytes& out, unsigned major_type, std::uint64_t argument);

struct DecodeLimits {
    std::size_t max_depth = 16;
    std::size_t max_items = 4096;   // array elements and map entries in total
};

// Which encodings of a value are read. `preferred` is RFC 8949 section 4.1's
// preferred serialization: every integer, length and tag number in its shortest
// head, every float in the shortest of half, single and double precision that
// holds its value. Where one value must have one encoding (a BD1 certificate),
// a longer form is an error; map key order is not checked (format.md 4).
enum class Encoding { any, preferred };

// One item's head as Reader::next() finds it, and a string's content, in place
// in the data.
struct Item {
    Type type = Type::null;
    bool negative = false;  // an integer is -1 - n
    std::uint64_t n = 0;    // integer magnitude, string length, element or entry count, tag number, boolean
    double floating = 0;
    const std::uint8_t* data = nullptr;  // a string's bytes

    // The integer when it fits in int64_t.
    std::optional<std::int64_t> as_int() const {
        if (type != Type::integer || n > static_cast<std::uint64_t>(INT64_MAX)) return std::nullopt;
        const auto v = static_cast<std::int64_t>(n);
        return negative ? -1 - v : v;
    }
    std::string_view text() const { return {reinterpret_cast<const char*>(data), static_cast<std::size_t>(n)}; }
};

// Reads CBOR item by item, in place, by the rules decode() keeps: a reader
// that wants values out of a large item builds nothing it does not keep. The
// first problem stops it; error() says what it was and where.
class Reader {
public:
    Reader(const std::uint8_t* data, std::size_t size, const DecodeLimits& limits = {},
           Encoding encoding = Encoding::any)
        : data_(data), size_(size), limits_(limits), preferred_only_(encoding == Encoding::preferred) {}

    // The next item's head, at `depth` levels of nesting; a string's content
    // too (text checked to be UTF-8). An array's elements and a map's keys and
    // values follow it, a tag's content too.
    bool next(Item& item, std::size_t depth) {
        // Integers below 24 sit in the head byte itself: most keys and many
        // values in certificates. The rest takes the general path.
        if (pos_ < size_ && depth <= limits_.max_depth) {
            const std::uint8_t initial = data_[pos_];
            if ((initial & 0xDF) < 0x18) {  // major type 0 or 1, argument 0 to 23
                ++pos_;
                item.type = Type::integer;
                item.negative = initial >= 0x20;
                item.n = initial & 0x1F;
                return true;
            }
        }
        return next_item(item, depth);
    }
    // One whole item, checked as decode() checks it (map keys unique), kept nowhere.
    bool skip(std::size_t depth);

    std::size_t position() const { return pos_; }
    std::size_t remaining() const { return size_ - pos_; }
    bool at_end() const { return pos_ == size_; }
    const Error& error() const { return *error_; }
    // Stops the reader with a problem found at its position; returns false.
    bool fail(const std::string& why);
    // The error for bytes left after the one item the data should hold.
    Error trailing_data() const;

private:
    bool next_item(Item& item, std::size_t depth);
    bool simple(unsigned info, Item& item);
    bool skip_contents(const Item& head, std::size_t depth);
    bool skip_map(std::uint64_t entries, std::size_t depth);

    const std::uint8_t* data_;
    std::size_t size_;
    std::size_t pos_ = 0;
    std::size_t items_ = 0;
    DecodeLimits limits_;
    bool preferred_only_;
    std::optional<Error> error_;
};

// One item from the reader into `out`, as decode() builds it but without the
// end-of-data check: for a reader that decodes some items and skips others.
bool decode_item(Reader& reader, std::size_t depth, Value& out);
// Whether the key of a map's last entry repeats the key of an entry before it.
bool repeats_key(const Map& map);

// Decodes exactly one item: trailing bytes, indefinite lengths, invalid UTF-8
// text, duplicate map keys and lengths beyond the input are errors.
Result<Value> decode(const std::uint8_t* data, std::size_t size, const DecodeLimits& limits = {},
                     Encoding encoding = Encoding::any);
inline Result<Value> decode(const Bytes& data, const DecodeLimits& limits = {}, Encoding encoding = Encoding::any) {
    return decode(data.data(), data.size(), limits, encoding);
}

// Whether decode() would accept the bytes, with its error if not, found
// without building anything.
Status check(const std::uint8_t* data, std::size_t size, const DecodeLimits& limits = {},
             Encoding encoding = Encoding::any);

}  // namespace poura::cbor
