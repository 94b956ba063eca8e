// Botan reports malformed input and internal failures by throwing; this module
// reports them as values. Only std::bad_alloc may leave it.
#pragma once

#include <poura/result.hpp>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <new>
#include <string>
#include <string_view>

namespace poura::crypto {

// Runs `body`, which returns a Result, and turns any exception except
// std::bad_alloc into an error `code` whose message starts with `what_failed`.
template <typename Body>
auto without_exceptions(Errc code, std::string_view what_failed, Body&& body) -> decltype(body()) {
    try {
        return body();
    } catch (const std::bad_alloc&) {
        throw;
    } catch (const std::exception& e) {
        return make_error(code, std::string(what_failed) + ": " + e.what());
    }
}

// For operations that cannot fail on valid, already-checked keys and whose
// interface has no way to report an error (signing, key export, randomness).
// Carrying on would hand out a bad signature or predictable bytes, so stop.
[[noreturn]] inline void fail_fast(std::string_view what_failed, const std::exception& cause) noexcept {
    std::fprintf(stderr, "poura: fatal: %.*s: %s\n", static_cast<int>(what_failed.size()), what_failed.data(),
                 cause.what());
    std::abort();
}

}  // namespace poura::crypto
