// Multi-precision arithmetic for the verifiers in this folder: unsigned
// integers as little-endian arrays of 32-bit limbs, and Montgomery arithmetic
// modulo an odd number. 32-bit limbs with 64-bit products suit both native
// code and WebAssembly, which has no 64x64->128 multiply.
//
// Nothing here is constant-time: it handles only public values (keys,
// signatures, hashes of signed messages), never secrets.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>

// For the hot functions below, inlined even where Emscripten's compiler would
// keep a call: with fixed sizes and constant moduli they then fold into the
// caller (P-256's p, for one, has three zero limbs and a one).
#if defined(__GNUC__) || defined(__clang__)
#define POURA_MP_INLINE __attribute__((always_inline)) inline
#else
#define POURA_MP_INLINE inline
#endif

namespace poura::crypto::mp {

using Limb = std::uint32_t;
using Wide = std::uint64_t;
constexpr std::size_t kLimbBits = 32;
// 8192-bit moduli: the largest RSA key Poura accepts.
constexpr std::size_t kMaxLimbs = 256;

// Reads a big-endian byte string into n limbs; false when it does not fit.
bool from_bytes(Limb* out, std::size_t n, const std::uint8_t* bytes, std::size_t size);
// Writes n limbs as exactly `size` big-endian bytes; false when the value does
// not fit.
bool to_bytes(std::uint8_t* out, std::size_t size, const Limb* in, std::size_t n);

// A limb count fixed at compile time (P-256's 8), with which the loops below
// unroll and their arrays live in registers, or known only at run time (RSA).
template <std::size_t N>
struct FixedSize {
    static constexpr std::size_t kCapacity = N;
    constexpr operator std::size_t() const { return N; }
};
struct RuntimeSize {
    static constexpr std::size_t kCapacity = kMaxLimbs;
    std::size_t n;
    constexpr operator std::size_t() const { return n; }
};

template <typename Size>
inline int compare(const Limb* a, const Limb* b, Size n) {
    for (std::size_t i = n; i-- > 0;) {
        if (a[i] != b[i]) {
            return a[i] < b[i] ? -1 : 1;
        }
    }
    return 0;
}

// out = a + b (resp. a - b); returns the carry (resp. borrow). out may alias.
template <typename Size>
inline Limb add(Limb* out, const Limb* a, const Limb* b, Size n) {
    Wide carry = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const Wide sum = Wide{a[i]} + b[i] + carry;
        out[i] = static_cast<Limb>(sum);
        carry = sum >> kLimbBits;
    }
    return static_cast<Limb>(carry);
}

template <typename Size>
inline Limb sub(Limb* out, const Limb* a, const Limb* b, Size n) {
    Limb borrow = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const Wide difference = Wide{a[i]} - b[i] - borrow;
        out[i] = static_cast<Limb>(difference);
        borrow = static_cast<Limb>(difference >> 63);
    }
    return borrow;
}

// out = a + b mod m, for a and b below m, two ways: subtracting m only when
// the sum reaches it, or computing both and selecting one without a branch.
// Native compilers make the first the faster; WebAssembly engines run the
// second faster (ES256 verification about 5% faster under V8, 6% slower
// natively), so add_mod takes whichever suits the target.
template <typename Size>
POURA_MP_INLINE void add_mod_branching(Limb* out, const Limb* a, const Limb* b, const Limb* m, Size n) {
    if (add(out, a, b, n) != 0 || compare(out, m, n) >= 0) {
        sub(out, out, m, n);
    }
}

template <typename Size>
POURA_MP_INLINE void add_mod_selecting(Limb* out, const Limb* a, const Limb* b, const Limb* m, Size n) {
    Limb sum[Size::kCapacity];
    Limb reduced[Size::kCapacity];
    const Limb carry = add(sum, a, b, n);
    const Limb borrow = sub(reduced, sum, m, n);
    // The sum is below m when nothing carried out and subtracting m borrowed.
    const Limb keep_sum = Limb{0} - static_cast<Limb>(carry == 0 && borrow != 0);
    for (std::size_t i = 0; i < n; ++i) {
        out[i] = (sum[i] & keep_sum) | (reduced[i] & ~keep_sum);
    }
}

