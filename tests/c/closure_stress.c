/* High-frequency closures through the WASIX syscalls: allocate/prepare/call/free cycles, and
 * many closures live at once. Driven by tests/stress_wasix.py, which measures RSS between
 * calls of these exports.
 */
#include "wasix_closures.h"

static const uint8_t T_I32x2[] = {WASIX_VALUE_TYPE_I32, WASIX_VALUE_TYPE_I32};
static const uint8_t T_I32[] = {WASIX_VALUE_TYPE_I32};

/* (i32 a, i32 b) -> i32: a + b + *env */
static void add_env(uint8_t *args, uint8_t *results, void *env) {
    wc_store_i32(results, wc_load_i32(args) + wc_load_i32(args + 4) + *(int32_t *)env);
}

typedef int32_t (*add_fn)(int32_t, int32_t);

/* `count` cycles of allocate, prepare (env = the cycle number), call, free.
 * Returns the number of cycles done, or -1 after a failed syscall or a wrong result. */
WC_EXPORT("cycles") int32_t cycles(int32_t first, int32_t count) {
    static int32_t env;
    for (int32_t i = first; i < first + count; i++) {
        uint32_t c;
        env = i;
        WC_TRY(__wasi_closure_allocate(&c), -1);
        WC_TRY(__wasi_closure_prepare(WC_INDEX(add_env), c, T_I32x2, 2, T_I32, 1, &env), -1);
        WC_CHECK(WC_FN(add_fn, c)(1, 2) == i + 3, -1);
        WC_TRY(__wasi_closure_free(c), -1);
    }
    return count;
}

#define MAX_LIVE 100000
static uint32_t live[MAX_LIVE];
static int32_t envs[MAX_LIVE];

/* Allocate and prepare `count` closures that stay alive (closure i adds i), call each once,
 * then free them all. Returns the sum of the calls' results, or -1 on a failure. */
WC_EXPORT("live") int64_t live_closures(int32_t count) {
    WC_CHECK(count <= MAX_LIVE, -1);
    for (int32_t i = 0; i < count; i++) {
        envs[i] = i;
        WC_TRY(__wasi_closure_allocate(&live[i]), -1);
        WC_TRY(__wasi_closure_prepare(WC_INDEX(add_env), live[i], T_I32x2, 2, T_I32, 1, &envs[i]), -1);
    }
    int64_t sum = 0;
    for (int32_t i = 0; i < count; i++) sum += WC_FN(add_fn, live[i])(0, 0);
    for (int32_t i = 0; i < count; i++) WC_TRY(__wasi_closure_free(live[i]), -1);
    return sum;
}

int main(void) { return 0; }
