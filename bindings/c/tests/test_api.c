/* The C API's own behaviour: versions, status codes and their names, the
 * handle rules (NULL, double free, freed and mistyped handles), the
 * per-thread last error, and every group of functions end to end: keys and
 * keysets, building and publishing a trust bundle, issuing, verifying,
 * revoking, rotating, QR images, and bills with their receipts.
 *
 *   test_api <source-dir>
 */
#include "support.h"

#include <poura.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOW ((int64_t)1767225600) /* 2026-01-01T00:00:00Z */
#define DAY ((int64_t)86400)
#define ISSUER_CODE "BD-10-06-88"

static const char *const citizenship_json =
    "{\"type\": \"citizenship\", \"name_bn\": \"মোছাঃ রহিমা খাতুন\", \"name_en\": \"Mst. Rahima Khatun\","
    " \"father_name_bn\": \"মোঃ আব্দুল করিম\", \"father_name_en\": \"Md. Abdul Karim\","
    " \"mother_name_bn\": \"মোছাঃ ফাতেমা বেগম\", \"mother_name_en\": \"Mst. Fatema Begum\","
    " \"nid\": \"1990101234567\", \"date_of_birth\": \"1990-04-14\","
    " \"address_bn\": \"চন্দনবাইশা, ওয়ার্ড নং ৩, সারিয়াকান্দি পৌরসভা, বগুড়া\", \"ward\": 3}";

static const char *source_dir;

static const char *buffer_text(const poura_buffer *buffer) {
    const char *text = NULL;
    CHECK_OK(poura_buffer_string(buffer, &text));
    return text ? text : "";
}

/* ----- versions and status codes ---------------------------------------- */

static void test_versions(void) {
    case_begin("API version and support query");
    CHECK(poura_api_version() == POURA_API_VERSION);
    CHECK_OK(poura_supports_api(1));
    CHECK_OK(poura_supports_api(POURA_API_VERSION));
    CHECK_STATUS(poura_supports_api(0), POURA_ERROR_UNSUPPORTED);
    CHECK_STATUS(poura_supports_api(POURA_API_VERSION + 1), POURA_ERROR_UNSUPPORTED);
    CHECK(strchr(poura_version_string(), '.') != NULL);
    case_end();
}

static void test_status_names(void) {
    static const struct {
        int status;
        const char *name;
    } expected[] = {
        {POURA_OK, "ok"},
        {POURA_ERROR_INVALID_ARGUMENT, "invalid_argument"},
        {POURA_ERROR_MALFORMED_INPUT, "malformed_input"},
        {POURA_ERROR_LIMIT_EXCEEDED, "limit_exceeded"},
        {POURA_ERROR_DOCUMENT_INVALID, "document_invalid"},
        {POURA_ERROR_UNKNOWN_DOCUMENT_TYPE, "unknown_document_type"},
        {POURA_ERROR_SCHEDULE_INVALID, "schedule_invalid"},
        {POURA_ERROR_NOT_IN_SCHEDULE, "not_in_schedule"},
        {POURA_ERROR_PROFILE_INVALID, "profile_invalid"},
        {POURA_ERROR_NOT_FOUND, "not_found"},
        {POURA_ERROR_PERMISSION_DENIED, "permission_denied"},
        {POURA_ERROR_INVALID_STATE, "invalid_state"},
        {POURA_ERROR_CONFLICT, "conflict"},
        {POURA_ERROR_KEY_INVALID, "key_invalid"},
        {POURA_ERROR_WRONG_PASSPHRASE, "wrong_passphrase"},
        {POURA_ERROR_NO_SIGNING_KEY, "no_signing_key"},
        {POURA_ERROR_TRUST_BUNDLE_INVALID, "trust_bundle_invalid"},
        {POURA_ERROR_TRUST_ROLLBACK, "trust_rollback"},
        {POURA_ERROR_ISSUER_UNKNOWN, "issuer_unknown"},
        {POURA_ERROR_IO, "io_error"},
        {POURA_ERROR_UNSUPPORTED, "unsupported"},
        {POURA_ERROR_STORAGE, "storage"},
        {POURA_ERROR_INTERNAL, "internal"},
        {POURA_ERROR_NULL_POINTER, "null_pointer"},
        {POURA_ERROR_BAD_HANDLE, "bad_handle"},
        {POURA_ERROR_OUT_OF_MEMORY, "out_of_memory"},
    };
    size_t i;
    case_begin("every status code has a stable name and a description");
    /* The numbers are part of the ABI. */
    CHECK(POURA_ERROR_TRUST_ROLLBACK == -24 && POURA_ERROR_IO == -40 && POURA_ERROR_INTERNAL == -99);
    CHECK(POURA_ERROR_NULL_POINTER == -100 && POURA_ERROR_BAD_HANDLE == -101);
    for (i = 0; i < sizeof expected / sizeof expected[0]; ++i) {
        CHECK_STR(poura_error_name(expected[i].status), expected[i].name);
        CHECK(strlen(poura_error_string(expected[i].status)) > 3);
        CHECK(strcmp(poura_error_string(expected[i].status), "unknown status code") != 0);
    }
    CHECK_STR(poura_error_name(-19), "unknown");
    CHECK_STR(poura_error_name(12345), "unknown");
    CHECK_STR(poura_error_string(-12345), "unknown status code");
    case_end();
}

/* ----- handles ---------------------------------------------------------- */

static void test_free_null(void) {
    case_begin("freeing NULL does nothing, for every handle type");
    CHECK_OK(poura_buffer_free(NULL));
    CHECK_OK(poura_private_key_free(NULL));
    CHECK_OK(poura_keyset_free(NULL));
    CHECK_OK(poura_public_keys_free(NULL));
    CHECK_OK(poura_bundle_free(NULL));
    CHECK_OK(poura_trust_free(NULL));
    CHECK_OK(poura_verify_options_free(NULL));
    CHECK_OK(poura_result_free(NULL));
    CHECK_OK(poura_issue_options_free(NULL));
    CHECK_OK(poura_certificate_free(NULL));
    CHECK_OK(poura_schedules_free(NULL));
    CHECK_OK(poura_bill_free(NULL));
    case_end();
}

