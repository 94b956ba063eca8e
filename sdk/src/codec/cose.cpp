#include "codec/cose.hpp"
#include "codec/cwt.hpp"
#include "core/try.hpp"

#include <string_view>

namespace poura::cose {
namespace {

Error structure_error(const std::string& why) { return make_error(Errc::malformed_input, "cose: " + why); }

cbor::Encoding encoding_of(Form form) {
    return form == Form::canonical ? cbor::Encoding::preferred : cbor::Encoding::any;
}

// Canonical form: nothing unsigned but a kid, which the key lookup needs and
// which not every signer puts in the protected header.
Status check_unprotected_holds_only_kid(const cbor::Value& unprotected) {
    const auto& entries = unprotected.as_map();
    if (entries.empty() || (entries.size() == 1 && entries.front().first.as_int() == kHeaderKeyId)) return {};
    if (entries.size() > 1)
        return structure_error("the unprotected header may hold only a kid, not " + std::to_string(entries.size()) +
                               " entries");
    return structure_error("the unprotected header may hold only a kid (label 4), not another label");
}

}  // namespace

Result<Sign1> parse_sign1(const Bytes& data, Form form, CwtTag cwt_tag) {
    auto decoded = cbor::decode(data, {}, encoding_of(form));
    POURA_RETURN_IF_ERROR(decoded);
    const cbor::Value* item = &decoded.value();
    // RFC 8392 section 6 puts the CWT tag in front of the COSE tag, never in
    // place of it: 61 around an untagged array is refused below.
    if (cwt_tag == CwtTag::allowed && item->is(cbor::Type::tag) && item->tag() == cwt::kCwtTag) {
        item = &item->tagged_value();
        if (!item->is(cbor::Type::tag) || item->tag() != kSign1Tag)
            return structure_error("the CWT tag (61) must wrap a COSE_Sign1 tagged 18");
    }
    if (item->is(cbor::Type::tag)) {
        if (item->tag() != kSign1Tag)
            return structure_error("tag " + std::to_string(item->tag()) + " is not COSE_Sign1 (18)");
        item = &item->tagged_value();
    } else if (form == Form::canonical) {
        return structure_error("COSE_Sign1 must carry tag 18");
    }
    if (!item->is(cbor::Type::array) || item->as_array().size() != 4)
        return structure_error("COSE_Sign1 must be an array of 4 items");
    const auto& parts = item->as_array();
    if (!parts[0].is(cbor::Type::bytes)) return structure_error("protected header must be a byte string");
    if (!parts[1].is(cbor::Type::map)) return structure_error("unprotected header must be a map");
    if (parts[2].is(cbor::Type::null)) return structure_error("detached payloads are not supported");
    if (!parts[2].is(cbor::Type::bytes)) return structure_error("payload must be a byte string");
    if (!parts[3].is(cbor::Type::bytes)) return structure_error("signature must be a byte string");
    if (form == Form::canonical) {
        auto only_kid = check_unprotected_holds_only_kid(parts[1]);
        POURA_RETURN_IF_ERROR(only_kid);
    }
    return Sign1{parts[0].as_bytes(), parts[1], parts[2].as_bytes(), parts[3].as_bytes()};
}

Result<Headers> read_headers(const Sign1& message, Form form) {
    cbor::Value protected_map{cbor::Map{}};
    if (!message.protected_bytes.empty()) {
        auto decoded = cbor::decode(message.protected_bytes, {}, encoding_of(form));
        if (!decoded) return make_error(Errc::malformed_input, "protected header: " + decoded.error().message);
        if (!decoded->is(cbor::Type::map)) return make_error(Errc::malformed_input, "protected header is not a map");
        protected_map = std::move(decoded).value();
    }
    // A kid nobody reads could be added or changed freely.
    if (form == Form::canonical && protected_map.find(kHeaderKeyId) && message.unprotected.find(kHeaderKeyId))
        return make_error(Errc::malformed_input, "kid in both headers: the unprotected one would be unused");
    auto pick = [&](std::int64_t label) -> const cbor::Value* {
        if (const auto* v = protected_map.find(label)) return v;
        return message.unprotected.find(label);
    };

    Headers headers;
    const cbor::Value* alg = pick(kHeaderAlgorithm);
    if (alg == nullptr) return make_error(Errc::malformed_input, "header has no algorithm (alg)");
    if (!alg->as_int()) return make_error(Errc::malformed_input, "header algorithm (alg) is not an integer");
    headers.algorithm = *alg->as_int();
    if (const cbor::Value* kid = pick(kHeaderKeyId)) {
        if (!kid->is(cbor::Type::bytes)) return make_error(Errc::malformed_input, "header key id (kid) is not a byte string");
        headers.key_id = kid->as_bytes();
    }
    return headers;
}

Bytes signature_input(const Bytes& protected_bytes, const Bytes& payload) {
    Bytes out;
    out.reserve(protected_bytes.size() + payload.size() + 24);
    static constexpr std::string_view kContext = "Signature1";
    cbor::encode_head(out, 4, 4);
    cbor::encode_head(out, 3, kContext.size());
    out.insert(out.end(), kContext.begin(), kContext.end());
    cbor::encode_head(out, 2, protected_bytes.size());
    out.insert(out.end(), protected_bytes.begin(), protected_bytes.end());
    cbor::encode_head(out, 2, 0);  // empty external_aad
    cbor::encode_head(out, 2, payload.size());
    out.insert(out.end(), payload.begin(), payload.end());
    return out;
}

Bytes protected_header(std::int64_t algorithm, const Bytes& key_id) {
    return cbor::encode(cbor::Value(cbor::Map{{kHeaderAlgorithm, algorithm}, {kHeaderKeyId, key_id}}));
}

Bytes encode_sign1(const Bytes& protected_bytes, const Bytes& payload, const Bytes& signature) {
    return cbor::encode(cbor::Value::tagged(
        kSign1Tag, cbor::Value(cbor::Array{protected_bytes, cbor::Map{}, payload, signature})));
}

}  // namespace poura::cose
