"""Read what a host needs from a WebAssembly module's bytes: its sections, types, imports,
exports, globals, memory and its ``dylink.0`` section (see :mod:`._dylink_section`).

Everything here works on the binary, never through wasmtime-py's type objects (those abort the
process on a ``v128`` in a signature). Malformed input raises :class:`InvalidModuleError` (a
``ValueError``) naming the offset and what was expected; no ``IndexError`` or ``struct.error``
escapes.
"""

from __future__ import annotations

import os
from types import SimpleNamespace
from typing import TYPE_CHECKING, NamedTuple

from ..errors import InvalidModuleError, InvalidValueError
from .binary import (
    EXTERNREF,
    F32,
    F64,
    FUNC_TYPE,
    FUNCREF,
    I32,
    I64,
    KIND_FUNC,
    KIND_GLOBAL,
    KIND_MEMORY,
    KIND_TABLE,
    KIND_TAG,
    MAGIC,
    SEC_CODE,
    SEC_CUSTOM,
    SEC_DATA,
    SEC_DATACOUNT,
    SEC_ELEMENT,
    SEC_EXPORT,
    SEC_FUNCTION,
    SEC_GLOBAL,
    SEC_IMPORT,
    SEC_MEMORY,
    SEC_START,
    SEC_TABLE,
    SEC_TAG,
    SEC_TYPE,
    V128,
    VERSION_1,
    WASM32_MAX_PAGES,
    Reader,
)
from .dylink_section import DylinkInfo, read_dylink0, read_legacy_dylink

if TYPE_CHECKING:
    from .types import MemoryImport

# The order non-custom sections must appear in (the tag section sits between memory and global).
SECTION_ORDER = {
    SEC_TYPE: 1,
    SEC_IMPORT: 2,
    SEC_FUNCTION: 3,
    SEC_TABLE: 4,
    SEC_MEMORY: 5,
    SEC_TAG: 6,
    SEC_GLOBAL: 7,
    SEC_EXPORT: 8,
    SEC_START: 9,
    SEC_ELEMENT: 10,
    SEC_DATACOUNT: 11,
    SEC_CODE: 12,
    SEC_DATA: 13,
}
_SECTION_NAMES = {
    SEC_CUSTOM: "custom",
    SEC_TYPE: "type",
    SEC_IMPORT: "import",
    SEC_FUNCTION: "function",
    SEC_TABLE: "table",
    SEC_MEMORY: "memory",
    SEC_GLOBAL: "global",
    SEC_EXPORT: "export",
    SEC_START: "start",
    SEC_ELEMENT: "element",
    SEC_CODE: "code",
    SEC_DATA: "data",
    SEC_DATACOUNT: "datacount",
    SEC_TAG: "tag",
}

KIND_NAMES = {
    KIND_FUNC: "func",
    KIND_TABLE: "table",
    KIND_MEMORY: "memory",
    KIND_GLOBAL: "global",
    KIND_TAG: "tag",
}

# Value type names, by binary code (reference types too, for messages).
_VALTYPE_NAMES = {
    I32: "i32",
    I64: "i64",
    F32: "f32",
    F64: "f64",
    V128: "v128",
    FUNCREF: "funcref",
    EXTERNREF: "externref",
    0x6E: "anyref",
    0x6D: "eqref",
    0x6C: "i31ref",
    0x6B: "structref",
    0x6A: "arrayref",
    0x69: "exnref",
    0x74: "nullexnref",
    0x73: "nullfuncref",
    0x72: "nullexternref",
    0x71: "nullref",
}
_REF_NULL, _REF = 0x63, 0x64  # (ref null ht), (ref ht): followed by a heap type (s33)


# ---------------------------------------------------------------------------------------------
# Data model


class Limits(NamedTuple):
    """Limits of a memory (in pages) or a table (in elements)."""

    minimum: int
    maximum: int | None = None
    shared: bool = False
    is64: bool = False
    page_size_log2: int | None = None


