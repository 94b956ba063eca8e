/* The office through the C API, on a database in a temporary folder: the
 * whole story (apply, recommend, approve, issue, the certificate, printing,
 * revocation and the revocation list, SMS and the audit log), the role checks
 * as POURA_ERROR_PERMISSION_DENIED with a message, NULL pointers, bad JSON,
 * and the database reopened.
 *
 *   test_office <source-dir> [--no-print]
 *
 * --no-print leaves the PDF out (under valgrind, where the font libraries'
 * own caches would be counted as leaks).
 */
#include "support.h"

#include <jansson.h>
#include <poura.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NOW ((int64_t)1768035600) /* 2026-01-10T09:00:00Z, in the sample schedules' fiscal year 2025-26 */
#define DAY ((int64_t)86400)

static const char *const citizenship_json =
    "{\"type\": \"citizenship\", \"name_bn\": \"মোছাঃ রহিমা খাতুন\", \"name_en\": \"Mst. Rahima Khatun\","
    " \"father_name_bn\": \"মোঃ আব্দুল করিম\", \"father_name_en\": \"Md. Abdul Karim\","
    " \"mother_name_bn\": \"মোছাঃ ফাতেমা বেগম\", \"mother_name_en\": \"Mst. Fatema Begum\","
    " \"nid\": \"1990101234567\", \"date_of_birth\": \"1990-04-14\","
    " \"address_bn\": \"চন্দনবাইশা, ওয়ার্ড নং ৩, কালীগঞ্জ পৌরসভা\", \"ward\": 3}";

static const char *const municipality_json =
    "{\"code\": \"kaliganj\", \"name_bn\": \"কালীগঞ্জ পৌরসভা\", \"name_en\": \"Kaliganj Pourashava\","
    " \"body_class\": \"B\", \"wards\": 9, \"download_url\": \"https://kaliganj.example/c\"}";

static const char *source_dir;
static int with_print = 1;
static char work_dir[] = "/tmp/poura-c-office-XXXXXX";
static char options_json[4096];

/* The buffer's JSON, parsed; the buffer is freed. NULL (a failed check) when
 * there is no buffer or no JSON in it. */
static json_t *take_json(poura_buffer *buffer) {
    const char *text = NULL;
    json_t *parsed = NULL;
    if (buffer == NULL) {
        CHECK(buffer != NULL);
        return NULL;
    }
    CHECK_OK(poura_buffer_string(buffer, &text));
    if (text != NULL) parsed = json_loads(text, 0, NULL);
    CHECK(parsed != NULL);
    CHECK_OK(poura_buffer_free(buffer));
    return parsed;
}

static const char *member_text(const json_t *object, const char *member) {
    const char *text = json_string_value(json_object_get(object, member));
    return text ? text : "(missing)";
}

static json_int_t member_integer(const json_t *object, const char *member) {
    return json_integer_value(json_object_get(object, member));
}

/* Adds a user and gives its id. */
static int64_t add_user(poura_office *office, const char *user) {
    poura_buffer *out = NULL;
    json_t *added;
    int64_t id = 0;
    CHECK_OK(poura_office_add_user(office, user, &out));
    added = take_json(out);
    if (added) id = member_integer(added, "id");
    CHECK(id > 0);
    json_decref(added);
    return id;
}

/* Takes an action that must succeed and gives the application's state. */
static void act_ok(poura_office *office, int64_t actor, int64_t application, const char *action,
                   const char *comment, const char *expected_state) {
    poura_buffer *out = NULL;
    json_t *a;
    CHECK_OK(poura_office_act(office, actor, application, action, comment, NULL, &out));
    a = take_json(out);
    if (a) CHECK_STR(member_text(a, "state"), expected_state);
    json_decref(a);
}

/* A refused action: its status, NULL out, and a message in poura_last_error. */
static void act_refused(poura_office *office, int64_t actor, int64_t application, const char *action, int status) {
    poura_buffer *out = (poura_buffer *)1;
    CHECK_STATUS(poura_office_act(office, actor, application, action, NULL, NULL, &out), status);
    CHECK(out == NULL);
    CHECK(strlen(poura_last_error()) > 0);
}

struct users {
    int64_t citizen, councilor3, councilor5, mayor, secretary, admin;
};

