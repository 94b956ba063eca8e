#include <poura/verify.hpp>

#include "codec/cose.hpp"
#include "codec/cwt.hpp"
#include "core/dates.hpp"
#include "core/json_writer.hpp"
#include "core/text.hpp"
#include "documents/schema.hpp"
#include "pipeline/clock.hpp"
#include "pipeline/envelope.hpp"
#include "pipeline/messages.hpp"
#include "trust/trust_impl.hpp"

namespace poura {

std::string VerifyResult::to_json_text() const {
    std::string out;
    out.reserve(1024);
    JsonWriter w(out);
    const auto time = [&w](std::string_view name, const std::optional<std::int64_t>& t) {
        w.key(name);
        t ? w.value(dates::format_iso_timestamp(*t)) : w.null();
    };
    // Members in name order, as the object to_json() returns keeps them.
    w.begin_object();
    w.key("detail").value(detail);
    w.key("document").value(document);
    w.key("document_type").value(document_type);
    time("expires_at", expires_at);
    time("issued_at", issued_at);
    if (issuer) {
        w.key("issuer").begin_object();
        w.key("algorithm").value(algorithm_name(issuer->algorithm));
        w.key("code").value(issuer->code);
        w.key("kid").value(to_hex(issuer->kid));
        w.key("name_bn").value(issuer->name_bn);
        w.key("name_en").value(issuer->name_en);
        w.end_object();
    } else {
        w.key("issuer").null();
    }
    w.key("issuer_claim").value(issuer_claim);
    w.key("message_bn").value(message_bn);
    w.key("message_en").value(message_en);
    time("not_before", not_before);
    w.key("reason").value(reason_code(reason));
    w.key("serial").value(serial);
    w.key("stage").value(stage_name(stage));
    w.key("trust").begin_object();
    w.key("freshness").value(freshness_name(trust.freshness));
    w.key("has_bundle").value(trust.has_bundle);
    time("issued_at", trust.has_bundle ? std::optional(trust.issued_at) : std::nullopt);
    time("next_update", trust.has_bundle ? std::optional(trust.next_update) : std::nullopt);
    w.key("sequence").value(std::uint64_t{trust.sequence});
    w.end_object();
    w.key("verdict").value(verdict_name(verdict));
    w.end_object();
    return out;
}

nlohmann::json VerifyResult::to_json() const { return nlohmann::json::parse(to_json_text()); }

namespace {

// Any CBOR item as JSON, for documents without a Poura profile (HC1):
// integer keys become strings, byte strings become hex.
nlohmann::json generic_json(const cbor::Value& v, int depth = 0) {
    if (depth > 16) return nullptr;
    switch (v.type()) {
        case cbor::Type::integer:
            if (auto i = v.as_int()) return *i;
            return v.raw_negative() ? nlohmann::json(-1.0 - static_cast<double>(v.raw_magnitude()))
                                    : nlohmann::json(v.raw_magnitude());
        case cbor::Type::bytes: return to_hex(v.as_bytes());
        case cbor::Type::text: return v.as_text();
        case cbor::Type::array: {
            nlohmann::json out = nlohmann::json::array();
            for (const auto& item : v.as_array()) out.push_back(generic_json(item, depth + 1));
            return out;
        }
        case cbor::Type::map: {
            nlohmann::json out = nlohmann::json::object();
            for (const auto& [key, value] : v.as_map()) {
                std::string name = key.is(cbor::Type::text) ? key.as_text()
                                   : key.as_int()           ? std::to_string(*key.as_int())
                                                            : generic_json(key, depth + 1).dump();
                out[name] = generic_json(value, depth + 1);
            }
            return out;
        }
        case cbor::Type::tag: return generic_json(v.tagged_value(), depth + 1);
        case cbor::Type::boolean: return v.as_bool();
        case cbor::Type::floating: return v.as_double();
        case cbor::Type::null:
        case cbor::Type::undefined: return nullptr;
    }
    return nullptr;
}

// Serials are text in Poura certificates; other issuers' may be any bytes.
std::string serial_text(const Bytes& cti) {
    std::string s(cti.begin(), cti.end());
    return text::is_valid_utf8(s) && text::is_printable(s) ? s : to_hex(cti);
}

class Verification {
public:
    Verification(const Trust& trust, const VerifyOptions& options) : trust_(trust.impl()), options_(options) {
        const std::int64_t now = options.now.value_or(clock::now());
        now_ = now;
        result_.trust.has_bundle = trust_.has_bundle;
        if (trust_.has_bundle) {
            result_.trust.freshness = trust.freshness(now, options.grace_period);
            result_.trust.sequence = trust_.bundle.sequence;
            result_.trust.issued_at = trust_.bundle.issued_at;
            result_.trust.next_update = trust_.bundle.next_update;
        }
    }

