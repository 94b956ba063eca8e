// Multi-precision arithmetic for the verifiers in this folder: unsigned
// integers as little-endian arrays of limbs, and Montgomery arithmetic modulo
// an odd number. 32-bit limbs with 64-bit products suit every target,
// WebAssembly included, which has no 64x64->128 multiply; FastLimb is 64 bits
// where the compiler has a 128-bit product.
//
// Nothing here is constant-time: it handles only public values (keys,
// signatures, hashes of signed messages), never secrets.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <type_traits>

// For the hot functions below, inlined even where Emscripten's compiler would
// keep a call: with fixed sizes and constant moduli they then fold into the
// caller (P-256's p, for one, has three zero limbs and a one).
#if defined(__GNUC__) || defined(__clang__)
#define POURA_MP_INLINE __attribute__((always_inline)) inline
#else
#define POURA_MP_INLINE inline
#endif

// WebAssembly keeps the product loops rolled: unrolled for the fixed limb
// counts of the curves, they make the verify package kilobytes larger.
#if defined(__wasm__)
#define POURA_MP_ROLLED _Pragma("clang loop unroll(disable)")
#else
#define POURA_MP_ROLLED
#endif

namespace poura::crypto::mp {

// A limb type and the type that holds the product of two limbs.
template <typename L>
struct LimbTraits;
template <>
struct LimbTraits<std::uint32_t> {
    using Wide = std::uint64_t;
};
// Native 64-bit targets have a 64x64->128 multiply: half as many limbs make
// a quarter as many products, which is what RSA and the ECDSA curves take.
// WebAssembly lacks it (its __int128 is a library call), like 32-bit targets.
#if defined(__SIZEOF_INT128__) && !defined(__wasm__)
#define POURA_MP_64_BIT_LIMBS 1
template <>
struct LimbTraits<std::uint64_t> {
    __extension__ typedef unsigned __int128 Wide;  // GCC and Clang, without -Wpedantic's complaint
};
using FastLimb = std::uint64_t;
#else
using FastLimb = std::uint32_t;
#endif

template <typename L>
using WideOf = typename LimbTraits<L>::Wide;
template <typename L>
constexpr std::size_t kBitsPerLimb = 8 * sizeof(L);

// The limb of code written for 32-bit limbs only (Ed25519's scalars).
using Limb = std::uint32_t;
constexpr std::size_t kLimbBits = kBitsPerLimb<Limb>;
// 8192-bit moduli: the largest RSA key Poura accepts.
constexpr std::size_t kMaxBits = 8192;
constexpr std::size_t kMaxLimbs = kMaxBits / kLimbBits;

// Reads a big-endian byte string into n limbs; false when it does not fit.
template <typename L>
bool from_bytes(L* out, std::size_t n, const std::uint8_t* bytes, std::size_t size);
// Writes n limbs as exactly `size` big-endian bytes; false when the value does
// not fit.
template <typename L>
bool to_bytes(std::uint8_t* out, std::size_t size, const L* in, std::size_t n);

// A limb count fixed at compile time (P-256's 8), with which the loops below
// unroll and their arrays live in registers, or known only at run time (RSA).
template <std::size_t N>
struct FixedSize {
    static constexpr std::size_t kCapacity = N;
    constexpr FixedSize() = default;
    // For code written for either kind of size: the count is N anyway.
    constexpr explicit FixedSize(std::size_t) {}
    constexpr operator std::size_t() const { return N; }
};
struct RuntimeSize {
    static constexpr std::size_t kCapacity = kMaxLimbs;
    std::size_t n;
    constexpr operator std::size_t() const { return n; }
};

// Restricts the templates below to FixedSize and RuntimeSize, so that a plain
// count takes the std::size_t overloads.
template <typename Size>
using IfSize = std::enable_if_t<(Size::kCapacity > 0), int>;

template <typename L, typename Size, IfSize<Size> = 0>
inline int compare(const L* a, const L* b, Size n) {
    for (std::size_t i = n; i-- > 0;) {
        if (a[i] != b[i]) {
            return a[i] < b[i] ? -1 : 1;
        }
    }
    return 0;
}

// out = a + b (resp. a - b); returns the carry (resp. borrow). out may alias.
template <typename L, typename Size, IfSize<Size> = 0>
inline L add(L* out, const L* a, const L* b, Size n) {
    using W = WideOf<L>;
    W carry = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const W sum = W{a[i]} + b[i] + carry;
        out[i] = static_cast<L>(sum);
        carry = sum >> kBitsPerLimb<L>;
    }
    return static_cast<L>(carry);
}

