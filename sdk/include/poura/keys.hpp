// Keys: Ed25519 signing keys for issuing; Ed25519, ES256, ES384 and PS256 public keys
// (raw or inside a DER X.509 certificate) for verifying.
#pragma once

#include <poura/export.hpp>
#include <poura/hex.hpp>
#include <poura/result.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace poura {

namespace crypto {
class Signer;
}

// New algorithms go at the end: the C API hands out these values.
enum class Algorithm { EdDSA, ES256, PS256, ES384 };

// "EdDSA", "ES256", "PS256", "ES384".
POURA_API std::string_view algorithm_name(Algorithm alg) noexcept;
POURA_API Result<Algorithm> algorithm_from_name(std::string_view name);
// COSE algorithm identifiers (RFC 9053 / IANA): EdDSA -8, ES256 -7, PS256 -37,
// ES384 -35.
POURA_API int cose_algorithm_id(Algorithm alg) noexcept;
POURA_API Result<Algorithm> algorithm_from_cose_id(std::int64_t id);

// A public key that verifies signatures. Either a raw key — 32 bytes for
// Ed25519, an uncompressed SEC1 point for ES256 (65 bytes) and ES384 (97
// bytes), a DER SubjectPublicKeyInfo for PS256 — or a DER X.509 certificate carrying one.
struct POURA_API PublicKey {
    Algorithm algorithm = Algorithm::EdDSA;
    Bytes raw;          // empty when the key comes from a certificate
    Bytes certificate;  // DER X.509, empty for a raw key

    // Parses a DER X.509 certificate and detects its key's algorithm.
    static Result<PublicKey> from_certificate(const Bytes& der);
    // Checks the raw key's form for its algorithm.
    static Result<PublicKey> from_raw(Algorithm alg, const Bytes& raw);

    // kid: the first 8 bytes of SHA-256 over the raw key, or over the DER
    // certificate for a certificate entry.
    Bytes key_id() const;
};

// An Ed25519 private key. Copies share the same key material.
class POURA_API PrivateKey {
public:
    static Result<PrivateKey> generate();
    // PKCS#8 PEM, encrypted ("ENCRYPTED PRIVATE KEY") or plain ("PRIVATE KEY").
    // A plain key is accepted only with an empty passphrase.
    static Result<PrivateKey> from_pem(std::string_view pem, std::string_view passphrase = {});

    // PKCS#8 PEM encrypted with the passphrase (PBES2, AES-256, PBKDF2-SHA-256).
    // An empty passphrase is refused: plain export is a separate, explicit call.
    Result<std::string> to_encrypted_pem(std::string_view passphrase) const;
    Result<std::string> to_unencrypted_pem() const;

    PublicKey public_key() const;
    // Ed25519 over the message. Export and signing fail (Errc::internal) only
    // when the cryptographic library does: never on a key that loaded.
    Result<Bytes> sign(const Bytes& message) const;

    // For the SDK itself: keys come from generate() and from_pem().
    explicit PrivateKey(std::shared_ptr<const crypto::Signer> signer) : signer_(std::move(signer)) {}
    const crypto::Signer& signer() const { return *signer_; }

private:
    std::shared_ptr<const crypto::Signer> signer_;
};

// SHA-256, exposed for revocation hashes and tooling.
POURA_API Bytes sha256(const Bytes& data);

}  // namespace poura
