// libFuzzer target over the public key readers (poura/keys.hpp,
// poura/trust.hpp). The first input byte chooses the reader:
//   control % 5   0 a DER X.509 certificate, PublicKey::from_certificate
//                 1, 2, 3 a raw Ed25519, ES256 or PS256 key (32 bytes, a SEC1
//                   point, a DER SubjectPublicKeyInfo), PublicKey::from_raw
//                 4 JSON text, public_key_from_json
// Properties beyond not crashing, for a key that loads:
//   - parse, serialise, parse: public_key_to_json() reads back, also through
//     its text, into the same key with the same kid;
//   - the readers agree: a loaded key makes a verifier, a certificate passes
//     inspect_certificate() with the same algorithm, and a raw key loads again.
// With POURA_FUZZ_WRITE_SEEDS=<dir> the program writes keys of every kind to
// <dir>: the signer certificates of tests/vectors/hc1.json and the keys of the
// Wycheproof vectors (tests/vectors/wycheproof/), each also as JSON, and exits.

#include "property.hpp"
#include "test_support.hpp"

#include "crypto/crypto.hpp"

#include <poura/json.hpp>
#include <poura/keys.hpp>
#include <poura/trust.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace {

using namespace poura;
using fuzz::property_broken;

enum Reader : std::uint8_t { certificate = 0, raw_eddsa = 1, raw_es256 = 2, raw_ps256 = 3, json_text = 4 };

bool same_key(const PublicKey& a, const PublicKey& b) {
    return a.algorithm == b.algorithm && a.raw == b.raw && a.certificate == b.certificate && a.key_id() == b.key_id();
}

void check(const PublicKey& key, std::string_view input) {
    const nlohmann::json j = public_key_to_json(key);
    const auto back = public_key_from_json(j);
    if (!back || !same_key(*back, key)) property_broken("public_key_to_json() reads back into the same key", input);
    const auto through_text = public_key_from_json(nlohmann::json::parse(j.dump()));
    if (!through_text || !same_key(*through_text, key))
        property_broken("public_key_to_json()'s text reads back into the same key", input);
    if (!crypto::make_verifier(key)) property_broken("a key that loads makes a verifier", input);
    if (!key.certificate.empty()) {
        const auto info = crypto::inspect_certificate(key.certificate);
        if (!info || info->algorithm != key.algorithm)
            property_broken("a certificate that loads passes inspect_certificate() with its algorithm", input);
    } else if (!PublicKey::from_raw(key.algorithm, key.raw)) {
        property_broken("a raw key that loads loads again", input);
    }
}

Bytes hex(const nlohmann::json& value) { return from_hex(value.get<std::string>()).value(); }

void write_key_seeds(const std::string& dir, const std::string& name, Reader reader, const Bytes& bytes,
                     std::size_t& written) {
    fuzz::write_seed(dir + "/" + name, reader, bytes);
    const auto key = reader == certificate ? PublicKey::from_certificate(bytes)
                                           : PublicKey::from_raw(static_cast<Algorithm>(reader - 1), bytes);
    if (key) {
        const std::string j = public_key_to_json(*key).dump();
        fuzz::write_seed(dir + "/" + name + ".json", json_text, Bytes(j.begin(), j.end()));
        ++written;
    }
    ++written;
}

void write_seeds(const std::string& dir) {
    std::size_t written = 0;
    const auto hc1 = nlohmann::json::parse(fuzz::read_source_file("tests/vectors/hc1.json"));
    std::size_t index = 0;
    for (const auto& der : hc1.at("trust").at("certificates")) {
        write_key_seeds(dir, "certificate-" + std::to_string(index++), certificate,
                        test::base64_decode(der.get<std::string>()), written);
    }
    // A few keys of each Wycheproof file: their groups' keys differ little.
    const auto first_groups = [](const char* file) {
        auto groups = nlohmann::json::parse(fuzz::read_source_file(std::string("tests/vectors/wycheproof/") + file))
                          .at("testGroups");
        groups.erase(groups.begin() + std::min<std::ptrdiff_t>(4, static_cast<std::ptrdiff_t>(groups.size())),
                     groups.end());
        return groups;
    };
    index = 0;
    for (const auto& group : first_groups("ed25519_test.json"))
        write_key_seeds(dir, "ed25519-" + std::to_string(index++), raw_eddsa, hex(group.at("publicKey").at("pk")),
                        written);
    index = 0;
    for (const auto& group : first_groups("ecdsa_secp256r1_sha256_p1363_test.json"))
        write_key_seeds(dir, "es256-" + std::to_string(index++), raw_es256,
                        hex(group.at("publicKey").at("uncompressed")), written);
    for (const char* file : {"rsa_pss_2048_sha256_mgf1_32_test.json", "rsa_pss_2048_sha256_mgf1_32_params_test.json"})
        for (const auto& group : first_groups(file))
            write_key_seeds(dir, std::string("ps256-") + file, raw_ps256, hex(group.at("publicKeyDer")), written);
    std::printf("wrote %zu seeds to %s\n", written, dir.c_str());
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    poura::fuzz::write_seeds_if_asked(write_seeds);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const Bytes body(data + 1, data + size);
    Result<PublicKey> key = make_error(Errc::key_invalid, "no reader");
    switch (static_cast<Reader>(data[0] % 5)) {
        case certificate: key = PublicKey::from_certificate(body); break;
        case raw_eddsa: key = PublicKey::from_raw(Algorithm::EdDSA, body); break;
        case raw_es256: key = PublicKey::from_raw(Algorithm::ES256, body); break;
        case raw_ps256: key = PublicKey::from_raw(Algorithm::PS256, body); break;
        case json_text: {
            const auto j = parse_json(std::string_view(reinterpret_cast<const char*>(body.data()), body.size()));
            if (!j) return 0;
            key = public_key_from_json(*j);
            break;
        }
    }
    if (key) check(*key, input);
    return 0;
}
