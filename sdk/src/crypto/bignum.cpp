#include "crypto/bignum.hpp"

namespace poura::crypto::mp {

template <typename L>
bool from_bytes(L* out, std::size_t n, const std::uint8_t* bytes, std::size_t size) {
    constexpr std::size_t kBytes = sizeof(L);
    for (std::size_t i = 0; i < n; ++i) {
        out[i] = 0;
    }
    for (std::size_t i = 0; i < size; ++i) {
        const std::uint8_t byte = bytes[size - 1 - i];  // the i-th least significant
        if (i / kBytes >= n) {
            if (byte != 0) {
                return false;
            }
            continue;
        }
        out[i / kBytes] |= L{byte} << (8 * (i % kBytes));
    }
    return true;
}

template <typename L>
bool to_bytes(std::uint8_t* out, std::size_t size, const L* in, std::size_t n) {
    constexpr std::size_t kBytes = sizeof(L);
    if (bit_length(in, n) > 8 * size) {
        return false;
    }
    for (std::size_t i = 0; i < size; ++i) {
        out[size - 1 - i] = i / kBytes < n ? static_cast<std::uint8_t>(in[i / kBytes] >> (8 * (i % kBytes))) : 0;
    }
    return true;
}

template <typename L>
bool is_zero(const L* a, std::size_t n) {
    L any = 0;
    for (std::size_t i = 0; i < n; ++i) {
        any |= a[i];
    }
    return any == 0;
}

template <typename L>
std::size_t bit_length(const L* a, std::size_t n) {
    for (std::size_t i = n; i-- > 0;) {
        if (a[i] != 0) {
            std::size_t bits = i * kBitsPerLimb<L>;
            for (L top = a[i]; top != 0; top >>= 1) {
                ++bits;
            }
            return bits;
        }
    }
    return 0;
}

template <typename L>
void non_adjacent_form(std::int8_t* digits, const L* scalar, std::size_t n, int width) {
    const std::size_t count = n * kBitsPerLimb<L>;
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

#define POURA_MP_INSTANTIATE(L)                                                                \
    template bool from_bytes<L>(L*, std::size_t, const std::uint8_t*, std::size_t);           \
    template bool to_bytes<L>(std::uint8_t*, std::size_t, const L*, std::size_t);             \
    template bool is_zero<L>(const L*, std::size_t);                                          \
    template std::size_t bit_length<L>(const L*, std::size_t);                                \
    template void non_adjacent_form<L>(std::int8_t*, const L*, std::size_t, int);

POURA_MP_INSTANTIATE(std::uint32_t)
#if defined(POURA_MP_64_BIT_LIMBS)
POURA_MP_INSTANTIATE(std::uint64_t)
#endif

}  // namespace poura::crypto::mp
