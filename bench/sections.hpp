// The parts of a run. Each measures, prints its table and records its
// self-checks.
#pragma once

#include "fixture.hpp"
#include "report.hpp"

#include <ostream>

namespace poura::bench {

void bench_verify(const Fixture& fixture, Checks& checks, std::ostream& out);
void bench_large_bundle(const Fixture& fixture, Checks& checks, std::ostream& out);
void bench_issue(const Fixture& fixture, Checks& checks, std::ostream& out);
void bench_qr_sizes(const Fixture& fixture, Checks& checks, std::ostream& out);
void bench_fees(const Fixture& fixture, Checks& checks, std::ostream& out);
void bench_signatures(const Fixture& fixture, Checks& checks, std::ostream& out);

}  // namespace poura::bench
