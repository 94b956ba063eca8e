/* Loads a fee schedule, works out the holding tax on a house let for
 * 10,000 taka a month, and prints the bill in Bangla and English.
 *
 *   poura-bill-c SCHEDULE.json      (e.g. examples/schedules/kaliganj-2025-26.json)
 *
 * Exit status: 0 the bill was printed, 1 it could not be made. */
#include <poura.h>

#include <stdio.h>

int main(int argc, char **argv) {
    static const char *const input =
        "{\"municipality\": \"kaliganj\", \"fiscal_year\": \"2025-26\", \"monthly_rent\": 10000}";
    poura_schedules *schedules = NULL;
    poura_bill *bill = NULL;
    const char *text = NULL;
    int status;

    if (argc != 2) {
        fprintf(stderr, "usage: %s SCHEDULE.json\n", argv[0]);
        return 1;
    }
    status = poura_schedules_new(&schedules);
    if (status == POURA_OK) status = poura_schedules_add_file(schedules, argv[1]);
    if (status == POURA_OK) status = poura_bill_holding_tax(schedules, input, &bill);
    if (status == POURA_OK) status = poura_bill_text(bill, &text);
    if (status == POURA_OK)
        printf("%s", text);
    else
        fprintf(stderr, "error: %s [%s]\n", poura_last_error(), poura_error_name(status));

    poura_bill_free(bill);
    poura_schedules_free(schedules);
    return status == POURA_OK ? 0 : 1;
}
