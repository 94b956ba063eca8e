// Hexadecimal text for bytes: key ids, keys and hashes in JSON and on screen.
#pragma once

#include <poura/export.hpp>
#include <poura/result.hpp>

#include <string>
#include <string_view>

namespace poura {

// Lowercase hexadecimal, and its inverse (strict: even length, hex digits only).
POURA_API std::string to_hex(const Bytes& data);
POURA_API Result<Bytes> from_hex(std::string_view hex);

}  // namespace poura
