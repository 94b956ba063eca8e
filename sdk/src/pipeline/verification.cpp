// The verification pipeline as a table of stages, each a small function that
// either passes or refuses; the first refusal is the result.
#include "pipeline/verification.hpp"

#include "codec/cbor_json.hpp"
#include "codec/cose.hpp"
#include "codec/cwt.hpp"
#include "core/dates.hpp"
#include "core/impl_access.hpp"
#include "core/text.hpp"
#include "core/try.hpp"
#include "crypto/crypto.hpp"
#include "documents/dcc.hpp"
#include "documents/schema.hpp"
#include "pipeline/clock.hpp"
#include "pipeline/envelope.hpp"
#include "pipeline/messages.hpp"
#include "trust/trust_impl.hpp"

#include <algorithm>
#include <optional>
#include <vector>

namespace poura::pipeline {
namespace {

// Why a stage refused the certificate.
struct Refusal {
    Reason reason;
    std::string detail;
};
using Outcome = std::optional<Refusal>;
constexpr std::nullopt_t kPass = std::nullopt;

// Serials are text in Poura certificates; other issuers' may be any bytes.
std::string serial_text(const Bytes& cti) {
    std::string s(cti.begin(), cti.end());
    const text::Facts facts = text::inspect(s);
    if (facts.printable && facts.hidden_control == 0) return s;
    return to_hex(cti);
}

class Verification {
public:
    Verification(std::string_view text, const Trust& trust, const VerifyOptions& options)
        : text_(text), trust_(detail::ImplAccess::of(trust)), options_(options),
          now_(options.now.value_or(clock::now())),
          form_(options.scheme.canonical_encoding ? cose::Form::canonical : cose::Form::lenient) {
        result_.trust.has_bundle = trust_.has_bundle;
        if (trust_.has_bundle) {
            result_.trust.freshness = trust.freshness(now_, options.grace_period, options.clock_skew);
            result_.trust.sequence = trust_.bundle.sequence;
            result_.trust.issued_at = trust_.bundle.issued_at;
            result_.trust.next_update = trust_.bundle.next_update;
        }
    }

    VerifyResult run() {
        struct Step {
            Stage stage;
            Outcome (Verification::*check)();
        };
        // The order is the contract: garbage is refused as malformed where it
        // fails, and only an authentic payload is judged on its time, issuer,
        // revocation and document.
        static constexpr Step kSteps[] = {
            {Stage::prefix, &Verification::unwrap},  // and base45, inflate: unwrap names its own stage
            {Stage::cose, &Verification::parse_cose},
            {Stage::header, &Verification::read_header},
            {Stage::key_lookup, &Verification::look_up_keys},
            {Stage::signature, &Verification::check_signature},
            {Stage::document, &Verification::read_claims},
            {Stage::time, &Verification::check_time},
            {Stage::issuer, &Verification::check_issuer},
            {Stage::revocation, &Verification::check_revocation},
            {Stage::document, &Verification::check_document},
            {Stage::trust, &Verification::check_trust},
        };
        try {
            for (const Step& step : kSteps) {
                result_.stage = step.stage;
                if (Outcome refusal = (this->*step.check)()) return finish(Verdict::invalid, std::move(*refusal));
            }
        } catch (const std::exception& e) {
            return finish(Verdict::invalid, {Reason::internal_error, std::string("internal error: ") + e.what()});
        }
        result_.stage = Stage::done;
        return finish(Verdict::valid, {Reason::ok, ""});
    }

private:
    Outcome unwrap() {
        auto unwrapped = envelope::unwrap(text_, options_.scheme, options_.max_inflated_size);
        if (unwrapped.failed_stage != Stage::done) {
            result_.stage = unwrapped.failed_stage;
            return Refusal{unwrapped.reason, std::move(unwrapped.detail)};
        }
        message_ = std::move(unwrapped.cose);
        return kPass;
    }

    Outcome parse_cose() {
        auto sign1 = cose::parse_sign1(message_, form_,
                                       options_.scheme.allow_cwt_tag ? cose::CwtTag::allowed : cose::CwtTag::refused);
        if (!sign1) return Refusal{Reason::bad_cose, sign1.error().message};
        sign1_ = std::move(sign1).value();
        return kPass;
    }

    Outcome read_header() {
        auto headers = cose::read_headers(sign1_, form_);
        if (!headers) return Refusal{Reason::bad_header, headers.error().message};
        auto algorithm = algorithm_from_cose_id(headers->algorithm);
        if (!algorithm)
            return Refusal{Reason::bad_header, "algorithm " + std::to_string(headers->algorithm) + " is not supported"};
        if (headers->key_id.empty()) return Refusal{Reason::bad_header, "no key id (kid) in the header"};
        key_id_ = std::move(headers->key_id);
        algorithm_ = *algorithm;
        return kPass;
    }

