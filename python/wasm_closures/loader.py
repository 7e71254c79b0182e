"""Load and run a WebAssembly program that uses closures, in wasmtime-py.

:func:`load_program` takes the program's bytes (or a path), recognises its shape from the bytes,
links it with WASI preview 1 and the WASIX closure syscalls, instantiates it, and returns a
:class:`~wasm_closures._program.Program`. It runs in three steps: compile, link (instantiation
included) and relocate.

Two shapes are supported:

``"static"``
    An ordinary wasm32-wasi program (wasi-libc, linked with ``--export-table
    --export=__stack_pointer --growable-table``). It defines and exports ``memory``,
    ``__indirect_function_table`` and ``__stack_pointer``; the closure runtime binds to them
    after instantiation (or lazily, at the first syscall).

``"pie"``
    A position-independent main module (``wasm-ld --experimental-pic -pie --import-memory``)
    with a ``dylink.0`` section. It imports its memory, table, stack pointer, ``__memory_base``
    and ``__table_base`` from ``env`` and may import ``GOT.func.<sym>`` / ``GOT.mem.<sym>``.
    The loader makes them all (see :func:`load_program` for the memory layout), fills the GOT
    from the module's own exports after instantiation, then runs ``__wasm_apply_data_relocs``
    and ``__wasm_call_ctors``.

A WASI reactor (``clang -mexec-model=reactor``: it exports ``_initialize`` and no ``_start``)
is initialized while loading, by calling its ``_initialize``, so its exports can be invoked.

Two changes are made to a PIE's bytes before compiling (indices stay the same): its imported
memory is also exported as ``memory``, because wasmtime's WASI functions find the memory
through that export and lld 14 cannot export an imported memory; and when it imports GOT
entries, its start section (lld's ``__wasm_apply_data_relocs`` or ``__wasm_init_memory``,
which may read them) is removed and the start function run by hand once the GOT is filled.
lld's start function applies the data relocations, so ``__wasm_apply_data_relocs`` is only
called when the module has no start section (otherwise relocations would be applied twice).
"""

from __future__ import annotations

import contextlib
import math
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, Union, cast

import wasmtime

from . import _ffi, dylink, module_cache
from ._format.binary import PAGE_SIZE, U32_MAX, WASM32_MAX_PAGES
from ._program import Program, ProgramError
from ._runtime.facts import WASIX_MODULE
from .dylink import I32, KIND_FUNC, KIND_GLOBAL, KIND_MEMORY, KIND_TABLE, Import, ModuleInfo
from .errors import InvalidValueError, WasmClosuresError
from .module_cache import compile_module

if TYPE_CHECKING:  # the runtime is imported when a program needs one (see load_program's closures)
    from .runtime import ClosureRuntime, Memoryish

__all__ = [
    "DEFAULT_STACK_SIZE",
    "LoadError",
    "Program",
    "ProgramError",
    "default_engine",
    "load_program",
]

DEFAULT_STACK_SIZE = 256 * 1024
"""Shadow stack a PIE program gets (bytes). A static program brings its own (wasm-ld's
default is 64 KiB; change it with ``-Wl,-z,stack-size=N``)."""
MIN_STACK_SIZE = 4096
LOW_RESERVED = 1024
"""Bytes at the bottom of a PIE program's memory that nothing is placed in, so reads through a
null pointer see zeros instead of program data."""
FIRST_TABLE_INDEX = 1
"""Table index a PIE program's ``__table_base`` starts at: slot 0 stays null, so a call
through a null function pointer traps."""

DEFERRED_START_EXPORT = "__wasm_closures_deferred_start"
_WASIX_MODULE = WASIX_MODULE
_WASIX_CLOSURE_FUNCS = ("closure_allocate", "closure_prepare", "closure_free", "call_dynamic")
_WASI_MODULES = ("wasi_snapshot_preview1", "wasi_unstable")

WasmSource = Union[bytes, bytearray, memoryview, str, "os.PathLike[str]"]


class LoadError(WasmClosuresError):
    """The program cannot be loaded: it does not compile, has imports nobody provides, needs
    more memory than its declaration allows, or traps while starting (then the
    ``wasmtime.Trap`` is its ``__cause__``). A program that calls ``proc_exit`` while starting
    raises ``wasmtime.ExitTrap`` instead, which carries the exit code."""


