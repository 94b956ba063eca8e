// zlib (RFC 1950) with a hard limit on the inflated size, so a small hostile
// input cannot expand into a large allocation.
#pragma once

#include <poura/result.hpp>

#include <cstddef>

namespace poura::zlib {

// True when the data starts with a valid zlib header (CMF/FLG check).
bool looks_compressed(const Bytes& data);

Bytes compress(const Bytes& data);
// Fails with limit_exceeded past max_size, malformed_input on corrupt,
// truncated or trailing data.
Result<Bytes> inflate(const Bytes& data, std::size_t max_size);

}  // namespace poura::zlib
