// zlib (RFC 1950) with a hard limit on the inflated size, so a small hostile
// input cannot expand into a large allocation.
#pragma once

#include <poura/result.hpp>

#include <cstddef>

namespace poura::zlib {

// True when the data starts with a valid zlib header (CMF/FLG check).
bool looks_compressed(const Bytes& data);

Bytes compress(const Bytes& data);

// The bits after the deflate stream's last block, up to the byte boundary,
// carry nothing: `must_be_zero` refuses a stream where they are not, as zlib
// writes them, so that they cannot be flipped to make another text.
enum class Padding { ignored, must_be_zero };

// Fails with limit_exceeded past max_size, malformed_input on corrupt,
// truncated or trailing data, or padding that is not zero when it must be.
Result<Bytes> inflate(const Bytes& data, std::size_t max_size, Padding padding = Padding::ignored);

}  // namespace poura::zlib