def load_program(
    wasm: WasmSource,
    *,
    engine: wasmtime.Engine | None = None,
    argv: Sequence[str] = (),
    wasi: bool = True,
    strategy: str = "pooled",
    inherit_stdio: bool = True,
    environ: dict[str, str] | None = None,
    preopen_dirs: Sequence[tuple[str, str]] = (),
    wasi_config: wasmtime.WasiConfig | None = None,
    stack_size: int = DEFAULT_STACK_SIZE,
    closures: bool | Literal["if-imported"] = True,
    runtime_options: dict[str, Any] | None = None,
    fuel: int | None = None,
    epoch_deadline: int | None = None,
    store_limits: dict[str, int] | None = None,
    cache: bool | str | os.PathLike[str] | module_cache.DiskCache | None = None,
) -> Program:
    """Load, link and instantiate a program.

    ``wasm``: module bytes or a path. ``engine``: a ``wasmtime.Engine`` to compile with; by
    default one is made with SIMD on and, when the program's memory is shared, threads and
    shared memory on (a given engine must have those too). ``argv``: the program's argument
    vector including ``argv[0]`` (default: the file name). With ``wasi`` (the default) WASI
    preview 1 is defined through wasmtime's own implementation, stdin/stdout/stderr inherited
    from this process when ``inherit_stdio``; ``environ`` sets environment variables;
    ``preopen_dirs`` is a list of ``(host_path, guest_path)``; ``wasi_config`` replaces all of
    those. ``strategy`` and ``runtime_options`` go to the ``ClosureRuntime``; ``closures=False``
    loads without one (then the ``wasix_32v1`` imports are unresolved); ``closures="if-imported"``
    makes one only for a program that imports one of the closure syscalls (``Program.closures``
    is None for any other), as ``wasm-closures run`` does: a program without closures then does
    not pay for importing and making the runtime.

    Limits for an untrusted program, counted from the start (its start function and
    constructors included); past either one the running wasm traps (``wasmtime.Trap`` with
    ``trap_code`` ``OUT_OF_FUEL`` or ``INTERRUPT``; a ``LoadError`` while starting). ``fuel``:
    the store gets this much fuel (about one unit per wasm instruction). ``epoch_deadline``: the
    program traps once the engine's epoch has been incremented this many times after the store
    is made (see :func:`default_engine`; with ``epoch_deadline=1``, an
    :class:`~wasm_closures.epoch_timer.EpochTimer` started before this call stops the program
    even when its time is up while the program compiles). The default
    engine is then made with ``Config.consume_fuel`` / ``Config.epoch_interruption``; a given
    engine must have them. A program blocked in a host call (reading stdin) is stopped only
    when it returns to wasm. ``store_limits`` go to ``Store.set_limits`` (``memory_size``,
    ``table_elements``, ``instances``, ``tables``, ``memories``) before anything is instantiated.

    ``cache`` keeps the compiled program on disk, so that the next load of the same bytes
    with an engine of the same configuration deserializes it instead of compiling it (for
    CPython, a tenth of a second instead of seconds): ``True`` for the default directory
    (:func:`~wasm_closures.module_cache.default_program_cache_dir`,
    ``$WASM_CLOSURES_CACHE_DIR/programs``), a directory path, or a
    :class:`~wasm_closures.DiskCache` (to set its size cap; the default is 1 GiB). It has the
    pool-module disk cache's checks (see ``DiskCache``): an entry that fails one, or that
    wasmtime refuses, is compiled again. Entries are keyed by the bytes compiled, wasmtime's
    version and the engine's configuration, which is known only for the engines
    :func:`default_engine` makes (wasmtime-py cannot read a ``Config`` back): a ``cache``
    with any other ``engine`` is an ``InvalidValueError`` (turn on wasmtime's own cache,
    ``Config.cache``, for such an engine). ``Program.from_cache`` says whether the compiled
    code came from the cache. The pool modules of the program's closures have their own disk
    cache: ``runtime_options={"disk_cache": True}``.

    PIE memory layout (addresses in the program's memory): the first ``LOW_RESERVED`` (1 KiB)
    bytes are left alone; then the shadow stack of ``stack_size`` bytes (default 256 KiB;
    the stack pointer starts at its top, 16-aligned, and grows down towards the reserved
    bytes); then the program's data at ``__memory_base`` (aligned as MEM_INFO asks, at least
    16); ``Program.heap_base`` is the first 16-aligned byte after it. The memory gets enough
    pages for all of that, at least the import's minimum, and keeps the import's maximum
    (shared when the import is shared). The table gets ``__table_base`` = 1 (aligned as
    MEM_INFO asks) plus MEM_INFO's table size, no maximum unless the import has one.

    Raises :class:`LoadError` (unresolvable imports, all named; compile or link failures;
    a trap in the start function, the relocations or the constructors) or
    :class:`~wasm_closures.dylink.InvalidModuleError`; ``wasmtime.ExitTrap`` if the program
    calls ``proc_exit`` while starting.
    """
    _check_wasi_options(environ, preopen_dirs)
    data, name = _read_source(wasm)
    info = dylink.parse_module(data)
    _check_limits(stack_size, fuel, epoch_deadline)
    disk = _program_cache(cache)
    kind: Literal["pie", "static"] = (
        "pie" if (info.is_position_independent or info.memory_is_imported) else "static"
    )
    # Which imports will be defined, and how; refuse up front, naming all the missing ones.
    imports = _classify_imports(info, wasi=wasi, closures=bool(closures))
    if engine is None:
        engine = default_engine(
            info, consume_fuel=fuel is not None, epoch_interruption=epoch_deadline is not None
        )
    elif disk is not None and module_cache.engine_config(engine) is None:
        raise InvalidValueError(
            f"cache={cache!r} needs an engine made by default_engine() (or none): the configuration "
            "of another engine cannot be read back to key the cache on; use wasmtime's Config.cache for it"
        )
    elif epoch_deadline is not None and not _interrupts_at_epochs(engine):
        raise LoadError(
            f"cannot limit {name} with epoch_deadline={epoch_deadline}: the engine does not check "
            "epochs (it needs Config.epoch_interruption)"
        )
    # The start function (lld's __wasm_apply_data_relocs / __wasm_init_memory) may read GOT
    # entries, which are only known after instantiation: then it is run later, by hand.
    deferred_start = bool(imports.got_func or imports.got_mem) and info.start is not None

    module, from_cache = _compile(engine, data, info, name, deferred_start=deferred_start, disk=disk)
    store = _new_store(engine, name, fuel, epoch_deadline)
    if store_limits:
        store.set_limits(**store_limits)
    if wasi:
        store.set_wasi(
            wasi_config
            if wasi_config is not None
            else _wasi_config(argv, name, inherit_stdio, environ, preopen_dirs)
        )
    runtime = None
    if _imports_closure_syscalls(info) if closures == "if-imported" else closures:
        from .runtime import ClosureRuntime

        runtime = ClosureRuntime(store, strategy=strategy, **(runtime_options or {}))
    program, got_globals = _link(
        engine, store, module, info, name, kind, imports, wasi=wasi, runtime=runtime, stack_size=stack_size
    )
    program.from_cache = from_cache
    _relocate(program, imports, got_globals, deferred_start=deferred_start)
    return program


