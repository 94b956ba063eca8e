// What every measurement shares: the run's settings, keys generated at start
// (in memory, never written), a trust bundle signed by the root key, and the
// sample documents from examples/documents/.
#pragma once

#include <poura/poura.hpp>

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace poura::bench {

// Fixed times keep verdicts and certificate sizes the same on every run.
constexpr std::int64_t kIssuedAt = 1767225600;         // 2026-01-01T00:00:00Z
constexpr std::int64_t kNow = kIssuedAt + 86400;        // verification happens a day later
constexpr const char* kIssuerCode = "BD-10-06-88";
constexpr const char* kSampleSerial = "7Q2M9XK4T1VB";  // as long as a generated serial

// Rounds are short (about a millisecond) and many: on a shared machine most
// of them then run without being preempted, and the median ignores the rest.
struct Config {
    bool quick = false;
    std::string examples_dir;
    std::string schedules_dir = POURA_SCHEDULES_DIR;
    std::size_t rounds = 601;             // interleaved rounds of every comparison
    std::size_t verify_per_round = 10;    // verifications per round, each side
    std::size_t stage_per_round = 10;     // per stage of the breakdown
    std::size_t large_bundle_issuers = 1000;
    std::size_t lookup_per_round = 2000;
    std::size_t bundle_open_rounds = 21;  // one opening of each kind per round
    std::size_t issue_per_round = 10;
    std::size_t fee_per_round = 200;

    static Config full();
    static Config quick_run();  // a few hundred iterations per figure: the smoke test
};

// Setup failures are not measurements: they abort the run.
struct SetupError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

template <typename T>
T take(Result<T> result, const std::string& what) {
    if (!result) throw SetupError(what + ": " + result.error().message);
    return std::move(result).value();
}

struct Fixture {
    Config config;
    Keyset root;
    Keyset municipality;
    std::vector<PublicKey> roots;
    std::vector<std::string> document_types;  // what the municipality may sign
    Bytes signed_bundle;                       // one issuer: the municipality
    Trust trust;
    std::map<std::string, nlohmann::json> documents;  // by type, from examples/documents/
    VerifyOptions verify_options;

    static Fixture create(const Config& config);

    // A certificate with a fixed serial and issue time.
    IssuedCertificate issue_sample(const std::string& document_type) const;
    IssuerEntry municipality_entry() const;
};

}  // namespace poura::bench
