// Public keys (raw or certified) and signature verification with Botan.
#include "core/dates.hpp"
#include "crypto/crypto.hpp"
#include "crypto/exception_guard.hpp"

#include <botan/alg_id.h>
#include <botan/ber_dec.h>
#include <botan/bigint.h>
#include <botan/ec_group.h>
#include <botan/ecdsa.h>
#include <botan/ed25519.h>
#include <botan/pk_algs.h>
#include <botan/pubkey.h>

#include <algorithm>
#include <mutex>
#include <vector>

namespace poura::crypto {
namespace {

constexpr std::size_t kEd25519PublicKeySize = 32;
constexpr std::size_t kEd25519SignatureSize = 64;
constexpr std::size_t kP256PointSize = 65;  // 0x04 || X || Y
constexpr std::uint8_t kSec1Uncompressed = 0x04;
constexpr std::size_t kEs256SignatureSize = 64;  // r || s
constexpr std::size_t kMinimumRsaBits = 2048;

const Botan::EC_Group& p256() {
    static const Botan::EC_Group group("secp256r1");
    return group;
}

// Botan's names for the COSE signature schemes.
const char* botan_padding(Algorithm alg) {
    switch (alg) {
        case Algorithm::EdDSA: return "Pure";
        case Algorithm::ES256: return "EMSA1(SHA-256)";
        case Algorithm::PS256: return "PSSR(SHA-256,MGF1,32)";
    }
    return "";
}

std::string key_description(const Botan::Public_Key& key) {
    return key.algo_name() + " (" + std::to_string(key.key_length()) + " bits)";
}

// The algorithm Poura uses a parsed key with, or an error for keys it does not
// support (unsupported) or refuses as too weak (key_invalid).
Result<Algorithm> algorithm_of(const Botan::Public_Key& key) {
    const std::string name = key.algo_name();
    if (name == "Ed25519") {
        return Algorithm::EdDSA;
    }
    if (name == "ECDSA") {
        const auto* ec_key = dynamic_cast<const Botan::ECDSA_PublicKey*>(&key);
        if (ec_key != nullptr && ec_key->domain() == p256()) {
            return Algorithm::ES256;
        }
        return make_error(Errc::unsupported, "ECDSA keys are supported only on P-256 (secp256r1)");
    }
    if (name == "RSA") {
        if (key.key_length() < kMinimumRsaBits) {
            return make_error(Errc::key_invalid, "RSA key of " + std::to_string(key.key_length()) +
                                                     " bits is too weak: at least 2048 bits are required");
        }
        return Algorithm::PS256;
    }
    return make_error(Errc::unsupported, "unsupported public key algorithm " + key_description(key));
}

Result<std::unique_ptr<Botan::Public_Key>> load_spki_key(const Bytes& spki) {
    Botan::AlgorithmIdentifier algorithm_id;
    std::vector<std::uint8_t> key_bits;
    Botan::BER_Decoder(spki)
        .start_cons(Botan::SEQUENCE)
        .decode(algorithm_id)
        .decode(key_bits, Botan::BIT_STRING)
        .end_cons()
        .verify_end("trailing bytes after the SubjectPublicKeyInfo");
    return Botan::load_public_key(algorithm_id, key_bits);
}

Result<std::unique_ptr<Botan::Public_Key>> load_raw_key(Algorithm alg, const Bytes& raw) {
    switch (alg) {
        case Algorithm::EdDSA:
            if (raw.size() != kEd25519PublicKeySize) {
                return make_error(Errc::key_invalid, "an Ed25519 public key is 32 bytes, not " +
                                                         std::to_string(raw.size()));
            }
            return std::unique_ptr<Botan::Public_Key>(std::make_unique<Botan::Ed25519_PublicKey>(raw));
        case Algorithm::ES256:
            // OS2ECP would also take the compressed form; the format allows only one.
            if (raw.size() != kP256PointSize || raw[0] != kSec1Uncompressed) {
                return make_error(Errc::key_invalid,
                                  "an ES256 public key is an uncompressed P-256 point of 65 bytes starting with 04");
            }
            return without_exceptions(Errc::key_invalid, "the ES256 public key is not a point on P-256",
                                      [&]() -> Result<std::unique_ptr<Botan::Public_Key>> {
                                          return std::unique_ptr<Botan::Public_Key>(
                                              std::make_unique<Botan::ECDSA_PublicKey>(p256(), p256().OS2ECP(raw)));
                                      });
        case Algorithm::PS256: {
            auto key = without_exceptions(Errc::key_invalid,
                                          "a PS256 public key must be a DER SubjectPublicKeyInfo",
                                          [&] { return load_spki_key(raw); });
            if (!key) {
                return key;
            }
            auto key_algorithm = algorithm_of(**key);
            if (!key_algorithm) {
                return std::move(key_algorithm).error();
            }
            if (*key_algorithm != Algorithm::PS256) {
                return make_error(Errc::key_invalid,
                                  "a PS256 public key must be an RSA key, not " + key_description(**key));
            }
            return key;
        }
    }
    return make_error(Errc::invalid_argument, "unknown algorithm");
}

// The parts of a DER X.509 certificate (RFC 5280 section 4.1) that Poura uses.
// Read with BER_Decoder rather than Botan::X509_Certificate, which refuses
// validity years after 3100 and so the RFC 5280 "no well-defined expiration"
// date 99991231235959Z.
struct CertificateParts {
    Botan::BER_Object not_before;
    Botan::BER_Object not_after;
    Botan::AlgorithmIdentifier key_algorithm;
    std::vector<std::uint8_t> key_bits;
};

Result<CertificateParts> parse_certificate(const Bytes& der) {
    // Botan's decoders would also accept PEM text; a certificate entry is DER,
    // and its key id is computed over exactly these bytes.
    constexpr std::uint8_t kDerSequence = 0x30;
    if (der.empty() || der[0] != kDerSequence) {
        return make_error(Errc::key_invalid, "not a DER X.509 certificate");
    }
    return without_exceptions(Errc::key_invalid, "malformed X.509 certificate", [&]() -> Result<CertificateParts> {
        constexpr std::size_t kX509v3 = 2;
        CertificateParts parts;
        std::size_t version = 0;
        Botan::BigInt serial_number;
        Botan::AlgorithmIdentifier inner_signature_algorithm, signature_algorithm;
        Botan::BER_Object issuer, subject;
        std::vector<std::uint8_t> signature;
        Botan::BER_Decoder(der)
            .start_cons(Botan::SEQUENCE)
                .start_cons(Botan::SEQUENCE)
                    .decode_optional(version, Botan::ASN1_Tag(0),
                                     Botan::ASN1_Tag(Botan::CONSTRUCTED | Botan::CONTEXT_SPECIFIC))
                    .decode(serial_number)
                    .decode(inner_signature_algorithm)
                    .get_next(issuer)
                    .start_cons(Botan::SEQUENCE)
                        .get_next(parts.not_before)
                        .get_next(parts.not_after)
                    .end_cons()
                    .get_next(subject)
                    .start_cons(Botan::SEQUENCE)
                        .decode(parts.key_algorithm)
                        .decode(parts.key_bits, Botan::BIT_STRING)
                    .end_cons()
                    .discard_remaining()  // unique identifiers and extensions
                .end_cons()
                .decode(signature_algorithm)
                .decode(signature, Botan::BIT_STRING)
            .end_cons()
            .verify_end("trailing bytes after the certificate");
        if (version > kX509v3) {
            return make_error(Errc::key_invalid, "unknown X.509 version " + std::to_string(version + 1));
        }
        issuer.assert_is_a(Botan::SEQUENCE, Botan::CONSTRUCTED, "issuer name");
        subject.assert_is_a(Botan::SEQUENCE, Botan::CONSTRUCTED, "subject name");
        return parts;
    });
}

struct CertifiedKey {
    Algorithm algorithm;
    std::unique_ptr<Botan::Public_Key> key;
};

Result<CertifiedKey> certified_key(const CertificateParts& certificate) {
    auto key = without_exceptions(Errc::key_invalid, "unreadable certificate public key",
                                  [&]() -> Result<std::unique_ptr<Botan::Public_Key>> {
                                      return Botan::load_public_key(certificate.key_algorithm, certificate.key_bits);
                                  });
    if (!key) {
        return std::move(key).error();
    }
    auto algorithm = algorithm_of(**key);
    if (!algorithm) {
        return std::move(algorithm).error();
    }
    return CertifiedKey{*algorithm, std::move(*key)};
}

// RFC 5280 section 4.1.2.5: UTCTime "YYMMDDHHMMSSZ" (YY below 50 is 20YY) or
// GeneralizedTime "YYYYMMDDHHMMSSZ", always in UTC with seconds.
Result<std::int64_t> unix_seconds(const Botan::BER_Object& time) {
    std::size_t year_digits = 0;
    if (time.is_a(Botan::UTC_TIME, Botan::UNIVERSAL)) {
        year_digits = 2;
    } else if (time.is_a(Botan::GENERALIZED_TIME, Botan::UNIVERSAL)) {
        year_digits = 4;
    } else {
        return make_error(Errc::key_invalid, "certificate validity is neither UTCTime nor GeneralizedTime");
    }
    const std::string text(time.bits(), time.bits() + time.length());
    const auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
    const auto invalid = [&] {
        return make_error(Errc::key_invalid, "certificate validity time \"" + text + "\" is not in RFC 5280 form");
    };
    if (text.size() != year_digits + 11 || text.back() != 'Z' || !std::all_of(text.begin(), text.end() - 1, is_digit)) {
        return invalid();
    }
    const auto field = [&](std::size_t offset, std::size_t digits) { return std::stoi(text.substr(offset, digits)); };
    int year = field(0, year_digits);
    if (year_digits == 2) {
        year += year < 50 ? 2000 : 1900;
    }
    const dates::Date date{year, field(year_digits, 2), field(year_digits + 2, 2)};
    const int hour = field(year_digits + 4, 2);
    const int minute = field(year_digits + 6, 2);
    const int second = field(year_digits + 8, 2);
    if (date.month < 1 || date.month > 12 || date.day < 1 || date.day > dates::days_in_month(date.year, date.month) ||
        hour > 23 || minute > 59 || second > 59) {
        return invalid();
    }
    return dates::to_unix(date) + hour * 3600 + minute * 60 + second;
}

// One PK_Verifier verifies one message at a time, and building one costs ~100 us
// for ECDSA (point precomputation), so each Verifier keeps a pool of them: a
// thread takes one, verifies, and puts it back. The pool grows only to the peak
// number of concurrent verify() calls.
class BotanVerifier final : public Verifier {
public:
    // Builds the first PK_Verifier now, so that a key Botan cannot use for this
    // scheme is reported by make_verifier() rather than by every verify().
    BotanVerifier(Algorithm algorithm, std::unique_ptr<Botan::Public_Key> key)
        : algorithm_(algorithm), key_(std::move(key)), signature_size_(expected_signature_size(algorithm, *key_)) {
        pool_.push_back(new_botan_verifier());
    }