# -- the steps --------------------------------------------------------------------------------


def _compile(
    engine: wasmtime.Engine,
    data: bytes,
    info: ModuleInfo,
    name: str,
    *,
    deferred_start: bool,
    disk: module_cache.DiskCache | None,
) -> tuple[wasmtime.Module, bool]:
    """Compile the program, or load it from ``disk``: (the module, whether it was loaded).
    Its bytes are rewritten first when the loader needs more exports from them: an imported
    memory exported as ``memory``, and with ``deferred_start`` the start function exported as
    ``DEFERRED_START_EXPORT`` instead of run by instantiation."""
    extra_exports: list[tuple[str, int, int]] = []
    if info.memory_is_imported and info.export("memory") is None:
        # wasmtime's WASI functions find the memory through the caller's "memory" export, and
        # lld 14 cannot export an imported memory: add the export.
        extra_exports.append(("memory", KIND_MEMORY, 0))
    if extra_exports or deferred_start:
        data = dylink.rewrite_exports(
            info, extra_exports, start_as=DEFERRED_START_EXPORT if deferred_start else None
        )
    if disk is not None:
        cached = disk.load(engine, data)
        if cached is not None:
            return cached, True
    try:
        module = compile_module(engine, data)  # also after a fork
    except wasmtime.WasmtimeError as exc:
        hint = ""
        if info.uses_shared_memory:
            hint = " (the program uses shared memory: the engine needs Config.wasm_threads and Config.shared_memory)"
        raise LoadError(f"cannot compile {name}: {_message(exc)}{hint}") from exc
    if disk is not None:
        disk.store(module, data, engine)
    return module, False


def _program_cache(cache: object) -> module_cache.DiskCache | None:
    """The DiskCache ``load_program``'s ``cache`` argument names, or None for no cache."""
    if cache is None or cache is False:
        return None
    if cache is True:
        return module_cache.program_cache()
    if isinstance(cache, module_cache.DiskCache):
        return cache
    if isinstance(cache, (str, os.PathLike)):
        return module_cache.program_cache(cache)
    raise InvalidValueError(
        f"cache must be True, False, None, a directory path or a DiskCache, got {cache!r}"
    )


