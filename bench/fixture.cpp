#include "fixture.hpp"

#include <fstream>
#include <iterator>

namespace poura::bench {
namespace {

constexpr std::int64_t kDay = 86400;
const char* const kSampleTypes[] = {"citizenship", "heirship", "trade_licence"};

nlohmann::json read_document(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw SetupError("cannot read " + path);
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    auto document = nlohmann::json::parse(text, nullptr, false);
    if (document.is_discarded()) throw SetupError(path + " is not JSON");
    return document;
}

Keyset new_keyset() { return Keyset::create(take(PrivateKey::generate(), "generating a key"), kIssuedAt - kDay); }

}  // namespace

Config Config::full() { return Config{}; }

Config Config::quick_run() {
    Config c;
    c.quick = true;
    c.rounds = 25;
    c.lookup_per_round = 400;
    c.bundle_open_rounds = 3;
    c.fee_per_round = 20;
    return c;
}

Fixture Fixture::create(const Config& config) {
    const Keyset root = new_keyset();
    const Keyset municipality = new_keyset();
    const std::vector<PublicKey> roots{root.primary().key.public_key()};
    const std::vector<std::string> types(std::begin(kSampleTypes), std::end(kSampleTypes));

    TrustBundle bundle;
    bundle.sequence = 1;
    bundle.issued_at = kIssuedAt;
    bundle.next_update = kIssuedAt + 30 * kDay;
    bundle.issuers = take(issuer_entries_from_public_json(municipality.public_json(), kIssuerCode,
                                                          "সারিয়াকান্দি পৌরসভা", "Sariakandi Pourashava", types),
                          "issuer entries");
    Bytes signed_bundle = take(bundle.sign(root.primary().key), "signing the trust bundle");
    Trust trust = take(Trust::from_bundle(signed_bundle, roots), "opening the trust bundle");

    Fixture f{config, root, municipality, roots, types, std::move(signed_bundle), std::move(trust), {}, {}};
    for (const char* type : kSampleTypes) {
        f.documents[type] = read_document(config.examples_dir + "/" + type + ".json");
    }
    f.verify_options.now = kNow;
    return f;
}

IssuedCertificate Fixture::issue_sample(const std::string& document_type) const {
    IssueOptions options;
    options.issuer = kIssuerCode;
    options.serial = kSampleSerial;
    options.issued_at = kIssuedAt;
    return take(issue(documents.at(document_type), municipality, options), "issuing the " + document_type + " sample");
}

IssuerEntry Fixture::municipality_entry() const { return trust.bundle().issuers.front(); }

}  // namespace poura::bench
