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
    // The parts are read in place, each copied once into the message. What is
    // not CBOR is said first, as such: a structure error defers to it.
    cbor::Reader reader(data.data(), data.size(), {}, encoding_of(form));
    const auto refuse = [&](const std::string& why) -> Error {
        if (auto well_formed = cbor::check(data.data(), data.size(), {}, encoding_of(form)); !well_formed)
            return well_formed.error();
        return structure_error(why);
    };
    std::size_t depth = 0;
    cbor::Item item;
    if (!reader.next(item, depth)) return reader.error();
    // RFC 8392 section 6 puts the CWT tag in front of the COSE tag, never in
    // place of it: 61 around an untagged array is refused below.
    if (cwt_tag == CwtTag::allowed && item.type == cbor::Type::tag && item.n == cwt::kCwtTag) {
        if (!reader.next(item, ++depth)) return reader.error();
        if (item.type != cbor::Type::tag || item.n != kSign1Tag)
            return refuse("the CWT tag (61) must wrap a COSE_Sign1 tagged 18");
    }
    if (item.type == cbor::Type::tag) {
        if (item.n != kSign1Tag) return refuse("tag " + std::to_string(item.n) + " is not COSE_Sign1 (18)");
        if (!reader.next(item, ++depth)) return reader.error();
    } else if (form == Form::canonical) {
        return refuse("COSE_Sign1 must carry tag 18");
    }
    if (item.type != cbor::Type::array || item.n != 4) return refuse("COSE_Sign1 must be an array of 4 items");
    ++depth;

    Sign1 message;
    cbor::Item part;
    if (!reader.next(part, depth)) return reader.error();
    if (part.type != cbor::Type::bytes) return refuse("protected header must be a byte string");
    message.protected_bytes.assign(part.data, part.data + part.n);
    {
        cbor::Reader at_unprotected = reader;
        if (!at_unprotected.next(part, depth)) return at_unprotected.error();
        if (part.type != cbor::Type::map) return refuse("unprotected header must be a map");
        if (!cbor::decode_item(reader, depth, message.unprotected)) return reader.error();
    }
    if (!reader.next(part, depth)) return reader.error();
    if (part.type == cbor::Type::null) return refuse("detached payloads are not supported");
    if (part.type != cbor::Type::bytes) return refuse("payload must be a byte string");
    message.payload.assign(part.data, part.data + part.n);
    if (!reader.next(part, depth)) return reader.error();
    if (part.type != cbor::Type::bytes) return refuse("signature must be a byte string");
    message.signature.assign(part.data, part.data + part.n);
    // Everything read was checked as it was read; nothing may follow it.
    if (!reader.at_end()) return cbor::check(data.data(), data.size(), {}, encoding_of(form)).error();
    if (form == Form::canonical) {
        auto only_kid = check_unprotected_holds_only_kid(message.unprotected);
        POURA_RETURN_IF_ERROR(only_kid);
    }
    return message;
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
