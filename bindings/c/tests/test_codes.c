/* The C API against the one table of codes, sdk/data/codes.json: every
 * status code's name and description, the verdict, stage and reason
 * constants of poura.h, and the names and messages a verification result
 * gives.
 *
 *   test_codes <source-dir>
 */
#include "support.h"

#include <poura.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static json_t *table;

/* The entry of `category` with this number, or NULL. */
static json_t *entry_numbered(const char *category, long long number) {
    size_t i;
    json_t *entry;
    json_array_foreach(json_object_get(table, category), i, entry) {
        if (json_integer_value(json_object_get(entry, "number")) == number) return entry;
    }
    return NULL;
}

static const char *text_of(json_t *entry, const char *key) {
    const char *text = json_string_value(json_object_get(entry, key));
    return text ? text : "(none)";
}

static void check_statuses(const char *category) {
    size_t i;
    json_t *entry;
    json_array_foreach(json_object_get(table, category), i, entry) {
        const int status = (int)json_integer_value(json_object_get(entry, "number"));
        CHECK_STR(poura_error_name(status), text_of(entry, "name"));
        CHECK_STR(poura_error_string(status), text_of(entry, "en"));
    }
}

static void test_status_codes(void) {
    case_begin("every status code has the table's name and description");
    CHECK(json_array_size(json_object_get(table, "errors")) > 10);
    check_statuses("errors");
    check_statuses("c_statuses");
    CHECK_STR(poura_error_name(-98), "unknown");
    case_end();
}

/* poura.h's constants by the table's category and name. */
static const struct {
    const char *category;
    const char *name;
    long long value;
} constants[] = {
    {"errors", "ok", POURA_OK},
    {"errors", "invalid_argument", POURA_ERROR_INVALID_ARGUMENT},
    {"errors", "trust_rollback", POURA_ERROR_TRUST_ROLLBACK},
    {"errors", "io_error", POURA_ERROR_IO},
    {"errors", "internal", POURA_ERROR_INTERNAL},
    {"c_statuses", "null_pointer", POURA_ERROR_NULL_POINTER},
    {"c_statuses", "bad_handle", POURA_ERROR_BAD_HANDLE},
    {"c_statuses", "out_of_memory", POURA_ERROR_OUT_OF_MEMORY},
    {"verdicts", "valid", POURA_VERDICT_VALID},
    {"verdicts", "invalid", POURA_VERDICT_INVALID},
    {"stages", "prefix", POURA_STAGE_PREFIX},
    {"stages", "base45", POURA_STAGE_BASE45},
    {"stages", "inflate", POURA_STAGE_INFLATE},
    {"stages", "cose", POURA_STAGE_COSE},
    {"stages", "header", POURA_STAGE_HEADER},
    {"stages", "key_lookup", POURA_STAGE_KEY_LOOKUP},
    {"stages", "signature", POURA_STAGE_SIGNATURE},
    {"stages", "time", POURA_STAGE_TIME},
    {"stages", "issuer", POURA_STAGE_ISSUER},
    {"stages", "revocation", POURA_STAGE_REVOCATION},
    {"stages", "document", POURA_STAGE_DOCUMENT},
    {"stages", "trust", POURA_STAGE_TRUST},
    {"stages", "done", POURA_STAGE_DONE},
    {"reasons", "ok", POURA_REASON_OK},
    {"reasons", "bad_prefix", POURA_REASON_BAD_PREFIX},
    {"reasons", "bad_base45", POURA_REASON_BAD_BASE45},
    {"reasons", "bad_compression", POURA_REASON_BAD_COMPRESSION},
    {"reasons", "bad_cose", POURA_REASON_BAD_COSE},
    {"reasons", "bad_header", POURA_REASON_BAD_HEADER},
    {"reasons", "unknown_key", POURA_REASON_UNKNOWN_KEY},
    {"reasons", "bad_signature", POURA_REASON_BAD_SIGNATURE},
    {"reasons", "not_yet_valid", POURA_REASON_NOT_YET_VALID},
    {"reasons", "expired", POURA_REASON_EXPIRED},
    {"reasons", "issuer_not_allowed", POURA_REASON_ISSUER_NOT_ALLOWED},
    {"reasons", "key_outside_validity", POURA_REASON_KEY_OUTSIDE_VALIDITY},
    {"reasons", "key_revoked", POURA_REASON_KEY_REVOKED},
    {"reasons", "revoked", POURA_REASON_REVOKED},
    {"reasons", "bad_document", POURA_REASON_BAD_DOCUMENT},
    {"reasons", "trust_expired", POURA_REASON_TRUST_EXPIRED},
    {"reasons", "internal_error", POURA_REASON_INTERNAL_ERROR},
    {"reasons", "too_long", POURA_REASON_TOO_LONG},
};

