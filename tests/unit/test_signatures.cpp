// Signature verdicts against OpenSSL: tests/vectors/crypto/signatures.json,
// written by tests/vectors/signatures.py with Python's `cryptography`, holds
// Ed25519, ES256 and PS256 cases (random keys, flipped bits, out-of-range and
// non-canonical values, small-order and malformed keys, X.509 certificates)
// and the verdict OpenSSL gives under Poura's rules. Every case must get the
// same verdict from PublicKey and crypto::make_verifier.
#include "crypto/crypto.hpp"
#include "crypto/ed25519_field.hpp"
#include "crypto/verifiers.hpp"

#include <poura/keys.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "test_support.hpp"

#include <map>
#include <memory>
#include <string>

using namespace poura;
using nlohmann::json;
using test::base64_decode;
using test::read_file;

namespace {

const json& signature_cases() {
    static const json cases = json::parse(read_file(POURA_VECTORS_DIR "/crypto/signatures.json"));
    return cases;
}

// The case's key as PublicKey takes it, or the error of taking it.
Result<PublicKey> public_key_of(const json& c) {
    if (c.contains("certificate")) {
        return PublicKey::from_certificate(base64_decode(c.at("certificate").get<std::string>()));
    }
    const auto alg = algorithm_from_name(c.at("alg").get<std::string>());
    if (!alg) return alg.error();
    return PublicKey::from_raw(*alg, base64_decode(c.at("key").get<std::string>()));
}

// The verifier for the case's key, or null when the key is refused (by
// PublicKey::from_* or by make_verifier), with the reason in `why`.
std::unique_ptr<crypto::Verifier> verifier_of(const json& c, std::string& why) {
    auto key = public_key_of(c);
    if (!key) {
        why = key.error().message;
        return nullptr;
    }
    auto verifier = crypto::make_verifier(*key);
    if (!verifier) {
        why = verifier.error().message;
        return nullptr;
    }
    return std::move(verifier).value();
}

}  // namespace

TEST_CASE("the signature vector file holds every kind of case") {
    std::map<std::string, int> count;
    int key_errors = 0;
    int valid = 0;
    int invalid = 0;
    for (const auto& c : signature_cases()) {
        ++count[c.contains("certificate") ? "certificate" : c.at("alg").get<std::string>()];
        if (c.value("key_error", false)) {
            ++key_errors;
        } else if (c.at("valid").get<bool>()) {
            ++valid;
        } else {
            ++invalid;
        }
    }
    CHECK(count["EdDSA"] >= 170);
    CHECK(count["ES256"] >= 150);
    CHECK(count["PS256"] >= 80);
    CHECK(count["certificate"] >= 12);
    CHECK(key_errors >= 15);
    CHECK(valid >= 90);
    CHECK(invalid >= 300);
}

TEST_CASE("every signature case gets OpenSSL's verdict") {
    REQUIRE(signature_cases().size() >= 170 + 150 + 80 + 12);  // signatures.py's MINIMUM_CASES, added up
    for (const auto& c : signature_cases()) {
        const std::string name = c.at("name").get<std::string>();
        INFO("case " << name);
        INFO(c.value("note", ""));
        std::string why;
        const auto verifier = verifier_of(c, why);
        if (c.value("key_error", false)) {
            CAPTURE(why);
            CHECK(verifier == nullptr);
            continue;
        }
        const bool valid = c.at("valid").get<bool>();
        CAPTURE(why);
        REQUIRE(verifier != nullptr);
        if (c.contains("certificate")) {
            CHECK(algorithm_name(verifier->algorithm()) == c.at("alg").get<std::string>());
        }
        const Bytes message = base64_decode(c.at("message").get<std::string>());
        const Bytes signature = base64_decode(c.at("signature").get<std::string>());
        CHECK(verifier->verify(message.data(), message.size(), signature.data(), signature.size()) == valid);
    }
}

TEST_CASE("both Ed25519 fields, ten limbs and (where built) five, give every Ed25519 case OpenSSL's verdict") {
    int checked = 0;
    for (const auto& c : signature_cases()) {
        if (c.contains("certificate") || c.at("alg") != "EdDSA" || c.value("key_error", false)) continue;
        const Bytes key = base64_decode(c.at("key").get<std::string>());
        if (key.size() != crypto::kEd25519KeySize) continue;
        INFO("case " << c.at("name").get<std::string>());
        const Bytes message = base64_decode(c.at("message").get<std::string>());
        const Bytes signature = base64_decode(c.at("signature").get<std::string>());
        const bool valid = c.at("valid").get<bool>();
        const auto fastest = crypto::ed25519_verifier(key.data());
        const auto ten_limbs = crypto::ed25519_verifier_with_32_bit_field(key.data());
        REQUIRE(fastest);
        REQUIRE(ten_limbs);
        CHECK((*fastest)->verify(message.data(), message.size(), signature.data(), signature.size()) == valid);
        CHECK((*ten_limbs)->verify(message.data(), message.size(), signature.data(), signature.size()) == valid);
        ++checked;
    }
    CHECK(checked >= 150);
}

