// Versions and the names of status codes (from sdk/data/codes.json).
#include "handles.hpp"
#include "status_table.hpp"

namespace {

using poura::capi::code_table::kStatusTexts;
using poura::capi::code_table::StatusText;

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
