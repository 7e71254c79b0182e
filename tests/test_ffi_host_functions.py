"""Tests of ``define_i32_func`` (``_ffi.host_functions``): host functions through
``wasmtime_linker_define_func_unchecked``.

Shared helpers: ffi_support.py; the ``env`` fixture: conftest.py.
"""

from __future__ import annotations

import gc
import os
import weakref

import pytest
import wasmtime
from ffi_support import rss_kib, run_python

import wasm_closures
from wasm_closures import _ffi
from wasm_closures._ffi import (
    FastCall,
    host_functions,
    memory_address,
)
from wasm_closures._ffi._capi import U32_MAX
from wasm_closures.errors import InvalidValueError

# --- define_i32_func: host functions through wasmtime_linker_define_func_unchecked -------------

HOST_WAT = r"""
(module
  (import "h" "f2" (func $f2 (param i32 i32) (result i32)))
  (import "h" "f0" (func $f0 (result i32)))
  (import "h" "f16" (func $f16 (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 2)
  (func (export "f2") (param i32 i32) (result i32) (call $f2 (local.get 0) (local.get 1)))
  (func (export "f0") (result i32) (call $f0))
  (func (export "f16") (result i32)
    (call $f16 (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4) (i32.const 5) (i32.const 6)
               (i32.const 7) (i32.const 8) (i32.const 9) (i32.const 10) (i32.const 11) (i32.const 12)
               (i32.const 13) (i32.const 14) (i32.const 15) (i32.const -1)))
  (func (export "sum") (param $n i32) (result i32) (local $s i32)
    (block (loop (br_if 1 (i32.eqz (local.get $n)))
      (local.set $s (i32.add (local.get $s) (call $f2 (local.get $n) (i32.const 0))))
      (local.set $n (i32.sub (local.get $n) (i32.const 1))) (br 0)))
    (local.get $s))
)
"""


class HostEnv:
    """A store and linker with ``h.f2``/``h.f0``/``h.f16`` defined by ``define_i32_func``."""

    def __init__(self, f2, f0=lambda: 7, f16=lambda *args: sum(args) & 0xFFFFFFFF, **options):
        self.engine = wasmtime.Engine()
        self.store = wasmtime.Store(self.engine)
        self.linker = wasmtime.Linker(self.engine)
        _ffi.define_i32_func(self.linker, "h", "f2", 2, f2, **options)
        _ffi.define_i32_func(self.linker, "h", "f0", 0, f0)
        _ffi.define_i32_func(self.linker, "h", "f16", 16, f16)
        module = wasmtime.Module(self.engine, wasmtime.wat2wasm(HOST_WAT))
        self.instance = self.linker.instantiate(self.store, module)
        self.exports = self.instance.exports(self.store)

    def call(self, name, *args):
        return self.exports[name](self.store, *args)


def _no_pending_exception() -> bool:
    from wasmtime import _func

    return _func.LAST_EXCEPTION is None


def test_host_func_arguments_are_unsigned_and_results_keep_their_bits():
    seen = []

    def f2(a, b):
        seen.append((a, b))
        return a + b if a + b <= U32_MAX else -1

    host = HostEnv(f2)
    assert host.call("f2", 1, 2) == 3
    assert host.call("f2", -1, 0) == -1  # 0xFFFFFFFF comes back as i32 -1
    assert host.call("f2", -(2**31), 5) == -(2**31) + 5
    assert seen == [(1, 2), (0xFFFFFFFF, 0), (0x80000000, 5)]
    assert host.call("f2", -1, 1) == -1  # the host returned -1 itself
    assert host.call("f0") == 7
    assert host.call("f16") == (sum(range(1, 16)) + 0xFFFFFFFF) & 0xFFFFFFFF == 119
    assert host.call("sum", 100) == 5050
    fast = FastCall(host.store, host.exports["f2"], "ii", "i")
    assert fast(0xFFFFFFFF, 0) == -1 and seen[-1] == (0xFFFFFFFF, 0)


