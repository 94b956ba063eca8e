// The field of Ed25519, integers mod p = 2^255 - 19, in two representations
// with the same interface, for ed25519_verify.cpp:
// - Field25: ten signed limbs of 26 and 25 bits alternately (radix 2^25.5),
//   whose products fit 64-bit integers on every target, WebAssembly included;
// - Field51: five signed limbs of 51 bits (radix 2^51), whose products need
//   a 64 x 64 -> 128-bit multiply: a quarter as many products, for targets
//   that have one (x86-64, AArch64).
// Sums and differences are not carried: a product's inputs may be any sum or
// difference of two carried elements; where the curve's formulas combine
// more, they carry explicitly (reduce).
#pragma once

#include <cstdint>
#include <cstring>
#include <utility>

namespace poura::crypto::ed25519 {
// Only ed25519_verify.cpp includes this. Internal linkage lets the compiler
// change how these functions are called, as it could when they were that
// file's own: without it, WebAssembly verification is a third slower.
namespace {

struct Field25 {
    struct Fe {
        std::int32_t v[10];
    };

    static constexpr int kLimbBits[10] = {26, 25, 26, 25, 26, 25, 26, 25, 26, 25};
    static constexpr int kLimbOffset[10] = {0, 26, 51, 77, 102, 128, 153, 179, 204, 230};

    static constexpr Fe kZero = {{0}};
    static constexpr Fe kOne = {{1}};
    static constexpr Fe kP = {{(1 << 26) - 19, (1 << 25) - 1, (1 << 26) - 1, (1 << 25) - 1, (1 << 26) - 1,
                               (1 << 25) - 1, (1 << 26) - 1, (1 << 25) - 1, (1 << 26) - 1, (1 << 25) - 1}};
    // d = -121665/121666, 2d, sqrt(-1) = 2^((p-1)/4), and the base point B.
    static constexpr Fe kD = {
        {56195235, 13857412, 51736253, 6949390, 114729, 24766616, 60832955, 30306712, 48412415, 21499315}};
    static constexpr Fe kD2 = {
        {45281625, 27714825, 36363642, 13898781, 229458, 15978800, 54557047, 27058993, 29715967, 9444199}};
    static constexpr Fe kSqrtM1 = {
        {34513072, 25610706, 9377949, 3500415, 12389472, 33281959, 41962654, 31548777, 326685, 11406482}};
    static constexpr Fe kBaseX = {
        {52811034, 25909283, 16144682, 17082669, 27570973, 30858332, 40966398, 8378388, 20764389, 8758491}};
    static constexpr Fe kBaseY = {
        {40265304, 26843545, 13421772, 20132659, 26843545, 6710886, 53687091, 13421772, 40265318, 26843545}};

    // Limbs from a 64-bit working array: each limb keeps its bits and passes
    // the rest up; the carry out of the top limb is 2^255 = 19. Afterwards
    // every limb but limb 1 is within its bit width. Limb 1 takes the last
    // carry, which is negative when the top limb was (|carry| <= 2^17 for
    // sums below 2^63), so it lies in [-2^17, 2^25 + 2^17) and the value
    // itself may be a little below zero.
    static Fe carry(std::int64_t t[10]) {
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
        Fe h;
        for (int i = 0; i < 10; ++i) {
            h.v[i] = static_cast<std::int32_t>(t[i]);
        }
        return h;
    }

    // Limbs of a sum or difference of two carried elements stay below 2^27 in
    // magnitude, which products take.
    static Fe add(const Fe& f, const Fe& g) {
        Fe h;
        for (int i = 0; i < 10; ++i) {
            h.v[i] = f.v[i] + g.v[i];
        }
        return h;
    }

    static Fe sub(const Fe& f, const Fe& g) {
        Fe h;
        for (int i = 0; i < 10; ++i) {
            h.v[i] = f.v[i] - g.v[i];
        }
        return h;
    }

    static Fe reduce(const Fe& f) {
        std::int64_t t[10];
        for (int i = 0; i < 10; ++i) {
            t[i] = f.v[i];
        }
        return carry(t);
    }

    // Limb i has weight 2^ceil(25.5 i): the product of two odd limbs lands on
    // an even limb with an extra factor 2, and weights from 2^255 up wrap
    // around with a factor 19. With inputs below 2^27 every sum stays below
    // 2^63. The terms are expanded at compile time, so no product carries a
    // branch.
    template <int I, int J, bool Square>
    static void accumulate(std::int64_t t[10], const std::int32_t* f, const std::int32_t* g) {
        if constexpr (!Square || I <= J) {
            constexpr std::int64_t kFactor = ((I & J & 1) != 0 ? 2 : 1) * (I + J >= 10 ? 19 : 1) *
                                             (Square && I < J ? 2 : 1);
            t[(I + J) % 10] += std::int64_t{f[I]} * (kFactor * g[J]);
        }
    }

    template <int I, bool Square, int... J>
    static void accumulate_row(std::int64_t t[10], const std::int32_t* f, const std::int32_t* g,
                               std::integer_sequence<int, J...>) {
        (accumulate<I, J, Square>(t, f, g), ...);
    }

