/* Closures of every value type, called from C through their function pointers.
 *
 * Each export allocates a closure, prepares it, calls it, frees it and returns what the call
 * gave, so the Python test can assert exact values. A failed syscall or check is recorded
 * (wc_error_line / wc_error_errno) and the export returns a sentinel.
 */
#include "wasix_closures.h"

#ifndef __wasm_simd128__
#error "build with -msimd128"
#endif

static const uint8_t T_I32x2[] = {WASIX_VALUE_TYPE_I32, WASIX_VALUE_TYPE_I32};
static const uint8_t T_I32[] = {WASIX_VALUE_TYPE_I32};
static const uint8_t T_I64x2[] = {WASIX_VALUE_TYPE_I64, WASIX_VALUE_TYPE_I64};
static const uint8_t T_I64[] = {WASIX_VALUE_TYPE_I64};
static const uint8_t T_F32x2[] = {WASIX_VALUE_TYPE_F32, WASIX_VALUE_TYPE_F32};
static const uint8_t T_F32[] = {WASIX_VALUE_TYPE_F32};
static const uint8_t T_F64x2[] = {WASIX_VALUE_TYPE_F64, WASIX_VALUE_TYPE_F64};
static const uint8_t T_F64[] = {WASIX_VALUE_TYPE_F64};
static const uint8_t T_V128x2[] = {WASIX_VALUE_TYPE_V128, WASIX_VALUE_TYPE_V128};
static const uint8_t T_V128[] = {WASIX_VALUE_TYPE_V128};
static const uint8_t T_I32_I64[] = {WASIX_VALUE_TYPE_I32, WASIX_VALUE_TYPE_I64};
/* i32, v128, f64, i64, f32, v128: a v128 at the unaligned offset 4 of the argument area. */
static const uint8_t T_MIXED[] = {WASIX_VALUE_TYPE_I32, WASIX_VALUE_TYPE_V128, WASIX_VALUE_TYPE_F64, WASIX_VALUE_TYPE_I64, WASIX_VALUE_TYPE_F32, WASIX_VALUE_TYPE_V128};
static const uint8_t T_SIXTEEN[] = {
    WASIX_VALUE_TYPE_I32, WASIX_VALUE_TYPE_I64, WASIX_VALUE_TYPE_F32, WASIX_VALUE_TYPE_F64, WASIX_VALUE_TYPE_I32, WASIX_VALUE_TYPE_I64, WASIX_VALUE_TYPE_F32, WASIX_VALUE_TYPE_F64,
    WASIX_VALUE_TYPE_I32, WASIX_VALUE_TYPE_I64, WASIX_VALUE_TYPE_F32, WASIX_VALUE_TYPE_F64, WASIX_VALUE_TYPE_I32, WASIX_VALUE_TYPE_I64, WASIX_VALUE_TYPE_F32, WASIX_VALUE_TYPE_F64,
};
static const uint8_t T_MULTI_RESULTS[] = {WASIX_VALUE_TYPE_I32, WASIX_VALUE_TYPE_I64, WASIX_VALUE_TYPE_F64};

/* ---- backing functions ---------------------------------------------------------------- */

/* (i32 a, i32 b) -> i32: a + b + *env */
static void add_i32(uint8_t *args, uint8_t *results, void *env) {
    wc_store_i32(results, wc_load_i32(args) + wc_load_i32(args + 4) + *(int32_t *)env);
}

/* (i64 a, i64 b) -> i64: a * b + *env */
static void mul_add_i64(uint8_t *args, uint8_t *results, void *env) {
    wc_store_i64(results, wc_load_i64(args) * wc_load_i64(args + 8) + *(int64_t *)env);
}

/* (f32 a, f32 b) -> f32: a * b + *env */
static void mul_add_f32(uint8_t *args, uint8_t *results, void *env) {
    wc_store_f32(results, wc_load_f32(args) * wc_load_f32(args + 4) + *(float *)env);
}

/* (f64 a, f64 b) -> f64: a / b + *env */
static void div_add_f64(uint8_t *args, uint8_t *results, void *env) {
    wc_store_f64(results, wc_load_f64(args) / wc_load_f64(args + 8) + *(double *)env);
}

