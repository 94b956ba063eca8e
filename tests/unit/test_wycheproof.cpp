// Project Wycheproof's vectors through Poura's verifiers natively; the
// expectations are tests/conformance/wycheproof.cpp's, and
// tests/vectors/wycheproof/README.md explains them.
#include "conformance/wycheproof.hpp"

#include <catch2/catch.hpp>

#include <string>

using poura::conformance::run_wycheproof_file;
using poura::conformance::wycheproof_files;

TEST_CASE("every Wycheproof vector gets the verdict the strict policy expects", "[wycheproof]") {
    for (const std::string& name : wycheproof_files()) {
        SECTION(name) {
            const auto report = run_wycheproof_file(std::string(POURA_VECTORS_DIR) + "/wycheproof/" + name);
            WARN(report.summary());
            for (const std::string& mismatch : report.mismatches) {
                FAIL_CHECK(mismatch);
            }
            CHECK(report.cases > 0);
            CHECK(report.mismatches.empty());
        }
    }
}
