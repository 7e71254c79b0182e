"""The pooled trampoline module: many trampolines of one signature, configured at run time.

The WASIX closure module bakes the closure slot, the backing function and the environment into
its code, so every prepare needs a new module and a new instance. This module instead holds
``size`` trampolines of one signature; trampoline ``i`` reads its environment and its backing
function from the exported mutable globals ``env<i>`` and ``backing<i>``. The host compiles it
once per signature, instantiates it once per ``size`` live closures, and prepares a closure by
setting two globals and one table slot.

Layout: imports ``env.memory``, ``env.__indirect_function_table``, ``env.__stack_pointer`` (the
same as the WASIX module, without the GOT entry); types as the WASIX module (type 0 unused);
functions ``trampoline<i>`` of type 1; globals ``env<i>`` = 1 + 2i and ``backing<i>`` = 2 + 2i.
"""

from __future__ import annotations

from . import _wasm as w
from ._encode_py import table_and_stack_imports, trampoline_body, trampoline_types
from ._types import MemoryImport, Signature


def trampoline_export(index: int) -> str:
    return f"trampoline{index}"


def env_export(index: int) -> str:
    return f"env{index}"


def backing_export(index: int) -> str:
    return f"backing{index}"


def encode_pool_module(signature: Signature, memory: MemoryImport, size: int) -> bytes:
    """Encode a module of ``size`` trampolines for ``signature``."""
    params, results = list(signature.params), list(signature.results)
    imports = [w.memory_import(memory), *table_and_stack_imports()]
    mutable_i32_zero = w.global_desc(w.I32, mutable=True) + w.i32_const(0) + bytes([w.END])
    globals_ = [mutable_i32_zero] * (2 * size)
    exports = []
    bodies = []
    for i in range(size):
        env_global, backing_global = 1 + 2 * i, 2 + 2 * i
        exports += [
            w.export_entry(trampoline_export(i), w.KIND_FUNC, i),
            w.export_entry(env_export(i), w.KIND_GLOBAL, env_global),
            w.export_entry(backing_export(i), w.KIND_GLOBAL, backing_global),
        ]
        load_env_and_backing = bytes([w.GLOBAL_GET]) + w.uleb(env_global) + bytes([w.GLOBAL_GET]) + w.uleb(backing_global)
        bodies.append(trampoline_body(params, results, load_env_and_backing))
    return b"".join([
        w.MAGIC_AND_VERSION,
        w.section(w.TYPE, trampoline_types(params, results)),
        w.section(w.IMPORT, w.vec(imports)),
        w.section(w.FUNCTION, w.vec([w.uleb(1)] * size)),
        w.section(w.GLOBAL, w.vec(globals_)),
        w.section(w.EXPORT, w.vec(exports)),
        w.section(w.CODE, w.vec(bodies)),
    ])