/* (v128 a, v128 b) -> v128: i32x4 a * b + *env */
static void mul_add_v128(uint8_t *args, uint8_t *results, void *env) {
    v128_t a = wc_load_v128(args), b = wc_load_v128(args + 16);
    wc_store_v128(results, wasm_i32x4_add(wasm_i32x4_mul(a, b), *(v128_t *)env));
}

/* (i32 a, v128 b, f64 c, i64 d, f32 e, v128 f) -> v128:
 * i32x4(a, (int)c, (int)d, (int)e) + b + f + *env */
static void mixed(uint8_t *args, uint8_t *results, void *env) {
    int32_t a = wc_load_i32(args);
    v128_t b = wc_load_v128(args + 4);
    double c = wc_load_f64(args + 20);
    int64_t d = wc_load_i64(args + 28);
    float e = wc_load_f32(args + 36);
    v128_t f = wc_load_v128(args + 40);
    v128_t scalars = wasm_i32x4_make(a, (int32_t)c, (int32_t)d, (int32_t)e);
    wc_store_v128(results, wasm_i32x4_add(wasm_i32x4_add(scalars, b), wasm_i32x4_add(f, *(v128_t *)env)));
}

/* (v128) -> f64: sum of the f64x2 lanes times *env */
static void v128_to_f64(uint8_t *args, uint8_t *results, void *env) {
    v128_t v = wc_load_v128(args);
    wc_store_f64(results, (wasm_f64x2_extract_lane(v, 0) + wasm_f64x2_extract_lane(v, 1)) * *(double *)env);
}

/* () -> i32: a counter in the environment */
static void count_up(uint8_t *args, uint8_t *results, void *env) {
    (void)args;
    int32_t *counter = env;
    wc_store_i32(results, ++*counter);
}

/* () -> (): bump the counter, no arguments, no results */
static void bump(uint8_t *args, uint8_t *results, void *env) {
    (void)args;
    (void)results;
    *(int32_t *)env += 7;
}

struct pair {
    int32_t a;
    int64_t b;
};

/* (i32 a, i64 b) -> (): store both into the environment */
static void store_pair(uint8_t *args, uint8_t *results, void *env) {
    (void)results;
    struct pair *p = env;
    p->a = wc_load_i32(args);
    p->b = wc_load_i64(args + 4);
}

/* 16 parameters (i32, i64, f32, f64) x 4 -> f64: sum of arg[i] * (i + 1) + *env */
static void weighted_sum(uint8_t *args, uint8_t *results, void *env) {
    double total = *(double *)env;
    uint32_t offset = 0;
    for (int i = 0; i < 16; i++) {
        double value;
        switch (i % 4) {
        case 0: value = wc_load_i32(args + offset); offset += 4; break;
        case 1: value = (double)wc_load_i64(args + offset); offset += 8; break;
        case 2: value = wc_load_f32(args + offset); offset += 4; break;
        default: value = wc_load_f64(args + offset); offset += 8; break;
        }
        total += value * (i + 1);
    }
    wc_store_f64(results, total);
}

/* (i32 a, i64 b) -> (i32, i64, f64): (a + *env, b * 2, a + b) -- called from the host */
static void multi(uint8_t *args, uint8_t *results, void *env) {
    int32_t a = wc_load_i32(args);
    int64_t b = wc_load_i64(args + 4);
    wc_store_i32(results, a + *(int32_t *)env);
    wc_store_i64(results + 4, b * 2);
    wc_store_f64(results + 12, (double)a + (double)b);
}

/* ---- exports --------------------------------------------------------------------------- */

WC_EXPORT("add_i32") int32_t test_add_i32(int32_t a, int32_t b) {
    static int32_t k = 1000;
    uint32_t c;
    WC_TRY(__wasi_closure_allocate(&c), -1);
    WC_TRY(__wasi_closure_prepare(WC_INDEX(add_i32), c, T_I32x2, 2, T_I32, 1, &k), -1);
    int32_t r = WC_FN(int32_t (*)(int32_t, int32_t), c)(a, b);
    WC_TRY(__wasi_closure_free(c), -1);
    return r;
}

WC_EXPORT("mul_add_i64") int64_t test_mul_add_i64(int64_t a, int64_t b) {
    static int64_t k = 0x100000000LL;
    uint32_t c;
    WC_TRY(__wasi_closure_allocate(&c), -1);
    WC_TRY(__wasi_closure_prepare(WC_INDEX(mul_add_i64), c, T_I64x2, 2, T_I64, 1, &k), -1);
    int64_t r = WC_FN(int64_t (*)(int64_t, int64_t), c)(a, b);
    WC_TRY(__wasi_closure_free(c), -1);
    return r;
}

