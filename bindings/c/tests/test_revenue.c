/* The office's revenue section through the C API, on a database in a
 * temporary folder: holdings (added, updated, imported, mutated, assessed,
 * objected to and reviewed), a water connection and its readings, a bill run
 * with its progress and run again, a mobile-money payment whose signed
 * receipt verifies, a settlement file, a trade licence issued when its fee is
 * paid, renewed and surrendered, the ledger check and the reports as JSON,
 * CSV and SVG; then the refusals: bad JSON, unknown members and services,
 * permission denied, a bad register, NULL pointers and bad handles.
 *
 *   test_revenue <source-dir>
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

static const char *const municipality_json =
    "{\"code\": \"kaliganj\", \"name_bn\": \"কালীগঞ্জ পৌরসভা\", \"name_en\": \"Kaliganj Pourashava\","
    " \"body_class\": \"B\", \"wards\": 9, \"download_url\": \"https://kaliganj.example/c\"}";

/* Rent Tk 10,000 a month: annual value Tk 1,00,000 after two months' repairs,
 * 22.5% of it in rates, Tk 22,500 a year in four instalments of Tk 5,625. */
static const char *const holding_json =
    "{\"number\": \"03-011-0009-00\", \"ward\": 3, \"mohalla\": \"মধ্যপাড়া\", \"use\": \"residential\","
    " \"occupancy\": \"rented\", \"monthly_rent\": 10000,"
    " \"owners\": [{\"name_bn\": \"রহিম উদ্দিন\", \"name_en\": \"Rahim Uddin\", \"mobile\": \"01712345678\"}]}";

static const char *const register_csv =
    "number,ward,mohalla,use,occupancy,monthly_rent,owner_name_bn,owner_mobile,share\n"
    "05-002-0001-00,5,পূর্বপাড়া,residential,rented,8000,করিম মিয়া,01812345678,1\n"
    "05-002-0002-00,5,পূর্বপাড়া,commercial,owner_occupied,\"12,000\",সালমা বেগম;জসিম উদ্দিন,01912345678;,1/2;1/2\n";

static const char *const licence_json =
    "{\"business_name_bn\": \"মায়ের দোয়া স্টোর\", \"business_name_en\": \"Mayer Doa Store\","
    " \"owner_name_bn\": \"রহিম উদ্দিন\", \"owner_name_en\": \"Rahim Uddin\", \"owner_nid\": \"1990101234567\","
    " \"mobile\": \"01712345678\", \"holding\": \"03-011-0009-00\", \"ward\": 3,"
    " \"address_bn\": \"মধ্যপাড়া, কালীগঞ্জ\", \"category\": \"grocery\"}";

static const char *source_dir;
static char work_dir[] = "/tmp/poura-c-revenue-XXXXXX";
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

/* A refused call's checks: its status, NULL left in *out, a message naming
 * `words`. */
static void refused(int status, int expected, poura_buffer *const *out, const char *words) {
    CHECK(status == expected);
    if (status != expected)
        fprintf(stderr, "  status %d (%s), expected %d: %s\n", status, poura_error_name(status), expected,
                poura_last_error());
    CHECK(*out == NULL);
    if (strstr(poura_last_error(), words) == NULL) {
        fprintf(stderr, "  last error \"%s\" does not name \"%s\"\n", poura_last_error(), words);
        CHECK(strstr(poura_last_error(), words) != NULL);
    }
}

/* What an account still owes, summed over its demands. */
static json_int_t outstanding(poura_office *office, const char *service, const char *account) {
    poura_buffer *out = NULL;
    json_t *demands;
    size_t i;
    json_int_t sum = 0;
    CHECK_OK(poura_revenue_demands_to_json(office, service, account, &out));
    demands = take_json(out);
    for (i = 0; i < json_array_size(demands); i++) sum += member_integer(json_array_get(demands, i), "outstanding_poisha");
    json_decref(demands);
    return sum;
}

static void ledger_balances(poura_office *office) {
    poura_buffer *out = NULL;
    json_t *ledger;
    CHECK_OK(poura_revenue_check_ledger_to_json(office, &out));
    ledger = take_json(out);
    CHECK(json_is_true(json_object_get(ledger, "ok")));
    CHECK(json_array_size(json_object_get(ledger, "problems")) == 0);
    CHECK(member_integer(ledger, "demand_poisha") - member_integer(ledger, "collection_poisha") +
              member_integer(ledger, "adjustments_poisha") ==
          member_integer(ledger, "outstanding_poisha"));
    json_decref(ledger);
}