def _link(
    engine: wasmtime.Engine,
    store: wasmtime.Store,
    module: wasmtime.Module,
    info: ModuleInfo,
    name: str,
    kind: Literal["pie", "static"],
    imports: _Imports,
    *,
    wasi: bool,
    runtime: ClosureRuntime | None,
    stack_size: int,
) -> tuple[Program, dict[tuple[str, str], wasmtime.Global]]:
    """Define the program's imports and instantiate it: WASI, the closure syscalls and, for a
    PIE, its memory, table, stack pointer, base globals and GOT entries (zero until
    :func:`_relocate` fills them, returned by ``(module, name)``). The closure runtime binds to
    the memory, table and stack pointer: a PIE's before instantiation, a static program's own
    exports after it (when it has all three; otherwise closure syscalls answer NOTSUP)."""
    linker = wasmtime.Linker(engine)
    if wasi:
        linker.define_wasi()
    layout = None
    memory: Memoryish | None = None
    table: wasmtime.Table | None = None
    stack_pointer: wasmtime.Global | None = None
    if kind == "pie" or imports.env:
        layout = _pie_layout(info, stack_size)
        memory, table, stack_pointer = _define_pie_environment(
            engine, store, linker, name, imports.env, layout
        )
    got_globals = _define_got_entries(store, linker, imports.got_func + imports.got_mem)
    if runtime is not None:
        if memory is not None and table is not None and stack_pointer is not None:
            runtime.bind(memory, table, stack_pointer)
        runtime.define_wasix(linker)

    instance = _instantiate(store, linker, module, name)
    if kind == "static":
        memory, table, stack_pointer = _exported_environment(store, instance)
        if (
            runtime is not None
            and not runtime.bound
            and memory is not None
            and table is not None
            and stack_pointer is not None
        ):
            runtime.bind(memory, table, stack_pointer)

    program = Program(
        name=name,
        kind=kind,
        info=info,
        store=store,
        linker=linker,
        module=module,
        instance=instance,
        memory=memory,
        table=table,
        stack_pointer=stack_pointer,
        closures=runtime,
    )
    if layout is not None:
        program.memory_base, program.table_base = layout.memory_base, layout.table_base
        program.stack_low, program.stack_high = layout.stack_low, layout.stack_high
        program.heap_base = layout.heap_base
    return program, got_globals


def _relocate(
    program: Program,
    imports: _Imports,
    got_globals: dict[tuple[str, str], wasmtime.Global],
    *,
    deferred_start: bool,
) -> None:
    """Fill the GOT from the program's own exports (a function gets a new table slot, a data
    symbol its address past ``__memory_base``), then apply the data relocations (the deferred
    start function, or ``__wasm_apply_data_relocs`` when the module has no start section) and
    run the constructors: a reactor's ``_initialize``, else a PIE's ``__wasm_call_ctors``."""
    store, info, name = program.store, program.info, program.name
    exports = program.instance.exports(store)
    for imp in imports.got_func:
        func = exports[imp.name]
        assert program.table is not None
        index = program.table.grow(store, 1, func)
        got_globals[(imp.module, imp.name)].set_value(store, index)
        program.got[f"{imp.module}.{imp.name}"] = index
    for imp in imports.got_mem:
        # _classify_imports checked that the module exports an i32 global of this name.
        value = cast(wasmtime.Global, exports[imp.name]).value(store)
        address = ((program.memory_base or 0) + value) & 0xFFFF_FFFF
        got_globals[(imp.module, imp.name)].set_value(store, _signed32(address))
        program.got[f"{imp.module}.{imp.name}"] = address

    try:
        # Functions: the start function exported by rewrite_exports, or checked by _exports_nullary.
        if deferred_start:
            cast(wasmtime.Func, exports[DEFERRED_START_EXPORT])(store)
        elif info.start is None and _exports_nullary(info, "__wasm_apply_data_relocs"):
            cast(wasmtime.Func, exports["__wasm_apply_data_relocs"])(store)
        if _is_reactor(info):
            # A WASI reactor (clang -mexec-model=reactor): _initialize runs its constructors
            # (__wasm_call_ctors included) and must run before any other export, as wasmtime's
            # CLI does.
            cast(wasmtime.Func, exports["_initialize"])(store)
        elif program.kind == "pie" and _exports_nullary(info, "__wasm_call_ctors"):
            cast(wasmtime.Func, exports["__wasm_call_ctors"])(store)
    except wasmtime.ExitTrap:
        raise
    except (wasmtime.Trap, wasmtime.WasmtimeError) as exc:
        raise LoadError(
            f"{name} trapped while starting (relocations or constructors): {_message(exc)}"
        ) from exc


# -- the pieces the steps use -----------------------------------------------------------------


