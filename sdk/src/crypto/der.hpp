// A reader for the DER (X.690) that public keys and certificates use: tag,
// definite length, contents. Low tag numbers only, which is all RFC 5280's
// certificate and key structures need. Lengths must be in their shortest form
// (X.690 10.1), so that one structure has one encoding, and so one key id.
#pragma once

#include <cstddef>
#include <cstdint>

namespace poura::crypto::der {

// Universal tags, with the constructed bit where DER sets it.
constexpr std::uint8_t kBoolean = 0x01;
constexpr std::uint8_t kInteger = 0x02;
constexpr std::uint8_t kBitString = 0x03;
constexpr std::uint8_t kOctetString = 0x04;
constexpr std::uint8_t kNull = 0x05;
constexpr std::uint8_t kObjectIdentifier = 0x06;
constexpr std::uint8_t kUtcTime = 0x17;
constexpr std::uint8_t kGeneralizedTime = 0x18;
constexpr std::uint8_t kSequence = 0x30;
// [0] EXPLICIT, as X.509's version.
constexpr std::uint8_t kContext0 = 0xA0;
constexpr std::uint8_t kContext1 = 0xA1;
constexpr std::uint8_t kContext2 = 0xA2;
constexpr std::uint8_t kContext3 = 0xA3;

struct Element {
    std::uint8_t tag = 0;
    const std::uint8_t* data = nullptr;
    std::size_t size = 0;
};

class Reader {
public:
    Reader(const std::uint8_t* data, std::size_t size) : next_(data), end_(data + size) {}
    explicit Reader(const Element& constructed) : Reader(constructed.data, constructed.size) {}

    bool at_end() const { return next_ == end_; }
    std::uint8_t peek_tag() const { return at_end() ? 0 : *next_; }

    // The next element, or false at the end or on a malformed header.
    bool read(Element& out) {
        if (end_ - next_ < 2 || (*next_ & 0x1F) == 0x1F) {
            return false;
        }
        out.tag = next_[0];
        const std::uint8_t first = next_[1];
        const std::uint8_t* p = next_ + 2;
        std::size_t length = first;
        if (first & 0x80) {
            const std::size_t count = first & 0x7F;  // 0 is BER's indefinite length
            if (count == 0 || count > 4 || static_cast<std::size_t>(end_ - p) < count || *p == 0) {
                return false;
            }
            length = 0;
            for (std::size_t i = 0; i < count; ++i) {
                length = (length << 8) | *p++;
            }
            if (length < 0x80) {  // the short form would do
                return false;
            }
        }
        if (static_cast<std::size_t>(end_ - p) < length) {
            return false;
        }
        out.data = p;
        out.size = length;
        next_ = p + length;
        return true;
    }

    // The next element if it has this tag.
    bool read(Element& out, std::uint8_t tag) { return peek_tag() == tag && read(out); }

private:
    const std::uint8_t* next_;
    const std::uint8_t* end_;
};

}  // namespace poura::crypto::der