static void test_bad_handles(void) {
    poura_verify_options *options = NULL;
    poura_public_keys *keys = NULL;
    poura_schedules *schedules = NULL;
    poura_result *result = (poura_result *)1;
    size_t count = 99;
    int not_a_handle = 0;
    int verdict = -1;

    case_begin("freed, foreign and mistyped handles are refused, not used");
    CHECK_OK(poura_verify_options_new(&options));
    CHECK(options != NULL);
    CHECK_OK(poura_verify_options_set_now(options, NOW));
    CHECK_OK(poura_verify_options_free(options));
    /* Use after free and double free. */
    CHECK_STATUS(poura_verify_options_set_now(options, NOW), POURA_ERROR_BAD_HANDLE);
    CHECK(strstr(poura_last_error(), "poura_verify_options") != NULL);
    CHECK_STATUS(poura_verify_options_free(options), POURA_ERROR_BAD_HANDLE);

    /* A handle of another type. */
    CHECK_OK(poura_public_keys_new(&keys));
    CHECK_STATUS(poura_schedules_count((const poura_schedules *)keys, &count), POURA_ERROR_BAD_HANDLE);
    CHECK(count == 0);
    CHECK_STATUS(poura_schedules_free((poura_schedules *)keys), POURA_ERROR_BAD_HANDLE);
    CHECK_OK(poura_public_keys_count(keys, &count));
    CHECK(count == 0);
    CHECK_OK(poura_public_keys_free(keys));

    /* Memory the library never gave out. */
    CHECK_STATUS(poura_result_verdict((const poura_result *)&not_a_handle, &verdict), POURA_ERROR_BAD_HANDLE);
    CHECK_STATUS(poura_result_free((poura_result *)&not_a_handle), POURA_ERROR_BAD_HANDLE);
    CHECK(not_a_handle == 0);

    /* NULL handles and NULL out-pointers. */
    CHECK_STATUS(poura_result_verdict(NULL, &verdict), POURA_ERROR_NULL_POINTER);
    CHECK_STATUS(poura_schedules_new(NULL), POURA_ERROR_NULL_POINTER);
    CHECK(strstr(poura_last_error(), "out_schedules") != NULL);
    CHECK_STATUS(poura_certificate_verify("BD1:", NULL, NULL, &result), POURA_ERROR_NULL_POINTER);
    CHECK(result == NULL); /* a failed call leaves NULL behind */

    /* A success clears the last error. */
    CHECK_OK(poura_schedules_new(&schedules));
    CHECK_STR(poura_last_error(), "");
    CHECK_OK(poura_schedules_free(schedules));
    case_end();
}

struct thread_report {
    char seen_at_start[128];
    char own_error[128];
};

static void *thread_body(void *argument) {
    struct thread_report *report = argument;
    poura_keyset *keyset = NULL;
    snprintf(report->seen_at_start, sizeof report->seen_at_start, "%s", poura_last_error());
    poura_keyset_from_json("{}", NULL, &keyset);
    snprintf(report->own_error, sizeof report->own_error, "%s", poura_last_error());
    return NULL;
}

static void test_last_error_per_thread(void) {
    struct thread_report report;
    pthread_t thread;
    char mine[128];
    case_begin("the last error is kept per thread");
    CHECK_STATUS(poura_schedules_add_file(NULL, "x"), POURA_ERROR_NULL_POINTER);
    snprintf(mine, sizeof mine, "%s", poura_last_error());
    CHECK(mine[0] != '\0');
    CHECK(pthread_create(&thread, NULL, thread_body, &report) == 0);
    CHECK(pthread_join(thread, NULL) == 0);
    CHECK_STR(report.seen_at_start, "");
    CHECK(strstr(report.own_error, "keyset") != NULL);
    CHECK_STR(poura_last_error(), mine);
    case_end();
}

/* ----- keys ------------------------------------------------------------- */

static void test_private_keys(void) {
    poura_private_key *key = NULL, *back = NULL;
    poura_buffer *pem = NULL, *plain = NULL, *json = NULL, *json_back = NULL;
    case_begin("private keys: encrypted and plain PEM, the public half");
    CHECK_OK(poura_private_key_generate(&key));
    CHECK_STATUS(poura_private_key_to_pem(key, "", &pem), POURA_ERROR_INVALID_ARGUMENT);
    CHECK(pem == NULL);
    CHECK_OK(poura_private_key_to_pem(key, "correct horse", &pem));
    CHECK(strstr(buffer_text(pem), "ENCRYPTED PRIVATE KEY") != NULL);
    CHECK_STATUS(poura_private_key_from_pem(buffer_text(pem), "wrong horse", &back), POURA_ERROR_WRONG_PASSPHRASE);
    CHECK(back == NULL);
    CHECK_OK(poura_private_key_from_pem(buffer_text(pem), "correct horse", &back));
    CHECK_OK(poura_private_key_to_public_json(key, &json));
    CHECK_OK(poura_private_key_to_public_json(back, &json_back));
    CHECK_STR(buffer_text(json_back), buffer_text(json));
    CHECK(strstr(buffer_text(json), "\"EdDSA\"") != NULL);
    CHECK_OK(poura_private_key_free(back));
    back = NULL;
    CHECK_OK(poura_private_key_to_unencrypted_pem(key, &plain));
    CHECK(strstr(buffer_text(plain), "BEGIN PRIVATE KEY") != NULL);
    CHECK_OK(poura_private_key_from_pem(buffer_text(plain), NULL, &back));
    CHECK_OK(poura_private_key_free(back));
    CHECK_STATUS(poura_private_key_from_pem("not a key", NULL, &back), POURA_ERROR_KEY_INVALID);
    CHECK(back == NULL);
    CHECK_OK(poura_buffer_free(pem));
    CHECK_OK(poura_buffer_free(plain));
    CHECK_OK(poura_buffer_free(json));
    CHECK_OK(poura_buffer_free(json_back));
    CHECK_OK(poura_private_key_free(key));
    case_end();
}

static size_t count_occurrences(const char *text, const char *needle) {
    size_t count = 0;
    const char *at = text;
    while ((at = strstr(at, needle)) != NULL) {
        ++count;
        at += strlen(needle);
    }
    return count;
}