class FuncType(NamedTuple):
    """A function signature as binary value-type codes (``I32`` = 0x7F, ...)."""

    params: tuple[int, ...]
    results: tuple[int, ...]

    @property
    def numeric(self) -> bool:
        """True when every parameter and result is i32, i64, f32 or f64: the only types that
        can cross wasmtime-py's Python API (v128 and most reference types abort the process)."""
        return all(t in (I32, I64, F32, F64) for t in self.params + self.results)

    def __str__(self) -> str:
        params = ", ".join(valtype_name(t) for t in self.params)
        results = ", ".join(valtype_name(t) for t in self.results)
        return f"({params}) -> ({results})"


class TableType(NamedTuple):
    element: int
    limits: Limits


class GlobalType(NamedTuple):
    valtype: int
    mutable: bool

    def __str__(self) -> str:
        return f"{'mut ' if self.mutable else ''}{valtype_name(self.valtype)}"


ImportDesc = int | TableType | Limits | GlobalType


class Import(NamedTuple):
    """One import. ``desc`` is the type index for a function or tag, a :class:`TableType`, a
    :class:`Limits` (memory) or a :class:`GlobalType`; ``index`` is its index in its kind's
    index space."""

    module: str
    name: str
    kind: int
    desc: ImportDesc
    index: int  # type: ignore[assignment]  # the field hides tuple.index(), which nothing here calls

    @property
    def kind_name(self) -> str:
        return KIND_NAMES.get(self.kind, f"kind {self.kind}")

    def __str__(self) -> str:
        return f"{self.module}.{self.name} ({self.kind_name})"


class Export(NamedTuple):
    name: str
    kind: int
    index: int  # type: ignore[assignment]  # the field hides tuple.index(), which nothing here calls

    @property
    def kind_name(self) -> str:
        return KIND_NAMES.get(self.kind, f"kind {self.kind}")


class Section(NamedTuple):
    """One section: its id, its name if custom, and where its payload sits in the module."""

    id: int
    start: int  # offset of the id byte
    payload_start: int
    payload_end: int
    name: str | None = None  # custom sections only; the payload then starts after the name

    @property
    def id_name(self) -> str:
        return _SECTION_NAMES.get(self.id, f"unknown({self.id})")


class ModuleInfo(SimpleNamespace):
    """What :func:`parse_module` finds in a module's bytes (the reader fills it in). Equal to
    another whose attributes are equal."""

    data: bytes
    sections: list[Section]
    types: list[FuncType | None]  # None: a non-function type
    imports: list[Import]
    functions: list[int]  # type index of every defined function
    tables: list[TableType]
    memories: list[Limits]
    globals: list[GlobalType]
    exports: list[Export]
    start: int | None
    dylink: DylinkInfo | None

    def __init__(self, data: bytes = b"") -> None:  # no data: what copy and pickle make first
        super().__init__(
            data=data,
            sections=[],
            types=[],
            imports=[],
            functions=[],
            tables=[],
            memories=[],
            globals=[],
            exports=[],
            start=None,
            dylink=None,
        )

    # -- index spaces ------------------------------------------------------------------------
    def imports_of_kind(self, kind: int) -> list[Import]:
        return [imp for imp in self.imports if imp.kind == kind]

    @property
    def num_imported_funcs(self) -> int:
        return sum(1 for imp in self.imports if imp.kind == KIND_FUNC)

    @property
    def num_funcs(self) -> int:
        return self.num_imported_funcs + len(self.functions)

    def func_type(self, func_index: int) -> FuncType:
        """The signature of function ``func_index`` (imported functions come first)."""
        imported = self.imports_of_kind(KIND_FUNC)
        if 0 <= func_index < len(imported):
            type_index = imported[func_index].desc
        elif 0 <= func_index - len(imported) < len(self.functions):
            type_index = self.functions[func_index - len(imported)]
        else:
            raise InvalidModuleError(
                f"function index {func_index} is out of range (module has {self.num_funcs})"
            )
        return self._type(type_index)  # type: ignore[arg-type]

    def _type(self, type_index: int) -> FuncType:
        if not 0 <= type_index < len(self.types):
            raise InvalidModuleError(
                f"type index {type_index} is out of range (module has {len(self.types)} types)"
            )
        ty = self.types[type_index]
        if ty is None:
            raise InvalidModuleError(f"type {type_index} is not a function type")
        return ty

    def global_type(self, global_index: int) -> GlobalType:
        imported = self.imports_of_kind(KIND_GLOBAL)
        if 0 <= global_index < len(imported):
            return imported[global_index].desc  # type: ignore[return-value]
        if 0 <= global_index - len(imported) < len(self.globals):
            return self.globals[global_index - len(imported)]
        raise InvalidModuleError(f"global index {global_index} is out of range")

    # -- exports -----------------------------------------------------------------------------
    def export(self, name: str) -> Export | None:
        for exp in self.exports:
            if exp.name == name:
                return exp
        return None

    def export_func_type(self, name: str) -> FuncType | None:
        """The signature of the exported function ``name``, or None if no such function export."""
        exp = self.export(name)
        if exp is None or exp.kind != KIND_FUNC:
            return None
        return self.func_type(exp.index)

    # -- memory ------------------------------------------------------------------------------
    @property
    def memory(self) -> Limits | None:
        """Limits of memory 0, imported or defined; None when the module has no memory."""
        imported = self.imports_of_kind(KIND_MEMORY)
        if imported:
            return imported[0].desc  # type: ignore[return-value]
        return self.memories[0] if self.memories else None

    @property
    def memory_is_imported(self) -> bool:
        return bool(self.imports_of_kind(KIND_MEMORY))

    @property
    def uses_shared_memory(self) -> bool:
        mems = [imp.desc for imp in self.imports_of_kind(KIND_MEMORY)] + list(self.memories)
        return any(m.shared for m in mems)  # type: ignore[union-attr]

    @property
    def is_position_independent(self) -> bool:
        """True for a module with a ``dylink.0`` (or legacy ``dylink``) section."""
        return self.dylink is not None