struct progress {
    int calls;
    int64_t done, total;
};

static void on_progress(int64_t done, int64_t total, void *user_data) {
    struct progress *p = user_data;
    CHECK(done >= p->done && done <= total);
    p->calls++;
    p->done = done;
    p->total = total;
}

struct office_fixture {
    poura_office *office;
    poura_keyset *keyset;
    int64_t secretary, councilor;
};

static int office_create(struct office_fixture *f, const char *file) {
    poura_private_key *key = NULL;
    char *db = path_join(work_dir, file);
    f->office = NULL;
    f->keyset = NULL;
    CHECK_OK(poura_office_create(db, municipality_json, options_json, &f->office));
    free(db);
    CHECK_OK(poura_private_key_generate(&key));
    CHECK_OK(poura_keyset_create(key, NOW - 400 * DAY, &f->keyset));
    CHECK_OK(poura_private_key_free(key));
    if (f->office == NULL) return 0;
    CHECK_OK(poura_office_set_keyset(f->office, f->keyset));
    f->secretary = add_user(f->office, "{\"login\": \"secretary\", \"name\": \"Secretary\", \"role\": \"secretary\"}");
    f->councilor = add_user(f->office, "{\"login\": \"karim\", \"name\": \"Karim\", \"role\": \"councilor\", \"ward\": 3}");
    return 1;
}

static void office_free(struct office_fixture *f) {
    CHECK_OK(poura_office_free(f->office));
    CHECK_OK(poura_keyset_free(f->keyset));
}

/* The receipt's verdict and document, against a trust of the office's keys. */
static json_t *verified_document(const poura_keyset *keyset, const char *qr_text) {
    poura_buffer *public_json = NULL;
    poura_public_keys *keys = NULL;
    poura_trust *trust = NULL;
    poura_verify_options *options = NULL;
    poura_result *result = NULL;
    const char *text = NULL;
    int verdict = -1;
    json_t *document = NULL;
    CHECK_OK(poura_keyset_to_public_json(keyset, &public_json));
    CHECK_OK(poura_buffer_string(public_json, &text));
    CHECK_OK(poura_public_keys_new(&keys));
    CHECK_OK(poura_public_keys_add_json(keys, text));
    CHECK_OK(poura_trust_from_keys(keys, &trust));
    CHECK_OK(poura_verify_options_new(&options));
    CHECK_OK(poura_verify_options_set_now(options, NOW + 60));
    CHECK_OK(poura_certificate_verify(qr_text, trust, options, &result));
    CHECK_OK(poura_result_verdict(result, &verdict));
    CHECK(verdict == POURA_VERDICT_VALID);
    CHECK_OK(poura_result_document_json(result, &text));
    if (verdict == POURA_VERDICT_VALID && text != NULL) document = json_loads(text, 0, NULL);
    poura_result_free(result);
    poura_verify_options_free(options);
    poura_trust_free(trust);
    poura_public_keys_free(keys);
    poura_buffer_free(public_json);
    return document;
}