static void test_keysets(void) {
    poura_private_key *first = NULL, *second = NULL, *primary = NULL;
    poura_keyset *keyset = NULL, *back = NULL;
    poura_buffer *file = NULL, *plain = NULL, *public_json = NULL, *first_json = NULL, *primary_json = NULL;
    poura_public_keys *keys = NULL;
    size_t count = 0;
    case_begin("keysets: files with a passphrase, rotation, the public half");
    CHECK_OK(poura_private_key_generate(&first));
    CHECK_OK(poura_private_key_generate(&second));
    CHECK_OK(poura_keyset_create(first, NOW, &keyset));
    CHECK_STATUS(poura_keyset_to_json(keyset, NULL, &file), POURA_ERROR_INVALID_ARGUMENT);
    CHECK_OK(poura_keyset_to_json(keyset, "pass phrase", &file));
    CHECK(strstr(buffer_text(file), "ENCRYPTED PRIVATE KEY") != NULL);
    CHECK_STATUS(poura_keyset_from_json(buffer_text(file), "other", &back), POURA_ERROR_WRONG_PASSPHRASE);
    CHECK_OK(poura_keyset_from_json(buffer_text(file), "pass phrase", &back));
    CHECK_OK(poura_keyset_free(back));
    back = NULL;
    CHECK_OK(poura_keyset_to_unencrypted_json(keyset, &plain));
    CHECK_OK(poura_keyset_from_json(buffer_text(plain), NULL, &back));
    CHECK_OK(poura_keyset_free(back));
    CHECK_STATUS(poura_keyset_from_json("{\"keys\": []}", NULL, &back), POURA_ERROR_KEY_INVALID);
    CHECK(back == NULL);

    CHECK_OK(poura_keyset_rotate(keyset, second, NOW + 100 * DAY));
    CHECK_OK(poura_keyset_to_public_json(keyset, &public_json));
    CHECK(count_occurrences(buffer_text(public_json), "\"kid\"") == 2);
    CHECK(strstr(buffer_text(public_json), "PRIVATE") == NULL);
    CHECK_OK(poura_public_keys_new(&keys));
    CHECK_OK(poura_public_keys_add_json(keys, buffer_text(public_json)));
    CHECK_OK(poura_public_keys_count(keys, &count));
    CHECK(count == 2);
    CHECK_STATUS(poura_public_keys_add_json(keys, "{\"algorithm\": \"EdDSA\", \"public_key\": \"00\"}"),
                 POURA_ERROR_KEY_INVALID);
    CHECK_STATUS(poura_public_keys_add_json(keys, "not json"), POURA_ERROR_MALFORMED_INPUT);
    CHECK_STATUS(poura_public_keys_add_raw(keys, "RSA", (const uint8_t *)"x", 1), POURA_ERROR_UNSUPPORTED);
    CHECK_STATUS(poura_public_keys_add_file(keys, "/nonexistent/root.pub.json"), POURA_ERROR_IO);
    CHECK_OK(poura_public_keys_count(keys, &count));
    CHECK(count == 2);

    /* The primary key after rotation is the second one. */
    CHECK_OK(poura_keyset_primary_key(keyset, &primary));
    CHECK_OK(poura_private_key_to_public_json(primary, &primary_json));
    CHECK_OK(poura_private_key_to_public_json(first, &first_json));
    CHECK(strcmp(buffer_text(primary_json), buffer_text(first_json)) != 0);

    CHECK_OK(poura_public_keys_free(keys));
    CHECK_OK(poura_buffer_free(file));
    CHECK_OK(poura_buffer_free(plain));
    CHECK_OK(poura_buffer_free(public_json));
    CHECK_OK(poura_buffer_free(first_json));
    CHECK_OK(poura_buffer_free(primary_json));
    CHECK_OK(poura_keyset_free(back));
    CHECK_OK(poura_keyset_free(keyset));
    CHECK_OK(poura_private_key_free(first));
    CHECK_OK(poura_private_key_free(second));
    CHECK_OK(poura_private_key_free(primary));
    case_end();
}

/* ----- a municipality and its ministry ---------------------------------- */

struct world {
    poura_private_key *root;
    poura_public_keys *roots;
    poura_keyset *issuer;
    poura_bundle *bundle;
    poura_trust *trust;
    poura_verify_options *options;
};

static poura_buffer *sign_bundle(const struct world *w) {
    poura_buffer *signed_bundle = NULL;
    CHECK_OK(poura_bundle_sign(w->bundle, w->root, &signed_bundle));
    return signed_bundle;
}

/* Publishes the bundle anew with the next sequence and hands it to the
 * verifier as an update. */
static void publish(struct world *w) {
    uint64_t sequence = 0;
    poura_buffer *signed_bundle;
    const uint8_t *data = NULL;
    size_t size = 0;
    CHECK_OK(poura_bundle_sequence(w->bundle, &sequence));
    CHECK_OK(poura_bundle_renew(w->bundle, sequence + 1, NOW, NOW + 30 * DAY));
    signed_bundle = sign_bundle(w);
    CHECK_OK(poura_buffer_data(signed_bundle, &data, &size));
    CHECK_OK(poura_trust_update(w->trust, data, size));
    CHECK_OK(poura_buffer_free(signed_bundle));
}

static void add_issuer(struct world *w) {
    static const char *const types[] = {"citizenship", "receipt"};
    poura_buffer *public_json = NULL;
    CHECK_OK(poura_keyset_to_public_json(w->issuer, &public_json));
    CHECK_OK(poura_bundle_add_issuers(w->bundle, buffer_text(public_json), ISSUER_CODE, "সারিয়াকান্দি পৌরসভা",
                                      "Sariakandi Pourashava", types, 2));
    CHECK_OK(poura_buffer_free(public_json));
}

static void world_create(struct world *w) {
    poura_private_key *first = NULL;
    poura_buffer *root_json = NULL, *signed_bundle;
    const uint8_t *data = NULL;
    size_t size = 0;
    memset(w, 0, sizeof *w);
    CHECK_OK(poura_private_key_generate(&w->root));
    CHECK_OK(poura_private_key_to_public_json(w->root, &root_json));
    CHECK_OK(poura_public_keys_new(&w->roots));
    CHECK_OK(poura_public_keys_add_json(w->roots, buffer_text(root_json)));
    CHECK_OK(poura_private_key_generate(&first));
    CHECK_OK(poura_keyset_create(first, NOW - DAY, &w->issuer));
    CHECK_OK(poura_bundle_new(1, NOW, NOW + 30 * DAY, &w->bundle));
    add_issuer(w);
    signed_bundle = sign_bundle(w);
    CHECK_OK(poura_buffer_data(signed_bundle, &data, &size));
    CHECK_OK(poura_trust_from_bundle(data, size, w->roots, 0, &w->trust));
    CHECK_OK(poura_verify_options_new(&w->options));
    CHECK_OK(poura_verify_options_set_now(w->options, NOW + DAY));
    CHECK_OK(poura_buffer_free(signed_bundle));
    CHECK_OK(poura_buffer_free(root_json));
    CHECK_OK(poura_private_key_free(first));
}

static void world_free(struct world *w) {
    CHECK_OK(poura_verify_options_free(w->options));
    CHECK_OK(poura_trust_free(w->trust));
    CHECK_OK(poura_bundle_free(w->bundle));
    CHECK_OK(poura_keyset_free(w->issuer));
    CHECK_OK(poura_public_keys_free(w->roots));
    CHECK_OK(poura_private_key_free(w->root));
}

static poura_certificate *issue(const struct world *w, const char *document, const char *serial) {
    poura_issue_options *options = NULL;
    poura_certificate *certificate = NULL;
    CHECK_OK(poura_issue_options_new(&options));
    CHECK_OK(poura_issue_options_set_serial(options, serial));
    CHECK_OK(poura_issue_options_set_issued_at(options, NOW));
    CHECK_OK(poura_certificate_issue(document, w->issuer, ISSUER_CODE, options, &certificate));
    CHECK_OK(poura_issue_options_free(options));
    return certificate;
}

/* The reason code a verification gives ("" when the call failed); the
 * result is freed. */
static const char *verify_reason(const struct world *w, const char *qr_text) {
    static char reason[64];
    poura_result *result = NULL;
    const char *code = "";
    reason[0] = '\0';
    CHECK_OK(poura_certificate_verify(qr_text, w->trust, w->options, &result));
    if (result != NULL) CHECK_OK(poura_result_reason_code(result, &code));
    snprintf(reason, sizeof reason, "%s", code ? code : "");
    CHECK_OK(poura_result_free(result));
    return reason;
}

