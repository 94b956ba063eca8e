#include "support.h"

#include <poura.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *current_case = NULL;
static int current_failures = 0;
static int cases_passed = 0;
static int cases_failed = 0;
static int failures_outside_cases = 0;

void case_begin(const char *name) {
    current_case = name;
    current_failures = 0;
}

void case_end(void) {
    if (current_failures == 0)
        ++cases_passed;
    else
        ++cases_failed;
    current_case = NULL;
}

int suite_finish(const char *suite) {
    if (failures_outside_cases > 0) ++cases_failed;
    printf("%s: %d passed, %d failed\n", suite, cases_passed, cases_failed);
    return cases_failed == 0 && cases_passed > 0 ? 0 : 1;
}

void check_failed(const char *file, int line, const char *format, ...) {
    va_list args;
    if (current_case != NULL) {
        if (current_failures == 0) printf("FAILED: %s\n", current_case);
        ++current_failures;
    } else {
        ++failures_outside_cases;
    }
    printf("  %s:%d: ", file, line);
    va_start(args, format);
    vprintf(format, args);
    va_end(args);
    printf("\n");
}

void check_status_at(const char *file, int line, const char *call, int status, int expected) {
    if (status == expected) return;
    check_failed(file, line, "%s gave %d (%s) instead of %d (%s): %s", call, status, poura_error_name(status),
                 expected, poura_error_name(expected), poura_last_error());
}

void check_string_at(const char *file, int line, const char *what, const char *actual, const char *expected) {
    if (actual != NULL && expected != NULL && strcmp(actual, expected) == 0) return;
    check_failed(file, line, "%s is \"%s\", expected \"%s\"", what, actual ? actual : "(NULL)",
                 expected ? expected : "(NULL)");
}

static int base64_value(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

uint8_t *base64_decode(const char *text, size_t *out_size) {
    size_t length = strlen(text);
    uint8_t *out = malloc(length / 4 * 3 + 3);
    size_t size = 0;
    uint32_t buffer = 0;
    int bits = 0;
    size_t i;
    if (out == NULL) return NULL;
    for (i = 0; i < length && text[i] != '='; ++i) {
        int value = base64_value(text[i]);
        if (value < 0) {
            free(out);
            return NULL;
        }
        buffer = (buffer << 6) | (uint32_t)value;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out[size++] = (uint8_t)((buffer >> bits) & 0xFF);
        }
    }
    *out_size = size;
    return out;
}

char *read_file(const char *path, size_t *out_size) {
    FILE *file = fopen(path, "rb");
    char *content = NULL;
    size_t size = 0;
    size_t capacity = 0;
    size_t got;
    if (file == NULL) return NULL;
    do {
        if (capacity - size < 4096) {
            char *grown;
            capacity = capacity * 2 + 4096;
            grown = realloc(content, capacity + 1);
            if (grown == NULL) {
                free(content);
                fclose(file);
                return NULL;
            }
            content = grown;
        }
        got = fread(content + size, 1, capacity - size, file);
        size += got;
    } while (got > 0);
    if (ferror(file)) {
        free(content);
        fclose(file);
        return NULL;
    }
    fclose(file);
    content[size] = '\0';
    if (out_size != NULL) *out_size = size;
    return content;
}

int write_file(const char *path, const void *data, size_t size) {
    FILE *file = fopen(path, "wb");
    int ok;
    if (file == NULL) return -1;
    ok = fwrite(data, 1, size, file) == size;
    return fclose(file) == 0 && ok ? 0 : -1;
}

char *path_join(const char *directory, const char *name) {
    size_t length = strlen(directory) + strlen(name) + 2;
    char *path = malloc(length);
    if (path != NULL) snprintf(path, length, "%s/%s", directory, name);
    return path;
}
