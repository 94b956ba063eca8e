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

Result<Claims> parse(const Bytes& payload, std::int64_t document_claim, cbor::Encoding encoding) {
    auto decoded = cbor::decode(payload, {}, encoding);
    POURA_RETURN_IF_ERROR(decoded);
    cbor::Value& root = decoded.value();
    const bool tagged = root.is(cbor::Type::tag) && root.tag() == kCwtTag;
    const cbor::Value* map = tagged ? &root.tagged_value() : &root;
    if (!map->is(cbor::Type::map)) return claim_error("claims are not a map");

    Claims claims;
    if (const auto* v = map->find(kIssuer)) {
        if (!v->is(cbor::Type::text)) return claim_error("iss is not a text string");
        claims.issuer = v->as_text();
    }
    const std::pair<std::int64_t, std::optional<std::int64_t>*> times[] = {
        {kExpires, &claims.expires}, {kNotBefore, &claims.not_before}, {kIssuedAt, &claims.issued_at}};
    for (const auto& [key, target] : times) {
        if (const auto* v = map->find(key))
            if (!read_time(*v, *target)) return claim_error("claim " + std::to_string(key) + " is not a NumericDate");
    }
    if (const auto* v = map->find(kTokenId)) {
        if (!v->is(cbor::Type::bytes)) return claim_error("cti is not a byte string");
        claims.token_id = v->as_bytes();
    }
    // The document is the bulk of the payload: moved out, not copied, unless
    // it sits inside a (shared, immutable) tagged value.
    if (!tagged) {
        if (auto* v = root.find(document_claim)) claims.document = std::move(*v);
    } else if (const auto* v = map->find(document_claim)) {
        claims.document = *v;
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
