/* Verifies a certificate's QR text against a trust bundle and its root key,
 * and prints the verdict in Bangla and English.
 *
 *   poura-verify-c --trust trust.bundle --root root.pub.json [--now UNIX-SECONDS] 'BD1:...'
 *
 * Exit status: 0 valid, 1 invalid, 2 the trust could not be loaded or the
 * command line is wrong. */
#include <poura.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int usage(const char *program) {
    fprintf(stderr, "usage: %s --trust BUNDLE --root ROOT.pub.json [--now UNIX-SECONDS] QR-TEXT\n", program);
    return 2;
}

static int report_error(const char *what, int status) {
    fprintf(stderr, "%s: %s (%s)\n", what, poura_last_error(), poura_error_name(status));
    return 2;
}

int main(int argc, char **argv) {
    const char *bundle_path = NULL, *root_path = NULL, *now = NULL, *qr_text = NULL;
    const char *message_bn = "", *message_en = "", *name_bn = "", *name_en = "", *code = "";
    const char *document_type = "", *serial = "", *reason = "";
    poura_public_keys *roots = NULL;
    poura_trust *trust = NULL;
    poura_verify_options *options = NULL;
    poura_result *result = NULL;
    int verdict = POURA_VERDICT_INVALID, has_issuer = 0, status, i;

    for (i = 1; i < argc; ++i) {
        if (strcmp(argv[i], "--trust") == 0 && i + 1 < argc) bundle_path = argv[++i];
        else if (strcmp(argv[i], "--root") == 0 && i + 1 < argc) root_path = argv[++i];
        else if (strcmp(argv[i], "--now") == 0 && i + 1 < argc) now = argv[++i];
        else if (qr_text == NULL && argv[i][0] != '-') qr_text = argv[i];
        else return usage(argv[0]);
    }
    if (bundle_path == NULL || root_path == NULL || qr_text == NULL) return usage(argv[0]);

    /* The trust: the bundle, opened with the root key it must be signed by. */
    if ((status = poura_public_keys_new(&roots)) != POURA_OK ||
        (status = poura_public_keys_add_file(roots, root_path)) != POURA_OK) {
        poura_public_keys_free(roots);
        return report_error(root_path, status);
    }
    status = poura_trust_from_bundle_file(bundle_path, roots, 0, &trust);
    poura_public_keys_free(roots);
    if (status != POURA_OK) return report_error(bundle_path, status);

    poura_verify_options_new(&options);
    if (now != NULL) poura_verify_options_set_now(options, (int64_t)strtoll(now, NULL, 10));

    /* A forged or expired certificate is not an error: the result says why. */
    status = poura_certificate_verify(qr_text, trust, options, &result);
    if (status != POURA_OK) {
        poura_verify_options_free(options);
        poura_trust_free(trust);
        return report_error("verify", status);
    }
    poura_result_verdict(result, &verdict);
    poura_result_reason_code(result, &reason);
    poura_result_message(result, POURA_LANGUAGE_BN, &message_bn);
    poura_result_message(result, POURA_LANGUAGE_EN, &message_en);
    poura_result_document_type(result, &document_type);
    poura_result_serial(result, &serial);
    poura_result_has_issuer(result, &has_issuer);
    poura_result_issuer_code(result, &code);
    poura_result_issuer_name(result, POURA_LANGUAGE_BN, &name_bn);
    poura_result_issuer_name(result, POURA_LANGUAGE_EN, &name_en);

    if (verdict == POURA_VERDICT_VALID)
        printf("VALID · বৈধ\n");
    else
        printf("INVALID · অবৈধ  (%s)\n", reason);
    printf("%s\n%s\n", message_en, message_bn);
    if (has_issuer) printf("issuer: %s · %s (%s)\n", name_en, name_bn, code);
    if (document_type[0] != '\0') printf("document: %s, serial %s\n", document_type, serial);

    poura_result_free(result);
    poura_verify_options_free(options);
    poura_trust_free(trust);
    return verdict == POURA_VERDICT_VALID ? 0 : 1;
}