WC_EXPORT("mul_add_f32") float test_mul_add_f32(float a, float b) {
    static float k = 0.25f;
    uint32_t c;
    WC_TRY(__wasi_closure_allocate(&c), -1);
    WC_TRY(__wasi_closure_prepare(WC_INDEX(mul_add_f32), c, T_F32x2, 2, T_F32, 1, &k), -1);
    float r = WC_FN(float (*)(float, float), c)(a, b);
    WC_TRY(__wasi_closure_free(c), -1);
    return r;
}

WC_EXPORT("div_add_f64") double test_div_add_f64(double a, double b) {
    static double k = 0.5;
    uint32_t c;
    WC_TRY(__wasi_closure_allocate(&c), -1);
    WC_TRY(__wasi_closure_prepare(WC_INDEX(div_add_f64), c, T_F64x2, 2, T_F64, 1, &k), -1);
    double r = WC_FN(double (*)(double, double), c)(a, b);
    WC_TRY(__wasi_closure_free(c), -1);
    return r;
}

/* Lane `lane` of closure({x, x+1, x+2, x+3}, {2, 3, 4, 5}) with env {10, 20, 30, 40}:
 * (x + lane) * (lane + 2) + 10 * (lane + 1). */
WC_EXPORT("mul_add_v128") int32_t test_mul_add_v128(int32_t x, int32_t lane) {
    static v128_t k;
    k = wasm_i32x4_make(10, 20, 30, 40);
    uint32_t c;
    WC_TRY(__wasi_closure_allocate(&c), -1);
    WC_TRY(__wasi_closure_prepare(WC_INDEX(mul_add_v128), c, T_V128x2, 2, T_V128, 1, &k), -1);
    v128_t r = WC_FN(v128_t (*)(v128_t, v128_t), c)(wasm_i32x4_make(x, x + 1, x + 2, x + 3),
                                                    wasm_i32x4_make(2, 3, 4, 5));
    WC_TRY(__wasi_closure_free(c), -1);
    int32_t lanes[4];
    wc_store_v128((uint8_t *)lanes, r);
    return lanes[lane & 3];
}

/* Lane `lane` of mixed(1, {100, 200, 300, 400}, 2.75, 3, 4.5, {1000, 2000, 3000, 4000}) with
 * env {5, 6, 7, 8}: {1+100+1000+5, 2+200+2000+6, 3+300+3000+7, 4+400+4000+8}. */
WC_EXPORT("mixed_v128") int32_t test_mixed_v128(int32_t lane) {
    static v128_t k;
    k = wasm_i32x4_make(5, 6, 7, 8);
    uint32_t c;
    WC_TRY(__wasi_closure_allocate(&c), -1);
    WC_TRY(__wasi_closure_prepare(WC_INDEX(mixed), c, T_MIXED, 6, T_V128, 1, &k), -1);
    v128_t r = WC_FN(v128_t (*)(int32_t, v128_t, double, int64_t, float, v128_t), c)(
        1, wasm_i32x4_make(100, 200, 300, 400), 2.75, 3, 4.5f, wasm_i32x4_make(1000, 2000, 3000, 4000));
    WC_TRY(__wasi_closure_free(c), -1);
    int32_t lanes[4];
    wc_store_v128((uint8_t *)lanes, r);
    return lanes[lane & 3];
}

/* (v128 f64x2(a, b)) -> f64 with env 3.0: (a + b) * 3 */
WC_EXPORT("v128_to_f64") double test_v128_to_f64(double a, double b) {
    static double k = 3.0;
    uint32_t c;
    WC_TRY(__wasi_closure_allocate(&c), -1);
    WC_TRY(__wasi_closure_prepare(WC_INDEX(v128_to_f64), c, T_V128, 1, T_F64, 1, &k), -1);
    double r = WC_FN(double (*)(v128_t), c)(wasm_f64x2_make(a, b));
    WC_TRY(__wasi_closure_free(c), -1);
    return r;
}

