/* A small test harness for the C test programs: checks grouped into named
 * cases, a summary line "<suite>: N passed, N failed" (one count per case),
 * and the file and Base64 helpers the vector runners need. */
#ifndef POURA_C_TEST_SUPPORT_H
#define POURA_C_TEST_SUPPORT_H

#include <stddef.h>
#include <stdint.h>

void case_begin(const char *name);
void case_end(void);
/* Prints the summary line; the program's exit status (0 when nothing failed). */
int suite_finish(const char *suite);

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
void check_failed(const char *file, int line, const char *format, ...);
void check_status_at(const char *file, int line, const char *call, int status, int expected);
void check_string_at(const char *file, int line, const char *what, const char *actual, const char *expected);

#define CHECK(condition) ((condition) ? (void)0 : check_failed(__FILE__, __LINE__, "%s", #condition))
/* The call's status must be `expected`; the last error is shown when not. */
#define CHECK_STATUS(call, expected) check_status_at(__FILE__, __LINE__, #call, (call), (expected))
#define CHECK_OK(call) CHECK_STATUS(call, 0)
#define CHECK_STR(actual, expected) check_string_at(__FILE__, __LINE__, #actual, (actual), (expected))

/* Standard Base64 with padding; malloc'd, NULL for text that is not Base64. */
uint8_t *base64_decode(const char *text, size_t *out_size);
/* A whole file, NUL-terminated, malloc'd; NULL when it cannot be read. */
char *read_file(const char *path, size_t *out_size);
/* 0 on success. */
int write_file(const char *path, const void *data, size_t size);
/* `directory` + "/" + `name`, malloc'd. */
char *path_join(const char *directory, const char *name);

#endif
