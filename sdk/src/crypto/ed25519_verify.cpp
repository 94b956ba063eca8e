// Ed25519 verification (RFC 8032 section 5.1.7), cofactorless like most
// implementations: the signature is valid when [S]B - [k]A encodes to R.
//
// Field elements mod p = 2^255 - 19 are ten signed limbs of 26 and 25 bits
// alternately (radix 2^25.5), so that products fit 64-bit integers on every
// target, WebAssembly included. Points are in extended coordinates
// (X:Y:Z:T), x = X/Z, y = Y/Z, x*y = T/Z (Hisil, Wong, Carter, Dawson 2008).
#include "crypto/bignum.hpp"
#include "crypto/sha2.hpp"
#include "crypto/verifiers.hpp"

#include <array>
#include <cstdlib>
#include <cstring>
#include <utility>

namespace poura::crypto {
namespace {

// ----- The field -----------------------------------------------------------

struct Fe {
    std::int32_t v[10];
};

constexpr int kLimbBits[10] = {26, 25, 26, 25, 26, 25, 26, 25, 26, 25};
constexpr int kLimbOffset[10] = {0, 26, 51, 77, 102, 128, 153, 179, 204, 230};

constexpr Fe kZero = {{0}};
constexpr Fe kOne = {{1}};
// d = -121665/121666, 2d, sqrt(-1) = 2^((p-1)/4), and the base point B.
constexpr Fe kD = {{56195235, 13857412, 51736253, 6949390, 114729, 24766616, 60832955, 30306712, 48412415, 21499315}};
constexpr Fe kD2 = {{45281625, 27714825, 36363642, 13898781, 229458, 15978800, 54557047, 27058993, 29715967, 9444199}};
constexpr Fe kSqrtM1 = {
    {34513072, 25610706, 9377949, 3500415, 12389472, 33281959, 41962654, 31548777, 326685, 11406482}};
constexpr Fe kBaseX = {
    {52811034, 25909283, 16144682, 17082669, 27570973, 30858332, 40966398, 8378388, 20764389, 8758491}};
constexpr Fe kBaseY = {
    {40265304, 26843545, 13421772, 20132659, 26843545, 6710886, 53687091, 13421772, 40265318, 26843545}};

// Limbs from a 64-bit working array: each limb keeps its bits and passes the
// rest up; the carry out of the top limb is 2^255 = 19. Afterwards limb 1 is
// below 2^25 + 2^17 and the others within their bit width.
void carry(Fe& h, std::int64_t t[10]) {
    for (int i = 0; i < 10; ++i) {
        const std::int64_t c = t[i] >> kLimbBits[i];
        t[i] -= c * (std::int64_t{1} << kLimbBits[i]);
        if (i < 9) {
            t[i + 1] += c;
        } else {
            t[0] += 19 * c;
        }
    }
    const std::int64_t c = t[0] >> 26;
    t[0] -= c * (std::int64_t{1} << 26);
    t[1] += c;
    for (int i = 0; i < 10; ++i) {
        h.v[i] = static_cast<std::int32_t>(t[i]);
    }
}

// Sums and differences are not carried: a product's inputs must have limbs
// below 2^27 in magnitude, which any sum or difference of two carried
// elements does; where the formulas combine more, they carry explicitly.
Fe add(const Fe& f, const Fe& g) {
    Fe h;
    for (int i = 0; i < 10; ++i) {
        h.v[i] = f.v[i] + g.v[i];
    }
    return h;
}

Fe sub(const Fe& f, const Fe& g) {
    Fe h;
    for (int i = 0; i < 10; ++i) {
        h.v[i] = f.v[i] - g.v[i];
    }
    return h;
}

Fe reduce(const Fe& f) {
    std::int64_t t[10];
    for (int i = 0; i < 10; ++i) {
        t[i] = f.v[i];
    }
    Fe h;
    carry(h, t);
    return h;
}

// Limb i has weight 2^ceil(25.5 i): the product of two odd limbs lands on an
// even limb with an extra factor 2, and weights from 2^255 up wrap around
// with a factor 19. With inputs below 2^27 every sum stays below 2^63. The
// terms are expanded at compile time, so no product carries a branch.
template <int I, int J, bool Square>
inline void accumulate(std::int64_t t[10], const std::int32_t* f, const std::int32_t* g) {
    if constexpr (!Square || I <= J) {
        constexpr std::int64_t kFactor = ((I & J & 1) != 0 ? 2 : 1) * (I + J >= 10 ? 19 : 1) *
                                         (Square && I < J ? 2 : 1);
        t[(I + J) % 10] += std::int64_t{f[I]} * (kFactor * g[J]);
    }
}

template <int I, bool Square, int... J>
inline void accumulate_row(std::int64_t t[10], const std::int32_t* f, const std::int32_t* g,
                           std::integer_sequence<int, J...>) {
    (accumulate<I, J, Square>(t, f, g), ...);
}

template <bool Square, int... I>
inline void accumulate_all(std::int64_t t[10], const std::int32_t* f, const std::int32_t* g,
                           std::integer_sequence<int, I...>) {
    (accumulate_row<I, Square>(t, f, g, std::make_integer_sequence<int, 10>()), ...);
}

template <bool Square>
Fe product(const Fe& f, const Fe& g) {
    std::int64_t t[10] = {};
    accumulate_all<Square>(t, f.v, g.v, std::make_integer_sequence<int, 10>());
    Fe h;
    carry(h, t);
    return h;
}

Fe mul(const Fe& f, const Fe& g) { return product<false>(f, g); }

// The 55 distinct products of f * f, the cross terms doubled.
Fe square(const Fe& f) { return product<true>(f, f); }

Fe square_times(Fe f, int times) {
    for (int i = 0; i < times; ++i) {
        f = square(f);
    }
    return f;
}

// z^(2^250 - 1) and z^11, the common part of inversion and square roots.
struct PowerParts {
    Fe z11;
    Fe z_2_250_1;
};

PowerParts power_parts(const Fe& z) {
    const Fe z2 = square(z);
    const Fe z9 = mul(square_times(z2, 2), z);
    const Fe z11 = mul(z9, z2);
    const Fe z_5 = mul(square(z11), z9);                      // 2^5 - 1
    const Fe z_10 = mul(square_times(z_5, 5), z_5);           // 2^10 - 1
    const Fe z_20 = mul(square_times(z_10, 10), z_10);        // 2^20 - 1
    const Fe z_40 = mul(square_times(z_20, 20), z_20);        // 2^40 - 1
    const Fe z_50 = mul(square_times(z_40, 10), z_10);        // 2^50 - 1
    const Fe z_100 = mul(square_times(z_50, 50), z_50);       // 2^100 - 1
    const Fe z_200 = mul(square_times(z_100, 100), z_100);    // 2^200 - 1
    return {z11, mul(square_times(z_200, 50), z_50)};         // 2^250 - 1
}

// z^(p-2) = z^(2^255 - 21).
Fe invert(const Fe& z) {
    const PowerParts parts = power_parts(z);
    return mul(square_times(parts.z_2_250_1, 5), parts.z11);
}

// z^((p-5)/8) = z^(2^252 - 3).
Fe power_p58(const Fe& z) {
    return mul(square_times(power_parts(z).z_2_250_1, 2), z);
}

// The canonical little-endian encoding (value below p).
void to_bytes(std::uint8_t out[32], const Fe& f) {
    const Fe h = reduce(f);
    // Now 0 <= h < 2^255 + 2^43 or so: subtract p once if h >= p, that is if
    // h + 19 reaches 2^255.
    std::int64_t q = (h.v[0] + 19) >> 26;
    for (int i = 1; i < 10; ++i) {
        q = (h.v[i] + q) >> kLimbBits[i];
    }
    std::int64_t t[10];
    for (int i = 0; i < 10; ++i) {
        t[i] = h.v[i];
    }
    t[0] += 19 * q;
    for (int i = 0; i < 9; ++i) {
        const std::int64_t c = t[i] >> kLimbBits[i];
        t[i] -= c * (std::int64_t{1} << kLimbBits[i]);
        t[i + 1] += c;
    }
    t[9] &= (std::int64_t{1} << 25) - 1;  // drops q * 2^255
    std::memset(out, 0, 32);
    for (int i = 0; i < 10; ++i) {
        const std::uint64_t limb = static_cast<std::uint64_t>(t[i]);
        for (int bit = 0; bit < kLimbBits[i]; bit += 8) {
            const int position = kLimbOffset[i] + bit;
            const std::uint64_t chunk = limb >> bit;
            out[position / 8] |= static_cast<std::uint8_t>(chunk << (position % 8));
            if (position % 8 != 0 && position / 8 + 1 < 32) {
                out[position / 8 + 1] |= static_cast<std::uint8_t>(chunk >> (8 - position % 8));
            }
        }
    }
}

// The low 255 bits of a little-endian encoding (the caller checks the rest).
Fe from_bytes(const std::uint8_t in[32]) {
    Fe h;
    for (int i = 0; i < 10; ++i) {
        std::uint64_t window = 0;
        const int first = kLimbOffset[i] / 8;
        for (int b = 0; b < 5 && first + b < 32; ++b) {
            window |= std::uint64_t{in[first + b]} << (8 * b);
        }
        h.v[i] = static_cast<std::int32_t>((window >> (kLimbOffset[i] % 8)) & ((std::uint64_t{1} << kLimbBits[i]) - 1));
    }
    return h;
}

bool equal(const Fe& f, const Fe& g) {
    std::uint8_t a[32], b[32];
    to_bytes(a, f);
    to_bytes(b, g);
    return std::memcmp(a, b, 32) == 0;
}

bool is_negative(const Fe& f) {
    std::uint8_t bytes[32];
    to_bytes(bytes, f);
    return (bytes[0] & 1) != 0;
}

// ----- The curve -x^2 + y^2 = 1 + d x^2 y^2 --------------------------------

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

Point to_point(const Completed& c) {
    return {mul(c.e, c.f), mul(c.g, c.h), mul(c.f, c.g), mul(c.e, c.h)};
}

// Without T, for a point that is only doubled next.
Point to_point_without_t(const Completed& c) {
    return {mul(c.e, c.f), mul(c.g, c.h), mul(c.f, c.g), kZero};
}

Cached to_cached(const Point& p) {
    return {add(p.y, p.x), sub(p.y, p.x), add(p.z, p.z), mul(p.t, kD2)};
}

Completed add(const Point& p, const Cached& q, bool subtract) {
    const Fe a = mul(sub(p.y, p.x), subtract ? q.y_plus_x : q.y_minus_x);
    const Fe b = mul(add(p.y, p.x), subtract ? q.y_minus_x : q.y_plus_x);
    const Fe c = mul(p.t, q.t2d);
    const Fe d = mul(p.z, q.z2);
    if (subtract) {
        return {sub(b, a), add(d, c), sub(d, c), add(b, a)};
    }
    return {sub(b, a), sub(d, c), add(d, c), add(b, a)};
}

// Doubling for a = -1; uses X, Y, Z only.
Completed twice(const Point& p) {
    const Fe a = square(p.x);
    const Fe b = square(p.y);
    const Fe c = square(p.z);
    const Fe h = add(a, b);
    const Fe e = reduce(sub(h, square(add(p.x, p.y))));
    const Fe g = sub(a, b);
    const Fe f = reduce(add(add(c, c), g));
    return {e, f, g, h};
}

// RFC 8032 section 5.1.3. Refuses y >= p and "negative zero" x.
bool decode(Point& out, const std::uint8_t in[32]) {
    const Fe y = from_bytes(in);
    std::uint8_t canonical[32];
    to_bytes(canonical, y);
    if (std::memcmp(canonical, in, 31) != 0 || canonical[31] != (in[31] & 0x7F)) {
        return false;
    }
    const bool sign = (in[31] & 0x80) != 0;
    const Fe y2 = square(y);
    const Fe u = sub(y2, kOne);
    const Fe v = add(mul(y2, kD), kOne);
    const Fe v3 = mul(square(v), v);
    const Fe v7 = mul(square(v3), v);
    Fe x = mul(mul(u, v3), power_p58(mul(u, v7)));
    const Fe vx2 = mul(v, square(x));
    if (!equal(vx2, u)) {
        if (!equal(vx2, sub(kZero, u))) {
            return false;
        }
        x = mul(x, kSqrtM1);
    }
    const bool x_is_zero = equal(x, kZero);
    if (x_is_zero && sign) {
        return false;
    }
    if (is_negative(x) != sign) {
        x = reduce(sub(kZero, x));
    }
    out = {x, y, kOne, mul(x, y)};
    return true;
}

void encode(std::uint8_t out[32], const Point& p) {
    const Fe z_inverse = invert(p.z);
    to_bytes(out, mul(p.y, z_inverse));
    if (is_negative(mul(p.x, z_inverse))) {
        out[31] |= 0x80;
    }
}

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

template <std::size_t N>
std::array<Cached, N> odd_multiples(const Point& p) {
    std::array<Cached, N> table;
    table[0] = to_cached(p);
    const Point twice_p = to_point(twice(p));
    const Cached twice_cached = to_cached(twice_p);
    Point current = p;
    for (std::size_t i = 1; i < N; ++i) {
        current = to_point(add(current, twice_cached, false));
        table[i] = to_cached(current);
    }
    return table;
}

using KeyTable = std::array<Cached, 1 << (kKeyWindow - 2)>;
using BaseTable = std::array<Cached, 1 << (kBaseWindow - 2)>;

// sum + digit * P from a table of P's odd multiples; negative digits subtract.
template <std::size_t N>
Point add_digit(const Point& sum, const std::array<Cached, N>& table, int digit) {
    return to_point(add(sum, table[static_cast<std::size_t>((std::abs(digit) - 1) / 2)], digit < 0));
}

const BaseTable& base_table() {
    static const BaseTable table = odd_multiples<std::tuple_size<BaseTable>::value>(Point{kBaseX, kBaseY, kOne, mul(kBaseX, kBaseY)});
    return table;
}

class Ed25519Verifier final : public Verifier {
public:
    explicit Ed25519Verifier(const std::uint8_t* key) {
        std::memcpy(key_, key, kEd25519KeySize);
        Point a;
        decoded_ = decode(a, key_);
        if (decoded_) {
            // -A, so that verification adds rather than subtracts.
            a.x = reduce(sub(kZero, a.x));
            a.t = reduce(sub(kZero, a.t));
            minus_a_ = odd_multiples<std::tuple_size<KeyTable>::value>(a);
        }
    }

