// SHA-256, SHA-384 and SHA-512 (FIPS 180-4), portable and dependency-free: the
// verifying half of crypto/ needs them without Botan. The round constants and
// initial values are the fractional parts of the cube and square roots of the
// first primes, as the standard defines them.
#include "crypto/sha2.hpp"

#include "crypto/crypto.hpp"

#include <algorithm>
#include <cstring>

// The SHA extensions where the compiler can target them and the processor
// may have them; which engine runs is decided when the program runs.
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && !defined(__EMSCRIPTEN__)
#define POURA_SHA256_X86 1
#include <cpuid.h>
#include <immintrin.h>
#else
#define POURA_SHA256_X86 0
#endif

namespace poura::crypto {
namespace {

constexpr std::uint32_t kRound256[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

constexpr std::uint64_t kRound512[80] = {
    0x428a2f98d728ae22ULL, 0x7137449123ef65cdULL, 0xb5c0fbcfec4d3b2fULL, 0xe9b5dba58189dbbcULL,
    0x3956c25bf348b538ULL, 0x59f111f1b605d019ULL, 0x923f82a4af194f9bULL, 0xab1c5ed5da6d8118ULL,
    0xd807aa98a3030242ULL, 0x12835b0145706fbeULL, 0x243185be4ee4b28cULL, 0x550c7dc3d5ffb4e2ULL,
    0x72be5d74f27b896fULL, 0x80deb1fe3b1696b1ULL, 0x9bdc06a725c71235ULL, 0xc19bf174cf692694ULL,
    0xe49b69c19ef14ad2ULL, 0xefbe4786384f25e3ULL, 0x0fc19dc68b8cd5b5ULL, 0x240ca1cc77ac9c65ULL,
    0x2de92c6f592b0275ULL, 0x4a7484aa6ea6e483ULL, 0x5cb0a9dcbd41fbd4ULL, 0x76f988da831153b5ULL,
    0x983e5152ee66dfabULL, 0xa831c66d2db43210ULL, 0xb00327c898fb213fULL, 0xbf597fc7beef0ee4ULL,
    0xc6e00bf33da88fc2ULL, 0xd5a79147930aa725ULL, 0x06ca6351e003826fULL, 0x142929670a0e6e70ULL,
    0x27b70a8546d22ffcULL, 0x2e1b21385c26c926ULL, 0x4d2c6dfc5ac42aedULL, 0x53380d139d95b3dfULL,
    0x650a73548baf63deULL, 0x766a0abb3c77b2a8ULL, 0x81c2c92e47edaee6ULL, 0x92722c851482353bULL,
    0xa2bfe8a14cf10364ULL, 0xa81a664bbc423001ULL, 0xc24b8b70d0f89791ULL, 0xc76c51a30654be30ULL,
    0xd192e819d6ef5218ULL, 0xd69906245565a910ULL, 0xf40e35855771202aULL, 0x106aa07032bbd1b8ULL,
    0x19a4c116b8d2d0c8ULL, 0x1e376c085141ab53ULL, 0x2748774cdf8eeb99ULL, 0x34b0bcb5e19b48a8ULL,
    0x391c0cb3c5c95a63ULL, 0x4ed8aa4ae3418acbULL, 0x5b9cca4f7763e373ULL, 0x682e6ff3d6b2b8a3ULL,
    0x748f82ee5defb2fcULL, 0x78a5636f43172f60ULL, 0x84c87814a1f0ab72ULL, 0x8cc702081a6439ecULL,
    0x90befffa23631e28ULL, 0xa4506cebde82bde9ULL, 0xbef9a3f7b2c67915ULL, 0xc67178f2e372532bULL,
    0xca273eceea26619cULL, 0xd186b8c721c0c207ULL, 0xeada7dd6cde0eb1eULL, 0xf57d4f7fee6ed178ULL,
    0x06f067aa72176fbaULL, 0x0a637dc5a2c898a6ULL, 0x113f9804bef90daeULL, 0x1b710b35131c471bULL,
    0x28db77f523047d84ULL, 0x32caab7b40c72493ULL, 0x3c9ebe0a15c9bebcULL, 0x431d67c49c100d4cULL,
    0x4cc5d4becb3e42b6ULL, 0x597f299cfc657e2aULL, 0x5fcb6fab3ad6faecULL, 0x6c44198c4a475817ULL};

constexpr std::uint32_t kInitial256[8] = {
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

constexpr std::uint64_t kInitial512[8] = {
    0x6a09e667f3bcc908ULL, 0xbb67ae8584caa73bULL, 0x3c6ef372fe94f82bULL, 0xa54ff53a5f1d36f1ULL,
    0x510e527fade682d1ULL, 0x9b05688c2b3e6c1fULL, 0x1f83d9abfb41bd6bULL, 0x5be0cd19137e2179ULL};

constexpr std::uint64_t kInitial384[8] = {
    0xcbbb9d5dc1059ed8ULL, 0x629a292a367cd507ULL, 0x9159015a3070dd17ULL, 0x152fecd8f70e5939ULL,
    0x67332667ffc00b31ULL, 0x8eb44a8768581511ULL, 0xdb0c2e0d64f98fa7ULL, 0x47b5481dbefa4fa4ULL};

constexpr std::uint32_t rotr32(std::uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }
constexpr std::uint64_t rotr64(std::uint64_t x, int n) { return (x >> n) | (x << (64 - n)); }

std::uint32_t load_be32(const std::uint8_t* p) {
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}

std::uint64_t load_be64(const std::uint8_t* p) {
    return (std::uint64_t{load_be32(p)} << 32) | load_be32(p + 4);
}

template <typename Word>
void store_be(Word value, std::uint8_t* out) {
    for (std::size_t i = 0; i < sizeof(Word); ++i) {
        out[i] = static_cast<std::uint8_t>(value >> (8 * (sizeof(Word) - 1 - i)));
    }
}

}  // namespace

void Sha256::reset() {
    std::memcpy(state_, kInitial256, sizeof state_);
    buffered_ = 0;
    length_ = 0;
}

namespace {

void compress256(std::uint32_t state[8], const std::uint8_t* block) {
    std::uint32_t w[64];
    for (int i = 0; i < 16; ++i) {
        w[i] = load_be32(block + 4 * i);
    }
    for (int i = 16; i < 64; ++i) {
        const std::uint32_t s0 = rotr32(w[i - 15], 7) ^ rotr32(w[i - 15], 18) ^ (w[i - 15] >> 3);
        const std::uint32_t s1 = rotr32(w[i - 2], 17) ^ rotr32(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    std::uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
    std::uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
    for (int i = 0; i < 64; ++i) {
        const std::uint32_t t1 =
            h + (rotr32(e, 6) ^ rotr32(e, 11) ^ rotr32(e, 25)) + ((e & f) ^ (~e & g)) + kRound256[i] + w[i];
        const std::uint32_t t2 = (rotr32(a, 2) ^ rotr32(a, 13) ^ rotr32(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        h = g; g = f; f = e; e = d + t1;
        d = c; c = b; b = a; a = t1 + t2;
    }
    state[0] += a; state[1] += b; state[2] += c; state[3] += d;
    state[4] += e; state[5] += f; state[6] += g; state[7] += h;
}

#if POURA_SHA256_X86
// The same compression on the SHA extensions: a register holds four words of
// the state as (a, b, e, f) and another (c, d, g, h), as sha256rnds2 takes
// them; each sha256rnds2 runs two rounds, and sha256msg1 and sha256msg2 (with
// the W[t-7] term added between them) extend the message schedule four words
// at a time.
__attribute__((target("sha,sse4.1,ssse3"))) void compress256_x86(std::uint32_t state[8],
                                                                 const std::uint8_t* block) {
    // Big-endian words from the block: reverses the bytes of each 32-bit lane.
    const __m128i byte_swap = _mm_set_epi8(12, 13, 14, 15, 8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3);
    const __m128i abcd = _mm_shuffle_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(state)), 0xB1);
    const __m128i hgfe = _mm_shuffle_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(state + 4)), 0x1B);
    __m128i abef = _mm_alignr_epi8(abcd, hgfe, 8);
    __m128i cdgh = _mm_blend_epi16(hgfe, abcd, 0xF0);
    const __m128i abef_start = abef, cdgh_start = cdgh;

    // w[j % 4] holds W[4j .. 4j+3] once group j has started.
    __m128i w[4];
    for (int j = 0; j < 4; ++j)
        w[j] = _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(block + 16 * j)), byte_swap);
    for (int j = 0; j < 16; ++j) {
        if (j >= 4) {
            // W[t] = σ1(W[t-2]) + W[t-7] + σ0(W[t-15]) + W[t-16], for t = 4j .. 4j+3.
            const __m128i& older = w[(j + 1) % 4];   // W[t-12 ..]
            const __m128i& old = w[(j + 2) % 4];     // W[t-8 ..]
            const __m128i& recent = w[(j + 3) % 4];  // W[t-4 ..]
            __m128i next = _mm_sha256msg1_epu32(w[j % 4], older);
            next = _mm_add_epi32(next, _mm_alignr_epi8(recent, old, 4));
            w[j % 4] = _mm_sha256msg2_epu32(next, recent);
        }
        __m128i words = _mm_add_epi32(w[j % 4], _mm_loadu_si128(reinterpret_cast<const __m128i*>(kRound256 + 4 * j)));
        cdgh = _mm_sha256rnds2_epu32(cdgh, abef, words);  // now (a, b, e, f) after two rounds
        words = _mm_shuffle_epi32(words, 0x0E);
        abef = _mm_sha256rnds2_epu32(abef, cdgh, words);  // and after four; the other holds (c, d, g, h)
    }
    abef = _mm_add_epi32(abef, abef_start);
    cdgh = _mm_add_epi32(cdgh, cdgh_start);

    const __m128i feba = _mm_shuffle_epi32(abef, 0x1B);
    const __m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(state), _mm_blend_epi16(feba, dchg, 0xF0));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(state + 4), _mm_alignr_epi8(dchg, feba, 8));
}