static poura_office *office_create(struct users *u, poura_keyset **out_keyset) {
    poura_office *office = NULL;
    poura_private_key *key = NULL;
    char *db = path_join(work_dir, "office.db");
    CHECK_OK(poura_office_create(db, municipality_json, options_json, &office));
    free(db);
    CHECK_OK(poura_private_key_generate(&key));
    CHECK_OK(poura_keyset_create(key, NOW - DAY, out_keyset));
    CHECK_OK(poura_private_key_free(key));
    if (office == NULL) return NULL;
    CHECK_OK(poura_office_set_keyset(office, *out_keyset));
    u->citizen = add_user(office, "{\"login\": \"rahima\", \"name\": \"Rahima\", \"role\": \"citizen\","
                                  " \"nid\": \"1990101234567\"}");
    u->councilor3 = add_user(office, "{\"login\": \"karim\", \"name\": \"Karim\", \"role\": \"councilor\", \"ward\": 3}");
    u->councilor5 = add_user(office, "{\"login\": \"salam\", \"name\": \"Salam\", \"role\": \"councilor\", \"ward\": 5}");
    u->mayor = add_user(office, "{\"login\": \"mayor\", \"name\": \"Mayor\", \"role\": \"mayor\"}");
    u->secretary = add_user(office, "{\"login\": \"secretary\", \"name\": \"Secretary\", \"role\": \"secretary\"}");
    u->admin = add_user(office, "{\"login\": \"admin\", \"name\": \"Admin\", \"role\": \"admin\"}");
    return office;
}

static int64_t apply_ok(poura_office *office, int64_t actor) {
    char application[2048];
    poura_buffer *out = NULL;
    json_t *a;
    int64_t id = 0;
    snprintf(application, sizeof application, "{\"document\": %s, \"mobile\": \"01712345678\"}", citizenship_json);
    CHECK_OK(poura_office_apply(office, actor, application, &out));
    a = take_json(out);
    if (a) {
        id = member_integer(a, "id");
        CHECK_STR(member_text(a, "state"), "submitted");
        CHECK_STR(member_text(a, "type"), "citizenship");
        CHECK(member_integer(a, "ward") == 3);
        CHECK(json_is_integer(json_object_get(a, "fee_poisha"))); /* from the 2025-26 schedule */
        CHECK(json_array_size(json_object_get(a, "history")) == 1);
    }
    json_decref(a);
    CHECK(id > 0);
    return id;
}

