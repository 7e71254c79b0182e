/* WASIX closures: make a function pointer of any signature that runs a generic function.
 *
 * wasm-closures' header, declaring what wasix-libc's <wasix/closure.h> declares. The three
 * syscalls are imports of module "wasix_32v1"; a host that runs WASIX closures (wasm-closures,
 * Wasmer) provides them.
 *
 *   wasix_function_pointer_t fp;
 *   wasix_closure_allocate(&fp);                     reserve a table slot
 *   wasix_closure_prepare(backing, fp, args, nargs,  make it a function of that signature
 *                         results, nresults, env);   that runs backing(args, results, env)
 *   ((int (*)(int))fp)(42);                          call it like any function pointer
 *   wasix_closure_free(fp);                          give the slot back
 *
 * The backing function has type void (*)(uint8_t *args, uint8_t *results, void *env): the
 * arguments arrive packed (no padding, little endian; i32/f32 4 bytes, i64/f64 8, v128 16)
 * and it writes the results packed the same way.
 *
 * wasix_* return 0, or set errno and return -1. The __wasi_* functions are the raw syscalls:
 * they return the errno itself (0 on success) and need no libc.
 */
#ifndef WASIX_CLOSURE_H
#define WASIX_CLOSURE_H

#include <stddef.h>
#include <wasix/types.h>

#ifdef __cplusplus
extern "C" {
#endif

int32_t __wasi_closure_allocate(wasix_function_pointer_t *closure) WASIX_SYSCALL__("closure_allocate");
int32_t __wasi_closure_prepare(wasix_function_pointer_t backing_function, wasix_function_pointer_t closure,
                               const wasix_value_type_t *argument_types, size_t argument_types_len,
                               const wasix_value_type_t *result_types, size_t result_types_len,
                               void *user_data) WASIX_SYSCALL__("closure_prepare");
int32_t __wasi_closure_free(wasix_function_pointer_t closure) WASIX_SYSCALL__("closure_free");

/* Reserve a table slot for a closure; its index is written to *closure. */
static inline int wasix_closure_allocate(wasix_function_pointer_t *closure) {
    return wasix_result__(__wasi_closure_allocate(closure));
}

/* Make `closure` a function (argument_types) -> (result_types) that calls
 * backing_function(args, results, user_data). Preparing it again redefines it. */
static inline int wasix_closure_prepare(wasix_function_pointer_t backing_function,
                                        wasix_function_pointer_t closure,
                                        const wasix_value_type_t *argument_types, size_t argument_types_len,
                                        const wasix_value_type_t *result_types, size_t result_types_len,
                                        void *user_data) {
    return wasix_result__(__wasi_closure_prepare(backing_function, closure, argument_types,
                                                 argument_types_len, result_types, result_types_len,
                                                 user_data));
}

/* Give the slot back; a call through it traps from now on. Freeing an unknown slot succeeds. */
static inline int wasix_closure_free(wasix_function_pointer_t closure) {
    return wasix_result__(__wasi_closure_free(closure));
}

#ifdef __cplusplus
}
#endif

#endif /* WASIX_CLOSURE_H */
