"""Tests of ``FastCall`` (``_ffi.calls``) against wasmtime-py's public ``Func.__call__``.

Shared helpers: ffi_support.py; the ``env`` fixture: conftest.py.
"""

from __future__ import annotations

import math

import pytest
import wasmtime

from wasm_closures._ffi import (
    FastCall,
    UnsupportedTypeError,
)
from wasm_closures.errors import InvalidValueError

# --- FastCall ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, letter, values",
    [
        ("id_i32", "i", [0, 1, -1, 2**31 - 1, -(2**31)]),
        ("id_i64", "I", [0, -1, 2**63 - 1, -(2**63), 1 << 40]),
        ("id_f32", "f", [0.0, -1.5, 3.25, float("inf"), 1e30]),
        ("id_f64", "F", [0.0, -1.5, 0.1, float("-inf"), 1e300]),
    ],
)
def test_call_each_type_against_public_api(env, name, letter, values):
    func = env[name]
    call = FastCall(env.store, func, letter, letter)
    for value in values:
        assert call(value) == func(env.store, value)
    if letter in "fF":
        assert call(0.1) == func(env.store, 0.1) == pytest.approx(0.1)  # f32 rounds alike
        assert math.isnan(call(float("nan")))


def test_call_unsigned_wraps_like_the_bits(env):
    assert FastCall(env.store, env["id_i32"], "i", "i")(0xFFFF_FFFF) == -1
    assert FastCall(env.store, env["id_i64"], "I", "I")(2**64 - 1) == -1
    assert FastCall(env.store, env["id_f32"], "f", "f")(3) == 3.0  # ints go to floats


def test_call_multi_value_and_no_value(env):
    swap = FastCall(env.store, env["swap4"], "iIfF", "FfIi")
    assert swap(1, 2, 3.5, 4.25) == (4.25, 3.5, 2, 1)
    assert list(swap(-7, 1 << 50, -0.5, 1e-300)) == env["swap4"](env.store, -7, 1 << 50, -0.5, 1e-300)
    assert FastCall(env.store, env["nop"], "", "")() is None
    assert FastCall(env.store, env["add"], "ii", "i")(40, 2) == 42


def test_call_argument_errors(env):
    add = FastCall(env.store, env["add"], "ii", "i")
    with pytest.raises(TypeError, match="expected 2 arguments"):
        add(1)
    with pytest.raises(TypeError):
        add(1, 2, 3)
    with pytest.raises(InvalidValueError, match="i32 range"):
        add(2**32, 0)
    with pytest.raises(InvalidValueError):
        add(0, -(2**31) - 1)
    with pytest.raises(TypeError):
        add(1.5, 0)
    with pytest.raises(TypeError):
        add("1", 0)
    assert add(1, 2) == 3


def test_call_signature_checks(env):
    with pytest.raises(InvalidValueError, match=r"signature mismatch: the function is \(ii\) -> \(i\)"):
        FastCall(env.store, env["add"], "iI", "i")
    with pytest.raises(InvalidValueError, match="mismatch"):
        FastCall(env.store, env["add"], "ii", "")
    with pytest.raises(UnsupportedTypeError, match="type letter 'v'"):
        FastCall(env.store, env["add"], "v", "i")
    with pytest.raises(UnsupportedTypeError):
        FastCall(env.store, env["refs"], "iii", "i")  # funcref/externref parameters
    with pytest.raises(InvalidValueError):
        FastCall(env.store, env["add"], None, "i")
    with pytest.raises(TypeError):
        FastCall(env.store, env["g"], "", "i")


def test_call_traps_raise_and_the_call_stays_usable(env):
    trap = FastCall(env.store, env["trap"], "", "")
    with pytest.raises(wasmtime.Trap) as info:
        trap()
    assert "unreachable" in str(info.value)
    assert info.value.trap_code == wasmtime.TrapCode.UNREACHABLE

    div = FastCall(env.store, env["div"], "ii", "i")
    with pytest.raises(wasmtime.Trap, match="divide by zero"):
        div(1, 0)
    with pytest.raises(wasmtime.Trap, match="overflow"):
        div(-(2**31), -1)
    assert div(7, 2) == 3
    for _ in range(1000):  # traps after traps: nothing leaks into the next call
        with pytest.raises(wasmtime.Trap):
            trap()
    assert div(-9, 3) == -3


def test_call_reraises_python_host_exceptions_like_public_api(env):
    def host(x):
        if x < 0:
            raise KeyError("negative")
        return x + 1

    ty = wasmtime.FuncType([wasmtime.ValType.i32()], [wasmtime.ValType.i32()])
    func = wasmtime.Func(env.store, ty, host)
    call = FastCall(env.store, func, "i", "i")
    assert call(1) == 2
    with pytest.raises(KeyError, match="negative"):
        func(env.store, -1)
    with pytest.raises(KeyError, match="negative"):
        call(-1)
    assert call(41) == 42


def test_call_is_reentrant(env):
    """A host function called from wasm calls back into wasm through the same FastCall."""
    calls = []

    def host(depth):
        calls.append(depth)
        return fast(depth - 1) + 1 if depth > 0 else 0

    ty = wasmtime.FuncType([wasmtime.ValType.i32()], [wasmtime.ValType.i32()])
    wat = """(module (import "" "host" (func $h (param i32) (result i32)))
               (func (export "f") (param i32) (result i32) (call $h (local.get 0))))"""
    instance = wasmtime.Instance(
        env.store, wasmtime.Module(env.engine, wasmtime.wat2wasm(wat)), [wasmtime.Func(env.store, ty, host)]
    )
    fast = FastCall(env.store, instance.exports(env.store)["f"], "i", "i")
    assert fast(5) == 5
    assert calls == [5, 4, 3, 2, 1, 0]
