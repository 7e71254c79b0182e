"""The pure-Python encoder of the WASIX closure module (the fallback backend).

It emits the module of SPEC.md byte for byte as the reference ``build_closure_wasm_bytes``
does; the Rust backend emits the same bytes (the tests compare both with the reference).
"""

from __future__ import annotations

from . import _wasm as w
from ._binary import (
    FUNCREF,
    I32,
    KIND_FUNC,
    KIND_GLOBAL,
    KIND_TABLE,
    MAGIC_AND_VERSION,
    SEC_CODE,
    SEC_EXPORT,
    SEC_FUNCTION,
    SEC_IMPORT,
    SEC_TYPE,
)
from ._types import U32_MAX, MemoryImport, ValType
from .errors import InvalidValueError

CTORS_EXPORT = "__wasm_call_ctors"

# Imports, in order: memory 0, table 0, global 0 (__stack_pointer), global 1 (GOT.func.<name>).
STACK_POINTER_GLOBAL = 0
_GOT_ENTRY = 1
BACKING_TYPE = 2


def check_u32(what: str, value: object) -> int:
    """``value`` as an int in 0..=2**32-1, or an InvalidValueError naming it."""
    if isinstance(value, int) and 0 <= value <= U32_MAX:
        return int(value)
    raise InvalidValueError(f"{what} must be an integer in 0..=4294967295 (u32), got {value!r}")


def check_export_name(value: object) -> str:
    """``value`` if it can name the trampoline's export and GOT.func import."""
    if not isinstance(value, str) or not value:
        raise InvalidValueError(f"name must be a non-empty str, got {value!r}")
    if value == CTORS_EXPORT:
        raise InvalidValueError(f"name {value!r} collides with the module's own export {CTORS_EXPORT!r}")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidValueError(f"name {value!r} is not valid UTF-8 (it holds a lone surrogate)") from None
    return value


def decode_types(what: str, codes: bytes) -> list[ValType]:
    if not isinstance(codes, (bytes, bytearray)):
        raise InvalidValueError(f"{what} must be bytes of WASIX type codes, got {codes!r}")
    try:
        return [ValType(c) for c in codes]
    except ValueError:
        bad = next(c for c in codes if c > ValType.V128)
        raise InvalidValueError(
            f"unknown value type code {bad} in {what}: expected 0 (i32), 1 (i64), 2 (f32), "
            f"3 (f64) or 4 (v128)"
        ) from None


def trampoline_body(params: list[ValType], results: list[ValType], env_and_backing: bytes) -> bytes:
    """The trampoline: spill the arguments, call the backing function, load the results.

    ``env_and_backing`` pushes the environment pointer and then the backing function's table
    index (two ``i32.const`` in the reference module).
    """
    saved_sp = len(params)
    args_base = saved_sp + 1
    results_base = saved_sp + 2
    code = bytearray()
    code += bytes([w.GLOBAL_GET, STACK_POINTER_GLOBAL, w.LOCAL_TEE]) + w.uleb(saved_sp)
    code += w.i32_const(w.spill_area_size(results)) + bytes([w.I32_SUB, w.LOCAL_TEE]) + w.uleb(results_base)
    code += w.i32_const(w.spill_area_size(params)) + bytes([w.I32_SUB, w.LOCAL_TEE]) + w.uleb(args_base)
    code += bytes([w.GLOBAL_SET, STACK_POINTER_GLOBAL])
    code += spill_arguments(params, args_base)
    code += bytes([w.LOCAL_GET]) + w.uleb(args_base) + bytes([w.LOCAL_GET]) + w.uleb(results_base)
    code += env_and_backing
    code += bytes([w.CALL_INDIRECT]) + w.uleb(BACKING_TYPE) + b"\x00"
    code += load_results(results, results_base, 0)
    code += bytes([w.LOCAL_GET]) + w.uleb(saved_sp) + bytes([w.GLOBAL_SET, STACK_POINTER_GLOBAL, w.END])
    return w.function_body(b"\x01\x03" + bytes([I32]), bytes(code))


def spill_arguments(params: list[ValType], base_local: int) -> bytes:
    """Store the trampoline's parameters, packed, from the address in local ``base_local`` up."""
    code = bytearray()
    offset = 0
    for index, valtype in enumerate(params):
        code += bytes([w.LOCAL_GET]) + w.uleb(base_local) + bytes([w.LOCAL_GET]) + w.uleb(index)
        code += w.store(valtype, offset)
        offset += valtype.size
    return bytes(code)


def load_results(results: list[ValType], base_local: int, offset: int) -> bytes:
    """Push the packed results found at the address in local ``base_local`` plus ``offset``."""
    code = bytearray()
    for valtype in results:
        code += bytes([w.LOCAL_GET]) + w.uleb(base_local) + w.load(valtype, offset)
        offset += valtype.size
    return bytes(code)


def trampoline_types(params: list[ValType], results: list[ValType]) -> bytes:
    """Types 0: () -> (), 1: the closure's signature, 2: the backing function's (i32, i32, i32) -> ()."""
    return w.vec(
        [
            w.func_type((), ()),
            w.func_type((t.wasm_code for t in params), (t.wasm_code for t in results)),
            w.func_type((I32, I32, I32), ()),
        ]
    )


def table_and_stack_imports() -> list[bytes]:
    return [
        w.import_entry("env", "__indirect_function_table", KIND_TABLE, bytes([FUNCREF]) + w.limits(1, None)),
        w.import_entry("env", "__stack_pointer", 3, w.global_desc(I32, mutable=True)),
    ]


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
    on_load = w.function_body(
        b"\x00",
        w.i32_const(closure) + bytes([w.GLOBAL_GET, _GOT_ENTRY, w.TABLE_GET, 0, w.TABLE_SET, 0, w.END]),
    )
    trampoline = trampoline_body(params, results, w.i32_const(env) + w.i32_const(backing_function))
    return b"".join(
        [
            MAGIC_AND_VERSION,
            w.custom_section("dylink.0"),
            w.section(SEC_TYPE, trampoline_types(params, results)),
            w.section(SEC_IMPORT, w.vec(imports)),
            w.section(SEC_FUNCTION, w.vec([w.uleb(0), w.uleb(1)])),
            w.section(
                SEC_EXPORT,
                w.vec(
                    [
                        w.export_entry(CTORS_EXPORT, KIND_FUNC, 0),
                        w.export_entry(name, KIND_FUNC, 1),
                    ]
                ),
            ),
            w.section(SEC_CODE, w.vec([on_load, trampoline])),
        ]
    )
