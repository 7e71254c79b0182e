"""``wasix_32v1.call_dynamic`` on the native runtime: what only the native definition does.

The contract every implementation meets is tests/test_call_dynamic.py, which runs on both
runtimes. Here: the native runtime defines the native syscall (rust/call_dynamic.rs), which
calls the function directly, so none of the Python syscall's per-signature caller modules
and none of their budget. It does on both strategies: the module strategy's closures run in
Python, its call_dynamic is the native one all the same.
"""

from __future__ import annotations

import struct

import pytest
import wasmtime

from wasm_closures import ClosureRuntime, Errno
from wasm_closures._runtime import backend as _runtime_backend
from wasm_closures._runtime import call_dynamic
from wasm_closures.runtime import STRATEGIES

VALUES, RESULTS = 1024, 2048
ADD, MIXED, SWAP, NOTHING = range(1, 5)

WAT = f"""
(module
  (import "wasix_32v1" "call_dynamic" (func $call_dynamic (param i32 i32 i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (table (export "__indirect_function_table") 5 funcref)
  (global (export "__stack_pointer") (mut i32) (i32.const 65536))
  (elem (i32.const {ADD}) $add $mixed $swap $nothing)
  (func $add (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func $mixed (param i64 f32 f64) (result f64 i64)
    (f64.add (f64.promote_f32 (local.get 1)) (local.get 2))
    (i64.mul (local.get 0) (i64.const 2)))
  (func $swap (param v128) (result v128)
    (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get 0) (local.get 0)))
  (func $nothing)
  (func (export "call_dynamic") (param i32 i32 i32 i32 i32 i32) (result i32)
    (call $call_dynamic (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4) (local.get 5)))
)
"""


class Guest:
    """The WAT guest in a fresh store, with the syscalls of a ClosureRuntime the core serves
    (pooled) or whose call_dynamic it serves (module)."""

    def __init__(self, strategy: str) -> None:
        engine = wasmtime.Engine()
        self.store = wasmtime.Store(engine)
        self.runtime = ClosureRuntime(self.store, strategy=strategy)
        assert self.runtime._call_dynamic_core is not None, self.runtime.backend_reason
        assert self.runtime.backend == ("native" if strategy == "pooled" else "python")
        linker = wasmtime.Linker(engine)
        self.runtime.define_wasix(linker)
        module = wasmtime.Module(engine, wasmtime.wat2wasm(WAT))
        exports = linker.instantiate(self.store, module).exports(self.store)
        self.memory = exports["memory"]
        self._call = exports["call_dynamic"]

    def call(self, function: int, values: bytes, results_len: int) -> int:
        """Strict ``call_dynamic`` of ``function`` with ``values``."""
        self.memory.write(self.store, values, VALUES)  # type: ignore[union-attr]
        return self._call(self.store, function, VALUES, len(values), RESULTS, results_len, 1)  # type: ignore[operator]

    def results(self, length: int) -> bytes:
        return bytes(self.memory.read(self.store, RESULTS, RESULTS + length))  # type: ignore[union-attr]


@pytest.fixture(params=STRATEGIES)
def guest(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Guest:
    monkeypatch.delenv(_runtime_backend.ENV_VARIABLE, raising=False)  # the native runtime
    return Guest(request.param)


def test_the_python_runtime_keeps_the_python_call_dynamic(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(_runtime_backend.ENV_VARIABLE, "python")
    for strategy in STRATEGIES:
        assert ClosureRuntime(wasmtime.Store(wasmtime.Engine()), strategy=strategy)._call_dynamic_core is None


def test_no_caller_modules_so_no_signature_budget(guest: Guest, monkeypatch: pytest.MonkeyPatch) -> None:
    # With a budget of 0, the Python syscall answers NOMEM to any signature (see
    # test_call_dynamic's budget test, Python runtime only); the native one calls them all.
    monkeypatch.setattr(call_dynamic, "MAX_CALLER_SIGNATURES", 0)
    assert guest.call(ADD, struct.pack("<ii", 2, 40), 4) == Errno.SUCCESS
    assert guest.results(4) == struct.pack("<i", 42)
    assert guest.call(MIXED, struct.pack("<qfd", -21, 1.5, 2.25), 16) == Errno.SUCCESS
    assert struct.unpack("<dq", guest.results(16)) == (3.75, -42)
    assert guest.call(SWAP, bytes(range(16)), 16) == Errno.SUCCESS
    assert guest.results(16) == bytes(range(8, 16)) + bytes(range(8))
    assert guest.call(NOTHING, b"", 0) == Errno.SUCCESS