static void test_records(void) {
    struct office_fixture f;
    poura_buffer *out = NULL;
    json_t *j;
    int64_t added = -1;

    case_begin("revenue: holdings added, shown, listed, updated, imported, mutated, assessed and reviewed");
    if (!office_create(&f, "records.db")) {
        case_end();
        return;
    }
    CHECK_OK(poura_revenue_add_holding(f.office, f.secretary, holding_json, &out));
    j = take_json(out);
    CHECK_STR(member_text(j, "number"), "03-011-0009-00");
    CHECK(member_integer(j, "monthly_rent_poisha") == 1000000);
    CHECK(json_array_size(json_object_get(j, "owners")) == 1);
    json_decref(j);
    /* The same number in Bengali digits is the same holding. */
    CHECK_OK(poura_revenue_holding_to_json(f.office, "০৩-০১১-০০০৯-০০", &out));
    j = take_json(out);
    CHECK_STR(member_text(json_array_get(json_object_get(j, "owners"), 0), "name_en"), "Rahim Uddin");
    json_decref(j);

    CHECK_OK(poura_revenue_update_holding(f.office, f.secretary,
                                          "{\"number\": \"03-011-0009-00\", \"ward\": 3, \"mohalla\": \"উত্তরপাড়া\","
                                          " \"monthly_rent\": \"12,000.00\"}",
                                          &out));
    j = take_json(out);
    CHECK_STR(member_text(j, "mohalla"), "উত্তরপাড়া");
    CHECK(member_integer(j, "monthly_rent_poisha") == 1200000);
    CHECK(json_array_size(json_object_get(j, "owners")) == 1); /* owners change only by mutation */
    json_decref(j);

    CHECK_OK(poura_revenue_import_register(f.office, f.secretary, "holdings", register_csv, &added));
    CHECK(added == 2);
    CHECK_OK(poura_revenue_holdings_to_json(f.office, 5, 100, &out));
    j = take_json(out);
    CHECK(json_array_size(j) == 2);
    CHECK(json_array_size(json_object_get(json_array_get(j, 1), "owners")) == 2);
    json_decref(j);
    CHECK_OK(poura_revenue_holdings_to_json(f.office, 0, 100, &out));
    j = take_json(out);
    CHECK(json_array_size(j) == 3);
    json_decref(j);

    /* Mutation: the heir replaces the owner. */
    CHECK_OK(poura_revenue_mutate(f.office, f.secretary, "05-002-0001-00",
                                  "[{\"name_bn\": \"সালমা বেগম\", \"mobile\": \"01912345678\", \"share\": \"1\"}]",
                                  "2025-08-01", "inheritance", &out));
    j = take_json(out);
    CHECK(json_array_size(json_object_get(j, "owners")) == 1);
    CHECK_STR(member_text(json_array_get(json_object_get(j, "owners"), 0), "name_bn"), "সালমা বেগম");
    json_decref(j);

    /* An assessment, the owner's objection and the board's revised value. */
    CHECK_OK(poura_revenue_assess(f.office, f.secretary, "05-002-0001-00",
                                  "{\"effective\": \"2025-07-01\", \"annual_value\": 120000}", &out));
    j = take_json(out);
    CHECK_STR(member_text(j, "kind"), "general");
    CHECK(member_integer(j, "annual_value_poisha") == 12000000);
    json_decref(j);
    CHECK_OK(poura_revenue_object(f.office, f.secretary, "05-002-0001-00", "the rent is lower", &out));
    j = take_json(out);
    CHECK_STR(member_text(j, "status"), "objected");
    json_decref(j);
    out = (poura_buffer *)1;
    refused(poura_revenue_object(f.office, f.secretary, "05-002-0001-00", "again", &out), POURA_ERROR_INVALID_STATE,
            &out, "");
    CHECK_OK(poura_revenue_review(f.office, f.secretary, "05-002-0001-00", 9000000, "board, 2026-01-09", &out));
    j = take_json(out);
    CHECK_STR(member_text(j, "kind"), "review");
    CHECK(member_integer(j, "annual_value_poisha") == 9000000);
    json_decref(j);
    CHECK_OK(poura_revenue_assessments_to_json(f.office, "05-002-0001-00", &out));
    j = take_json(out);
    CHECK(json_array_size(j) == 2);
    CHECK_STR(member_text(json_array_get(j, 0), "status"), "superseded");
    json_decref(j);

    /* A water connection with a meter, and its readings. */
    CHECK_OK(poura_revenue_add_connection(f.office, f.secretary,
                                          "{\"number\": \"W-0002\", \"holding\": \"03-011-0009-00\","
                                          " \"diameter\": \"1/2\", \"metered\": true, \"meter_no\": \"M-77\","
                                          " \"connected_on\": \"2024-01-01\"}",
                                          &out));
    json_decref(take_json(out));
    CHECK_OK(poura_revenue_record_reading(f.office, f.secretary, "W-0002", "2025-06", 100000));
    CHECK_OK(poura_revenue_record_reading(f.office, f.secretary, "W-0002", "2025-07", 112000));
    CHECK_STATUS(poura_revenue_record_reading(f.office, f.secretary, "W-0002", "2025-08", 90000),
                 POURA_ERROR_INVALID_ARGUMENT);
    CHECK(strstr(poura_last_error(), "backwards") != NULL);
    CHECK_OK(poura_revenue_connection_to_json(f.office, "W-0002", &out));
    j = take_json(out);
    CHECK(json_is_true(json_object_get(j, "metered")));
    CHECK_STR(member_text(j, "meter_no"), "M-77");
    json_decref(j);
    office_free(&f);
    case_end();
}

