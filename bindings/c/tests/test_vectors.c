/* The shared test vectors (the .json files of tests/vectors/, described in
 * tests/vectors/README.md) through the C API: for every vector, the trust it
 * sets up (or the error that refuses it), the verdict, stage and reason, and
 * the document, issuer, serial and trust state when the vector states them.
 *
 *   test_vectors <vectors-dir>
 */
#include "support.h"

#include <poura.h>

#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The names of the C constants, indexed by their numbers: the vectors name
 * stages and reasons as text, so these check the numbering of poura.h. */
static const char *const stage_names[] = {"prefix", "base45",     "inflate",  "cose",  "header",
                                          "key_lookup", "signature", "time", "issuer", "revocation",
                                          "document", "trust",  "done"};
static const char *const reason_names[] = {
    "ok",           "bad_prefix", "bad_base45",         "bad_compression",      "bad_cose",
    "bad_header",   "unknown_key", "bad_signature",     "not_yet_valid",        "expired",
    "issuer_not_allowed", "key_outside_validity", "key_revoked", "revoked", "bad_document",
    "trust_expired", "internal_error", "too_long"};
static const char *const freshness_names[] = {"fresh", "stale", "expired", "clock_suspect"};

#define COUNT(array) (sizeof(array) / sizeof((array)[0]))

static int reasons_seen[COUNT(reason_names)];

static const char *name_at(const char *const *names, size_t count, int index) {
    return index >= 0 && (size_t)index < count ? names[index] : "(out of range)";
}

static const char *string_member(const json_t *object, const char *key) {
    return json_string_value(json_object_get(object, key));
}

/* Adds the keys a trust spec names; returns the status of the first failure. */
static int add_root_keys(poura_public_keys *keys, const json_t *roots) {
    size_t i;
    json_t *root;
    json_array_foreach(roots, i, root) {
        size_t size = 0;
        uint8_t *raw = base64_decode(string_member(root, "public_key"), &size);
        int status;
        CHECK(raw != NULL);
        status = poura_public_keys_add_raw(keys, string_member(root, "algorithm"), raw, size);
        free(raw);
        if (status != POURA_OK) return status;
    }
    return POURA_OK;
}

/* Sets up the trust a vector describes. *out_error is "" when every step
 * succeeded, else the error name of the first that failed. */
static poura_trust *load_trust(const json_t *spec, const char **out_error) {
    poura_public_keys *keys = NULL;
    poura_trust *trust = NULL;
    json_t *certificates = json_object_get(spec, "certificates");
    int status;
    *out_error = "";
    CHECK_OK(poura_public_keys_new(&keys));
    if (certificates != NULL) {
        size_t i;
        json_t *item;
        json_array_foreach(certificates, i, item) {
            size_t size = 0;
            uint8_t *der = base64_decode(json_string_value(item), &size);
            CHECK(der != NULL);
            CHECK_OK(poura_public_keys_add_certificate(keys, der, size));
            free(der);
        }
        CHECK_OK(poura_trust_from_keys(keys, &trust));
    } else {
        size_t size = 0;
        uint8_t *bundle = base64_decode(string_member(spec, "bundle"), &size);
        json_t *min_sequence = json_object_get(spec, "min_sequence");
        json_t *updates = json_object_get(spec, "updates");
        CHECK(bundle != NULL);
        CHECK_OK(add_root_keys(keys, json_object_get(spec, "roots")));
        status = poura_trust_from_bundle(bundle, size, keys,
                                         min_sequence ? (uint64_t)json_integer_value(min_sequence) : 0, &trust);
        free(bundle);
        if (status != POURA_OK) {
            CHECK(trust == NULL);
            *out_error = poura_error_name(status);
        } else if (updates != NULL) {
            size_t i;
            json_t *item;
            json_array_foreach(updates, i, item) {
                uint8_t *next = base64_decode(json_string_value(item), &size);
                CHECK(next != NULL);
                status = poura_trust_update(trust, next, size);
                free(next);
                if (status != POURA_OK) {
                    *out_error = poura_error_name(status);
                    break;
                }
            }
        }
    }
    CHECK_OK(poura_public_keys_free(keys));
    return trust;
}

