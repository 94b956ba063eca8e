// The shared test vectors (tests/vectors/*.json, made by generate.py from an
// independent Python implementation): every vector's verdict, stage and reason,
// and its document, issuer, serial and trust state when the vector states them.
// tests/vectors/README.md describes the format.
#include <poura/poura.hpp>

#include <catch2/catch.hpp>

#include "test_support.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

using namespace poura;
using test::base64_decode;
using test::read_file;
using nlohmann::json;

namespace {

json read_json(const std::filesystem::path& path) { return json::parse(read_file(path.string())); }

struct VectorFile {
    std::string name;
    json content;
};

// Every *.json file of the vectors folder, read once: Catch re-enters the test
// case for each section.
const std::vector<VectorFile>& vector_files() {
    static const std::vector<VectorFile> files = [] {
        std::vector<std::filesystem::path> paths;
        for (const auto& entry : std::filesystem::directory_iterator(POURA_VECTORS_DIR))
            if (entry.path().extension() == ".json") paths.push_back(entry.path());
        std::sort(paths.begin(), paths.end());
        std::vector<VectorFile> out;
        for (const auto& path : paths) out.push_back({path.filename().string(), read_json(path)});
        return out;
    }();
    return files;
}

// The trust a vector describes, and the error name of the first step of
// setting it up that failed ("" when none did).
struct TrustSetup {
    std::optional<Trust> trust;
    std::string error;
};

TrustSetup load_trust(const json& spec) {
    TrustSetup setup;
    if (spec.contains("certificates")) {
        std::vector<IssuerEntry> issuers;
        for (const auto& der : spec.at("certificates")) {
            IssuerEntry entry;
            entry.key = PublicKey::from_certificate(base64_decode(der.get<std::string>())).value();
            entry.document_types = {"*"};
            issuers.push_back(std::move(entry));
        }
        setup.trust = Trust::from_issuers(std::move(issuers)).value();
        return setup;
    }
    std::vector<PublicKey> roots;
    for (const auto& root : spec.at("roots")) {
        const Algorithm alg = algorithm_from_name(root.at("algorithm").get<std::string>()).value();
        roots.push_back(PublicKey::from_raw(alg, base64_decode(root.at("public_key").get<std::string>())).value());
    }
    auto opened = Trust::from_bundle(base64_decode(spec.at("bundle").get<std::string>()), roots,
                                     spec.value("min_sequence", std::uint64_t{0}));
    if (!opened) {
        setup.error = std::string(errc_name(opened.error().code));
        return setup;
    }
    setup.trust = std::move(opened).value();
    for (const auto& update : spec.value("updates", json::array())) {
        const Status status = setup.trust->update(base64_decode(update.get<std::string>()));
        if (!status) {
            setup.error = std::string(errc_name(status.error().code));
            break;
        }
    }
    return setup;
}

VerifyOptions options_of(const json& vector) {
    VerifyOptions options;
    options.now = vector.at("now").get<std::int64_t>();
    const json o = vector.value("options", json::object());
    const std::string scheme = o.value("scheme", "bd1");
    REQUIRE((scheme == "bd1" || scheme == "hc1"));
    options.scheme = scheme == "hc1" ? Scheme::hc1() : Scheme::bd1();
    options.clock_skew = o.value("clock_skew", options.clock_skew);
    options.grace_period = o.value("grace_period", options.grace_period);
    options.max_inflated_size = o.value("max_inflated_size", options.max_inflated_size);
    return options;
}

void check_vector(const json& vector, const json& file_trust) {
    const json& expect = vector.at("expect");
    const TrustSetup setup = load_trust(vector.contains("trust") ? vector.at("trust") : file_trust);
    CHECK(setup.error == expect.value("trust_error", ""));
    if (!expect.contains("verdict")) return;
    REQUIRE(setup.trust);

    const VerifyResult result = verify(vector.at("qr").get<std::string>(), *setup.trust, options_of(vector));
    INFO("detail: " << result.detail);
    CHECK(verdict_name(result.verdict) == expect.at("verdict").get<std::string>());
    CHECK(stage_name(result.stage) == expect.at("stage").get<std::string>());
    CHECK(reason_code(result.reason) == expect.at("reason").get<std::string>());
    if (expect.contains("document")) CHECK(result.document == expect.at("document"));
    if (expect.contains("issuer")) {
        const json issuer = result.to_json().at("issuer");
        REQUIRE(issuer.is_object());
        for (const auto& [key, value] : expect.at("issuer").items()) {
            INFO("issuer." << key);
            CHECK(issuer.at(key) == value);
        }
    }
    if (expect.contains("serial")) CHECK(result.serial == expect.at("serial").get<std::string>());
    if (expect.contains("identity")) CHECK(result.to_json().at("identity") == expect.at("identity"));
    if (expect.contains("trust")) {
        const json& trust = expect.at("trust");
        if (trust.contains("freshness"))
            CHECK(freshness_name(result.trust.freshness) == trust.at("freshness").get<std::string>());
        if (trust.contains("sequence")) CHECK(result.trust.sequence == trust.at("sequence").get<std::uint64_t>());
    }
}

}  // namespace

TEST_CASE("every shared test vector gives the expected verdict, stage and reason") {
    const auto& files = vector_files();
    REQUIRE(files.size() >= 5);
    for (const auto& file : files) {
        REQUIRE(!file.content.at("vectors").empty());
        for (const auto& vector : file.content.at("vectors")) {
            DYNAMIC_SECTION(file.name << ": " << vector.at("name").get<std::string>()) {
                INFO(vector.at("description").get<std::string>());
                check_vector(vector, file.content.at("trust"));
            }
        }
    }
}

TEST_CASE("the vector files cover every reason code") {
    std::set<std::string> seen;
    for (const auto& file : vector_files()) {
        for (const auto& vector : file.content.at("vectors"))
            if (vector.at("expect").contains("reason")) seen.insert(vector.at("expect").at("reason").get<std::string>());
    }
    for (Reason r : {Reason::ok, Reason::bad_prefix, Reason::bad_base45, Reason::bad_compression, Reason::bad_cose,
                     Reason::bad_header, Reason::unknown_key, Reason::bad_signature, Reason::not_yet_valid,
                     Reason::expired, Reason::issuer_not_allowed, Reason::key_outside_validity, Reason::key_revoked,
                     Reason::revoked, Reason::bad_document, Reason::trust_expired, Reason::too_long}) {
        INFO(reason_code(r));
        CHECK(seen.count(std::string(reason_code(r))) == 1);
    }
}
