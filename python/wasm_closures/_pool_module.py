"""The pooled trampoline modules: many trampolines of one signature, configured at run time.

The WASIX closure module bakes the closure slot, the backing function and the environment into
its code, so every prepare needs a new module and a new instance. A pool module instead holds
``size`` trampolines of one signature whose environment (and backing function) are globals.
The host compiles it once per signature, instantiates it once per ``size`` live closures, and
prepares a closure with one call of the exported ``configure``, which sets the trampoline's
globals and stores it in table slot ``slot`` (a ``br_table`` picks the trampoline). One call
into wasm is cheaper than several host-side writes, and the host keeps no wasmtime objects per
trampoline. A ``configure`` with ``i`` outside the pool traps.

It comes in two kinds:

- **table** (``direct=False``): trampoline ``i`` reads the backing function's table index from
  global ``backing<i>`` and calls it with ``call_indirect``, as the reference does.
  ``configure(slot, i, env, backing)``.
- **direct** (``direct=True``): every trampoline of an instance calls the one function the
  instance imports as ``env.backing`` with a plain ``call`` (no table bounds, null or type
  check): with the next point, a call through the closure costs about 20% less. After the call the
  trampoline finds its spill area from ``__stack_pointer`` again rather than keeping it live
  across the call: the backing function restores the stack pointer, as every function of the
  C ABI does, and Cranelift then saves fewer registers. ``configure(slot, i, env)``.

Layout of both: imports ``env.memory``, ``env.__indirect_function_table``,
``env.__stack_pointer`` (the WASIX module's, without the GOT entry), then for the direct kind
``env.backing`` (function 0); types 0-2 as the WASIX module, type 3 is the table kind's
``configure`` (the direct kind's is type 2); the trampolines (type 1) follow the imported
functions and ``configure`` comes last; globals ``env<i>`` and ``backing<i>`` (table kind:
1 + 2i and 2 + 2i, direct kind: ``env<i>`` = 1 + i); a declarative element segment lets
``configure`` take ``ref.func`` of each trampoline. Exports: ``configure``; with
``export_trampolines`` (the native runtime core's modules) then for each trampoline ``i`` in
order ``trampoline<i>`` (the function), ``env<i>`` and, for the table kind, ``backing<i>`` (its
globals), which the core sets directly instead of calling ``configure``.
"""

from __future__ import annotations

from . import _wasm as w
from ._encode_py import (
    BACKING_TYPE,
    STACK_POINTER_GLOBAL,
    load_results,
    spill_arguments,
    table_and_stack_imports,
    trampoline_body,
    trampoline_types,
)
from ._types import MemoryImport, Signature

CONFIGURE_EXPORT = "configure"
# Each trampoline's function and globals are exported too: the native runtime core installs a
# trampoline with wasmtime_global_set and wasmtime_table_set instead of calling configure.
TRAMPOLINE_EXPORT, ENV_EXPORT, BACKING_EXPORT = "trampoline", "env", "backing"
BACKING_IMPORT = ("env", "backing")
_TABLE_CONFIGURE_TYPE = 3
_SLOT, _INDEX, _ENV, _BACKING = range(4)  # configure's parameters


class _Layout:
    """Function and global indices of one kind of pool module."""

    def __init__(self, size: int, direct: bool) -> None:
        self.size = size
        self.direct = direct
        self.first_trampoline = 1 if direct else 0  # the direct kind imports function 0
        self.globals_per_trampoline = 1 if direct else 2

    def trampoline(self, i: int) -> int:
        return self.first_trampoline + i

    def env_global(self, i: int) -> int:
        return 1 + self.globals_per_trampoline * i

    def backing_global(self, i: int) -> int:
        return 2 + 2 * i  # the table kind's only

    @property
    def configure(self) -> int:
        return self.first_trampoline + self.size


def _configure_body(layout: _Layout) -> bytes:
    """``br_table`` over ``size + 1`` nested blocks: block k's end runs the case for trampoline k."""
    size = layout.size
    code = bytearray(bytes([w.BLOCK, w.BLOCK_EMPTY]) * (size + 1))
    code += bytes([w.LOCAL_GET, _INDEX, w.BR_TABLE]) + w.uleb(size)
    for k in range(size):
        code += w.uleb(k)
    code += w.uleb(size)  # out of range: leave the outermost block and trap
    for k in range(size):
        code += bytes([w.END])
        code += bytes([w.LOCAL_GET, _ENV, w.GLOBAL_SET]) + w.uleb(layout.env_global(k))
        if not layout.direct:
            code += bytes([w.LOCAL_GET, _BACKING, w.GLOBAL_SET]) + w.uleb(layout.backing_global(k))
        code += bytes([w.LOCAL_GET, _SLOT, w.REF_FUNC]) + w.uleb(layout.trampoline(k))
        code += bytes([w.TABLE_SET, 0, w.RETURN])
    code += bytes([w.END, w.UNREACHABLE, w.END])
    return w.function_body(b"\x00", bytes(code))


