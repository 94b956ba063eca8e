#include <poura/verify.hpp>

#include "pipeline/verification.hpp"

namespace poura {

Scheme Scheme::bd1() { return Scheme{}; }

Scheme Scheme::hc1() {
    Scheme s;
    s.prefix = "HC1:";
    s.document_claim = -260;
    s.check_document = false;
    return s;
}

std::string_view verdict_name(Verdict v) noexcept { return v == Verdict::valid ? "valid" : "invalid"; }

std::string_view stage_name(Stage s) noexcept {
    switch (s) {
        case Stage::prefix: return "prefix";
        case Stage::base45: return "base45";
        case Stage::inflate: return "inflate";
        case Stage::cose: return "cose";
        case Stage::header: return "header";
        case Stage::key_lookup: return "key_lookup";
        case Stage::signature: return "signature";
        case Stage::time: return "time";
        case Stage::issuer: return "issuer";
        case Stage::revocation: return "revocation";
        case Stage::document: return "document";
        case Stage::trust: return "trust";
        case Stage::done: return "done";
    }
    return "unknown";
}

std::string_view reason_code(Reason r) noexcept {
    switch (r) {
        case Reason::ok: return "ok";
        case Reason::bad_prefix: return "bad_prefix";
        case Reason::bad_base45: return "bad_base45";
        case Reason::bad_compression: return "bad_compression";
        case Reason::bad_cose: return "bad_cose";
        case Reason::bad_header: return "bad_header";
        case Reason::unknown_key: return "unknown_key";
        case Reason::bad_signature: return "bad_signature";
        case Reason::not_yet_valid: return "not_yet_valid";
        case Reason::expired: return "expired";
        case Reason::issuer_not_allowed: return "issuer_not_allowed";
        case Reason::key_outside_validity: return "key_outside_validity";
        case Reason::key_revoked: return "key_revoked";
        case Reason::revoked: return "revoked";
        case Reason::bad_document: return "bad_document";
        case Reason::trust_expired: return "trust_expired";
        case Reason::internal_error: return "internal_error";
    }
    return "unknown";
}

VerifyResult verify(std::string_view qr_text, const Trust& trust, const VerifyOptions& options) {
    return pipeline::run_verification(qr_text, trust, options);
}

}  // namespace poura
