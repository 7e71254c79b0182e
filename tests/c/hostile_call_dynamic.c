/* A hostile guest of call_dynamic (issue 15): run as `recurse` it makes call_dynamic call itself
 * with its own arguments, host to host with no wasm frame between; run as `exit` it reaches
 * exit(42) through call_dynamic. Either way the host must end it (a trap, exit 42): returning
 * here is the failure, exit status 3. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wasix/call_dynamic.h>

static int32_t exits(int32_t code) {
    exit(code);
}

int main(int argc, char **argv) {
    if (argc == 2 && strcmp(argv[1], "recurse") == 0) {
        /* call_dynamic(self, args, 24, NULL, 0, 0) with args = those same six values */
        uint32_t args[6];
        args[0] = (uint32_t)(uintptr_t)&__wasi_call_dynamic;
        args[1] = (uint32_t)(uintptr_t)args;
        args[2] = sizeof args;
        args[3] = args[4] = args[5] = 0;
        int result = wasix_call_dynamic((wasix_function_pointer_t)args[0], args, sizeof args, NULL, 0, false);
        printf("call_dynamic returned %d\n", result);
        return 3;
    }
    if (argc == 2 && strcmp(argv[1], "exit") == 0) {
        int32_t code = 42, result = 0;
        wasix_call_dynamic((wasix_function_pointer_t)(uintptr_t)&exits, &code, sizeof code, &result, sizeof result,
                           true);
        printf("exit returned to its caller\n");
        return 3;
    }
    fprintf(stderr, "usage: hostile_call_dynamic recurse|exit\n");
    return 2;
}
