/* A WASI reactor (clang -mexec-model=reactor): no main, exports called after _initialize,
 * which runs the constructor below and sets up libc. Built by tests/test_cli_run.py. */
#include <stdlib.h>
#include <string.h>

static char *greeting;

__attribute__((constructor)) static void init_greeting(void) { greeting = strdup("hello, reactor"); }

/* The greeting's length, or -1 when the constructor did not run. */
__attribute__((export_name("greeting_length"))) int greeting_length(void) {
    return greeting ? (int)strlen(greeting) : -1;
}
