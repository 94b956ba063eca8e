// Ed25519 verification (RFC 8032 section 5.1.7), cofactorless like most
// implementations: the signature is valid when [S]B - [k]A encodes to R.
//
// The field is Field25 or Field51 (crypto/ed25519_field.hpp), whichever the
// target multiplies faster. Points are in extended coordinates (X:Y:Z:T),
// x = X/Z, y = Y/Z, x*y = T/Z (Hisil, Wong, Carter, Dawson 2008).
#include "crypto/bignum.hpp"
#include "crypto/ed25519_field.hpp"
#include "crypto/sha2.hpp"
#include "crypto/verifiers.hpp"

#include <array>
#include <cstdlib>
#include <cstring>
#include <utility>

namespace poura::crypto {
namespace {

using ed25519::Field25;
#ifdef POURA_ED25519_FIELD51
using ed25519::Field51;
using FastestField = Field51;
#else
using FastestField = Field25;
#endif

// ----- Powers, and the curve -x^2 + y^2 = 1 + d x^2 y^2 over the field F ----

template <class F>
struct Curve {
    using Fe = typename F::Fe;

    static Fe square_times(Fe f, int times) {
        for (int i = 0; i < times; ++i) {
            f = F::square(f);
        }
        return f;
    }

    // z^(2^250 - 1) and z^11, the common part of inversion and square roots.
    struct PowerParts {
        Fe z11;
        Fe z_2_250_1;
    };

    static PowerParts power_parts(const Fe& z) {
        const Fe z2 = F::square(z);
        const Fe z9 = F::mul(square_times(z2, 2), z);
        const Fe z11 = F::mul(z9, z2);
        const Fe z_5 = F::mul(F::square(z11), z9);                  // 2^5 - 1
        const Fe z_10 = F::mul(square_times(z_5, 5), z_5);          // 2^10 - 1
        const Fe z_20 = F::mul(square_times(z_10, 10), z_10);       // 2^20 - 1
        const Fe z_40 = F::mul(square_times(z_20, 20), z_20);       // 2^40 - 1
        const Fe z_50 = F::mul(square_times(z_40, 10), z_10);       // 2^50 - 1
        const Fe z_100 = F::mul(square_times(z_50, 50), z_50);      // 2^100 - 1
        const Fe z_200 = F::mul(square_times(z_100, 100), z_100);   // 2^200 - 1
        return {z11, F::mul(square_times(z_200, 50), z_50)};        // 2^250 - 1
    }

    // z^(p-2) = z^(2^255 - 21).
    static Fe invert(const Fe& z) {
        const PowerParts parts = power_parts(z);
        return F::mul(square_times(parts.z_2_250_1, 5), parts.z11);
    }

    // z^((p-5)/8) = z^(2^252 - 3).
    static Fe power_p58(const Fe& z) { return F::mul(square_times(power_parts(z).z_2_250_1, 2), z); }

    static bool equal(const Fe& f, const Fe& g) {
        std::uint8_t a[32], b[32];
        F::to_bytes(a, f);
        F::to_bytes(b, g);
        return std::memcmp(a, b, 32) == 0;
    }

    static bool is_negative(const Fe& f) {
        std::uint8_t bytes[32];
        F::to_bytes(bytes, f);
        return (bytes[0] & 1) != 0;
    }

    struct Point {
        Fe x, y, z, t;
    };

    // A point prepared for additions: (Y+X, Y-X, 2Z, 2dT).
    struct Cached {
        Fe y_plus_x, y_minus_x, z2, t2d;
    };

    // An addition's or doubling's result before the final products:
    // X = E*F, Y = G*H, Z = F*G, T = E*H.
    struct Completed {
        Fe e, f, g, h;
    };

    static Point to_point(const Completed& c) {
        return {F::mul(c.e, c.f), F::mul(c.g, c.h), F::mul(c.f, c.g), F::mul(c.e, c.h)};
    }

    // Without T, for a point that is only doubled next.
    static Point to_point_without_t(const Completed& c) {
        return {F::mul(c.e, c.f), F::mul(c.g, c.h), F::mul(c.f, c.g), F::kZero};
    }

    static Cached to_cached(const Point& p) {
        return {F::add(p.y, p.x), F::sub(p.y, p.x), F::add(p.z, p.z), F::mul(p.t, F::kD2)};
    }

    static Completed add(const Point& p, const Cached& q, bool subtract) {
        const Fe a = F::mul(F::sub(p.y, p.x), subtract ? q.y_plus_x : q.y_minus_x);
        const Fe b = F::mul(F::add(p.y, p.x), subtract ? q.y_minus_x : q.y_plus_x);
        const Fe c = F::mul(p.t, q.t2d);
        const Fe d = F::mul(p.z, q.z2);
        if (subtract) {
            return {F::sub(b, a), F::add(d, c), F::sub(d, c), F::add(b, a)};
        }
        return {F::sub(b, a), F::sub(d, c), F::add(d, c), F::add(b, a)};
    }

