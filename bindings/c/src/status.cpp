// Versions and the names of status codes.
#include "handles.hpp"

namespace {

using poura::Errc;

// The C API returns poura::Errc's numbers: they may never drift apart.
static_assert(POURA_ERROR_INVALID_ARGUMENT == static_cast<int>(Errc::invalid_argument));
static_assert(POURA_ERROR_MALFORMED_INPUT == static_cast<int>(Errc::malformed_input));
static_assert(POURA_ERROR_LIMIT_EXCEEDED == static_cast<int>(Errc::limit_exceeded));
static_assert(POURA_ERROR_DOCUMENT_INVALID == static_cast<int>(Errc::document_invalid));
static_assert(POURA_ERROR_UNKNOWN_DOCUMENT_TYPE == static_cast<int>(Errc::unknown_document_type));
static_assert(POURA_ERROR_SCHEDULE_INVALID == static_cast<int>(Errc::schedule_invalid));
static_assert(POURA_ERROR_NOT_IN_SCHEDULE == static_cast<int>(Errc::not_in_schedule));
static_assert(POURA_ERROR_PROFILE_INVALID == static_cast<int>(Errc::profile_invalid));
static_assert(POURA_ERROR_KEY_INVALID == static_cast<int>(Errc::key_invalid));
static_assert(POURA_ERROR_WRONG_PASSPHRASE == static_cast<int>(Errc::wrong_passphrase));
static_assert(POURA_ERROR_NO_SIGNING_KEY == static_cast<int>(Errc::no_signing_key));
static_assert(POURA_ERROR_TRUST_BUNDLE_INVALID == static_cast<int>(Errc::trust_bundle_invalid));
static_assert(POURA_ERROR_TRUST_ROLLBACK == static_cast<int>(Errc::trust_rollback));
static_assert(POURA_ERROR_ISSUER_UNKNOWN == static_cast<int>(Errc::issuer_unknown));
static_assert(POURA_ERROR_IO == static_cast<int>(Errc::io_error));
static_assert(POURA_ERROR_UNSUPPORTED == static_cast<int>(Errc::unsupported));
static_assert(POURA_ERROR_INTERNAL == static_cast<int>(Errc::internal));

struct StatusText {
    int status;
    const char* name;
    const char* description;
};

// The names are poura::errc_name's, and the C API's own.
constexpr StatusText kStatusTexts[] = {
    {POURA_OK, "ok", "success"},
    {POURA_ERROR_INVALID_ARGUMENT, "invalid_argument", "an argument is out of range or not allowed"},
    {POURA_ERROR_MALFORMED_INPUT, "malformed_input", "the input is not well-formed"},
    {POURA_ERROR_LIMIT_EXCEEDED, "limit_exceeded", "the input exceeds a size or count limit"},
    {POURA_ERROR_DOCUMENT_INVALID, "document_invalid", "a document field is missing or ill-formed"},
    {POURA_ERROR_UNKNOWN_DOCUMENT_TYPE, "unknown_document_type", "no profile for this document type"},
    {POURA_ERROR_SCHEDULE_INVALID, "schedule_invalid", "a fee schedule fails validation"},
    {POURA_ERROR_NOT_IN_SCHEDULE, "not_in_schedule", "no schedule in force, or it lacks what was asked for"},
    {POURA_ERROR_PROFILE_INVALID, "profile_invalid", "a certificate profile fails validation"},
    {POURA_ERROR_KEY_INVALID, "key_invalid", "a key or keyset is invalid"},
    {POURA_ERROR_WRONG_PASSPHRASE, "wrong_passphrase", "the passphrase does not decrypt the key"},
    {POURA_ERROR_NO_SIGNING_KEY, "no_signing_key", "no key may sign now"},
    {POURA_ERROR_TRUST_BUNDLE_INVALID, "trust_bundle_invalid", "the trust bundle is invalid or not signed by a root"},
    {POURA_ERROR_TRUST_ROLLBACK, "trust_rollback", "the trust bundle is older than one already accepted"},
    {POURA_ERROR_ISSUER_UNKNOWN, "issuer_unknown", "no such issuer or key"},
    {POURA_ERROR_IO, "io_error", "a file could not be read or written"},
    {POURA_ERROR_UNSUPPORTED, "unsupported", "not supported"},
    {POURA_ERROR_INTERNAL, "internal", "internal error in the library"},
    {POURA_ERROR_NULL_POINTER, "null_pointer", "a required pointer argument is NULL"},
    {POURA_ERROR_BAD_HANDLE, "bad_handle", "the handle was freed, is of another type, or was not made by the library"},
    {POURA_ERROR_OUT_OF_MEMORY, "out_of_memory", "out of memory"},
};

const StatusText* find_status(int status) {
    for (const StatusText& entry : kStatusTexts)
        if (entry.status == status) return &entry;
    return nullptr;
}

}  // namespace

extern "C" {

int poura_api_version(void) { return POURA_API_VERSION; }

int poura_supports_api(uint32_t version) {
    return version >= 1 && version <= POURA_API_VERSION ? POURA_OK : POURA_ERROR_UNSUPPORTED;
}

// The same text as poura::version(), from the same project version.
const char* poura_version_string(void) { return POURA_C_VERSION_STRING; }

const char* poura_error_name(int status) {
    const StatusText* entry = find_status(status);
    return entry ? entry->name : "unknown";
}

const char* poura_error_string(int status) {
    const StatusText* entry = find_status(status);
    return entry ? entry->description : "unknown status code";
}

}  // extern "C"