def _check_limits(stack_size: int, fuel: int | None, epoch_deadline: int | None) -> None:
    """:class:`InvalidValueError` naming a ``stack_size``, ``fuel`` or ``epoch_deadline`` out of range."""
    if (
        isinstance(stack_size, bool)
        or not isinstance(stack_size, int)
        or not MIN_STACK_SIZE <= stack_size <= 1 << 30
    ):
        raise InvalidValueError(
            f"stack_size must be an int in {MIN_STACK_SIZE}..=2**30 bytes, got {stack_size!r}"
        )
    for limit_name, limit in (("fuel", fuel), ("epoch_deadline", epoch_deadline)):
        if limit is not None and (
            isinstance(limit, bool) or not isinstance(limit, int) or not 0 <= limit < 1 << 64
        ):
            raise InvalidValueError(f"{limit_name} must be None or an int in 0..2**64, got {limit!r}")


def _new_store(
    engine: wasmtime.Engine, name: str, fuel: int | None, epoch_deadline: int | None
) -> wasmtime.Store:
    """A store for the program, with its fuel and epoch deadline set."""
    store = wasmtime.Store(engine)
    try:
        if fuel is not None:
            store.set_fuel(fuel)
        if epoch_deadline is not None:
            store.set_epoch_deadline(epoch_deadline)
    except wasmtime.WasmtimeError as exc:
        raise LoadError(
            f"cannot limit {name}: {_message(exc)} (the engine needs Config.consume_fuel)"
        ) from exc
    return store


_EPOCH_PROBE = '(module (func (export "probe")))'


def _interrupts_at_epochs(engine: wasmtime.Engine) -> bool:
    """Whether ``engine`` has ``Config.epoch_interruption`` (wasmtime-py cannot tell, and a
    store of an engine without it ignores its epoch deadline): a function called in a store
    whose deadline has passed traps with ``INTERRUPT`` only then."""
    store = wasmtime.Store(engine)
    with contextlib.suppress(wasmtime.WasmtimeError):  # raised when the engine counts no fuel
        store.set_fuel(1000)  # an engine that counts fuel would trap OUT_OF_FUEL instead
    store.set_epoch_deadline(0)
    probe = wasmtime.Instance(store, compile_module(engine, _EPOCH_PROBE), []).exports(store)["probe"]
    try:
        cast(wasmtime.Func, probe)(store)
    except wasmtime.Trap as trap:
        return trap.trap_code == wasmtime.TrapCode.INTERRUPT
    return False


def _define_got_entries(
    store: wasmtime.Store, linker: wasmtime.Linker, entries: list[Import]
) -> dict[tuple[str, str], wasmtime.Global]:
    """Define each GOT entry as a mutable i32 global, zero until :func:`_relocate` sets it;
    return them by ``(module, name)``."""
    got: dict[tuple[str, str], wasmtime.Global] = {}
    for imp in entries:
        glob = wasmtime.Global(store, wasmtime.GlobalType(wasmtime.ValType.i32(), True), 0)
        got[(imp.module, imp.name)] = glob
        linker.define(store, imp.module, imp.name, glob)
    return got


def _instantiate(
    store: wasmtime.Store, linker: wasmtime.Linker, module: wasmtime.Module, name: str
) -> wasmtime.Instance:
    """Instantiate the program (running its start section, if it still has one)."""
    try:
        return linker.instantiate(store, module)
    except wasmtime.ExitTrap:
        raise
    except wasmtime.Trap as exc:
        raise LoadError(f"{name} trapped in its start function: {_message(exc)}") from exc
    except wasmtime.WasmtimeError as exc:
        raise LoadError(f"cannot instantiate {name}: {_message(exc)}") from exc


def _exported_environment(
    store: wasmtime.Store, instance: wasmtime.Instance
) -> tuple[Memoryish | None, wasmtime.Table | None, wasmtime.Global | None]:
    """A static program's own memory, function table and stack pointer (None where it does
    not export one of that name and kind)."""
    exports = instance.exports(store)
    memory = exports.get("memory")
    table = exports.get("__indirect_function_table")
    stack_pointer = exports.get("__stack_pointer")
    return (
        memory if isinstance(memory, (wasmtime.Memory, wasmtime.SharedMemory)) else None,
        table if isinstance(table, wasmtime.Table) else None,
        stack_pointer if isinstance(stack_pointer, wasmtime.Global) else None,
    )


def _read_source(wasm: WasmSource) -> tuple[bytes, str]:
    if isinstance(wasm, (bytes, bytearray, memoryview)):
        return bytes(wasm), "program.wasm"
    if isinstance(wasm, (str, os.PathLike)):
        path = os.fspath(wasm)
        try:
            with open(path, "rb") as f:
                return f.read(), os.path.basename(path)
        except OSError as exc:
            raise LoadError(f"cannot read {path}: {exc.strerror or exc}") from exc
    raise InvalidValueError(f"wasm must be bytes or a path, got {type(wasm).__name__}")


