"""A guest that runs closure cycles through the WASIX syscalls, for the ``runtime`` cases.

``cycles(n)`` makes ``n`` times: ``closure_allocate``, ``closure_prepare`` of a
``(i32, i32) -> i32`` closure backed by ``add_env``, one call through it, ``closure_free``;
it returns the number of cycles whose every step succeeded and whose call answered right.
``DYNAMIC_WAT``'s ``dynamic_calls(n)`` makes ``n`` ``call_dynamic`` calls of an
``(i32, i32) -> i32`` function, strict, and returns how many answered right.
"""

from __future__ import annotations

import wasmtime

from ..runtime import ClosureRuntime

ADD_ENV = 1
OUT = 256  # where closure_allocate writes the closure
TYPES = 512  # "\00\00\00": (i32, i32) -> i32

WAT = f"""
(module
  (import "wasix_32v1" "closure_allocate" (func $allocate (param i32) (result i32)))
  (import "wasix_32v1" "closure_prepare" (func $prepare (param i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (import "wasix_32v1" "closure_free" (func $free (param i32) (result i32)))
  (memory (export "memory") 2)
  (table (export "__indirect_function_table") 2 funcref)
  (global $sp (export "__stack_pointer") (mut i32) (i32.const 65536))
  (type $ii_i (func (param i32 i32) (result i32)))
  (elem (i32.const {ADD_ENV}) $add_env)
  (data (i32.const {TYPES}) "\\00\\00\\00")
  (func $add_env (param $args i32) (param $res i32) (param $env i32)
    (i32.store (local.get $res)
      (i32.add (i32.add (i32.load (local.get $args)) (i32.load offset=4 (local.get $args))) (local.get $env))))
  (func (export "cycles") (param $n i32) (result i32)
    (local $ok i32) (local $fp i32)
    (block $done (loop $next
      (br_if $done (i32.eqz (local.get $n)))
      (if (i32.eqz (call $allocate (i32.const {OUT})))
        (then
          (local.set $fp (i32.load (i32.const {OUT})))
          (if (i32.eqz (call $prepare (i32.const {ADD_ENV}) (local.get $fp)
                (i32.const {TYPES}) (i32.const 2) (i32.const {TYPES + 2}) (i32.const 1) (local.get $n)))
            (then
              (if (i32.eq (call_indirect (type $ii_i) (i32.const 1) (i32.const 2) (local.get $fp))
                          (i32.add (local.get $n) (i32.const 3)))
                (then (local.set $ok (i32.add (local.get $ok) (i32.const 1)))))))
          (drop (call $free (local.get $fp)))))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $next)))
    (local.get $ok))
)
"""


DYNAMIC_WAT = f"""
(module
  (import "wasix_32v1" "call_dynamic" (func $call_dynamic (param i32 i32 i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 2)
  (table (export "__indirect_function_table") 2 funcref)
  (global $sp (export "__stack_pointer") (mut i32) (i32.const 65536))
  (elem (i32.const 1) $add)
  (func $add (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "dynamic_calls") (param $n i32) (result i32)
    (local $ok i32)
    (block $done (loop $next
      (br_if $done (i32.eqz (local.get $n)))
      (i32.store (i32.const {TYPES}) (local.get $n))
      (i32.store (i32.const {TYPES + 4}) (i32.const 3))
      (if (i32.eqz (call $call_dynamic (i32.const 1) (i32.const {TYPES}) (i32.const 8) (i32.const {OUT}) (i32.const 4) (i32.const 1)))
        (then (if (i32.eq (i32.load (i32.const {OUT})) (i32.add (local.get $n) (i32.const 3)))
          (then (local.set $ok (i32.add (local.get $ok) (i32.const 1)))))))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $next)))
    (local.get $ok))
)
"""


def load_guest(
    engine: wasmtime.Engine, wat: str = WAT, export: str = "cycles", strategy: str = "pooled"
) -> tuple[wasmtime.Store, wasmtime.Func, ClosureRuntime]:
    """A guest in a new store with the closure syscalls defined: (store, its loop, runtime)."""
    store = wasmtime.Store(engine)
    runtime = ClosureRuntime(store, strategy=strategy)
    linker = wasmtime.Linker(engine)
    runtime.define_wasix(linker)
    module = wasmtime.Module(engine, bytes(wasmtime.wat2wasm(wat)))
    loop = linker.instantiate(store, module).exports(store)[export]
    return store, loop, runtime  # type: ignore[return-value]
