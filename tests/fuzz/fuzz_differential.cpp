// libFuzzer target that checks Poura's own verifiers (crypto/verifiers.hpp)
// against Botan's (crypto/botan/reference.hpp) on the same key, message and
// signature, and fails on any disagreement but the documented ones below.
//
// The first input byte chooses the algorithm and how the rest is used:
//   control % 3          0 Ed25519 (both of Poura's fields), 1 ES256, 2 PS256
//   (control / 3) % 2    0 raw: the key, the signature and the message are the
//                          input's bytes (PS256: the modulus and exponent too,
//                          or the reference key's when (control / 6) % 2)
//                        1 signed: Botan makes a key from the input's first 32
//                          bytes and signs the message with it; the next three
//                          bytes may then change the signature or the message
//   (control / 6) % 2    ES256: the key as a compressed point instead of an
//                          uncompressed one
//
// Poura must never accept what Botan refuses. Where Botan accepts and Poura
// refuses, only these differences are intended, each Poura's stricter policy:
//   - Ed25519 keys that are not canonical encodings (y >= p, or x = 0 with the
//     sign bit set) or points of small order: refused at loading; Botan checks
//     neither (RFC 8032 leaves key checks to the verifier).
//   - Ed25519 signatures with S >= L: refused (RFC 8032 5.1.7); Botan 2 only
//     checks S's top three bits.
//   - ES256 keys in an encoding other than SEC1's compressed (33 bytes) or
//     uncompressed (65 bytes) forms, such as X9.62's hybrid form.
//   - PS256 keys below 2048 or above 8192 bits, with an even modulus, or with
//     an exponent that is even, below 3 or not below 2^32.
//   - PS256 signatures not exactly as long as the modulus (RFC 8017 8.1.2
//     step 1); Botan reads any length as a number.
// A signature Botan made, unchanged, must verify in both.
//
// With POURA_FUZZ_WRITE_SEEDS=<dir> the program writes seeds made from
// Botan-signed messages to <dir> and exits.

#include "crypto/botan/reference.hpp"
#include "crypto/verifiers.hpp"
#include "property.hpp"

#include <poura/hex.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <optional>
#include <string>

