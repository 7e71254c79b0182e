"""The trampoline both encoders share: the WASIX closure module's (:mod:`._encode_py`) and the
pooled modules' (:mod:`._pool_module`). See docs/spec.md, "The trampoline".

A trampoline has the closure's signature. It reserves a spill area on the shadow stack (the
results' area, then the arguments' area below it), stores its arguments there packed, calls the
backing function ``backing(args_ptr, results_ptr, env)`` and loads the results back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from .._format import wasm as w
from .._format.binary import FUNCREF, I32, KIND_GLOBAL, KIND_TABLE
from .._format.types import ValType
from .._format.wasm import InstructionSink, MemArg

# Indices inside the module. Imports: memory 0, table 0, global 0 (__stack_pointer).
TABLE = 0
STACK_POINTER_GLOBAL = 0
CTORS_TYPE = 0
TRAMPOLINE_TYPE = 1
BACKING_TYPE = 2
# The backing function's parameters: args pointer, results pointer, env.
BACKING_PARAMS = (I32, I32, I32)
# The trampoline's own locals: saved stack pointer, args base, results base.
TRAMPOLINE_LOCALS = [(3, I32)]


def spill_area_size(types: Iterable[ValType]) -> int:
    """Bytes a packed run of values takes on the shadow stack, rounded up to 16."""
    total = sum(t.size for t in types)
    return (total + 15) & ~15


def trampoline_types(params: Sequence[ValType], results: Sequence[ValType]) -> list[bytes]:
    """Types 0: () -> (), 1: the closure's signature, 2: the backing function's (i32, i32, i32) -> ()."""
    return [
        w.func_type((), ()),
        w.func_type((t.wasm_code for t in params), (t.wasm_code for t in results)),
        w.func_type(BACKING_PARAMS, ()),
    ]


def table_and_stack_imports() -> list[bytes]:
    """``env.__indirect_function_table`` (funcref, at least 1 slot) and ``env.__stack_pointer``."""
    return [
        w.import_entry("env", "__indirect_function_table", KIND_TABLE, bytes([FUNCREF]) + w.limits(1, None)),
        w.import_entry("env", "__stack_pointer", KIND_GLOBAL, w.global_desc(I32, mutable=True)),
    ]


def trampoline_body(
    params: Sequence[ValType],
    results: Sequence[ValType],
    env_and_backing: Callable[[InstructionSink], object],
) -> bytes:
    """The trampoline: spill the arguments, call the backing function, load the results.

    ``env_and_backing`` pushes the environment pointer and then the backing function's table
    index (two ``i32.const`` in the WASIX closure module, two ``global.get`` in a pool).
    Locals: the parameters, then saved sp, args base, results base.
    """
    saved_sp = len(params)
    args_base = saved_sp + 1
    results_base = saved_sp + 2
    sink = InstructionSink()
    sink.global_get(STACK_POINTER_GLOBAL).local_tee(saved_sp)
    sink.i32_const(spill_area_size(results)).i32_sub().local_tee(results_base)
    sink.i32_const(spill_area_size(params)).i32_sub().local_tee(args_base)
    sink.global_set(STACK_POINTER_GLOBAL)
    spill_arguments(sink, params, args_base)
    sink.local_get(args_base).local_get(results_base)
    env_and_backing(sink)
    sink.call_indirect(TABLE, BACKING_TYPE)
    load_results(sink, results, results_base, 0)
    sink.local_get(saved_sp).global_set(STACK_POINTER_GLOBAL).end()
    return w.function_body(TRAMPOLINE_LOCALS, sink)


def spill_arguments(sink: InstructionSink, params: Sequence[ValType], base_local: int) -> None:
    """Store the trampoline's parameters, packed, from the address in local ``base_local`` up."""
    offset = 0
    for index, valtype in enumerate(params):
        sink.local_get(base_local).local_get(index)
        store(sink, valtype, offset)
        offset += valtype.size


def load_results(sink: InstructionSink, results: Sequence[ValType], base_local: int, offset: int) -> None:
    """Push the packed results found at the address in local ``base_local`` plus ``offset``."""
    for valtype in results:
        sink.local_get(base_local)
        load(sink, valtype, offset)
        offset += valtype.size


def packed(offset: int) -> MemArg:
    """A packed (align 0) access at ``offset`` of memory 0."""
    return MemArg(offset, align=0)


# The (load, store) instruction of each value type.
_LOAD_STORE = {
    ValType.I32: (InstructionSink.i32_load, InstructionSink.i32_store),
    ValType.I64: (InstructionSink.i64_load, InstructionSink.i64_store),
    ValType.F32: (InstructionSink.f32_load, InstructionSink.f32_store),
    ValType.F64: (InstructionSink.f64_load, InstructionSink.f64_store),
    ValType.V128: (InstructionSink.v128_load, InstructionSink.v128_store),
}


def store(sink: InstructionSink, valtype: ValType, offset: int) -> None:
    _LOAD_STORE[valtype][1](sink, packed(offset))


def load(sink: InstructionSink, valtype: ValType, offset: int) -> None:
    _LOAD_STORE[valtype][0](sink, packed(offset))