static void test_issue_and_verify(void) {
    struct world w;
    poura_certificate *certificate;
    poura_result *result = NULL;
    const char *qr = NULL, *text = NULL, *serial = NULL;
    int verdict = -1, stage = -1, reason = -1, present = -1, freshness = -1, has_issuer = -1;
    int64_t seconds = 0, issued_at = 0, expires_at = 0;
    uint64_t sequence = 0;
    char *tampered;

    case_begin("issue a certificate and verify it: every accessor");
    world_create(&w);
    certificate = issue(&w, citizenship_json, "C-2026-000001");
    CHECK(certificate != NULL);
    CHECK_OK(poura_certificate_qr_text(certificate, &qr));
    CHECK(qr != NULL && strncmp(qr, "BD1:", 4) == 0);
    CHECK_OK(poura_certificate_serial(certificate, &serial));
    CHECK_STR(serial, "C-2026-000001");
    CHECK_OK(poura_certificate_issued_at(certificate, &issued_at));
    CHECK(issued_at == NOW);
    CHECK_OK(poura_certificate_expires_at(certificate, &expires_at));
    CHECK_OK(poura_certificate_kid(certificate, &text));
    CHECK(text != NULL && strlen(text) == 16);
    CHECK_OK(poura_certificate_document_json(certificate, &text));
    CHECK(text != NULL && strstr(text, "Rahima") != NULL);

    CHECK_OK(poura_certificate_verify(qr, w.trust, w.options, &result));
    CHECK_OK(poura_result_verdict(result, &verdict));
    CHECK(verdict == POURA_VERDICT_VALID);
    CHECK_OK(poura_result_stage(result, &stage));
    CHECK(stage == POURA_STAGE_DONE);
    CHECK_OK(poura_result_reason(result, &reason));
    CHECK(reason == POURA_REASON_OK);
    CHECK_OK(poura_result_document_type(result, &text));
    CHECK_STR(text, "citizenship");
    CHECK_OK(poura_result_serial(result, &text));
    CHECK_STR(text, "C-2026-000001");
    CHECK_OK(poura_result_issuer_claim(result, &text));
    CHECK_STR(text, ISSUER_CODE);
    CHECK_OK(poura_result_has_issuer(result, &has_issuer));
    CHECK(has_issuer == 1);
    CHECK_OK(poura_result_issuer_code(result, &text));
    CHECK_STR(text, ISSUER_CODE);
    CHECK_OK(poura_result_issuer_name(result, POURA_LANGUAGE_BN, &text));
    CHECK_STR(text, "সারিয়াকান্দি পৌরসভা");
    CHECK_OK(poura_result_issuer_name(result, POURA_LANGUAGE_EN, &text));
    CHECK_STR(text, "Sariakandi Pourashava");
    CHECK_STATUS(poura_result_issuer_name(result, 7, &text), POURA_ERROR_INVALID_ARGUMENT);
    CHECK(text == NULL);
    CHECK_OK(poura_result_issuer_algorithm(result, &text));
    CHECK_STR(text, "EdDSA");
    CHECK_OK(poura_certificate_kid(certificate, &serial));
    CHECK_OK(poura_result_issuer_kid(result, &text));
    CHECK_STR(text, serial);
    CHECK_OK(poura_result_time(result, POURA_TIME_ISSUED_AT, &present, &seconds));
    CHECK(present == 1 && seconds == NOW);
    CHECK_OK(poura_result_time(result, POURA_TIME_EXPIRES_AT, &present, &seconds));
    CHECK(present == (expires_at != 0) && seconds == expires_at);
    CHECK_STATUS(poura_result_time(result, 9, &present, &seconds), POURA_ERROR_INVALID_ARGUMENT);
    CHECK_OK(poura_result_freshness(result, &freshness));
    CHECK(freshness == POURA_FRESHNESS_FRESH);
    CHECK_OK(poura_result_trust_sequence(result, &sequence));
    CHECK(sequence == 1);
    CHECK_OK(poura_result_message(result, POURA_LANGUAGE_EN, &text));
    CHECK(text != NULL && text[0] != '\0');
    CHECK_OK(poura_result_detail(result, &text));
    CHECK_OK(poura_result_document_json(result, &text));
    CHECK(text != NULL && strstr(text, "\"name_en\":\"Mst. Rahima Khatun\"") != NULL);
    CHECK_OK(poura_result_json(result, &text));
    CHECK(text != NULL && strstr(text, "\"verdict\":\"valid\"") != NULL);
    CHECK_OK(poura_result_free(result));
    result = NULL;

    /* A forged copy: the call succeeds, the verdict says invalid. */
    tampered = malloc(strlen(qr) + 1);
    CHECK(tampered != NULL);
    if (tampered != NULL) {
        strcpy(tampered, qr);
        tampered[strlen(tampered) / 2] = tampered[strlen(tampered) / 2] == 'A' ? 'B' : 'A';
        CHECK_OK(poura_certificate_verify(tampered, w.trust, w.options, &result));
        CHECK_OK(poura_result_verdict(result, &verdict));
        CHECK(verdict == POURA_VERDICT_INVALID);
        CHECK_OK(poura_result_free(result));
        free(tampered);
    }
    CHECK_STR(verify_reason(&w, "not a certificate"), "bad_prefix");
    CHECK_STR(verify_reason(&w, ""), "bad_prefix");

    /* Defaults when no options are given: verified at the system clock. */
    CHECK_OK(poura_certificate_verify(qr, w.trust, NULL, &result));
    CHECK_OK(poura_result_free(result));

    CHECK_OK(poura_certificate_free(certificate));
    world_free(&w);
    case_end();
}

/* The first byte of the envelope under a BD1 text: its first three Base45
 * characters hold the first two bytes; -1 when they are not Base45. */
static int first_envelope_byte(const char *qr_text) {
    static const char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
    long value = 0, scale = 1;
    int i;
    if (qr_text == NULL || strncmp(qr_text, "BD1:", 4) != 0 || strlen(qr_text) < 7) return -1;
    for (i = 4; i < 7; ++i, scale *= 45) {
        const char *at = strchr(alphabet, qr_text[i]);
        if (at == NULL) return -1;
        value += (long)(at - alphabet) * scale;
    }
    return value > 0xFFFF ? -1 : (int)(value >> 8);
}

/* A family of six heirs: names that repeat their parts, as families' do,
 * which zlib shortens by a fifth. */
static const char *const heirship_json =
    "{\"type\": \"heirship\", \"deceased\": {\"name_bn\": \"মোঃ আব্দুল করিম\", \"name_en\": \"Md. Abdul Karim\","
    " \"nid\": \"5512345678\", \"date_of_death\": \"2025-03-01\", \"address_bn\": \"চন্দনবাইশা, সারিয়াকান্দি, বগুড়া\"},"
    " \"heirs\": ["
    "{\"name_bn\": \"মোছাঃ ফাতেমা বেগম\", \"name_en\": \"Mst. Fatema Begum\", \"relation\": \"wife\"},"
    "{\"name_bn\": \"মোঃ রফিকুল ইসলাম\", \"name_en\": \"Md. Rafiqul Islam\", \"relation\": \"son\"},"
    "{\"name_bn\": \"মোঃ শফিকুল ইসলাম\", \"name_en\": \"Md. Shafiqul Islam\", \"relation\": \"son\"},"
    "{\"name_bn\": \"মোঃ আমিনুল ইসলাম\", \"name_en\": \"Md. Aminul Islam\", \"relation\": \"son\"},"
    "{\"name_bn\": \"মোছাঃ রহিমা খাতুন\", \"name_en\": \"Mst. Rahima Khatun\", \"relation\": \"daughter\"},"
    "{\"name_bn\": \"মোছাঃ সালমা খাতুন\", \"name_en\": \"Mst. Salma Khatun\", \"relation\": \"daughter\"}],"
    " \"ward\": 3}";

