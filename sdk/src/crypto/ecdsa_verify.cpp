// ECDSA verification (FIPS 186-4 section 6.4.2, SEC 1 section 4.1.4) on the
// NIST curves P-256 with SHA-256 and P-384 with SHA-384: one implementation,
// a template over the curve. Field and scalar arithmetic are Montgomery
// multiplication over the build's fastest limbs (mp::FastLimb); points are
// Jacobian (X:Y:Z), x = X/Z^2, y = Y/Z^3, with the a = -3 doubling both
// curves allow. Tests also build it over 32-bit limbs (LimbWidth), what
// WebAssembly runs.
#include "core/try.hpp"
#include "crypto/bignum.hpp"
#include "crypto/sha2.hpp"
#include "crypto/verifiers.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <string>
#include <type_traits>

// WebAssembly calls the field's addition and subtraction instead of inlining
// them into every point operation: the verify package is kilobytes smaller.
#if defined(__wasm__)
#define POURA_OUTLINED_IN_WASM __attribute__((noinline))
#else
#define POURA_OUTLINED_IN_WASM
#endif

namespace poura::crypto {
namespace {

// The curves y^2 = x^3 - 3x + b over p, with base point G of prime order n,
// as FIPS 186-4 appendix D.1.2 gives them (big-endian hexadecimal).
struct P256 {
    using Hash = Sha256;
    static constexpr Algorithm kAlgorithm = Algorithm::ES256;
    static constexpr const char* kName = "P-256";
    static constexpr std::size_t kBytes = kP256ScalarSize;
    static constexpr char kP[] = "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff";
    static constexpr char kN[] = "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551";
    static constexpr char kB[] = "5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b";
    static constexpr char kGx[] = "6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296";
    static constexpr char kGy[] = "4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5";
};

struct P384 {
    using Hash = Sha384;
    static constexpr Algorithm kAlgorithm = Algorithm::ES384;
    static constexpr const char* kName = "P-384";
    static constexpr std::size_t kBytes = kP384ScalarSize;
    static constexpr char kP[] =
        "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffff";
    static constexpr char kN[] =
        "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973";
    static constexpr char kB[] =
        "b3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aef";
    static constexpr char kGx[] =
        "aa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f741e082542a385502f25dbf55296c3a545e3872760ab7";
    static constexpr char kGy[] =
        "3617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147ce9da3113b5f0b8c00a60b1ce1d7e819d7a431d7c90ea0e5f";
};

constexpr unsigned hex_digit(char c) {
    return c >= 'a' ? static_cast<unsigned>(c - 'a' + 10) : static_cast<unsigned>(c - '0');
}

// A big-endian hexadecimal constant as little-endian limbs, at compile time,
// whatever the limb width.
template <typename L, std::size_t N>
constexpr std::array<L, N> limbs_from_hex(const char* hex) {
    constexpr std::size_t kDigitsPerLimb = 2 * sizeof(L);
    std::array<L, N> limbs{};
    for (std::size_t i = 0; i < N * kDigitsPerLimb; ++i) {
        const std::size_t from_right = N * kDigitsPerLimb - 1 - i;
        limbs[from_right / kDigitsPerLimb] |= L{hex_digit(hex[i])} << (4 * (from_right % kDigitsPerLimb));
    }
    return limbs;
}

template <typename Curve, typename L>
class Ecdsa {
public:
    static constexpr std::size_t kLimbs = Curve::kBytes / sizeof(L);
    using Element = std::array<L, kLimbs>;
    using Size = mp::FixedSize<kLimbs>;
    // The field's and the group order's Montgomery objects, for conversions,
    // the inversion and square roots, not the point arithmetic. Over 32-bit
    // limbs (WebAssembly's) they have the limb count fixed only where
    // Ed25519's scalars already have that code (8 limbs): P-384's use RSA's
    // run-time-sized code, a smaller package for a slower inversion. Native
    // tests run this same form through LimbWidth::thirty_two_bits.
    static constexpr bool kFixedSizeModulus = !std::is_same<L, std::uint32_t>::value || kLimbs == 8;
    using ModulusSize = std::conditional_t<kFixedSizeModulus, Size, mp::RuntimeSize>;
    using Modulus = mp::BasicMontgomery<ModulusSize, L>;
    static constexpr ModulusSize kModulusSize = ModulusSize{kLimbs};

