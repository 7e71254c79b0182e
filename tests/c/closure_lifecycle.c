/* Closure lifecycle: re-prepare one slot with other signatures and backing functions, free
 * and reuse slots, hundreds of closures live at once.
 */
#include "wasix_closures.h"

#define MAX_LIVE 1024

static const uint8_t T_I32[] = {WASIX_VALUE_TYPE_I32};
static const uint8_t T_I64x2[] = {WASIX_VALUE_TYPE_I64, WASIX_VALUE_TYPE_I64};
static const uint8_t T_I64[] = {WASIX_VALUE_TYPE_I64};
static const uint8_t T_F64[] = {WASIX_VALUE_TYPE_F64};

/* (i32 x) -> i32: x * *env */
static void times_env(uint8_t *args, uint8_t *results, void *env) {
    wc_store_i32(results, wc_load_i32(args) * *(int32_t *)env);
}

/* (i32 x) -> i32: x + *env */
static void plus_env(uint8_t *args, uint8_t *results, void *env) {
    wc_store_i32(results, wc_load_i32(args) + *(int32_t *)env);
}

/* (i64 a, i64 b) -> i64: a - b */
static void sub_i64(uint8_t *args, uint8_t *results, void *env) {
    (void)env;
    wc_store_i64(results, wc_load_i64(args) - wc_load_i64(args + 8));
}

/* (f64 x) -> f64: x * x */
static void square_f64(uint8_t *args, uint8_t *results, void *env) {
    (void)env;
    double x = wc_load_f64(args);
    wc_store_f64(results, x * x);
}

/* One slot, four definitions in turn:
 *   (i32)->i32 times_env, env 3:  f(5)       = 15
 *   (i32)->i32 plus_env,  env 3:  f(5)       = 8     (same signature, other backing)
 *   (i64,i64)->i64 sub_i64:       f(100, 58) = 42    (other signature)
 *   (f64)->f64 square_f64:        f(1.5)     = 2.25
 * Returns 15 + 8 * 100 + 42 * 10000 + (int)(2.25 * 4) * 1000000 = 9420815. */
WC_EXPORT("reprepare") int64_t test_reprepare(void) {
    static int32_t three = 3;
    uint32_t c;
    WC_TRY(__wasi_closure_allocate(&c), -1);
    WC_TRY(__wasi_closure_prepare(WC_INDEX(times_env), c, T_I32, 1, T_I32, 1, &three), -1);
    int64_t r1 = WC_FN(int32_t (*)(int32_t), c)(5);
    WC_TRY(__wasi_closure_prepare(WC_INDEX(plus_env), c, T_I32, 1, T_I32, 1, &three), -1);
    int64_t r2 = WC_FN(int32_t (*)(int32_t), c)(5);
    WC_TRY(__wasi_closure_prepare(WC_INDEX(sub_i64), c, T_I64x2, 2, T_I64, 1, 0), -1);
    int64_t r3 = WC_FN(int64_t (*)(int64_t, int64_t), c)(100, 58);
    WC_TRY(__wasi_closure_prepare(WC_INDEX(square_f64), c, T_F64, 1, T_F64, 1, 0), -1);
    int64_t r4 = (int64_t)(WC_FN(double (*)(double), c)(1.5) * 4);
    WC_TRY(__wasi_closure_free(c), -1);
    return r1 + r2 * 100 + r3 * 10000 + r4 * 1000000;
}

/* Closures live at once: slot, and the environment of closure i is factors[i] = i + 1. */
static uint32_t live[MAX_LIVE];
static int32_t factors[MAX_LIVE];
static int32_t live_count;

/* Allocate and prepare n more closures (i32 x) -> i32: x * (i + 1). Returns the live count. */
WC_EXPORT("alloc_many") int32_t alloc_many(int32_t n) {
    WC_CHECK(n >= 0 && live_count + n <= MAX_LIVE, -2);
    for (int32_t k = 0; k < n; k++) {
        int32_t i = live_count;
        factors[i] = i + 1;
        WC_TRY(__wasi_closure_allocate(&live[i]), -1);
        WC_TRY(__wasi_closure_prepare(WC_INDEX(times_env), live[i], T_I32, 1, T_I32, 1, &factors[i]), -1);
        live_count++;
    }
    return live_count;
}

/* Sum over the live closures of closure_i(x) = x * n * (n + 1) / 2. */
WC_EXPORT("call_all") int64_t call_all(int32_t x) {
    int64_t total = 0;
    for (int32_t i = 0; i < live_count; i++) total += WC_FN(int32_t (*)(int32_t), live[i])(x);
    return total;
}

/* 1 when the live closures have pairwise distinct slots, none of them 0. */
WC_EXPORT("distinct") int32_t distinct(void) {
    for (int32_t i = 0; i < live_count; i++) {
        if (live[i] == 0) return 0;
        for (int32_t j = i + 1; j < live_count; j++)
            if (live[i] == live[j]) return 0;
    }
    return 1;
}

WC_EXPORT("live_slot") uint32_t live_slot(int32_t i) { return i >= 0 && i < live_count ? live[i] : 0; }

/* Free every live closure; returns how many frees succeeded. */
WC_EXPORT("free_all") int32_t free_all(void) {
    int32_t ok = 0;
    for (int32_t i = 0; i < live_count; i++) ok += __wasi_closure_free(live[i]) == WASIX_ERRNO_SUCCESS;
    live_count = 0;
    return ok;
}

/* Free returns SUCCESS for zero, unknown and already-freed indices (Wasmer's behaviour). */
WC_EXPORT("free_errno") int32_t free_errno(uint32_t closure) { return __wasi_closure_free(closure); }

WC_EXPORT("double_free") int32_t double_free(void) {
    uint32_t c;
    WC_TRY(__wasi_closure_allocate(&c), -1);
    WC_TRY(__wasi_closure_free(c), -1);
    return __wasi_closure_free(c);
}

/* Allocate, free, allocate again: the second slot, prepared, works. Returns f(6) = 6 * 3. */
WC_EXPORT("free_then_reuse") int32_t free_then_reuse(void) {
    static int32_t three = 3;
    uint32_t a, b;
    WC_TRY(__wasi_closure_allocate(&a), -1);
    WC_TRY(__wasi_closure_prepare(WC_INDEX(plus_env), a, T_I32, 1, T_I32, 1, &three), -1);
    WC_TRY(__wasi_closure_free(a), -1);
    WC_TRY(__wasi_closure_allocate(&b), -1);
    WC_TRY(__wasi_closure_prepare(WC_INDEX(times_env), b, T_I32, 1, T_I32, 1, &three), -1);
    int32_t r = WC_FN(int32_t (*)(int32_t), b)(6);
    WC_TRY(__wasi_closure_free(b), -1);
    return r;
}

int main(void) {
    if (test_reprepare() != 9420815) return 1;
    if (alloc_many(300) != 300) return 2;
    if (call_all(2) != 2LL * 300 * 301 / 2) return 3;
    if (!distinct()) return 4;
    if (free_all() != 300) return 5;
    if (free_then_reuse() != 18) return 6;
    return wc_failed_line ? 100 : 0;
}
