// Verifying and hashing: Poura's own code (verifiers.hpp, sha2.hpp, der.hpp),
// with nothing from Botan, so that a verifier (the WebAssembly package) links
// without it. Signing is apart, in signing.hpp.
#pragma once

#include <poura/keys.hpp>
#include <poura/result.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace poura::crypto {

// Verifies signatures for one public key. verify() is const and safe to call
// from several threads at once.
class Verifier {
public:
    virtual ~Verifier() = default;
    virtual Algorithm algorithm() const = 0;
    // COSE signature forms: Ed25519 64 bytes; ES256 r||s (64 bytes); ES384
    // r||s (96 bytes); PS256
    // RSASSA-PSS with SHA-256, MGF1-SHA-256 and a 32-byte salt.
    virtual bool verify(const std::uint8_t* message, std::size_t message_size,
                        const std::uint8_t* signature, std::size_t signature_size) const = 0;
};

Result<std::unique_ptr<Verifier>> make_verifier(const PublicKey& key);
// The same with ECDSA's and RSA's arithmetic over 32-bit limbs, what
// WebAssembly runs: for tests, on machines whose make_verifier uses 64-bit
// ones.
Result<std::unique_ptr<Verifier>> make_verifier_with_32_bit_limbs(const PublicKey& key);

// The algorithm of the key inside a DER X.509 certificate, and the
// certificate's validity (unix seconds).
struct CertificateInfo {
    Algorithm algorithm = Algorithm::EdDSA;
    std::int64_t not_before = 0;
    std::int64_t not_after = 0;
};
Result<CertificateInfo> inspect_certificate(const Bytes& der);

// The key purposes a DER X.509 certificate's extendedKeyUsage extension
// (RFC 5280 section 4.2.1.12) names, each the contents of its OBJECT
// IDENTIFIER in DER (one encoding per OID, so they compare as bytes); none
// when the certificate has no such extension.
Result<std::vector<Bytes>> certificate_key_purposes(const Bytes& der);

// Checks that `raw` is a well-formed key of its algorithm (see PublicKey).
Status check_raw_key(Algorithm alg, const Bytes& raw);

Bytes sha256(const std::uint8_t* data, std::size_t size);
}  // namespace poura::crypto
