/* The libffi benchmark guest: a WASIX reactor linked with libffi's WASIX backend, and the same
 * source built natively against the system libffi (a shared library: the native anchors).
 *
 * setup() prepares one libffi closure of int (*)(int, int) with ffi_prep_closure_loc; the loops
 * make their n calls inside wasm (or natively), so the per-call overhead is what they measure:
 *   loop_ffi_call(n)        acc = closure(acc, i) through ffi_call (in wasm: call_dynamic)
 *   loop_plain_ffi_call(n)  acc = plain_add(acc, i) through ffi_call, a plain C function
 *   loop_closure_call(n)    the closure's calls through the closure pointer itself
 *   loop_prep_closure(n)    n x ffi_closure_alloc + ffi_prep_closure_loc + ffi_closure_free
 *   loop_closure_cycle(n)   the same with one call of each closure before it is freed
 * Each call computes acc + i + ENV. Rebuild libffi_guest.wasm with
 * `python tests/libffi_build.py --benchmark-guest` (needs the libffi tarball, clang, wasi-libc);
 * benchmarks/native.py builds the native library when the suite runs.
 */
#include <ffi.h>

#ifdef __wasm__
#define EXPORT(name) __attribute__((export_name(name)))
#else
#define EXPORT(name) __attribute__((visibility("default")))
#endif
#define ENV 3

static ffi_cif cif;
static ffi_type *arg_types[2];
static int (*closure_fn)(int, int);
static int env = ENV;

static void add_env(ffi_cif *c, void *ret, void **args, void *user_data) {
    (void)c;
    *(ffi_arg *)ret = *(int *)args[0] + *(int *)args[1] + *(int *)user_data;
}

/* noinline: ffi_call must make a real call, natively as in wasm */
__attribute__((noinline)) int plain_add(int a, int b) { return a + b + ENV; }

EXPORT("setup") int setup(void) {
    arg_types[0] = &ffi_type_sint32;
    arg_types[1] = &ffi_type_sint32;
    if (ffi_prep_cif(&cif, FFI_DEFAULT_ABI, 2, &ffi_type_sint32, arg_types) != FFI_OK) return 1;
    ffi_closure *closure = ffi_closure_alloc(sizeof(ffi_closure), (void **)&closure_fn);
    if (closure == NULL) return 2;
    if (ffi_prep_closure_loc(closure, &cif, add_env, &env, (void *)closure_fn) != FFI_OK) return 3;
    return closure_fn(1, 2) == 1 + 2 + ENV ? 0 : 4;
}

EXPORT("loop_ffi_call") int loop_ffi_call(int n) {
    int acc = 0;
    for (int i = n; i > 0; i--) {
        int a = acc, b = i;
        void *args[2] = {&a, &b};
        ffi_arg result;
        ffi_call(&cif, FFI_FN(closure_fn), &result, args);
        acc = (int)result;
    }
    return acc;
}

EXPORT("loop_plain_ffi_call") int loop_plain_ffi_call(int n) {
    int acc = 0;
    for (int i = n; i > 0; i--) {
        int a = acc, b = i;
        void *args[2] = {&a, &b};
        ffi_arg result;
        ffi_call(&cif, FFI_FN(plain_add), &result, args);
        acc = (int)result;
    }
    return acc;
}

EXPORT("loop_closure_call") int loop_closure_call(int n) {
    int acc = 0;
    for (int i = n; i > 0; i--) acc = closure_fn(acc, i);
    return acc;
}

EXPORT("loop_prep_closure") int loop_prep_closure(int n) {
    int ok = 0;
    for (int i = 0; i < n; i++) {
        void *code;
        ffi_closure *closure = ffi_closure_alloc(sizeof(ffi_closure), &code);
        if (closure == NULL) continue;
        ok += ffi_prep_closure_loc(closure, &cif, add_env, &env, code) == FFI_OK;
        ffi_closure_free(closure);
    }
    return ok;
}

EXPORT("loop_closure_cycle") int loop_closure_cycle(int n) {
    int ok = 0;
    for (int i = 0; i < n; i++) {
        int (*fn)(int, int);
        ffi_closure *closure = ffi_closure_alloc(sizeof(ffi_closure), (void **)&fn);
        if (closure == NULL) continue;
        if (ffi_prep_closure_loc(closure, &cif, add_env, &env, (void *)fn) == FFI_OK)
            ok += fn(i, 1) == i + 1 + ENV;
        ffi_closure_free(closure);
    }
    return ok;
}
