"""Linear memory: a memory's address and size, bounds-checked reads and writes."""

from __future__ import annotations

import ctypes
from ctypes import byref
from typing import Any

import wasmtime

from ..errors import InvalidValueError
from ._capi import U32_MAX, OutOfBoundsError, _c, _check_i32, require
from .stores import _check_store, _store_id

__all__ = ["memory_address", "read", "read_u32", "write", "write_u32"]


def memory_address(store: Any, memory: wasmtime.Memory | wasmtime.SharedMemory) -> tuple[int, int]:
    """(base address, size in bytes) of a ``Memory`` or ``SharedMemory``, read now.

    The base of a non-shared memory can move when it grows (wasmtime's default 64-bit
    configuration reserves it in place, but do not rely on that): use the pair at once and
    read it again after anything that may have run wasm or grown the memory. The size only
    ever grows. A shared memory never moves; ``store`` is not used for it.
    """
    if _c is None:
        require()
    if isinstance(memory, wasmtime.Memory):
        handle = memory._memory
        if handle._anon_1.store_id != _store_id(store):
            _check_store(store, handle._anon_1.store_id, "the memory")
        context = store._context()
        reference = byref(handle)
        return (
            _c.wasmtime_memory_data(context, reference) or 0,
            _c.wasmtime_memory_data_size(context, reference),
        )
    if isinstance(memory, wasmtime.SharedMemory):
        pointer = memory.ptr()
        return _c.wasmtime_sharedmemory_data(pointer) or 0, _c.wasmtime_sharedmemory_data_size(pointer)
    raise TypeError(f"expected a wasmtime.Memory or SharedMemory, got {type(memory).__name__}")


def _checked_address(store: Any, memory: Any, offset: int, length: int) -> int:
    """The host address of ``memory[offset:offset+length]``, after checking the range."""
    if not (isinstance(offset, int) and isinstance(length, int)):
        raise InvalidValueError(f"offset and length must be ints, got {offset!r}, {length!r}")
    base, size = memory_address(store, memory)
    if offset < 0 or length < 0 or offset + length > size:
        raise OutOfBoundsError(
            f"memory range [{offset}, {offset}+{length}) is outside the memory of {size} bytes"
        )
    return base + offset


def read(store: Any, memory: Any, offset: int, length: int) -> bytes:
    """Copy ``length`` bytes at ``offset`` out of the memory (bounds-checked)."""
    address = _checked_address(store, memory, offset, length)
    return ctypes.string_at(address, length) if length else b""


def write(store: Any, memory: Any, offset: int, data: bytes | bytearray | memoryview) -> None:
    """Copy ``data`` into the memory at ``offset`` (bounds-checked)."""
    data = bytes(data)
    address = _checked_address(store, memory, offset, len(data))
    if data:
        ctypes.memmove(address, data, len(data))


def read_u32(store: Any, memory: Any, offset: int) -> int:
    """The little-endian u32 at ``offset`` (bounds-checked)."""
    return int.from_bytes(ctypes.string_at(_checked_address(store, memory, offset, 4), 4), "little")


def write_u32(store: Any, memory: Any, offset: int, value: int) -> None:
    """Store ``value`` (-2**31 .. 2**32-1, as its 32 bits) little-endian at ``offset``."""
    _check_i32(value, "value")
    address = _checked_address(store, memory, offset, 4)
    ctypes.memmove(address, (value & U32_MAX).to_bytes(4, "little"), 4)
