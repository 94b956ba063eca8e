// ECDSA verification on P-256 with SHA-256 (FIPS 186-4 section 6.4.2, SEC 1
// section 4.1.4). Field and scalar arithmetic are Montgomery multiplication
// over eight 32-bit limbs; points are Jacobian (X:Y:Z), x = X/Z^2,
// y = Y/Z^3, with the a = -3 doubling.
#include "crypto/bignum.hpp"
#include "crypto/sha2.hpp"
#include "crypto/verifiers.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>

namespace poura::crypto {
namespace {

constexpr std::size_t kLimbs = 8;
constexpr mp::FixedSize<kLimbs> kSize;
using Element = std::array<mp::Limb, kLimbs>;

// The curve y^2 = x^3 - 3x + b over p, its base point G and its order n.
constexpr Element kP = {0xffffffff, 0xffffffff, 0xffffffff, 0x00000000,
                        0x00000000, 0x00000000, 0x00000001, 0xffffffff};
constexpr Element kN = {0xfc632551, 0xf3b9cac2, 0xa7179e84, 0xbce6faad,
                        0xffffffff, 0xffffffff, 0x00000000, 0xffffffff};
constexpr Element kB = {0x27d2604b, 0x3bce3c3e, 0xcc53b0f6, 0x651d06b0,
                        0x769886bc, 0xb3ebbd55, 0xaa3a93e7, 0x5ac635d8};
constexpr Element kGx = {0xd898c296, 0xf4a13945, 0x2deb33a0, 0x77037d81,
                         0x63a440f2, 0xf8bce6e5, 0xe12c4247, 0x6b17d1f2};
constexpr Element kGy = {0x37bf51f5, 0xcbb64068, 0x6b315ece, 0x2bce3357,
                         0x7c0f9e16, 0x8ee7eb4a, 0xfe1a7f9b, 0x4fe342e2};
// (p + 1) / 4: a square root is a power with this exponent, as p = 3 mod 4.
constexpr Element kSqrtExponent = {0x00000000, 0x00000000, 0x40000000, 0x00000000,
                                   0x00000000, 0x40000000, 0xc0000000, 0x3fffffff};

using Modulus = mp::BasicMontgomery<mp::FixedSize<kLimbs>>;

const Modulus& field() {
    static const Modulus modulo_p(kP.data());
    return modulo_p;
}

const Modulus& scalars() {
    static const Modulus modulo_n(kN.data());
    return modulo_n;
}

// Field operations on Montgomery forms, with the limb count a constant.
// -1/p mod 2^32 is 1, as p = -1 mod 2^32.
constexpr mp::Limb kPm0inv = 1;

Element mul(const Element& a, const Element& b) {
    Element r;
    mp::montgomery_multiply(r.data(), a.data(), b.data(), kP.data(), kPm0inv, kSize);
    return r;
}

Element add(const Element& a, const Element& b) {
    Element r;
    mp::add_mod(r.data(), a.data(), b.data(), kP.data(), kSize);
    return r;
}

Element sub(const Element& a, const Element& b) {
    Element r;
    mp::sub_mod(r.data(), a.data(), b.data(), kP.data(), kSize);
    return r;
}

Element to_field(const Element& a) {
    Element r;
    field().to_montgomery(r.data(), a.data());
    return r;
}

Element from_field(const Element& a) {
    Element r;
    field().from_montgomery(r.data(), a.data());
    return r;
}

bool is_zero(const Element& a) { return mp::is_zero(a.data(), kLimbs); }

// A value below 2^256 < 2n, reduced mod n.
void reduce_mod_n(Element& a) {
    if (mp::compare(a.data(), kN.data(), kSize) >= 0) {
        mp::sub(a.data(), a.data(), kN.data(), kSize);
    }
}

Element montgomery_one() {
    Element r;
    std::copy(field().one(), field().one() + kLimbs, r.begin());
    return r;
}

struct Point {
    Element x, y, z;  // Montgomery forms; z = 0 is the point at infinity
};

Point negate(const Point& p) {
    return {p.x, sub(Element{}, p.y), p.z};
}

// dbl-2001-b (a = -3).
Point twice(const Point& p) {
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
Point add(const Point& p, const Point& q) {
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
std::array<Point, N> odd_multiples(const Point& p) {
    std::array<Point, N> table;
    table[0] = p;
    const Point twice_p = twice(p);
    for (std::size_t i = 1; i < N; ++i) {
        table[i] = add(table[i - 1], twice_p);
    }
    return table;
}

constexpr int kKeyWindow = 5;   // 8 odd multiples of the key's point
constexpr int kBaseWindow = 7;  // 32 odd multiples of G, computed once
constexpr std::size_t kDigits = kLimbs * mp::kLimbBits + 1;
using KeyTable = std::array<Point, 1 << (kKeyWindow - 2)>;
using BaseTable = std::array<Point, 1 << (kBaseWindow - 2)>;

const BaseTable& base_table() {
    static const BaseTable table =
        odd_multiples<std::tuple_size<BaseTable>::value>(Point{to_field(kGx), to_field(kGy), montgomery_one()});
    return table;
}

template <std::size_t N>
Point add_digit(const Point& sum, const std::array<Point, N>& table, int digit) {
    const Point& multiple = table[static_cast<std::size_t>((std::abs(digit) - 1) / 2)];
    return add(sum, digit < 0 ? negate(multiple) : multiple);
}

// y^2 = x^3 - 3x + b, all in Montgomery form.
Element curve_right_side(const Element& x) {
    const Element x3 = mul(mul(x, x), x);
    const Element three_x = add(add(x, x), x);
    return add(sub(x3, three_x), to_field(kB));
}

class Es256Verifier final : public Verifier {
public:
    explicit Es256Verifier(const Point& q) : q_table_(odd_multiples<std::tuple_size<KeyTable>::value>(q)) {}

    Algorithm algorithm() const override { return Algorithm::ES256; }

    bool verify(const std::uint8_t* message, std::size_t message_size, const std::uint8_t* signature,
                std::size_t signature_size) const override {
        if (signature == nullptr || signature_size != 2 * kP256ScalarSize ||
            (message == nullptr && message_size != 0)) {
            return false;
        }
        Element r, s, e;
        mp::from_bytes(r.data(), kLimbs, signature, kP256ScalarSize);
        mp::from_bytes(s.data(), kLimbs, signature + kP256ScalarSize, kP256ScalarSize);
        if (is_zero(r) || is_zero(s) || mp::compare(r.data(), kN.data(), kLimbs) >= 0 ||
            mp::compare(s.data(), kN.data(), kLimbs) >= 0) {
            return false;
        }
        Sha256 hash;
        hash.update(message, message_size);
        std::uint8_t digest[Sha256::kSize];
        hash.final(digest);
        mp::from_bytes(e.data(), kLimbs, digest, sizeof digest);
        reduce_mod_n(e);

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
                sum = add_digit(sum, q_table_, u2_digits[i]);
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
        return mp::add(r_plus_n.data(), r.data(), kN.data(), kSize) == 0 &&
               mp::compare(r_plus_n.data(), kP.data(), kSize) < 0 && mul(to_field(r_plus_n), z2) == sum.x;
    }

private:
    KeyTable q_table_;
};

}  // namespace

Result<std::unique_ptr<Verifier>> es256_verifier(const std::uint8_t* point, std::size_t size) {
    const auto invalid = [](const char* why) {
        return make_error(Errc::key_invalid, std::string("the ES256 public key is not a point on P-256: ") + why);
    };
    constexpr std::size_t kCompressedSize = 1 + kP256ScalarSize;
    const bool uncompressed = size == kP256PointSize && point[0] == 0x04;
    const bool compressed = size == kCompressedSize && (point[0] == 0x02 || point[0] == 0x03);
    if (!uncompressed && !compressed) {
        return invalid("not a SEC1 point encoding");
    }
    Element x, y;
    mp::from_bytes(x.data(), kLimbs, point + 1, kP256ScalarSize);
    if (mp::compare(x.data(), kP.data(), kLimbs) >= 0) {
        return invalid("x is not below p");
    }
    const Element xm = to_field(x);
    const Element right = curve_right_side(xm);
    Element ym;
    if (uncompressed) {
        mp::from_bytes(y.data(), kLimbs, point + 1 + kP256ScalarSize, kP256ScalarSize);
        if (mp::compare(y.data(), kP.data(), kLimbs) >= 0) {
            return invalid("y is not below p");
        }
        ym = to_field(y);
        if (mul(ym, ym) != right) {
            return invalid("y^2 != x^3 - 3x + b");
        }
    } else {
        field().power(ym.data(), right.data(), kSqrtExponent.data(), kLimbs);
        if (mul(ym, ym) != right) {
            return invalid("x^3 - 3x + b has no square root");
        }
        const bool odd = (from_field(ym)[0] & 1) != 0;
        if (odd != (point[0] == 0x03)) {
            ym = sub(Element{}, ym);
        }
    }
    return std::unique_ptr<Verifier>(std::make_unique<Es256Verifier>(Point{xm, ym, montgomery_one()}));
}

}  // namespace poura::crypto