namespace {

using namespace poura;
namespace reference = crypto::reference;

enum Kind : std::uint8_t { ed25519 = 0, es256 = 1, ps256 = 2 };

constexpr std::size_t kSecretSize = 32;
constexpr std::size_t kRsaSize = 256;          // raw PS256 modulus and signature bytes
constexpr std::size_t kRsaExponentSize = 4;
// L, the order of Ed25519's base point, little-endian.
constexpr std::uint8_t kEd25519Order[32] = {0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7,
                                            0xa2, 0xde, 0xf9, 0xde, 0x14, 0,    0,    0,    0,    0,    0,
                                            0,    0,    0,    0,    0,    0,    0,    0,    0,    0x10};

struct Case {
    Kind kind = ed25519;
    Bytes key;       // Ed25519 key, SEC1 point or RSA modulus
    Bytes exponent;  // PS256
    Bytes message;
    Bytes signature;
    bool genuine = false;  // made by Botan and left unchanged
};

[[noreturn]] void disagree(const char* what, const Case& c) {
    std::fprintf(stderr, "\nPoura and Botan disagree: %s\n  algorithm %d\n  key %s\n  exponent %s\n  message %s\n"
                         "  signature %s\n",
                 what, static_cast<int>(c.kind), to_hex(c.key).c_str(), to_hex(c.exponent).c_str(),
                 to_hex(c.message).c_str(), to_hex(c.signature).c_str());
    __builtin_trap();
}

// Little-endian comparison of 32-byte numbers: a < b.
bool less_than_le(const std::uint8_t* a, const std::uint8_t* b) {
    for (int i = 31; i >= 0; --i) {
        if (a[i] != b[i]) return a[i] < b[i];
    }
    return false;
}

// y >= p = 2^255 - 19, or x = 0 (y = 1 or y = p - 1) with the sign bit set.
bool ed25519_key_is_non_canonical(const Bytes& key) {
    std::uint8_t y[32];
    std::memcpy(y, key.data(), 32);
    const bool sign = (y[31] & 0x80) != 0;
    y[31] &= 0x7F;
    const bool all_ones_above = std::all_of(y + 1, y + 31, [](std::uint8_t b) { return b == 0xFF; }) && y[31] == 0x7F;
    const bool at_least_p = all_ones_above && y[0] >= 0xED;
    const bool is_one = y[0] == 1 && std::all_of(y + 1, y + 32, [](std::uint8_t b) { return b == 0; });
    const bool is_p_minus_one = all_ones_above && y[0] == 0xEC;
    return at_least_p || (sign && (is_one || is_p_minus_one));
}

std::size_t bit_length(const Bytes& big_endian) {
    for (std::size_t i = 0; i < big_endian.size(); ++i) {
        if (big_endian[i] != 0) {
            std::size_t bits = (big_endian.size() - i) * 8;
            for (std::uint8_t top = big_endian[i]; (top & 0x80) == 0; top <<= 1) --bits;
            return bits;
        }
    }
    return 0;
}

bool rsa_key_outside_policy(const Case& c) {
    const std::size_t modulus_bits = bit_length(c.key);
    const std::size_t exponent_bits = bit_length(c.exponent);
    const bool odd_modulus = !c.key.empty() && (c.key.back() & 1) != 0;
    const bool odd_exponent = !c.exponent.empty() && (c.exponent.back() & 1) != 0;
    return modulus_bits < crypto::kMinimumRsaBits || modulus_bits > crypto::kMaximumRsaBits || !odd_modulus ||
           !odd_exponent || exponent_bits < 2 || exponent_bits > 32;
}

bool sec1_form_poura_takes(const Bytes& point) {
    return (point.size() == crypto::kP256PointSize && point[0] == 0x04) ||
           (point.size() == 1 + crypto::kP256ScalarSize && (point[0] == 0x02 || point[0] == 0x03));
}

// Why Botan may accept a signature under a key Poura refused, or nullptr.
bool key_refusal_intended(const Case& c, const Error& refusal) {
    switch (c.kind) {
        case ed25519:
            return ed25519_key_is_non_canonical(c.key) || refusal.message.find("small order") != std::string::npos;
        case es256: return !sec1_form_poura_takes(c.key);
        case ps256: return rsa_key_outside_policy(c);
    }
    return false;
}

bool signature_refusal_intended(const Case& c) {
    switch (c.kind) {
        case ed25519: return c.signature.size() == 64 && !less_than_le(c.signature.data() + 32, kEd25519Order);
        case es256: return false;
        case ps256: return c.signature.size() != (bit_length(c.key) + 7) / 8;
    }
    return false;
}

void compare(const Case& c, const Result<std::unique_ptr<crypto::Verifier>>& poura_key, std::optional<bool> botan) {
    const bool poura = poura_key.ok() && (*poura_key)->verify(c.message.data(), c.message.size(), c.signature.data(),
                                                              c.signature.size());
    if (poura && botan != true) disagree("Poura accepts a signature Botan refuses", c);
    if (poura_key.ok() && !botan) disagree("Botan refuses a key Poura takes", c);
    if (!poura_key.ok() && botan && c.kind == es256 && sec1_form_poura_takes(c.key))
        disagree("Poura refuses a SEC1 point Botan takes", c);
    if (!poura_key.ok() && botan && c.kind == ps256 && !rsa_key_outside_policy(c))
        disagree("Poura refuses an RSA key inside its policy that Botan takes", c);
    if (botan == true && !poura) {
        if (!poura_key.ok() ? !key_refusal_intended(c, poura_key.error()) : !signature_refusal_intended(c))
            disagree("Botan accepts a signature Poura refuses, for no documented reason", c);
    }
    if (c.genuine && !poura) disagree("a signature Botan made does not verify in Poura", c);
}

void check(const Case& c) {
    switch (c.kind) {
        case ed25519: {
            if (c.key.size() != crypto::kEd25519KeySize) return;
            const auto botan = reference::ed25519_verify(c.key, c.message, c.signature);
            const auto fast = crypto::ed25519_verifier(c.key.data());
            const auto narrow = crypto::ed25519_verifier_with_32_bit_field(c.key.data());
            compare(c, fast, botan);
            compare(c, narrow, botan);
            if (fast.ok() != narrow.ok()) disagree("Poura's two Ed25519 fields disagree on the key", c);
            break;
        }
        case es256:
            compare(c, crypto::es256_verifier(c.key.data(), c.key.size()),
                    reference::es256_verify(c.key, c.message, c.signature));
            break;
        case ps256:
            compare(c, crypto::ps256_verifier(c.key.data(), c.key.size(), c.exponent.data(), c.exponent.size()),
                    reference::ps256_verify(c.key, c.exponent, c.message, c.signature));
            break;
    }
}

// Reads `size` bytes from the input, or fails when it is shorter.
struct Input {
    const std::uint8_t* data;
    std::size_t size;