static void test_story(void) {
    struct users u;
    poura_keyset *keyset = NULL;
    poura_office *office;
    poura_buffer *out = NULL;
    json_t *j;
    int64_t id;
    char serial[128] = "";

    case_begin("office: apply, recommend, approve, issue, certificate, print, revoke, revocation list");
    office = office_create(&u, &keyset);
    if (office == NULL) {
        case_end();
        return;
    }
    id = apply_ok(office, u.citizen);

    /* The queue of ward 3's councilor holds it; ward 5's does not. */
    CHECK_OK(poura_office_queue_to_json(office, u.councilor3, NULL, &out));
    j = take_json(out);
    CHECK(json_array_size(j) == 1 && member_integer(json_array_get(j, 0), "id") == id);
    json_decref(j);
    CHECK_OK(poura_office_queue_to_json(office, u.councilor5, "{\"limit\": 10}", &out));
    j = take_json(out);
    CHECK(json_is_array(j) && json_array_size(j) == 0);
    json_decref(j);

    /* Roles and wards, then the state machine. */
    act_refused(office, u.councilor5, id, "recommend", POURA_ERROR_PERMISSION_DENIED);
    act_refused(office, u.citizen, id, "recommend", POURA_ERROR_PERMISSION_DENIED);
    act_refused(office, u.mayor, id, "issue", POURA_ERROR_INVALID_STATE);
    act_ok(office, u.councilor3, id, "recommend", "checked", "recommended");
    act_refused(office, u.councilor3, id, "approve", POURA_ERROR_PERMISSION_DENIED);
    act_ok(office, u.mayor, id, "approve", NULL, "approved");
    act_refused(office, u.citizen, id, "issue", POURA_ERROR_PERMISSION_DENIED);
    act_ok(office, u.secretary, id, "issue", NULL, "issued");

    CHECK_OK(poura_office_application_to_json(office, id, &out));
    j = take_json(out);
    if (j) {
        CHECK_STR(member_text(j, "state"), "issued");
        CHECK(json_array_size(json_object_get(j, "history")) == 4);
        snprintf(serial, sizeof serial, "%s", member_text(j, "serial"));
    }
    json_decref(j);
    CHECK(strncmp(serial, "KALIGANJ-2026-", 14) == 0);

    /* The registry's certificate, with its signatories and QR text. */
    CHECK_OK(poura_office_certificate_to_json(office, serial, &out));
    j = take_json(out);
    if (j) {
        CHECK_STR(member_text(j, "status"), "valid");
        CHECK_STR(member_text(j, "recommended_by"), "Karim");
        CHECK_STR(member_text(j, "approved_by"), "Mayor");
        CHECK(strncmp(member_text(j, "qr_text"), "BD1:", 4) == 0);
        CHECK_STR(member_text(json_object_get(j, "document"), "nid"), "1990101234567");
        CHECK(member_integer(j, "prints") == 0);
    }
    json_decref(j);

    if (with_print) {
        const uint8_t *data = NULL;
        size_t size = 0;
        CHECK_STATUS(poura_office_print_pdf(office, u.admin, serial, &out), POURA_ERROR_PERMISSION_DENIED);
        CHECK(out == NULL);
        CHECK_OK(poura_office_print_pdf(office, u.secretary, serial, &out));
        CHECK_OK(poura_buffer_data(out, &data, &size));
        CHECK(size > 1000 && data != NULL && memcmp(data, "%PDF", 4) == 0);
        CHECK_OK(poura_buffer_free(out));
        CHECK_OK(poura_office_certificate_to_json(office, serial, &out));
        j = take_json(out);
        CHECK(member_integer(j, "prints") == 1);
        json_decref(j);
    }

    /* Revocation: refused to a citizen, done by the mayor, then listed. */
    out = (poura_buffer *)1;
    CHECK_STATUS(poura_office_revoke(office, u.citizen, serial, "forged", &out), POURA_ERROR_PERMISSION_DENIED);
    CHECK(out == NULL);
    CHECK(strlen(poura_last_error()) > 0);
    CHECK_OK(poura_office_revoke(office, u.mayor, serial, "issued on a forged NID", &out));
    j = take_json(out);
    if (j) {
        CHECK_STR(member_text(j, "status"), "revoked");
        CHECK_STR(member_text(j, "status_reason"), "issued on a forged NID");
    }
    json_decref(j);
    CHECK_OK(poura_office_revocation_list_to_json(office, &out));
    j = take_json(out);
    CHECK(json_array_size(j) == 1);
    if (json_array_size(j) == 1) {
        CHECK_STR(member_text(json_array_get(j, 0), "serial"), serial);
        CHECK_STR(member_text(json_array_get(j, 0), "issuer"), "kaliganj");
    }
    json_decref(j);
    CHECK_OK(poura_office_application_to_json(office, id, &out));
    j = take_json(out);
    CHECK_STR(member_text(j, "state"), "revoked");
    json_decref(j);

    /* SMS: queued with the changes, sent to a file. */
    CHECK_OK(poura_office_outbox_to_json(office, "queued", 100, &out));
    j = take_json(out);
    CHECK(json_array_size(j) == 2); /* submitted, issued */
    json_decref(j);
    {
        char transport[512];
        char *sms_file = path_join(work_dir, "sms.jsonl");
        snprintf(transport, sizeof transport, "{\"file\": \"%s\"}", sms_file);
        CHECK_OK(poura_office_send_sms(office, transport, 100, &out));
        j = take_json(out);
        CHECK(member_integer(j, "sent") == 2 && member_integer(j, "failed") == 0);
        json_decref(j);
        CHECK(access(sms_file, R_OK) == 0);
        free(sms_file);
    }
    CHECK_OK(poura_office_outbox_to_json(office, NULL, 100, &out));
    j = take_json(out);
    CHECK(json_array_size(j) == 2 && strcmp(member_text(json_array_get(j, 0), "status"), "sent") == 0);
    json_decref(j);

    /* The audit log: intact, and signed. */
    CHECK_OK(poura_office_checkpoint_audit(office));
    CHECK_OK(poura_office_verify_audit_to_json(office, &out));
    j = take_json(out);
    CHECK(json_is_true(json_object_get(j, "ok")));
    CHECK(member_integer(j, "entries") > 6 && member_integer(j, "checkpoints") == 1);
    json_decref(j);

    CHECK_OK(poura_office_users_to_json(office, &out));
    j = take_json(out);
    CHECK(json_array_size(j) == 6);
    json_decref(j);
    CHECK_OK(poura_office_free(office));

    /* Reopened, the registry is as it was. */
    {
        char *db = path_join(work_dir, "office.db");
        office = NULL;
        CHECK_OK(poura_office_open(db, options_json, &office));
        CHECK_OK(poura_office_certificate_to_json(office, serial, &out));
        j = take_json(out);
        CHECK_STR(member_text(j, "status"), "revoked");
        json_decref(j);
        CHECK_OK(poura_office_free(office));
        /* Created twice, the file is refused. */
        office = (poura_office *)1;
        CHECK(poura_office_create(db, municipality_json, NULL, &office) < 0);
        CHECK(office == NULL);
        free(db);
    }
    CHECK_OK(poura_keyset_free(keyset));
    case_end();
}