template <typename Size>
POURA_MP_INLINE void add_mod(Limb* out, const Limb* a, const Limb* b, const Limb* m, Size n) {
#if defined(__wasm__)
    add_mod_selecting(out, a, b, m, n);
#else
    add_mod_branching(out, a, b, m, n);
#endif
}

// out = a - b mod m, for a and b below m.

template <typename Size>
POURA_MP_INLINE void sub_mod(Limb* out, const Limb* a, const Limb* b, const Limb* m, Size n) {
    if (sub(out, a, b, n) != 0) {
        add(out, out, m, n);
    }
}

inline int compare(const Limb* a, const Limb* b, std::size_t n) { return compare(a, b, RuntimeSize{n}); }
inline Limb add(Limb* out, const Limb* a, const Limb* b, std::size_t n) { return add(out, a, b, RuntimeSize{n}); }
inline Limb sub(Limb* out, const Limb* a, const Limb* b, std::size_t n) { return sub(out, a, b, RuntimeSize{n}); }

bool is_zero(const Limb* a, std::size_t n);
std::size_t bit_length(const Limb* a, std::size_t n);
inline bool bit(const Limb* a, std::size_t i) { return (a[i / kLimbBits] >> (i % kLimbBits)) & 1U; }

// The width-w non-adjacent form of an n-limb scalar: 32n + 1 digits, each 0
// or odd with magnitude below 2^(w-1), digits[i] weighing 2^i, non-zero
// digits at least w apart. Scalar multiplication then needs one addition per
// non-zero digit, from a table of the 2^(w-2) odd multiples.
void non_adjacent_form(std::int8_t* digits, const Limb* scalar, std::size_t n, int width);

// out = a * b / R mod m for a, b < m, with R = 2^(32n): the one definition
// of the product (CIOS: multiplication and reduction interleaved per limb).
template <typename Size>
POURA_MP_INLINE void montgomery_multiply(Limb* out, const Limb* a, const Limb* b, const Limb* m, Limb m0inv, Size n) {
    Limb t[Size::kCapacity + 2];
    for (std::size_t i = 0; i < n + 2; ++i) {
        t[i] = 0;
    }
    for (std::size_t i = 0; i < n; ++i) {
        Wide carry = 0;
        const Wide bi = b[i];
        for (std::size_t j = 0; j < n; ++j) {
            const Wide sum = t[j] + a[j] * bi + carry;
            t[j] = static_cast<Limb>(sum);
            carry = sum >> kLimbBits;
        }
        Wide sum = t[n] + carry;
        t[n] = static_cast<Limb>(sum);
        t[n + 1] = static_cast<Limb>(sum >> kLimbBits);

        const Wide q = static_cast<Limb>(t[0] * m0inv);
        carry = (t[0] + q * m[0]) >> kLimbBits;
        for (std::size_t j = 1; j < n; ++j) {
            sum = t[j] + q * m[j] + carry;
            t[j - 1] = static_cast<Limb>(sum);
            carry = sum >> kLimbBits;
        }
        sum = t[n] + carry;
        t[n - 1] = static_cast<Limb>(sum);
        t[n] = t[n + 1] + static_cast<Limb>(sum >> kLimbBits);
    }
    // t < 2m: one subtraction at most.
    if (t[n] != 0 || compare(t, m, n) >= 0) {
        sub(out, t, m, n);
    } else {
        for (std::size_t i = 0; i < n; ++i) {
            out[i] = t[i];
        }
    }
}

// Arithmetic modulo an odd m of n limbs (its top limb not zero), n fixed at
// compile time (P-256, Ed25519's group order) or at run time (RSA). Values
// "in Montgomery form" are x * R mod m.
template <typename Size>
class BasicMontgomery {
public:
    // m must be odd, with n <= Size::kCapacity and m[n-1] != 0.
    explicit BasicMontgomery(const Limb* m, Size n = Size{});

    std::size_t size() const { return n_; }
    const Limb* modulus() const { return m_.data(); }
    // 1 in Montgomery form (R mod m).
    const Limb* one() const { return r_.data(); }

