#include "enums.hpp"

#include "handles.hpp"

#include <array>
#include <string>

namespace poura::capi {

int c_stage(Stage stage) {
    switch (stage) {
        case Stage::prefix: return POURA_STAGE_PREFIX;
        case Stage::base45: return POURA_STAGE_BASE45;
        case Stage::inflate: return POURA_STAGE_INFLATE;
        case Stage::cose: return POURA_STAGE_COSE;
        case Stage::header: return POURA_STAGE_HEADER;
        case Stage::key_lookup: return POURA_STAGE_KEY_LOOKUP;
        case Stage::signature: return POURA_STAGE_SIGNATURE;
        case Stage::time: return POURA_STAGE_TIME;
        case Stage::issuer: return POURA_STAGE_ISSUER;
        case Stage::revocation: return POURA_STAGE_REVOCATION;
        case Stage::document: return POURA_STAGE_DOCUMENT;
        case Stage::trust: return POURA_STAGE_TRUST;
        case Stage::done: return POURA_STAGE_DONE;
    }
    fail(POURA_ERROR_INTERNAL, "a verification stage the C API does not know");
}

int c_reason(Reason reason) {
    switch (reason) {
        case Reason::ok: return POURA_REASON_OK;
        case Reason::bad_prefix: return POURA_REASON_BAD_PREFIX;
        case Reason::bad_base45: return POURA_REASON_BAD_BASE45;
        case Reason::bad_compression: return POURA_REASON_BAD_COMPRESSION;
        case Reason::bad_cose: return POURA_REASON_BAD_COSE;
        case Reason::bad_header: return POURA_REASON_BAD_HEADER;
        case Reason::unknown_key: return POURA_REASON_UNKNOWN_KEY;
        case Reason::bad_signature: return POURA_REASON_BAD_SIGNATURE;
        case Reason::not_yet_valid: return POURA_REASON_NOT_YET_VALID;
        case Reason::expired: return POURA_REASON_EXPIRED;
        case Reason::issuer_not_allowed: return POURA_REASON_ISSUER_NOT_ALLOWED;
        case Reason::key_outside_validity: return POURA_REASON_KEY_OUTSIDE_VALIDITY;
        case Reason::key_revoked: return POURA_REASON_KEY_REVOKED;
        case Reason::revoked: return POURA_REASON_REVOKED;
        case Reason::bad_document: return POURA_REASON_BAD_DOCUMENT;
        case Reason::trust_expired: return POURA_REASON_TRUST_EXPIRED;
        case Reason::internal_error: return POURA_REASON_INTERNAL_ERROR;
    }
    fail(POURA_ERROR_INTERNAL, "a verification reason the C API does not know");
}

int c_freshness(Freshness freshness) {
    switch (freshness) {
        case Freshness::fresh: return POURA_FRESHNESS_FRESH;
        case Freshness::stale: return POURA_FRESHNESS_STALE;
        case Freshness::expired: return POURA_FRESHNESS_EXPIRED;
    }
    fail(POURA_ERROR_INTERNAL, "a freshness the C API does not know");
}

namespace {

// Names copied once from the C++ API, indexed by the C constant.
template <typename Enum, std::size_t N, typename Name, typename Code>
const char* name_of(Enum value, const std::array<Enum, N>& all, Name name, Code code) {
    static const std::array<std::string, N> names = [&] {
        std::array<std::string, N> out;
        for (Enum e : all) out.at(static_cast<std::size_t>(code(e))) = std::string(name(e));
        return out;
    }();
    return names.at(static_cast<std::size_t>(code(value))).c_str();
}

}  // namespace

const char* stage_name_of(Stage stage) {
    static constexpr std::array<Stage, 13> all = {
        Stage::prefix, Stage::base45,    Stage::inflate, Stage::cose,       Stage::header,   Stage::key_lookup, Stage::signature,
        Stage::time,   Stage::issuer,    Stage::revocation, Stage::document, Stage::trust, Stage::done};
    return name_of(stage, all, stage_name, c_stage);
}

const char* reason_code_of(Reason reason) {
    static constexpr std::array<Reason, 17> all = {
        Reason::ok,          Reason::bad_prefix,         Reason::bad_base45,           Reason::bad_compression,
        Reason::bad_cose,    Reason::bad_header,         Reason::unknown_key,          Reason::bad_signature,
        Reason::not_yet_valid, Reason::expired,          Reason::issuer_not_allowed,   Reason::key_outside_validity,
        Reason::key_revoked, Reason::revoked,            Reason::bad_document,         Reason::trust_expired,
        Reason::internal_error};
    return name_of(reason, all, reason_code, c_reason);
}

const char* algorithm_name_of(Algorithm algorithm) {
    static constexpr std::array<Algorithm, 3> all = {Algorithm::EdDSA, Algorithm::ES256, Algorithm::PS256};
    return name_of(algorithm, all, algorithm_name, [](Algorithm a) { return static_cast<int>(a); });
}

IssuerStatus issuer_status_of(int status) {
    switch (status) {
        case POURA_ISSUER_ACTIVE: return IssuerStatus::active;
        case POURA_ISSUER_SUSPENDED: return IssuerStatus::suspended;
        case POURA_ISSUER_REVOKED: return IssuerStatus::revoked;
        default: fail(POURA_ERROR_INVALID_ARGUMENT, "status must be one of POURA_ISSUER_*");
    }
}

EccLevel ecc_level_of(int ecc) {
    switch (ecc) {
        case POURA_ECC_L: return EccLevel::L;
        case POURA_ECC_M: return EccLevel::M;
        case POURA_ECC_Q: return EccLevel::Q;
        case POURA_ECC_H: return EccLevel::H;
        default: fail(POURA_ERROR_INVALID_ARGUMENT, "ecc must be one of POURA_ECC_*");
    }
}

Scheme scheme_of(int scheme) {
    switch (scheme) {
        case POURA_SCHEME_BD1: return Scheme::bd1();
        case POURA_SCHEME_HC1: return Scheme::hc1();
        default: fail(POURA_ERROR_INVALID_ARGUMENT, "scheme must be POURA_SCHEME_BD1 or POURA_SCHEME_HC1");
    }
}

}  // namespace poura::capi
