// Timing with std::chrono::steady_clock. Every figure is a per-operation
// average over a loop. Figures that are compared are measured in many short,
// interleaved rounds. The machine may be shared: a round during which the
// process did not have the CPU (its CPU time, std::clock(), falls short of the
// wall time) is marked disturbed, and medians are taken over the undisturbed
// rounds.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <ctime>
#include <functional>
#include <vector>

namespace poura::bench {

// A round counts as undisturbed when the process ran for this share of it.
constexpr double kUndisturbedCpuShare = 0.95;

struct Round {
    double nanoseconds_per_op = 0;  // steady_clock
    bool undisturbed = true;
};

// Times `iterations` calls of `operation`.
template <typename Operation>
Round time_round(std::size_t iterations, Operation&& operation) {
    const std::clock_t cpu_start = std::clock();
    const auto start = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < iterations; ++i) operation();
    const auto elapsed = std::chrono::steady_clock::now() - start;
    const double cpu_ns = 1e9 * static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
    const double wall_ns = std::chrono::duration<double, std::nano>(elapsed).count();
    return Round{wall_ns / static_cast<double>(iterations), cpu_ns >= kUndisturbedCpuShare * wall_ns};
}

// Caches, branch predictors, allocator pools and lazily built tables settle
// before anything is timed.
template <typename Operation>
void warm_up(std::size_t iterations, Operation&& operation) {
    for (std::size_t i = 0; i < iterations; ++i) operation();
}

inline double median(std::vector<double> values) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

// The rounds of one measurement.
class Samples {
public:
    void add(Round round) { rounds_.push_back(round); }
    const std::vector<Round>& rounds() const { return rounds_; }
    std::size_t undisturbed() const {
        return static_cast<std::size_t>(
            std::count_if(rounds_.begin(), rounds_.end(), [](const Round& r) { return r.undisturbed; }));
    }
    // Undisturbed rounds when there are enough of them to mean something.
    bool use_all() const { return undisturbed() < std::max<std::size_t>(3, rounds_.size() / 10); }
    double median() const {
        std::vector<double> values;
        for (const Round& r : rounds_)
            if (r.undisturbed || use_all()) values.push_back(r.nanoseconds_per_op);
        return bench::median(values);
    }
    double min() const {
        double best = 0;
        for (const Round& r : rounds_)
            if (best == 0 || r.nanoseconds_per_op < best) best = r.nanoseconds_per_op;
        return best;
    }

private:
    std::vector<Round> rounds_;
};

// A timed loop of n calls. The loop is compiled around the operation; only the
// call per round goes through std::function.
using TimedLoop = std::function<Round(std::size_t)>;

template <typename Operation>
TimedLoop timed(Operation& operation) {
    return [&operation](std::size_t n) { return time_round(n, operation); };
}

// Runs every loop for `per_round` calls in each of `rounds` rounds, starting
// with a different one each round so that no side always runs first.
inline std::vector<Samples> interleave(const std::vector<TimedLoop>& loops, std::size_t rounds,
                                       std::size_t per_round) {
    std::vector<Samples> samples(loops.size());
    for (std::size_t round = 0; round < rounds; ++round)
        for (std::size_t k = 0; k < loops.size(); ++k) {
            const std::size_t which = (round + k) % loops.size();
            samples[which].add(loops[which](per_round));
        }
    return samples;
}

// The median over rounds of a / b, each pair having run back to back; pairs
// with a disturbed side are left out unless too few remain.
inline double paired_ratio(const Samples& a, const Samples& b) {
    std::vector<double> clean, all;
    for (std::size_t i = 0; i < a.rounds().size() && i < b.rounds().size(); ++i) {
        const double ratio = a.rounds()[i].nanoseconds_per_op / b.rounds()[i].nanoseconds_per_op;
        all.push_back(ratio);
        if (a.rounds()[i].undisturbed && b.rounds()[i].undisturbed) clean.push_back(ratio);
    }
    return median(clean.size() >= std::max<std::size_t>(3, all.size() / 10) ? clean : all);
}

}  // namespace poura::bench
