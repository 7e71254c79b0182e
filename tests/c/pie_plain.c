/* A position-independent program without closures, for the loader's PIE tests.
 *
 * Its data holds pointers to strings and to functions (data relocations, applied by the
 * start function lld generates), a constructor counts how often it ran, and one function uses
 * the shadow stack so the program imports __stack_pointer.
 */
#include <stdint.h>

#define EXPORT(name) __attribute__((export_name(name)))

typedef int32_t (*op_fn)(int32_t, int32_t);

static int32_t add(int32_t a, int32_t b) { return a + b; }
static int32_t mul(int32_t a, int32_t b) { return a * b; }
static int32_t sub(int32_t a, int32_t b) { return a - b; }

struct op {
    const char *name;
    op_fn fn;
};

/* Pointers in data: each needs __memory_base / __table_base added at load time. */
static const struct op ops[] = {{"add", add}, {"mul", mul}, {"sub", sub}};
static int32_t counter = 5;
int32_t *counter_ptr = &counter;

static int32_t ctor_runs;
__attribute__((constructor)) static void count_ctor(void) { ctor_runs++; }

EXPORT("apply") int32_t apply(int32_t i, int32_t a, int32_t b) { return ops[i].fn(a, b); }
EXPORT("op_name") const char *op_name(int32_t i) { return ops[i].name; }
EXPORT("op_index") uint32_t op_index(int32_t i) { return (uint32_t)(uintptr_t)ops[i].fn; }
EXPORT("ops_address") uint32_t ops_address(void) { return (uint32_t)(uintptr_t)ops; }
EXPORT("bump") int32_t bump(int32_t by) { return *counter_ptr += by; }
EXPORT("ctor_runs") int32_t get_ctor_runs(void) { return ctor_runs; }

/* Uses the shadow stack: returns the address of a local array after filling it. */
EXPORT("stack_probe") uint32_t stack_probe(int32_t n) {
    volatile int32_t buf[64];
    for (int32_t i = 0; i < 64; i++) buf[i] = i * n;
    uintptr_t address = (uintptr_t)&buf[0];
    return (uint32_t)address + 4 * (buf[1] != n);
}

__attribute__((import_module("wasi_snapshot_preview1"), import_name("proc_exit"))) _Noreturn void proc_exit(int32_t code);

/* Exit code: sub(50, 8) through the table = 42. */
EXPORT("_start") void _start(void) { proc_exit(apply(2, 50, 8)); }