def default_engine(
    info: ModuleInfo, *, consume_fuel: bool = False, epoch_interruption: bool = False
) -> wasmtime.Engine:
    """The engine :func:`load_program` makes for a program (``info`` from
    :func:`~wasm_closures.dylink.parse_module`): SIMD and bulk memory on, threads and shared
    memory on when the program's memory is shared, and fuel or epoch interruption on request.

    A shared memory also turns off signals-based traps: its out-of-bounds accesses are caught
    by explicit bounds checks instead of a fault. wasmtime 50 aborts the process on a fault in
    a shared memory that two instances of the store import (each trampoline pool imports it),
    so an embedder that makes its own engine for such a program must do the same.

    Make it yourself to interrupt a program that may not return: pass it to ``load_program``
    with ``epoch_deadline=1`` inside ``with EpochTimer(engine, seconds):``
    (:class:`~wasm_closures.epoch_timer.EpochTimer`, which keeps incrementing the epoch once
    the time is up: a single ``increment_epoch()`` before the store exists would be missed).
    """
    config = wasmtime.Config()
    config.wasm_simd = True
    config.wasm_bulk_memory = True
    if info.uses_shared_memory:
        config.wasm_threads = True
        config.shared_memory = True
        config.signals_based_traps = False  # see above: a fault here would abort the process
    config.consume_fuel = consume_fuel
    config.epoch_interruption = epoch_interruption
    engine = wasmtime.Engine(config)
    # What the disk caches key this engine's compiled code on: every setting above.
    module_cache.register_engine_config(
        engine,
        f"default_engine(simd,bulk_memory,shared_memory={info.uses_shared_memory},"
        f"consume_fuel={bool(consume_fuel)},epoch_interruption={bool(epoch_interruption)})",
    )
    return engine


