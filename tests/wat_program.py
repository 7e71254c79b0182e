"""A small program in WAT, shaped like a static wasi-libc program, for runtime tests.

It exports ``memory``, ``__indirect_function_table`` and ``__stack_pointer`` and holds backing
functions at fixed table slots, plus drivers that call a closure slot with ``call_indirect``
(so every call through a closure in the tests happens inside wasm, v128 included).
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass

import wasmtime

from wasm_closures import ClosureRuntime

STACK_TOP = 65536

# Table slots of the backing functions.
ADD_ENV = 1  # results.i32[0] = args.i32[0] + args.i32[1] + env
ECHO = 2  # copies env bytes from args to results: a closure (T...) -> (T...) returns its args
WRONG_TYPE = 3  # (i32) -> i32: not a valid backing function
RECORD = 4  # records (args, results, env, sp) at RECORD_AT and writes nothing
FIRST_FREE_SLOT = 5
RECORD_AT = 1024

WAT = f"""
(module
  (memory (export "memory") 4 {{MEMORY_MAX}})
  (table (export "__indirect_function_table") {FIRST_FREE_SLOT} funcref)
  (global $sp (export "__stack_pointer") (mut i32) (i32.const {STACK_TOP}))
  (type $backing (func (param i32 i32 i32)))
  (type $ii_i (func (param i32 i32) (result i32)))
  (type $v_v (func))
  (type $i_i (func (param i32) (result i32)))
  (type $I_I (func (param i64) (result i64)))
  (type $f_f (func (param f32) (result f32)))
  (type $F_F (func (param f64) (result f64)))
  (type $V_V (func (param v128) (result v128)))
  (type $mixed (func (param i32 i64 f32 f64 v128 i32) (result i64 v128 f64)))
  (type $sixteen (func (param i32 i64 f32 f64 i32 i64 f32 f64 i32 i64 f32 f64 i32 i64 f32 f64) (result i64)))
  (elem (i32.const {ADD_ENV}) $add_env $echo $wrong_type $record)

  (func $add_env (type $backing) (param $args i32) (param $res i32) (param $env i32)
    (i32.store (local.get $res)
      (i32.add (i32.add (i32.load (local.get $args)) (i32.load offset=4 (local.get $args))) (local.get $env))))
  (func $echo (type $backing) (param $args i32) (param $res i32) (param $env i32)
    (memory.copy (local.get $res) (local.get $args) (local.get $env)))
  (func $wrong_type (param i32) (result i32) (local.get 0))
  (func $record (type $backing) (param $args i32) (param $res i32) (param $env i32)
    (i32.store (i32.const {RECORD_AT}) (local.get $args))
    (i32.store (i32.const {RECORD_AT + 4}) (local.get $res))
    (i32.store (i32.const {RECORD_AT + 8}) (local.get $env))
    (i32.store (i32.const {RECORD_AT + 12}) (global.get $sp)))

  (func (export "call_ii_i") (param $fp i32) (param i32 i32) (result i32)
    (call_indirect (type $ii_i) (local.get 1) (local.get 2) (local.get $fp)))
  (func (export "call_v_v") (param $fp i32)
    (call_indirect (type $v_v) (local.get $fp)))
  (func (export "call_i_i") (param $fp i32) (param i32) (result i32)
    (call_indirect (type $i_i) (local.get 1) (local.get $fp)))
  (func (export "call_I_I") (param $fp i32) (param i64) (result i64)
    (call_indirect (type $I_I) (local.get 1) (local.get $fp)))
  (func (export "call_f_f") (param $fp i32) (param f32) (result f32)
    (call_indirect (type $f_f) (local.get 1) (local.get $fp)))
  (func (export "call_F_F") (param $fp i32) (param f64) (result f64)
    (call_indirect (type $F_F) (local.get 1) (local.get $fp)))
  ;; v128 stays inside wasm: built from two i64 lanes, echoed, split again.
  (func (export "call_V_V") (param $fp i32) (param $lo i64) (param $hi i64) (result i64 i64)
    (local $v v128)
    (local.set $v (call_indirect (type $V_V)
      (i64x2.replace_lane 1 (i64x2.splat (local.get $lo)) (local.get $hi)) (local.get $fp)))
    (i64x2.extract_lane 0 (local.get $v))
    (i64x2.extract_lane 1 (local.get $v)))
  ;; (i32 7, i64 -2, f32 1.5, f64 2.25, v128 (lo, hi), i32 9) -> (i64, v128, f64) through ECHO-like
  ;; backing RECORD: only checks spilling, results are whatever the area holds.
  (func (export "call_mixed") (param $fp i32) (param $lo i64) (param $hi i64)
    (call_indirect (type $mixed)
      (i32.const 7) (i64.const -2) (f32.const 1.5) (f64.const 2.25)
      (i64x2.replace_lane 1 (i64x2.splat (local.get $lo)) (local.get $hi)) (i32.const 9)
      (local.get $fp))
    drop drop drop)
  (func (export "call_16") (param $fp i32) (result i64)
    (call_indirect (type $sixteen)
      (i32.const 1) (i64.const 2) (f32.const 3) (f64.const 4) (i32.const 5) (i64.const 6) (f32.const 7) (f64.const 8)
      (i32.const 9) (i64.const 10) (f32.const 11) (f64.const 12) (i32.const 13) (i64.const 14) (f32.const 15) (f64.const 16)
      (local.get $fp)))
)
"""


@dataclass
class WatProgram:
    store: wasmtime.Store
    instance: wasmtime.Instance
    runtime: ClosureRuntime

    def export(self, name: str) -> wasmtime.Func:
        return self.instance.exports(self.store)[name]  # type: ignore[return-value]

    def call(self, name: str, *args: object) -> object:
        return self.export(name)(self.store, *args)

    def read(self, offset: int, length: int) -> bytes:
        memory = self.instance.exports(self.store)["memory"]
        return bytes(memory.read(self.store, offset, offset + length))  # type: ignore[union-attr]

    def stack_pointer(self) -> int:
        return self.instance.exports(self.store)["__stack_pointer"].value(self.store)  # type: ignore[union-attr]


_modules: weakref.WeakKeyDictionary[wasmtime.Engine, dict[bool, wasmtime.Module]] = (
    weakref.WeakKeyDictionary()
)


def threads_engine() -> wasmtime.Engine:
    """An engine that accepts shared memories (configured as ``loader.default_engine`` does)."""
    config = wasmtime.Config()
    config.wasm_threads = True
    config.shared_memory = True
    config.signals_based_traps = False
    return wasmtime.Engine(config)


def load_wat_program(
    engine: wasmtime.Engine,
    strategy: str = "pooled",
    *,
    shared_memory: bool = False,
    **runtime_options: object,
) -> WatProgram:
    """Instantiate the program in a new store with a bound ClosureRuntime.

    With ``shared_memory`` its memory is shared (``engine`` must come from ``threads_engine``).
    """
    modules = _modules.setdefault(engine, {})
    module = modules.get(shared_memory)
    if module is None:
        wat = WAT.replace("{MEMORY_MAX}", "16 shared" if shared_memory else "")
        module = modules[shared_memory] = wasmtime.Module(engine, wasmtime.wat2wasm(wat))
    store = wasmtime.Store(engine)
    instance = wasmtime.Instance(store, module, [])
    runtime = ClosureRuntime(store, strategy=strategy, **runtime_options)  # type: ignore[arg-type]
    runtime.bind_exports(instance)
    return WatProgram(store, instance, runtime)
