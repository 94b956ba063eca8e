#include "codec/cwt.hpp"
#include "core/try.hpp"

#include <cmath>

namespace poura::cwt {
namespace {

Error claim_error(const std::string& why) { return make_error(Errc::malformed_input, "cwt: " + why); }

// NumericDate: an integer, or a float that RFC 8392 also allows.
bool read_time(const cbor::Value& v, std::optional<std::int64_t>& out) {
    if (auto i = v.as_int()) {
        out = *i;
        return true;
    }
    if (v.is(cbor::Type::floating) && std::isfinite(v.as_double()) && std::fabs(v.as_double()) < 1e15) {
        out = static_cast<std::int64_t>(std::floor(v.as_double()));
        return true;
    }
    return false;
}

}  // namespace

Result<Claims> parse(const Bytes& payload, std::int64_t document_claim, cbor::Encoding encoding, DocumentForm form) {
    // The claims map is read entry by entry, so that an encoded document can
    // be stepped over rather than built.
    cbor::Reader reader(payload.data(), payload.size(), {}, encoding);
    cbor::Item head;
    if (!reader.next(head, 0)) return reader.error();
    std::size_t depth = 0;
    if (head.type == cbor::Type::tag && head.n == kCwtTag) {
        depth = 1;
        if (!reader.next(head, depth)) return reader.error();
    }
    if (head.type != cbor::Type::map) {
        // Not claims: whatever else is wrong with the payload is said first.
        auto decoded = cbor::decode(payload, {}, encoding);
        POURA_RETURN_IF_ERROR(decoded);
        return claim_error("claims are not a map");
    }
    cbor::Map map;
    map.reserve(static_cast<std::size_t>(head.n));
    std::optional<Span> document_span;
    for (std::uint64_t i = 0; i < head.n; ++i) {
        auto& [key, value] = map.emplace_back();
        if (!cbor::decode_item(reader, depth + 1, key)) return reader.error();
        if (cbor::repeats_key(map)) {
            reader.fail("duplicate map key");
            return reader.error();
        }
        if (form == DocumentForm::encoded && key.as_int() == document_claim) {
            const std::size_t start = reader.position();
            if (!reader.skip(depth + 1)) return reader.error();
            document_span = Span{start, reader.position() - start};
        } else if (!cbor::decode_item(reader, depth + 1, value)) {
            return reader.error();
        }
    }
    if (!reader.at_end()) return reader.trailing_data();

    cbor::Value claims_map(std::move(map));
    Claims claims;
    if (const auto* v = claims_map.find(kIssuer)) {
        if (!v->is(cbor::Type::text)) return claim_error("iss is not a text string");
        claims.issuer = v->as_text();
    }
    const std::pair<std::int64_t, std::optional<std::int64_t>*> times[] = {
        {kExpires, &claims.expires}, {kNotBefore, &claims.not_before}, {kIssuedAt, &claims.issued_at}};
    for (const auto& [key, target] : times) {
        if (const auto* v = claims_map.find(key))
            if (!read_time(*v, *target)) return claim_error("claim " + std::to_string(key) + " is not a NumericDate");
    }
    if (const auto* v = claims_map.find(kTokenId)) {
        if (!v->is(cbor::Type::bytes)) return claim_error("cti is not a byte string");
        claims.token_id = v->as_bytes();
    }
    if (document_span) {
        claims.document_encoded = document_span;
    } else if (auto* v = claims_map.find(document_claim)) {
        claims.document = std::move(*v);  // the bulk of the payload: moved out, not copied
    }
    return claims;
}

cbor::Value to_cbor(const Claims& claims, std::int64_t document_claim) {
    cbor::Map map;
    if (claims.issuer) map.emplace_back(kIssuer, *claims.issuer);
    if (claims.issued_at) map.emplace_back(kIssuedAt, *claims.issued_at);
    if (claims.not_before) map.emplace_back(kNotBefore, *claims.not_before);
    if (claims.expires) map.emplace_back(kExpires, *claims.expires);
    if (claims.token_id) map.emplace_back(kTokenId, *claims.token_id);
    if (claims.document) map.emplace_back(document_claim, *claims.document);
    return cbor::Value(std::move(map));
}

}  // namespace poura::cwt