    Outcome look_up_keys() {
        candidates_ = trust_.lookup(key_id_);
        candidates_.erase(std::remove_if(candidates_.begin(), candidates_.end(),
                                         [&](std::size_t index) {
                                             return trust_.bundle.issuers[index].key.algorithm != algorithm_;
                                         }),
                          candidates_.end());
        if (candidates_.empty()) return Refusal{Reason::unknown_key, "no trusted key with kid " + to_hex(key_id_)};
        return kPass;
    }

    Outcome check_signature() {
        const Bytes signed_input = cose::signature_input(sign1_.protected_bytes, sign1_.payload);
        for (std::size_t index : candidates_) {
            if (trust_.verifiers[index]->verify(signed_input.data(), signed_input.size(), sign1_.signature.data(),
                                                sign1_.signature.size())) {
                entry_ = &trust_.bundle.issuers[index];
                result_.issuer = IssuerInfo{entry_->issuer_code, entry_->name_bn, entry_->name_en, key_id_, algorithm_};
                // What the issuer signed, whatever text carried it (format.md 8.1).
                result_.identity = CertificateIdentity{{}, {}, crypto::sha256(signed_input.data(), signed_input.size())};
                return kPass;
            }
        }
        return Refusal{Reason::bad_signature, "signature verification failed"};
    }

    // From here on the payload is authentic: what is wrong with it, the issuer signed.
    Outcome read_claims() {
        // A document checked against its profile is read from its encoding
        // (documents::decode_document), not built as a CBOR tree first.
        auto claims = cwt::parse(sign1_.payload, options_.scheme.document_claim, encoding(),
                                 options_.scheme.check_document ? cwt::DocumentForm::encoded
                                                                : cwt::DocumentForm::decoded);
        if (!claims) return Refusal{Reason::bad_document, claims.error().message};
        claims_ = std::move(claims).value();
        result_.issuer_claim = claims_.issuer.value_or("");
        if (claims_.token_id) result_.serial = serial_text(*claims_.token_id);
        result_.identity->issuer = result_.issuer_claim;
        result_.identity->cti = claims_.token_id.value_or(Bytes{});
        result_.issued_at = claims_.issued_at;
        result_.not_before = claims_.not_before;
        result_.expires_at = claims_.expires;
        // Read now, so that a certificate refused for its time, its issuer or a
        // revocation still shows whose it is; a document that does not read is
        // refused at its own stage, after those.
        document_read_ = read_document();
        return kPass;
    }

    Outcome check_time() {
        // Any int64 may stand in a claim or the options: later_than never overflows.
        const std::int64_t skew = options_.clock_skew;
        if (claims_.expires && dates::later_than(now_, *claims_.expires, skew))
            return Refusal{Reason::expired, "expired at " + dates::format_iso_timestamp(*claims_.expires)};
        if (claims_.not_before && dates::later_than(*claims_.not_before, now_, skew))
            return Refusal{Reason::not_yet_valid, "valid from " + dates::format_iso_timestamp(*claims_.not_before)};
        if (claims_.issued_at && dates::later_than(*claims_.issued_at, now_, skew))
            return Refusal{Reason::not_yet_valid,
                           "issued in the future, at " + dates::format_iso_timestamp(*claims_.issued_at)};
        return kPass;
    }

    Outcome check_issuer() {
        const IssuerEntry& entry = *entry_;
        if (entry.status != IssuerStatus::active)
            return Refusal{Reason::key_revoked,
                           "the key is " + std::string(issuer_status_name(entry.status)) + " in the trust bundle"};
        if (!entry.issuer_code.empty() && result_.issuer_claim != entry.issuer_code)
            return Refusal{Reason::issuer_not_allowed,
                           "the key belongs to " + entry.issuer_code + ", the certificate names " + result_.issuer_claim};
        if (claims_.issued_at && (*claims_.issued_at < entry.valid_from ||
                                  (entry.valid_until != 0 && *claims_.issued_at > entry.valid_until)))
            return Refusal{Reason::key_outside_validity, "issued at " + dates::format_iso_timestamp(*claims_.issued_at) +
                                                             ", outside the signing key's validity"};
        if (options_.scheme.check_document && !result_.document_type.empty() && !entry.may_sign(result_.document_type))
            return Refusal{Reason::issuer_not_allowed,
                           entry.issuer_code + " may not issue " + result_.document_type + " certificates"};
        return check_dcc_signer(entry);
    }