    void multiply(Limb* out, const Limb* a, const Limb* b) const {
        montgomery_multiply(out, a, b, m_.data(), m0inv_, n_);
    }
    // a < R (need not be reduced): out = a * R mod m.
    void to_montgomery(Limb* out, const Limb* a) const { multiply(out, a, r2_.data()); }
    // out = a / R mod m.
    void from_montgomery(Limb* out, const Limb* a) const {
        const Storage one = {1};
        multiply(out, a, one.data());
    }
    // out = base^exponent in Montgomery form; base in Montgomery form.
    void power(Limb* out, const Limb* base, const Limb* exponent, std::size_t exponent_limbs) const;
    // The inverse of a non-zero a (Montgomery form in and out), for a prime m.
    void inverse_prime(Limb* out, const Limb* a) const;
    // Modular addition of reduced values.
    void add(Limb* out, const Limb* a, const Limb* b) const { add_mod(out, a, b, m_.data(), n_); }

private:
    using Storage = std::array<Limb, Size::kCapacity>;
    Size n_;
    Storage m_{};
    Storage r_{};   // R mod m
    Storage r2_{};  // R^2 mod m
    Limb m0inv_;    // -1/m mod 2^32
};

using Montgomery = BasicMontgomery<RuntimeSize>;

template <typename Size>
BasicMontgomery<Size>::BasicMontgomery(const Limb* m, Size n) : n_(n) {
    std::copy(m, m + n, m_.begin());
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
    Storage x{};
    x[(bits - 1) / kLimbBits] = Limb{1} << ((bits - 1) % kLimbBits);
    const auto double_mod = [&] { add_mod(x.data(), x.data(), x.data(), m, n); };
    for (std::size_t i = bits - 1; i < n * kLimbBits; ++i) {
        double_mod();
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
        double_mod();
    }
    for (std::size_t i = 0; i < squarings; ++i) {
        multiply(x.data(), x.data(), x.data());
    }
    r2_ = x;
}

template <typename Size>
void BasicMontgomery<Size>::power(Limb* out, const Limb* base, const Limb* exponent,
                                  std::size_t exponent_limbs) const {
    // Left to right, in sliding windows of up to four bits that end in a set
    // bit, from a table of base's odd powers: one multiplication per window
    // instead of one per set bit. Short exponents (RSA's e) go bit by bit.
    constexpr std::size_t kWindow = 4;
    const std::size_t bits = bit_length(exponent, exponent_limbs);
    const std::size_t width = bits > 64 ? kWindow : 1;
    std::array<Storage, std::size_t{1} << (kWindow - 1)> odd_powers;
    std::copy(base, base + n_, odd_powers[0].begin());
    if (width > 1) {
        Storage square;
        multiply(square.data(), base, base);
        for (std::size_t k = 1; k < odd_powers.size(); ++k) {
            multiply(odd_powers[k].data(), odd_powers[k - 1].data(), square.data());
        }
    }
    Storage result = r_;
    bool started = false;  // result is still one: squaring it is skipped
    for (std::size_t i = bits; i > 0;) {
        if (!bit(exponent, i - 1)) {
            if (started) {
                multiply(result.data(), result.data(), result.data());
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
                multiply(result.data(), result.data(), result.data());
            }
            value = value << 1 | (bit(exponent, k) ? 1 : 0);
        }
        const Storage& odd_power = odd_powers[value >> 1];
        if (started) {
            multiply(result.data(), result.data(), odd_power.data());
        } else {
            result = odd_power;
            started = true;
        }
        i = low;
    }
    std::copy(result.begin(), result.begin() + n_, out);
}

template <typename Size>
void BasicMontgomery<Size>::inverse_prime(Limb* out, const Limb* a) const {
    // Fermat: a^(m-2).
    Storage exponent = m_;
    const Limb two[1] = {2};
    Limb borrow = sub(exponent.data(), exponent.data(), two, std::size_t{1});
    for (std::size_t i = 1; i < n_ && borrow != 0; ++i) {
        borrow = exponent[i]-- == 0 ? 1 : 0;
    }
    power(out, a, exponent.data(), n_);
}

}  // namespace poura::crypto::mp
