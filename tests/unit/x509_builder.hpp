// Hand-built DER X.509 certificates for tests that need extensions or damage
// no certificate library writes. The certificate's own signature is a
// placeholder: Poura pins trusted certificates and never checks it.
#pragma once

#include <poura/result.hpp>

#include <cstdint>
#include <initializer_list>
#include <vector>

namespace poura::test::x509 {

inline Bytes der(std::uint8_t tag, const Bytes& contents) {
    Bytes out{tag};
    if (contents.size() < 0x80) {
        out.push_back(static_cast<std::uint8_t>(contents.size()));
    } else {
        Bytes length;
        for (std::size_t n = contents.size(); n != 0; n >>= 8) length.insert(length.begin(), static_cast<std::uint8_t>(n));
        out.push_back(static_cast<std::uint8_t>(0x80 | length.size()));
        out.insert(out.end(), length.begin(), length.end());
    }
    out.insert(out.end(), contents.begin(), contents.end());
    return out;
}

inline Bytes concat(std::initializer_list<Bytes> parts) {
    Bytes out;
    for (const Bytes& part : parts) out.insert(out.end(), part.begin(), part.end());
    return out;
}

inline Bytes sequence(std::initializer_list<Bytes> parts) { return der(0x30, concat(parts)); }
inline Bytes oid(const Bytes& contents) { return der(0x06, contents); }
inline Bytes octet_string(const Bytes& contents) { return der(0x04, contents); }

// Extension ::= SEQUENCE {extnID, critical BOOLEAN DEFAULT FALSE, extnValue}.
// `critical` is the encoded BOOLEAN, or nothing to leave it out.
inline Bytes extension(const Bytes& id, const Bytes& value, const Bytes& critical = {}) {
    return sequence({oid(id), critical, octet_string(value)});
}

// extendedKeyUsage (2.5.29.37) naming these key purposes (OID contents).
inline Bytes extended_key_usage(std::initializer_list<Bytes> purposes) {
    Bytes list;
    for (const Bytes& purpose : purposes) {
        const Bytes encoded = oid(purpose);
        list.insert(list.end(), encoded.begin(), encoded.end());
    }
    return extension({0x55, 0x1D, 0x25}, der(0x30, list));
}

// An X.509 v3 certificate for a 32-byte Ed25519 key, valid 2024-01-01 to
// 2034-01-01. `after_key` follows the SubjectPublicKeyInfo as it is: an
// extensions block ([3]) made with extensions(), or damage.
inline Bytes ed25519_certificate(const Bytes& key, const Bytes& after_key = {}) {
    const Bytes ed25519 = sequence({oid({0x2B, 0x65, 0x70})});
    const Bytes name = sequence({});
    const Bytes validity = sequence({der(0x17, Bytes{'2', '4', '0', '1', '0', '1', '0', '0', '0', '0', '0', '0', 'Z'}),
                                     der(0x17, Bytes{'3', '4', '0', '1', '0', '1', '0', '0', '0', '0', '0', '0', 'Z'})});
    const Bytes key_bits = der(0x03, concat({Bytes{0x00}, key}));
    const Bytes tbs = sequence({der(0xA0, der(0x02, Bytes{0x02})), der(0x02, Bytes{0x01}), ed25519, name, validity,
                                name, sequence({ed25519, key_bits}), after_key});
    return sequence({tbs, ed25519, der(0x03, Bytes(65, 0x00))});
}

// The [3] EXPLICIT block holding these extensions.
inline Bytes extensions(std::initializer_list<Bytes> list) { return der(0xA3, der(0x30, concat(list))); }

}  // namespace poura::test::x509
