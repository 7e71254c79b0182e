/* Types shared by <wasix/closure.h> and <wasix/call_dynamic.h> (wasm-closures).
 *
 * The names are wasix-libc's, so a program written for wasix-libc compiles unchanged against
 * Debian's (or any) wasi-libc with these headers on the include path
 * (`-I$(wasm-closures include)`).
 *
 * They need C99 or later (static inline, <stdint.h>, bool), or C++11 or later (wasi-libc's own
 * <errno.h> needs C++11's thread_local).
 */
#ifndef WASIX_TYPES_H
#define WASIX_TYPES_H

#if defined(__cplusplus) && __cplusplus < 201103L
#error "<wasix/closure.h> and <wasix/call_dynamic.h> need C99 or later, or C++11 or later"
#elif !defined(__cplusplus) && (!defined(__STDC_VERSION__) || __STDC_VERSION__ < 199901L)
#error "<wasix/closure.h> and <wasix/call_dynamic.h> need C99 or later, or C++11 or later"
#endif

#include <stdint.h>

/* A function pointer as the host sees it: an index into __indirect_function_table. */
typedef uint32_t wasix_function_pointer_t;

/* A WebAssembly value type, one byte each in the type arrays of wasix_closure_prepare. */
typedef uint8_t wasix_value_type_t;
#ifdef __cplusplus /* a C-style cast there warns under -Wold-style-cast */
#define WASIX_VALUE_TYPE__(code) (static_cast<wasix_value_type_t>(code))
#else
#define WASIX_VALUE_TYPE__(code) ((wasix_value_type_t)(code))
#endif
#define WASIX_VALUE_TYPE_I32 WASIX_VALUE_TYPE__(0)
#define WASIX_VALUE_TYPE_I64 WASIX_VALUE_TYPE__(1)
#define WASIX_VALUE_TYPE_F32 WASIX_VALUE_TYPE__(2)
#define WASIX_VALUE_TYPE_F64 WASIX_VALUE_TYPE__(3)
#define WASIX_VALUE_TYPE_V128 WASIX_VALUE_TYPE__(4)

/* The errno values these syscalls return (WASIX numbering, which wasi-libc's errno shares). */
#define WASIX_ERRNO_SUCCESS 0
#define WASIX_ERRNO_FAULT 21
#define WASIX_ERRNO_INVAL 28
#define WASIX_ERRNO_NOMEM 48
#define WASIX_ERRNO_NOTSUP 58
#define WASIX_ERRNO_MEMVIOLATION 78

#define WASIX_SYSCALL__(name) __attribute__((__import_module__("wasix_32v1"), __import_name__(name)))

/* The libc-style wrappers: 0 on success, else errno set and -1. A freestanding build (no libc,
 * so no errno) gets -1 only: use the raw __wasi_* syscalls there, which return the errno. */
#if __STDC_HOSTED__
#include <errno.h>
#define WASIX_SET_ERRNO__(err) (errno = (err))
#else
#define WASIX_SET_ERRNO__(err) ((void)(err))
#endif

static inline int wasix_result__(int32_t err) {
    if (err == WASIX_ERRNO_SUCCESS) return 0;
    WASIX_SET_ERRNO__(err);
    return -1;
}

#endif /* WASIX_TYPES_H */