    template <bool Square, int... I>
    static void accumulate_all(std::int64_t t[10], const std::int32_t* f, const std::int32_t* g,
                               std::integer_sequence<int, I...>) {
        (accumulate_row<I, Square>(t, f, g, std::make_integer_sequence<int, 10>()), ...);
    }

    template <bool Square>
    static Fe product(const Fe& f, const Fe& g) {
        std::int64_t t[10] = {};
        accumulate_all<Square>(t, f.v, g.v, std::make_integer_sequence<int, 10>());
        return carry(t);
    }

    static Fe mul(const Fe& f, const Fe& g) { return product<false>(f, g); }

    // The 55 distinct products of f * f, the cross terms doubled.
    static Fe square(const Fe& f) { return product<true>(f, f); }

    // The canonical little-endian encoding (value below p).
    static void to_bytes(std::uint8_t out[32], const Fe& f) {
        // A carried value may be a little below zero (see carry): adding p
        // makes every limb non-negative, so every carry of the second pass is
        // too, and 0 <= h < 2p afterwards.
        const Fe carried = reduce(f);
        std::int64_t positive[10];
        for (int i = 0; i < 10; ++i) {
            positive[i] = std::int64_t{carried.v[i]} + kP.v[i];
        }
        const Fe h = carry(positive);
        // Subtract p once if h >= p, that is if h + 19 reaches 2^255.
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
    static Fe from_bytes(const std::uint8_t in[32]) {
        Fe h;
        for (int i = 0; i < 10; ++i) {
            std::uint64_t window = 0;
            const int first = kLimbOffset[i] / 8;
            for (int b = 0; b < 5 && first + b < 32; ++b) {
                window |= std::uint64_t{in[first + b]} << (8 * b);
            }
            h.v[i] = static_cast<std::int32_t>((window >> (kLimbOffset[i] % 8)) &
                                               ((std::uint64_t{1} << kLimbBits[i]) - 1));
        }
        return h;
    }
};

// WebAssembly's clang has __int128 too, but as calls to a library routine:
// there the ten 32-bit limbs are faster.
#if defined(__SIZEOF_INT128__) && !defined(__wasm__)
#define POURA_ED25519_FIELD51 1

struct Field51 {
    struct Fe {
        std::int64_t v[5];
    };
    __extension__ typedef __int128 Wide;  // GCC and Clang, without -Wpedantic's complaint

    static constexpr int kLimbBits = 51;
    static constexpr std::int64_t kLimbMask = (std::int64_t{1} << kLimbBits) - 1;

    static constexpr Fe kZero = {{0}};
    static constexpr Fe kOne = {{1}};
    static constexpr Fe kP = {{kLimbMask - 18, kLimbMask, kLimbMask, kLimbMask, kLimbMask}};
    static constexpr Fe kD = {
        {929955233495203, 466365720129213, 1662059464998953, 2033849074728123, 1442794654840575}};
    static constexpr Fe kD2 = {
        {1859910466990425, 932731440258426, 1072319116312658, 1815898335770999, 633789495995903}};
    static constexpr Fe kSqrtM1 = {
        {1718705420411056, 234908883556509, 2233514472574048, 2117202627021982, 765476049583133}};
    static constexpr Fe kBaseX = {
        {1738742601995546, 1146398526822698, 2070867633025821, 562264141797630, 587772402128613}};
    static constexpr Fe kBaseY = {
        {1801439850948184, 1351079888211148, 450359962737049, 900719925474099, 1801439850948198}};

    // Limbs from a 128-bit working array, as Field25::carry. Afterwards every
    // limb but limb 1 is in [0, 2^51); limb 1 takes the last carry, which is
    // negative when the top limb was (|carry| <= 2^18 for sums below 2^115),
    // so it lies in [-2^18, 2^51 + 2^18) and the value may be a little below
    // zero.
    static Fe carry(Wide t[5]) {
        for (int i = 0; i < 5; ++i) {
            const Wide c = t[i] >> kLimbBits;
            t[i] &= kLimbMask;
            if (i < 4) {
                t[i + 1] += c;
            } else {
                t[0] += 19 * c;
            }
        }
        const Wide c = t[0] >> kLimbBits;
        t[0] &= kLimbMask;
        t[1] += c;
        Fe h;
        for (int i = 0; i < 5; ++i) {
            h.v[i] = static_cast<std::int64_t>(t[i]);
        }
        return h;
    }

    // Limbs of a sum or difference of two carried elements stay below 2^53
    // in magnitude; a product takes inputs below 2^54, where every sum of its
    // terms stays below 2^115.
    static Fe add(const Fe& f, const Fe& g) {
        Fe h;
        for (int i = 0; i < 5; ++i) {
            h.v[i] = f.v[i] + g.v[i];
        }
        return h;
    }

    static Fe sub(const Fe& f, const Fe& g) {
        Fe h;
        for (int i = 0; i < 5; ++i) {
            h.v[i] = f.v[i] - g.v[i];
        }
        return h;
    }

    static Fe reduce(const Fe& f) {
        Wide t[5];
        for (int i = 0; i < 5; ++i) {
            t[i] = f.v[i];
        }
        return carry(t);
    }