    static constexpr Element kP = limbs_from_hex<L, kLimbs>(Curve::kP);
    static constexpr Element kN = limbs_from_hex<L, kLimbs>(Curve::kN);
    static constexpr L kPm0inv = mp::negated_inverse(kP[0]);

    struct Point {
        Element x, y, z;  // Montgomery forms; z = 0 is the point at infinity
    };

    static const Modulus& field() {
        static const Modulus modulo_p(kP.data(), kModulusSize);
        return modulo_p;
    }

    static const Modulus& scalars() {
        static const Modulus modulo_n(kN.data(), kModulusSize);
        return modulo_n;
    }

    // Field operations on Montgomery forms, with p and the limb count constants.
    static Element mul(const Element& a, const Element& b) {
        Element r;
        mp::montgomery_multiply(r.data(), a.data(), b.data(), kP.data(), kPm0inv, Size{});
        return r;
    }

    POURA_OUTLINED_IN_WASM static Element add(const Element& a, const Element& b) {
        Element r;
        mp::add_mod(r.data(), a.data(), b.data(), kP.data(), Size{});
        return r;
    }

    POURA_OUTLINED_IN_WASM static Element sub(const Element& a, const Element& b) {
        Element r;
        mp::sub_mod(r.data(), a.data(), b.data(), kP.data(), Size{});
        return r;
    }

    static Element to_field(const Element& a) {
        Element r;
        field().to_montgomery(r.data(), a.data());
        return r;
    }

    static Element from_field(const Element& a) {
        Element r;
        field().from_montgomery(r.data(), a.data());
        return r;
    }

    static bool is_zero(const Element& a) { return mp::is_zero(a.data(), kLimbs); }

    static bool below(const Element& a, const Element& m) { return mp::compare(a.data(), m.data(), Size{}) < 0; }

    static Element montgomery_one() {
        Element r;
        std::copy(field().one(), field().one() + kLimbs, r.begin());
        return r;
    }

    static Element constant(const char* hex) { return limbs_from_hex<L, kLimbs>(hex); }

    static Point negate(const Point& p) { return {p.x, sub(Element{}, p.y), p.z}; }

    // dbl-2001-b (a = -3).
    static Point twice(const Point& p) {
        if (is_zero(p.z) || is_zero(p.y)) {
            return {};
        }
        const Element delta = mul(p.z, p.z);
        const Element gamma = mul(p.y, p.y);
        const Element beta = mul(p.x, gamma);
        const Element t = mul(sub(p.x, delta), add(p.x, delta));
        const Element alpha = add(add(t, t), t);
        const Element beta2 = add(beta, beta);
        const Element beta4 = add(beta2, beta2);
        const Element x3 = sub(mul(alpha, alpha), add(beta4, beta4));
        const Element yz = add(p.y, p.z);
        const Element z3 = sub(sub(mul(yz, yz), gamma), delta);
        const Element gamma_sq = mul(gamma, gamma);
        const Element gamma_sq2 = add(gamma_sq, gamma_sq);
        const Element gamma_sq4 = add(gamma_sq2, gamma_sq2);
        const Element y3 = sub(mul(alpha, sub(beta4, x3)), add(gamma_sq4, gamma_sq4));
        return {x3, y3, z3};
    }

    // add-2007-bl, with the cases it leaves out: infinity and equal points.
    static Point add(const Point& p, const Point& q) {
        if (is_zero(p.z)) {
            return q;
        }
        if (is_zero(q.z)) {
            return p;
        }
        const Element z1z1 = mul(p.z, p.z);
        const Element z2z2 = mul(q.z, q.z);
        const Element u1 = mul(p.x, z2z2);
        const Element u2 = mul(q.x, z1z1);
        const Element s1 = mul(mul(p.y, q.z), z2z2);
        const Element s2 = mul(mul(q.y, p.z), z1z1);
        const Element h = sub(u2, u1);
        const Element s_difference = sub(s2, s1);
        if (is_zero(h)) {
            return is_zero(s_difference) ? twice(p) : Point{};
        }
        const Element h2 = add(h, h);
        const Element i = mul(h2, h2);
        const Element j = mul(h, i);
        const Element r = add(s_difference, s_difference);
        const Element v = mul(u1, i);
        const Element x3 = sub(sub(mul(r, r), j), add(v, v));
        const Element s1j = mul(s1, j);
        const Element y3 = sub(mul(r, sub(v, x3)), add(s1j, s1j));
        const Element zz = add(p.z, q.z);
        const Element z3 = mul(sub(sub(mul(zz, zz), z1z1), z2z2), h);
        return {x3, y3, z3};
    }