static void test_bills_and_payments(void) {
    struct office_fixture f;
    struct progress progress = {0, 0, 0};
    poura_buffer *out = NULL;
    json_t *j, *dues, *document;
    char receipt_serial[128] = "";

    case_begin("revenue: a bill run, a payment with its signed receipt, a settlement file, the ledger");
    if (!office_create(&f, "bills.db")) {
        case_end();
        return;
    }
    CHECK_OK(poura_revenue_add_holding(f.office, f.secretary, holding_json, &out));
    poura_buffer_free(out);
    CHECK_OK(poura_revenue_add_holding(f.office, f.secretary,
                                       "{\"number\": \"03-011-0040-00\", \"ward\": 3, \"monthly_rent\": 10000,"
                                       " \"owners\": [{\"name_bn\": \"করিম মিয়া\", \"mobile\": \"01812345678\"}]}",
                                       &out));
    poura_buffer_free(out);

    CHECK_OK(poura_revenue_run_bills(f.office, f.secretary, "{\"service\": \"holding_tax\", \"period\": \"2025-26\"}",
                                     on_progress, &progress, &out));
    j = take_json(out);
    CHECK(member_integer(j, "accounts") == 2 && member_integer(j, "billed") == 2);
    CHECK(member_integer(j, "demand_poisha") == 2 * 2250000);
    CHECK(member_integer(j, "run") > 0);
    json_decref(j);
    CHECK(progress.calls >= 1 && progress.done == 2 && progress.total == 2);
    /* Run again, it bills nothing twice; without a callback. */
    CHECK_OK(poura_revenue_run_bills(f.office, f.secretary,
                                     "{\"service\": \"holding_tax\", \"period\": \"2025-26\", \"ward\": 3}", NULL, NULL,
                                     &out));
    j = take_json(out);
    CHECK(member_integer(j, "billed") == 0 && member_integer(j, "already_billed") == 2);
    json_decref(j);

    CHECK_OK(poura_revenue_demands_to_json(f.office, "holding_tax", "03-011-0009-00", &out));
    j = take_json(out);
    CHECK(json_array_size(j) == 1);
    dues = json_object_get(json_array_get(j, 0), "dues");
    CHECK(json_array_size(dues) == 4);
    CHECK(member_integer(json_array_get(dues, 0), "amount_poisha") == 562500);
    CHECK_STR(member_text(json_array_get(dues, 0), "due"), "2025-09-30");
    CHECK(json_array_size(json_object_get(json_object_get(json_array_get(j, 0), "bill"), "lines")) > 0);
    json_decref(j);

    /* A bKash payment: the oldest instalments first, a receipt that verifies. */
    CHECK_OK(poura_revenue_pay(f.office, f.secretary,
                               "{\"service\": \"holding_tax\", \"account\": \"03-011-0009-00\", \"amount\": 7000,"
                               " \"paid_on\": \"2026-01-08\", \"method\": \"bkash\", \"reference\": \"BK8X2Q91\"}",
                               &out));
    j = take_json(out);
    CHECK(json_is_false(json_object_get(j, "duplicate")));
    CHECK(json_array_size(json_object_get(j, "allocations")) == 2);
    CHECK(member_integer(json_array_get(json_object_get(j, "allocations"), 0), "amount_poisha") == 562500);
    snprintf(receipt_serial, sizeof receipt_serial, "%s", member_text(j, "receipt_serial"));
    document = verified_document(f.keyset, member_text(j, "receipt_qr"));
    CHECK(member_integer(document, "amount_poisha") == 700000);
    CHECK_STR(member_text(document, "reference"), "03-011-0009-00");
    json_decref(document);
    json_decref(j);
    CHECK(outstanding(f.office, "holding_tax", "03-011-0009-00") == 2250000 - 700000);

    /* The same reference again is that payment, not a second one. */
    CHECK_OK(poura_revenue_pay(f.office, f.secretary,
                               "{\"service\": \"holding_tax\", \"account\": \"03-011-0009-00\", \"amount\": \"7,000\","
                               " \"paid_on\": \"2026-01-08\", \"method\": \"bkash\", \"reference\": \"BK8X2Q91\"}",
                               &out));
    j = take_json(out);
    CHECK(json_is_true(json_object_get(j, "duplicate")));
    CHECK_STR(member_text(j, "receipt_serial"), receipt_serial);
    json_decref(j);
    CHECK_OK(poura_revenue_payments_to_json(f.office, "holding_tax", "03-011-0009-00", &out));
    j = take_json(out);
    CHECK(json_array_size(j) == 1);
    json_decref(j);

    /* A settlement file: one recorded, one for an account never billed. */
    progress.calls = 0;
    progress.done = 0;
    CHECK_OK(poura_revenue_import_payments(f.office, f.secretary, "nagad",
                                           "reference,service,account,amount,paid_on\n"
                                           "NG1,holding_tax,03-011-0040-00,\"1,000.00\",2026-01-03\n"
                                           "NG2,holding_tax,09-999-0001-00,500,2026-01-03\n",
                                           "nagad-2026-01-03.csv", on_progress, &progress, &out));
    j = take_json(out);
    CHECK(member_integer(j, "rows") == 2 && member_integer(j, "recorded") == 1 && member_integer(j, "unmatched") == 1);
    CHECK(member_integer(j, "amount_poisha") == 100000);
    CHECK(json_array_size(json_object_get(j, "unmatched_sample")) == 1);
    json_decref(j);
    CHECK(progress.calls >= 1 && progress.done == 2);
    /* The same file again records nothing new. */
    CHECK_OK(poura_revenue_import_payments(f.office, f.secretary, "nagad",
                                           "reference,service,account,amount,paid_on\n"
                                           "NG1,holding_tax,03-011-0040-00,1000,2026-01-03\n",
                                           NULL, NULL, NULL, &out));
    j = take_json(out);
    CHECK(member_integer(j, "recorded") == 0 && member_integer(j, "duplicates") == 1);
    json_decref(j);
    CHECK(outstanding(f.office, "holding_tax", "03-011-0040-00") == 2250000 - 100000);
    ledger_balances(f.office);

    /* Reports: rows, CSV and a chart. */
    CHECK_OK(poura_revenue_report_to_json(f.office, "demand", "{\"service\": \"holding_tax\"}", &out));
    {
        const char *text = NULL;
        poura_buffer *csv = NULL, *svg = NULL;
        CHECK_OK(poura_buffer_string(out, &text));
        j = json_loads(text, 0, NULL);
        CHECK(json_array_size(j) == 1);
        CHECK(member_integer(json_array_get(j, 0), "ward") == 3);
        CHECK(member_integer(json_array_get(j, 0), "collection_poisha") == 800000);
        CHECK_OK(poura_revenue_rows_to_csv(text, &csv));
        CHECK_OK(poura_buffer_string(csv, &text));
        CHECK(strncmp(text, "accounts,adjustments_poisha,collection_poisha,", 46) == 0);
        CHECK(strstr(text, ",holding_tax,3\r\n") != NULL); /* ward 3's row, the columns in name order */
        CHECK_OK(poura_buffer_free(csv));
        CHECK_OK(poura_buffer_string(out, &text));
        CHECK_OK(poura_revenue_rows_to_svg(text, "ward", "collection_poisha", "Collection by ward", &svg));
        CHECK_OK(poura_buffer_string(svg, &text));
        CHECK(strstr(text, "<svg") != NULL && strstr(text, "Tk 8,000.00") != NULL);
        CHECK_OK(poura_buffer_free(svg));
        CHECK_OK(poura_buffer_string(out, &text));
        svg = (poura_buffer *)1;
        refused(poura_revenue_rows_to_svg(text, "ward", "no_such_column", "x", &svg), POURA_ERROR_INVALID_ARGUMENT, &svg,
                "no_such_column");
        json_decref(j);
        CHECK_OK(poura_buffer_free(out));
    }
    CHECK_OK(poura_revenue_report_to_json(f.office, "collection", "{\"period\": \"2025-26\"}", &out));
    j = take_json(out);
    CHECK(json_array_size(j) == 1);
    CHECK_STR(member_text(json_array_get(j, 0), "month"), "2026-01");
    json_decref(j);
    CHECK_OK(poura_revenue_report_to_json(f.office, "defaulters", NULL, &out));
    j = take_json(out);
    CHECK(json_array_size(j) == 2); /* the first two instalments were due by 2026-01-10 */
    CHECK_STR(member_text(json_array_get(j, 0), "mobile"), "01812345678");
    json_decref(j);
    office_free(&f);
    case_end();
}

