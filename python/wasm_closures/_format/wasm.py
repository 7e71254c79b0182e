"""Small helpers for writing the WebAssembly binary format from Python.

They mirror the vocabulary of the format (sections, vectors, names, LEB128 integers) and, in
:class:`InstructionSink`, of its instructions, so the encoders read like the layout they emit
and like the Rust encoder (``rust/closure_module.rs``), which uses wasm-encoder.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from .binary import FUNC_TYPE, KIND_MEMORY, SEC_CUSTOM

if TYPE_CHECKING:
    from .types import MemoryImport

_ELEM_DECLARATIVE_FUNCS = 0x03  # element segment flags: declarative, function indices
_ELEMKIND_FUNCREF = 0x00
_BLOCKTYPE_EMPTY = 0x40
_SIMD_PREFIX = 0xFD


_ONE_BYTE_ULEB = tuple(bytes((value,)) for value in range(0x80))


def uleb(value: int) -> bytes:
    """Unsigned LEB128."""
    if 0 <= value < 0x80:  # most of them (indices, counts, small sizes): no loop, no new object
        return _ONE_BYTE_ULEB[value]
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


def function_body(locals_: Sequence[tuple[int, int]], instructions: InstructionSink) -> bytes:
    """One entry of the code section: its size, local declarations ``(count, value type)`` and
    instructions, as wasm-encoder's ``Function`` writes it."""
    body = vec(uleb(count) + bytes([valtype]) for count, valtype in locals_) + bytes(instructions)
    return uleb(len(body)) + body


def declarative_func_elements(functions: Iterable[int]) -> bytes:
    """A declarative element segment of function indices (lets ``ref.func`` name them)."""
    return bytes([_ELEM_DECLARATIVE_FUNCS, _ELEMKIND_FUNCREF]) + vec(uleb(f) for f in functions)


class MemArg(NamedTuple):
    """The immediate of a load or store of memory 0: ``offset`` and an alignment hint of
    ``2**align`` bytes."""

    offset: int
    align: int = 0

    def encode(self) -> bytes:
        return uleb(self.align) + uleb(self.offset)


class InstructionSink:
    """Instructions appended by methods named for them, like wasm-encoder's ``InstructionSink``.

    Every method returns the sink, so a sequence reads as one chain:
    ``sink.local_get(0).i32_const(16).i32_sub()``. ``code`` holds the encoded bytes.
    """

    def __init__(self) -> None:
        self.code = bytearray()

    def __bytes__(self) -> bytes:
        return bytes(self.code)

    def _op(self, opcode: int, *immediates: bytes) -> InstructionSink:
        self.code.append(opcode)
        for immediate in immediates:
            self.code += immediate
        return self

    def _simd(self, subopcode: int, memarg: MemArg) -> InstructionSink:
        return self._op(_SIMD_PREFIX, uleb(subopcode), memarg.encode())

    # Control instructions.
    def unreachable(self) -> InstructionSink:
        return self._op(0x00)

    def block(self) -> InstructionSink:
        """``block`` with the empty block type."""
        return self._op(0x02, bytes([_BLOCKTYPE_EMPTY]))

    def if_(self) -> InstructionSink:
        """``if`` with the empty block type."""
        return self._op(0x04, bytes([_BLOCKTYPE_EMPTY]))

    def end(self) -> InstructionSink:
        return self._op(0x0B)

    def br_table(self, targets: Sequence[int], default: int) -> InstructionSink:
        return self._op(0x0E, vec(uleb(t) for t in targets), uleb(default))

    def return_(self) -> InstructionSink:
        return self._op(0x0F)

    def call(self, function: int) -> InstructionSink:
        return self._op(0x10, uleb(function))

    def call_indirect(self, table: int, type_index: int) -> InstructionSink:
        """The arguments in wasm-encoder's order; the binary has the type index first."""
        return self._op(0x11, uleb(type_index), uleb(table))

    # Variable instructions.
    def local_get(self, local: int) -> InstructionSink:
        return self._op(0x20, uleb(local))

    def local_set(self, local: int) -> InstructionSink:
        return self._op(0x21, uleb(local))

    def local_tee(self, local: int) -> InstructionSink:
        return self._op(0x22, uleb(local))

    def global_get(self, global_index: int) -> InstructionSink:
        return self._op(0x23, uleb(global_index))

    def global_set(self, global_index: int) -> InstructionSink:
        return self._op(0x24, uleb(global_index))

    # Table and reference instructions.
    def table_get(self, table: int) -> InstructionSink:
        return self._op(0x25, uleb(table))

    def table_set(self, table: int) -> InstructionSink:
        return self._op(0x26, uleb(table))

    def ref_func(self, function: int) -> InstructionSink:
        return self._op(0xD2, uleb(function))

    # Numeric instructions.
    def i32_const(self, value: int) -> InstructionSink:
        """``i32.const``; a value of 2**31 or more is a u32, reinterpreted as i32 (as Rust's
        ``as i32`` does)."""
        return self._op(0x41, sleb(value - (1 << 32) if value >= 1 << 31 else value))

    def i32_add(self) -> InstructionSink:
        return self._op(0x6A)

    def i32_sub(self) -> InstructionSink:
        return self._op(0x6B)

    def i32_ne(self) -> InstructionSink:
        return self._op(0x47)

    # Memory instructions.
    def i32_load(self, memarg: MemArg) -> InstructionSink:
        return self._op(0x28, memarg.encode())

    def i64_load(self, memarg: MemArg) -> InstructionSink:
        return self._op(0x29, memarg.encode())

    def f32_load(self, memarg: MemArg) -> InstructionSink:
        return self._op(0x2A, memarg.encode())

    def f64_load(self, memarg: MemArg) -> InstructionSink:
        return self._op(0x2B, memarg.encode())

    def v128_load(self, memarg: MemArg) -> InstructionSink:
        return self._simd(0x00, memarg)

    def i32_store(self, memarg: MemArg) -> InstructionSink:
        return self._op(0x36, memarg.encode())

    def i64_store(self, memarg: MemArg) -> InstructionSink:
        return self._op(0x37, memarg.encode())

    def f32_store(self, memarg: MemArg) -> InstructionSink:
        return self._op(0x38, memarg.encode())

    def f64_store(self, memarg: MemArg) -> InstructionSink:
        return self._op(0x39, memarg.encode())

    def v128_store(self, memarg: MemArg) -> InstructionSink:
        return self._simd(0x0B, memarg)
