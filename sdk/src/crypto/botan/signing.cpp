// Ed25519 signing keys with Botan: generation, PKCS#8 import and export, signing.
#include "core/try.hpp"
#include "crypto/signing.hpp"
#include "crypto/botan/exception_guard.hpp"

#include <botan/alg_id.h>
#include <botan/ber_dec.h>
#include <botan/data_src.h>
#include <botan/ed25519.h>
#include <botan/pbes2.h>
#include <botan/pem.h>
#include <botan/pkcs8.h>
#include <botan/pubkey.h>
#include <botan/system_rng.h>

namespace poura::crypto {
namespace {

// OWASP's 2023 recommendation for PBKDF2-HMAC-SHA-256; about a quarter of a
// second per key load, paid once when a signing key is opened.
constexpr std::size_t kPbkdf2Iterations = 600000;

class Ed25519Signer final : public Signer {
public:
    explicit Ed25519Signer(std::unique_ptr<const Botan::Private_Key> key)
        : key_(std::move(key)), public_key_{Algorithm::EdDSA, key_->public_key_bits(), {}} {}

    // Botan's PK_Signer buffers the message, so each call gets its own; for
    // Ed25519 it costs well under a microsecond.
    Result<Bytes> sign(const std::uint8_t* message, std::size_t message_size) const override {
        static constexpr std::uint8_t kNoBytes[1] = {};
        return without_exceptions(Errc::internal, "Ed25519 signing failed", [&]() -> Result<Bytes> {
            Botan::PK_Signer signer(*key_, Botan::system_rng(), "Pure");
            const auto signature = signer.sign_message(message_size == 0 ? kNoBytes : message, message_size,
                                                       Botan::system_rng());
            return Bytes(signature.begin(), signature.end());
        });
    }

    const PublicKey& public_key() const override { return public_key_; }

    Result<std::string> to_pem(std::string_view passphrase) const override {
        return without_exceptions(Errc::internal, "PKCS#8 export of an Ed25519 key failed", [&]() -> Result<std::string> {
            if (passphrase.empty()) {
                return Botan::PKCS8::PEM_encode(*key_);
            }
            return Botan::PKCS8::PEM_encode_encrypted_pbkdf_iter(*key_, Botan::system_rng(), std::string(passphrase),
                                                                  kPbkdf2Iterations, "AES-256/CBC", "SHA-256");
        });
    }

private:
    const std::unique_ptr<const Botan::Private_Key> key_;
    const PublicKey public_key_;
};

Result<std::shared_ptr<const Signer>> load_plain_pkcs8(const Botan::secure_vector<std::uint8_t>& der) {
    auto key = without_exceptions(Errc::key_invalid, "invalid PKCS#8 private key",
                                  [&]() -> Result<std::unique_ptr<Botan::Private_Key>> {
                                      Botan::DataSource_Memory source(der);
                                      return Botan::PKCS8::load_key(source);
                                  });
    POURA_RETURN_IF_ERROR(key);
    if ((*key)->algo_name() != "Ed25519") {
        return make_error(Errc::key_invalid,
                          "signing keys must be Ed25519; this is an " + (*key)->algo_name() + " key");
    }
    return std::shared_ptr<const Signer>(std::make_shared<Ed25519Signer>(std::move(*key)));
}

// Decrypts an EncryptedPrivateKeyInfo (RFC 5958). Once the structure is known
// to be sound, any failure to decrypt it into a PrivateKeyInfo means the
// passphrase is wrong: CBC padding errors and, rarely, garbage that happens to
// pass the padding check.
Result<Botan::secure_vector<std::uint8_t>> decrypt_pkcs8(const Botan::secure_vector<std::uint8_t>& der,
                                                          std::string_view passphrase) {
    Botan::AlgorithmIdentifier encryption;
    Botan::secure_vector<std::uint8_t> encrypted;
    auto structure = without_exceptions(Errc::key_invalid, "invalid encrypted PKCS#8 private key", [&]() -> Status {
        Botan::BER_Decoder(der)
            .start_cons(Botan::SEQUENCE)
            .decode(encryption)
            .decode(encrypted, Botan::OCTET_STRING)
            .end_cons()
            .verify_end("trailing bytes after the encrypted private key");
        return {};
    });
    POURA_RETURN_IF_ERROR(structure);
    if (encryption.get_oid() != Botan::OID::from_string("1.2.840.113549.1.5.13")) {
        return make_error(Errc::unsupported, "the private key is encrypted with " +
                                                 encryption.get_oid().to_formatted_string() +
                                                 "; only PBES2 (PKCS #5 v2) is supported");
    }
    // A wrong passphrase shows up as bad padding or as garbage that is not
    // DER; either way the library's words (e.g. "Invalid CBC padding") say
    // nothing to the person typing, and which one it was tells an attacker
    // about the padding, so every failure here reads the same.
    try {
        auto plain = Botan::pbes2_decrypt(encrypted, std::string(passphrase), encryption.get_parameters());
        Botan::BER_Decoder(plain).start_cons(Botan::SEQUENCE).discard_remaining().end_cons().verify_end();
        return plain;
    } catch (const std::bad_alloc&) {
        throw;
    } catch (const std::exception&) {
        return make_error(Errc::wrong_passphrase, "wrong passphrase, or the key file is damaged");
    }
}

}  // namespace

Result<std::shared_ptr<const Signer>> generate_ed25519() {
    return without_exceptions(Errc::internal, "Ed25519 key generation failed",
                              [&]() -> Result<std::shared_ptr<const Signer>> {
                                  auto key = std::make_unique<Botan::Ed25519_PrivateKey>(Botan::system_rng());
                                  return std::shared_ptr<const Signer>(std::make_shared<Ed25519Signer>(std::move(key)));
                              });
}

Result<std::shared_ptr<const Signer>> load_private_key(std::string_view pem, std::string_view passphrase) {
    std::string label;
    auto der = without_exceptions(Errc::key_invalid, "not a PEM private key",
                                  [&]() -> Result<Botan::secure_vector<std::uint8_t>> {
                                      Botan::DataSource_Memory source(reinterpret_cast<const std::uint8_t*>(pem.data()),
                                                                      pem.size());
                                      return Botan::PEM_Code::decode(source, label);
                                  });
    POURA_RETURN_IF_ERROR(der);
    if (label == "PRIVATE KEY") {
        if (!passphrase.empty()) {
            return make_error(Errc::key_invalid,
                              "the private key is not encrypted, yet a passphrase was given; "
                              "plain keys are accepted only without one");
        }
        return load_plain_pkcs8(*der);
    }
    if (label == "ENCRYPTED PRIVATE KEY") {
        if (passphrase.empty()) {
            return make_error(Errc::wrong_passphrase, "the private key is encrypted: a passphrase is required");
        }
        auto plain = decrypt_pkcs8(*der, passphrase);
        POURA_RETURN_IF_ERROR(plain);
        return load_plain_pkcs8(*plain);
    }
    return make_error(Errc::key_invalid,
                      "expected a PKCS#8 \"PRIVATE KEY\" or \"ENCRYPTED PRIVATE KEY\" PEM block, found \"" + label +
                          "\"");
}

}  // namespace poura::crypto