# ---------------------------------------------------------------------------------------------
# Reading


class _ModuleReader(Reader):
    """A :class:`Reader` that also reads the types of the module's entities."""

    def valtype(self) -> int:
        at = self.pos
        code = self.u8()
        if code in (_REF_NULL, _REF):
            self.sleb(33)  # heap type; the module is refused by wasmtime if it is not supported
            return code
        if code not in _VALTYPE_NAMES:
            raise self.error(f"unknown value type 0x{code:02x}", at)
        return code

    def limits(self, allow_shared: bool) -> Limits:
        at = self.pos
        flags = self.u8()
        if flags & ~0x0F:
            raise self.error(f"unknown limits flags 0x{flags:02x}", at)
        has_max, shared, is64, page_size = bool(flags & 1), bool(flags & 2), bool(flags & 4), bool(flags & 8)
        if shared and not allow_shared:
            raise self.error("a table cannot be shared", at)
        bits = 64 if is64 else 32
        minimum = self.uleb(bits)
        maximum = self.uleb(bits) if has_max else None
        page_size_log2 = self.uleb() if page_size else None
        if maximum is not None and maximum < minimum:
            raise self.error(f"limits maximum {maximum} is below minimum {minimum}", at)
        return Limits(minimum, maximum, shared, is64, page_size_log2)

    def table_type(self) -> TableType:
        element = self.valtype()
        if element not in (FUNCREF, EXTERNREF, _REF_NULL, _REF) and element < 0x69:
            raise self.error(f"table element type {valtype_name(element)} is not a reference type")
        return TableType(element, self.limits(allow_shared=False))

    def global_type(self) -> GlobalType:
        valtype = self.valtype()
        at = self.pos
        mut = self.u8()
        if mut not in (0, 1):
            raise self.error(f"global mutability byte must be 0 or 1, got {mut}", at)
        return GlobalType(valtype, bool(mut))

    def const_expr(self) -> int | None:
        """Skip a constant expression up to its ``end``; return its value if it is one
        ``i32.const`` / ``i64.const``."""
        value: int | None = None
        count = 0
        while True:
            at = self.pos
            op = self.u8()
            if op == 0x0B:  # end
                return value if count == 1 else None
            count += 1
            if op == 0x41:
                value = self.sleb(32)
            elif op == 0x42:
                value = self.sleb(64)
            elif op == 0x43:
                self.take(4, "f32.const")
                value = None
            elif op == 0x44:
                self.take(8, "f64.const")
                value = None
            elif op in (0x23, 0xD2):  # global.get, ref.func
                self.uleb()
                value = None
            elif op == 0xD0:  # ref.null
                self.sleb(33)
                value = None
            elif op in (0x6A, 0x6B, 0x6C, 0x7C, 0x7D, 0x7E):  # extended-const arithmetic
                value = None
            elif op == 0xFD:  # v128.const
                sub = self.uleb()
                if sub != 12:
                    raise self.error(f"instruction 0xfd {sub} is not allowed in a constant expression", at)
                self.take(16, "v128.const")
                value = None
            elif op == 0xFB:  # GC constant instructions: not produced by C toolchains
                raise self.error("GC instructions in constant expressions are not supported", at)
            else:
                raise self.error(f"opcode 0x{op:02x} is not allowed in a constant expression", at)


