// Public keys, raw or inside a DER SubjectPublicKeyInfo or X.509 certificate
// (RFC 5280), and the verifier for each. Parsing is Poura's own (der.hpp), so
// that verifying needs nothing from Botan.
#include "core/dates.hpp"
#include "core/try.hpp"
#include "crypto/crypto.hpp"
#include "crypto/der.hpp"
#include "crypto/verifiers.hpp"

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

namespace poura::crypto {
namespace {

// Object identifiers' DER contents.
constexpr std::uint8_t kOidEd25519[] = {0x2B, 0x65, 0x70};                                // 1.3.101.112
constexpr std::uint8_t kOidEcPublicKey[] = {0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01};    // 1.2.840.10045.2.1
constexpr std::uint8_t kOidP256[] = {0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07};     // 1.2.840.10045.3.1.7
constexpr std::uint8_t kOidP384[] = {0x2B, 0x81, 0x04, 0x00, 0x22};                       // 1.3.132.0.34
constexpr std::uint8_t kOidRsaEncryption[] = {0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01};  // ...1.1.1
constexpr std::uint8_t kOidRsaPss[] = {0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0A};         // ...1.1.10
constexpr std::uint8_t kOidMgf1[] = {0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x08};           // ...1.1.8
constexpr std::uint8_t kOidSha256[] = {0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01};         // 2.16.840.1.101.3.4.2.1
constexpr std::uint8_t kOidExtendedKeyUsage[] = {0x55, 0x1D, 0x25};                               // 2.5.29.37
constexpr std::uint8_t kPs256SaltSize = 32;

template <std::size_t N>
bool is_oid(const der::Element& element, const std::uint8_t (&oid)[N]) {
    return element.tag == der::kObjectIdentifier && element.size == N && std::memcmp(element.data, oid, N) == 0;
}

// "1.2.840.10045.2.1", for messages.
std::string dotted(const der::Element& oid) {
    std::string text;
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < oid.size; ++i) {
        value = (value << 7) | (oid.data[i] & 0x7F);
        if ((oid.data[i] & 0x80) != 0) {
            continue;
        }
        if (text.empty()) {
            const std::uint64_t first = std::min<std::uint64_t>(value / 40, 2);
            text = std::to_string(first) + "." + std::to_string(value - 40 * first);
        } else {
            text += "." + std::to_string(value);
        }
        value = 0;
    }
    return text;
}

// A public key as found in a SubjectPublicKeyInfo.
struct KeyInfo {
    Algorithm algorithm = Algorithm::EdDSA;
    der::Element key;       // Ed25519 key or SEC1 point
    der::Element modulus;   // RSA
    der::Element exponent;  // RSA
};

Error malformed(const char* what) { return Error{Errc::key_invalid, std::string("malformed ") + what}; }

// An INTEGER that must not be negative, in its shortest form (X.690 8.3.2):
// a leading zero only before a byte whose top bit is set. That zero is kept.
bool read_unsigned(der::Reader& reader, der::Element& out) {
    return reader.read(out, der::kInteger) && out.size != 0 && (out.data[0] & 0x80) == 0 &&
           !(out.size > 1 && out.data[0] == 0 && (out.data[1] & 0x80) == 0);
}

// The whole of an element's contents is one element with this tag.
bool read_only(const der::Element& outer, std::uint8_t tag, der::Element& out) {
    der::Reader reader(outer);
    return reader.read(out, tag) && reader.at_end();
}

// AlgorithmIdentifier for SHA-256; RFC 4055 section 2.1 has parameters
// absent or NULL, and takes both.
bool is_sha256_identifier(const der::Element& identifier) {
    der::Reader reader(identifier);
    der::Element oid, parameters;
    if (!reader.read(oid, der::kObjectIdentifier) || !is_oid(oid, kOidSha256)) {
        return false;
    }
    return reader.at_end() ||
           (reader.read(parameters, der::kNull) && parameters.size == 0 && reader.at_end());
}

// RSASSA-PSS-params (RFC 4055 section 3.1) restrict a key to one set of PSS
// parameters; Poura's PS256 is SHA-256, MGF1 with SHA-256 and a 32-byte salt.
// The trailer field can only be its default, which DER leaves out.
bool restricts_to_ps256(const der::Element& parameters) {
    if (parameters.tag != der::kSequence) {
        return false;
    }
    der::Reader reader(parameters);
    der::Element hash, hash_identifier, mask, mask_identifier, mask_oid, mask_hash, salt, salt_length;
    if (!reader.read(hash, der::kContext0) || !read_only(hash, der::kSequence, hash_identifier) ||
        !is_sha256_identifier(hash_identifier)) {
        return false;
    }
    if (!reader.read(mask, der::kContext1) || !read_only(mask, der::kSequence, mask_identifier)) {
        return false;
    }
    der::Reader mask_reader(mask_identifier);
    if (!mask_reader.read(mask_oid, der::kObjectIdentifier) || !is_oid(mask_oid, kOidMgf1) ||
        !mask_reader.read(mask_hash, der::kSequence) || !mask_reader.at_end() || !is_sha256_identifier(mask_hash)) {
        return false;
    }
    return reader.read(salt, der::kContext2) && read_only(salt, der::kInteger, salt_length) &&
           salt_length.size == 1 && salt_length.data[0] == kPs256SaltSize && reader.at_end();
}

// RFC 5280 section 4.1.2.7; RFC 8410 (Ed25519), RFC 5480 (EC), RFC 8017
// appendix A.1 (RSA).
Result<KeyInfo> parse_key_info(const der::Element& spki) {
    der::Reader reader(spki);
    der::Element algorithm, bits, oid, parameters;
    if (!reader.read(algorithm, der::kSequence) || !reader.read(bits, der::kBitString) || !reader.at_end()) {
        return malformed("SubjectPublicKeyInfo");
    }
    der::Reader algorithm_reader(algorithm);
    if (!algorithm_reader.read(oid, der::kObjectIdentifier)) {
        return malformed("SubjectPublicKeyInfo algorithm");
    }
    const bool has_parameters = !algorithm_reader.at_end();
    if (has_parameters && (!algorithm_reader.read(parameters) || !algorithm_reader.at_end())) {
        return malformed("SubjectPublicKeyInfo algorithm");
    }
    if (bits.size == 0 || bits.data[0] != 0) {  // unused bits: keys are whole bytes
        return malformed("SubjectPublicKeyInfo key bits");
    }
    const der::Element key{der::kBitString, bits.data + 1, bits.size - 1};

    KeyInfo info;
    if (is_oid(oid, kOidEd25519)) {
        if (has_parameters || key.size != kEd25519KeySize) {
            return malformed("Ed25519 public key");
        }
        info.algorithm = Algorithm::EdDSA;
        info.key = key;
        return info;
    }
    if (is_oid(oid, kOidEcPublicKey)) {
        if (has_parameters && is_oid(parameters, kOidP256)) {
            info.algorithm = Algorithm::ES256;
        } else if (has_parameters && is_oid(parameters, kOidP384)) {
            info.algorithm = Algorithm::ES384;
        } else {
            return make_error(Errc::unsupported, "ECDSA keys are supported only on P-256 (secp256r1) and P-384 (secp384r1)");
        }
        info.key = key;
        return info;
    }
    if (is_oid(oid, kOidRsaEncryption) || is_oid(oid, kOidRsaPss)) {
        // RFC 3279 section 2.3.1: rsaEncryption's parameters are NULL.
        if (is_oid(oid, kOidRsaEncryption) && (!has_parameters || parameters.tag != der::kNull || parameters.size != 0)) {
            return malformed("RSA key parameters");
        }
        // Without parameters an RSASSA-PSS key is not restricted (RFC 4055
        // section 3.1); with them, they must be PS256's.
        if (is_oid(oid, kOidRsaPss) && has_parameters && !restricts_to_ps256(parameters)) {
            return make_error(Errc::key_invalid,
                              "the RSASSA-PSS key is restricted to parameters other than PS256's "
                              "(SHA-256, MGF1 with SHA-256, 32-byte salt)");
        }
        der::Reader outer(key.data, key.size);
        der::Element sequence;
        if (!outer.read(sequence, der::kSequence) || !outer.at_end()) {
            return malformed("RSA public key");
        }
        der::Reader numbers(sequence);
        if (!read_unsigned(numbers, info.modulus) || !read_unsigned(numbers, info.exponent) || !numbers.at_end()) {
            return malformed("RSA public key");
        }
        info.algorithm = Algorithm::PS256;
        return info;
    }
    return make_error(Errc::unsupported, "unsupported public key algorithm (OID " + dotted(oid) + ")");
}

// The verifier for a key; refuses points off the curve and weak RSA keys.
Result<std::unique_ptr<Verifier>> verifier_for(const KeyInfo& info, LimbWidth limbs = LimbWidth::fastest) {
    switch (info.algorithm) {
        case Algorithm::EdDSA: return ed25519_verifier(info.key.data);
        case Algorithm::ES256: return es256_verifier(info.key.data, info.key.size, limbs);
        case Algorithm::ES384: return es384_verifier(info.key.data, info.key.size, limbs);
        case Algorithm::PS256:
            return ps256_verifier(info.modulus.data, info.modulus.size, info.exponent.data, info.exponent.size, limbs);
    }
    return make_error(Errc::invalid_argument, "unknown algorithm");
}

// One DER element that is the whole input.
bool read_whole(const Bytes& bytes, std::uint8_t tag, der::Element& out) {
    der::Reader reader(bytes.data(), bytes.size());
    return reader.read(out, tag) && reader.at_end();
}

// The parts of a DER X.509 certificate (RFC 5280 section 4.1) that Poura uses.
struct CertificateParts {
    der::Element not_before;
    der::Element not_after;
    KeyInfo key;
    std::vector<Bytes> key_purposes;  // extendedKeyUsage, each OID's contents
};

// An OBJECT IDENTIFIER's contents in DER (X.690 8.19): each subidentifier in
// its fewest bytes (none starts with 80) and the last one complete, so that an
// OID has one encoding and OIDs compare as bytes.
bool is_canonical_oid(const der::Element& oid) {
    if (oid.size == 0 || (oid.data[oid.size - 1] & 0x80) != 0) {
        return false;
    }
    for (std::size_t i = 0; i < oid.size; ++i) {
        const bool starts_subidentifier = i == 0 || (oid.data[i - 1] & 0x80) == 0;
        if (starts_subidentifier && oid.data[i] == 0x80) {
            return false;
        }
    }
    return true;
}

// ExtKeyUsageSyntax ::= SEQUENCE SIZE (1..MAX) OF KeyPurposeId (RFC 5280
// section 4.2.1.12), inside the extension's OCTET STRING.
bool read_key_purposes(const der::Element& extension_value, std::vector<Bytes>& out) {
    der::Element purposes;
    if (!read_only(extension_value, der::kSequence, purposes) || purposes.size == 0) {
        return false;
    }
    der::Reader reader(purposes);
    while (!reader.at_end()) {
        der::Element purpose;
        if (!reader.read(purpose, der::kObjectIdentifier) || !is_canonical_oid(purpose)) {
            return false;
        }
        out.emplace_back(purpose.data, purpose.data + purpose.size);
    }
    return true;
}

// extensions [3] EXPLICIT SEQUENCE SIZE (1..MAX) OF Extension (RFC 5280
// section 4.1.2.9), each SEQUENCE {extnID, critical BOOLEAN DEFAULT FALSE,
// extnValue OCTET STRING}. Only extendedKeyUsage is read; every extension
// must be well formed and appear once (RFC 5280 section 4.2), so that no two
// readings of one certificate differ. An explicit critical FALSE, which DER
// leaves out, is accepted: some issuers write it.
Status read_extensions(const der::Element& explicit_extensions, CertificateParts& parts) {
    der::Element extensions;
    if (!read_only(explicit_extensions, der::kSequence, extensions) || extensions.size == 0) {
        return malformed("X.509 extensions");
    }
    std::vector<Bytes> identifiers;
    der::Reader reader(extensions);
    while (!reader.at_end()) {
        der::Element extension, identifier, critical, value;
        if (!reader.read(extension, der::kSequence)) {
            return malformed("X.509 extension");
        }
        der::Reader fields(extension);
        if (!fields.read(identifier, der::kObjectIdentifier) || !is_canonical_oid(identifier)) {
            return malformed("X.509 extension identifier");
        }
        if (fields.peek_tag() == der::kBoolean &&
            (!fields.read(critical) || critical.size != 1 || (critical.data[0] != 0x00 && critical.data[0] != 0xFF))) {
            return malformed("X.509 extension criticality");
        }
        if (!fields.read(value, der::kOctetString) || !fields.at_end()) {
            return malformed("X.509 extension");
        }
        if (is_oid(identifier, kOidExtendedKeyUsage) && !read_key_purposes(value, parts.key_purposes)) {
            return malformed("X.509 extended key usage");
        }
        identifiers.emplace_back(identifier.data, identifier.data + identifier.size);
    }
    std::sort(identifiers.begin(), identifiers.end());
    const auto repeated = std::adjacent_find(identifiers.begin(), identifiers.end());
    if (repeated != identifiers.end()) {
        const der::Element oid{der::kObjectIdentifier, repeated->data(), repeated->size()};
        return make_error(Errc::key_invalid, "the X.509 extension " + dotted(oid) + " appears more than once");
    }
    return {};
}

Result<CertificateParts> parse_certificate(const Bytes& der_bytes) {
    der::Element certificate, tbs, signature_algorithm, signature, skipped, validity;
    if (!read_whole(der_bytes, der::kSequence, certificate)) {
        return make_error(Errc::key_invalid, "not a DER X.509 certificate");
    }
    der::Reader outer(certificate);
    if (!outer.read(tbs, der::kSequence) || !outer.read(signature_algorithm, der::kSequence) ||
        !outer.read(signature, der::kBitString) || !outer.at_end()) {
        return malformed("X.509 certificate");
    }
    der::Reader fields(tbs);
    if (fields.peek_tag() == der::kContext0) {
        der::Element explicit_version, version;
        fields.read(explicit_version);
        der::Reader version_reader(explicit_version);
        if (!version_reader.read(version, der::kInteger) || !version_reader.at_end() || version.size != 1) {
            return malformed("X.509 version");
        }
        constexpr std::uint8_t kX509v3 = 2;
        if (version.data[0] > kX509v3) {
            return make_error(Errc::key_invalid, "unknown X.509 version " + std::to_string(version.data[0] + 1));
        }
    }
    CertificateParts parts;
    der::Element spki;
    if (!fields.read(skipped, der::kInteger) ||             // serial number
        !fields.read(skipped, der::kSequence) ||            // signature algorithm
        !fields.read(skipped, der::kSequence) ||            // issuer
        !fields.read(validity, der::kSequence) ||
        !fields.read(skipped, der::kSequence) ||            // subject
        !fields.read(spki, der::kSequence)) {               // unique identifiers and extensions follow
        return malformed("X.509 certificate");
    }
    der::Reader times(validity);
    if (!times.read(parts.not_before) || !times.read(parts.not_after) || !times.at_end()) {
        return malformed("X.509 validity");
    }
    bool has_extensions = false;
    while (!fields.at_end()) {
        if (!fields.read(skipped)) {
            return malformed("X.509 certificate");
        }
        if (skipped.tag == der::kContext3) {
            if (has_extensions) {
                return malformed("X.509 extensions");
            }
            has_extensions = true;
            auto extensions = read_extensions(skipped, parts);
            POURA_RETURN_IF_ERROR(extensions);
        }
    }
    auto key = parse_key_info(spki);
    POURA_RETURN_IF_ERROR(key);
    parts.key = *key;
    return parts;
}

// RFC 5280 section 4.1.2.5: UTCTime "YYMMDDHHMMSSZ" (YY below 50 is 20YY) or
// GeneralizedTime "YYYYMMDDHHMMSSZ", always in UTC with seconds.
Result<std::int64_t> unix_seconds(const der::Element& time) {
    std::size_t year_digits = 0;
    if (time.tag == der::kUtcTime) {
        year_digits = 2;
    } else if (time.tag == der::kGeneralizedTime) {
        year_digits = 4;
    } else {
        return make_error(Errc::key_invalid, "certificate validity is neither UTCTime nor GeneralizedTime");
    }
    const std::string text(reinterpret_cast<const char*>(time.data), time.size);
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

Result<std::unique_ptr<Verifier>> raw_key_verifier(Algorithm algorithm, const Bytes& raw,
                                                   LimbWidth limbs = LimbWidth::fastest) {
    switch (algorithm) {
        case Algorithm::EdDSA:
            if (raw.size() != kEd25519KeySize) {
                return make_error(Errc::key_invalid,
                                  "an Ed25519 public key is 32 bytes, not " + std::to_string(raw.size()));
            }
            return ed25519_verifier(raw.data());
        case Algorithm::ES256:
            // SEC1 also has a compressed form; the format allows only this one.
            if (raw.size() != kP256PointSize || raw[0] != 0x04) {
                return make_error(Errc::key_invalid,
                                  "an ES256 public key is an uncompressed P-256 point of 65 bytes starting with 04");
            }
            return es256_verifier(raw.data(), raw.size(), limbs);
        case Algorithm::ES384:
            if (raw.size() != kP384PointSize || raw[0] != 0x04) {
                return make_error(Errc::key_invalid,
                                  "an ES384 public key is an uncompressed P-384 point of 97 bytes starting with 04");
            }
            return es384_verifier(raw.data(), raw.size(), limbs);
        case Algorithm::PS256: {
            der::Element spki;
            if (!read_whole(raw, der::kSequence, spki)) {
                return make_error(Errc::key_invalid, "a PS256 public key must be a DER SubjectPublicKeyInfo");
            }
            auto info = parse_key_info(spki);
            POURA_RETURN_IF_ERROR(info);
            if (info->algorithm != Algorithm::PS256) {
                return make_error(Errc::key_invalid, "a PS256 public key must be an RSA key, not an " +
                                                         std::string(algorithm_name(info->algorithm)) + " key");
            }
            return verifier_for(*info, limbs);
        }
    }
    return make_error(Errc::invalid_argument, "unknown algorithm");
}

Result<std::unique_ptr<Verifier>> key_verifier(const PublicKey& key, LimbWidth limbs) {
    if (key.certificate.empty()) {
        return raw_key_verifier(key.algorithm, key.raw, limbs);
    }
    auto certificate = parse_certificate(key.certificate);
    POURA_RETURN_IF_ERROR(certificate);
    if (certificate->key.algorithm != key.algorithm) {
        return make_error(Errc::key_invalid, "the certificate holds an " +
                                                 std::string(algorithm_name(certificate->key.algorithm)) +
                                                 " key, not " + std::string(algorithm_name(key.algorithm)));
    }
    return verifier_for(certificate->key, limbs);
}

}  // namespace

Result<std::unique_ptr<Verifier>> make_verifier(const PublicKey& key) { return key_verifier(key, LimbWidth::fastest); }

Result<std::unique_ptr<Verifier>> make_verifier_with_32_bit_limbs(const PublicKey& key) {
    return key_verifier(key, LimbWidth::thirty_two_bits);
}

Result<CertificateInfo> inspect_certificate(const Bytes& der_bytes) {
    auto certificate = parse_certificate(der_bytes);
    POURA_RETURN_IF_ERROR(certificate);
    auto verifier = verifier_for(certificate->key);  // the key itself must be usable
    POURA_RETURN_IF_ERROR(verifier);
    auto not_before = unix_seconds(certificate->not_before);
    POURA_RETURN_IF_ERROR(not_before);
    auto not_after = unix_seconds(certificate->not_after);
    POURA_RETURN_IF_ERROR(not_after);
    return CertificateInfo{certificate->key.algorithm, *not_before, *not_after};
}

Result<std::vector<Bytes>> certificate_key_purposes(const Bytes& der_bytes) {
    auto certificate = parse_certificate(der_bytes);
    POURA_RETURN_IF_ERROR(certificate);
    return std::move(certificate->key_purposes);
}

Status check_raw_key(Algorithm alg, const Bytes& raw) {
    auto verifier = raw_key_verifier(alg, raw);
    POURA_RETURN_IF_ERROR(verifier);
    return {};
}

}  // namespace poura::crypto
