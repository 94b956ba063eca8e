// Botan reports malformed input and internal failures by throwing; this module
// reports them as values. Only std::bad_alloc may leave it.
#pragma once

#include <poura/result.hpp>

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

}  // namespace poura::crypto
