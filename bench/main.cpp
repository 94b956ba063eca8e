// poura_bench: one run measures and prints every figure side by side, and
// fails (exit 1) when a verdict or result is not the expected one.
//   poura_bench [--quick] [--examples DIR]
#include "fixture.hpp"
#include "report.hpp"
#include "sections.hpp"

#include <chrono>
#include <cstring>
#include <ctime>
#include <iostream>

namespace {

constexpr int kExitChecksFailed = 1;
constexpr int kExitUsage = 2;
constexpr int kExitSetup = 3;

int usage() {
    std::cerr << "usage: poura_bench [--quick] [--examples DIR]\n"
                 "  --quick         a few hundred iterations per figure (the smoke test)\n"
                 "  --examples DIR  the sample documents (default: " POURA_EXAMPLES_DIR ")\n";
    return kExitUsage;
}

}  // namespace

int main(int argc, char** argv) {
    using namespace poura::bench;
    bool quick = false;
    std::string examples_dir = POURA_EXAMPLES_DIR;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--quick") == 0) quick = true;
        else if (std::strcmp(argv[i], "--examples") == 0 && i + 1 < argc) examples_dir = argv[++i];
        else return usage();
    }
    Config config = quick ? Config::quick_run() : Config::full();
    config.examples_dir = examples_dir;

    const auto start = std::chrono::steady_clock::now();
    const std::clock_t cpu_start = std::clock();
    Checks checks;
    try {
        std::cout << "Poura " << poura::version() << " benchmark" << (quick ? " (quick)" : "") << "\n";
        const Fixture fixture = Fixture::create(config);
        bench_verify(fixture, checks, std::cout);
        bench_large_bundle(fixture, checks, std::cout);
        bench_issue(fixture, checks, std::cout);
        bench_qr_sizes(fixture, checks, std::cout);
        bench_fees(fixture, checks, std::cout);
        bench_signatures(fixture, checks, std::cout);
    } catch (const SetupError& e) {
        std::cerr << "poura_bench: setup failed: " << e.what() << "\n";
        return kExitSetup;
    }

    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double cpu_seconds = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
    std::cout << "\nRun: " << fixed(seconds, 1) << " s, the process had the CPU for " << fixed(100 * cpu_seconds / seconds, 0)
              << " % of it (near 100 % on a quiet machine; far below, figures are less sure).\n"
              << "\n== Self-checks: " << checks.count() - checks.failures().size() << " of " << checks.count()
              << " passed\n";
    for (const auto& failure : checks.failures()) std::cout << "FAILED: " << failure << "\n";
    return checks.failures().empty() ? 0 : kExitChecksFailed;
}
