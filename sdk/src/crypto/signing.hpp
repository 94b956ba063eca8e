// Signing, private keys and randomness: Botan-backed, implemented in
// crypto/botan/, the only folder that includes Botan's headers.
#pragma once

#include <poura/keys.hpp>
#include <poura/result.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace poura::crypto {

// An Ed25519 signing key.
class Signer {
public:
    virtual ~Signer() = default;
    // Fails (Errc::internal) only when the signing library itself does.
    virtual Result<Bytes> sign(const std::uint8_t* message, std::size_t message_size) const = 0;
    virtual const PublicKey& public_key() const = 0;
    // PKCS#8 PEM: encrypted (PBES2 with AES-256-CBC, PBKDF2-SHA-256) when the
    // passphrase is not empty, plain otherwise.
    virtual Result<std::string> to_pem(std::string_view passphrase) const = 0;
};

Result<std::shared_ptr<const Signer>> generate_ed25519();
// Loads an Ed25519 PKCS#8 PEM key (encrypted or plain).
Result<std::shared_ptr<const Signer>> load_private_key(std::string_view pem, std::string_view passphrase);

// Fails (Errc::internal) when the operating system's generator does: the
// caller must not go on with the buffer then.
Status random_bytes(std::uint8_t* out, std::size_t size);

}  // namespace poura::crypto
