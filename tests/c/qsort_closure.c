/* qsort with a comparator that is a closure (static wasi-libc program).
 *
 * The comparator's environment holds the sort direction and counts the comparisons. The
 * closure is prepared once per direction (re-prepared on the same slot) and handed to libc's
 * qsort as a plain function pointer. Prints the sorted arrays; `argv[1]` = "desc" sorts
 * descending first.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wasix_closures.h"

struct sort_env {
    int direction; /* 1 ascending, -1 descending */
    int comparisons;
};

/* (i32 a_ptr, i32 b_ptr) -> i32, as qsort's comparator */
static void compare(uint8_t *args, uint8_t *results, void *env) {
    struct sort_env *e = env;
    const int *a = (const int *)(uintptr_t)wc_load_u32(args);
    const int *b = (const int *)(uintptr_t)wc_load_u32(args + 4);
    e->comparisons++;
    wc_store_i32(results, ((*a > *b) - (*a < *b)) * e->direction);
}

typedef int (*comparator)(const void *, const void *);

static const uint8_t ARGS[] = {WASIX_VALUE_TYPE_I32, WASIX_VALUE_TYPE_I32};
static const uint8_t RESULT[] = {WASIX_VALUE_TYPE_I32};

static void print(const char *label, const int *values, size_t n) {
    printf("%s:", label);
    for (size_t i = 0; i < n; i++) printf(" %d", values[i]);
    printf("\n");
}

int main(int argc, char **argv) {
    int values[] = {42, -7, 19, 0, 3, 3, 100, -250, 8, 61};
    size_t n = sizeof values / sizeof values[0];
    int first = (argc > 1 && strcmp(argv[1], "desc") == 0) ? -1 : 1;

    uint32_t closure;
    int err = __wasi_closure_allocate(&closure);
    if (err) {
        fprintf(stderr, "closure_allocate: errno %d\n", err);
        return 10;
    }
    struct sort_env envs[2] = {{first, 0}, {-first, 0}};
    for (int round = 0; round < 2; round++) {
        err = __wasi_closure_prepare(WC_INDEX(compare), closure, ARGS, 2, RESULT, 1, &envs[round]);
        if (err) {
            fprintf(stderr, "closure_prepare: errno %d\n", err);
            return 11;
        }
        qsort(values, n, sizeof values[0], WC_FN(comparator, closure));
        print(envs[round].direction > 0 ? "ascending" : "descending", values, n);
        if (envs[round].comparisons < (int)n - 1) {
            fprintf(stderr, "only %d comparisons\n", envs[round].comparisons);
            return 12;
        }
    }
    printf("comparisons counted: %s\n", envs[0].comparisons > 0 && envs[1].comparisons > 0 ? "yes" : "no");
    err = __wasi_closure_free(closure);
    if (err) {
        fprintf(stderr, "closure_free: errno %d\n", err);
        return 13;
    }
    return 0;
}
