/* Bad inputs to the closure syscalls: each export makes one bad call and returns its errno.
 * A good host answers every one of them with an errno at the call, never with a trap then or
 * later.
 */
#include "wasix_closures.h"

static const uint8_t T_I32[] = {WASIX_VALUE_TYPE_I32};

/* (i32 x) -> i32: x + 1 */
static void inc(uint8_t *args, uint8_t *results, void *env) {
    (void)env;
    wc_store_i32(results, wc_load_i32(args) + 1);
}

/* Not a backing function: the wrong type, (i32) -> i32. Its address is taken so it sits in the
 * table. */
static int32_t wrong_type(int32_t x) { return x * 2; }
static int32_t (*volatile keep_wrong_type)(int32_t) = wrong_type;

WC_EXPORT("backing_index") uint32_t backing_index(void) { return WC_INDEX(inc); }
WC_EXPORT("wrong_type_index") uint32_t wrong_type_index(void) { return WC_INDEX(keep_wrong_type); }
/* Check the wrong-type function really is callable through its pointer: 2 * x. */
WC_EXPORT("call_wrong_type") int32_t call_wrong_type(int32_t x) { return keep_wrong_type(x); }

static uint32_t scratch_closure;

static int32_t fresh_closure(void) {
    if (scratch_closure == 0) {
        int32_t err = __wasi_closure_allocate(&scratch_closure);
        if (err != WASIX_ERRNO_SUCCESS) {
            wc_fail(__LINE__, err);
            return -1;
        }
    }
    return 0;
}

/* prepare with one argument of type `code`, result i32 */
WC_EXPORT("prepare_arg_type") int32_t prepare_arg_type(int32_t code) {
    if (fresh_closure()) return -1;
    uint8_t types[1] = {(uint8_t)code};
    return __wasi_closure_prepare(WC_INDEX(inc), scratch_closure, types, 1, T_I32, 1, 0);
}

/* prepare (i32) -> one result of type `code` */
WC_EXPORT("prepare_result_type") int32_t prepare_result_type(int32_t code) {
    if (fresh_closure()) return -1;
    uint8_t types[1] = {(uint8_t)code};
    return __wasi_closure_prepare(WC_INDEX(inc), scratch_closure, T_I32, 1, types, 1, 0);
}

/* prepare with the argument type array at `ptr`, `len` bytes long */
WC_EXPORT("prepare_arg_array") int32_t prepare_arg_array(uint32_t ptr, uint32_t len) {
    if (fresh_closure()) return -1;
    return __wasi_closure_prepare(WC_INDEX(inc), scratch_closure, WC_PTR(ptr), len, T_I32, 1, 0);
}

/* prepare with the result type array at `ptr`, `len` bytes long */
WC_EXPORT("prepare_result_array") int32_t prepare_result_array(uint32_t ptr, uint32_t len) {
    if (fresh_closure()) return -1;
    return __wasi_closure_prepare(WC_INDEX(inc), scratch_closure, T_I32, 1, WC_PTR(ptr), len, 0);
}

/* allocate writing the index to `ptr`; frees the closure again when it succeeds */
WC_EXPORT("allocate_to") int32_t allocate_to(uint32_t ptr) {
    int32_t err = __wasi_closure_allocate(WC_PTR(ptr));
    if (err == WASIX_ERRNO_SUCCESS) {
        uint32_t c;
        __builtin_memcpy(&c, (void *)(uintptr_t)ptr, 4);
        __wasi_closure_free(c);
    }
    return err;
}

/* A valid place to write a closure index to, for allocate_to. */
static uint32_t out_slot;
WC_EXPORT("out_slot_address") uint32_t out_slot_address(void) { return WC_INDEX(&out_slot); }

/* prepare (i32) -> i32 with a valid backing function into slot `closure` */
WC_EXPORT("prepare_slot") int32_t prepare_slot(uint32_t closure) {
    return __wasi_closure_prepare(WC_INDEX(inc), closure, T_I32, 1, T_I32, 1, 0);
}

/* prepare (i32) -> i32 into a fresh, allocated slot with backing function index `backing` */
WC_EXPORT("prepare_backing") int32_t prepare_backing(uint32_t backing) {
    if (fresh_closure()) return -1;
    return __wasi_closure_prepare(backing, scratch_closure, T_I32, 1, T_I32, 1, 0);
}

/* A slot that was allocated and freed is no longer a closure: prepare on it is refused. */
WC_EXPORT("prepare_after_free") int32_t prepare_after_free(void) {
    uint32_t c;
    WC_TRY(__wasi_closure_allocate(&c), -1);
    WC_TRY(__wasi_closure_free(c), -1);
    return prepare_slot(c);
}

/* After all the refusals the scratch closure still works: prepare it properly and call it. */
WC_EXPORT("still_works") int32_t still_works(int32_t x) {
    if (fresh_closure()) return -1;
    WC_TRY(__wasi_closure_prepare(WC_INDEX(inc), scratch_closure, T_I32, 1, T_I32, 1, 0), -1);
    return WC_FN(int32_t (*)(int32_t), scratch_closure)(x);
}

WC_EXPORT("allocate_errno") int32_t allocate_errno(void) {
    uint32_t c = 0;
    int32_t err = __wasi_closure_allocate(&c);
    if (err == WASIX_ERRNO_SUCCESS) __wasi_closure_free(c);
    return err;
}

int main(void) {
    /* The program's own smoke test: a bad type code is refused, a good prepare then works. */
    if (prepare_arg_type(9) == WASIX_ERRNO_SUCCESS) return 1;
    if (still_works(41) != 42) return 2;
    return wc_failed_line ? 100 : 0;
}
