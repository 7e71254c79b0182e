#!/bin/sh
# Rebuild examples/closures.wasm from examples/closures.c with Debian's clang and wasi-libc
# (apt-get install clang lld wasi-libc libclang-rt-14-dev-wasm32).
#
# The program is an ordinary wasm32-wasi program; closures need it to export its function
# table and stack pointer, and the table to be growable:
#   --export-table --export=__stack_pointer --growable-table
# (--no-check-features lets wasi-libc link with objects built for other feature sets.)
# <wasix/closure.h> and <wasix/call_dynamic.h> come from the package (`wasm-closures include`
# prints where an installed one keeps them); this script uses the source tree's.
#
# Usage: examples/build.sh            writes examples/closures.wasm
#        OUT=/tmp/x.wasm examples/build.sh
#        CC=clang-14 examples/build.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
CC=${CC:-clang}
OUT=${OUT:-$here/closures.wasm}
"$CC" --target=wasm32-wasi -O2 -Wall -Wextra -I"$here/../python/wasm_closures/include" \
    "$here/closures.c" -o "$OUT" \
    -Wl,--export-table -Wl,--export=__stack_pointer -Wl,--growable-table -Wl,--no-check-features -Wl,--strip-debug
echo "built $OUT"
