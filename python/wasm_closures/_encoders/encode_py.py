"""The pure-Python encoder of the WASIX closure module (the fallback backend).

It emits the module of docs/spec.md byte for byte as the reference ``build_closure_wasm_bytes``
does; the Rust backend emits the same bytes (the tests compare both with the reference).
"""

from __future__ import annotations

from .._format import wasm as w
from .._format.binary import (
    I32,
    KIND_FUNC,
    KIND_GLOBAL,
    MAGIC_AND_VERSION,
    SEC_CODE,
    SEC_EXPORT,
    SEC_FUNCTION,
    SEC_IMPORT,
    SEC_TYPE,
)
from .._format.types import CTORS_EXPORT, MemoryImport, check_export_name, check_u32, decode_types
from .._format.wasm import InstructionSink
from .trampoline import (
    CTORS_TYPE,
    TABLE,
    TRAMPOLINE_TYPE,
    table_and_stack_imports,
    trampoline_body,
    trampoline_types,
)

# Imports, in order: memory 0, table 0, global 0 (__stack_pointer), global 1 (GOT.func.<name>).
GOT_ENTRY = 1
CTORS_FUNC = 0
TRAMPOLINE_FUNC = 1


def encode(
    name: str,
    closure: int,
    backing_function: int,
    env: int,
    param_codes: bytes,
    result_codes: bytes,
    shared: bool,
    minimum: int,
    maximum: int | None,
) -> bytes:
    """Encode the WASIX closure module; the same contract as ``_native.encode``."""
    name = check_export_name(name)
    closure = check_u32("closure", closure)
    backing_function = check_u32("backing_function", backing_function)
    env = check_u32("env", env)
    params = decode_types("params", param_codes)
    results = decode_types("results", result_codes)
    memory = MemoryImport(shared, minimum, maximum)

    imports = [w.memory_import(memory), *table_and_stack_imports()]
    imports.append(w.import_entry("GOT.func", name, KIND_GLOBAL, w.global_desc(I32, mutable=True)))
    # __wasm_call_ctors: table[closure] = table[GOT.func.<name>].
    ctors = InstructionSink().i32_const(closure).global_get(GOT_ENTRY).table_get(TABLE).table_set(TABLE).end()
    trampoline = trampoline_body(
        params, results, lambda sink: sink.i32_const(env).i32_const(backing_function)
    )
    return b"".join(
        [
            MAGIC_AND_VERSION,
            w.custom_section("dylink.0"),
            w.section(SEC_TYPE, w.vec(trampoline_types(params, results))),
            w.section(SEC_IMPORT, w.vec(imports)),
            w.section(SEC_FUNCTION, w.vec([w.uleb(CTORS_TYPE), w.uleb(TRAMPOLINE_TYPE)])),
            w.section(
                SEC_EXPORT,
                w.vec(
                    [
                        w.export_entry(CTORS_EXPORT, KIND_FUNC, CTORS_FUNC),
                        w.export_entry(name, KIND_FUNC, TRAMPOLINE_FUNC),
                    ]
                ),
            ),
            w.section(SEC_CODE, w.vec([w.function_body([], ctors), trampoline])),
        ]
    )