template <typename L, typename Size, IfSize<Size> = 0>
inline L sub(L* out, const L* a, const L* b, Size n) {
    using W = WideOf<L>;
    L borrow = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const W difference = W{a[i]} - b[i] - borrow;
        out[i] = static_cast<L>(difference);
        borrow = static_cast<L>(difference >> (2 * kBitsPerLimb<L> - 1));
    }
    return borrow;
}

// out = a + b mod m, for a and b below m, two ways: subtracting m only when
// the sum reaches it, or computing both and selecting one without a branch.
// Native compilers make the first the faster; WebAssembly engines run the
// second faster (ES256 verification about 5% faster under V8, 6% slower
// natively), so add_mod takes whichever suits the target.
template <typename L, typename Size>
POURA_MP_INLINE void add_mod_branching(L* out, const L* a, const L* b, const L* m, Size n) {
    if (add(out, a, b, n) != 0 || compare(out, m, n) >= 0) {
        sub(out, out, m, n);
    }
}

template <typename L, typename Size>
POURA_MP_INLINE void add_mod_selecting(L* out, const L* a, const L* b, const L* m, Size n) {
    L sum[Size::kCapacity];
    L reduced[Size::kCapacity];
    const L carry = add(sum, a, b, n);
    const L borrow = sub(reduced, sum, m, n);
    // The sum is below m when nothing carried out and subtracting m borrowed.
    const L keep_sum = L{0} - static_cast<L>(carry == 0 && borrow != 0);
    for (std::size_t i = 0; i < n; ++i) {
        out[i] = (sum[i] & keep_sum) | (reduced[i] & ~keep_sum);
    }
}

template <typename L, typename Size>
POURA_MP_INLINE void add_mod(L* out, const L* a, const L* b, const L* m, Size n) {
#if defined(__wasm__)
    add_mod_selecting(out, a, b, m, n);
#else
    add_mod_branching(out, a, b, m, n);
#endif
}

// out = a - b mod m, for a and b below m.
template <typename L, typename Size>
POURA_MP_INLINE void sub_mod(L* out, const L* a, const L* b, const L* m, Size n) {
    if (sub(out, a, b, n) != 0) {
        add(out, out, m, n);
    }
}

template <typename L>
inline int compare(const L* a, const L* b, std::size_t n) { return compare(a, b, RuntimeSize{n}); }
template <typename L>
inline L add(L* out, const L* a, const L* b, std::size_t n) { return add(out, a, b, RuntimeSize{n}); }
template <typename L>
inline L sub(L* out, const L* a, const L* b, std::size_t n) { return sub(out, a, b, RuntimeSize{n}); }

template <typename L>
bool is_zero(const L* a, std::size_t n);
template <typename L>
std::size_t bit_length(const L* a, std::size_t n);
template <typename L>
inline bool bit(const L* a, std::size_t i) {
    return (a[i / kBitsPerLimb<L>] >> (i % kBitsPerLimb<L>)) & 1U;
}

// The width-w non-adjacent form of an n-limb scalar: (limb bits) n + 1
// digits, each 0 or odd with magnitude below 2^(w-1), digits[i] weighing 2^i,
// non-zero digits at least w apart. Scalar multiplication then needs one
// addition per non-zero digit, from a table of the 2^(w-2) odd multiples.
template <typename L>
void non_adjacent_form(std::int8_t* digits, const L* scalar, std::size_t n, int width);

// The running total of one column of a Montgomery product, in three limbs
// that stay in registers: `sum` (two) and `high`.
template <typename L>
struct ColumnSum {
    using W = WideOf<L>;
    W sum = 0;
    L high = 0;

    POURA_MP_INLINE void add(L x, L y) {
        const W product = W{x} * y;
        sum += product;
        high += static_cast<L>(sum < product);
    }
    // A two-limb value with a third limb above it.
    POURA_MP_INLINE void add(W value, L value_high) {
        sum += value;
        high += static_cast<L>(static_cast<L>(sum < value) + value_high);
    }
    POURA_MP_INLINE L low() const { return static_cast<L>(sum); }
    POURA_MP_INLINE L top() const { return static_cast<L>(sum >> kBitsPerLimb<L>); }
    POURA_MP_INLINE void next_column() {
        sum = (sum >> kBitsPerLimb<L>) | (W{high} << kBitsPerLimb<L>);
        high = 0;
    }
};

// The end of both products: out = r, or r - m when r (with the limb `top`
// above its n limbs) is not below m. (x + q m) / R < 2m: one subtraction at most.
template <typename L, typename Size>
POURA_MP_INLINE void subtract_once(L* out, const L* r, L top, const L* m, Size n) {
    if (top != 0 || compare(r, m, n) >= 0) {
        sub(out, r, m, n);
    } else {
        for (std::size_t i = 0; i < n; ++i) {
            out[i] = r[i];
        }
    }
}