    Algorithm algorithm() const override { return algorithm_; }

    bool verify(const std::uint8_t* message, std::size_t message_size, const std::uint8_t* signature,
                std::size_t signature_size) const override {
        // Checked here, not left to Botan: its Ed25519 verifier keeps the buffered
        // message after rejecting a signature for its length, which would poison
        // the pooled verifier for the next call.
        if (signature == nullptr || signature_size != signature_size_ || (message == nullptr && message_size != 0)) {
            return false;
        }
        static constexpr std::uint8_t kNoBytes[1] = {};
        if (message == nullptr) {
            message = kNoBytes;
        }
        try {
            std::unique_ptr<Botan::PK_Verifier> verifier = take_pooled_verifier();
            const bool valid = verifier->verify_message(message, message_size, signature, signature_size);
            return_to_pool(std::move(verifier));
            return valid;
        } catch (const std::bad_alloc&) {
            throw;
        } catch (const std::exception&) {
            // The verifier that threw is dropped, not pooled: its state is unknown.
            return false;
        }
    }

private:
    static std::size_t expected_signature_size(Algorithm algorithm, const Botan::Public_Key& key) {
        switch (algorithm) {
            case Algorithm::EdDSA: return kEd25519SignatureSize;
            case Algorithm::ES256: return kEs256SignatureSize;
            case Algorithm::PS256: return (key.key_length() + 7) / 8;
        }
        return 0;
    }

