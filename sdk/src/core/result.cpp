#include <poura/result.hpp>

namespace poura {

std::string_view errc_name(Errc code) noexcept {
    switch (code) {
        case Errc::ok: return "ok";
        case Errc::invalid_argument: return "invalid_argument";
        case Errc::malformed_input: return "malformed_input";
        case Errc::limit_exceeded: return "limit_exceeded";
        case Errc::document_invalid: return "document_invalid";
        case Errc::unknown_document_type: return "unknown_document_type";
        case Errc::schedule_invalid: return "schedule_invalid";
        case Errc::not_in_schedule: return "not_in_schedule";
        case Errc::profile_invalid: return "profile_invalid";
        case Errc::key_invalid: return "key_invalid";
        case Errc::wrong_passphrase: return "wrong_passphrase";
        case Errc::no_signing_key: return "no_signing_key";
        case Errc::trust_bundle_invalid: return "trust_bundle_invalid";
        case Errc::trust_rollback: return "trust_rollback";
        case Errc::issuer_unknown: return "issuer_unknown";
        case Errc::io_error: return "io_error";
        case Errc::unsupported: return "unsupported";
        case Errc::internal: return "internal";
    }
    return "unknown";
}

}  // namespace poura
