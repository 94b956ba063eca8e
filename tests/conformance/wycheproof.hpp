// Runs Project Wycheproof's signature and point-encoding vectors
// (tests/vectors/wycheproof/) through Poura's own verifiers, every case
// through every way a key reaches them. Shared by the native test
// (tests/unit/test_wycheproof.cpp) and the WebAssembly one (wasm/tests/), so
// both hold the verifiers to the same expectations, which
// tests/vectors/wycheproof/README.md sets out.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace poura::conformance {

struct WycheproofReport {
    std::string file;
    std::size_t cases = 0;  // Wycheproof test cases in the file
    // Per path ("ed25519_verifier", "PublicKey::from_raw", ...): how many
    // cases it accepted and refused.
    std::map<std::string, std::size_t> accepted;
    std::map<std::string, std::size_t> refused;
    // One line per case and path where the verdict is not the expected one.
    std::vector<std::string> mismatches;

    // "ed25519_test.json: 151 cases; ed25519_verifier 88 accepted, 63 refused; ..."
    std::string summary() const;
};

// Runs one vector file, chosen by its "schema"; a file of a schema this
// runner does not know, or that does not parse, is reported as a mismatch.
WycheproofReport run_wycheproof_file(const std::string& path);

// The vector files this project keeps, by name.
const std::vector<std::string>& wycheproof_files();

}  // namespace poura::conformance
