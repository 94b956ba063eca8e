// RSASSA-PSS verification (RFC 8017 sections 8.1.2 and 9.1.2) with SHA-256,
// MGF1 with SHA-256 and a salt of exactly 32 bytes.
#include "crypto/bignum.hpp"
#include "crypto/sha2.hpp"
#include "crypto/verifiers.hpp"

#include <algorithm>
#include <cstring>
#include <vector>

namespace poura::crypto {
namespace {

constexpr std::size_t kHashSize = Sha256::kSize;
constexpr std::size_t kSaltSize = 32;

// MGF1 (RFC 8017 appendix B.2.1): SHA-256(seed || counter) blocks, XORed into
// `out` as it goes.
void xor_mgf1(std::uint8_t* out, std::size_t size, const std::uint8_t* seed) {
    std::uint8_t block[kHashSize];
    for (std::uint32_t counter = 0; size != 0; ++counter) {
        const std::uint8_t counter_bytes[4] = {static_cast<std::uint8_t>(counter >> 24),
                                               static_cast<std::uint8_t>(counter >> 16),
                                               static_cast<std::uint8_t>(counter >> 8),
                                               static_cast<std::uint8_t>(counter)};
        Sha256 hash;
        hash.update(seed, kHashSize);
        hash.update(counter_bytes, sizeof counter_bytes);
        hash.final(block);
        const std::size_t take = std::min(size, kHashSize);
        for (std::size_t i = 0; i < take; ++i) {
            out[i] ^= block[i];
        }
        out += take;
        size -= take;
    }
}

// EMSA-PSS-VERIFY: is `em` (em_bits significant bits) the encoding of the
// message with hash `message_hash`?
bool pss_encoding_matches(std::vector<std::uint8_t>& em, std::size_t em_bits, const std::uint8_t* message_hash) {
    const std::size_t em_size = em.size();
    if (em_size < kHashSize + kSaltSize + 2 || em.back() != 0xBC) {
        return false;
    }
    const std::size_t db_size = em_size - kHashSize - 1;
    std::uint8_t* db = em.data();
    const std::uint8_t* h = em.data() + db_size;
    const std::size_t unused_bits = 8 * em_size - em_bits;
    const std::uint8_t top_mask = static_cast<std::uint8_t>(0xFF >> unused_bits);
    if ((db[0] & ~top_mask) != 0) {
        return false;
    }
    xor_mgf1(db, db_size, h);
    db[0] &= top_mask;
    // DB = zeros || 01 || salt
    const std::size_t separator = db_size - kSaltSize - 1;
    if (!std::all_of(db, db + separator, [](std::uint8_t b) { return b == 0; }) || db[separator] != 0x01) {
        return false;
    }
    static constexpr std::uint8_t kZeros[8] = {};
    Sha256 hash;
    hash.update(kZeros, sizeof kZeros);
    hash.update(message_hash, kHashSize);
    hash.update(db + separator + 1, kSaltSize);
    std::uint8_t expected[kHashSize];
    hash.final(expected);
    return std::memcmp(expected, h, kHashSize) == 0;
}

template <typename Limb, typename Size>
class Ps256Verifier final : public Verifier {
public:
    using Modulus = mp::BasicMontgomery<Size, Limb>;

    // With a FixedSize, the modulus has exactly that many limbs.
    Ps256Verifier(std::vector<Limb> modulus, std::vector<Limb> exponent_less_one)
        : modulus_(modulus.data(), Size{modulus.size()}),
          exponent_less_one_(std::move(exponent_less_one)),
          modulus_bits_(mp::bit_length(modulus.data(), modulus.size())),
          modulus_bytes_((modulus_bits_ + 7) / 8) {}

    Algorithm algorithm() const override { return Algorithm::PS256; }

