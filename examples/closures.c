/* Closures in a WebAssembly program: function pointers made at run time.
 *
 * The host (wasm-closures) provides the WASIX closure syscalls, declared by <wasix/closure.h>:
 *   wasix_closure_allocate(&fp)  reserve a function pointer
 *   wasix_closure_prepare(backing, fp, arg_types, nargs, result_types, nresults, env)
 *                                make fp a function of that signature which runs
 *                                backing(args, results, env)
 *   wasix_closure_free(fp)       give it back
 * and call_dynamic (<wasix/call_dynamic.h>), which calls a function pointer with its arguments
 * packed in a buffer, as libffi's ffi_call does.
 *
 * Build: examples/build.sh      Run: wasm-closures run examples/closures.wasm
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wasix/call_dynamic.h>
#include <wasix/closure.h>

/* A C function as the table index the syscalls take. */
#define FP(function) ((wasix_function_pointer_t)(uintptr_t)(function))

/* Die with a message when a wrapper fails (it returns -1 and sets errno). */
static void check(int result, const char *what) {
    if (result != 0) {
        fprintf(stderr, "%s failed: errno %d\n", what, errno);
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
    static const wasix_value_type_t one_i32[] = {WASIX_VALUE_TYPE_I32};
    wasix_function_pointer_t fp;
    check(wasix_closure_allocate(&fp), "wasix_closure_allocate");
    check(wasix_closure_prepare(FP(adder_backing), fp, one_i32, 1, one_i32, 1, n), "wasix_closure_prepare");
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
    static const wasix_value_type_t returns_i32[] = {WASIX_VALUE_TYPE_I32};
    int32_t count = 0;
    wasix_function_pointer_t counter;
    check(wasix_closure_allocate(&counter), "wasix_closure_allocate");
    check(wasix_closure_prepare(FP(counter_backing), counter, NULL, 0, returns_i32, 1, &count), "wasix_closure_prepare");
    int32_t (*next)(void) = (int32_t (*)(void))(uintptr_t)counter;
    int a = next(), b = next(), c = next();
    printf("counter: %d %d %d\n", a, b, c);
    check(wasix_closure_free(counter), "wasix_closure_free");

    /* 2. adders */
    int32_t five = 5, hundred = 100;
    int_to_int add5 = make_adder(&five), add100 = make_adder(&hundred);
    printf("adders: add5(10) = %d, add100(10) = %d\n", add5(10), add100(10));

    /* 4. call_dynamic: call add5 with its argument packed in a buffer, its result in another */
    int32_t argument = 37, result = 0;
    check(wasix_call_dynamic(FP(add5), &argument, sizeof argument, &result, sizeof result, true),
          "wasix_call_dynamic");
    printf("call_dynamic: add5(37) = %d\n", result);
    check(wasix_closure_free(FP(add5)), "wasix_closure_free");
    check(wasix_closure_free(FP(add100)), "wasix_closure_free");

    /* 3. qsort, once each way, re-preparing the same closure with another environment */
    static const wasix_value_type_t two_pointers[] = {WASIX_VALUE_TYPE_I32, WASIX_VALUE_TYPE_I32};
    int values[] = {8, 3, 21, 1, 13, 2, 5};
    size_t n = sizeof values / sizeof values[0];
    struct sort_order ascending = {1, 0}, descending = {-1, 0};
    wasix_function_pointer_t cmp;
    check(wasix_closure_allocate(&cmp), "wasix_closure_allocate");

    check(wasix_closure_prepare(FP(compare_backing), cmp, two_pointers, 2, returns_i32, 1, &ascending), "wasix_closure_prepare");
    qsort(values, n, sizeof values[0], (int (*)(const void *, const void *))(uintptr_t)cmp);
    print_array("sorted ascending", values, n);

    check(wasix_closure_prepare(FP(compare_backing), cmp, two_pointers, 2, returns_i32, 1, &descending), "wasix_closure_prepare");
    qsort(values, n, sizeof values[0], (int (*)(const void *, const void *))(uintptr_t)cmp);
    print_array("sorted descending", values, n);

    printf("comparisons made: %s\n", ascending.comparisons > 0 && descending.comparisons > 0 ? "yes" : "no");
    check(wasix_closure_free(cmp), "wasix_closure_free");
    return 0;
}