    template <std::size_t N>
    static std::array<Point, N> odd_multiples(const Point& p) {
        std::array<Point, N> table;
        table[0] = p;
        const Point twice_p = twice(p);
        for (std::size_t i = 1; i < N; ++i) {
            table[i] = add(table[i - 1], twice_p);
        }
        return table;
    }

    static constexpr int kKeyWindow = 5;   // 8 odd multiples of the key's point
    static constexpr int kBaseWindow = 7;  // 32 odd multiples of G, computed once
    static constexpr std::size_t kDigits = 8 * Curve::kBytes + 1;
    using KeyTable = std::array<Point, 1 << (kKeyWindow - 2)>;
    using BaseTable = std::array<Point, 1 << (kBaseWindow - 2)>;

    static const BaseTable& base_table() {
        static const BaseTable table = odd_multiples<std::tuple_size<BaseTable>::value>(
            Point{to_field(constant(Curve::kGx)), to_field(constant(Curve::kGy)), montgomery_one()});
        return table;
    }

    template <std::size_t N>
    static Point add_digit(const Point& sum, const std::array<Point, N>& table, int digit) {
        const Point& multiple = table[static_cast<std::size_t>((std::abs(digit) - 1) / 2)];
        return add(sum, digit < 0 ? negate(multiple) : multiple);
    }

    // y^2 = x^3 - 3x + b, all in Montgomery form.
    static Element curve_right_side(const Element& x) {
        const Element x3 = mul(mul(x, x), x);
        const Element three_x = add(add(x, x), x);
        return add(sub(x3, three_x), to_field(constant(Curve::kB)));
    }

    // (p + 1) / 4: a square root is a power with this exponent, as p = 3 mod 4
    // on both curves.
    static Element square_root_exponent() {
        Element e = kP;
        const Element one = {1};
        mp::add(e.data(), e.data(), one.data(), Size{});  // p + 1 < 2^bits: no carry out
        for (std::size_t i = 0; i < kLimbs; ++i) {
            e[i] = e[i] >> 2 | (i + 1 < kLimbs ? e[i + 1] << (mp::kBitsPerLimb<L> - 2) : 0);
        }
        return e;
    }

    // The SEC1 encoding of a point, uncompressed or compressed, checked to lie
    // on the curve.
    static Result<Point> decode_point(const std::uint8_t* point, std::size_t size) {
        const auto invalid = [](const char* why) {
            return make_error(Errc::key_invalid, std::string("the ") + std::string(algorithm_name(Curve::kAlgorithm)) +
                                                     " public key is not a point on " + Curve::kName + ": " + why);
        };
        constexpr std::size_t kUncompressedSize = 1 + 2 * Curve::kBytes;
        constexpr std::size_t kCompressedSize = 1 + Curve::kBytes;
        const bool uncompressed = size == kUncompressedSize && point[0] == 0x04;
        const bool compressed = size == kCompressedSize && (point[0] == 0x02 || point[0] == 0x03);
        if (!uncompressed && !compressed) {
            return invalid("not a SEC1 point encoding");
        }
        Element x, y;
        mp::from_bytes(x.data(), kLimbs, point + 1, Curve::kBytes);
        if (!below(x, kP)) {
            return invalid("x is not below p");
        }
        const Element xm = to_field(x);
        const Element right = curve_right_side(xm);
        Element ym;
        if (uncompressed) {
            mp::from_bytes(y.data(), kLimbs, point + 1 + Curve::kBytes, Curve::kBytes);
            if (!below(y, kP)) {
                return invalid("y is not below p");
            }
            ym = to_field(y);
            if (mul(ym, ym) != right) {
                return invalid("y^2 != x^3 - 3x + b");
            }
        } else {
            const Element exponent = square_root_exponent();
            field().power(ym.data(), right.data(), exponent.data(), kLimbs);
            if (mul(ym, ym) != right) {
                return invalid("x^3 - 3x + b has no square root");
            }
            const bool odd = (from_field(ym)[0] & 1) != 0;
            if (odd != (point[0] == 0x03)) {
                ym = sub(Element{}, ym);
            }
        }
        return Point{xm, ym, montgomery_one()};
    }

