"""Tests of ``FastTable`` (``_ffi.tables``) against wasmtime-py's public ``Table``.

Shared helpers: ffi_support.py; the ``env`` fixture: conftest.py.
"""

from __future__ import annotations

import gc

import pytest
import wasmtime
from ffi_support import Env

from wasm_closures._ffi import (
    FastTable,
    OutOfBoundsError,
    TableGrowError,
    UnsupportedTypeError,
)
from wasm_closures.errors import InvalidValueError

# --- FastTable ---------------------------------------------------------------------------------


def test_table_size_set_get_against_public_api(env):
    public = env["table"]
    table = FastTable(env.store, public)
    assert table.size() == public.size(env.store) == 4

    table.set(0, env["sub"])
    assert public.get(env.store, 0)(env.store, 7, 2) == 5
    assert table.get_func(0)(env.store, 9, 4) == 5

    public.set(env.store, 2, env["add"])
    assert table.get_func(2)(env.store, 9, 4) == 13
    assert table.get_func(1)(env.store, 1, 1) == 2  # from the elem segment

    assert table.get_func(3) is None  # never set
    table.set(0, None)  # back to a null funcref
    assert table.get_func(0) is None
    assert public.get(env.store, 0).value is None  # wasmtime-py wraps a null in a Val
    call_slot = env["call_slot"]
    with pytest.raises(wasmtime.Trap):
        call_slot(env.store, 0, 1, 2)  # wasm sees the null slot
    table.set(0, env["add"])
    assert call_slot(env.store, 0, 40, 2) == 42  # and the function


def test_table_accepts_host_functions_and_forgets_the_python_object(env):
    table = FastTable(env.store, env["table"])
    ty = wasmtime.FuncType([wasmtime.ValType.i32()] * 2, [wasmtime.ValType.i32()])
    table.set(3, wasmtime.Func(env.store, ty, lambda a, b: a * b))
    gc.collect()  # the Func object is gone; the store keeps the function
    assert env["call_slot"](env.store, 3, 6, 7) == 42
    assert table.slot_type_codes(3) == (b"\x00\x00", b"\x00")


@pytest.mark.parametrize("index", [4, 5, 1 << 32, (1 << 64) - 1, 1 << 64, 1 << 70, -1, -(1 << 64)])
def test_table_bounds(env, index):
    table = FastTable(env.store, env["table"])
    with pytest.raises(OutOfBoundsError, match="out of bounds"):
        table.set(index, env["add"])
    with pytest.raises(IndexError):
        table.set(index, None)
    with pytest.raises(OutOfBoundsError):
        table.get_func(index)
    with pytest.raises(OutOfBoundsError):
        table.slot_type_codes(index)
    assert table.size() == 4


def test_table_rejects_wrong_values(env):
    table = FastTable(env.store, env["table"])
    with pytest.raises(TypeError):
        table.set(0, 5)
    with pytest.raises(TypeError):
        table.set(0, env["memory"])
    with pytest.raises(TypeError):
        table.set("0", None)
    with pytest.raises(TypeError):
        FastTable(env.store, env["add"])
    with pytest.raises(UnsupportedTypeError, match="funcref"):
        FastTable(env.store, env["externs"])


def test_table_grow(env):
    public = env["small"]
    table = FastTable(env.store, public)
    assert table.grow(0) == 1
    assert table.grow(1, env["add"]) == 1
    assert table.size() == public.size(env.store) == 2
    assert table.get_func(1)(env.store, 2, 2) == 4
    with pytest.raises(TableGrowError, match="cannot grow"):
        table.grow(1, None)  # the table's maximum is 2
    with pytest.raises(InvalidValueError):
        table.grow(-1, None)
    assert table.size() == 2

    big = FastTable(env.store, env["table"])
    assert big.grow(100, None) == 4
    assert big.size() == 104 and big.get_func(103) is None
    assert big.grow(2, env["sub"]) == 104
    assert big.get_func(105)(env.store, 5, 1) == 4
    big.set(103, env["add"])
    assert env["call_slot"](env.store, 103, 1, 2) == 3


def test_table_grow_respects_store_limits():
    env = Env()
    env.store.set_limits(table_elements=50)
    table = FastTable(env.store, env["table"])
    with pytest.raises(TableGrowError):
        table.grow(1000, None)
    assert table.size() == 4


def test_slot_type_codes(env):
    table = FastTable(env.store, env["table"])
    assert table.slot_type_codes(0) is None
    assert table.slot_type_codes(1) == (b"\x00\x00", b"\x00")
    table.set(2, env["swap4"])
    assert table.slot_type_codes(2) == (bytes([0, 1, 2, 3]), bytes([3, 2, 1, 0]))
