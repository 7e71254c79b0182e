"""Read what a host needs from a WebAssembly module's bytes: its imports, exports, types and
its ``dylink.0`` section; and add exports to a module.

This is the public face of three private modules: :mod:`._module_reader` (the general module
reader), :mod:`._dylink_section` (the ``dylink.0`` parser) and :mod:`._module_rewriter`. The
binary-format constants live in :mod:`._binary`; the value types and external kinds are
re-exported here.
"""

from __future__ import annotations

from ._format.binary import F32, F64, FUNCREF, I32, I64, KIND_FUNC, KIND_GLOBAL, KIND_MEMORY, KIND_TABLE, V128
from ._format.dylink_section import (
    WASM_DYLINK_EXPORT_INFO,
    WASM_DYLINK_IMPORT_INFO,
    WASM_DYLINK_MEM_INFO,
    WASM_DYLINK_NEEDED,
    WASM_SYM_BINDING_WEAK,
    WASM_SYM_TLS,
    DylinkInfo,
    MemInfo,
    parse_dylink,
)
from ._format.module_reader import (
    KIND_NAMES,
    Export,
    FuncType,
    GlobalType,
    Import,
    Limits,
    ModuleInfo,
    Section,
    TableType,
    memory_import,
    parse_module,
    read_dylink,
    valtype_name,
)
from ._format.module_rewriter import rewrite_exports
from .errors import InvalidModuleError

__all__ = [
    "F32",
    "F64",
    "FUNCREF",
    "I32",
    "I64",
    "KIND_FUNC",
    "KIND_GLOBAL",
    "KIND_MEMORY",
    "KIND_NAMES",
    "KIND_TABLE",
    "V128",
    "WASM_DYLINK_EXPORT_INFO",
    "WASM_DYLINK_IMPORT_INFO",
    "WASM_DYLINK_MEM_INFO",
    "WASM_DYLINK_NEEDED",
    "WASM_SYM_BINDING_WEAK",
    "WASM_SYM_TLS",
    "DylinkInfo",
    "Export",
    "FuncType",
    "GlobalType",
    "Import",
    "InvalidModuleError",
    "Limits",
    "MemInfo",
    "ModuleInfo",
    "Section",
    "TableType",
    "memory_import",
    "parse_dylink",
    "parse_module",
    "read_dylink",
    "rewrite_exports",
    "valtype_name",
]
