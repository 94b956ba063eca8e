#include "crypto/bignum.hpp"

#include <algorithm>

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

Montgomery::Montgomery(const Limb* m, std::size_t n) : n_(n), m_(m, m + n), r_(n), r2_(n) {
    // -1/m mod 2^32 by Newton's iteration: each step doubles the correct bits,
    // starting from m itself (m * m = 1 mod 8 for odd m).
    Limb inverse = m[0];
    for (int i = 0; i < 4; ++i) {
        inverse *= 2 - m[0] * inverse;
    }
    m0inv_ = static_cast<Limb>(0U - inverse);

    // R mod m: the largest power of two below m, doubled up to R. m's top
    // limb is not zero, so that is at most 32 doublings.
    const std::size_t bits = bit_length(m, n);
    std::vector<Limb> x(n, 0);
    x[(bits - 1) / kLimbBits] = Limb{1} << ((bits - 1) % kLimbBits);
    const auto double_mod = [&](std::vector<Limb>& v) { add_mod(v.data(), v.data(), v.data(), m, RuntimeSize{n}); };
    for (std::size_t i = bits - 1; i < n * kLimbBits; ++i) {
        double_mod(x);
    }
    r_ = x;
    // R^2 mod m is R * 2^(32n) mod m, the Montgomery form of 2^(32n). With
    // 32n = odd * 2^k: double R `odd` times (the form of 2^odd), then square
    // k times in Montgomery form.
    std::size_t odd = n * kLimbBits;
    std::size_t squarings = 0;
    while (odd % 2 == 0) {
        odd /= 2;
        ++squarings;
    }
    for (std::size_t i = 0; i < odd; ++i) {
        double_mod(x);
    }
    for (std::size_t i = 0; i < squarings; ++i) {
        multiply(x.data(), x.data(), x.data());
    }
    r2_ = x;
}

void Montgomery::to_montgomery(Limb* out, const Limb* a) const {
    multiply(out, a, r2_.data());
}

void Montgomery::from_montgomery(Limb* out, const Limb* a) const {
    Limb one[kMaxLimbs] = {1};
    multiply(out, a, one);
}

void Montgomery::power(Limb* out, const Limb* base, const Limb* exponent, std::size_t exponent_limbs) const {
    // Left to right, in sliding windows of up to four bits that end in a set
    // bit, from a table of base's odd powers: one multiplication per window
    // instead of one per set bit. Short exponents (RSA's e) go bit by bit.
    const std::size_t bits = bit_length(exponent, exponent_limbs);
    const std::size_t width = bits > 64 ? 4 : 1;
    std::vector<Limb> odd_powers((std::size_t{1} << (width - 1)) * n_);
    std::copy(base, base + n_, odd_powers.begin());
    if (width > 1) {
        Limb square[kMaxLimbs];
        multiply(square, base, base);
        for (std::size_t k = 1; k < odd_powers.size() / n_; ++k) {
            multiply(&odd_powers[k * n_], &odd_powers[(k - 1) * n_], square);
        }
    }
    Limb result[kMaxLimbs];
    std::copy(r_.begin(), r_.end(), result);
    bool started = false;  // result is still one: squaring it is skipped
    for (std::size_t i = bits; i > 0;) {
        if (!bit(exponent, i - 1)) {
            if (started) {
                multiply(result, result, result);
            }
            --i;
            continue;
        }
        std::size_t low = i > width ? i - width : 0;
        while (!bit(exponent, low)) {
            ++low;
        }
        std::size_t value = 0;
        for (std::size_t k = i; k-- > low;) {
            if (started) {
                multiply(result, result, result);
            }
            value = value << 1 | (bit(exponent, k) ? 1 : 0);
        }
        const Limb* odd_power = &odd_powers[(value >> 1) * n_];
        if (started) {
            multiply(result, result, odd_power);
        } else {
            std::copy(odd_power, odd_power + n_, result);
            started = true;
        }
        i = low;
    }
    std::copy(result, result + n_, out);
}

void Montgomery::inverse_prime(Limb* out, const Limb* a) const {
    // Fermat: a^(m-2).
    std::vector<Limb> exponent(m_);
    const Limb two[1] = {2};
    Limb borrow = sub(exponent.data(), exponent.data(), two, std::size_t{1});
    for (std::size_t i = 1; i < n_ && borrow != 0; ++i) {
        borrow = exponent[i]-- == 0 ? 1 : 0;
    }
    power(out, a, exponent.data(), n_);
}

}  // namespace poura::crypto::mp
