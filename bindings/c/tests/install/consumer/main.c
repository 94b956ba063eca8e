/* A program outside the project, built against the installed C API: it
 * issues a certificate, publishes a trust bundle for its key and verifies the
 * certificate against it. */
#include <poura.h>

#include <stdio.h>

#define NOW ((int64_t)1767225600)

static int check(int status, const char *what) {
    if (status != POURA_OK) fprintf(stderr, "%s: %s: %s\n", what, poura_error_name(status), poura_last_error());
    return status == POURA_OK;
}

int main(void) {
    static const char *const types[] = {"*"};
    static const char *const document =
        "{\"type\": \"character\", \"name_bn\": \"মোঃ আব্দুল করিম\", \"name_en\": \"Md. Abdul Karim\","
        " \"father_name_bn\": \"মোঃ রহিম উদ্দিন\", \"mother_name_bn\": \"মোছাঃ ফাতেমা বেগম\","
        " \"nid\": \"1985101234567\", \"address_bn\": \"ওয়ার্ড নং ৩, সারিয়াকান্দি পৌরসভা\", \"ward\": 3}";
    poura_private_key *root = NULL, *key = NULL;
    poura_keyset *keyset = NULL;
    poura_buffer *root_json = NULL, *issuer_json = NULL, *signed_bundle = NULL;
    poura_public_keys *roots = NULL;
    poura_bundle *bundle = NULL;
    poura_trust *trust = NULL;
    poura_issue_options *issue_options = NULL;
    poura_verify_options *verify_options = NULL;
    poura_certificate *certificate = NULL;
    poura_result *result = NULL;
    const char *text = NULL, *qr = NULL, *reason = NULL;
    const uint8_t *data = NULL;
    size_t size = 0;
    int verdict = POURA_VERDICT_INVALID;
    int ok = poura_supports_api(POURA_API_VERSION) == POURA_OK;

    ok = ok && check(poura_private_key_generate(&root), "root key");
    ok = ok && check(poura_private_key_to_public_json(root, &root_json), "root public key");
    ok = ok && check(poura_buffer_string(root_json, &text), "root public key text");
    ok = ok && check(poura_public_keys_new(&roots), "roots") && check(poura_public_keys_add_json(roots, text), "roots");
    ok = ok && check(poura_private_key_generate(&key), "issuer key");
    ok = ok && check(poura_keyset_create(key, NOW - 86400, &keyset), "keyset");
    ok = ok && check(poura_keyset_to_public_json(keyset, &issuer_json), "issuer keys");
    ok = ok && check(poura_buffer_string(issuer_json, &text), "issuer keys text");
    ok = ok && check(poura_bundle_new(1, NOW, NOW + 30 * 86400, &bundle), "bundle");
    ok = ok && check(poura_bundle_add_issuers(bundle, text, "BD-10-06-88", "সারিয়াকান্দি পৌরসভা",
                                              "Sariakandi Pourashava", types, 1),
                     "issuers");
    ok = ok && check(poura_bundle_sign(bundle, root, &signed_bundle), "sign");
    ok = ok && check(poura_buffer_data(signed_bundle, &data, &size), "bundle bytes");
    ok = ok && check(poura_trust_from_bundle(data, size, roots, 0, &trust), "trust");
    ok = ok && check(poura_issue_options_new(&issue_options), "issue options");
    ok = ok && check(poura_issue_options_set_issued_at(issue_options, NOW), "issued at");
    ok = ok && check(poura_certificate_issue(document, keyset, "BD-10-06-88", issue_options, &certificate), "issue");
    ok = ok && check(poura_certificate_qr_text(certificate, &qr), "QR text");
    ok = ok && check(poura_verify_options_new(&verify_options), "verify options");
    ok = ok && check(poura_verify_options_set_now(verify_options, NOW + 86400), "now");
    ok = ok && check(poura_certificate_verify(qr, trust, verify_options, &result), "verify");
    ok = ok && check(poura_result_verdict(result, &verdict), "verdict");
    ok = ok && check(poura_result_reason_code(result, &reason), "reason");
    if (ok) printf("poura %s, C API %d: %s (%s)\n", poura_version_string(), poura_api_version(),
                   verdict == POURA_VERDICT_VALID ? "valid" : "invalid", reason);

    poura_result_free(result);
    poura_verify_options_free(verify_options);
    poura_certificate_free(certificate);
    poura_issue_options_free(issue_options);
    poura_trust_free(trust);
    poura_buffer_free(signed_bundle);
    poura_bundle_free(bundle);
    poura_buffer_free(issuer_json);
    poura_keyset_free(keyset);
    poura_private_key_free(key);
    poura_public_keys_free(roots);
    poura_buffer_free(root_json);
    poura_private_key_free(root);
    return ok && verdict == POURA_VERDICT_VALID ? 0 : 1;
}
