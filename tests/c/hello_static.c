/* A static wasi-libc program without closures: prints its arguments and a sum, exits with 7. */
#include <stdio.h>
#include <stdlib.h>

static int cmp(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }

int main(int argc, char **argv) {
    int values[] = {5, 3, 9, 1};
    qsort(values, 4, sizeof values[0], cmp); /* a function pointer through the table */
    printf("hello from %s with %d argument(s)\n", argc > 1 ? argv[1] : "nobody", argc - 1);
    printf("sorted: %d %d %d %d\n", values[0], values[1], values[2], values[3]);
    fflush(stdout);
    return 7;
}