static void test_errors(void) {
    char *db = path_join(work_dir, "errors.db");
    poura_office *office = NULL;
    poura_buffer *out = NULL;
    poura_keyset *keyset = NULL;
    poura_private_key *key = NULL;

    case_begin("office: NULL pointers, bad handles, bad JSON, unknown records");
    CHECK_STATUS(poura_office_create(NULL, municipality_json, NULL, &office), POURA_ERROR_NULL_POINTER);
    CHECK_STATUS(poura_office_create(db, NULL, NULL, &office), POURA_ERROR_NULL_POINTER);
    CHECK_STATUS(poura_office_create(db, municipality_json, NULL, NULL), POURA_ERROR_NULL_POINTER);
    CHECK_STATUS(poura_office_open(NULL, NULL, &office), POURA_ERROR_NULL_POINTER);
    CHECK_STATUS(poura_office_create(db, "{\"code\": ", NULL, &office), POURA_ERROR_MALFORMED_INPUT);
    CHECK_STATUS(poura_office_create(db, "{\"code\": \"x\", \"colour\": 1}", NULL, &office),
                 POURA_ERROR_INVALID_ARGUMENT);
    CHECK(strstr(poura_last_error(), "colour") != NULL);
    CHECK_STATUS(poura_office_create(db, municipality_json, "{\"now\": -5}", &office), POURA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(poura_office_create(db, municipality_json, "{\"schedules\": \"dir\"}", &office),
                 POURA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(poura_office_create(db, municipality_json, "{\"schedules\": [\"/nonexistent/s.json\"]}", &office),
                 POURA_ERROR_IO);
    CHECK(access(db, F_OK) != 0); /* nothing made by the refused calls */
    CHECK_STATUS(poura_office_open(db, NULL, &office), POURA_ERROR_NOT_FOUND);
    CHECK(office == NULL);

    CHECK_OK(poura_office_create(db, municipality_json, options_json, &office));
    CHECK_STATUS(poura_office_add_user(office, NULL, &out), POURA_ERROR_NULL_POINTER);
    CHECK_STATUS(poura_office_add_user(office, "{\"login\": \"a\", \"role\": \"citizen\"", &out),
                 POURA_ERROR_MALFORMED_INPUT);
    CHECK_STATUS(poura_office_add_user(office, "[1]", &out), POURA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(poura_office_add_user(office, "{\"login\": \"a\", \"name\": \"A\", \"role\": \"king\"}", &out),
                 POURA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(poura_office_add_user(office, "{\"login\": \"a\", \"name\": \"A\", \"role\": \"councilor\","
                                               " \"ward\": \"three\"}", &out),
                 POURA_ERROR_INVALID_ARGUMENT);
    CHECK(strstr(poura_last_error(), "ward") != NULL);
    CHECK(out == NULL);
    CHECK_STATUS(poura_office_apply(office, 1, "{\"mobile\": \"01712345678\"}", &out), POURA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(poura_office_apply(office, 1, "not json", &out), POURA_ERROR_MALFORMED_INPUT);
    CHECK_STATUS(poura_office_act(office, 1, 1, NULL, NULL, NULL, &out), POURA_ERROR_NULL_POINTER);
    CHECK_STATUS(poura_office_act(office, 1, 1, "recommend", NULL, "{", &out), POURA_ERROR_MALFORMED_INPUT);
    CHECK_STATUS(poura_office_act(office, 1, 1, "dance", NULL, NULL, &out), POURA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(poura_office_application_to_json(office, 999, &out), POURA_ERROR_NOT_FOUND);
    CHECK_STATUS(poura_office_certificate_to_json(office, "KALIGANJ-2026-999999", &out), POURA_ERROR_NOT_FOUND);
    CHECK_STATUS(poura_office_certificate_to_json(office, NULL, &out), POURA_ERROR_NULL_POINTER);
    CHECK_STATUS(poura_office_queue_to_json(office, 1, "{\"state\": \"lost\"}", &out), POURA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(poura_office_outbox_to_json(office, NULL, 0, &out), POURA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(poura_office_send_sms(office, "{\"pigeon\": 1}", 10, &out), POURA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(poura_office_checkpoint_audit(office), POURA_ERROR_NO_SIGNING_KEY);
    CHECK_STATUS(poura_office_revoke(office, 1, "X", NULL, &out), POURA_ERROR_NULL_POINTER);
    CHECK_STATUS(poura_office_print_pdf(office, 1, "X", NULL), POURA_ERROR_NULL_POINTER);
    CHECK_STATUS(poura_office_set_keyset(office, NULL), POURA_ERROR_NULL_POINTER);
    CHECK(out == NULL);

    /* A handle of another type, or freed, is refused. */
    CHECK_OK(poura_private_key_generate(&key));
    CHECK_OK(poura_keyset_create(key, NOW, &keyset));
    CHECK_STATUS(poura_office_set_keyset((poura_office *)keyset, keyset), POURA_ERROR_BAD_HANDLE);
    CHECK_STATUS(poura_office_set_keyset(office, (const poura_keyset *)office), POURA_ERROR_BAD_HANDLE);
    CHECK_STATUS(poura_office_free((poura_office *)key), POURA_ERROR_BAD_HANDLE);
    CHECK_OK(poura_office_free(office));
    CHECK_STATUS(poura_office_set_time(office, NOW), POURA_ERROR_BAD_HANDLE);
    CHECK_STATUS(poura_office_free(office), POURA_ERROR_BAD_HANDLE);
    CHECK_OK(poura_office_free(NULL));
    CHECK_STATUS(poura_office_set_time(NULL, NOW), POURA_ERROR_NULL_POINTER);
    CHECK_OK(poura_keyset_free(keyset));
    CHECK_OK(poura_private_key_free(key));
    free(db);
    case_end();
}

/* Removes the temporary folder's files. */
static void clean_up(void) {
    static const char *const names[] = {"office.db", "office.db-wal", "office.db-shm", "errors.db", "errors.db-wal",
                                        "errors.db-shm", "sms.jsonl"};
    size_t i;
    for (i = 0; i < sizeof names / sizeof names[0]; i++) {
        char *path = path_join(work_dir, names[i]);
        unlink(path);
        free(path);
    }
    rmdir(work_dir);
}

int main(int argc, char **argv) {
    int status;
    if (argc < 2 || argc > 3 || (argc == 3 && strcmp(argv[2], "--no-print") != 0)) {
        fprintf(stderr, "usage: %s <source-dir> [--no-print]\n", argv[0]);
        return 64;
    }
    source_dir = argv[1];
    with_print = argc == 2;
    if (mkdtemp(work_dir) == NULL) {
        perror("mkdtemp");
        return 1;
    }
    snprintf(options_json, sizeof options_json,
             "{\"schedules\": [\"%s/examples/schedules\"], \"now\": %lld, \"checkpoint_every\": 1000}", source_dir,
             (long long)NOW);
    test_story();
    test_errors();
    status = suite_finish("c_office");
    clean_up();
    return status;
}