    VerifyResult run(std::string_view text) {
        auto unwrapped = envelope::unwrap(text, options_.scheme, options_.max_inflated_size);
        if (unwrapped.failed_stage != Stage::done)
            return fail(unwrapped.failed_stage, unwrapped.reason, std::move(unwrapped.detail));
        const Bytes& message = unwrapped.cose;

        auto sign1 = cose::parse_sign1(message);
        if (!sign1) return fail(Stage::cose, Reason::bad_cose, sign1.error().message);

        auto headers = cose::read_headers(*sign1);
        if (!headers) return fail(Stage::header, Reason::bad_header, headers.error().message);
        auto algorithm = algorithm_from_cose_id(headers->algorithm);
        if (!algorithm)
            return fail(Stage::header, Reason::bad_header,
                        "algorithm " + std::to_string(headers->algorithm) + " is not supported");
        if (headers->key_id.empty()) return fail(Stage::header, Reason::bad_header, "no key id (kid) in the header");

        std::vector<std::size_t> candidates;
        for (std::size_t index : trust_.lookup(headers->key_id))
            if (trust_.bundle.issuers[index].key.algorithm == *algorithm) candidates.push_back(index);
        if (candidates.empty())
            return fail(Stage::key_lookup, Reason::unknown_key, "no trusted key with kid " + to_hex(headers->key_id));

        const Bytes signed_input = cose::signature_input(sign1->protected_bytes, sign1->payload);
        const IssuerEntry* entry = nullptr;
        for (std::size_t index : candidates) {
            if (trust_.verifiers[index]->verify(signed_input.data(), signed_input.size(), sign1->signature.data(),
                                                sign1->signature.size())) {
                entry = &trust_.bundle.issuers[index];
                break;
            }
        }
        if (entry == nullptr) return fail(Stage::signature, Reason::bad_signature, "signature verification failed");
        result_.issuer = IssuerInfo{entry->issuer_code, entry->name_bn, entry->name_en, headers->key_id, *algorithm};

        // From here on the payload is authentic: what is wrong with it, the issuer signed.
        auto claims = cwt::parse(sign1->payload, options_.scheme.document_claim);
        if (!claims) return fail(Stage::document, Reason::bad_document, claims.error().message);
        result_.issuer_claim = claims->issuer.value_or("");
        if (claims->token_id) result_.serial = serial_text(*claims->token_id);
        result_.issued_at = claims->issued_at;
        result_.not_before = claims->not_before;
        result_.expires_at = claims->expires;
        const ProfileSet& profiles = options_.profiles ? *options_.profiles : ProfileSet::builtin();
        if (options_.scheme.check_document && claims->document) {
            if (const cbor::Value* code = claims->document->find(0); code && code->as_int())
                if (const auto* def = profiles.impl().find(*code->as_int())) result_.document_type = def->profile.type;
        }
        // Read now, so that a certificate refused for its time, its issuer or a
        // revocation still shows whose it is; a document that does not read is
        // refused at its own stage, after those.
        const Status document_read = read_document(*claims, profiles);

        // Any int64 may stand in a claim or the options: later_than never overflows.
        const std::int64_t skew = options_.clock_skew;
        if (claims->expires && dates::later_than(now_, *claims->expires, skew))
            return fail(Stage::time, Reason::expired, "expired at " + dates::format_iso_timestamp(*claims->expires));
        if (claims->not_before && dates::later_than(*claims->not_before, now_, skew))
            return fail(Stage::time, Reason::not_yet_valid,
                        "valid from " + dates::format_iso_timestamp(*claims->not_before));
        if (claims->issued_at && dates::later_than(*claims->issued_at, now_, skew))
            return fail(Stage::time, Reason::not_yet_valid,
                        "issued in the future, at " + dates::format_iso_timestamp(*claims->issued_at));

        if (entry->status != IssuerStatus::active)
            return fail(Stage::issuer, Reason::key_revoked,
                        "the key is " + std::string(issuer_status_name(entry->status)) + " in the trust bundle");
        if (!entry->issuer_code.empty() && result_.issuer_claim != entry->issuer_code)
            return fail(Stage::issuer, Reason::issuer_not_allowed,
                        "the key belongs to " + entry->issuer_code + ", the certificate names " + result_.issuer_claim);
        if (claims->issued_at && (*claims->issued_at < entry->valid_from ||
                                  (entry->valid_until != 0 && *claims->issued_at > entry->valid_until)))
            return fail(Stage::issuer, Reason::key_outside_validity,
                        "issued at " + dates::format_iso_timestamp(*claims->issued_at) +
                            ", outside the signing key's validity");
        if (options_.scheme.check_document && !result_.document_type.empty() && !entry->may_sign(result_.document_type))
            return fail(Stage::issuer, Reason::issuer_not_allowed,
                        entry->issuer_code + " may not issue " + result_.document_type + " certificates");

        if (!trust_.revoked.empty() && claims->token_id) {
            const std::string serial(claims->token_id->begin(), claims->token_id->end());
            if (trust_.is_revoked(revocation_hash(result_.issuer_claim, serial)))
                return fail(Stage::revocation, Reason::revoked, "serial " + result_.serial + " is revoked");
        }

        if (!document_read) return fail(Stage::document, Reason::bad_document, document_read.error().message);

        if (result_.trust.freshness == Freshness::expired)
            return fail(Stage::trust, Reason::trust_expired,
                        "trust bundle needed an update by " + dates::format_iso_timestamp(trust_.bundle.next_update));

        result_.verdict = Verdict::valid;
        result_.stage = Stage::done;
        return finish(Reason::ok, "");
    }

private:
    Status read_document(const cwt::Claims& claims, const ProfileSet& profiles) {
        if (!claims.document) return make_error(Errc::malformed_input, "no document claim");
        if (options_.scheme.check_document) {
            auto document = documents::decode_document(profiles, *claims.document);
            if (!document) return std::move(document).error();
            result_.document = std::move(document).value();
            result_.document_type = result_.document.at("type").get<std::string>();
        } else {
            // A null, a number or a string where the certificate should be is no certificate.
            if (!claims.document->is(cbor::Type::map))
                return make_error(Errc::malformed_input, "the document claim is not a map");
            result_.document = generic_json(*claims.document);
        }
        return {};
    }

    VerifyResult fail(Stage stage, Reason reason, std::string detail) {
        result_.verdict = Verdict::invalid;
        result_.stage = stage;
        return finish(reason, std::move(detail));
    }

    VerifyResult finish(Reason reason, std::string detail) {
        result_.reason = reason;
        const auto text = messages::for_reason(reason);
        result_.message_en = text.en;
        result_.message_bn = text.bn;
        result_.detail = std::move(detail);
        return std::move(result_);
    }

    const Trust::Impl& trust_;
    const VerifyOptions& options_;
    std::int64_t now_ = 0;
    VerifyResult result_;
};

}  // namespace

VerifyResult verify(std::string_view qr_text, const Trust& trust, const VerifyOptions& options) {
    try {
        return Verification(trust, options).run(qr_text);
    } catch (const std::exception& e) {
        VerifyResult result;
        result.stage = Stage::cose;
        result.reason = Reason::bad_cose;
        const auto text = messages::for_reason(result.reason);
        result.message_en = text.en;
        result.message_bn = text.bn;
        result.detail = std::string("internal error: ") + e.what();
        return result;
    }
}

}  // namespace poura