    bool verify(const std::uint8_t* message, std::size_t message_size, const std::uint8_t* signature,
                std::size_t signature_size) const override {
        if (signature == nullptr || signature_size != modulus_bytes_ || (message == nullptr && message_size != 0)) {
            return false;
        }
        const std::size_t n = modulus_.size();
        std::vector<Limb> s(n), s_montgomery(n), m(n);
        mp::from_bytes(s.data(), n, signature, signature_size);
        if (mp::compare(s.data(), modulus_.modulus(), n) >= 0) {
            return false;
        }
        // m = s^e mod n: s^(e-1) in Montgomery form, whose product with the
        // plain s is m itself, with no conversion out.
        modulus_.to_montgomery(s_montgomery.data(), s.data());
        modulus_.power(m.data(), s_montgomery.data(), exponent_less_one_.data(), exponent_less_one_.size());
        modulus_.multiply(m.data(), m.data(), s.data());
        const std::size_t em_bits = modulus_bits_ - 1;
        std::vector<std::uint8_t> em((em_bits + 7) / 8);
        if (!mp::to_bytes(em.data(), em.size(), m.data(), n)) {
            return false;
        }
        std::uint8_t message_hash[kHashSize];
        Sha256 hash;
        hash.update(message, message_size);
        hash.final(message_hash);
        return pss_encoding_matches(em, em_bits, message_hash);
    }

private:
    Modulus modulus_;
    std::vector<Limb> exponent_less_one_;
    std::size_t modulus_bits_;
    std::size_t modulus_bytes_;
};

// A big-endian unsigned integer without its leading zero bytes, as limbs.
template <typename Limb>
std::vector<Limb> to_limbs(const std::uint8_t* bytes, std::size_t size) {
    while (size != 0 && bytes[0] == 0) {
        ++bytes;
        --size;
    }
    std::vector<Limb> limbs((size + sizeof(Limb) - 1) / sizeof(Limb));
    mp::from_bytes(limbs.data(), limbs.size(), bytes, size);
    return limbs;
}

template <typename Limb>
Result<std::unique_ptr<Verifier>> rsa_pss_verifier(const std::uint8_t* modulus, std::size_t modulus_size,
                                                   const std::uint8_t* exponent, std::size_t exponent_size) {
    std::vector<Limb> n = to_limbs<Limb>(modulus, modulus_size);
    std::vector<Limb> e = to_limbs<Limb>(exponent, exponent_size);
    const std::size_t bits = mp::bit_length(n.data(), n.size());
    if (bits < kMinimumRsaBits) {
        return make_error(Errc::key_invalid, "RSA key of " + std::to_string(bits) +
                                                 " bits is too weak: at least 2048 bits are required");
    }
    if (bits > kMaximumRsaBits) {
        return make_error(Errc::unsupported, "RSA keys of more than 8192 bits are not supported (this one has " +
                                                 std::to_string(bits) + ")");
    }
    if ((n[0] & 1) == 0) {
        return make_error(Errc::key_invalid, "the RSA modulus is even");
    }
    // A verification's cost grows with the exponent's length (an 8192-bit one
    // costs a second); keys in use take 65537, and BoringSSL likewise caps the
    // exponent at 33 bits. An odd exponent below 2^32 fits one limb of either
    // width.
    if (e.empty() || mp::bit_length(e.data(), e.size()) > 32 || (e[0] & 1) == 0 || e[0] < 3) {
        return make_error(Errc::key_invalid, "the RSA public exponent must be odd, at least 3 and below 2^32");
    }
    e[0] -= 1;  // the verifier's last multiplication is by s itself
#if defined(POURA_MP_64_BIT_LIMBS)
    // 2048 bits, the common size, with the limb count fixed at compile time:
    // the loops unroll. Native only: WebAssembly keeps one copy of the code.
    constexpr std::size_t kCommonLimbs = 2048 / mp::kBitsPerLimb<Limb>;
    if (n.size() == kCommonLimbs) {
        return std::unique_ptr<Verifier>(
            std::make_unique<Ps256Verifier<Limb, mp::FixedSize<kCommonLimbs>>>(std::move(n), std::move(e)));
    }
#endif
    return std::unique_ptr<Verifier>(
        std::make_unique<Ps256Verifier<Limb, mp::RuntimeSize>>(std::move(n), std::move(e)));
}

}  // namespace

Result<std::unique_ptr<Verifier>> ps256_verifier(const std::uint8_t* modulus, std::size_t modulus_size,
                                                 const std::uint8_t* exponent, std::size_t exponent_size,
                                                 LimbWidth limbs) {
    return limbs == LimbWidth::fastest
               ? rsa_pss_verifier<mp::FastLimb>(modulus, modulus_size, exponent, exponent_size)
               : rsa_pss_verifier<std::uint32_t>(modulus, modulus_size, exponent, exponent_size);
}

}  // namespace poura::crypto