def valtype_name(code: int) -> str:
    if code == _REF_NULL:
        return "(ref null ...)"
    if code == _REF:
        return "(ref ...)"
    return _VALTYPE_NAMES.get(code, f"0x{code:02x}")


def _as_bytes(wasm: bytes | bytearray | memoryview | str | os.PathLike[str]) -> bytes:
    if isinstance(wasm, (bytes, bytearray, memoryview)):
        return bytes(wasm)
    if isinstance(wasm, (str, os.PathLike)):
        with open(wasm, "rb") as f:
            return f.read()
    raise InvalidValueError(f"expected module bytes or a path, got {type(wasm).__name__}")


def parse_module(wasm: bytes | bytearray | memoryview | str | os.PathLike[str]) -> ModuleInfo:
    """Parse a module's sections, types, imports, functions, tables, memories, globals,
    exports, start function and ``dylink.0`` section. Code and data are skipped."""
    data = _as_bytes(wasm)
    if len(data) < 8 or data[:4] != MAGIC:
        raise InvalidModuleError("not a WebAssembly module: the bytes do not start with '\\0asm'")
    if data[4:8] != VERSION_1:
        if data[4:8] == b"\x0d\x00\x01\x00":
            raise InvalidModuleError("this is a WebAssembly component, not a core module")
        raise InvalidModuleError(
            f"unsupported WebAssembly binary version {data[4:8].hex()} (expected 01000000)"
        )
    info = ModuleInfo(data=data)
    r = _ModuleReader(data, 8)
    seen: dict[int, int] = {}
    last_order = 0
    while not r.at_end():
        start = r.pos
        section_id = r.u8()
        size = r.uleb()
        payload_start = r.pos
        if size > r.end - payload_start:
            raise r.error(
                f"section {_SECTION_NAMES.get(section_id, section_id)} size {size} exceeds the "
                f"{r.end - payload_start} bytes left",
                start,
            )
        payload_end = payload_start + size
        if section_id == SEC_CUSTOM:
            sub = _ModuleReader(data, payload_start, payload_end, "custom section")
            name = sub.name()
            section = Section(section_id, start, sub.pos, payload_end, name)
        else:
            if section_id not in SECTION_ORDER:
                raise r.error(f"unknown section id {section_id}", start)
            if section_id in seen:
                raise r.error(f"duplicate {_SECTION_NAMES[section_id]} section", start)
            order = SECTION_ORDER[section_id]
            if order < last_order:
                raise r.error(f"{_SECTION_NAMES[section_id]} section out of order", start)
            last_order = order
            seen[section_id] = start
            section = Section(section_id, start, payload_start, payload_end)
        info.sections.append(section)
        _parse_section(info, section)
        r.pos = payload_end
    return info


