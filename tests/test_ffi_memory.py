"""Tests of ``memory_address``, ``read``, ``write`` and friends (``_ffi.memory``).

Shared helpers: ffi_support.py; the ``env`` fixture: conftest.py.
"""

from __future__ import annotations

import ctypes

import pytest
import wasmtime
from ffi_support import Env

from wasm_closures._ffi import (
    OutOfBoundsError,
    memory_address,
    read,
    read_u32,
    write,
    write_u32,
)
from wasm_closures.errors import InvalidValueError

# --- memory ------------------------------------------------------------------------------------


def test_memory_address_read_write_against_public_api(env):
    memory = env["memory"]
    base, size = memory_address(env.store, memory)
    assert size == memory.data_len(env.store) == 65536
    assert base == ctypes.cast(memory.data_ptr(env.store), ctypes.c_void_p).value

    memory.write(env.store, b"\x01\x02\x03\x04\x05", 100)
    assert read(env.store, memory, 100, 5) == b"\x01\x02\x03\x04\x05"
    assert read(env.store, memory, 100, 0) == b""
    assert read_u32(env.store, memory, 100) == 0x04030201

    write_u32(env.store, memory, 200, 0xDEADBEEF)
    assert memory.read(env.store, 200, 204) == b"\xef\xbe\xad\xde"
    write_u32(env.store, memory, 204, -2)
    assert read_u32(env.store, memory, 204) == 0xFFFFFFFE
    write(env.store, memory, 65536 - 3, b"xyz")
    assert memory.read(env.store, 65533, 65536) == b"xyz"
    write_u32(env.store, memory, 65532, 1)  # the last aligned word
    assert read_u32(env.store, memory, 65532) == 1


@pytest.mark.parametrize(
    "offset, length",
    [
        (65536, 1),
        (65533, 4),
        (-1, 1),
        (0, -1),
        (0, 65537),
        (1 << 64, 1),
        (-(1 << 70), 4),
    ],
)
def test_memory_bounds(env, offset, length):
    memory = env["memory"]
    with pytest.raises(OutOfBoundsError, match="outside the memory"):
        read(env.store, memory, offset, length)
    if length >= 0:
        with pytest.raises(OutOfBoundsError):
            write(env.store, memory, offset, b"\0" * min(length, 65537))
    if length == 4:
        with pytest.raises(OutOfBoundsError):
            read_u32(env.store, memory, offset)
        with pytest.raises(OutOfBoundsError):
            write_u32(env.store, memory, offset, 1)


def test_memory_value_and_type_errors(env):
    memory = env["memory"]
    with pytest.raises(InvalidValueError):
        write_u32(env.store, memory, 0, 2**32)
    with pytest.raises(InvalidValueError):
        write_u32(env.store, memory, 0, -(2**31) - 1)
    with pytest.raises(InvalidValueError):
        read(env.store, memory, 1.0, 4)
    with pytest.raises(TypeError):
        memory_address(env.store, env["table"])


def test_memory_grow_is_seen(env):
    memory = env["memory"]
    with pytest.raises(OutOfBoundsError):
        write_u32(env.store, memory, 70000, 5)
    memory.grow(env.store, 1)
    _base, size = memory_address(env.store, memory)
    assert size == 2 * 65536
    write_u32(env.store, memory, 70000, 5)
    assert memory.read(env.store, 70000, 70004) == b"\x05\0\0\0"


def test_memory_through_a_caller(env):
    """Host functions pass their ``Caller`` as the store."""
    seen = []

    def host(caller, pointer):
        memory = caller["memory"]
        write_u32(caller, memory, pointer, 0xABCD)
        seen.append(read(caller, memory, pointer, 4))
        with pytest.raises(InvalidValueError, match="another store"):
            memory_address(caller, other_memory)

    other_memory = Env()["memory"]
    ty = wasmtime.FuncType([wasmtime.ValType.i32()], [])
    wat = """(module (import "" "host" (func $h (param i32))) (memory (export "memory") 1)
               (func (export "f") (param i32) (call $h (local.get 0))))"""
    instance = wasmtime.Instance(
        env.store,
        wasmtime.Module(env.engine, wasmtime.wat2wasm(wat)),
        [wasmtime.Func(env.store, ty, host, access_caller=True)],
    )
    exports = instance.exports(env.store)
    for _ in range(3):
        exports["f"](env.store, 8)
    assert seen == [b"\xcd\xab\0\0"] * 3
    assert read_u32(env.store, exports["memory"], 8) == 0xABCD
