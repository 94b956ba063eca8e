// SCSU, the Standard Compression Scheme for Unicode (Unicode Technical Standard
// #6). Bengali text takes one byte per character instead of UTF-8's three,
// which is what keeps a bilingual certificate's QR code small.
#pragma once

#include <poura/result.hpp>

#include <string>
#include <string_view>

namespace poura::scsu {

// Encodes valid UTF-8. The encoder uses single-byte mode only: it defines one
// dynamic window over the script of the first non-ASCII letter and quotes
// every other character.
Bytes encode(std::string_view utf8);

// Decodes any conforming SCSU stream (single-byte and Unicode modes) to UTF-8.
// Ill-formed input (truncated tags, reserved values, unpaired surrogates) is
// malformed_input.
Result<std::string> decode(const std::uint8_t* data, std::size_t size);
inline Result<std::string> decode(const Bytes& data) { return decode(data.data(), data.size()); }

}  // namespace poura::scsu