bool cpu_has_sha_extensions() {
    unsigned eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return false;
    const bool ssse3 = (ecx & (1u << 9)) != 0, sse41 = (ecx & (1u << 19)) != 0;
    if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return false;
    return ssse3 && sse41 && (ebx & (1u << 29)) != 0;
}
#endif

}  // namespace

Sha256::Engine Sha256::best_engine() {
#if POURA_SHA256_X86
    static const Engine best = cpu_has_sha_extensions() ? Engine::x86_sha : Engine::portable;
    return best;
#else
    return Engine::portable;
#endif
}

void Sha256::compress(const std::uint8_t* block) {
#if POURA_SHA256_X86
    if (engine_ == Engine::x86_sha) {
        compress256_x86(state_, block);
        return;
    }
#else
    (void)engine_;  // the portable engine is the only one here
#endif
    compress256(state_, block);
}

namespace {

// The compression of SHA-512 and SHA-384.
void compress512(std::uint64_t state[8], const std::uint8_t* block) {
    std::uint64_t w[80];
    for (int i = 0; i < 16; ++i) {
        w[i] = load_be64(block + 8 * i);
    }
    for (int i = 16; i < 80; ++i) {
        const std::uint64_t s0 = rotr64(w[i - 15], 1) ^ rotr64(w[i - 15], 8) ^ (w[i - 15] >> 7);
        const std::uint64_t s1 = rotr64(w[i - 2], 19) ^ rotr64(w[i - 2], 61) ^ (w[i - 2] >> 6);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    std::uint64_t a = state[0], b = state[1], c = state[2], d = state[3];
    std::uint64_t e = state[4], f = state[5], g = state[6], h = state[7];
    for (int i = 0; i < 80; ++i) {
        const std::uint64_t t1 =
            h + (rotr64(e, 14) ^ rotr64(e, 18) ^ rotr64(e, 41)) + ((e & f) ^ (~e & g)) + kRound512[i] + w[i];
        const std::uint64_t t2 = (rotr64(a, 28) ^ rotr64(a, 34) ^ rotr64(a, 39)) + ((a & b) ^ (a & c) ^ (b & c));
        h = g; g = f; f = e; e = d + t1;
        d = c; c = b; b = a; a = t1 + t2;
    }
    state[0] += a; state[1] += b; state[2] += c; state[3] += d;
    state[4] += e; state[5] += f; state[6] += g; state[7] += h;
}

}  // namespace

void Sha512::reset() {
    std::memcpy(state_, kInitial512, sizeof state_);
    buffered_ = 0;
    length_ = 0;
}

void Sha512::compress(const std::uint8_t* block) { compress512(state_, block); }

void Sha384::reset() {
    std::memcpy(state_, kInitial384, sizeof state_);
    buffered_ = 0;
    length_ = 0;
}

void Sha384::compress(const std::uint8_t* block) { compress512(state_, block); }

template <typename Derived, std::size_t BlockSize>
void Sha2Base<Derived, BlockSize>::update(const std::uint8_t* data, std::size_t size) {
    if (size == 0) {  // data may then be null, which memcpy must not be given
        return;
    }
    length_ += size;
    if (buffered_ != 0) {
        const std::size_t take = std::min(size, BlockSize - buffered_);
        std::memcpy(buffer_ + buffered_, data, take);
        buffered_ += take;
        data += take;
        size -= take;
        if (buffered_ < BlockSize) {
            return;
        }
        static_cast<Derived*>(this)->compress(buffer_);
        buffered_ = 0;
    }
    for (; size >= BlockSize; data += BlockSize, size -= BlockSize) {
        static_cast<Derived*>(this)->compress(data);
    }
    if (size != 0) {
        std::memcpy(buffer_, data, size);
        buffered_ = size;
    }
}

// Padding: 0x80, zeros, then the message length in bits as a big-endian
// integer filling the block's last 8 (SHA-256) or 16 (SHA-512) bytes.
template <typename Derived, std::size_t BlockSize>
void Sha2Base<Derived, BlockSize>::pad() {
    constexpr std::size_t kLengthField = BlockSize / 8;
    const std::uint64_t bits = length_ * 8;
    buffer_[buffered_++] = 0x80;
    if (buffered_ > BlockSize - kLengthField) {
        std::memset(buffer_ + buffered_, 0, BlockSize - buffered_);
        static_cast<Derived*>(this)->compress(buffer_);
        buffered_ = 0;
    }
    std::memset(buffer_ + buffered_, 0, BlockSize - buffered_);
    store_be(bits, buffer_ + BlockSize - 8);
    static_cast<Derived*>(this)->compress(buffer_);
    buffered_ = 0;
}

template class Sha2Base<Sha256, 64>;
template class Sha2Base<Sha512, 128>;
template class Sha2Base<Sha384, 128>;

void Sha256::final(std::uint8_t out[kSize]) {
    pad();
    for (int i = 0; i < 8; ++i) {
        store_be(state_[i], out + 4 * i);
    }
    reset();
}

void Sha512::final(std::uint8_t out[kSize]) {
    pad();
    for (int i = 0; i < 8; ++i) {
        store_be(state_[i], out + 8 * i);
    }
    reset();
}

void Sha384::final(std::uint8_t out[kSize]) {
    pad();
    for (int i = 0; i < 6; ++i) {
        store_be(state_[i], out + 8 * i);
    }
    reset();
}

Bytes sha256(const std::uint8_t* data, std::size_t size) {
    Sha256 hash;
    hash.update(data, size);
    Bytes digest(Sha256::kSize);
    hash.final(digest.data());
    return digest;
}

}  // namespace poura::crypto