    Algorithm algorithm() const override { return Algorithm::EdDSA; }

    bool verify(const std::uint8_t* message, std::size_t message_size, const std::uint8_t* signature,
                std::size_t signature_size) const override {
        if (!decoded_ || signature == nullptr || signature_size != kEd25519SignatureSize ||
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
        const BaseTable& base = base_table();
        Point sum{kZero, kOne, kOne, kZero};
        bool identity = true;
        for (int i = kScalarDigits - 1; i >= 0; --i) {
            if (!identity) {
                const Completed doubled = twice(sum);
                sum = s_digits[i] != 0 || k_digits[i] != 0 ? to_point(doubled) : to_point_without_t(doubled);
            }
            if (s_digits[i] != 0) {
                sum = add_digit(sum, base, s_digits[i]);
                identity = false;
            }
            if (k_digits[i] != 0) {
                sum = add_digit(sum, minus_a_, k_digits[i]);
                identity = false;
            }
        }
        std::uint8_t encoded[32];
        encode(encoded, sum);
        return std::memcmp(encoded, r, 32) == 0;
    }

private:
    std::uint8_t key_[kEd25519KeySize];
    bool decoded_ = false;
    KeyTable minus_a_;
};

}  // namespace

std::unique_ptr<Verifier> ed25519_verifier(const std::uint8_t* key) {
    return std::make_unique<Ed25519Verifier>(key);
}

}  // namespace poura::crypto
