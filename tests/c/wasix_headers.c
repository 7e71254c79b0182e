/* The package's <wasix/closure.h> and <wasix/call_dynamic.h> as a wasix-libc program uses them:
 * the wasix_* wrappers return 0, or -1 with errno set. Each export returns errno after a call
 * that must fail (0 if the call succeeded), or the result of one that must succeed. */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <wasix/call_dynamic.h>
#include <wasix/closure.h>

#define EXPORT(name) __attribute__((export_name(name)))
#define FP(function) ((wasix_function_pointer_t)(uintptr_t)(function))

static const wasix_value_type_t I32_I32[] = {WASIX_VALUE_TYPE_I32, WASIX_VALUE_TYPE_I32};
static const wasix_value_type_t BAD_TYPE[] = {WASIX_VALUE_TYPE_V128 + 1};

static void add_env(uint8_t *args, uint8_t *results, void *env) {
    int32_t a, b;
    __builtin_memcpy(&a, args, 4);
    __builtin_memcpy(&b, args + 4, 4);
    int32_t sum = a + b + *(int32_t *)env;
    __builtin_memcpy(results, &sum, 4);
}

static int32_t env = 100;

/* errno after preparing with an unknown type code (EINVAL), or 0 if it succeeded. */
EXPORT("prepare_bad_type") int32_t prepare_bad_type(void) {
    wasix_function_pointer_t fp;
    if (wasix_closure_allocate(&fp) != 0) return -1;
    errno = 0;
    int result = wasix_closure_prepare(FP(add_env), fp, BAD_TYPE, 1, I32_I32, 1, &env);
    int saved = errno;
    wasix_closure_free(fp);
    return result == -1 ? saved : 0;
}

/* errno after call_dynamic of a null table slot (EINVAL), or 0. */
EXPORT("call_null_slot") int32_t call_null_slot(void) {
    errno = 0;
    int32_t result;
    return wasix_call_dynamic(0, NULL, 0, &result, sizeof result, false) == -1 ? errno : 0;
}

/* A closure (i32, i32) -> i32 over add_env, called through call_dynamic: 1 + 2 + 100. */
EXPORT("closure_through_call_dynamic") int32_t closure_through_call_dynamic(void) {
    wasix_function_pointer_t fp;
    if (wasix_closure_allocate(&fp) != 0) return -1;
    if (wasix_closure_prepare(FP(add_env), fp, I32_I32, 2, I32_I32, 1, &env) != 0) return -2;
    int32_t args[2] = {1, 2}, result = 0;
    if (wasix_call_dynamic(fp, args, sizeof args, &result, sizeof result, true) != 0) return -3;
    if (wasix_closure_free(fp) != 0) return -4;
    return result;
}

/* The raw syscall returns the errno itself: strict with a short buffer is EINVAL. */
EXPORT("raw_strict_short") int32_t raw_strict_short(void) {
    int32_t arg = 1, result;
    return __wasi_call_dynamic(FP(add_env), &arg, sizeof arg, &result, 0, 1);
}

int main(void) { return 0; }
