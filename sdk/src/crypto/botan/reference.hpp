// Botan's verifiers and signers, as an independent reference for Poura's own
// verifiers (verifiers.hpp): the differential fuzz target
// (tests/fuzz/fuzz_differential.cpp) checks that both give the same verdict on
// the same key, message and signature. Compiled into that target only (see
// sdk/CMakeLists.txt): the SDK itself never verifies with Botan.
#pragma once

#include <poura/keys.hpp>
#include <poura/result.hpp>

#include <optional>

namespace poura::crypto::reference {

// Botan's verdict, or std::nullopt when Botan will not take the key.
// Ed25519: a 32-byte key, RFC 8032 "Pure". ES256: a SEC1 point on P-256, an
// r || s signature. PS256: big-endian modulus and exponent, EMSA-PSS with
// SHA-256, MGF1-SHA-256 and a salt of exactly 32 bytes.
std::optional<bool> ed25519_verify(const Bytes& key, const Bytes& message, const Bytes& signature);
std::optional<bool> es256_verify(const Bytes& point, const Bytes& message, const Bytes& signature);
std::optional<bool> ps256_verify(const Bytes& modulus, const Bytes& exponent, const Bytes& message,
                                 const Bytes& signature);

// A key pair made from `secret` and a signature over `message` made with it,
// all deterministic in their inputs.
struct ReferenceSignature {
    Bytes public_key;  // Ed25519 32 bytes; ES256 an uncompressed point; PS256 the modulus
    Bytes exponent;    // PS256
    Bytes signature;
};
// Ed25519 with `secret` (32 bytes) as the seed.
Result<ReferenceSignature> ed25519_sign(const Bytes& secret, const Bytes& message);
// ES256 with `secret` (32 bytes) reduced modulo the group order as the private
// scalar; refused when that is zero.
Result<ReferenceSignature> es256_sign(const Bytes& secret, const Bytes& message);
// PS256 with one 2048-bit key (e = 65537), made once per process from a fixed
// seed; `secret` seeds the random salt.
Result<ReferenceSignature> ps256_sign(const Bytes& secret, const Bytes& message);

}  // namespace poura::crypto::reference
