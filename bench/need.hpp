// What the office's benchmark programs share: stopping at an error they
// cannot measure past, and wall-clock seconds.
#pragma once

#include <poura/result.hpp>

#include <chrono>
#include <cstdlib>
#include <iostream>

namespace poura::bench {

template <typename T>
T need(Result<T> r, const char* what) {
    if (!r) {
        std::cerr << "benchmark: " << what << ": " << r.error().message << "\n";
        std::exit(3);
    }
    return std::move(r).value();
}

inline void need(Status s, const char* what) {
    if (!s) {
        std::cerr << "benchmark: " << what << ": " << s.error().message << "\n";
        std::exit(3);
    }
}

inline double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace poura::bench