/* allow: 1 or 0 for poura_issue_options_set_compression, -1 to leave the default. */
static poura_certificate *issue_heirship(const struct world *w, int allow) {
    poura_issue_options *options = NULL;
    poura_certificate *certificate = NULL;
    CHECK_OK(poura_issue_options_new(&options));
    CHECK_OK(poura_issue_options_set_serial(options, "H-2026-000001"));
    CHECK_OK(poura_issue_options_set_issued_at(options, NOW));
    if (allow >= 0) CHECK_OK(poura_issue_options_set_compression(options, allow));
    CHECK_OK(poura_certificate_issue(heirship_json, w->issuer, ISSUER_CODE, options, &certificate));
    CHECK_OK(poura_issue_options_free(options));
    return certificate;
}

static void test_issue_compression(void) {
    enum { ZLIB_HEADER = 0x78, COSE_SIGN1_TAG = 0xD2 };
    struct world w;
    poura_certificate *by_default, *allowed, *refused;
    const char *default_text = NULL, *allowed_text = NULL, *refused_text = NULL, *reason = NULL;
    poura_buffer *issuer_keys = NULL;
    poura_public_keys *keys = NULL;
    poura_trust *trust = NULL;
    poura_result *result = NULL;
    const char *texts[2];
    size_t i;

    case_begin("issuing compresses a certificate when that makes it shorter, unless told not to");
    world_create(&w);
    by_default = issue_heirship(&w, -1);
    allowed = issue_heirship(&w, 1);
    refused = issue_heirship(&w, 0);
    CHECK_OK(poura_certificate_qr_text(by_default, &default_text));
    CHECK_OK(poura_certificate_qr_text(allowed, &allowed_text));
    CHECK_OK(poura_certificate_qr_text(refused, &refused_text));
    CHECK(first_envelope_byte(default_text) == ZLIB_HEADER);
    CHECK(first_envelope_byte(refused_text) == COSE_SIGN1_TAG);
    /* Ed25519 signatures are deterministic: the same options give the same text. */
    CHECK_STR(allowed_text, default_text != NULL ? default_text : "");
    CHECK(default_text != NULL && refused_text != NULL && strlen(default_text) < strlen(refused_text));

    /* Both verify, against the issuer's keys (which allow every document type). */
    CHECK_OK(poura_keyset_to_public_json(w.issuer, &issuer_keys));
    CHECK_OK(poura_public_keys_new(&keys));
    CHECK_OK(poura_public_keys_add_json(keys, buffer_text(issuer_keys)));
    CHECK_OK(poura_trust_from_keys(keys, &trust));
    texts[0] = default_text;
    texts[1] = refused_text;
    for (i = 0; i < 2; ++i) {
        reason = NULL;
        CHECK_OK(poura_certificate_verify(texts[i] != NULL ? texts[i] : "", trust, w.options, &result));
        CHECK_OK(poura_result_reason_code(result, &reason));
        CHECK_STR(reason, "ok");
        CHECK_OK(poura_result_free(result));
        result = NULL;
    }

    CHECK_OK(poura_trust_free(trust));
    CHECK_OK(poura_public_keys_free(keys));
    CHECK_OK(poura_buffer_free(issuer_keys));
    CHECK_OK(poura_certificate_free(by_default));
    CHECK_OK(poura_certificate_free(allowed));
    CHECK_OK(poura_certificate_free(refused));
    world_free(&w);
    case_end();
}

static void test_issue_errors(void) {
    struct world w;
    poura_certificate *certificate = (poura_certificate *)1;
    case_begin("issuing refuses bad documents with their codes");
    world_create(&w);
    CHECK_STATUS(poura_certificate_issue("{", w.issuer, ISSUER_CODE, NULL, &certificate),
                 POURA_ERROR_MALFORMED_INPUT);
    CHECK(certificate == NULL);
    CHECK_STATUS(poura_certificate_issue("{\"type\": \"passport\"}", w.issuer, ISSUER_CODE, NULL, &certificate),
                 POURA_ERROR_UNKNOWN_DOCUMENT_TYPE);
    CHECK_STATUS(poura_certificate_issue("{\"type\": \"citizenship\", \"name_en\": \"X\"}", w.issuer, ISSUER_CODE,
                                         NULL, &certificate),
                 POURA_ERROR_DOCUMENT_INVALID);
    CHECK(strlen(poura_last_error()) > 0);
    CHECK_STATUS(poura_certificate_issue(citizenship_json, w.issuer, NULL, NULL, &certificate),
                 POURA_ERROR_NULL_POINTER);
    world_free(&w);
    case_end();
}

