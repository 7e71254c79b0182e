"""Tests of handles used with another store (``_ffi.stores``): wasmtime aborts, ``_ffi`` raises.

Shared helpers: ffi_support.py; the ``env`` fixture: conftest.py.
"""

from __future__ import annotations

import pytest
from ffi_support import Env, run_python

from wasm_closures._ffi import (
    FastCall,
    FastI32Global,
    FastTable,
    memory_address,
)
from wasm_closures.errors import InvalidValueError


@pytest.fixture(scope="module")
def other() -> Env:
    """A second store, for the wrong-store checks."""
    return Env()


# --- wrong store: wasmtime aborts, we raise ----------------------------------------------------


def test_wrong_store_aborts_in_wasmtime_but_raises_here():
    """Prove the hazard in a subprocess, then that every entry point refuses it."""
    hazard = run_python(
        """
        import ctypes, wasmtime
        from wasmtime import _ffi as ffi
        engine = wasmtime.Engine()
        wat = '(module (table (export "t") 1 funcref))'
        module = wasmtime.Module(engine, wasmtime.wat2wasm(wat))
        s1, s2 = wasmtime.Store(engine), wasmtime.Store(engine)
        t1 = wasmtime.Instance(s1, module, []).exports(s1)["t"]
        wasmtime.Instance(s2, module, [])
        print("before", flush=True)
        ffi.wasmtime_table_size(s2._context(), ctypes.byref(t1._table))
        print("survived", flush=True)
        """
    )
    assert "before" in hazard.stdout
    if hazard.returncode == 0:
        pytest.skip("this wasmtime no longer aborts on a wrong-store handle")

    result = run_python(
        """
        import wasmtime
        from wasm_closures import _ffi
        from wasm_closures.errors import InvalidValueError
        engine = wasmtime.Engine()
        wat = '''(module (func (export "f") (result i32) (i32.const 1))
                  (table (export "t") 1 funcref) (global (export "g") (mut i32) (i32.const 0))
                  (memory (export "m") 1))'''
        module = wasmtime.Module(engine, wasmtime.wat2wasm(wat))
        s1, s2 = wasmtime.Store(engine), wasmtime.Store(engine)
        e1 = wasmtime.Instance(s1, module, []).exports(s1)
        e2 = wasmtime.Instance(s2, module, []).exports(s2)
        table = _ffi.FastTable(s1, e1["t"])
        attempts = [
            lambda: _ffi.FastTable(s2, e1["t"]),
            lambda: _ffi.FastI32Global(s2, e1["g"]),
            lambda: _ffi.FastCall(s2, e1["f"], "", "i"),
            lambda: _ffi.func_type_codes(s2, e1["f"]),
            lambda: _ffi.memory_address(s2, e1["m"]),
            lambda: _ffi.read(s2, e1["m"], 0, 4),
            lambda: table.set(0, e2["f"]),
            lambda: table.grow(1, e2["f"]),
        ]
        for attempt in attempts:
            try:
                attempt()
            except InvalidValueError as e:
                assert "another store" in str(e)
            else:
                raise AssertionError("accepted a handle of another store")
        table.set(0, e1["f"])
        print("all refused")
        """
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "all refused" in result.stdout


def test_wrong_store_in_process(env, other):
    table = FastTable(env.store, env["table"])
    with pytest.raises(InvalidValueError, match="another store"):
        table.set(0, other["add"])
    with pytest.raises(InvalidValueError, match="another store"):
        FastCall(env.store, other["add"], "ii", "i")
    with pytest.raises(InvalidValueError, match="another store"):
        memory_address(env.store, other["memory"])
    assert table.get_func(0) is None


def test_closed_store_raises_instead_of_dangling():
    env = Env()
    table = FastTable(env.store, env["table"])
    global_ = FastI32Global(env.store, env["g"])
    call = FastCall(env.store, env["add"], "ii", "i")
    memory = env["memory"]
    env.store.close()
    for operation in (
        table.size,
        lambda: table.set(0, None),
        global_.get,
        lambda: call(1, 2),
        lambda: memory_address(env.store, memory),
    ):
        with pytest.raises(ValueError):
            operation()
