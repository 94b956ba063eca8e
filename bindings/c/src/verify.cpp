// Verifying a QR text, and reading the result.
#include "enums.hpp"
#include "objects.hpp"

using namespace poura::capi;

namespace {

const std::string kEmpty;

// Text from a certificate is valid UTF-8 once decoded; should any slip
// through, it is replaced rather than made an error.
std::string dump_json(const nlohmann::json& j) {
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

const poura::VerifyResult& result_of(const poura_result* result) { return use(result, "result"); }

}  // namespace

extern "C" {

int poura_verify_options_new(poura_verify_options** out_options) {
    return guarded([&] {
        out_pointer(out_options, "out_options");
        *out_options = make_handle<poura_verify_options>();
    });
}

int poura_verify_options_set_now(poura_verify_options* options, int64_t now) {
    return guarded([&] { use(options, "options").now = now; });
}

int poura_verify_options_set_clock_skew(poura_verify_options* options, int64_t seconds) {
    return guarded([&] {
        auto& o = use(options, "options");
        if (seconds < 0) fail(POURA_ERROR_INVALID_ARGUMENT, "clock skew is negative");
        o.clock_skew = seconds;
    });
}

int poura_verify_options_set_grace_period(poura_verify_options* options, int64_t seconds) {
    return guarded([&] {
        auto& o = use(options, "options");
        if (seconds < 0) fail(POURA_ERROR_INVALID_ARGUMENT, "grace period is negative");
        o.grace_period = seconds;
    });
}

int poura_verify_options_set_scheme(poura_verify_options* options, int scheme) {
    return guarded([&] {
        auto& o = use(options, "options");
        o.scheme = scheme_of(scheme);
    });
}

int poura_verify_options_set_max_inflated_size(poura_verify_options* options, size_t bytes) {
    return guarded([&] {
        auto& o = use(options, "options");
        if (bytes == 0) fail(POURA_ERROR_INVALID_ARGUMENT, "max inflated size is 0");
        o.max_inflated_size = bytes;
    });
}

int poura_verify_options_free(poura_verify_options* options) { return free_handle(options); }

int poura_certificate_verify(const char* qr_text, const poura_trust* trust, const poura_verify_options* options,
                             poura_result** out_result) {
    return guarded([&] {
        out_pointer(out_result, "out_result");
        const std::string_view qr = text(qr_text, "qr_text");
        const auto& t = use(trust, "trust");
        const poura::VerifyOptions defaults;
        const poura::VerifyOptions& o = options ? use(options, "options") : defaults;
        *out_result = make_handle<poura_result>(poura::verify(qr, t, o));
    });
}

int poura_result_verdict(const poura_result* result, int* out_verdict) {
    return guarded([&] {
        require(out_verdict, "out_verdict");
        *out_verdict = POURA_VERDICT_INVALID;
        *out_verdict = result_of(result).valid() ? POURA_VERDICT_VALID : POURA_VERDICT_INVALID;
    });
}

int poura_result_stage(const poura_result* result, int* out_stage) {
    return guarded([&] {
        require(out_stage, "out_stage");
        *out_stage = POURA_STAGE_PREFIX;
        *out_stage = c_stage(result_of(result).stage);
    });
}

int poura_result_reason(const poura_result* result, int* out_reason) {
    return guarded([&] {
        require(out_reason, "out_reason");
        *out_reason = POURA_REASON_BAD_PREFIX;
        *out_reason = c_reason(result_of(result).reason);
    });
}

int poura_result_stage_name(const poura_result* result, const char** out_name) {
    return guarded([&] {
        out_pointer(out_name, "out_name");
        *out_name = stage_name_of(result_of(result).stage);
    });
}

int poura_result_reason_code(const poura_result* result, const char** out_code) {
    return guarded([&] {
        out_pointer(out_code, "out_code");
        *out_code = reason_code_of(result_of(result).reason);
    });
}

int poura_result_message(const poura_result* result, int language, const char** out_message) {
    return guarded([&] {
        out_pointer(out_message, "out_message");
        const auto& r = result_of(result);
        lend(out_message, is_bangla(language) ? r.message_bn : r.message_en);
    });
}

int poura_result_detail(const poura_result* result, const char** out_detail) {
    return guarded([&] {
        out_pointer(out_detail, "out_detail");
        lend(out_detail, result_of(result).detail);
    });
}

int poura_result_document_type(const poura_result* result, const char** out_type) {
    return guarded([&] {
        out_pointer(out_type, "out_type");
        lend(out_type, result_of(result).document_type);
    });
}

int poura_result_document_json(const poura_result* result, const char** out_json) {
    return guarded([&] {
        out_pointer(out_json, "out_json");
        const auto& r = live(result, "result");
        lend(out_json, r.texts.document_json.get([&] { return dump_json(r.value.document); }));
    });
}

int poura_result_serial(const poura_result* result, const char** out_serial) {
    return guarded([&] {
        out_pointer(out_serial, "out_serial");
        lend(out_serial, result_of(result).serial);
    });
}

int poura_result_issuer_claim(const poura_result* result, const char** out_issuer) {
    return guarded([&] {
        out_pointer(out_issuer, "out_issuer");
        lend(out_issuer, result_of(result).issuer_claim);
    });
}

int poura_result_has_issuer(const poura_result* result, int* out_has_issuer) {
    return guarded([&] {
        require(out_has_issuer, "out_has_issuer");
        *out_has_issuer = 0;
        *out_has_issuer = result_of(result).issuer.has_value() ? 1 : 0;
    });
}

int poura_result_issuer_code(const poura_result* result, const char** out_code) {
    return guarded([&] {
        out_pointer(out_code, "out_code");
        const auto& issuer = result_of(result).issuer;
        lend(out_code, issuer ? issuer->code : kEmpty);
    });
}

int poura_result_issuer_name(const poura_result* result, int language, const char** out_name) {
    return guarded([&] {
        out_pointer(out_name, "out_name");
        const auto& issuer = result_of(result).issuer;
        const bool bangla = is_bangla(language);
        lend(out_name, !issuer ? kEmpty : bangla ? issuer->name_bn : issuer->name_en);
    });
}

int poura_result_issuer_kid(const poura_result* result, const char** out_kid_hex) {
    return guarded([&] {
        out_pointer(out_kid_hex, "out_kid_hex");
        const auto& r = live(result, "result");
        lend(out_kid_hex, r.texts.kid_hex.get([&] { return r.value.issuer ? poura::to_hex(r.value.issuer->kid) : kEmpty; }));
    });
}

int poura_result_issuer_algorithm(const poura_result* result, const char** out_algorithm) {
    return guarded([&] {
        out_pointer(out_algorithm, "out_algorithm");
        const auto& issuer = result_of(result).issuer;
        *out_algorithm = issuer ? algorithm_name_of(issuer->algorithm) : kEmpty.c_str();
    });
}

int poura_result_time(const poura_result* result, int which, int* out_present, int64_t* out_seconds) {
    return guarded([&] {
        require(out_present, "out_present");
        require(out_seconds, "out_seconds");
        *out_present = 0;
        *out_seconds = 0;
        const auto& r = result_of(result);
        const std::optional<std::int64_t>* time = nullptr;
        switch (which) {
            case POURA_TIME_ISSUED_AT: time = &r.issued_at; break;
            case POURA_TIME_NOT_BEFORE: time = &r.not_before; break;
            case POURA_TIME_EXPIRES_AT: time = &r.expires_at; break;
            default: fail(POURA_ERROR_INVALID_ARGUMENT, "which must be one of POURA_TIME_*");
        }
        if (*time) {
            *out_present = 1;
            *out_seconds = **time;
        }
    });
}

int poura_result_freshness(const poura_result* result, int* out_freshness) {
    return guarded([&] {
        require(out_freshness, "out_freshness");
        *out_freshness = POURA_FRESHNESS_EXPIRED;
        *out_freshness = c_freshness(result_of(result).trust.freshness);
    });
}

int poura_result_trust_sequence(const poura_result* result, uint64_t* out_sequence) {
    return guarded([&] {
        require(out_sequence, "out_sequence");
        *out_sequence = 0;
        *out_sequence = result_of(result).trust.sequence;
    });
}

int poura_result_json(const poura_result* result, const char** out_json) {
    return guarded([&] {
        out_pointer(out_json, "out_json");
        const auto& r = live(result, "result");
        lend(out_json, r.texts.json.get([&] { return r.value.to_json_text(); }));
    });
}

int poura_result_free(poura_result* result) { return free_handle(result); }

}  // extern "C"
