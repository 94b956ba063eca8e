// Poura's own signature verifiers, one per COSE algorithm: verification
// needs no private key and no randomness, so it does without Botan, and the
// verify-only WebAssembly build stays small. They handle public data only and
// make no attempt at constant time.
#pragma once

#include "crypto/crypto.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>

namespace poura::crypto {

constexpr std::size_t kEd25519KeySize = 32;
constexpr std::size_t kEd25519SignatureSize = 64;
constexpr std::size_t kP256PointSize = 65;    // 04 || X || Y
constexpr std::size_t kP256ScalarSize = 32;
constexpr std::size_t kP384PointSize = 97;    // 04 || X || Y
constexpr std::size_t kP384ScalarSize = 48;
constexpr std::size_t kMinimumRsaBits = 2048;
constexpr std::size_t kMaximumRsaBits = 8192;

// The limbs of ECDSA's and RSA's arithmetic: the build's fastest (64 bits
// where the compiler has a 128-bit product), or 32 bits, what WebAssembly and
// 32-bit targets use, for tests to check that arithmetic on any machine.
enum class LimbWidth { fastest, thirty_two_bits };

// Ed25519 (RFC 8032 section 5.1.7, pure): 32-byte keys. Refuses a key that
// is not the canonical encoding of a curve point, and a point of small order.
Result<std::unique_ptr<Verifier>> ed25519_verifier(const std::uint8_t* key);
// The same over the ten-limb field that WebAssembly and 32-bit targets use,
// so that tests check it on a machine whose ed25519_verifier uses another.
Result<std::unique_ptr<Verifier>> ed25519_verifier_with_32_bit_field(const std::uint8_t* key);

// ECDSA on P-256 with SHA-256 (FIPS 186-4), r || s signatures. The point is
// the SEC1 encoding, uncompressed (65 bytes) or compressed (33 bytes).
Result<std::unique_ptr<Verifier>> es256_verifier(const std::uint8_t* point, std::size_t size,
                                                 LimbWidth limbs = LimbWidth::fastest);
// ECDSA on P-384 with SHA-384, likewise: r || s of 96 bytes, a point of 97
// bytes uncompressed or 49 compressed.
Result<std::unique_ptr<Verifier>> es384_verifier(const std::uint8_t* point, std::size_t size,
                                                 LimbWidth limbs = LimbWidth::fastest);

// RSASSA-PSS (RFC 8017 section 8.1.2) with SHA-256, MGF1-SHA-256 and a 32-byte
// salt. Modulus and public exponent are big-endian; the exponent is odd, at
// least 3 and below 2^32.
Result<std::unique_ptr<Verifier>> ps256_verifier(const std::uint8_t* modulus, std::size_t modulus_size,
                                                 const std::uint8_t* exponent, std::size_t exponent_size,
                                                 LimbWidth limbs = LimbWidth::fastest);

}  // namespace poura::crypto