    // Doubling for a = -1; uses X, Y, Z only.
    static Completed twice(const Point& p) {
        const Fe a = F::square(p.x);
        const Fe b = F::square(p.y);
        const Fe c = F::square(p.z);
        const Fe h = F::add(a, b);
        const Fe e = F::reduce(F::sub(h, F::square(F::add(p.x, p.y))));
        const Fe g = F::sub(a, b);
        const Fe f = F::reduce(F::add(F::add(c, c), g));
        return {e, f, g, h};
    }

    static Point negate(const Point& p) {
        return {F::reduce(F::sub(F::kZero, p.x)), p.y, p.z, F::reduce(F::sub(F::kZero, p.t))};
    }

    // RFC 8032 section 5.1.3. Refuses y >= p and "negative zero" x.
    static bool decode(Point& out, const std::uint8_t in[32]) {
        const Fe y = F::from_bytes(in);
        std::uint8_t canonical[32];
        F::to_bytes(canonical, y);
        if (std::memcmp(canonical, in, 31) != 0 || canonical[31] != (in[31] & 0x7F)) {
            return false;
        }
        const bool sign = (in[31] & 0x80) != 0;
        const Fe y2 = F::square(y);
        const Fe u = F::sub(y2, F::kOne);
        const Fe v = F::add(F::mul(y2, F::kD), F::kOne);
        const Fe v3 = F::mul(F::square(v), v);
        const Fe v7 = F::mul(F::square(v3), v);
        Fe x = F::mul(F::mul(u, v3), power_p58(F::mul(u, v7)));
        const Fe vx2 = F::mul(v, F::square(x));
        if (!equal(vx2, u)) {
            if (!equal(vx2, F::sub(F::kZero, u))) {
                return false;
            }
            x = F::mul(x, F::kSqrtM1);
        }
        const bool x_is_zero = equal(x, F::kZero);
        if (x_is_zero && sign) {
            return false;
        }
        if (is_negative(x) != sign) {
            x = F::reduce(F::sub(F::kZero, x));
        }
        out = {x, y, F::kOne, F::mul(x, y)};
        return true;
    }

    // Of order 1, 2, 4 or 8: [8]P is the identity, (0 : Z : Z).
    static bool has_small_order(const Point& p) {
        Point eight_p = p;
        for (int i = 0; i < 3; ++i) {
            eight_p = to_point_without_t(twice(eight_p));
        }
        return equal(eight_p.x, F::kZero) && equal(eight_p.y, eight_p.z);
    }

    static void encode(std::uint8_t out[32], const Point& p) {
        const Fe z_inverse = invert(p.z);
        F::to_bytes(out, F::mul(p.y, z_inverse));
        if (is_negative(F::mul(p.x, z_inverse))) {
            out[31] |= 0x80;
        }
    }
};

// ----- Scalars modulo L = 2^252 + 27742317777372353535851937790883648493 ---

constexpr mp::Limb kOrder[8] = {0x5cf5d3ed, 0x5812631a, 0xa2f79cd6, 0x14def9de, 0, 0, 0, 0x10000000};

using ScalarField = mp::BasicMontgomery<mp::FixedSize<8>>;

const ScalarField& order() {
    static const ScalarField modulo_l(kOrder);
    return modulo_l;
}

// 32 little-endian bytes as limbs.
void load_scalar(mp::Limb out[8], const std::uint8_t in[32]) {
    for (int i = 0; i < 8; ++i) {
        out[i] = mp::Limb{in[4 * i]} | mp::Limb{in[4 * i + 1]} << 8 | mp::Limb{in[4 * i + 2]} << 16 |
                 mp::Limb{in[4 * i + 3]} << 24;
    }
}

// A 64-byte little-endian hash reduced mod L:
// low + high * 2^256, where Montgomery multiplication by R^2 = 2^512 gives
// high * 2^256 directly.
void reduce_hash(mp::Limb out[8], const std::uint8_t hash[64]) {
    mp::Limb low[8], high[8], low_reduced[8], high_shifted[8];
    load_scalar(low, hash);
    load_scalar(high, hash + 32);
    const ScalarField& l = order();
    l.to_montgomery(high_shifted, high);     // high * 2^256 mod L
    l.to_montgomery(low_reduced, low);       // low * 2^256 mod L
    l.from_montgomery(low_reduced, low_reduced);  // low mod L
    l.add(out, low_reduced, high_shifted);
}

constexpr int kScalarDigits = 8 * mp::kLimbBits + 1;

constexpr int kKeyWindow = 5;   // 8 odd multiples of A
constexpr int kBaseWindow = 7;  // 32 odd multiples of B, computed once

template <class F, std::size_t N>
std::array<typename Curve<F>::Cached, N> odd_multiples(const typename Curve<F>::Point& p) {
    using C = Curve<F>;
    std::array<typename C::Cached, N> table;
    table[0] = C::to_cached(p);
    const typename C::Cached twice_cached = C::to_cached(C::to_point(C::twice(p)));
    typename C::Point current = p;
    for (std::size_t i = 1; i < N; ++i) {
        current = C::to_point(C::add(current, twice_cached, false));
        table[i] = C::to_cached(current);
    }
    return table;
}

template <class F>
using KeyTable = std::array<typename Curve<F>::Cached, 1 << (kKeyWindow - 2)>;
template <class F>
using BaseTable = std::array<typename Curve<F>::Cached, 1 << (kBaseWindow - 2)>;

// sum + digit * P from a table of P's odd multiples; negative digits subtract.
template <class F, std::size_t N>
typename Curve<F>::Point add_digit(const typename Curve<F>::Point& sum,
                                   const std::array<typename Curve<F>::Cached, N>& table, int digit) {
    using C = Curve<F>;
    return C::to_point(C::add(sum, table[static_cast<std::size_t>((std::abs(digit) - 1) / 2)], digit < 0));
}

template <class F>
const BaseTable<F>& base_table() {
    static const BaseTable<F> table = odd_multiples<F, std::tuple_size<BaseTable<F>>::value>(
        {F::kBaseX, F::kBaseY, F::kOne, F::mul(F::kBaseX, F::kBaseY)});
    return table;
}

template <class F>
class Ed25519Verifier final : public Verifier {
    using C = Curve<F>;

public:
    // A is a decoded key; -A is kept, so that verification adds rather than
    // subtracts.
    Ed25519Verifier(const std::uint8_t* key, const typename C::Point& a)
        : minus_a_(odd_multiples<F, std::tuple_size<KeyTable<F>>::value>(C::negate(a))) {
        std::memcpy(key_, key, kEd25519KeySize);
    }