static poura_verify_options *options_of(const json_t *vector) {
    poura_verify_options *options = NULL;
    json_t *o = json_object_get(vector, "options");
    CHECK_OK(poura_verify_options_new(&options));
    CHECK_OK(poura_verify_options_set_now(options, (int64_t)json_integer_value(json_object_get(vector, "now"))));
    if (o != NULL) {
        const char *scheme = string_member(o, "scheme");
        json_t *value;
        if (scheme != NULL) {
            CHECK(strcmp(scheme, "bd1") == 0 || strcmp(scheme, "hc1") == 0);
            CHECK_OK(poura_verify_options_set_scheme(options, strcmp(scheme, "hc1") == 0 ? POURA_SCHEME_HC1
                                                                                          : POURA_SCHEME_BD1));
        }
        if ((value = json_object_get(o, "clock_skew")) != NULL)
            CHECK_OK(poura_verify_options_set_clock_skew(options, (int64_t)json_integer_value(value)));
        if ((value = json_object_get(o, "grace_period")) != NULL)
            CHECK_OK(poura_verify_options_set_grace_period(options, (int64_t)json_integer_value(value)));
        if ((value = json_object_get(o, "max_inflated_size")) != NULL)
            CHECK_OK(poura_verify_options_set_max_inflated_size(options, (size_t)json_integer_value(value)));
    }
    return options;
}

/* Each member the vector states must match the result's issuer, in the JSON
 * and through the accessors. */
static void check_issuer(const poura_result *result, const json_t *result_json, const json_t *expected) {
    const json_t *issuer = json_object_get(result_json, "issuer");
    const char *key;
    json_t *value;
    int has_issuer = -1;
    CHECK_OK(poura_result_has_issuer(result, &has_issuer));
    CHECK(has_issuer == 1);
    if (!json_is_object(issuer)) {
        check_failed(__FILE__, __LINE__, "the result has no issuer");
        return;
    }
    json_object_foreach((json_t *)expected, key, value) {
        const char *accessor = NULL;
        if (!json_equal(json_object_get(issuer, key), value))
            check_failed(__FILE__, __LINE__, "issuer.%s differs from the vector", key);
        if (strcmp(key, "code") == 0) CHECK_OK(poura_result_issuer_code(result, &accessor));
        else if (strcmp(key, "name_bn") == 0) CHECK_OK(poura_result_issuer_name(result, POURA_LANGUAGE_BN, &accessor));
        else if (strcmp(key, "name_en") == 0) CHECK_OK(poura_result_issuer_name(result, POURA_LANGUAGE_EN, &accessor));
        else if (strcmp(key, "kid") == 0) CHECK_OK(poura_result_issuer_kid(result, &accessor));
        else if (strcmp(key, "algorithm") == 0) CHECK_OK(poura_result_issuer_algorithm(result, &accessor));
        if (accessor != NULL) CHECK_STR(accessor, json_string_value(value));
    }
}

static void check_result(const poura_result *result, const json_t *expect) {
    int verdict = -1, stage = -1, reason = -1, freshness = -1, present = -1;
    int64_t seconds = -1;
    const char *stage_name = NULL, *reason_code = NULL, *text = NULL;
    json_t *result_json, *value;
    json_error_t error;

    CHECK_OK(poura_result_verdict(result, &verdict));
    CHECK_OK(poura_result_stage(result, &stage));
    CHECK_OK(poura_result_reason(result, &reason));
    CHECK_OK(poura_result_stage_name(result, &stage_name));
    CHECK_OK(poura_result_reason_code(result, &reason_code));
    CHECK_STR(verdict == POURA_VERDICT_VALID ? "valid" : "invalid", string_member(expect, "verdict"));
    CHECK_STR(stage_name, string_member(expect, "stage"));
    CHECK_STR(reason_code, string_member(expect, "reason"));
    CHECK_STR(name_at(stage_names, COUNT(stage_names), stage), stage_name);
    CHECK_STR(name_at(reason_names, COUNT(reason_names), reason), reason_code);
    CHECK((verdict == POURA_VERDICT_VALID) == (reason == POURA_REASON_OK));
    if (reason >= 0 && (size_t)reason < COUNT(reason_names)) reasons_seen[reason] = 1;

    /* People always get a message, in both languages. */
    CHECK_OK(poura_result_message(result, POURA_LANGUAGE_EN, &text));
    CHECK(text != NULL && text[0] != '\0');
    CHECK_OK(poura_result_message(result, POURA_LANGUAGE_BN, &text));
    CHECK(text != NULL && text[0] != '\0');

    CHECK_OK(poura_result_json(result, &text));
    result_json = json_loads(text ? text : "", 0, &error);
    if (result_json == NULL) {
        check_failed(__FILE__, __LINE__, "the result JSON does not parse: %s", error.text);
        return;
    }
    CHECK_STR(string_member(result_json, "verdict"), string_member(expect, "verdict"));
    CHECK_STR(string_member(result_json, "stage"), stage_name);
    CHECK_STR(string_member(result_json, "reason"), reason_code);
    CHECK_OK(poura_result_time(result, POURA_TIME_ISSUED_AT, &present, &seconds));
    CHECK(present == !json_is_null(json_object_get(result_json, "issued_at")));

    if ((value = json_object_get(expect, "document")) != NULL) {
        json_t *document;
        CHECK_OK(poura_result_document_json(result, &text));
        document = json_loads(text ? text : "", JSON_DECODE_ANY, &error);
        CHECK(document != NULL && json_equal(document, value));
        json_decref(document);
    }
    if ((value = json_object_get(expect, "issuer")) != NULL) check_issuer(result, result_json, value);
    if ((value = json_object_get(expect, "serial")) != NULL) {
        CHECK_OK(poura_result_serial(result, &text));
        CHECK_STR(text, json_string_value(value));
    }
    if ((value = json_object_get(expect, "identity")) != NULL)
        CHECK(json_equal(json_object_get(result_json, "identity"), value));
    if ((value = json_object_get(expect, "trust")) != NULL) {
        json_t *member;
        if ((member = json_object_get(value, "freshness")) != NULL) {
            CHECK_OK(poura_result_freshness(result, &freshness));
            CHECK_STR(name_at(freshness_names, COUNT(freshness_names), freshness), json_string_value(member));
        }
        if ((member = json_object_get(value, "sequence")) != NULL) {
            uint64_t sequence = 0;
            CHECK_OK(poura_result_trust_sequence(result, &sequence));
            CHECK(sequence == (uint64_t)json_integer_value(member));
        }
    }
    json_decref(result_json);
}

