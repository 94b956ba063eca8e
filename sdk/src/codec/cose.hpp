// COSE_Sign1 (RFC 9052), the single-signer envelope.
#pragma once

#include "codec/cbor.hpp"

#include <poura/result.hpp>

#include <cstdint>
#include <optional>

namespace poura::cose {

constexpr std::uint64_t kSign1Tag = 18;
constexpr std::int64_t kHeaderAlgorithm = 1;
constexpr std::int64_t kHeaderKeyId = 4;

struct Sign1 {
    Bytes protected_bytes;  // the serialized protected header, as signed
    cbor::Value unprotected;
    Bytes payload;
    Bytes signature;
};

// How much the unsigned parts may vary. `canonical` (BD1, format.md 5.5)
// allows one encoding of a given signed content: tag 18, preferred CBOR
// serialization, and an unprotected header that is empty or holds only a kid
// the protected header lacks. `lenient` reads what other issuers write.
enum class Form { lenient, canonical };

// Whether the CWT tag 61 may wrap the COSE_Sign1 tag: 61(18([...])), as
// RFC 8392 section 6 lets a CWT say what it is.
enum class CwtTag { refused, allowed };

// The structure only: a 4-element array, tagged 18 (or, lenient, untagged),
// of bstr / map / bstr / bstr. Headers are read by read_headers().
Result<Sign1> parse_sign1(const Bytes& data, Form form = Form::lenient, CwtTag cwt_tag = CwtTag::refused);

struct Headers {
    std::int64_t algorithm = 0;
    Bytes key_id;
};

// alg and kid, protected values winning over unprotected ones. alg is required;
// kid may be empty.
Result<Headers> read_headers(const Sign1& message, Form form = Form::lenient);

// The Sig_structure ["Signature1", protected, h'', payload] the signature covers.
Bytes signature_input(const Bytes& protected_bytes, const Bytes& payload);

Bytes protected_header(std::int64_t algorithm, const Bytes& key_id);
// Tagged COSE_Sign1 with an empty unprotected header.
Bytes encode_sign1(const Bytes& protected_bytes, const Bytes& payload, const Bytes& signature);

}  // namespace poura::cose
