// Issuing certificates.
#include "objects.hpp"

#include <nlohmann/json.hpp>

using namespace poura::capi;

namespace {

const poura::IssuedCertificate& certificate_of(const poura_certificate* certificate) {
    return use(certificate, "certificate");
}

}  // namespace

extern "C" {

int poura_issue_options_new(poura_issue_options** out_options) {
    return guarded([&] {
        out_pointer(out_options, "out_options");
        *out_options = make_handle<poura_issue_options>();
    });
}

int poura_issue_options_set_serial(poura_issue_options* options, const char* serial) {
    return guarded([&] {
        auto& o = use(options, "options");
        o.serial = std::string(text(serial, "serial"));
    });
}

int poura_issue_options_set_issued_at(poura_issue_options* options, int64_t issued_at) {
    return guarded([&] { use(options, "options").issued_at = issued_at; });
}

int poura_issue_options_set_expires_at(poura_issue_options* options, int64_t expires_at) {
    return guarded([&] { use(options, "options").expires_at = expires_at; });
}

int poura_issue_options_set_compression(poura_issue_options* options, int allow) {
    return guarded([&] { use(options, "options").allow_compression = allow != 0; });
}

int poura_issue_options_free(poura_issue_options* options) { return free_handle(options); }

int poura_certificate_issue(const char* document_json, const poura_keyset* keyset, const char* issuer_code,
                            const poura_issue_options* options, poura_certificate** out_certificate) {
    return guarded([&] {
        out_pointer(out_certificate, "out_certificate");
        const auto document = parse_json_text(text(document_json, "document_json"), "document");
        const auto& signer = use(keyset, "keyset");
        poura::IssueOptions o = options ? use(options, "options") : poura::IssueOptions{};
        o.issuer = std::string(text(issuer_code, "issuer_code"));
        *out_certificate = make_handle<poura_certificate>(take(poura::issue(document, signer, o)));
    });
}

int poura_certificate_qr_text(const poura_certificate* certificate, const char** out_text) {
    return guarded([&] {
        out_pointer(out_text, "out_text");
        lend(out_text, certificate_of(certificate).qr_text);
    });
}

int poura_certificate_serial(const poura_certificate* certificate, const char** out_serial) {
    return guarded([&] {
        out_pointer(out_serial, "out_serial");
        lend(out_serial, certificate_of(certificate).serial);
    });
}

int poura_certificate_issued_at(const poura_certificate* certificate, int64_t* out_issued_at) {
    return guarded([&] {
        require(out_issued_at, "out_issued_at");
        *out_issued_at = 0;
        *out_issued_at = certificate_of(certificate).issued_at;
    });
}

int poura_certificate_expires_at(const poura_certificate* certificate, int64_t* out_expires_at) {
    return guarded([&] {
        require(out_expires_at, "out_expires_at");
        *out_expires_at = 0;
        *out_expires_at = certificate_of(certificate).expires_at;
    });
}

int poura_certificate_kid(const poura_certificate* certificate, const char** out_kid_hex) {
    return guarded([&] {
        out_pointer(out_kid_hex, "out_kid_hex");
        const auto& c = live(certificate, "certificate");
        lend(out_kid_hex, c.texts.kid_hex.get([&] { return poura::to_hex(c.value.kid); }));
    });
}

int poura_certificate_document_json(const poura_certificate* certificate, const char** out_json) {
    return guarded([&] {
        out_pointer(out_json, "out_json");
        const auto& c = live(certificate, "certificate");
        lend(out_json, c.texts.document_json.get([&] { return c.value.document.dump(); }));
    });
}

int poura_certificate_free(poura_certificate* certificate) { return free_handle(certificate); }

}  // extern "C"
