// Signature verdicts against OpenSSL: tests/vectors/crypto/signatures.json,
// written by tests/vectors/signatures.py with Python's `cryptography`, holds
// Ed25519, ES256 and PS256 cases (random keys, flipped bits, out-of-range and
// non-canonical values, small-order and malformed keys, X.509 certificates)
// and the verdict OpenSSL gives under Poura's rules. Every case must get the
// same verdict from PublicKey and crypto::make_verifier.
#include "crypto/crypto.hpp"
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
