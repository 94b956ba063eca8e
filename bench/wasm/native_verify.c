/* The native side of bench.mjs: verifies the QR texts of a file (one per
 * line) with the C API of a native build of Poura, and prints how many were
 * valid and the time per verification.
 *
 *   native_verify (--bundle FILE --roots FILE | --cert FILE) --scheme bd1|hc1
 *                 --now SECONDS --seconds S [--verdict-only] QR_FILE
 *
 * Each verification also asks for the whole result as JSON, as the
 * WebAssembly package's verify() does to hand JavaScript its result object;
 * with --verdict-only it reads the verdict alone.
 *
 * The first pass checks every text once and counts the valid ones; then the
 * texts are verified in turn for at least S seconds. */
#include <poura.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void die(const char *what, int status) {
    fprintf(stderr, "%s: %s (%s)\n", what, poura_error_name(status), poura_last_error());
    exit(1);
}

static unsigned char *read_file(const char *path, size_t *size) {
    FILE *f = fopen(path, "rb");
    unsigned char *data;
    long length;
    if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (length = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
        perror(path);
        exit(1);
    }
    data = malloc((size_t)length + 1);
    if (data == NULL || fread(data, 1, (size_t)length, f) != (size_t)length) {
        perror(path);
        exit(1);
    }
    fclose(f);
    data[length] = 0;
    *size = (size_t)length;
    return data;
}

static double seconds_now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    const char *bundle_path = NULL, *roots_path = NULL, *cert_path = NULL, *qr_path = NULL;
    int scheme = POURA_SCHEME_BD1, status, i, verdict, verdict_only = 0;
    long long now = 0;
    double min_seconds = 1.0, start, elapsed;
    poura_public_keys *keys = NULL;
    poura_trust *trust = NULL;
    poura_verify_options *options = NULL;
    poura_result *result = NULL;
    const char *json;
    char *texts, *line, **qr = NULL;
    size_t size, count = 0, valid = 0, done = 0;

    for (i = 1; i < argc; ++i) {
        if (strcmp(argv[i], "--bundle") == 0 && i + 1 < argc) bundle_path = argv[++i];
        else if (strcmp(argv[i], "--roots") == 0 && i + 1 < argc) roots_path = argv[++i];
        else if (strcmp(argv[i], "--cert") == 0 && i + 1 < argc) cert_path = argv[++i];
        else if (strcmp(argv[i], "--scheme") == 0 && i + 1 < argc)
            scheme = strcmp(argv[++i], "hc1") == 0 ? POURA_SCHEME_HC1 : POURA_SCHEME_BD1;
        else if (strcmp(argv[i], "--now") == 0 && i + 1 < argc) now = atoll(argv[++i]);
        else if (strcmp(argv[i], "--seconds") == 0 && i + 1 < argc) min_seconds = atof(argv[++i]);
        else if (strcmp(argv[i], "--verdict-only") == 0) verdict_only = 1;
        else qr_path = argv[i];
    }
    if (qr_path == NULL || (cert_path == NULL && (bundle_path == NULL || roots_path == NULL))) {
        fprintf(stderr, "usage: native_verify (--bundle FILE --roots FILE | --cert FILE) [--scheme hc1] "
                        "--now SECONDS [--seconds S] [--verdict-only] QR_FILE\n");
        return 2;
    }

    if ((status = poura_public_keys_new(&keys)) != POURA_OK) die("public keys", status);
    if (cert_path != NULL) {
        unsigned char *der = read_file(cert_path, &size);
        if ((status = poura_public_keys_add_certificate(keys, der, size)) != POURA_OK) die(cert_path, status);
        if ((status = poura_trust_from_keys(keys, &trust)) != POURA_OK) die("trust", status);
        free(der);
    } else {
        unsigned char *bundle = read_file(bundle_path, &size);
        if ((status = poura_public_keys_add_file(keys, roots_path)) != POURA_OK) die(roots_path, status);
        if ((status = poura_trust_from_bundle(bundle, size, keys, 0, &trust)) != POURA_OK) die(bundle_path, status);
        free(bundle);
    }
    if ((status = poura_verify_options_new(&options)) != POURA_OK ||
        (status = poura_verify_options_set_now(options, now)) != POURA_OK ||
        (status = poura_verify_options_set_scheme(options, scheme)) != POURA_OK)
        die("options", status);

    texts = (char *)read_file(qr_path, &size);
    for (line = strtok(texts, "\n"); line != NULL; line = strtok(NULL, "\n")) {
        qr = realloc(qr, (count + 1) * sizeof *qr);
        if (qr == NULL) return 1;
        qr[count++] = line;
    }
    if (count == 0) return 2;

    for (i = 0; (size_t)i < count; ++i) {
        if ((status = poura_certificate_verify(qr[i], trust, options, &result)) != POURA_OK) die("verify", status);
        poura_result_verdict(result, &verdict);
        if (verdict == POURA_VERDICT_VALID) ++valid;
        if (!verdict_only && (status = poura_result_json(result, &json)) != POURA_OK) die("result", status);
        poura_result_free(result);
    }

    start = seconds_now();
    do {
        for (i = 0; (size_t)i < count; ++i) {
            poura_certificate_verify(qr[i], trust, options, &result);
            if (verdict_only) poura_result_verdict(result, &verdict);
            else poura_result_json(result, &json);
            poura_result_free(result);
        }
        done += count;
        elapsed = seconds_now() - start;
    } while (elapsed < min_seconds);

    printf("{\"valid\": %zu, \"count\": %zu, \"us_per_op\": %.3f}\n", valid, count, elapsed * 1e6 / (double)done);
    poura_verify_options_free(options);
    poura_trust_free(trust);
    poura_public_keys_free(keys);
    free(qr);
    free(texts);
    return 0;
}