def test_host_func_argument_order_with_sixteen_params():
    got = []
    host = HostEnv(lambda a, b: 0, f16=lambda *args: got.append(args) or 0)
    assert host.call("f16") == 0
    assert got == [(*tuple(range(1, 16)), 4294967295)]


@pytest.mark.parametrize("result", [2**32 - 1, -(2**31), 0, True, wasm_closures.errors.Errno.INVAL])
def test_host_func_results_accepted(result):
    host = HostEnv(lambda a, b: result)
    assert host.call("f2", 0, 0) == (int(result) if int(result) < 2**31 else int(result) - 2**32)


@pytest.mark.parametrize("result", [None, 2**32, -(2**31) - 1, 1.0, "1", (1,)])
def test_host_func_bad_results_raise_from_the_call(result):
    host = HostEnv(lambda a, b: result)
    with pytest.raises(InvalidValueError, match="result of host function"):
        host.call("f2", 0, 0)
    fast = FastCall(host.store, host.exports["f2"], "ii", "i")
    with pytest.raises(InvalidValueError, match="result of host function"):
        fast(0, 0)
    assert _no_pending_exception()


@pytest.mark.parametrize(
    "exception", [RuntimeError("boom"), KeyError("k"), KeyboardInterrupt(), SystemExit(3)]
)
def test_host_func_exceptions_are_reraised_never_leak_into_ctypes(exception):
    def f2(a, b):
        if a == 13:
            raise exception
        return a + b

    host = HostEnv(f2)
    fast = FastCall(host.store, host.exports["f2"], "ii", "i")
    sum_ = FastCall(host.store, host.exports["sum"], "i", "i")
    for call in (lambda: host.call("f2", 13, 0), lambda: fast(13, 0), lambda: sum_(20)):
        with pytest.raises(type(exception)) as info:
            call()
        assert info.value is exception
        assert _no_pending_exception()
        assert fast(1, 2) == 3  # the store stays usable


