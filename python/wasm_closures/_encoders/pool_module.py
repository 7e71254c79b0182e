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
  check): a call through the closure costs less. After the call the trampoline finds its
  results from the stack pointer it set, and restores the one it found: a backing function
  that leaves the stack pointer moved gets the reference's answer. ``configure(slot, i, env)``.

Layout of both: imports ``env.memory``, ``env.__indirect_function_table``,
``env.__stack_pointer`` (the WASIX module's, without the GOT entry), then for the direct kind
``env.backing`` (function 0); types 0-2 as the WASIX module, type 3 is the table kind's
``configure`` (the direct kind's is type 2); the trampolines (type 1) follow the imported
functions and ``configure`` comes last; globals ``env<i>`` and ``backing<i>`` (table kind:
1 + 2i and 2 + 2i, direct kind: ``env<i>`` = 1 + i); a declarative element segment lets
``configure`` take ``ref.func`` of each trampoline. Exports: ``configure``; with
``export_trampolines`` (the native runtime core's modules) then for each trampoline ``i`` in
order ``trampoline<i>`` (the function), ``env<i>`` and, for the table kind, ``backing<i>`` (its
globals), which the core sets directly instead of calling ``configure``. docs/spec.md, "The
pooled trampoline modules", has the layout as a table.
"""

from __future__ import annotations

from .._format import wasm as w
from .._format.binary import (
    I32,
    KIND_FUNC,
    KIND_GLOBAL,
    MAGIC_AND_VERSION,
    SEC_CODE,
    SEC_ELEMENT,
    SEC_EXPORT,
    SEC_FUNCTION,
    SEC_GLOBAL,
    SEC_IMPORT,
    SEC_TYPE,
)
from .._format.types import MemoryImport, Signature
from .._format.wasm import InstructionSink
from .._runtime import facts
from ..errors import InvalidValueError
from .trampoline import (
    BACKING_TYPE,
    STACK_POINTER_GLOBAL,
    TABLE,
    TRAMPOLINE_TYPE,
    load_results,
    spill_area_size,
    spill_arguments,
    table_and_stack_imports,
    trampoline_body,
    trampoline_types,
)

# Each trampoline's function and globals are exported too: the native runtime core installs a
# trampoline with wasmtime_global_set and wasmtime_table_set instead of calling configure.
CONFIGURE_EXPORT = facts.POOL_CONFIGURE_EXPORT
TRAMPOLINE_EXPORT, ENV_EXPORT, BACKING_EXPORT = (
    facts.POOL_TRAMPOLINE_EXPORT,
    facts.POOL_ENV_EXPORT,
    facts.POOL_BACKING_EXPORT,
)
BACKING_FUNC = 0  # the direct kind's imported backing function
_TABLE_CONFIGURE_TYPE = 3
_SLOT, _INDEX, _ENV, _BACKING = range(4)  # configure's parameters
_DIRECT_TRAMPOLINE_LOCALS = [(2, I32)]  # the stack pointer the trampoline found, the area's base


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
    sink = InstructionSink()
    for _ in range(size + 1):
        sink.block()
    sink.local_get(_INDEX).br_table(range(size), size)  # out of range: leave the outermost block and trap
    for k in range(size):
        sink.end()
        sink.local_get(_ENV).global_set(layout.env_global(k))
        if not layout.direct:
            sink.local_get(_BACKING).global_set(layout.backing_global(k))
        sink.local_get(_SLOT).ref_func(layout.trampoline(k)).table_set(TABLE).return_()
    sink.end().unreachable().end()
    return w.function_body([], sink)


def _table_trampoline_body(signature: Signature, layout: _Layout, i: int) -> bytes:
    """The WASIX module's trampoline, reading the environment and the backing function's table
    index from trampoline ``i``'s globals."""
    return trampoline_body(
        signature.params,
        signature.results,
        lambda sink: sink.global_get(layout.env_global(i)).global_get(layout.backing_global(i)),
    )


def _direct_trampoline_body(signature: Signature, env_global: int) -> bytes:
    """Spill the arguments, ``call`` the imported backing function, load the results.

    The spill area has the reference's layout (arguments at the bottom, results above them),
    just below the stack pointer the trampoline found (``saved_sp``). After the call the area's
    base is the stack pointer read again if that is where the backing function left it (every
    C function does), and ``saved_sp`` minus the frame otherwise; the stack pointer is restored
    to ``saved_sp`` either way. Checking, rather than always using ``saved_sp - frame``, keeps
    one value live across the call instead of two: Cranelift saves one register fewer, which
    the call benchmark shows.
    """
    params, results = signature.params, signature.results
    saved_sp = len(params)
    base = saved_sp + 1
    args_size = spill_area_size(params)
    frame = args_size + spill_area_size(results)
    sink = InstructionSink()
    sink.global_get(STACK_POINTER_GLOBAL).local_tee(saved_sp).i32_const(frame).i32_sub().local_tee(base)
    sink.global_set(STACK_POINTER_GLOBAL)
    spill_arguments(sink, params, base)
    sink.local_get(base)
    sink.local_get(base).i32_const(args_size).i32_add()
    sink.global_get(env_global).call(BACKING_FUNC)
    sink.global_get(STACK_POINTER_GLOBAL).local_tee(base).i32_const(frame).i32_add()
    sink.local_get(saved_sp).i32_ne().if_()  # the backing function left the stack pointer moved
    sink.local_get(saved_sp).i32_const(frame).i32_sub().local_set(base)
    sink.end()
    load_results(sink, results, base, args_size)
    sink.local_get(base).i32_const(frame).i32_add().global_set(STACK_POINTER_GLOBAL)
    sink.end()
    return w.function_body(_DIRECT_TRAMPOLINE_LOCALS, sink)


def _exports(layout: _Layout, export_trampolines: bool) -> list[bytes]:
    """``configure``, then each trampoline's function and globals (see ``trampoline_exports``)."""
    entries = [w.export_entry(CONFIGURE_EXPORT, KIND_FUNC, layout.configure)]
    for i in range(layout.size if export_trampolines else 0):
        entries.append(w.export_entry(f"{TRAMPOLINE_EXPORT}{i}", KIND_FUNC, layout.trampoline(i)))
        entries.append(w.export_entry(f"{ENV_EXPORT}{i}", KIND_GLOBAL, layout.env_global(i)))
        if not layout.direct:
            entries.append(w.export_entry(f"{BACKING_EXPORT}{i}", KIND_GLOBAL, layout.backing_global(i)))
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
    if type(size) is not int or not 1 <= size <= facts.POOL_MAX_SIZE:
        raise InvalidValueError(f"size must be an integer in 1..={facts.POOL_MAX_SIZE}, got {size!r}")
    layout = _Layout(size, direct)
    params, results = signature.params, signature.results
    imports = [w.memory_import(memory), *table_and_stack_imports()]
    types = trampoline_types(params, results)
    if direct:
        imports.append(w.import_entry(*facts.POOL_BACKING_IMPORT, KIND_FUNC, w.uleb(BACKING_TYPE)))
        configure_type = BACKING_TYPE  # (i32, i32, i32) -> (), as configure(slot, i, env) is
        trampolines = [_direct_trampoline_body(signature, layout.env_global(i)) for i in range(size)]
    else:
        types.append(w.func_type((I32,) * 4, ()))  # configure(slot, i, env, backing)
        configure_type = _TABLE_CONFIGURE_TYPE
        trampolines = [_table_trampoline_body(signature, layout, i) for i in range(size)]
    mutable_i32_zero = w.global_desc(I32, mutable=True) + bytes(InstructionSink().i32_const(0).end())
    return b"".join(
        [
            MAGIC_AND_VERSION,
            w.section(SEC_TYPE, w.vec(types)),
            w.section(SEC_IMPORT, w.vec(imports)),
            w.section(SEC_FUNCTION, w.vec([w.uleb(TRAMPOLINE_TYPE)] * size + [w.uleb(configure_type)])),
            w.section(SEC_GLOBAL, w.vec([mutable_i32_zero] * (layout.globals_per_trampoline * size))),
            w.section(SEC_EXPORT, w.vec(_exports(layout, export_trampolines))),
            w.section(
                SEC_ELEMENT, w.vec([w.declarative_func_elements(layout.trampoline(i) for i in range(size))])
            ),
            w.section(SEC_CODE, w.vec([*trampolines, _configure_body(layout)])),
        ]
    )
