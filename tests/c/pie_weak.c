/* A position-independent program referring to weak symbols nobody defines: clang-14 / lld-14
 * turn them into GOT.func.maybe_function and GOT.mem.maybe_data imports, which the loader
 * cannot resolve. */
#include <stdint.h>

extern int32_t maybe_function(int32_t) __attribute__((weak));
extern int32_t maybe_data __attribute__((weak));

__attribute__((export_name("has_function"))) int32_t has_function(void) { return maybe_function != 0; }
__attribute__((export_name("has_data"))) int32_t has_data(void) { return &maybe_data != 0; }