    std::unique_ptr<Botan::PK_Verifier> take_pooled_verifier() const {
        {
            std::lock_guard<std::mutex> lock(pool_mutex_);
            if (!pool_.empty()) {
                std::unique_ptr<Botan::PK_Verifier> verifier = std::move(pool_.back());
                pool_.pop_back();
                return verifier;
            }
        }
        return new_botan_verifier();
    }

    std::unique_ptr<Botan::PK_Verifier> new_botan_verifier() const {
        return std::make_unique<Botan::PK_Verifier>(*key_, botan_padding(algorithm_), Botan::IEEE_1363);
    }

    void return_to_pool(std::unique_ptr<Botan::PK_Verifier> verifier) const {
        std::lock_guard<std::mutex> lock(pool_mutex_);
        pool_.push_back(std::move(verifier));
    }

    const Algorithm algorithm_;
    const std::unique_ptr<const Botan::Public_Key> key_;
    const std::size_t signature_size_;
    mutable std::mutex pool_mutex_;
    mutable std::vector<std::unique_ptr<Botan::PK_Verifier>> pool_;
};

}  // namespace

Result<std::unique_ptr<Verifier>> make_verifier(const PublicKey& key) {
    std::unique_ptr<Botan::Public_Key> botan_key;
    if (!key.certificate.empty()) {
        auto certificate = parse_certificate(key.certificate);
        if (!certificate) {
            return std::move(certificate).error();
        }
        auto certified = certified_key(*certificate);
        if (!certified) {
            return std::move(certified).error();
        }
        if (certified->algorithm != key.algorithm) {
            return make_error(Errc::key_invalid, "the certificate holds an " +
                                                     std::string(algorithm_name(certified->algorithm)) +
                                                     " key, not " + std::string(algorithm_name(key.algorithm)));
        }
        botan_key = std::move(certified->key);
    } else {
        auto raw_key = load_raw_key(key.algorithm, key.raw);
        if (!raw_key) {
            return std::move(raw_key).error();
        }
        botan_key = std::move(*raw_key);
    }
    return without_exceptions(Errc::key_invalid, "unusable public key", [&]() -> Result<std::unique_ptr<Verifier>> {
        return std::unique_ptr<Verifier>(std::make_unique<BotanVerifier>(key.algorithm, std::move(botan_key)));
    });
}

Result<CertificateInfo> inspect_certificate(const Bytes& der) {
    auto certificate = parse_certificate(der);
    if (!certificate) {
        return std::move(certificate).error();
    }
    auto certified = certified_key(*certificate);
    if (!certified) {
        return std::move(certified).error();
    }
    auto not_before = unix_seconds(certificate->not_before);
    if (!not_before) {
        return std::move(not_before).error();
    }
    auto not_after = unix_seconds(certificate->not_after);
    if (!not_after) {
        return std::move(not_after).error();
    }
    return CertificateInfo{certified->algorithm, *not_before, *not_after};
}

Status check_raw_key(Algorithm alg, const Bytes& raw) {
    auto key = load_raw_key(alg, raw);
    if (!key) {
        return std::move(key).error();
    }
    return {};
}

}  // namespace poura::crypto