def _parse_section(info: ModuleInfo, s: Section) -> None:
    what = f"{s.id_name} section" if s.name is None else f"custom section {s.name!r}"
    r = _ModuleReader(info.data, s.payload_start, s.payload_end, what)
    if s.id == SEC_CUSTOM:
        if s.name == "dylink.0" and info.dylink is None:
            info.dylink = read_dylink0(r)
        elif s.name == "dylink" and info.dylink is None:
            info.dylink = read_legacy_dylink(r)
        return
    if s.id == SEC_TYPE:
        for _ in range(r.count("type", 3)):
            info.types.append(_read_type(r))
    elif s.id == SEC_IMPORT:
        counters = [0] * 5
        for _ in range(r.count("import", 4)):
            module = r.name()
            name = r.name()
            at = r.pos
            kind = r.u8()
            desc: ImportDesc
            if kind == KIND_FUNC:
                desc = r.uleb()
            elif kind == KIND_TABLE:
                desc = r.table_type()
            elif kind == KIND_MEMORY:
                desc = r.limits(allow_shared=True)
            elif kind == KIND_GLOBAL:
                desc = r.global_type()
            elif kind == KIND_TAG:
                r.u8()
                desc = r.uleb()
            else:
                raise r.error(f"unknown import kind {kind} for {module}.{name}", at)
            info.imports.append(Import(module, name, kind, desc, counters[kind]))
            counters[kind] += 1
    elif s.id == SEC_FUNCTION:
        info.functions = [r.uleb() for _ in range(r.count("function", 1))]
    elif s.id == SEC_TABLE:
        for _ in range(r.count("table", 2)):
            if r.pos < r.end and r.data[r.pos] == 0x40:  # table with an initializer expression
                r.u8()
                r.u8()
                table = r.table_type()
                r.const_expr()
            else:
                table = r.table_type()
            info.tables.append(table)
    elif s.id == SEC_MEMORY:
        info.memories = [r.limits(allow_shared=True) for _ in range(r.count("memory", 2))]
    elif s.id == SEC_GLOBAL:
        for _ in range(r.count("global", 3)):
            info.globals.append(r.global_type())
            r.const_expr()  # read to reach the next global; the value is not needed
    elif s.id == SEC_EXPORT:
        names = set()
        for _ in range(r.count("export", 3)):
            at = r.pos
            name = r.name()
            kind = r.u8()
            if kind not in KIND_NAMES:
                raise r.error(f"unknown export kind {kind} for {name!r}", at)
            if name in names:
                raise r.error(f"duplicate export name {name!r}", at)
            names.add(name)
            info.exports.append(Export(name, kind, r.uleb()))
    elif s.id == SEC_START:
        info.start = r.uleb()
    else:
        return  # element, code, data, datacount, tag: not needed
    if not r.at_end():
        raise r.error(f"{r.end - r.pos} unexpected bytes at the end of the section")


def _read_type(r: _ModuleReader) -> FuncType | None:
    at = r.pos
    form = r.u8()
    if form == FUNC_TYPE:
        params = tuple(r.valtype() for _ in range(r.count("parameter", 1)))
        results = tuple(r.valtype() for _ in range(r.count("result", 1)))
        return FuncType(params, results)
    raise r.error(f"type form 0x{form:02x} is not a function type (GC/recursive types are not supported)", at)


def read_dylink(wasm: bytes | bytearray | memoryview | str | os.PathLike[str]) -> DylinkInfo | None:
    """The ``dylink.0`` information of a module, or None when it has no such section."""
    return parse_module(wasm).dylink


# ---------------------------------------------------------------------------------------------
# Convenience for hosts


def memory_import(
    wasm: bytes | bytearray | memoryview | str | os.PathLike[str] | ModuleInfo,
) -> MemoryImport:
    """The :class:`MemoryImport` matching a program's memory 0 as the module declares it
    (imported or defined): its shared flag, minimum and maximum in pages.

    A trampoline importing ``env.memory`` with these limits links to the program's memory when
    that memory was made from the declaration. Raises :class:`InvalidModuleError` if the module
    has no memory, a 64-bit memory or custom page sizes.
    """
    info = wasm if isinstance(wasm, ModuleInfo) else parse_module(wasm)
    limits = info.memory
    if limits is None:
        raise InvalidModuleError("the module has no memory")
    if limits.is64 or limits.page_size_log2 is not None:
        raise InvalidModuleError("64-bit memories and custom page sizes are not supported")
    if limits.minimum > WASM32_MAX_PAGES or (
        limits.maximum is not None and limits.maximum > WASM32_MAX_PAGES
    ):
        raise InvalidModuleError(
            f"memory limits {limits.minimum}..{limits.maximum} exceed {WASM32_MAX_PAGES} pages"
        )
    from .types import MemoryImport  # only here: the run of a program does not need the type

    return MemoryImport(shared=limits.shared, minimum=limits.minimum, maximum=limits.maximum)