// out = a * b / R mod m for a, b < m, with R = 2^(limb bits * n): the one
// definition of the product (multiplication and reduction interleaved
// column by column).
template <typename L, typename Size>
POURA_MP_INLINE void montgomery_multiply(L* out, const L* a, const L* b, const L* m, L m0inv, Size n) {
    // Product scanning (Koc, Acar and Kaliski's FIPS): a b + q m is summed
    // column by column into three limbs that stay in registers; q's limbs
    // are chosen as the columns go to clear the lower half. Each step is a
    // multiplication and three additions with carry, with no load or store
    // of a running total.
    L q[Size::kCapacity];
    L r[Size::kCapacity];
    ColumnSum<L> column;
    POURA_MP_ROLLED
    for (std::size_t k = 0; k < n; ++k) {
        POURA_MP_ROLLED
        for (std::size_t j = 0; j < k; ++j) {
            column.add(a[j], b[k - j]);
            column.add(q[j], m[k - j]);
        }
        column.add(a[k], b[0]);
        q[k] = static_cast<L>(column.low() * m0inv);
        column.add(q[k], m[0]);  // the column's low limb is now zero
        column.next_column();
    }
    POURA_MP_ROLLED
    for (std::size_t k = n; k + 1 < 2 * n; ++k) {
        POURA_MP_ROLLED
        for (std::size_t j = k + 1 - n; j < n; ++j) {
            column.add(a[j], b[k - j]);
            column.add(q[j], m[k - j]);
        }
        r[k - n] = column.low();
        column.next_column();
    }
    r[n - 1] = column.low();
    subtract_once(out, r, column.top(), m, n);
}

// out = a^2 / R mod m for a < m: montgomery_multiply(a, a), column by column
// the same way, for three quarters of its products: each a[i] a[j] with
// i < j is computed once and doubled. RSA verification is nearly all
// squarings.
template <typename L, typename Size>
POURA_MP_INLINE void montgomery_square(L* out, const L* a, const L* m, L m0inv, Size n) {
    using W = WideOf<L>;
    constexpr std::size_t kBits = kBitsPerLimb<L>;
    L q[Size::kCapacity];
    L r[Size::kCapacity];
    ColumnSum<L> column;
    // The column's products a[i] a[k - i] with i < k - i, summed apart and
    // added twice.
    const auto add_doubled_cross_products = [&](std::size_t k) {
        W cross = 0;
        L cross_high = 0;
        for (std::size_t i = k < n ? 0 : k + 1 - n; i < k - i; ++i) {
            const W product = W{a[i]} * a[k - i];
            cross += product;
            cross_high += static_cast<L>(cross < product);
        }
        cross_high = static_cast<L>(cross_high << 1 | static_cast<L>(cross >> (2 * kBits - 1)));
        column.add(static_cast<W>(cross << 1), cross_high);
        if (k % 2 == 0) {
            column.add(a[k / 2], a[k / 2]);
        }
    };
    for (std::size_t k = 0; k < n; ++k) {
        add_doubled_cross_products(k);
        for (std::size_t j = 0; j < k; ++j) {
            column.add(q[j], m[k - j]);
        }
        q[k] = static_cast<L>(column.low() * m0inv);
        column.add(q[k], m[0]);  // the column's low limb is now zero
        column.next_column();
    }
    for (std::size_t k = n; k + 1 < 2 * n; ++k) {
        add_doubled_cross_products(k);
        for (std::size_t j = k + 1 - n; j < n; ++j) {
            column.add(q[j], m[k - j]);
        }
        r[k - n] = column.low();
        column.next_column();
    }
    r[n - 1] = column.low();
    subtract_once(out, r, column.top(), m, n);
}

// -1/m mod 2^(limb bits), for odd m, by Newton's iteration: each step doubles
// the correct bits, starting from m itself (m * m = 1 mod 8 for odd m).
template <typename L>
constexpr L negated_inverse(L m0) {
    L inverse = m0;
    for (std::size_t bits = 3; bits < kBitsPerLimb<L>; bits *= 2) {
        inverse *= 2 - m0 * inverse;
    }
    return static_cast<L>(0U - inverse);
}

// Arithmetic modulo an odd m of n limbs (its top limb not zero), n fixed at
// compile time (P-256, Ed25519's group order) or at run time (RSA). Values
// "in Montgomery form" are x * R mod m.
template <typename Size, typename L = Limb>
class BasicMontgomery {
public:
    // m must be odd, with n <= Size::kCapacity and m[n-1] != 0.
    explicit BasicMontgomery(const L* m, Size n = Size{});