def _direct_trampoline_body(signature: Signature, env_global: int) -> bytes:
    """Spill the arguments, ``call`` the imported backing function, load the results.

    The spill area has the reference's layout (arguments at the bottom, results above them);
    its base is the only local, and after the call it is read back from the stack pointer.
    """
    params, results = list(signature.params), list(signature.results)
    base = len(params)
    args_size = w.spill_area_size(params)
    frame = args_size + w.spill_area_size(results)
    code = bytearray()
    code += (
        bytes([w.GLOBAL_GET, STACK_POINTER_GLOBAL])
        + w.i32_const(frame)
        + bytes([w.I32_SUB, w.LOCAL_TEE])
        + w.uleb(base)
    )
    code += bytes([w.GLOBAL_SET, STACK_POINTER_GLOBAL])
    code += spill_arguments(params, base)
    code += bytes([w.LOCAL_GET]) + w.uleb(base)
    code += bytes([w.LOCAL_GET]) + w.uleb(base) + w.i32_const(args_size) + bytes([w.I32_ADD])
    code += bytes([w.GLOBAL_GET]) + w.uleb(env_global) + bytes([w.CALL, 0])
    code += bytes([w.GLOBAL_GET, STACK_POINTER_GLOBAL, w.LOCAL_SET]) + w.uleb(base)
    code += load_results(results, base, args_size)
    code += (
        bytes([w.LOCAL_GET])
        + w.uleb(base)
        + w.i32_const(frame)
        + bytes([w.I32_ADD, w.GLOBAL_SET, STACK_POINTER_GLOBAL])
    )
    code += bytes([w.END])
    return w.function_body(b"\x01\x01" + bytes([w.I32]), bytes(code))


def _exports(layout: _Layout, export_trampolines: bool) -> list[bytes]:
    """``configure``, then each trampoline's function and globals (see ``trampoline_exports``)."""
    entries = [w.export_entry(CONFIGURE_EXPORT, w.KIND_FUNC, layout.configure)]
    for i in range(layout.size if export_trampolines else 0):
        entries.append(w.export_entry(f"{TRAMPOLINE_EXPORT}{i}", w.KIND_FUNC, layout.trampoline(i)))
        entries.append(w.export_entry(f"{ENV_EXPORT}{i}", w.KIND_GLOBAL, layout.env_global(i)))
        if not layout.direct:
            entries.append(w.export_entry(f"{BACKING_EXPORT}{i}", w.KIND_GLOBAL, layout.backing_global(i)))
    return entries


def trampoline_exports(size: int, direct: bool) -> list[str]:
    """The export names of a pool module, in order: what the native core reads by index."""
    names = [CONFIGURE_EXPORT]
    for i in range(size):
        names += [f"{TRAMPOLINE_EXPORT}{i}", f"{ENV_EXPORT}{i}"] + (
            [] if direct else [f"{BACKING_EXPORT}{i}"]
        )
    return names


def encode_pool_module(
    signature: Signature, memory: MemoryImport, size: int, *, direct: bool, export_trampolines: bool = False
) -> bytes:
    """Encode a pool module of ``size`` trampolines for ``signature`` (see the module docstring).

    With ``export_trampolines`` each trampoline's function and globals are exported after
    ``configure`` (see ``trampoline_exports``).
    """
    layout = _Layout(size, direct)
    params, results = list(signature.params), list(signature.results)
    imports = [w.memory_import(memory), *table_and_stack_imports()]
    types = trampoline_types(params, results)
    if direct:
        imports.append(w.import_entry(*BACKING_IMPORT, w.KIND_FUNC, w.uleb(BACKING_TYPE)))
        configure_type = BACKING_TYPE  # (i32, i32, i32) -> (), as configure(slot, i, env) is
        trampolines: list[bytes] = [
            _direct_trampoline_body(signature, layout.env_global(i)) for i in range(size)
        ]
    else:
        types = w.uleb(4) + types[1:] + w.func_type((w.I32,) * 4, ())  # types 0-2, then configure's
        configure_type = _TABLE_CONFIGURE_TYPE
        trampolines = [
            trampoline_body(
                params,
                results,
                bytes([w.GLOBAL_GET])
                + w.uleb(layout.env_global(i))
                + bytes([w.GLOBAL_GET])
                + w.uleb(layout.backing_global(i)),
            )
            for i in range(size)
        ]
    mutable_i32_zero = w.global_desc(w.I32, mutable=True) + w.i32_const(0) + bytes([w.END])
    declared = bytes([w.ELEM_DECLARATIVE_FUNCS, 0x00]) + w.vec(
        w.uleb(layout.trampoline(i)) for i in range(size)
    )
    return b"".join(
        [
            w.MAGIC_AND_VERSION,
            w.section(w.TYPE, types),
            w.section(w.IMPORT, w.vec(imports)),
            w.section(w.FUNCTION, w.vec([w.uleb(1)] * size + [w.uleb(configure_type)])),
            w.section(w.GLOBAL, w.vec([mutable_i32_zero] * (layout.globals_per_trampoline * size))),
            w.section(w.EXPORT, w.vec(_exports(layout, export_trampolines))),
            w.section(w.ELEMENT, w.vec([declared])),
            w.section(w.CODE, w.vec([*trampolines, _configure_body(layout)])),
        ]
    )