    // Is (r, s) a signature of the message under the key whose odd multiples
    // are q_table?
    static bool verify(const KeyTable& q_table, const std::uint8_t* message, std::size_t message_size,
                       const std::uint8_t* signature, std::size_t signature_size) {
        if (signature == nullptr || signature_size != 2 * Curve::kBytes || (message == nullptr && message_size != 0)) {
            return false;
        }
        Element r, s, e;
        mp::from_bytes(r.data(), kLimbs, signature, Curve::kBytes);
        mp::from_bytes(s.data(), kLimbs, signature + Curve::kBytes, Curve::kBytes);
        if (is_zero(r) || is_zero(s) || !below(r, kN) || !below(s, kN)) {
            return false;
        }
        // The hash is as long as n on both curves: taken whole, reduced once
        // (it is below 2^bits < 2n).
        typename Curve::Hash hash;
        hash.update(message, message_size);
        std::uint8_t digest[Curve::Hash::kSize];
        static_assert(sizeof digest == Curve::kBytes, "the hash is as long as the group order");
        hash.final(digest);
        mp::from_bytes(e.data(), kLimbs, digest, sizeof digest);
        if (!below(e, kN)) {
            mp::sub(e.data(), e.data(), kN.data(), Size{});
        }

        // w = 1/s (in Montgomery form mod n); u1 = e w and u2 = r w come out
        // plain from one Montgomery product each.
        const Modulus& n = scalars();
        Element w, u1, u2;
        n.to_montgomery(w.data(), s.data());
        n.inverse_prime(w.data(), w.data());
        n.multiply(u1.data(), e.data(), w.data());
        n.multiply(u2.data(), r.data(), w.data());

        std::int8_t u1_digits[kDigits], u2_digits[kDigits];
        mp::non_adjacent_form(u1_digits, u1.data(), kLimbs, kBaseWindow);
        mp::non_adjacent_form(u2_digits, u2.data(), kLimbs, kKeyWindow);
        const BaseTable& base = base_table();
        Point sum{};
        for (std::size_t i = kDigits; i-- > 0;) {
            sum = twice(sum);
            if (u1_digits[i] != 0) {
                sum = add_digit(sum, base, u1_digits[i]);
            }
            if (u2_digits[i] != 0) {
                sum = add_digit(sum, q_table, u2_digits[i]);
            }
        }
        if (is_zero(sum.z)) {
            return false;
        }
        // The affine x = X / Z^2 lies below p < 2n, so x mod n = r when x is
        // r or r + n: compared as X = x Z^2, without inverting Z.
        const Element z2 = mul(sum.z, sum.z);
        if (mul(to_field(r), z2) == sum.x) {
            return true;
        }
        Element r_plus_n;
        return mp::add(r_plus_n.data(), r.data(), kN.data(), Size{}) == 0 && below(r_plus_n, kP) &&
               mul(to_field(r_plus_n), z2) == sum.x;
    }
};

template <typename Curve, typename L>
class EcdsaVerifier final : public Verifier {
public:
    using Math = Ecdsa<Curve, L>;
    explicit EcdsaVerifier(const typename Math::Point& q)
        : q_table_(Math::template odd_multiples<std::tuple_size<typename Math::KeyTable>::value>(q)) {}

    Algorithm algorithm() const override { return Curve::kAlgorithm; }

    bool verify(const std::uint8_t* message, std::size_t message_size, const std::uint8_t* signature,
                std::size_t signature_size) const override {
        return Math::verify(q_table_, message, message_size, signature, signature_size);
    }

private:
    typename Math::KeyTable q_table_;
};

template <typename Curve, typename L>
Result<std::unique_ptr<Verifier>> ecdsa_verifier(const std::uint8_t* point, std::size_t size) {
    auto q = Ecdsa<Curve, L>::decode_point(point, size);
    POURA_RETURN_IF_ERROR(q);
    return std::unique_ptr<Verifier>(std::make_unique<EcdsaVerifier<Curve, L>>(*q));
}

}  // namespace

Result<std::unique_ptr<Verifier>> es256_verifier(const std::uint8_t* point, std::size_t size, LimbWidth limbs) {
    return limbs == LimbWidth::fastest ? ecdsa_verifier<P256, mp::FastLimb>(point, size)
                                       : ecdsa_verifier<P256, std::uint32_t>(point, size);
}

Result<std::unique_ptr<Verifier>> es384_verifier(const std::uint8_t* point, std::size_t size, LimbWidth limbs) {
    return limbs == LimbWidth::fastest ? ecdsa_verifier<P384, mp::FastLimb>(point, size)
                                       : ecdsa_verifier<P384, std::uint32_t>(point, size);
}

}  // namespace poura::crypto