static void test_constants(void) {
    size_t i;
    case_begin("poura.h's constants have the table's numbers");
    for (i = 0; i < sizeof constants / sizeof constants[0]; ++i) {
        json_t *entry = entry_numbered(constants[i].category, constants[i].value);
        if (entry == NULL) {
            check_failed(__FILE__, __LINE__, "%s %s: %lld is not in the table", constants[i].category,
                         constants[i].name, constants[i].value);
            continue;
        }
        CHECK_STR(text_of(entry, "name"), constants[i].name);
    }
    /* Every stage and reason has its constant. */
    CHECK(json_array_size(json_object_get(table, "stages")) == POURA_STAGE_DONE + 1);
    CHECK(json_array_size(json_object_get(table, "reasons")) == POURA_REASON_TOO_LONG + 1);
    case_end();
}

/* Texts refused at the first four stages, before any key is needed. */
static const struct {
    const char *text;
    int stage;
    int reason;
} refused[] = {
    {"not a certificate", POURA_STAGE_PREFIX, POURA_REASON_BAD_PREFIX},
    {"BD1:lower case is no Base45", POURA_STAGE_BASE45, POURA_REASON_BAD_BASE45},
    {"BD1:6BFX507H050", POURA_STAGE_INFLATE, POURA_REASON_BAD_COMPRESSION}, /* 78 9c, then no deflate data */
    {"BD1:X507H0", POURA_STAGE_COSE, POURA_REASON_BAD_COSE},                /* 01 02 03 04 */
};

static void test_results(void) {
    poura_private_key *key = NULL;
    poura_buffer *key_json = NULL;
    const char *key_text = NULL;
    poura_public_keys *keys = NULL;
    poura_trust *trust = NULL;
    size_t i;
    case_begin("a result's names and messages are the table's");
    CHECK_OK(poura_private_key_generate(&key));
    CHECK_OK(poura_private_key_to_public_json(key, &key_json));
    CHECK_OK(poura_buffer_string(key_json, &key_text));
    CHECK_OK(poura_public_keys_new(&keys));
    CHECK_OK(poura_public_keys_add_json(keys, key_text));
    CHECK_OK(poura_trust_from_keys(keys, &trust));
    for (i = 0; i < sizeof refused / sizeof refused[0]; ++i) {
        poura_result *result = NULL;
        int verdict = -1, stage = -1, reason = -1;
        const char *stage_name = NULL, *reason_code = NULL, *en = NULL, *bn = NULL;
        json_t *expected;
        CHECK_OK(poura_certificate_verify(refused[i].text, trust, NULL, &result));
        CHECK_OK(poura_result_verdict(result, &verdict));
        CHECK_OK(poura_result_stage(result, &stage));
        CHECK_OK(poura_result_reason(result, &reason));
        CHECK_OK(poura_result_stage_name(result, &stage_name));
        CHECK_OK(poura_result_reason_code(result, &reason_code));
        CHECK_OK(poura_result_message(result, POURA_LANGUAGE_EN, &en));
        CHECK_OK(poura_result_message(result, POURA_LANGUAGE_BN, &bn));
        CHECK(verdict == POURA_VERDICT_INVALID);
        CHECK(stage == refused[i].stage);
        CHECK(reason == refused[i].reason);
        CHECK_STR(stage_name, text_of(entry_numbered("stages", stage), "name"));
        expected = entry_numbered("reasons", reason);
        CHECK_STR(reason_code, text_of(expected, "name"));
        CHECK_STR(en, text_of(expected, "en"));
        CHECK_STR(bn, text_of(expected, "bn"));
        poura_result_free(result);
    }
    poura_trust_free(trust);
    poura_public_keys_free(keys);
    poura_buffer_free(key_json);
    poura_private_key_free(key);
    case_end();
}

int main(int argc, char **argv) {
    char *path;
    json_error_t error;
    if (argc != 2) {
        fprintf(stderr, "usage: %s <source-dir>\n", argv[0]);
        return 64;
    }
    path = path_join(argv[1], "sdk/data/codes.json");
    table = json_load_file(path, 0, &error);
    if (table == NULL) {
        fprintf(stderr, "%s: %s\n", path, error.text);
        return 1;
    }
    free(path);
    test_status_codes();
    test_constants();
    test_results();
    json_decref(table);
    return suite_finish("c_codes");
}