def _is_utf8(text: str) -> bool:
    """Whether ``text`` encodes as UTF-8 (it may hold surrogateescape'd bytes of a file name)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _check_wasi_options(environ: dict[str, str] | None, preopen_dirs: Sequence[tuple[str, str]]) -> None:
    """Refuse what WASI would only refuse after the program compiles, naming the bad value."""
    for key, value in (environ or {}).items():
        if not isinstance(key, str) or not key or "=" in key or "\0" in key:
            raise InvalidValueError(f"environ: {key!r} is not an environment variable name")
        if not _is_utf8(key):
            raise InvalidValueError(f"environ: {key!r} is not valid UTF-8, which WASI needs")
        if not isinstance(value, str) or "\0" in value:
            raise InvalidValueError(f"environ[{key!r}]: {value!r} is not a string without NUL")
        if not _is_utf8(value):
            raise InvalidValueError(f"environ[{key!r}]: {value!r} is not valid UTF-8, which WASI needs")
    for entry in preopen_dirs:
        if not (isinstance(entry, tuple) and len(entry) == 2):
            raise InvalidValueError(f"preopen_dirs: {entry!r} is not a (host_path, guest_path) pair")
        host, guest = entry
        if not isinstance(guest, str) or not guest:
            raise InvalidValueError(f"preopen_dirs: the guest path {guest!r} is not a non-empty string")
        for what, path in (("guest", guest), ("host", host)):
            if isinstance(path, str) and not _is_utf8(path):
                raise InvalidValueError(
                    f"preopen_dirs: the {what} path {path!r} is not valid UTF-8, which WASI needs"
                )
        if not os.path.isdir(host):
            raise InvalidValueError(f"preopen_dirs: the host path {host!r} is not a directory")


def _wasi_config(
    argv: Sequence[str],
    name: str,
    inherit_stdio: bool,
    environ: dict[str, str] | None,
    preopen_dirs: Sequence[tuple[str, str]],
) -> wasmtime.WasiConfig:
    config = wasmtime.WasiConfig()
    if isinstance(argv, str):
        raise InvalidValueError("argv must be a sequence of strings, not one string")
    config.argv = list(argv) if argv else [name]
    if inherit_stdio:
        config.inherit_stdin()
        config.inherit_stdout()
        config.inherit_stderr()
    if environ:
        config.env = list(environ.items())
    for host, guest in preopen_dirs:
        config.preopen_dir(os.fspath(host), guest)
    return config


class _Imports(NamedTuple):
    """The imports the loader defines itself: ``GOT.func`` and ``GOT.mem`` entries, and the
    ``env`` ones by name."""

    got_func: list[Import]
    got_mem: list[Import]
    env: dict[str, Import]


_PIE_ENV = ("memory", "__indirect_function_table", "__stack_pointer", "__memory_base", "__table_base")


def _classify_imports(info: ModuleInfo, *, wasi: bool, closures: bool) -> _Imports:
    """Sort the program's imports into those the loader defines (``env`` and GOT entries,
    checked against what the loader can make) and those WASI or the closure syscalls provide;
    :class:`LoadError` naming every other one."""
    got_func: list[Import] = []
    got_mem: list[Import] = []
    env: dict[str, Import] = {}
    problems: list[str] = []
    expected_kind = {"memory": KIND_MEMORY, "__indirect_function_table": KIND_TABLE}
    seen_got: set[tuple[str, str]] = set()
    for imp in info.imports:
        if imp.module == "env" and imp.name in _PIE_ENV:
            want = expected_kind.get(imp.name, KIND_GLOBAL)
            if imp.kind != want:
                problems.append(f"{imp} (expected a {dylink.KIND_NAMES[want]})")
            elif want == KIND_GLOBAL and (
                imp.desc.valtype != I32 or imp.desc.mutable != (imp.name == "__stack_pointer")  # type: ignore[union-attr]
            ):
                problems.append(
                    f"{imp}: type {imp.desc}, expected {'mut ' if imp.name == '__stack_pointer' else ''}i32"
                )
            elif imp.kind == KIND_MEMORY and (imp.desc.is64 or imp.desc.page_size_log2 is not None):  # type: ignore[union-attr]
                problems.append(f"{imp}: 64-bit memories and custom page sizes are not supported")
            else:
                env[imp.name] = imp
        elif imp.module in ("GOT.func", "GOT.mem"):
            target = info.export(imp.name)
            if (imp.module, imp.name) in seen_got and imp.kind == KIND_GLOBAL:
                continue  # imported twice: one entry serves both (the linker defines a name once)
            seen_got.add((imp.module, imp.name))
            if imp.kind != KIND_GLOBAL or imp.desc.valtype != I32 or not imp.desc.mutable:  # type: ignore[union-attr]
                problems.append(f"{imp} (a GOT entry must be a mutable i32 global)")
            elif imp.module == "GOT.func":
                if target is None or target.kind != KIND_FUNC:
                    problems.append(
                        f"{imp.module}.{imp.name} (no exported function {imp.name!r} to take the address of)"
                    )
                else:
                    got_func.append(imp)
            else:
                if target is None or target.kind != KIND_GLOBAL:
                    problems.append(f"{imp.module}.{imp.name} (no exported data symbol {imp.name!r})")
                elif info.global_type(target.index).valtype != I32:
                    problems.append(f"{imp.module}.{imp.name} (export {imp.name!r} is not an i32 global)")
                else:
                    got_mem.append(imp)
        elif imp.module == _WASIX_MODULE and imp.name in _WASIX_CLOSURE_FUNCS and closures:
            continue
        elif imp.module in _WASI_MODULES and wasi and imp.kind == KIND_FUNC:
            continue  # wasmtime's WASI names the ones it lacks when instantiating
        else:
            problems.append(str(imp))
    if problems:
        raise LoadError(
            f"unresolvable imports: {'; '.join(problems)}. This loader provides env.memory, "
            f"env.__indirect_function_table, env.__stack_pointer, env.__memory_base, env.__table_base, "
            f"GOT.func/GOT.mem entries of the module's own exports, WASI preview 1"
            f"{' (disabled)' if not wasi else ''} and wasix_32v1.closure_*/call_dynamic{' (disabled)' if not closures else ''}"
        )
    if "__indirect_function_table" not in env and got_func:
        raise LoadError(
            "the program imports GOT.func entries but no env.__indirect_function_table to put them in"
        )
    return _Imports(got_func, got_mem, env)


def _imports_closure_syscalls(info: ModuleInfo) -> bool:
    return any(imp.module == _WASIX_MODULE and imp.name in _WASIX_CLOSURE_FUNCS for imp in info.imports)


def _align_up(value: int, alignment: int) -> int:
    return (value + alignment - 1) // alignment * alignment


class _PieLayout(NamedTuple):
    """Where a PIE program's pieces go (see :func:`load_program`), and the sizes they came from."""

    stack_size: int
    memory_size: int
    table_size: int
    stack_low: int
    stack_high: int
    memory_base: int
    heap_base: int
    table_base: int


def _pie_layout(info: ModuleInfo, stack_size: int) -> _PieLayout:
    """Lay out the shadow stack, the data and the table as MEM_INFO asks."""
    mem_info = info.dylink.mem_info if info.dylink is not None else None
    memory_size = mem_info.memory_size if mem_info else 0
    memory_align = 1 << (mem_info.memory_alignment if mem_info else 0)
    table_size = mem_info.table_size if mem_info else 0
    table_align = 1 << (mem_info.table_alignment if mem_info else 0)

    stack_low = LOW_RESERVED
    stack_high = _align_up(stack_low + stack_size, 16)
    memory_base = _align_up(stack_high, max(16, memory_align))
    heap_base = _align_up(memory_base + memory_size, 16)
    table_base = _align_up(FIRST_TABLE_INDEX, table_align)
    return _PieLayout(
        stack_size=stack_size,
        memory_size=memory_size,
        table_size=table_size,
        stack_low=stack_low,
        stack_high=stack_high,
        memory_base=memory_base,
        heap_base=heap_base,
        table_base=table_base,
    )


