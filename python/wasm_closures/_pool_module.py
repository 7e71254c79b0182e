"""The pooled trampoline module: many trampolines of one signature, configured at run time.

The WASIX closure module bakes the closure slot, the backing function and the environment into
its code, so every prepare needs a new module and a new instance. This module instead holds
``size`` trampolines of one signature; trampoline ``i`` reads its environment and its backing
function from the globals ``env<i>`` and ``backing<i>``. The host compiles it once per
signature, instantiates it once per ``size`` live closures, and prepares a closure with one
call of the exported ``configure(slot, i, env, backing)``, which sets trampoline ``i``'s two
globals and stores it in table slot ``slot`` (a ``br_table`` picks the trampoline). One call
into wasm is cheaper than three host-side writes, and the host keeps no wasmtime objects per
trampoline.

Layout: imports ``env.memory``, ``env.__indirect_function_table``, ``env.__stack_pointer`` (the
WASIX module's, without the GOT entry); types 0-2 as the WASIX module, type 3 is
``configure``'s ``(i32, i32, i32, i32) -> ()``; functions ``0..size-1`` are the trampolines
(type 1) and ``size`` is ``configure``; globals ``env<i>`` = 1 + 2i, ``backing<i>`` = 2 + 2i;
a declarative element segment lets ``configure`` take ``ref.func`` of each trampoline.
A ``configure`` with ``i`` outside the pool traps.
"""

from __future__ import annotations

from . import _wasm as w
from ._encode_py import table_and_stack_imports, trampoline_body, trampoline_types
from ._types import MemoryImport, Signature

CONFIGURE_EXPORT = "configure"
_CONFIGURE_TYPE = 3
_SLOT, _INDEX, _ENV, _BACKING = range(4)  # configure's parameters


def _env_global(i: int) -> int:
    return 1 + 2 * i


def _backing_global(i: int) -> int:
    return 2 + 2 * i


def _configure_body(size: int) -> bytes:
    """``br_table`` over ``size + 1`` nested blocks: block k's end runs the case for trampoline k."""
    code = bytearray(bytes([w.BLOCK, w.BLOCK_EMPTY]) * (size + 1))
    code += bytes([w.LOCAL_GET, _INDEX, w.BR_TABLE]) + w.uleb(size)
    for k in range(size):
        code += w.uleb(k)
    code += w.uleb(size)  # out of range: leave the outermost block and trap
    for k in range(size):
        code += bytes([w.END])
        code += bytes([w.LOCAL_GET, _ENV, w.GLOBAL_SET]) + w.uleb(_env_global(k))
        code += bytes([w.LOCAL_GET, _BACKING, w.GLOBAL_SET]) + w.uleb(_backing_global(k))
        code += bytes([w.LOCAL_GET, _SLOT, w.REF_FUNC]) + w.uleb(k) + bytes([w.TABLE_SET, 0, w.RETURN])
    code += bytes([w.END, w.UNREACHABLE, w.END])
    return w.function_body(b"\x00", bytes(code))


def encode_pool_module(signature: Signature, memory: MemoryImport, size: int) -> bytes:
    """Encode a module of ``size`` trampolines for ``signature``."""
    params, results = list(signature.params), list(signature.results)
    imports = [w.memory_import(memory), *table_and_stack_imports()]
    types = trampoline_types(params, results)
    types = w.uleb(4) + types[1:] + w.func_type((w.I32,) * 4, ())  # types 0-2, then configure's
    mutable_i32_zero = w.global_desc(w.I32, mutable=True) + w.i32_const(0) + bytes([w.END])
    trampolines = [
        trampoline_body(
            params, results,
            bytes([w.GLOBAL_GET]) + w.uleb(_env_global(i)) + bytes([w.GLOBAL_GET]) + w.uleb(_backing_global(i)),
        )
        for i in range(size)
    ]
    declared = bytes([w.ELEM_DECLARATIVE_FUNCS, 0x00]) + w.vec(w.uleb(i) for i in range(size))
    return b"".join([
        w.MAGIC_AND_VERSION,
        w.section(w.TYPE, types),
        w.section(w.IMPORT, w.vec(imports)),
        w.section(w.FUNCTION, w.vec([w.uleb(1)] * size + [w.uleb(_CONFIGURE_TYPE)])),
        w.section(w.GLOBAL, w.vec([mutable_i32_zero] * (2 * size))),
        w.section(w.EXPORT, w.vec([w.export_entry(CONFIGURE_EXPORT, w.KIND_FUNC, size)])),
        w.section(w.ELEMENT, w.vec([declared])),
        w.section(w.CODE, w.vec(trampolines + [_configure_body(size)])),
    ])
