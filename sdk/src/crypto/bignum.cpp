#include "crypto/bignum.hpp"

namespace poura::crypto::mp {

bool from_bytes(Limb* out, std::size_t n, const std::uint8_t* bytes, std::size_t size) {
    for (std::size_t i = 0; i < n; ++i) {
        out[i] = 0;
    }
    for (std::size_t i = 0; i < size; ++i) {
        const std::uint8_t byte = bytes[size - 1 - i];  // the i-th least significant
        if (i / 4 >= n) {
            if (byte != 0) {
                return false;
            }
            continue;
        }
        out[i / 4] |= Limb{byte} << (8 * (i % 4));
    }
    return true;
}

bool to_bytes(std::uint8_t* out, std::size_t size, const Limb* in, std::size_t n) {
    if (bit_length(in, n) > 8 * size) {
        return false;
    }
    for (std::size_t i = 0; i < size; ++i) {
        out[size - 1 - i] = i / 4 < n ? static_cast<std::uint8_t>(in[i / 4] >> (8 * (i % 4))) : 0;
    }
    return true;
}

bool is_zero(const Limb* a, std::size_t n) {
    Limb any = 0;
    for (std::size_t i = 0; i < n; ++i) {
        any |= a[i];
    }
    return any == 0;
}

std::size_t bit_length(const Limb* a, std::size_t n) {
    for (std::size_t i = n; i-- > 0;) {
        if (a[i] != 0) {
            std::size_t bits = i * kLimbBits;
            for (Limb top = a[i]; top != 0; top >>= 1) {
                ++bits;
            }
            return bits;
        }
    }
    return 0;
}

void non_adjacent_form(std::int8_t* digits, const Limb* scalar, std::size_t n, int width) {
    const std::size_t count = n * kLimbBits;
    // `count` bits from position `first`, zeros past the end.
    const auto bits = [&](std::size_t first, int how_many) {
        int value = 0;
        for (int i = 0; i < how_many && first + i < count; ++i) {
            value |= static_cast<int>(bit(scalar, first + i)) << i;
        }
        return value;
    };
    for (std::size_t i = 0; i <= count; ++i) {
        digits[i] = 0;
    }
    int carry = 0;
    for (std::size_t i = 0; i < count;) {
        if (bits(i, 1) == carry) {  // even at this position: a zero digit, the carry moves on
            ++i;
            continue;
        }
        int word = bits(i, width) + carry;  // odd
        carry = (word >> (width - 1)) & 1;   // from 2^(w-1) up: negative digit, carry 2^w
        word -= carry << width;
        digits[i] = static_cast<std::int8_t>(word);
        i += static_cast<std::size_t>(width);
    }
    digits[count] = static_cast<std::int8_t>(carry);
}

}  // namespace poura::crypto::mp