static void test_trust_lifecycle(void) {
    struct world w;
    poura_certificate *certificate, *later;
    poura_buffer *old_bundle, *bundle_json = NULL;
    poura_bundle *opened = NULL;
    poura_trust *second = NULL;
    poura_private_key *next = NULL;
    const uint8_t *data = NULL;
    size_t size = 0;
    const char *qr = NULL, *later_qr = NULL, *kid = NULL;
    char kid_copy[64];
    int freshness = -1;
    uint64_t sequence = 0;
    int64_t next_update = 0;

    case_begin("trust: open, freshness, rollback, revocation, suspension, rotation");
    world_create(&w);
    certificate = issue(&w, citizenship_json, "C-2026-000002");
    CHECK_OK(poura_certificate_qr_text(certificate, &qr));
    CHECK_OK(poura_certificate_kid(certificate, &kid));
    snprintf(kid_copy, sizeof kid_copy, "%s", kid ? kid : "");
    old_bundle = sign_bundle(&w);
    CHECK_OK(poura_buffer_data(old_bundle, &data, &size));

    /* The publisher reads the bundle back. */
    CHECK_OK(poura_bundle_open(data, size, w.roots, &opened));
    CHECK_OK(poura_bundle_sequence(opened, &sequence));
    CHECK(sequence == 1);
    CHECK_OK(poura_bundle_to_json(opened, &bundle_json));
    CHECK(strstr(buffer_text(bundle_json), ISSUER_CODE) != NULL);
    CHECK_OK(poura_bundle_free(opened));
    CHECK_OK(poura_buffer_free(bundle_json));

    /* Freshness: fresh until next update, stale for the grace period, then expired. */
    CHECK_OK(poura_trust_next_update(w.trust, &next_update));
    CHECK(next_update == NOW + 30 * DAY);
    CHECK_OK(poura_trust_freshness(w.trust, NOW + DAY, 7 * DAY, &freshness));
    CHECK(freshness == POURA_FRESHNESS_FRESH);
    CHECK_OK(poura_trust_freshness(w.trust, NOW + 31 * DAY, 7 * DAY, &freshness));
    CHECK(freshness == POURA_FRESHNESS_STALE);
    CHECK_OK(poura_trust_freshness(w.trust, NOW + 40 * DAY, 7 * DAY, &freshness));
    CHECK(freshness == POURA_FRESHNESS_EXPIRED);
    /* Issued (at NOW) later than the clock plus the 300 s skew: the clock is suspect. */
    CHECK_OK(poura_trust_freshness(w.trust, NOW - 300, 7 * DAY, &freshness));
    CHECK(freshness == POURA_FRESHNESS_FRESH);
    CHECK_OK(poura_trust_freshness(w.trust, NOW - 301, 7 * DAY, &freshness));
    CHECK(freshness == POURA_FRESHNESS_CLOCK_SUSPECT);
    CHECK_STATUS(poura_trust_freshness(w.trust, NOW, -1, &freshness), POURA_ERROR_INVALID_ARGUMENT);
    CHECK_OK(poura_verify_options_set_now(w.options, NOW + 40 * DAY));
    CHECK_STR(verify_reason(&w, qr), "trust_expired");
    CHECK_OK(poura_verify_options_set_grace_period(w.options, 20 * DAY));
    CHECK_STR(verify_reason(&w, qr), "ok");
    CHECK_OK(poura_verify_options_set_now(w.options, NOW + DAY));

    /* Revoking the certificate. */
    CHECK_OK(poura_bundle_revoke(w.bundle, ISSUER_CODE, "C-2026-000002"));
    publish(&w);
    CHECK_OK(poura_trust_sequence(w.trust, &sequence));
    CHECK(sequence == 2);
    CHECK_STR(verify_reason(&w, qr), "revoked");
    /* The verifier's trust describes the bundle it holds now. */
    CHECK_OK(poura_trust_to_json(w.trust, &bundle_json));
    CHECK(strstr(buffer_text(bundle_json), "\"sequence\": 2") != NULL);
    CHECK(strstr(buffer_text(bundle_json), "\"issuer\": \"" ISSUER_CODE "\"") != NULL);
    CHECK(strstr(buffer_text(bundle_json), "\"next_update\": \"2026-") != NULL);
    CHECK(strstr(buffer_text(bundle_json), "\"revoked\": [\n    \"") != NULL);
    CHECK_OK(poura_buffer_free(bundle_json));
    bundle_json = (poura_buffer *)1;
    CHECK_STATUS(poura_trust_to_json(NULL, &bundle_json), POURA_ERROR_NULL_POINTER);
    CHECK(bundle_json == NULL);

    /* An older bundle is a rollback, as an update and when opening. */
    CHECK_STATUS(poura_trust_update(w.trust, data, size), POURA_ERROR_TRUST_ROLLBACK);
    CHECK_OK(poura_trust_sequence(w.trust, &sequence));
    CHECK(sequence == 2);
    CHECK_STATUS(poura_trust_from_bundle(data, size, w.roots, 2, &second), POURA_ERROR_TRUST_ROLLBACK);
    CHECK(second == NULL);
    CHECK_STATUS(poura_trust_from_bundle(data, size / 2, w.roots, 0, &second), POURA_ERROR_TRUST_BUNDLE_INVALID);
    CHECK_STATUS(poura_trust_from_bundle_file("/nonexistent/trust.bundle", w.roots, 0, &second), POURA_ERROR_IO);

    /* Suspending the issuer's key. */
    CHECK_STATUS(poura_bundle_set_issuer_status(w.bundle, "0011223344556677", POURA_ISSUER_SUSPENDED),
                 POURA_ERROR_ISSUER_UNKNOWN);
    CHECK_STATUS(poura_bundle_set_issuer_status(w.bundle, kid_copy, 17), POURA_ERROR_INVALID_ARGUMENT);
    CHECK_OK(poura_bundle_set_issuer_status(w.bundle, kid_copy, POURA_ISSUER_SUSPENDED));
    publish(&w);
    CHECK_OK(poura_certificate_free(certificate));
    certificate = issue(&w, citizenship_json, "C-2026-000003");
    CHECK_OK(poura_certificate_qr_text(certificate, &qr));
    CHECK_STR(verify_reason(&w, qr), "key_revoked");
    CHECK_OK(poura_bundle_set_issuer_status(w.bundle, kid_copy, POURA_ISSUER_ACTIVE));
    publish(&w);
    CHECK_STR(verify_reason(&w, qr), "ok");

    /* Rotating the issuer's key: adding the issuer again publishes it, and
     * certificates signed with the old key keep verifying. */
    CHECK_OK(poura_private_key_generate(&next));
    CHECK_OK(poura_keyset_rotate(w.issuer, next, NOW));
    add_issuer(&w);
    publish(&w);
    later = issue(&w, citizenship_json, "C-2026-000004");
    CHECK_OK(poura_certificate_qr_text(later, &later_qr));
    CHECK_OK(poura_certificate_kid(later, &kid));
    CHECK(kid != NULL && strcmp(kid, kid_copy) != 0);
    CHECK_STR(verify_reason(&w, later_qr), "ok");
    CHECK_STR(verify_reason(&w, qr), "ok");

    CHECK_OK(poura_certificate_free(later));
    CHECK_OK(poura_certificate_free(certificate));
    CHECK_OK(poura_private_key_free(next));
    CHECK_OK(poura_buffer_free(old_bundle));
    world_free(&w);
    case_end();
}

/* RFC 8032 section 7.1, test 1: a key must be a curve point to be taken. */
static const uint8_t kRfc8032PublicKey[32] = {
    0xd7, 0x5a, 0x98, 0x01, 0x82, 0xb1, 0x0a, 0xb7, 0xd5, 0x4b, 0xfe, 0xd3, 0xc9, 0x64, 0x07, 0x3a,
    0x0e, 0xe1, 0x72, 0xf3, 0xda, 0xa6, 0x23, 0x25, 0xaf, 0x02, 0x1a, 0x68, 0xf7, 0x07, 0x51, 0x1a};