def _define_pie_environment(
    engine: wasmtime.Engine,
    store: wasmtime.Store,
    linker: wasmtime.Linker,
    name: str,
    env: dict[str, Import],
    layout: _PieLayout,
) -> tuple[Memoryish | None, wasmtime.Table | None, wasmtime.Global]:
    """Make and define the ``env`` imports the program has, laid out as ``layout`` says; return
    its memory and table (None when not imported) and its stack pointer (made even when the
    program does not import it: trampolines need one)."""
    memory: Memoryish | None = None
    mem_import = env.get("memory")
    if mem_import is not None:
        limits = mem_import.desc
        pages = max(limits.minimum, math.ceil(layout.heap_base / PAGE_SIZE))  # type: ignore[union-attr]
        maximum = limits.maximum  # type: ignore[union-attr]
        if maximum is not None and pages > maximum:
            raise LoadError(
                f"{name} declares at most {maximum} pages of memory, but its data "
                f"({layout.memory_size} bytes) and a {layout.stack_size}-byte stack need {pages}: "
                f"link with a larger --max-memory or load with a smaller stack_size"
            )
        if pages > WASM32_MAX_PAGES:
            raise LoadError(f"{name} needs {pages} pages of memory, more than 4 GiB")
        mem_type = wasmtime.MemoryType(wasmtime.Limits(pages, maximum), shared=limits.shared)  # type: ignore[union-attr]
        try:
            if limits.shared:  # type: ignore[union-attr]
                memory = wasmtime.SharedMemory(engine, mem_type)
            else:
                memory = wasmtime.Memory(store, mem_type)
        except wasmtime.WasmtimeError as exc:
            raise LoadError(f"cannot create the memory of {name}: {_message(exc)}") from exc
        linker.define(store, "env", "memory", _ffi.importable(memory))

    table: wasmtime.Table | None = None
    table_import = env.get("__indirect_function_table")
    table_min = layout.table_base + layout.table_size
    if table_min > U32_MAX:  # wasm_limits_t holds a u32: it would wrap
        raise LoadError(
            f"{name} needs {layout.table_size} table entries from table base {layout.table_base}: "
            f"{table_min} in all, more than a 32-bit table holds ({U32_MAX})"
        )
    if table_import is not None:
        tlimits = table_import.desc.limits  # type: ignore[union-attr]
        table_min = max(table_min, tlimits.minimum)
        if tlimits.maximum is not None and table_min > tlimits.maximum:
            raise LoadError(f"{name}'s table holds at most {tlimits.maximum} entries, it needs {table_min}")
        try:
            table = wasmtime.Table(
                store,
                wasmtime.TableType(wasmtime.ValType.funcref(), wasmtime.Limits(table_min, tlimits.maximum)),
                None,
            )
        except wasmtime.WasmtimeError as exc:
            raise LoadError(
                f"cannot create the table of {name} ({table_min} entries): {_message(exc)}"
            ) from exc
        linker.define(store, "env", "__indirect_function_table", table)
    elif layout.table_size:
        raise LoadError(
            f"{name} needs {layout.table_size} table entries but imports no env.__indirect_function_table"
        )

    i32 = wasmtime.ValType.i32()
    stack_pointer = wasmtime.Global(store, wasmtime.GlobalType(i32, True), layout.stack_high)
    if "__stack_pointer" in env:
        linker.define(store, "env", "__stack_pointer", stack_pointer)
    for global_name, value in (("__memory_base", layout.memory_base), ("__table_base", layout.table_base)):
        if global_name in env:
            glob = wasmtime.Global(store, wasmtime.GlobalType(i32, False), value)
            linker.define(store, "env", global_name, glob)
    return memory, table, stack_pointer


def _exports_nullary(info: ModuleInfo, name: str) -> bool:
    ty = info.export_func_type(name)
    return ty is not None and not ty.params and not ty.results


def _is_reactor(info: ModuleInfo) -> bool:
    """A WASI reactor: it exports ``_initialize () -> ()`` and no ``_start``."""
    return _exports_nullary(info, "_initialize") and info.export("_start") is None


def _signed32(value: int) -> int:
    value &= 0xFFFF_FFFF
    return value - (1 << 32) if value >= 1 << 31 else value


def _message(exc: BaseException) -> str:
    text = str(exc).strip()
    return text if len(text) < 2000 else text[:2000] + "..."