    static Wide wide(std::int64_t a, std::int64_t b) { return static_cast<Wide>(a) * b; }

    // Weights from 2^255 up wrap around with a factor 19.
    static Fe mul(const Fe& f, const Fe& g) {
        const std::int64_t* a = f.v;
        const std::int64_t* b = g.v;
        const std::int64_t b1_19 = 19 * b[1], b2_19 = 19 * b[2], b3_19 = 19 * b[3], b4_19 = 19 * b[4];
        Wide t[5];
        t[0] = wide(a[0], b[0]) + wide(a[1], b4_19) + wide(a[2], b3_19) + wide(a[3], b2_19) + wide(a[4], b1_19);
        t[1] = wide(a[0], b[1]) + wide(a[1], b[0]) + wide(a[2], b4_19) + wide(a[3], b3_19) + wide(a[4], b2_19);
        t[2] = wide(a[0], b[2]) + wide(a[1], b[1]) + wide(a[2], b[0]) + wide(a[3], b4_19) + wide(a[4], b3_19);
        t[3] = wide(a[0], b[3]) + wide(a[1], b[2]) + wide(a[2], b[1]) + wide(a[3], b[0]) + wide(a[4], b4_19);
        t[4] = wide(a[0], b[4]) + wide(a[1], b[3]) + wide(a[2], b[2]) + wide(a[3], b[1]) + wide(a[4], b[0]);
        return carry(t);
    }

    // The 15 distinct products of f * f, the cross terms doubled.
    static Fe square(const Fe& f) {
        const std::int64_t* a = f.v;
        const std::int64_t a0_2 = 2 * a[0], a1_2 = 2 * a[1];
        const std::int64_t a3_19 = 19 * a[3], a4_19 = 19 * a[4];
        Wide t[5];
        t[0] = wide(a[0], a[0]) + wide(2 * a[1], a4_19) + wide(2 * a[2], a3_19);
        t[1] = wide(a0_2, a[1]) + wide(2 * a[2], a4_19) + wide(a[3], a3_19);
        t[2] = wide(a0_2, a[2]) + wide(a[1], a[1]) + wide(2 * a[3], a4_19);
        t[3] = wide(a0_2, a[3]) + wide(a1_2, a[2]) + wide(a[4], a4_19);
        t[4] = wide(a0_2, a[4]) + wide(a1_2, a[3]) + wide(a[2], a[2]);
        return carry(t);
    }

    // The canonical little-endian encoding (value below p).
    static void to_bytes(std::uint8_t out[32], const Fe& f) {
        // As Field25::to_bytes: adding p to a carried value makes every limb
        // non-negative, and after a second carry 0 <= h < 2p.
        const Fe carried = reduce(f);
        Wide positive[5];
        for (int i = 0; i < 5; ++i) {
            positive[i] = Wide{carried.v[i]} + kP.v[i];
        }
        const Fe h = carry(positive);
        // Subtract p once if h >= p, that is if h + 19 reaches 2^255.
        std::int64_t q = (h.v[0] + 19) >> kLimbBits;
        for (int i = 1; i < 5; ++i) {
            q = (h.v[i] + q) >> kLimbBits;
        }
        std::int64_t t[5] = {h.v[0] + 19 * q, h.v[1], h.v[2], h.v[3], h.v[4]};
        for (int i = 0; i < 4; ++i) {
            t[i + 1] += t[i] >> kLimbBits;
            t[i] &= kLimbMask;
        }
        t[4] &= kLimbMask;  // drops q * 2^255
        const std::uint64_t words[4] = {
            static_cast<std::uint64_t>(t[0]) | static_cast<std::uint64_t>(t[1]) << 51,
            static_cast<std::uint64_t>(t[1]) >> 13 | static_cast<std::uint64_t>(t[2]) << 38,
            static_cast<std::uint64_t>(t[2]) >> 26 | static_cast<std::uint64_t>(t[3]) << 25,
            static_cast<std::uint64_t>(t[3]) >> 39 | static_cast<std::uint64_t>(t[4]) << 12,
        };
        for (int w = 0; w < 4; ++w) {
            for (int b = 0; b < 8; ++b) {
                out[8 * w + b] = static_cast<std::uint8_t>(words[w] >> (8 * b));
            }
        }
    }

    // The low 255 bits of a little-endian encoding (the caller checks the rest).
    static Fe from_bytes(const std::uint8_t in[32]) {
        std::uint64_t words[4] = {};
        for (int w = 0; w < 4; ++w) {
            for (int b = 0; b < 8; ++b) {
                words[w] |= std::uint64_t{in[8 * w + b]} << (8 * b);
            }
        }
        const auto limb = [](std::uint64_t bits) { return static_cast<std::int64_t>(bits & kLimbMask); };
        return {{limb(words[0]), limb(words[0] >> 51 | words[1] << 13), limb(words[1] >> 38 | words[2] << 26),
                 limb(words[2] >> 25 | words[3] << 39), limb(words[3] >> 12)}};
    }
};
#endif

}  // namespace
}  // namespace poura::crypto::ed25519