static void test_licence(void) {
    struct office_fixture f;
    poura_buffer *out = NULL;
    json_t *j, *document;
    char number[128] = "", payment[512];
    json_int_t fee = 0;

    case_begin("revenue: a trade licence issued once its fee is paid, renewed and surrendered");
    if (!office_create(&f, "licence.db")) {
        case_end();
        return;
    }
    CHECK_OK(poura_revenue_add_holding(f.office, f.secretary, holding_json, &out));
    poura_buffer_free(out);
    CHECK_OK(poura_revenue_issue_licence(f.office, f.secretary, licence_json, 1, "2025-08-01", &out));
    j = take_json(out);
    CHECK_STR(member_text(j, "status"), "pending");
    CHECK_STR(member_text(j, "first_year"), "2025-2026");
    snprintf(number, sizeof number, "%s", member_text(j, "number"));
    json_decref(j);
    fee = outstanding(f.office, "trade_licence", number);
    CHECK(fee > 0);

    snprintf(payment, sizeof payment,
             "{\"service\": \"trade_licence\", \"account\": \"%s\", \"amount\": \"%lld.%02lld\","
             " \"paid_on\": \"2025-08-02\"}",
             number, (long long)(fee / 100), (long long)(fee % 100));
    CHECK_OK(poura_revenue_pay(f.office, f.secretary, payment, &out));
    json_decref(take_json(out));
    CHECK_OK(poura_revenue_licence_to_json(f.office, number, &out));
    j = take_json(out);
    CHECK_STR(member_text(j, "status"), "active");
    document = verified_document(f.keyset, member_text(j, "qr_text"));
    CHECK_STR(member_text(document, "licence_no"), number);
    json_decref(document);
    json_decref(j);

    CHECK_OK(poura_revenue_renew_licence(f.office, f.secretary, number, 1, "2026-01-05", &out));
    json_decref(take_json(out));
    out = (poura_buffer *)1;
    refused(poura_revenue_renew_licence(f.office, f.secretary, number, 9, "2026-01-05", &out),
            POURA_ERROR_INVALID_ARGUMENT, &out, "years");
    CHECK_OK(poura_revenue_surrender_licence(f.office, f.secretary, number, "business closed", &out));
    j = take_json(out);
    CHECK_STR(member_text(j, "status"), "surrendered");
    json_decref(j);
    ledger_balances(f.office);
    office_free(&f);
    case_end();
}