    // A DCC that is no DCC is refused at the document stage; only a DCC has a
    // type that a signer certificate may or may not sign.
    Outcome check_dcc_signer(const IssuerEntry& entry) {
        if (!options_.scheme.check_dcc || !document_read_ || entry.key.certificate.empty()) return kPass;
        auto key_purposes = crypto::certificate_key_purposes(entry.key.certificate);
        if (!key_purposes) return Refusal{Reason::issuer_not_allowed, key_purposes.error().message};
        if (!claims_.document) {  // left encoded for a profile check: built now (it read, so it decodes)
            const cwt::Span span = claims_.document_encoded.value();
            claims_.document = cbor::decode(sign1_.payload.data() + span.offset, span.size).value();
        }
        if (auto refusal = documents::dcc::signer_refusal(*claims_.document, *key_purposes))
            return Refusal{Reason::issuer_not_allowed, std::move(*refusal)};
        return kPass;
    }

    Outcome check_revocation() {
        if (trust_.revoked.empty() || !claims_.token_id) return kPass;
        const std::string serial(claims_.token_id->begin(), claims_.token_id->end());
        if (trust_.is_revoked(revocation_hash(result_.issuer_claim, serial)))
            return Refusal{Reason::revoked, "serial " + result_.serial + " is revoked"};
        return kPass;
    }

    Outcome check_document() {
        if (!document_read_) return Refusal{Reason::bad_document, document_read_.error().message};
        return kPass;
    }

    Outcome check_trust() {
        if (result_.trust.freshness == Freshness::expired)
            return Refusal{Reason::trust_expired,
                           "trust bundle needed an update by " + dates::format_iso_timestamp(trust_.bundle.next_update)};
        return kPass;
    }

    // Sets the document type as soon as it is known, so that a certificate
    // refused for its document, its time or its issuer still shows its type.
    Status read_document() {
        if (claims_.document_encoded) {
            const cwt::Span span = *claims_.document_encoded;
            auto document = documents::decode_document(options_.profiles, sign1_.payload.data() + span.offset,
                                                       span.size, encoding(), &result_.document_type);
            POURA_RETURN_IF_ERROR(document);
            result_.document = std::move(document).value();
            return {};
        }
        if (!claims_.document) return make_error(Errc::malformed_input, "no document claim");
        // A null, a number or a string where the certificate should be is no certificate.
        if (!claims_.document->is(cbor::Type::map))
            return make_error(Errc::malformed_input, "the document claim is not a map");
        if (options_.scheme.check_dcc) {
            auto checked = documents::dcc::check_claim(*claims_.document);
            POURA_RETURN_IF_ERROR(checked);
        }
        result_.document = cbor::to_generic_json(*claims_.document);
        return {};
    }

    cbor::Encoding encoding() const {
        return form_ == cose::Form::canonical ? cbor::Encoding::preferred : cbor::Encoding::any;
    }

    VerifyResult finish(Verdict verdict, Refusal outcome) {
        result_.verdict = verdict;
        result_.reason = outcome.reason;
        const auto text = messages::for_reason(outcome.reason);
        result_.message_en = text.en;
        result_.message_bn = text.bn;
        result_.detail = std::move(outcome.detail);
        return std::move(result_);
    }

    const std::string_view text_;
    const Trust::Impl& trust_;
    const VerifyOptions& options_;
    const std::int64_t now_;
    const cose::Form form_;
    VerifyResult result_;

    // What each stage found, for the stages after it.
    Bytes message_;
    cose::Sign1 sign1_;
    Bytes key_id_;
    Algorithm algorithm_ = Algorithm::EdDSA;
    std::vector<std::size_t> candidates_;
    const IssuerEntry* entry_ = nullptr;
    cwt::Claims claims_;
    Status document_read_;
};

// For a fault before the stages could start, or while reporting one.
VerifyResult internal_error(Stage stage, const char* what) noexcept {
    VerifyResult result;
    result.stage = stage;
    result.reason = Reason::internal_error;
    try {
        const auto text = messages::for_reason(result.reason);
        result.message_en = text.en;
        result.message_bn = text.bn;
        result.detail = std::string("internal error: ") + what;
    } catch (...) {
        // Out of memory even for the message: the reason alone still tells the caller.
    }
    return result;
}

}  // namespace

VerifyResult run_verification(std::string_view qr_text, const Trust& trust, const VerifyOptions& options) noexcept {
    try {
        return Verification(qr_text, trust, options).run();
    } catch (const std::exception& e) {
        return internal_error(Stage::prefix, e.what());
    } catch (...) {
        return internal_error(Stage::prefix, "unknown exception");
    }
}

}  // namespace poura::pipeline
