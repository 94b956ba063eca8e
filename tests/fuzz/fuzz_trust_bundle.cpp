// libFuzzer target over the trust bundle reader (TrustBundle::open,
// poura/trust.hpp). The input is a bundle's CBOR payload; the target signs it
// with its root key as a bundle is signed, so that mutations reach the
// payload's reader instead of dying at the signature. Properties beyond not
// crashing, for a bundle that opens:
//   - parse, serialise, parse: signed again with sign(), it opens into the
//     same bundle (to_json() equal), and signing that gives the same bytes:
//     one bundle, one encoding;
//   - the readers agree: Trust::from_bundle() takes the same bytes and holds
//     the same bundle.
// With POURA_FUZZ_WRITE_SEEDS=<dir> the program writes the payloads of the
// signed bundles in tests/vectors/trust.json to <dir> and exits.

#include "property.hpp"
#include "test_support.hpp"

#include "codec/cbor.hpp"
#include "codec/cose.hpp"

#include <poura/trust.hpp>

#include <nlohmann/json.hpp>

#include <set>
#include <string>
#include <string_view>

namespace {

using namespace poura;
using fuzz::property_broken;

// As TrustBundle::sign() writes them: the COSE content type header (3) says
// what the payload is.
constexpr std::int64_t kHeaderContentType = 3;
constexpr char kBundleContentType[] = "application/poura-trust+cbor";

const PrivateKey& root() {
    static const PrivateKey key = PrivateKey::generate().value();
    return key;
}

Bytes signed_bundle(const Bytes& payload) {
    const PublicKey root_public = root().public_key();
    const Bytes protected_bytes = cbor::encode(cbor::Value(cbor::Map{
        {cose::kHeaderAlgorithm, cose_algorithm_id(root_public.algorithm)},
        {cose::kHeaderKeyId, root_public.key_id()},
        {kHeaderContentType, std::string(kBundleContentType)}}));
    const Bytes signature = root().sign(cose::signature_input(protected_bytes, payload)).value();
    return cose::encode_sign1(protected_bytes, payload, signature);
}

void write_seeds(const std::string& dir) {
    const auto vectors = nlohmann::json::parse(fuzz::read_source_file("tests/vectors/trust.json"));
    std::set<Bytes> payloads;
    const auto add = [&](const nlohmann::json& bundle) {
        auto message = cose::parse_sign1(test::base64_decode(bundle.get<std::string>()));
        if (message) payloads.insert(message->payload);
    };
    add(vectors.at("trust").at("bundle"));
    for (const auto& vector : vectors.at("vectors")) {
        if (!vector.contains("trust")) continue;
        const auto& trust = vector.at("trust");
        if (trust.contains("bundle")) add(trust.at("bundle"));
        for (const auto& update : trust.value("updates", nlohmann::json::array())) add(update);
    }
    std::size_t index = 0;
    for (const Bytes& payload : payloads) {
        fuzz::write_seed(dir + "/payload-" + std::to_string(index++), std::string(payload.begin(), payload.end()));
    }
    std::printf("wrote %zu seeds to %s\n", payloads.size(), dir.c_str());
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    poura::fuzz::write_seeds_if_asked(write_seeds);
    root();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const std::vector<PublicKey> roots{root().public_key()};
    const Bytes bundle_bytes = signed_bundle(Bytes(data, data + size));
    const auto bundle = TrustBundle::open(bundle_bytes, roots);
    const auto trust = Trust::from_bundle(bundle_bytes, roots);
    if (bundle.ok() != trust.ok()) property_broken("TrustBundle::open and Trust::from_bundle agree", input);
    if (!bundle) return 0;
    const nlohmann::json opened = bundle->to_json();
    if (trust->bundle().to_json() != opened) property_broken("Trust::from_bundle holds the bundle opened", input);

    const auto resigned = bundle->sign(root());
    if (!resigned) property_broken("a bundle that opens signs again", input);
    const auto reopened = TrustBundle::open(*resigned, roots);
    if (!reopened || reopened->to_json() != opened) property_broken("parse, serialise, parse gives the same bundle", input);
    const auto signed_twice = reopened->sign(root());
    if (!signed_twice || *signed_twice != *resigned) property_broken("one bundle has one encoding", input);
    return 0;
}