TEST_CASE("ECDSA and RSA over 32-bit limbs, as WebAssembly runs them, give every case OpenSSL's verdict") {
    int checked = 0;
    for (const auto& c : signature_cases()) {
        if (c.at("alg") == "EdDSA" || c.value("key_error", false)) continue;
        INFO("case " << c.at("name").get<std::string>());
        auto key = public_key_of(c);
        REQUIRE(key);
        const auto narrow = crypto::make_verifier_with_32_bit_limbs(*key);
        REQUIRE(narrow);
        const Bytes message = base64_decode(c.at("message").get<std::string>());
        const Bytes signature = base64_decode(c.at("signature").get<std::string>());
        CHECK((*narrow)->verify(message.data(), message.size(), signature.data(), signature.size()) ==
              c.at("valid").get<bool>());
        ++checked;
    }
    CHECK(checked >= 150 + 80);
}

TEST_CASE("both Ed25519 fields refuse every refused 32-byte Ed25519 key: not a point, or of small order") {
    int refused = 0;
    for (const auto& c : signature_cases()) {
        if (c.contains("certificate") || c.at("alg") != "EdDSA" || !c.value("key_error", false)) continue;
        const Bytes key = base64_decode(c.at("key").get<std::string>());
        if (key.size() != crypto::kEd25519KeySize) continue;
        INFO("case " << c.at("name").get<std::string>());
        const auto fastest = crypto::ed25519_verifier(key.data());
        const auto ten_limbs = crypto::ed25519_verifier_with_32_bit_field(key.data());
        REQUIRE_FALSE(fastest);
        REQUIRE_FALSE(ten_limbs);
        CHECK(fastest.error().code == Errc::key_invalid);
        CHECK(fastest.error().message == ten_limbs.error().message);
        ++refused;
    }
    CHECK(refused >= 15);
}

namespace {

// p - k and p + k (k < 2^8) as 32 little-endian bytes; p + k has bit 255 clear.
Bytes p_minus(int k) {
    Bytes out(32, 0xff);
    out[0] = static_cast<std::uint8_t>(0xed - k);
    out[31] = 0x7f;
    return out;
}

Bytes small(int k) {
    Bytes out(32, 0);
    out[0] = static_cast<std::uint8_t>(k);
    return out;
}

template <typename F>
void check_canonical_encodings() {
    for (int k = 1; k <= 40; ++k) {
        INFO("k = " << k);
        typename F::Fe k_element = F::kZero;
        k_element.v[0] = k;
        Bytes out(32);
        // -k: carrying leaves limb 1 at -1, the case that once came out as 19 - k.
        F::to_bytes(out.data(), F::reduce(F::sub(F::kZero, k_element)));
        CHECK(to_hex(out) == to_hex(p_minus(k)));
        F::to_bytes(out.data(), F::sub(F::kZero, k_element));
        CHECK(to_hex(out) == to_hex(p_minus(k)));
        // p + k, read as it is written (a non-canonical encoding), is k; from
        // k = 19 on, p + k no longer fits the 255 bits from_bytes reads.
        if (k < 19) {
            Bytes p_plus = p_minus(0);
            p_plus[0] = static_cast<std::uint8_t>(0xed + k);
            F::to_bytes(out.data(), F::from_bytes(p_plus.data()));
            CHECK(to_hex(out) == to_hex(small(k)));
        }
    }
}

}  // namespace

TEST_CASE("both Ed25519 fields encode values just below zero and just above p canonically") {
    check_canonical_encodings<crypto::ed25519::Field25>();
#ifdef POURA_ED25519_FIELD51
    check_canonical_encodings<crypto::ed25519::Field51>();
#endif
}

TEST_CASE("both Ed25519 fields take the valid keys whose y^2 is 3, 9, 12 or 16 mod p") {
    // Decoding them compares v x^2 with -u = 1 - y^2 in [-15, -2], the values
    // that used to be encoded as 19 more than they are. Both signs of x for
    // both square roots; y = p - 3 is one of them.
    const char* const keys[] = {
        "3379f3b51104df16ed12d542a28ec0f9869a0573a15a914f6014651372963aa1",  // y^2 = 3
        "3379f3b51104df16ed12d542a28ec0f9869a0573a15a914f6014651372963a21",
        "ba860c4aeefb20e912ed2abd5d713f067965fa8c5ea56eb09feb9aec8d69c5de",
        "ba860c4aeefb20e912ed2abd5d713f067965fa8c5ea56eb09feb9aec8d69c55e",
        "0300000000000000000000000000000000000000000000000000000000000000",  // y = 3
        "0300000000000000000000000000000000000000000000000000000000000080",
        "eaffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",  // y = p - 3
        "eaffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        "870d1994dcf741d225da557abbe27e0cf2caf419bd4add603fd735d91bd38a3d",  // y^2 = 12
        "870d1994dcf741d225da557abbe27e0cf2caf419bd4add603fd735d91bd38abd",
        "66f2e66b2308be2dda25aa85441d81f30d350be642b5229fc028ca26e42c7542",
        "66f2e66b2308be2dda25aa85441d81f30d350be642b5229fc028ca26e42c75c2",
        "0400000000000000000000000000000000000000000000000000000000000080",  // y = 4
        "0400000000000000000000000000000000000000000000000000000000000000",
        "e9ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",  // y = p - 4
        "e9ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    };
    for (const char* encoding : keys) {
        INFO(encoding);
        const Bytes key = *from_hex(encoding);
        const auto fastest = crypto::ed25519_verifier(key.data());
        const auto ten_limbs = crypto::ed25519_verifier_with_32_bit_field(key.data());
        CHECK(fastest.ok());
        CHECK(ten_limbs.ok());
        CHECK(PublicKey::from_raw(Algorithm::EdDSA, key).ok());
    }
}
