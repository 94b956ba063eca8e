// Multi-precision arithmetic for the verifiers in this folder: unsigned
// integers as little-endian arrays of 32-bit limbs, and Montgomery arithmetic
// modulo an odd number. 32-bit limbs with 64-bit products suit both native
// code and WebAssembly, which has no 64x64->128 multiply.
//
// Nothing here is constant-time: it handles only public values (keys,
// signatures, hashes of signed messages), never secrets.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

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

// out = a + b mod m and out = a - b mod m, for a and b below m.
template <typename Size>
inline void add_mod(Limb* out, const Limb* a, const Limb* b, const Limb* m, Size n) {
    if (add(out, a, b, n) != 0 || compare(out, m, n) >= 0) {
        sub(out, out, m, n);
    }
}

template <typename Size>
inline void sub_mod(Limb* out, const Limb* a, const Limb* b, const Limb* m, Size n) {
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

#if defined(__GNUC__) || defined(__clang__)
#define POURA_MP_INLINE __attribute__((always_inline)) inline
#else
#define POURA_MP_INLINE inline
#endif

// out = a * b / R mod m for a, b < m, with R = 2^(32n): the one definition
// of the product (CIOS: multiplication and reduction interleaved per limb).
// Always inlined, so that a constant modulus folds into the code: P-256's
// p has three zero limbs and a one, which then cost no multiplication. Left
// to itself, Emscripten's compiler keeps it a call with m a run-time pointer.
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

// Arithmetic modulo an odd m of n limbs (its top limb not zero). Values "in
// Montgomery form" are x * R mod m.
class Montgomery {
public:
    // m must be odd, with n <= kMaxLimbs and m[n-1] != 0.
    Montgomery(const Limb* m, std::size_t n);

    std::size_t size() const { return n_; }
    const Limb* modulus() const { return m_.data(); }
    // 1 in Montgomery form (R mod m).
    const Limb* one() const { return r_.data(); }

    void multiply(Limb* out, const Limb* a, const Limb* b) const {
        montgomery_multiply(out, a, b, m_.data(), m0inv_, RuntimeSize{n_});
    }
    // a < R (need not be reduced): out = a * R mod m.
    void to_montgomery(Limb* out, const Limb* a) const;
    // out = a / R mod m.
    void from_montgomery(Limb* out, const Limb* a) const;
    // out = base^exponent in Montgomery form; base in Montgomery form.
    void power(Limb* out, const Limb* base, const Limb* exponent, std::size_t exponent_limbs) const;
    // The inverse of a non-zero a (Montgomery form in and out), for a prime m.
    void inverse_prime(Limb* out, const Limb* a) const;
    // Modular addition of reduced values.
    void add(Limb* out, const Limb* a, const Limb* b) const { add_mod(out, a, b, m_.data(), RuntimeSize{n_}); }

private:
    std::size_t n_;
    std::vector<Limb> m_;
    std::vector<Limb> r_;   // R mod m
    std::vector<Limb> r2_;  // R^2 mod m
    Limb m0inv_;            // -1/m mod 2^32
};

}  // namespace poura::crypto::mp