/* A zero-parameter counter closure called n times; returns its last result (n + 10). */
WC_EXPORT("counter") int32_t test_counter(int32_t n) {
    static int32_t count;
    count = 10;
    uint32_t c;
    WC_TRY(__wasi_closure_allocate(&c), -1);
    WC_TRY(__wasi_closure_prepare(WC_INDEX(count_up), c, 0, 0, T_I32, 1, &count), -1);
    int32_t last = -1;
    for (int32_t i = 0; i < n; i++) last = WC_FN(int32_t (*)(void), c)();
    WC_CHECK(last == count, -2);
    WC_TRY(__wasi_closure_free(c), -1);
    return last;
}

/* A () -> () closure called n times: returns 7 * n. */
WC_EXPORT("void_void") int32_t test_void_void(int32_t n) {
    static int32_t total;
    total = 0;
    uint32_t c;
    WC_TRY(__wasi_closure_allocate(&c), -1);
    /* Null type pointers with zero counts are fine. */
    WC_TRY(__wasi_closure_prepare(WC_INDEX(bump), c, 0, 0, 0, 0, &total), -1);
    for (int32_t i = 0; i < n; i++) WC_FN(void (*)(void), c)();
    WC_TRY(__wasi_closure_free(c), -1);
    return total;
}

/* A (i32, i64) -> () closure: returns what it stored, a + b. */
WC_EXPORT("no_results") int64_t test_no_results(int32_t a, int64_t b) {
    static struct pair p;
    p.a = 0;
    p.b = 0;
    uint32_t c;
    WC_TRY(__wasi_closure_allocate(&c), -1);
    WC_TRY(__wasi_closure_prepare(WC_INDEX(store_pair), c, T_I32_I64, 2, 0, 0, &p), -1);
    WC_FN(void (*)(int32_t, int64_t), c)(a, b);
    WC_TRY(__wasi_closure_free(c), -1);
    return (int64_t)p.a + p.b;
}

/* 16 parameters: args i+1 of each type (1, 2, 3.5, 4.25, 5, 6, 7.5, 8.25, ...), env 0.5. */
WC_EXPORT("sixteen") double test_sixteen(void) {
    static double k = 0.5;
    uint32_t c;
    WC_TRY(__wasi_closure_allocate(&c), -1);
    WC_TRY(__wasi_closure_prepare(WC_INDEX(weighted_sum), c, T_SIXTEEN, 16, T_F64, 1, &k), -1);
    typedef double (*sixteen_fn)(int32_t, int64_t, float, double, int32_t, int64_t, float, double,
                                 int32_t, int64_t, float, double, int32_t, int64_t, float, double);
    double r = WC_FN(sixteen_fn, c)(1, 2, 3.5f, 4.25, 5, 6, 7.5f, 8.25, 9, 10, 11.5f, 12.25,
                                   13, 14, 15.5f, 16.25);
    WC_TRY(__wasi_closure_free(c), -1);
    return r;
}

/* A closure with three results, left prepared for the host to call: (i32 a, i64 b) ->
 * (a + 42, b * 2, a + b). Returns the closure index. */
WC_EXPORT("make_multi") uint32_t test_make_multi(void) {
    static int32_t k = 42;
    uint32_t c;
    WC_TRY(__wasi_closure_allocate(&c), 0);
    WC_TRY(__wasi_closure_prepare(WC_INDEX(multi), c, T_I32_I64, 2, T_MULTI_RESULTS, 3, &k), 0);
    return c;
}

WC_EXPORT("free_closure") int32_t test_free_closure(uint32_t c) { return __wasi_closure_free(c); }

/* Run everything once with fixed inputs; exit code 0 when all results are right. */
int main(void) {
    if (test_add_i32(1, 2) != 1003) return 1;
    if (test_mul_add_i64(3, 5) != 15 + 0x100000000LL) return 2;
    if (test_mul_add_f32(1.5f, 2.0f) != 3.25f) return 3;
    if (test_div_add_f64(1.0, 4.0) != 0.75) return 4;
    if (test_mul_add_v128(1, 2) != 3 * 4 + 30) return 5;
    if (test_mixed_v128(3) != 4 + 400 + 4000 + 8) return 6;
    if (test_v128_to_f64(1.5, 2.5) != 12.0) return 7;
    if (test_counter(5) != 15) return 8;
    if (test_void_void(3) != 21) return 9;
    if (test_no_results(5, 6) != 11) return 10;
    if (test_sixteen() < 1.0) return 11;
    return wc_failed_line ? 100 : 0;
}
