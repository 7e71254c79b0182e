/* Closures in a WebAssembly program: function pointers made at run time.
 *
 * The host (wasm-closures) provides three WASIX syscalls:
 *   closure_allocate(&fp)        reserve a function pointer
 *   closure_prepare(backing, fp, arg_types, nargs, result_types, nresults, env)
 *                                make fp a function of that signature which runs
 *                                backing(args, results, env)
 *   closure_free(fp)             give it back
 *
 * Build: examples/build.sh      Run: wasm-closures run examples/closures.wasm
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WASIX(name) __attribute__((import_module("wasix_32v1"), import_name(name)))

typedef void (*backing_fn)(uint8_t *args, uint8_t *results, void *env);

int32_t closure_allocate(uint32_t *closure) WASIX("closure_allocate");
int32_t closure_prepare(backing_fn backing, uint32_t closure, const uint8_t *arg_types,
                        uint32_t arg_count, const uint8_t *result_types, uint32_t result_count,
                        void *env) WASIX("closure_prepare");
int32_t closure_free(uint32_t closure) WASIX("closure_free");

enum { I32 = 0, I64 = 1, F32 = 2, F64 = 3, V128 = 4 };

/* Die with a message when a syscall returns an errno. */
static void check(int32_t err, const char *what) {
    if (err != 0) {
        fprintf(stderr, "%s failed: errno %d\n", what, (int)err);
        exit(1);
    }
}

/* Arguments and results are packed in memory; these read and write one i32. */
static int32_t get_i32(const uint8_t *p) { int32_t v; memcpy(&v, p, 4); return v; }
static void put_i32(uint8_t *p, int32_t v) { memcpy(p, &v, 4); }

/* ---- 1. a counter: int next(void), its count lives in the environment ---- */

static void counter_backing(uint8_t *args, uint8_t *results, void *env) {
    (void)args;
    int32_t *count = env;
    put_i32(results, ++*count);
}

/* ---- 2. adders: int add_n(int x) for any n ---- */

static void adder_backing(uint8_t *args, uint8_t *results, void *env) {
    put_i32(results, get_i32(args) + *(int32_t *)env);
}

typedef int32_t (*int_to_int)(int32_t);

static int_to_int make_adder(int32_t *n) {
    static const uint8_t one_i32[] = {I32};
    uint32_t fp;
    check(closure_allocate(&fp), "closure_allocate");
    check(closure_prepare(adder_backing, fp, one_i32, 1, one_i32, 1, n), "closure_prepare");
    return (int_to_int)(uintptr_t)fp;
}

/* ---- 3. qsort with a comparator that captures the direction ---- */

struct sort_order {
    int direction; /* 1 ascending, -1 descending */
    int comparisons;
};

static void compare_backing(uint8_t *args, uint8_t *results, void *env) {
    struct sort_order *order = env;
    const int *a = (const int *)(uintptr_t)get_i32(args);
    const int *b = (const int *)(uintptr_t)get_i32(args + 4);
    order->comparisons++;
    put_i32(results, ((*a > *b) - (*a < *b)) * order->direction);
}

static void print_array(const char *label, const int *values, size_t n) {
    printf("%s:", label);
    for (size_t i = 0; i < n; i++) printf(" %d", values[i]);
    printf("\n");
}

int main(void) {
    /* 1. counter */
    static const uint8_t returns_i32[] = {I32};
    int32_t count = 0;
    uint32_t counter;
    check(closure_allocate(&counter), "closure_allocate");
    check(closure_prepare(counter_backing, counter, NULL, 0, returns_i32, 1, &count), "closure_prepare");
    int32_t (*next)(void) = (int32_t (*)(void))(uintptr_t)counter;
    int a = next(), b = next(), c = next();
    printf("counter: %d %d %d\n", a, b, c);
    check(closure_free(counter), "closure_free");

    /* 2. adders */
    int32_t five = 5, hundred = 100;
    int_to_int add5 = make_adder(&five), add100 = make_adder(&hundred);
    printf("adders: add5(10) = %d, add100(10) = %d\n", add5(10), add100(10));
    check(closure_free((uint32_t)(uintptr_t)add5), "closure_free");
    check(closure_free((uint32_t)(uintptr_t)add100), "closure_free");

    /* 3. qsort, once each way, re-preparing the same closure with another environment */
    static const uint8_t two_pointers[] = {I32, I32};
    int values[] = {8, 3, 21, 1, 13, 2, 5};
    size_t n = sizeof values / sizeof values[0];
    struct sort_order ascending = {1, 0}, descending = {-1, 0};
    uint32_t cmp;
    check(closure_allocate(&cmp), "closure_allocate");

    check(closure_prepare(compare_backing, cmp, two_pointers, 2, returns_i32, 1, &ascending), "closure_prepare");
    qsort(values, n, sizeof values[0], (int (*)(const void *, const void *))(uintptr_t)cmp);
    print_array("sorted ascending", values, n);

    check(closure_prepare(compare_backing, cmp, two_pointers, 2, returns_i32, 1, &descending), "closure_prepare");
    qsort(values, n, sizeof values[0], (int (*)(const void *, const void *))(uintptr_t)cmp);
    print_array("sorted descending", values, n);

    printf("comparisons made: %s\n", ascending.comparisons > 0 && descending.comparisons > 0 ? "yes" : "no");
    check(closure_free(cmp), "closure_free");
    return 0;
}