    bool take(Bytes& out, std::size_t count) {
        if (size < count) return false;
        out.assign(data, data + count);
        data += count;
        size -= count;
        return true;
    }
    Bytes rest() { return Bytes(data, data + size); }
};

// S + L in place (little-endian, modulo 2^256).
void add_order_to_s(Bytes& signature) {
    unsigned carry = 0;
    for (std::size_t i = 0; i < 32; ++i) {
        const unsigned sum = signature[32 + i] + kEd25519Order[i] + carry;
        signature[32 + i] = static_cast<std::uint8_t>(sum);
        carry = sum >> 8;
    }
}

Bytes compress(const Bytes& uncompressed) {
    Bytes point(uncompressed.begin(), uncompressed.begin() + 1 + crypto::kP256ScalarSize);
    point[0] = (uncompressed.back() & 1) != 0 ? 0x03 : 0x02;
    return point;
}

const reference::ReferenceSignature& reference_rsa_key() {
    static const reference::ReferenceSignature key = reference::ps256_sign({}, {}).value();
    return key;
}

std::optional<Case> raw_case(Kind kind, bool variant, Input in) {
    Case c;
    c.kind = kind;
    bool complete = false;
    switch (kind) {
        case ed25519: complete = in.take(c.key, 32) && in.take(c.signature, 64); break;
        case es256:
            complete = in.take(c.key, variant ? 33 : 65) && in.take(c.signature, 64);
            break;
        case ps256:
            if (variant) {
                c.key = reference_rsa_key().public_key;
                c.exponent = reference_rsa_key().exponent;
                complete = in.take(c.signature, kRsaSize);
            } else {
                complete = in.take(c.key, kRsaSize) && in.take(c.exponent, kRsaExponentSize) &&
                           in.take(c.signature, kRsaSize);
            }
            break;
    }
    if (!complete) return std::nullopt;
    c.message = in.rest();
    return c;
}

std::optional<Case> signed_case(Kind kind, bool compressed, Input in) {
    Bytes secret, change;
    if (!in.take(secret, kSecretSize) || !in.take(change, 3)) return std::nullopt;
    Case c;
    c.kind = kind;
    c.message = in.rest();
    auto made = kind == ed25519 ? reference::ed25519_sign(secret, c.message)
                : kind == es256 ? reference::es256_sign(secret, c.message)
                                : reference::ps256_sign(secret, c.message);
    if (!made) {
        if (made.error().code == Errc::invalid_argument) return std::nullopt;  // a zero ECDSA scalar
        std::fprintf(stderr, "Botan could not sign: %s\n", made.error().message.c_str());
        std::abort();
    }
    c.key = kind == es256 && compressed ? compress(made->public_key) : made->public_key;
    c.exponent = made->exponent;
    c.signature = made->signature;
    // change[0] % 4: 0 nothing; 1 one signature byte; 2 one message byte;
    // 3 one signature byte dropped, or a zero byte put in front, or (Ed25519)
    // L added to S, the malleability RFC 8032 forbids.
    const std::size_t at = change[1];
    switch (change[0] % 4) {
        case 0: c.genuine = true; break;
        case 1: c.signature[at % c.signature.size()] ^= static_cast<std::uint8_t>(change[2] | 1); break;
        case 2:
            if (c.message.empty()) c.message.push_back(change[2]);
            else c.message[at % c.message.size()] ^= static_cast<std::uint8_t>(change[2] | 1);
            break;
        case 3:
            if (kind == ed25519 && (change[2] & 2)) add_order_to_s(c.signature);
            else if (change[2] & 1) c.signature.insert(c.signature.begin(), 0);
            else c.signature.erase(c.signature.begin() + static_cast<std::ptrdiff_t>(at % c.signature.size()));
            break;
    }
    return c;
}

void write_seed(const std::string& path, std::uint8_t control, const Bytes& body) {
    std::ofstream out(path, std::ios::binary);
    out.put(static_cast<char>(control));
    out.write(reinterpret_cast<const char*>(body.data()), static_cast<std::streamsize>(body.size()));
    if (!out) {
        std::fprintf(stderr, "cannot write %s\n", path.c_str());
        std::exit(1);
    }
}

// For each algorithm: a signed-mode input, unchanged, and the same key,
// signature and message as a raw-mode input.
void write_seeds(const std::string& dir) {
    const Bytes secret(kSecretSize, 0x5A);
    const std::string text = "BD1 differential seed";
    const Bytes message(text.begin(), text.end());
    std::size_t written = 0;
    for (std::uint8_t kind = ed25519; kind <= ps256; ++kind) {
        Bytes signed_body = secret;
        signed_body.insert(signed_body.end(), {0, 0, 0});
        signed_body.insert(signed_body.end(), message.begin(), message.end());
        write_seed(dir + "/signed-" + std::to_string(kind), static_cast<std::uint8_t>(kind + 3), signed_body);
        const auto made = kind == ed25519 ? reference::ed25519_sign(secret, message)
                          : kind == es256 ? reference::es256_sign(secret, message)
                                          : reference::ps256_sign(secret, message);
        Bytes raw_body = made.value().public_key;
        Bytes exponent(kRsaExponentSize - std::min(kRsaExponentSize, made->exponent.size()), 0);
        exponent.insert(exponent.end(), made->exponent.begin(), made->exponent.end());
        if (kind == ps256) raw_body.insert(raw_body.end(), exponent.begin(), exponent.end());
        raw_body.insert(raw_body.end(), made->signature.begin(), made->signature.end());
        raw_body.insert(raw_body.end(), message.begin(), message.end());
        write_seed(dir + "/raw-" + std::to_string(kind), kind, raw_body);
        written += 2;
    }
    std::printf("wrote %zu seeds to %s\n", written, dir.c_str());
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    poura::fuzz::write_seeds_if_asked(write_seeds);
    reference_rsa_key();  // made once, before the first input
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::uint8_t control = data[0];
    const Kind kind = static_cast<Kind>(control % 3);
    const bool signed_mode = (control / 3) % 2 == 1;
    const bool variant = (control / 6) % 2 == 1;
    const Input rest{data + 1, size - 1};
    const auto c = signed_mode ? signed_case(kind, variant, rest) : raw_case(kind, variant, rest);
    if (c) check(*c);
    return 0;
}
