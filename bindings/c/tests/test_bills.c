/* The fee vectors (tests/vectors/fees/bills.json) through the C API: each
 * calculator's bill against the amounts worked out by hand, and each refused
 * input against its error code and message.
 *
 *   test_bills <bills.json> <source-dir>
 */
#include "support.h"

#include <poura.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef int (*calculator)(const poura_schedules *, const char *, poura_bill **);

static calculator calculator_named(const char *name) {
    if (strcmp(name, "holding") == 0) return poura_bill_holding_tax;
    if (strcmp(name, "water") == 0) return poura_bill_water;
    if (strcmp(name, "trade") == 0) return poura_bill_trade_licence;
    if (strcmp(name, "certificate") == 0) return poura_bill_certificate_fee;
    return NULL;
}

static const char *const calculator_names[] = {"holding", "water", "trade", "certificate"};

static size_t cases_of(const json_t *vectors, const char *calculator) {
    size_t i, count = 0;
    json_t *c;
    json_array_foreach(json_object_get(vectors, "cases"), i, c) {
        const char *name = json_string_value(json_object_get(c, "calculator"));
        if (name != NULL && strcmp(name, calculator) == 0) ++count;
    }
    return count;
}

/* The first line with this code, or NULL. */
static const json_t *line_with_code(const json_t *bill, const char *code) {
    size_t i;
    json_t *line;
    json_array_foreach(json_object_get(bill, "lines"), i, line) {
        if (strcmp(json_string_value(json_object_get(line, "code")), code) == 0) return line;
    }
    return NULL;
}

static void check_bill(const poura_bill *handle, const json_t *expect) {
    const char *text = NULL;
    json_t *bill, *value, *line;
    json_error_t error;
    int64_t total = -1, sum = 0;
    const char *key;
    size_t i;

    CHECK_OK(poura_bill_total_poisha(handle, &total));
    CHECK(total == (int64_t)json_integer_value(json_object_get(expect, "total_poisha")));
    CHECK_OK(poura_bill_json(handle, &text));
    bill = json_loads(text ? text : "", 0, &error);
    if (bill == NULL) {
        check_failed(__FILE__, __LINE__, "the bill JSON does not parse: %s", error.text);
        return;
    }
    /* The printed bill names its period and schedule, and has a total. */
    CHECK_OK(poura_bill_text(handle, &text));
    CHECK(text != NULL && strstr(text, "Total") != NULL);
    CHECK(text != NULL && strstr(text, json_string_value(json_object_get(bill, "period"))) != NULL);
    CHECK(text != NULL && strstr(text, json_string_value(json_object_get(bill, "schedule"))) != NULL);
    CHECK(json_integer_value(json_object_get(bill, "total_poisha")) == total);
    json_array_foreach(json_object_get(bill, "lines"), i, line) {
        if (!json_is_true(json_object_get(line, "informational")))
            sum += json_integer_value(json_object_get(line, "amount_poisha"));
    }
    CHECK(sum == total);
    json_object_foreach(json_object_get(expect, "lines"), key, value) {
        const json_t *found = line_with_code(bill, key);
        if (found == NULL)
            check_failed(__FILE__, __LINE__, "no line %s", key);
        else if (json_integer_value(json_object_get(found, "amount_poisha")) != json_integer_value(value))
            check_failed(__FILE__, __LINE__, "line %s is %lld poisha, expected %lld", key,
                         (long long)json_integer_value(json_object_get(found, "amount_poisha")),
                         (long long)json_integer_value(value));
    }
    json_array_foreach(json_object_get(expect, "absent"), i, value) {
        if (line_with_code(bill, json_string_value(value)) != NULL)
            check_failed(__FILE__, __LINE__, "line %s should be absent", json_string_value(value));
    }
    if ((value = json_object_get(expect, "instalments_poisha")) != NULL) {
        json_t *instalments = json_object_get(bill, "instalments");
        CHECK(json_array_size(instalments) == json_array_size(value));
        for (i = 0; i < json_array_size(value) && i < json_array_size(instalments); ++i)
            CHECK(json_integer_value(json_object_get(json_array_get(instalments, i), "amount_poisha")) ==
                  json_integer_value(json_array_get(value, i)));
    }
    if ((value = json_object_get(expect, "due")) != NULL)
        CHECK_STR(json_string_value(json_object_get(bill, "due")), json_string_value(value));
    json_decref(bill);
}

static void run_case(const poura_schedules *schedules, const json_t *c) {
    const json_t *expect = json_object_get(c, "expect");
    const char *expected_error = json_string_value(json_object_get(expect, "error"));
    calculator calculate = calculator_named(json_string_value(json_object_get(c, "calculator")));
    /* Fifteen significant digits print every amount in the vectors as written. */
    char *input = json_dumps(json_object_get(c, "input"), JSON_COMPACT | JSON_REAL_PRECISION(15));
    poura_bill *bill = NULL;
    int status;

    CHECK(calculate != NULL && input != NULL);
    if (calculate == NULL || input == NULL) {
        free(input);
        return;
    }
    status = calculate(schedules, input, &bill);
    if (expected_error != NULL) {
        const char *fragment = json_string_value(json_object_get(expect, "message_contains"));
        CHECK(status < 0);
        CHECK(bill == NULL);
        CHECK_STR(poura_error_name(status), expected_error);
        if (strstr(poura_last_error(), fragment) == NULL)
            check_failed(__FILE__, __LINE__, "the message \"%s\" does not contain \"%s\"", poura_last_error(),
                         fragment);
    } else {
        CHECK_STATUS(status, POURA_OK);
        if (bill != NULL) check_bill(bill, expect);
    }
    CHECK_OK(poura_bill_free(bill));
    free(input);
}

int main(int argc, char **argv) {
    json_error_t error;
    json_t *vectors, *item;
    poura_schedules *schedules = NULL;
    size_t i, count = 0;
    if (argc != 3) {
        fprintf(stderr, "usage: %s <bills.json> <source-dir>\n", argv[0]);
        return 64;
    }
    vectors = json_load_file(argv[1], 0, &error);

    case_begin("the sample schedules load");
    if (vectors == NULL) check_failed(__FILE__, __LINE__, "%s: %s", argv[1], error.text);
    CHECK_OK(poura_schedules_new(&schedules));
    json_array_foreach(json_object_get(vectors, "schedules"), i, item) {
        char *path = path_join(argv[2], json_string_value(item));
        CHECK_OK(poura_schedules_add_file(schedules, path));
        free(path);
    }
    CHECK_OK(poura_schedules_count(schedules, &count));
    CHECK(count == json_array_size(json_object_get(vectors, "schedules")) && count > 0);
    case_end();

    /* Every calculator has cases, so an emptied or cut file cannot pass. */
    case_begin("the fee vectors hold cases of every calculator");
    for (i = 0; i < sizeof calculator_names / sizeof *calculator_names; ++i) {
        if (cases_of(vectors, calculator_names[i]) == 0)
            check_failed(__FILE__, __LINE__, "no cases of %s", calculator_names[i]);
    }
    case_end();

    json_array_foreach(json_object_get(vectors, "cases"), i, item) {
        char name[256];
        snprintf(name, sizeof name, "%s: %s", json_string_value(json_object_get(item, "calculator")),
                 json_string_value(json_object_get(item, "name")));
        case_begin(name);
        run_case(schedules, item);
        case_end();
    }

    CHECK_OK(poura_schedules_free(schedules));
    json_decref(vectors);
    return suite_finish("c_bills");
}