static void test_trust_from_keys(void) {
    poura_public_keys *keys = NULL;
    poura_trust *trust = NULL;
    poura_buffer *described = NULL;
    uint64_t sequence = 9;
    int freshness = -1;
    case_begin("trust from keys alone is never stale; empty trust is refused");
    CHECK_OK(poura_public_keys_new(&keys));
    CHECK_STATUS(poura_trust_from_keys(keys, &trust), POURA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(poura_trust_from_bundle((const uint8_t *)"x", 1, keys, 0, &trust), POURA_ERROR_INVALID_ARGUMENT);
    CHECK_OK(poura_public_keys_add_raw(keys, "EdDSA", kRfc8032PublicKey, sizeof kRfc8032PublicKey));
    CHECK_OK(poura_trust_from_keys(keys, &trust));
    CHECK_OK(poura_trust_sequence(trust, &sequence));
    CHECK(sequence == 0);
    CHECK_OK(poura_trust_freshness(trust, NOW + 1000 * DAY, 0, &freshness));
    CHECK(freshness == POURA_FRESHNESS_FRESH);
    /* No bundle: no times, and the keys themselves as the issuers. */
    CHECK_OK(poura_trust_to_json(trust, &described));
    CHECK(strstr(buffer_text(described), "\"sequence\": 0") != NULL);
    CHECK(strstr(buffer_text(described), "\"issued_at\": null") != NULL);
    CHECK(strstr(buffer_text(described), "\"next_update\": null") != NULL);
    CHECK(strstr(buffer_text(described),
                 "\"public_key\": \"d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a\"") != NULL);
    CHECK_OK(poura_buffer_free(described));
    CHECK_STATUS(poura_trust_update(trust, (const uint8_t *)"x", 1), POURA_ERROR_INVALID_ARGUMENT);
    CHECK_OK(poura_trust_free(trust));
    CHECK_OK(poura_public_keys_free(keys));
    case_end();
}

static void test_verify_options(void) {
    poura_verify_options *options = NULL;
    case_begin("verify options refuse values out of range");
    CHECK_OK(poura_verify_options_new(&options));
    CHECK_OK(poura_verify_options_set_scheme(options, POURA_SCHEME_HC1));
    CHECK_OK(poura_verify_options_set_scheme(options, POURA_SCHEME_BD1));
    CHECK_STATUS(poura_verify_options_set_scheme(options, 2), POURA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(poura_verify_options_set_clock_skew(options, -1), POURA_ERROR_INVALID_ARGUMENT);
    CHECK_OK(poura_verify_options_set_clock_skew(options, 0));
    CHECK_STATUS(poura_verify_options_set_grace_period(options, -1), POURA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(poura_verify_options_set_max_inflated_size(options, 0), POURA_ERROR_INVALID_ARGUMENT);
    CHECK_OK(poura_verify_options_set_max_inflated_size(options, 1024));
    CHECK_OK(poura_verify_options_free(options));
    case_end();
}

/* ----- QR images -------------------------------------------------------- */

static void test_qr(void) {
    static const char *const text = "BD1:6BFOXN*TS0BI$ZD4N9:9S6RCVN5+O30K3/XIV0W23NTDEN";
    poura_buffer *svg = NULL, *png = NULL, *small = NULL, *read = NULL, *terminal = NULL,
                 *refused = (poura_buffer *)1;
    const uint8_t *data = NULL, *small_data = NULL;
    size_t size = 0, small_size = 0, lines = 0, first_line = 0, i;
    case_begin("QR codes: SVG, PNG and terminal text, options, reading a PNG back");
    CHECK_OK(poura_qr_render_svg(text, POURA_ECC_Q, 4, 2, &svg));
    CHECK(strstr(buffer_text(svg), "<svg") != NULL);
    CHECK_OK(poura_qr_render_png(text, POURA_ECC_M, 8, 4, &png));
    CHECK_OK(poura_buffer_data(png, &data, &size));
    CHECK(size > 8 && memcmp(data, "\x89PNG\r\n\x1a\n", 8) == 0);
    CHECK_OK(poura_qr_render_png(text, POURA_ECC_M, 2, 4, &small));
    CHECK_OK(poura_buffer_data(small, &small_data, &small_size));
    CHECK(small_size < size);
    CHECK_OK(poura_qr_read_image(data, size, &read));
    CHECK_STR(buffer_text(read), text);
    /* Terminal text: one line per two rows of modules. With a quiet zone of
     * two, the first line is the quiet zone's full blocks (U+2588), one per
     * module of the symbol's odd width plus four. */
    CHECK_OK(poura_qr_render_text(text, POURA_ECC_Q, 2, &terminal));
    lines = count_occurrences(buffer_text(terminal), "\n");
    first_line = strcspn(buffer_text(terminal), "\n");
    CHECK(lines >= 12 && first_line == 3 * (2 * lines - 1));
    for (i = 0; i + 3 <= first_line; i += 3) CHECK(memcmp(buffer_text(terminal) + i, "\xe2\x96\x88", 3) == 0);
    CHECK(strstr(buffer_text(terminal), "\xe2\x96\x80") != NULL || /* upper and lower half blocks */
          strstr(buffer_text(terminal), "\xe2\x96\x84") != NULL);
    CHECK_STATUS(poura_qr_render_text(NULL, POURA_ECC_Q, 2, &refused), POURA_ERROR_NULL_POINTER);
    CHECK_STATUS(poura_qr_render_text(text, -1, 2, &refused), POURA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(poura_qr_render_svg(text, 4, 4, 2, &refused), POURA_ERROR_INVALID_ARGUMENT);
    CHECK(refused == NULL);
    CHECK_STATUS(poura_qr_render_png(text, POURA_ECC_L, 0, 4, &refused), POURA_ERROR_INVALID_ARGUMENT);
    /* Every renderer refuses the same out-of-range sizes and margins. */
    CHECK_STATUS(poura_qr_render_svg(text, POURA_ECC_L, 0, 4, &refused), POURA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(poura_qr_render_svg(text, POURA_ECC_L, 101, 4, &refused), POURA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(poura_qr_render_svg(text, POURA_ECC_L, 4, -1, &refused), POURA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(poura_qr_render_png(text, POURA_ECC_L, 4, 101, &refused), POURA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(poura_qr_render_text(text, POURA_ECC_L, -1, &refused), POURA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(poura_qr_render_text(text, POURA_ECC_L, 101, &refused), POURA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(poura_qr_render_png("", POURA_ECC_L, 4, 4, &refused), POURA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(poura_qr_read_image((const uint8_t *)"GIF89a", 6, &refused), POURA_ERROR_UNSUPPORTED);
    CHECK_STATUS(poura_qr_read_image(NULL, 0, &refused), POURA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(poura_qr_read_image(NULL, 10, &refused), POURA_ERROR_NULL_POINTER);
    CHECK(refused == NULL);
    CHECK_OK(poura_buffer_free(svg));
    CHECK_OK(poura_buffer_free(png));
    CHECK_OK(poura_buffer_free(small));
    CHECK_OK(poura_buffer_free(read));
    CHECK_OK(poura_buffer_free(terminal));
    case_end();
}

/* ----- bills and receipts ----------------------------------------------- */

static poura_schedules *sample_schedules(void) {
    static const char *const files[] = {"kaliganj-2024-25.json", "kaliganj-2025-26.json", "shantipur-2025-26.json"};
    poura_schedules *schedules = NULL;
    size_t i;
    CHECK_OK(poura_schedules_new(&schedules));
    for (i = 0; i < 3; ++i) {
        char *folder = path_join(source_dir, "examples/schedules");
        char *path = path_join(folder, files[i]);
        CHECK_OK(poura_schedules_add_file(schedules, path));
        free(path);
        free(folder);
    }
    return schedules;
}

static void test_bills_and_receipts(void) {
    struct world w;
    poura_schedules *schedules = sample_schedules();
    poura_bill *bill = NULL;
    poura_buffer *list = NULL, *receipt = NULL;
    poura_certificate *certificate;
    const char *text = NULL, *qr = NULL;
    int64_t total = 0;
    size_t count = 0;

    case_begin("bills: schedules, a holding tax bill, a signed receipt for it");
    CHECK_OK(poura_schedules_count(schedules, &count));
    CHECK(count == 3);
    CHECK_STATUS(poura_schedules_add(schedules, "{}", "empty.json"), POURA_ERROR_SCHEDULE_INVALID);
    CHECK(strstr(poura_last_error(), "empty.json") != NULL);
    CHECK_STATUS(poura_schedules_add(schedules, "{", NULL), POURA_ERROR_SCHEDULE_INVALID);
    CHECK_STATUS(poura_schedules_add_file(schedules, NULL), POURA_ERROR_NULL_POINTER);
    CHECK_STATUS(poura_schedules_add_file(schedules, "/nonexistent/schedule.json"), POURA_ERROR_IO);
    CHECK_OK(poura_schedules_count(schedules, &count));
    CHECK(count == 3);
    CHECK_OK(poura_schedules_to_list_json(schedules, &list));
    CHECK(strstr(buffer_text(list), "kaliganj-2025-26") != NULL);

    CHECK_STATUS(poura_bill_holding_tax(schedules, "[]", &bill), POURA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(poura_bill_water(schedules, "{", &bill), POURA_ERROR_MALFORMED_INPUT);
    CHECK_OK(poura_bill_holding_tax(
        schedules, "{\"municipality\": \"kaliganj\", \"fiscal_year\": \"2025-26\", \"monthly_rent\": 10000}", &bill));
    CHECK_OK(poura_bill_total_poisha(bill, &total));
    CHECK(total == 2250000);
    CHECK_OK(poura_bill_text(bill, &text));
    CHECK(text != NULL && strstr(text, "22,500.00") != NULL);
    CHECK_OK(poura_bill_json(bill, &text));
    CHECK(text != NULL && strstr(text, "\"total_poisha\":2250000") != NULL);

    CHECK_STATUS(poura_bill_to_receipt_json(bill, "{\"payer\": \"x\"}", &receipt), POURA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(poura_bill_to_receipt_json(bill, "{\"reference\": 5}", &receipt), POURA_ERROR_INVALID_ARGUMENT);
    CHECK_OK(poura_bill_to_receipt_json(bill,
                                        "{\"payer_name_bn\": \"মোঃ আব্দুল করিম\", \"payer_name_en\": \"Md. Abdul Karim\","
                                        " \"reference\": \"H-0042\", \"paid_on\": \"2025-09-15\", \"method\": \"bank\"}",
                                        &receipt));
    CHECK(strstr(buffer_text(receipt), "\"type\":\"receipt\"") != NULL);

    /* The receipt is signed and verified like any certificate. */
    world_create(&w);
    certificate = issue(&w, buffer_text(receipt), "R-2025-000042");
    CHECK_OK(poura_certificate_qr_text(certificate, &qr));
    CHECK_STR(verify_reason(&w, qr), "ok");
    CHECK_OK(poura_certificate_free(certificate));
    world_free(&w);

    CHECK_OK(poura_buffer_free(receipt));
    CHECK_OK(poura_buffer_free(list));
    CHECK_OK(poura_bill_free(bill));
    CHECK_OK(poura_schedules_free(schedules));
    case_end();
}

/* ----- deprecated names ------------------------------------------------ */

/* The pair's outputs must be the same text. */
static void check_same_buffers(poura_buffer *old_name, poura_buffer *new_name) {
    CHECK(old_name != NULL && new_name != NULL);
    if (old_name != NULL && new_name != NULL) CHECK_STR(buffer_text(old_name), buffer_text(new_name));
    CHECK_OK(poura_buffer_free(old_name));
    CHECK_OK(poura_buffer_free(new_name));
}

/* Calling them is the point here, so their warnings are silenced. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
static void test_deprecated_names(void) {
    static const char *const details = "{\"payer_name_bn\": \"ক\", \"reference\": \"H-1\", \"paid_on\": \"2025-09-15\"}";
    poura_schedules *schedules = sample_schedules();
    poura_private_key *key = NULL;
    poura_keyset *keyset = NULL;
    poura_bill *bill = NULL;
    poura_buffer *old_name = NULL, *new_name = NULL;

    case_begin("each deprecated name gives what its replacement gives, and refuses what it refuses");
    CHECK_OK(poura_private_key_generate(&key));
    CHECK_OK(poura_keyset_create(key, NOW, &keyset));
    CHECK_OK(poura_bill_holding_tax(
        schedules, "{\"municipality\": \"kaliganj\", \"fiscal_year\": \"2025-26\", \"monthly_rent\": 10000}", &bill));

    CHECK_OK(poura_private_key_public_json(key, &old_name));
    CHECK_OK(poura_private_key_to_public_json(key, &new_name));
    check_same_buffers(old_name, new_name);
    CHECK_OK(poura_keyset_public_json(keyset, &old_name));
    CHECK_OK(poura_keyset_to_public_json(keyset, &new_name));
    check_same_buffers(old_name, new_name);
    CHECK_OK(poura_schedules_list_json(schedules, &old_name));
    CHECK_OK(poura_schedules_to_list_json(schedules, &new_name));
    check_same_buffers(old_name, new_name);
    CHECK_OK(poura_bill_receipt_document(bill, details, &old_name));
    CHECK_OK(poura_bill_to_receipt_json(bill, details, &new_name));
    check_same_buffers(old_name, new_name);

    old_name = (poura_buffer *)1;
    CHECK_STATUS(poura_private_key_public_json((const poura_private_key *)keyset, &old_name), POURA_ERROR_BAD_HANDLE);
    CHECK(old_name == NULL);
    CHECK_STATUS(poura_keyset_public_json(keyset, NULL), POURA_ERROR_NULL_POINTER);
    CHECK_STATUS(poura_schedules_list_json(NULL, &old_name), POURA_ERROR_NULL_POINTER);
    CHECK_STATUS(poura_bill_receipt_document(bill, "{\"reference\": 5}", &old_name), POURA_ERROR_INVALID_ARGUMENT);
    CHECK(old_name == NULL);

    CHECK_OK(poura_bill_free(bill));
    CHECK_OK(poura_keyset_free(keyset));
    CHECK_OK(poura_private_key_free(key));
    CHECK_OK(poura_schedules_free(schedules));
    case_end();
}
#pragma GCC diagnostic pop

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s <source-dir>\n", argv[0]);
        return 64;
    }
    source_dir = argv[1];
    test_versions();
    test_status_names();
    test_free_null();
    test_bad_handles();
    test_last_error_per_thread();
    test_private_keys();
    test_keysets();
    test_issue_and_verify();
    test_issue_compression();
    test_issue_errors();
    test_trust_lifecycle();
    test_trust_from_keys();
    test_verify_options();
    test_qr();
    test_bills_and_receipts();
    test_deprecated_names();
    return suite_finish("c_api");
}
