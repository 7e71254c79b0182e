"""Small helpers for writing the WebAssembly binary format from Python.

They mirror the vocabulary of the format (sections, vectors, names, LEB128 integers), so the
encoders read like the layout they emit.
"""

from __future__ import annotations

from collections.abc import Iterable

from ._binary import FUNC_TYPE, KIND_MEMORY, SEC_CUSTOM
from ._types import MemoryImport, ValType

ELEM_DECLARATIVE_FUNCS = 0x03  # element segment flags: declarative, function indices
BLOCK_EMPTY = 0x40

# Opcodes.
UNREACHABLE = 0x00
BLOCK = 0x02
END = 0x0B
BR_TABLE = 0x0E
RETURN = 0x0F
CALL = 0x10
CALL_INDIRECT = 0x11
REF_FUNC = 0xD2
LOCAL_GET, LOCAL_SET, LOCAL_TEE, GLOBAL_GET, GLOBAL_SET, TABLE_GET, TABLE_SET = (
    0x20,
    0x21,
    0x22,
    0x23,
    0x24,
    0x25,
    0x26,
)
I32_CONST = 0x41
I32_ADD = 0x6A
I32_SUB = 0x6B
SIMD_PREFIX = 0xFD

# (load, store) opcodes for each value type; v128 ones follow the 0xFD prefix.
_LOAD_STORE = {
    ValType.I32: (b"\x28", b"\x36"),
    ValType.I64: (b"\x29", b"\x37"),
    ValType.F32: (b"\x2a", b"\x38"),
    ValType.F64: (b"\x2b", b"\x39"),
    ValType.V128: (b"\xfd\x00", b"\xfd\x0b"),
}


def uleb(value: int) -> bytes:
    """Unsigned LEB128."""
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def sleb(value: int) -> bytes:
    """Signed LEB128."""
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if (value == 0 and not byte & 0x40) or (value == -1 and byte & 0x40):
            out.append(byte)
            return bytes(out)
        out.append(byte | 0x80)


def i32_const(value: int) -> bytes:
    """``i32.const`` of a u32, reinterpreted as i32 the way the reference does."""
    return bytes([I32_CONST]) + sleb(value - (1 << 32) if value >= 1 << 31 else value)


def name(text: str) -> bytes:
    encoded = text.encode("utf-8")
    return uleb(len(encoded)) + encoded


def vec(items: Iterable[bytes]) -> bytes:
    items = list(items)
    return uleb(len(items)) + b"".join(items)


def section(section_id: int, payload: bytes) -> bytes:
    return bytes([section_id]) + uleb(len(payload)) + payload


def custom_section(section_name: str, payload: bytes = b"") -> bytes:
    return section(SEC_CUSTOM, name(section_name) + payload)


def func_type(params: Iterable[int], results: Iterable[int]) -> bytes:
    return bytes([FUNC_TYPE]) + vec(bytes([t]) for t in params) + vec(bytes([t]) for t in results)


def limits(minimum: int, maximum: int | None, shared: bool = False) -> bytes:
    flags = (0x01 if maximum is not None else 0) | (0x02 if shared else 0)
    out = bytes([flags]) + uleb(minimum)
    return out + uleb(maximum) if maximum is not None else out


def import_entry(module: str, field: str, kind: int, desc: bytes) -> bytes:
    return name(module) + name(field) + bytes([kind]) + desc


def memory_import(memory: MemoryImport) -> bytes:
    return import_entry("env", "memory", KIND_MEMORY, limits(memory.minimum, memory.maximum, memory.shared))


def global_desc(valtype: int, mutable: bool) -> bytes:
    return bytes([valtype, 1 if mutable else 0])


def export_entry(field: str, kind: int, index: int) -> bytes:
    return name(field) + bytes([kind]) + uleb(index)


def function_body(locals_: bytes, instructions: bytes) -> bytes:
    """One entry of the code section: its size, local declarations and instructions."""
    body = locals_ + instructions
    return uleb(len(body)) + body


def load(valtype: ValType, offset: int) -> bytes:
    """A packed (align 0) load of ``valtype`` at ``offset`` from memory 0."""
    return _LOAD_STORE[valtype][0] + b"\x00" + uleb(offset)


def store(valtype: ValType, offset: int) -> bytes:
    """A packed (align 0) store of ``valtype`` at ``offset`` into memory 0."""
    return _LOAD_STORE[valtype][1] + b"\x00" + uleb(offset)


def spill_area_size(types: Iterable[ValType]) -> int:
    """Bytes a packed run of values takes on the shadow stack, rounded up to 16."""
    total = sum(t.size for t in types)
    return (total + 15) & ~15
