"""The ``dylink.0`` custom section: what a position-independent module needs from its host.

It is specified by WebAssembly/tool-conventions ``DynamicLinking.md``: a sequence of
subsections ``(id: u8, size: u32 LEB128, payload)``:

- ``WASM_DYLINK_MEM_INFO`` = 1: memory size, memory alignment (log2), table size, table
  alignment (log2), each an unsigned LEB128;
- ``WASM_DYLINK_NEEDED`` = 2: a vector of names of shared libraries needed;
- ``WASM_DYLINK_EXPORT_INFO`` = 3: a vector of ``(name, flags)``;
- ``WASM_DYLINK_IMPORT_INFO`` = 4: a vector of ``(module, field, flags)``.

The older ``dylink`` section (LLVM before 13) holds the four MEM_INFO numbers followed by the
needed vector, without subsections; it is read too.
"""

from __future__ import annotations

from typing import NamedTuple

from .binary import Reader

# dylink.0 subsections.
WASM_DYLINK_MEM_INFO = 1
WASM_DYLINK_NEEDED = 2
WASM_DYLINK_EXPORT_INFO = 3
WASM_DYLINK_IMPORT_INFO = 4

# Symbol flags used in EXPORT_INFO / IMPORT_INFO (tool-conventions Linking.md).
WASM_SYM_BINDING_WEAK = 0x1
WASM_SYM_TLS = 0x100


class MemInfo(NamedTuple):
    """``WASM_DYLINK_MEM_INFO``: the memory and table space a position-independent module needs.
    Alignments are log2 values, as in the section."""

    memory_size: int
    memory_alignment: int
    table_size: int
    table_alignment: int


class DylinkInfo(NamedTuple):
    """The content of a ``dylink.0`` (or legacy ``dylink``) section."""

    mem_info: MemInfo | None = None
    needed: tuple[str, ...] = ()
    export_info: tuple[tuple[str, int], ...] = ()
    import_info: tuple[tuple[str, str, int], ...] = ()
    legacy: bool = False


# ---------------------------------------------------------------------------------------------
# Reading


def read_dylink0(r: Reader) -> DylinkInfo:
    """The ``dylink.0`` section whose payload ``r`` holds; unknown subsections are skipped."""
    mem_info: MemInfo | None = None
    needed: list[str] = []
    export_info: list[tuple[str, int]] = []
    import_info: list[tuple[str, str, int]] = []
    while not r.at_end():
        at = r.pos
        kind = r.u8()
        size = r.uleb()
        if size > r.end - r.pos:
            raise r.error(f"subsection {kind} size {size} exceeds the {r.end - r.pos} bytes left", at)
        sub = Reader(r.data, r.pos, r.pos + size, f"dylink.0 subsection {kind}")
        r.pos += size
        if kind == WASM_DYLINK_MEM_INFO:
            if mem_info is not None:
                raise sub.error("duplicate MEM_INFO subsection", at)
            mem_info = _read_mem_info(sub)
        elif kind == WASM_DYLINK_NEEDED:
            needed += [sub.name() for _ in range(sub.count("needed", 1))]
        elif kind == WASM_DYLINK_EXPORT_INFO:
            for _ in range(sub.count("export info", 2)):
                export_info.append((sub.name(), sub.uleb()))
        elif kind == WASM_DYLINK_IMPORT_INFO:
            for _ in range(sub.count("import info", 3)):
                import_info.append((sub.name(), sub.name(), sub.uleb()))
        else:
            continue  # unknown subsections are skipped, as the conventions ask
        if not sub.at_end():
            raise sub.error(f"{sub.end - sub.pos} unexpected bytes at the end of the subsection")
    return DylinkInfo(mem_info, tuple(needed), tuple(export_info), tuple(import_info))


def _read_mem_info(r: Reader) -> MemInfo:
    memory_size, memory_alignment, table_size, table_alignment = (r.uleb() for _ in range(4))
    for what, value in (("memory alignment", memory_alignment), ("table alignment", table_alignment)):
        if value > 31:
            raise r.error(f"{what} 2**{value} is too large")
    return MemInfo(memory_size, memory_alignment, table_size, table_alignment)


def read_legacy_dylink(r: Reader) -> DylinkInfo:
    """The legacy ``dylink`` section whose payload ``r`` holds."""
    mem_info = _read_mem_info(r)
    needed = tuple(r.name() for _ in range(r.count("needed", 1)))
    if not r.at_end():
        raise r.error(f"{r.end - r.pos} unexpected bytes at the end of the section")
    return DylinkInfo(mem_info, needed, legacy=True)


def parse_dylink(payload: bytes, *, legacy: bool = False) -> DylinkInfo:
    """Parse the payload of a ``dylink.0`` custom section (the bytes after its name)."""
    r = Reader(bytes(payload), 0, None, "dylink section" if legacy else "dylink.0 section")
    return read_legacy_dylink(r) if legacy else read_dylink0(r)
