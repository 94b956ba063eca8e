// Project Wycheproof's vectors through Poura's verifiers compiled to
// WebAssembly, with the native test's runner (tests/conformance/): a test
// program run under Node by wasm/test.sh, not part of the package.
//
//   node poura-wycheproof.js <folder of the vector files>

#include "conformance/wycheproof.hpp"

#include <cstdio>
#include <string>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: poura-wycheproof <tests/vectors/wycheproof folder>\n");
        return 2;
    }
    std::size_t mismatches = 0;
    for (const std::string& name : poura::conformance::wycheproof_files()) {
        const auto report = poura::conformance::run_wycheproof_file(std::string(argv[1]) + "/" + name);
        std::printf("wasm %s\n", report.summary().c_str());
        for (const std::string& mismatch : report.mismatches) {
            std::fprintf(stderr, "  MISMATCH %s\n", mismatch.c_str());
        }
        mismatches += report.mismatches.size() + (report.cases == 0 ? 1 : 0);
    }
    if (mismatches != 0) {
        std::fprintf(stderr, "Wycheproof under WebAssembly: %zu mismatches\n", mismatches);
        return 1;
    }
    return 0;
}
