"""The small wasm program the benchmarks run closures in.

Shaped like a static wasi-libc program: it exports ``memory``, ``__indirect_function_table``
and ``__stack_pointer``, holds two backing functions and a plain function at fixed table
slots, and has three loops that make the call benchmark's calls inside wasm (so Python's
per-call overhead is not part of what they measure):

- ``loop_closure(fp, n)``: ``n`` calls ``acc = fp(acc, n)`` through closure slot ``fp``
  (signature ``(i32, i32) -> i32``), or through slot ``PLAIN_ADD``: a plain function of that
  signature computing the same without memory, the cost of a call alone;
- ``loop_direct(backing, env, n)``: the same ``n`` calls made directly: spill ``acc`` and
  ``n`` to the shadow stack by hand and ``call_indirect`` the backing function;
- ``loop_inline(n)``: the same loop computing ``acc + n + PLAIN_ENV`` with no call: the loop's
  own cost.

All return ``acc``; with the backing function ``ADD_ENV`` and ``env = PLAIN_ENV`` each call
computes ``acc + n + PLAIN_ENV``, so the loops return the same value.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass

import wasmtime

from .. import _ffi
from ..runtime import ClosureRuntime

STACK_TOP = 65536
ADD_ENV = 1  # results.i32[0] = args.i32[0] + args.i32[1] + env
RET_ENV = 2  # results.i32[0] = env: valid for any signature with an i32 first result
PLAIN_ADD = 3  # (a, b) -> a + b + PLAIN_ENV, an ordinary (i32, i32) -> i32 function
PLAIN_ENV = 3
FIRST_FREE_SLOT = 4

WAT = f"""
(module
  (memory (export "memory") 2)
  (table (export "__indirect_function_table") {FIRST_FREE_SLOT} funcref)
  (global $sp (export "__stack_pointer") (mut i32) (i32.const {STACK_TOP}))
  (type $backing (func (param i32 i32 i32)))
  (type $ii_i (func (param i32 i32) (result i32)))
  (elem (i32.const {ADD_ENV}) $add_env $ret_env $plain_add)

  (func $add_env (type $backing) (param $args i32) (param $res i32) (param $env i32)
    (i32.store (local.get $res)
      (i32.add (i32.add (i32.load (local.get $args)) (i32.load offset=4 (local.get $args))) (local.get $env))))
  (func $ret_env (type $backing) (param $args i32) (param $res i32) (param $env i32)
    (i32.store (local.get $res) (local.get $env)))
  (func $plain_add (type $ii_i) (param i32 i32) (result i32)
    (i32.add (i32.add (local.get 0) (local.get 1)) (i32.const {PLAIN_ENV})))

  (func (export "loop_closure") (param $fp i32) (param $n i32) (result i32)
    (local $acc i32)
    (block $done (loop $next
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $acc (call_indirect (type $ii_i) (local.get $acc) (local.get $n) (local.get $fp)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $next)))
    (local.get $acc))
  (func (export "loop_direct") (param $backing i32) (param $env i32) (param $n i32) (result i32)
    (local $acc i32) (local $base i32)
    (block $done (loop $next
      (br_if $done (i32.eqz (local.get $n)))
      (global.set $sp (local.tee $base (i32.sub (global.get $sp) (i32.const 32))))
      (i32.store (local.get $base) (local.get $acc))
      (i32.store offset=4 (local.get $base) (local.get $n))
      (call_indirect (type $backing)
        (local.get $base) (i32.add (local.get $base) (i32.const 16)) (local.get $env) (local.get $backing))
      (local.set $acc (i32.load offset=16 (local.get $base)))
      (global.set $sp (i32.add (local.get $base) (i32.const 32)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $next)))
    (local.get $acc))
  (func (export "loop_inline") (param $n i32) (result i32)
    (local $acc i32)
    (block $done (loop $next
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $acc (i32.add (i32.add (local.get $acc) (local.get $n)) (i32.const {PLAIN_ENV})))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $next)))
    (local.get $acc))
)
"""

_wasm_bytes: bytes | None = None
_modules: weakref.WeakKeyDictionary[wasmtime.Engine, wasmtime.Module] = weakref.WeakKeyDictionary()


def program_wasm() -> bytes:
    """The program's binary (assembled once per process)."""
    global _wasm_bytes
    if _wasm_bytes is None:
        _wasm_bytes = bytes(wasmtime.wat2wasm(WAT))
    return _wasm_bytes


def program_module(engine: wasmtime.Engine) -> wasmtime.Module:
    """The program compiled for ``engine`` (once per engine)."""
    module = _modules.get(engine)
    if module is None:
        module = _modules[engine] = wasmtime.Module(engine, program_wasm())
    return module


@dataclass
class Program:
    """One instance of the program, in its own store, with a bound ClosureRuntime."""

    store: wasmtime.Store
    instance: wasmtime.Instance
    runtime: ClosureRuntime

    def export(self, name: str) -> wasmtime.Func:
        return self.instance.exports(self.store)[name]  # type: ignore[return-value]

    def fast_call(self, name: str, params: str, results: str) -> _ffi.FastCall:
        """``FastCall`` of export ``name`` (type letters as ``_ffi.FastCall`` takes them)."""
        return _ffi.FastCall(self.store, self.export(name), params, results)

    def closure_func(self, closure: int) -> wasmtime.Func:
        """The function installed in table slot ``closure``."""
        func = _ffi.FastTable(self.store, self.export_table()).get_func(closure)
        if func is None:
            raise LookupError(f"table slot {closure} is null")
        return func

    def export_table(self) -> wasmtime.Table:
        return self.instance.exports(self.store)["__indirect_function_table"]  # type: ignore[return-value]


def load_program(
    engine: wasmtime.Engine,
    strategy: str = "pooled",
    *,
    module: wasmtime.Module | None = None,
    **runtime_options: object,
) -> Program:
    """Instantiate the program in a new store of ``engine`` with a bound ``ClosureRuntime``."""
    store = wasmtime.Store(engine)
    instance = wasmtime.Instance(store, module if module is not None else program_module(engine), [])
    runtime = ClosureRuntime(store, strategy=strategy, **runtime_options)  # type: ignore[arg-type]
    runtime.bind_exports(instance)
    return Program(store, instance, runtime)
