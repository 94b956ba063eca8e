// The public key API (poura/keys.hpp), on top of the crypto interfaces.
#include <poura/keys.hpp>

#include "core/try.hpp"
#include "crypto/crypto.hpp"
#include "crypto/signing.hpp"

namespace poura {

namespace {
constexpr Algorithm kAlgorithms[] = {Algorithm::EdDSA, Algorithm::ES256, Algorithm::ES384, Algorithm::PS256};
}  // namespace

std::string_view algorithm_name(Algorithm alg) noexcept {
    switch (alg) {
        case Algorithm::EdDSA: return "EdDSA";
        case Algorithm::ES256: return "ES256";
        case Algorithm::PS256: return "PS256";
        case Algorithm::ES384: return "ES384";
    }
    return "unknown";
}

Result<Algorithm> algorithm_from_name(std::string_view name) {
    for (Algorithm alg : kAlgorithms) {
        if (name == algorithm_name(alg)) {
            return alg;
        }
    }
    return make_error(Errc::unsupported,
                      "unsupported signature algorithm \"" + std::string(name) + "\" (expected EdDSA, ES256, ES384 or PS256)");
}

int cose_algorithm_id(Algorithm alg) noexcept {
    switch (alg) {
        case Algorithm::EdDSA: return -8;
        case Algorithm::ES256: return -7;
        case Algorithm::PS256: return -37;
        case Algorithm::ES384: return -35;
    }
    return 0;
}

Result<Algorithm> algorithm_from_cose_id(std::int64_t id) {
    for (Algorithm alg : kAlgorithms) {
        if (id == cose_algorithm_id(alg)) {
            return alg;
        }
    }
    return make_error(Errc::unsupported, "unsupported COSE algorithm " + std::to_string(id) +
                                             " (expected -8 EdDSA, -7 ES256, -35 ES384 or -37 PS256)");
}

Result<PublicKey> PublicKey::from_certificate(const Bytes& der) {
    auto info = crypto::inspect_certificate(der);
    POURA_RETURN_IF_ERROR(info);
    return PublicKey{info->algorithm, {}, der};
}

Result<PublicKey> PublicKey::from_raw(Algorithm alg, const Bytes& raw) {
    auto checked = crypto::check_raw_key(alg, raw);
    POURA_RETURN_IF_ERROR(checked);
    return PublicKey{alg, raw, {}};
}

Bytes PublicKey::key_id() const {
    constexpr std::size_t kKeyIdSize = 8;
    const Bytes& identified = certificate.empty() ? raw : certificate;
    Bytes digest = crypto::sha256(identified.data(), identified.size());
    digest.resize(kKeyIdSize);
    return digest;
}

Result<PrivateKey> PrivateKey::generate() {
    auto signer = crypto::generate_ed25519();
    POURA_RETURN_IF_ERROR(signer);
    return PrivateKey(std::move(*signer));
}

Result<PrivateKey> PrivateKey::from_pem(std::string_view pem, std::string_view passphrase) {
    auto signer = crypto::load_private_key(pem, passphrase);
    POURA_RETURN_IF_ERROR(signer);
    return PrivateKey(std::move(*signer));
}

Result<std::string> PrivateKey::to_encrypted_pem(std::string_view passphrase) const {
    if (passphrase.empty()) {
        return make_error(Errc::invalid_argument,
                          "an empty passphrase cannot encrypt a key; use to_unencrypted_pem() for a plain export");
    }
    return signer_->to_pem(passphrase);
}

Result<std::string> PrivateKey::to_unencrypted_pem() const { return signer_->to_pem({}); }

PublicKey PrivateKey::public_key() const { return signer_->public_key(); }

Result<Bytes> PrivateKey::sign(const Bytes& message) const { return signer_->sign(message.data(), message.size()); }

Bytes sha256(const Bytes& data) { return crypto::sha256(data.data(), data.size()); }

}  // namespace poura
