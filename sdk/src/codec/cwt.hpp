// CWT claims (RFC 8392) as Poura and EU-DCC certificates carry them.
#pragma once

#include "codec/cbor.hpp"

#include <poura/result.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace poura::cwt {

constexpr std::int64_t kIssuer = 1;
constexpr std::int64_t kExpires = 4;
constexpr std::int64_t kNotBefore = 5;
constexpr std::int64_t kIssuedAt = 6;
constexpr std::int64_t kTokenId = 7;
constexpr std::uint64_t kCwtTag = 61;

// Where an item lies in the bytes it was read from.
struct Span {
    std::size_t offset = 0, size = 0;
};

struct Claims {
    std::optional<std::string> issuer;
    std::optional<std::int64_t> expires, not_before, issued_at;
    std::optional<Bytes> token_id;  // cti: the certificate's serial
    std::optional<cbor::Value> document;
    // With DocumentForm::encoded, the document claim instead, left in the
    // payload: checked as CBOR, but not built, for a reader of its own.
    std::optional<Span> document_encoded;
};

enum class DocumentForm { decoded, encoded };

// Reads the standard claims and the document claim; a claim of the wrong type
// is an error, unknown claims are ignored. The whole payload is checked as
// cbor::decode() checks it, whatever form the document is returned in.
Result<Claims> parse(const Bytes& payload, std::int64_t document_claim,
                     cbor::Encoding encoding = cbor::Encoding::any, DocumentForm form = DocumentForm::decoded);

cbor::Value to_cbor(const Claims& claims, std::int64_t document_claim);

}  // namespace poura::cwt
