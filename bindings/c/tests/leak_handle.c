/* Makes a handle and never frees it, on purpose: run under valgrind or
 * LeakSanitizer, it must be reported as lost. This shows that the leak
 * checks of the other suites would see a handle a program forgets, though
 * the library keeps a registry of every live handle.
 *
 *   leak_handle
 */
#include <poura.h>

#include <stdio.h>

int main(void) {
    poura_buffer *forgotten = NULL;
    int status = poura_qr_render_svg("BD1:LEAK", POURA_ECC_L, 1, 0, &forgotten);
    if (status != POURA_OK) {
        fprintf(stderr, "poura_qr_render_svg: %s\n", poura_last_error());
        return 1;
    }
    forgotten = NULL; /* the only pointer to the handle, gone */
    printf("a poura_buffer handle made and not freed\n");
    return 0;
}
