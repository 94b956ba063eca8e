// Early return for Result: the one way the SDK passes a failure up unchanged.
#pragma once

#include <poura/result.hpp>

#include <utility>

// Returns the error of `result` (a Result<T> or Status variable) from the
// enclosing function when it holds one. A macro because only a statement in
// the caller can return from it.
#define POURA_RETURN_IF_ERROR(result)                \
    do {                                             \
        if (!(result)) {                             \
            return std::move(result).error();        \
        }                                            \
    } while (false)
