// Base45 (RFC 9285): the QR alphanumeric alphabet, 3 characters per 2 bytes.
#pragma once

#include <poura/result.hpp>

#include <string>
#include <string_view>

namespace poura::base45 {

std::string encode(const Bytes& data);
// Strict: only the 45 alphabet characters, no trailing single character, no
// triplet above 65535 or pair above 255.
Result<Bytes> decode(std::string_view text);

}  // namespace poura::base45