    std::size_t size() const { return n_; }
    const L* modulus() const { return m_.data(); }
    // 1 in Montgomery form (R mod m).
    const L* one() const { return r_.data(); }

    void multiply(L* out, const L* a, const L* b) const {
        montgomery_multiply(out, a, b, m_.data(), m0inv_, n_);
    }
    // WebAssembly takes the product instead, a quarter slower and kilobytes
    // smaller: squaring is RSA's work, and the package's size is the goal there.
    void square(L* out, const L* a) const {
#if defined(__wasm__)
        multiply(out, a, a);
#else
        montgomery_square(out, a, m_.data(), m0inv_, n_);
#endif
    }
    // a < R (need not be reduced): out = a * R mod m.
    void to_montgomery(L* out, const L* a) const { multiply(out, a, r2_.data()); }
    // out = a / R mod m.
    void from_montgomery(L* out, const L* a) const {
        const Storage one = {1};
        multiply(out, a, one.data());
    }
    // out = base^exponent in Montgomery form; base in Montgomery form.
    void power(L* out, const L* base, const L* exponent, std::size_t exponent_limbs) const;
    // The inverse of a non-zero a (Montgomery form in and out), for a prime m.
    void inverse_prime(L* out, const L* a) const;
    // Modular addition of reduced values.
    void add(L* out, const L* a, const L* b) const { add_mod(out, a, b, m_.data(), n_); }

private:
    using Storage = std::array<L, Size::kCapacity>;
    Size n_;
    Storage m_{};
    Storage r_{};   // R mod m
    Storage r2_{};  // R^2 mod m
    L m0inv_;       // -1/m mod 2^(limb bits)
};

using Montgomery = BasicMontgomery<RuntimeSize>;

template <typename Size, typename L>
BasicMontgomery<Size, L>::BasicMontgomery(const L* m, Size n) : n_(n), m0inv_(negated_inverse(m[0])) {
    constexpr std::size_t kBits = kBitsPerLimb<L>;
    std::copy(m, m + n, m_.begin());
    // R mod m: the largest power of two below m, doubled up to R. m's top
    // limb is not zero, so that is at most one limb's bits of doublings.
    const std::size_t bits = bit_length(m, n);
    Storage x{};
    x[(bits - 1) / kBits] = L{1} << ((bits - 1) % kBits);
    const auto double_mod = [&] { add_mod(x.data(), x.data(), x.data(), m, n); };
    for (std::size_t i = bits - 1; i < n * kBits; ++i) {
        double_mod();
    }
    r_ = x;
    // R^2 mod m is R * R mod m, the Montgomery form of R = 2^(bits n). With
    // bits n = odd * 2^k: double R `odd` times (the form of 2^odd), then
    // square k times in Montgomery form.
    std::size_t odd = n * kBits;
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

template <typename Size, typename L>
void BasicMontgomery<Size, L>::power(L* out, const L* base, const L* exponent, std::size_t exponent_limbs) const {
    // Left to right, in sliding windows of up to four bits that end in a set
    // bit, from a table of base's odd powers: one multiplication per window
    // instead of one per set bit. Short exponents (RSA's e) go bit by bit.
    constexpr std::size_t kWindow = 4;
    const std::size_t bits = bit_length(exponent, exponent_limbs);
    const std::size_t width = bits > 64 ? kWindow : 1;
    std::array<Storage, std::size_t{1} << (kWindow - 1)> odd_powers;
    std::copy(base, base + n_, odd_powers[0].begin());
    if (width > 1) {
        Storage base_squared;
        square(base_squared.data(), base);
        for (std::size_t k = 1; k < odd_powers.size(); ++k) {
            multiply(odd_powers[k].data(), odd_powers[k - 1].data(), base_squared.data());
        }
    }
    Storage result = r_;
    bool started = false;  // result is still one: squaring it is skipped
    for (std::size_t i = bits; i > 0;) {
        if (!bit(exponent, i - 1)) {
            if (started) {
                square(result.data(), result.data());
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
                square(result.data(), result.data());
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

template <typename Size, typename L>
void BasicMontgomery<Size, L>::inverse_prime(L* out, const L* a) const {
    // Fermat: a^(m-2).
    Storage exponent = m_;
    const L two[1] = {2};
    L borrow = sub(exponent.data(), exponent.data(), two, std::size_t{1});
    for (std::size_t i = 1; i < n_ && borrow != 0; ++i) {
        borrow = exponent[i]-- == 0 ? 1 : 0;
    }
    power(out, a, exponent.data(), n_);
}

}  // namespace poura::crypto::mp
