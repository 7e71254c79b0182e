/* WASIX call_dynamic: call a function pointer whose signature is only known at run time.
 *
 * wasm-closures' header, declaring what wasix-libc's <wasix/call_dynamic.h> declares. The
 * syscall is the import "wasix_32v1" "call_dynamic".
 *
 * The host looks `function_id` up in __indirect_function_table and calls it with its own
 * signature. `values` holds the arguments packed in order (no padding, little endian; i32/f32
 * 4 bytes, i64/f64 8, v128 16); the results are written to `results` packed the same way.
 * With strict false, missing arguments read as zero and results that do not fit are dropped;
 * with strict true, buffer lengths that do not match the signature are EINVAL. A trap in the
 * called function is the caller's trap.
 *
 * wasix_call_dynamic returns 0, or sets errno and returns -1; __wasi_call_dynamic returns the
 * errno itself (0 on success) and needs no libc.
 */
#ifndef WASIX_CALL_DYNAMIC_H
#define WASIX_CALL_DYNAMIC_H

#include <stdbool.h>
#include <stddef.h>
#include <wasix/types.h>

#ifdef __cplusplus
extern "C" {
#endif

int32_t __wasi_call_dynamic(wasix_function_pointer_t function_id, void *values, size_t values_len, void *results,
                            size_t results_len, int32_t strict) WASIX_SYSCALL__("call_dynamic");

static inline int wasix_call_dynamic(wasix_function_pointer_t function_id, void *values, size_t values_len,
                                     void *results, size_t results_len, bool strict) {
    return wasix_result__(__wasi_call_dynamic(function_id, values, values_len, results, results_len, strict));
}

#ifdef __cplusplus
}
#endif

#endif /* WASIX_CALL_DYNAMIC_H */