static void run_vector(const json_t *vector, const json_t *file_trust) {
    const json_t *expect = json_object_get(vector, "expect");
    const json_t *spec = json_object_get(vector, "trust");
    const char *expected_error = string_member(expect, "trust_error");
    const char *error = NULL;
    poura_trust *trust = load_trust(spec ? spec : file_trust, &error);
    poura_verify_options *options;
    poura_result *result = NULL;

    CHECK_STR(error, expected_error ? expected_error : "");
    if (json_object_get(expect, "verdict") == NULL) {
        CHECK_OK(poura_trust_free(trust));
        return;
    }
    if (trust == NULL) {
        check_failed(__FILE__, __LINE__, "no trust to verify with");
        return;
    }
    options = options_of(vector);
    /* A verdict is data: the call succeeds whatever the certificate. */
    CHECK_OK(poura_certificate_verify(string_member(vector, "qr"), trust, options, &result));
    if (result != NULL) check_result(result, expect);
    CHECK_OK(poura_result_free(result));
    CHECK_OK(poura_verify_options_free(options));
    CHECK_OK(poura_trust_free(trust));
}

static int compare_names(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The *.json files of the folder, sorted; NULL-terminated, malloc'd. */
static char **vector_files(const char *directory) {
    DIR *dir = opendir(directory);
    char **names = NULL;
    size_t count = 0;
    struct dirent *entry;
    if (dir == NULL) return NULL;
    while ((entry = readdir(dir)) != NULL) {
        size_t length = strlen(entry->d_name);
        char **grown;
        if (length < 6 || strcmp(entry->d_name + length - 5, ".json") != 0) continue;
        grown = realloc(names, (count + 2) * sizeof *names);
        if (grown == NULL) break;
        names = grown;
        names[count] = malloc(length + 1);
        if (names[count] == NULL) break;
        memcpy(names[count++], entry->d_name, length + 1);
    }
    closedir(dir);
    if (names == NULL) return NULL;
    names[count] = NULL;
    qsort(names, count, sizeof *names, compare_names);
    return names;
}

int main(int argc, char **argv) {
    char **files;
    size_t f, seen = 0, r;
    if (argc != 2) {
        fprintf(stderr, "usage: %s <vectors-dir>\n", argv[0]);
        return 64;
    }
    files = vector_files(argv[1]);
    case_begin("the vector files are there");
    CHECK(files != NULL);
    for (f = 0; files != NULL && files[f] != NULL; ++f) ++seen;
    CHECK(seen >= 5);
    case_end();

    for (f = 0; files != NULL && files[f] != NULL; ++f) {
        char *path = path_join(argv[1], files[f]);
        json_error_t error;
        json_t *content = json_load_file(path, 0, &error);
        json_t *vectors = json_object_get(content, "vectors");
        json_t *vector;
        size_t i;
        case_begin(files[f]);
        if (content == NULL) check_failed(__FILE__, __LINE__, "%s: %s", path, error.text);
        CHECK(json_array_size(vectors) > 0);
        case_end();
        json_array_foreach(vectors, i, vector) {
            char name[256];
            snprintf(name, sizeof name, "%s: %s", files[f], string_member(vector, "name"));
            case_begin(name);
            run_vector(vector, json_object_get(content, "trust"));
            case_end();
        }
        json_decref(content);
        free(path);
        free(files[f]);
    }
    free(files);

    case_begin("the vectors cover every reason code");
    for (r = 0; r < COUNT(reason_names); ++r)  /* a fault of the verifier is no vector's */
        if (!reasons_seen[r] && r != POURA_REASON_INTERNAL_ERROR) check_failed(__FILE__, __LINE__, "no vector gives %s", reason_names[r]);
    case_end();
    return suite_finish("c_vectors");
}
