/* The few helpers the C test programs share, over the package's <wasix/closure.h> and
 * <wasix/call_dynamic.h> (found with -I"$(wasm-closures include)"). Compiles freestanding
 * (the PIE test programs have no libc) and with wasi-libc (static programs).
 *
 * Build shapes (tests/cprograms.py): define WC_FREESTANDING for the PIE builds; this header
 * then provides _start, which calls main() and exits with its result through WASI proc_exit.
 */
#ifndef WASIX_CLOSURES_H
#define WASIX_CLOSURES_H

#include <stdint.h>

#include <wasix/call_dynamic.h>
#include <wasix/closure.h>

/* The tests call the raw syscalls (__wasi_closure_*), which return the errno itself: the PIE
 * programs have no libc, so no errno for the wasix_* wrappers. */

/* An address given as a number (a bad pointer the tests pass on purpose) as a pointer. */
#define WC_PTR(address) ((void *)(uintptr_t)(address))

#define WC_EXPORT(name) __attribute__((export_name(name)))

/* A closure index as a callable function pointer of type T. */
#define WC_FN(T, closure) ((T)(uintptr_t)(closure))
/* A function pointer as a table index. */
#define WC_INDEX(fn) ((uint32_t)(uintptr_t)(fn))

/* Unaligned loads and stores into the packed argument / result areas. */
#define WC_ACCESSORS(suffix, type)                                                     \
    static inline type wc_load_##suffix(const uint8_t *p) {                            \
        type v;                                                                        \
        __builtin_memcpy(&v, p, sizeof v);                                             \
        return v;                                                                      \
    }                                                                                  \
    static inline void wc_store_##suffix(uint8_t *p, type v) { __builtin_memcpy(p, &v, sizeof v); }
WC_ACCESSORS(i32, int32_t)
WC_ACCESSORS(u32, uint32_t)
WC_ACCESSORS(i64, int64_t)
WC_ACCESSORS(f32, float)
WC_ACCESSORS(f64, double)
#ifdef __wasm_simd128__
#include <wasm_simd128.h>
WC_ACCESSORS(v128, v128_t)
#endif

/* Error reporting for the test programs: the first failed check records its line and the
 * errno (or -1); the test reads them through the exports wc_error_line / wc_error_errno. */
static int32_t wc_failed_line;
static int32_t wc_failed_errno;
WC_EXPORT("wc_error_line") int32_t wc_error_line(void) { return wc_failed_line; }
WC_EXPORT("wc_error_errno") int32_t wc_error_errno(void) { return wc_failed_errno; }
WC_EXPORT("wc_clear_error") void wc_clear_error(void) { wc_failed_line = 0; wc_failed_errno = 0; }

static inline void wc_fail(int32_t line, int32_t err) {
    if (!wc_failed_line) {
        wc_failed_line = line;
        wc_failed_errno = err;
    }
}
/* Run a syscall; on an errno record it and return `fallback` from the calling function. */
#define WC_TRY(call, fallback)                   \
    do {                                         \
        int32_t wc_err_ = (call);                \
        if (wc_err_ != WASIX_ERRNO_SUCCESS) {         \
            wc_fail(__LINE__, wc_err_);          \
            return fallback;                     \
        }                                        \
    } while (0)
/* A check; on failure record the line and return `fallback`. */
#define WC_CHECK(cond, fallback)                 \
    do {                                         \
        if (!(cond)) {                           \
            wc_fail(__LINE__, -1);               \
            return fallback;                     \
        }                                        \
    } while (0)

#ifdef WC_FREESTANDING
/* No libc: start the program ourselves and exit through WASI. */
__attribute__((import_module("wasi_snapshot_preview1"), import_name("proc_exit")))
_Noreturn void wc_proc_exit(int32_t code);
int main(void);
WC_EXPORT("_start") void _start(void) { wc_proc_exit(main()); }
#endif

#endif /* WASIX_CLOSURES_H */