def test_host_func_exception_inside_wasm_is_a_trap():
    """Called from wasm, a raising host function is a trap there (no Python frame catches it)."""
    host = HostEnv(lambda a, b: 1 // 0)
    with pytest.raises(ZeroDivisionError):
        host.call("sum", 3)


def test_host_func_caller_is_valid_during_the_call_only():
    callers = []

    def f2(caller, a, b):
        callers.append(caller)
        if a == 1:
            memory = caller.get("memory")
            assert isinstance(memory, wasmtime.Memory)
            assert caller["memory"] is not None and caller.get("nothing") is None
            return memory.data_len(caller)  # the caller as a store
        return 0

    host = HostEnv(f2, access_caller=True)
    assert host.call("f2", 1, 0) == 2 * 65536
    assert host.call("f2", 0, 0) == 0  # a caller that was never used
    assert all(isinstance(c, wasmtime.Caller) for c in callers)
    for caller in callers:
        assert caller.get("memory") is None
        with pytest.raises(ValueError):
            caller._context()
        with pytest.raises(ValueError):
            memory_address(caller, host.exports["memory"])


def _registered(func) -> bool:
    """Whether ``define_i32_func`` still holds ``func`` (its definition was not finalized)."""
    return any(entry[0] is func for entry in list(host_functions._HOST_FUNCS.values()))


def test_host_func_is_kept_alive_until_wasmtime_finalizes_it():
    engine = wasmtime.Engine()
    store = wasmtime.Store(engine)
    linker = wasmtime.Linker(engine)
    funcs = [lambda a, b: a + b, lambda: 7, lambda *args: 0]
    for name, nparams, func in zip(("f2", "f0", "f16"), (2, 0, 16), funcs, strict=True):
        _ffi.define_i32_func(linker, "h", name, nparams, func)
    module = wasmtime.Module(engine, wasmtime.wat2wasm(HOST_WAT))
    f2 = linker.instantiate(store, module).exports(store)["f2"]
    refs = [weakref.ref(func) for func in funcs]
    del linker, module, funcs, func  # the store still holds the definitions
    gc.collect()
    assert all(ref() is not None and _registered(ref()) for ref in refs)
    assert f2(store, 40, 2) == 42
    del f2, store
    gc.collect()
    assert all(ref() is None for ref in refs)  # finalizers ran, nothing holds them


def test_host_func_definition_errors():
    linker = wasmtime.Linker(wasmtime.Engine())
    before = len(host_functions._HOST_FUNCS)
    for nparams in (-1, 65, True, 1.0):
        with pytest.raises(InvalidValueError, match="nparams"):
            _ffi.define_i32_func(linker, "h", "f", nparams, lambda: 0)
    with pytest.raises(TypeError):
        _ffi.define_i32_func(object(), "h", "f", 0, lambda: 0)
    with pytest.raises(TypeError):
        _ffi.define_i32_func(linker, b"h", "f", 0, lambda: 0)
    with pytest.raises(TypeError):
        _ffi.define_i32_func(linker, "h", "f", 0, 42)
    assert len(host_functions._HOST_FUNCS) == before  # refused before registering
    first, duplicate, shadowing = (lambda: 0), (lambda: 1), (lambda: 2)
    _ffi.define_i32_func(linker, "h", "f", 0, first)
    with pytest.raises(wasmtime.WasmtimeError):  # no shadowing by default
        _ffi.define_i32_func(linker, "h", "f", 0, duplicate)
    assert _registered(first) and not _registered(duplicate)
    linker.allow_shadowing = True
    _ffi.define_i32_func(linker, "h", "f", 0, shadowing)
    assert not _registered(first) and _registered(shadowing)  # the shadowed one was finalized
    del linker
    gc.collect()
    assert not _registered(shadowing)


def test_host_func_is_reentrant():
    calls = []

    def f2(a, b):
        calls.append(a)
        return sum_(a - 1) + 1 if a > 0 else 0

    host = HostEnv(f2)
    sum_ = FastCall(host.store, host.exports["sum"], "i", "i")
    # f2(a) = sum(a - 1) + 1 and sum(n) = f2(n) + ... + f2(1): f2(1) = 1, f2(2) = 2, f2(3) = 4.
    assert host.call("f2", 3, 0) == 4
    assert calls == [3, 2, 1, 1]


def test_host_func_unavailable_without_the_internals():
    result = run_python(
        """
        import wasmtime
        from wasm_closures import _ffi
        try:
            _ffi.define_i32_func(wasmtime.Linker(wasmtime.Engine()), "h", "f", 0, lambda: 0)
        except _ffi.InternalsUnavailableError as e:
            print("refused:", e)
        """,
        WASM_CLOSURES_FFI="off",
    )
    assert result.returncode == 0, result.stderr
    assert "refused:" in result.stdout


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="needs /proc")
def test_host_func_stress_no_leak():
    """Host calls, raising host calls and whole definitions come and go without growth."""

    def f2(a, b):
        if b:
            raise RuntimeError("raised")
        return a

    def burst(n: int) -> None:
        host = HostEnv(f2, access_caller=False)
        fast = FastCall(host.store, host.exports["f2"], "ii", "i")
        sum_ = FastCall(host.store, host.exports["sum"], "i", "i")
        assert sum_(n) & U32_MAX == (n * (n + 1) // 2) & U32_MAX
        for i in range(n // 10):
            with pytest.raises(RuntimeError):
                fast(i, 1)
        for _ in range(n // 100):
            HostEnv(f2)  # defined, instantiated, dropped

    burst(20_000)
    gc.collect()
    keys = set(host_functions._HOST_FUNCS)
    before = rss_kib()
    burst(200_000)
    gc.collect()
    growth = rss_kib() - before
    assert len(host_functions._HOST_FUNCS) <= len(keys)  # every definition was finalized
    assert growth < 4096, f"RSS grew by {growth} KiB"