    Algorithm algorithm() const override { return Algorithm::EdDSA; }

    bool verify(const std::uint8_t* message, std::size_t message_size, const std::uint8_t* signature,
                std::size_t signature_size) const override {
        if (signature == nullptr || signature_size != kEd25519SignatureSize ||
            (message == nullptr && message_size != 0)) {
            return false;
        }
        const std::uint8_t* r = signature;
        mp::Limb s[8];
        load_scalar(s, signature + 32);
        if (mp::compare(s, kOrder, 8) >= 0) {  // S must be below L
            return false;
        }
        Sha512 hash;
        hash.update(r, 32);
        hash.update(key_, kEd25519KeySize);
        hash.update(message, message_size);
        std::uint8_t digest[Sha512::kSize];
        hash.final(digest);
        mp::Limb k[8];
        reduce_hash(k, digest);

        // [S]B + [k](-A), from the top digit down.
        std::int8_t s_digits[kScalarDigits], k_digits[kScalarDigits];
        mp::non_adjacent_form(s_digits, s, 8, kBaseWindow);
        mp::non_adjacent_form(k_digits, k, 8, kKeyWindow);
        const BaseTable<F>& base = base_table<F>();
        typename C::Point sum{F::kZero, F::kOne, F::kOne, F::kZero};
        bool identity = true;
        for (int i = kScalarDigits - 1; i >= 0; --i) {
            if (!identity) {
                const typename C::Completed doubled = C::twice(sum);
                sum = s_digits[i] != 0 || k_digits[i] != 0 ? C::to_point(doubled) : C::to_point_without_t(doubled);
            }
            if (s_digits[i] != 0) {
                sum = add_digit<F>(sum, base, s_digits[i]);
                identity = false;
            }
            if (k_digits[i] != 0) {
                sum = add_digit<F>(sum, minus_a_, k_digits[i]);
                identity = false;
            }
        }
        std::uint8_t encoded[32];
        C::encode(encoded, sum);
        return std::memcmp(encoded, r, 32) == 0;
    }

private:
    std::uint8_t key_[kEd25519KeySize];
    KeyTable<F> minus_a_;
};

// RFC 8032 leaves key checks to the verifier. A key that is not a point
// would fail every signature, so it is refused where it is loaded; a key of
// small order would pass forged ones (with A of order 1, R = B and S = 1
// verify every message), as libsodium and the EU DCC verifiers refuse it.
template <class F>
Result<std::unique_ptr<Verifier>> make_ed25519_verifier(const std::uint8_t* key) {
    using C = Curve<F>;
    typename C::Point a;
    if (!C::decode(a, key)) {
        return make_error(Errc::key_invalid,
                          "the Ed25519 public key is not the canonical encoding of a curve point (RFC 8032 5.1.3)");
    }
    if (C::has_small_order(a)) {
        return make_error(Errc::key_invalid, "the Ed25519 public key is a point of small order (order 8 or less)");
    }
    return std::unique_ptr<Verifier>(std::make_unique<Ed25519Verifier<F>>(key, a));
}

}  // namespace

Result<std::unique_ptr<Verifier>> ed25519_verifier(const std::uint8_t* key) {
    return make_ed25519_verifier<FastestField>(key);
}

Result<std::unique_ptr<Verifier>> ed25519_verifier_with_32_bit_field(const std::uint8_t* key) {
    return make_ed25519_verifier<Field25>(key);
}

}  // namespace poura::crypto