static void test_errors(void) {
    struct office_fixture f;
    poura_buffer *out = NULL;
    int64_t added = -1;

    case_begin("revenue: bad JSON, unknown members and services, permission denied, bad registers, NULL, bad handles");
    if (!office_create(&f, "errors.db")) {
        case_end();
        return;
    }
    refused(poura_revenue_add_holding(f.office, f.secretary, "{\"number\": ", &out), POURA_ERROR_MALFORMED_INPUT, &out,
            "holding_json");
    refused(poura_revenue_add_holding(f.office, f.secretary, "[1]", &out), POURA_ERROR_INVALID_ARGUMENT, &out,
            "holding_json");
    refused(poura_revenue_add_holding(f.office, f.secretary, "{\"number\": \"03-011-0009-00\", \"colour\": 1}", &out),
            POURA_ERROR_INVALID_ARGUMENT, &out, "colour");
    /* Only the secretary or the admin keeps records. */
    refused(poura_revenue_add_holding(f.office, f.councilor, holding_json, &out), POURA_ERROR_PERMISSION_DENIED, &out,
            "karim");
    refused(poura_revenue_add_holding(f.office, 999, holding_json, &out), POURA_ERROR_NOT_FOUND, &out, "");
    CHECK_OK(poura_revenue_add_holding(f.office, f.secretary, holding_json, &out));
    poura_buffer_free(out);
    out = NULL;
    refused(poura_revenue_add_holding(f.office, f.secretary, holding_json, &out), POURA_ERROR_CONFLICT, &out, "");
    refused(poura_revenue_holding_to_json(f.office, "09-999-9999-00", &out), POURA_ERROR_NOT_FOUND, &out, "");
    refused(poura_revenue_holdings_to_json(f.office, 0, 0, &out), POURA_ERROR_INVALID_ARGUMENT, &out, "limit");
    refused(poura_revenue_mutate(f.office, f.secretary, "03-011-0009-00", "{\"name_bn\": \"সালমা\"}", "2025-08-01",
                                 NULL, &out),
            POURA_ERROR_INVALID_ARGUMENT, &out, "owners_json");
    refused(poura_revenue_assess(f.office, f.secretary, "03-011-0009-00", "{\"value\": 1}", &out),
            POURA_ERROR_INVALID_ARGUMENT, &out, "value");
    refused(poura_revenue_review(f.office, f.secretary, "03-011-0009-00", -1, "board", &out),
            POURA_ERROR_INVALID_ARGUMENT, &out, "revised_value");

    /* Unknown services, reports and periods. */
    refused(poura_revenue_run_bills(f.office, f.secretary, "{\"service\": \"holding\", \"period\": \"2025-26\"}", NULL,
                                    NULL, &out),
            POURA_ERROR_INVALID_ARGUMENT, &out, "holding");
    refused(poura_revenue_run_bills(f.office, f.secretary, "{\"service\": \"holding_tax\", \"period\": \"2019-20\"}",
                                    NULL, NULL, &out),
            POURA_ERROR_NOT_IN_SCHEDULE, &out, "");
    refused(poura_revenue_run_bills(f.office, f.secretary, "{\"service\": \"holding_tax\", \"year\": \"2025-26\"}",
                                    NULL, NULL, &out),
            POURA_ERROR_INVALID_ARGUMENT, &out, "year");
    refused(poura_revenue_run_bills(f.office, f.councilor, "{\"service\": \"holding_tax\", \"period\": \"2025-26\"}",
                                    NULL, NULL, &out),
            POURA_ERROR_PERMISSION_DENIED, &out, "karim");
    refused(poura_revenue_pay(f.office, f.secretary,
                              "{\"service\": \"rent\", \"account\": \"03-011-0009-00\", \"amount\": 10,"
                              " \"paid_on\": \"2026-01-08\"}",
                              &out),
            POURA_ERROR_INVALID_ARGUMENT, &out, "rent");
    refused(poura_revenue_pay(f.office, f.secretary,
                              "{\"service\": \"holding_tax\", \"account\": \"03-011-0009-00\", \"amount\": \"1,0,0\","
                              " \"paid_on\": \"2026-01-08\"}",
                              &out),
            POURA_ERROR_INVALID_ARGUMENT, &out, "amount");
    refused(poura_revenue_pay(f.office, f.secretary, "not json", &out), POURA_ERROR_MALFORMED_INPUT, &out,
            "payment_json");
    refused(poura_revenue_demands_to_json(f.office, "electricity", "03-011-0009-00", &out),
            POURA_ERROR_INVALID_ARGUMENT, &out, "electricity");
    refused(poura_revenue_report_to_json(f.office, "everything", NULL, &out), POURA_ERROR_INVALID_ARGUMENT, &out,
            "everything");
    refused(poura_revenue_report_to_json(f.office, "demand", "{\"service\": \"gas\"}", &out),
            POURA_ERROR_INVALID_ARGUMENT, &out, "gas");
    refused(poura_revenue_rows_to_csv("{}", &out), POURA_ERROR_INVALID_ARGUMENT, &out, "rows_json");
    refused(poura_revenue_rows_to_csv("[", &out), POURA_ERROR_MALFORMED_INPUT, &out, "rows_json");
    refused(poura_revenue_issue_licence(f.office, f.secretary, "{\"category\": \"grocery\", \"shop\": 1}", 1,
                                        "2025-08-01", &out),
            POURA_ERROR_INVALID_ARGUMENT, &out, "shop");

    /* A register with a bad row goes in not at all, naming the row and field. */
    CHECK_STATUS(poura_revenue_import_register(f.office, f.secretary, "holdings",
                                               "number,ward,use,owner_name_bn\n"
                                               "05-002-0050-00,5,residential,করিম মিয়া\n"
                                               "05-002-0051-00,22,residential,করিম মিয়া\n",
                                               &added),
                 POURA_ERROR_MALFORMED_INPUT);
    CHECK(added == 0);
    CHECK(strstr(poura_last_error(), "line 3: ward") != NULL);
    CHECK_STATUS(poura_revenue_holding_to_json(f.office, "05-002-0050-00", &out), POURA_ERROR_NOT_FOUND);
    CHECK_STATUS(poura_revenue_import_register(f.office, f.secretary, "castles", "number\n1\n", &added),
                 POURA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(poura_revenue_import_payments(f.office, f.secretary, "bkash",
                                               "reference,service,account,amount,paid_on\n"
                                               "TX1,holding_tax,03-011-0009-00,\"1,0,0,0,0\",2026-01-03\n",
                                               NULL, NULL, NULL, &out),
                 POURA_ERROR_MALFORMED_INPUT);
    CHECK(strstr(poura_last_error(), "row 2, amount") != NULL);
    CHECK(out == NULL);

    /* NULL pointers and bad handles. */
    CHECK_STATUS(poura_revenue_add_holding(f.office, f.secretary, NULL, &out), POURA_ERROR_NULL_POINTER);
    CHECK_STATUS(poura_revenue_add_holding(f.office, f.secretary, holding_json, NULL), POURA_ERROR_NULL_POINTER);
    CHECK_STATUS(poura_revenue_holding_to_json(f.office, NULL, &out), POURA_ERROR_NULL_POINTER);
    CHECK_STATUS(poura_revenue_import_register(f.office, f.secretary, "holdings", register_csv, NULL),
                 POURA_ERROR_NULL_POINTER);
    CHECK_STATUS(poura_revenue_check_ledger_to_json(NULL, &out), POURA_ERROR_NULL_POINTER);
    CHECK_STATUS(poura_revenue_check_ledger_to_json((poura_office *)f.keyset, &out), POURA_ERROR_BAD_HANDLE);
    CHECK_STATUS(poura_revenue_rows_to_svg("[]", NULL, "x", NULL, &out), POURA_ERROR_NULL_POINTER);
    CHECK(out == NULL);
    ledger_balances(f.office);
    {
        poura_office *office = f.office;
        office_free(&f);
        CHECK_STATUS(poura_revenue_holding_to_json(office, "03-011-0009-00", &out), POURA_ERROR_BAD_HANDLE);
    }
    case_end();
}

/* Removes the temporary folder's files. */
static void clean_up(void) {
    static const char *const bases[] = {"records.db", "bills.db", "licence.db", "errors.db"};
    static const char *const suffixes[] = {"", "-wal", "-shm"};
    size_t i, k;
    for (i = 0; i < sizeof bases / sizeof bases[0]; i++)
        for (k = 0; k < sizeof suffixes / sizeof suffixes[0]; k++) {
            char name[64];
            char *path;
            snprintf(name, sizeof name, "%s%s", bases[i], suffixes[k]);
            path = path_join(work_dir, name);
            unlink(path);
            free(path);
        }
    rmdir(work_dir);
}

int main(int argc, char **argv) {
    int status;
    if (argc != 2) {
        fprintf(stderr, "usage: %s <source-dir>\n", argv[0]);
        return 64;
    }
    source_dir = argv[1];
    if (mkdtemp(work_dir) == NULL) {
        perror("mkdtemp");
        return 1;
    }
    snprintf(options_json, sizeof options_json,
             "{\"schedules\": [\"%s/examples/schedules\"], \"now\": %lld, \"checkpoint_every\": 1000}", source_dir,
             (long long)NOW);
    test_records();
    test_bills_and_payments();
    test_licence();
    test_errors();
    status = suite_finish("c_revenue");
    clean_up();
    return status;
}
