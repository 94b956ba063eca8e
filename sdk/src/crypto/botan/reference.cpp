// Botan as the reference the differential fuzz target checks Poura's own
// verifiers against: Botan's public-key API end to end (PK_Verifier,
// PK_Signer), none of Poura's arithmetic.
#include "crypto/botan/reference.hpp"
#include "crypto/botan/exception_guard.hpp"

#include <botan/bigint.h>
#include <botan/ec_group.h>
#include <botan/ecdsa.h>
#include <botan/ed25519.h>
#include <botan/hmac_drbg.h>
#include <botan/pubkey.h>
#include <botan/rsa.h>

#include <algorithm>
#include <memory>
#include <string>

namespace poura::crypto::reference {
namespace {

constexpr std::size_t kPs256ReferenceBits = 2048;
constexpr std::uint32_t kPs256ReferenceExponent = 65537;
constexpr char kPs256Padding[] = "PSSR(SHA-256,MGF1,32)";
constexpr std::size_t kGeneratorSeedSize = 32;

// Botan reads its input through pointers; an empty vector's may be null.
const std::uint8_t* bytes_of(const Bytes& bytes) {
    static constexpr std::uint8_t kNoBytes[1] = {};
    return bytes.empty() ? kNoBytes : bytes.data();
}

const Botan::EC_Group& p256() {
    static const Botan::EC_Group group("secp256r1");
    return group;
}

// A deterministic generator: the same seed, the same keys and signatures, so
// that a fuzz input replays exactly.
std::unique_ptr<Botan::HMAC_DRBG> seeded_generator(const std::string& purpose, const Bytes& seed) {
    auto generator = std::make_unique<Botan::HMAC_DRBG>("SHA-256");
    Bytes material(purpose.begin(), purpose.end());
    material.insert(material.end(), seed.begin(), seed.end());
    // HMAC_DRBG counts itself seeded after as many bytes as its security level.
    material.resize(std::max<std::size_t>(material.size(), kGeneratorSeedSize));
    generator->initialize_with(material.data(), material.size());
    return generator;
}

bool botan_verdict(const Botan::Public_Key& key, const std::string& padding, Botan::Signature_Format format,
                   const Bytes& message, const Bytes& signature) {
    try {
        Botan::PK_Verifier verifier(key, padding, format);
        return verifier.verify_message(bytes_of(message), message.size(), bytes_of(signature), signature.size());
    } catch (const std::bad_alloc&) {
        throw;
    } catch (const std::exception&) {
        return false;  // Botan throws on some malformed signatures: a refusal
    }
}

Bytes to_bytes(const std::vector<std::uint8_t>& bytes) { return Bytes(bytes.begin(), bytes.end()); }

Bytes sign_with(const Botan::Private_Key& key, Botan::RandomNumberGenerator& generator, const std::string& padding,
                Botan::Signature_Format format, const Bytes& message) {
    Botan::PK_Signer signer(key, generator, padding, format);
    return to_bytes(signer.sign_message(bytes_of(message), message.size(), generator));
}

const Botan::RSA_PrivateKey& ps256_reference_key() {
    static const Botan::RSA_PrivateKey key = [] {
        const auto generator = seeded_generator("poura reference PS256 key", {});
        return Botan::RSA_PrivateKey(*generator, kPs256ReferenceBits, kPs256ReferenceExponent);
    }();
    return key;
}

}  // namespace

std::optional<bool> ed25519_verify(const Bytes& key, const Bytes& message, const Bytes& signature) {
    std::unique_ptr<Botan::Ed25519_PublicKey> public_key;
    try {
        public_key = std::make_unique<Botan::Ed25519_PublicKey>(std::vector<std::uint8_t>(key.begin(), key.end()));
    } catch (const Botan::Exception&) {
        return std::nullopt;
    }
    return botan_verdict(*public_key, "Pure", Botan::IEEE_1363, message, signature);
}

std::optional<bool> es256_verify(const Bytes& point, const Bytes& message, const Bytes& signature) {
    std::unique_ptr<Botan::ECDSA_PublicKey> public_key;
    try {
        public_key = std::make_unique<Botan::ECDSA_PublicKey>(p256(), p256().OS2ECP(bytes_of(point), point.size()));
    } catch (const Botan::Exception&) {
        return std::nullopt;
    }
    return botan_verdict(*public_key, "EMSA1(SHA-256)", Botan::IEEE_1363, message, signature);
}

std::optional<bool> ps256_verify(const Bytes& modulus, const Bytes& exponent, const Bytes& message,
                                 const Bytes& signature) {
    std::unique_ptr<Botan::RSA_PublicKey> public_key;
    try {
        public_key = std::make_unique<Botan::RSA_PublicKey>(Botan::BigInt(bytes_of(modulus), modulus.size()),
                                                            Botan::BigInt(bytes_of(exponent), exponent.size()));
    } catch (const Botan::Exception&) {
        return std::nullopt;
    }
    return botan_verdict(*public_key, kPs256Padding, Botan::IEEE_1363, message, signature);
}

Result<ReferenceSignature> ed25519_sign(const Bytes& secret, const Bytes& message) {
    return without_exceptions(Errc::internal, "Botan Ed25519 signing failed", [&]() -> Result<ReferenceSignature> {
        if (secret.size() != 32) {
            return make_error(Errc::invalid_argument, "an Ed25519 seed is 32 bytes");
        }
        const Botan::Ed25519_PrivateKey key(Botan::secure_vector<std::uint8_t>(secret.begin(), secret.end()));
        const auto generator = seeded_generator("poura reference Ed25519", secret);
        return ReferenceSignature{to_bytes(key.get_public_key()), {},
                                  sign_with(key, *generator, "Pure", Botan::IEEE_1363, message)};
    });
}

Result<ReferenceSignature> es256_sign(const Bytes& secret, const Bytes& message) {
    return without_exceptions(Errc::internal, "Botan ECDSA signing failed", [&]() -> Result<ReferenceSignature> {
        const Botan::BigInt scalar = Botan::BigInt(bytes_of(secret), secret.size()) % p256().get_order();
        if (scalar.is_zero()) {
            return make_error(Errc::invalid_argument, "the private scalar is zero modulo the group order");
        }
        const auto generator = seeded_generator("poura reference ES256", secret);
        const Botan::ECDSA_PrivateKey key(*generator, p256(), scalar);
        return ReferenceSignature{to_bytes(key.public_point().encode(Botan::PointGFp::UNCOMPRESSED)), {},
                                  sign_with(key, *generator, "EMSA1(SHA-256)", Botan::IEEE_1363, message)};
    });
}

Result<ReferenceSignature> ps256_sign(const Bytes& secret, const Bytes& message) {
    return without_exceptions(Errc::internal, "Botan RSASSA-PSS signing failed", [&]() -> Result<ReferenceSignature> {
        const Botan::RSA_PrivateKey& key = ps256_reference_key();
        const auto generator = seeded_generator("poura reference PS256 salt", secret);
        return ReferenceSignature{to_bytes(Botan::BigInt::encode(key.get_n())),
                                  to_bytes(Botan::BigInt::encode(key.get_e())),
                                  sign_with(key, *generator, kPs256Padding, Botan::IEEE_1363, message)};
    });
}

}  // namespace poura::crypto::reference
