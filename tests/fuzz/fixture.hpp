// The trust setup the verify fuzzer checks its inputs against: a ministry root
// key, a rotated municipal keyset and a second municipality in a signed trust
// bundle, an issuer list for HC1 certificates, and genuine certificates to seed
// the corpus. Built once, on first use; the same on every run.
#pragma once

#include <poura/poura.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace poura::fuzz {

constexpr std::int64_t kEpoch = 1767225600;  // 2026-01-01, when the bundle is issued
constexpr std::int64_t kDay = 86400;

struct Seed {
    std::string name;     // a file name for the corpus
    std::string qr_text;  // "BD1:..." or "HC1:..."
    bool hc1 = false;     // verified with Scheme::hc1() against Fixture::hc1_trust
    Reason expected = Reason::ok;  // at Fixture::clocks[0]
};

// A key the fuzzer signs its own payloads with, so that mutated claims and
// documents get past the signature to the stages behind it.
struct FixtureSigner {
    PrivateKey key;
    Bytes kid;
};

struct Fixture {
    Trust trust;      // from the signed bundle, for BD1 certificates
    Trust hc1_trust;  // issuers trusted directly, for HC1 certificates
    FixtureSigner bd1_signer;  // Sariakandi's current key, in the bundle
    FixtureSigner hc1_signer;  // an EdDSA key among the HC1 issuers
    // The `now` values a fuzz input chooses from: the bundle fresh, stale in its
    // grace period, past it, and before any certificate was issued.
    std::vector<std::int64_t> clocks;
    std::vector<Seed> seeds;
};

// Aborts with a message if the setup cannot be built or a seed does not verify
// as expected: the fuzzer would otherwise run against the wrong thing.
const Fixture& fixture();

}  // namespace poura::fuzz
