"""``ClosureRuntime``: closures in one running wasmtime program.

A runtime is bound to one ``wasmtime.Store`` and to the program's linear memory, its
``__indirect_function_table`` and its ``__stack_pointer``. It hands out table slots
(``allocate``), installs trampolines in them (``prepare``) and takes them back (``free``),
with the semantics of the WASIX ``closure_*`` syscalls, which ``define_wasix`` exposes to the
guest.

Two runtimes implement these semantics. The native core (``wasm_closures._native``, Rust)
keeps the warm state (slots, free list, pooled trampolines, signatures, checked backing
functions, counters) and runs allocate, prepare, free and the syscalls with wasmtime's C API;
it calls back into this module only for cold work (a new signature or pool instance, binding,
the first type check of a backing function). The pure-Python runtime below is the fallback,
and serves the module strategy (see ``_runtime.backend``), whose ``call_dynamic`` a native
core serves all the same when it can.
"""

from __future__ import annotations

import bisect
import os
import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import wasmtime

from . import _ffi
from ._format.binary import U32_MAX
from ._format.types import MemoryImport, Signature, SignatureLike, ValType, as_signature, check_u32
from ._runtime import backend as _runtime_backend
from ._runtime.atomic import atomically
from ._runtime.choices import STRATEGIES
from ._runtime.cold_path import NativeColdPath
from ._runtime.facts import CHECKED_BACKING_CACHE_SIZE, DEFAULT_MAX_CLOSURES, MESSAGES, TABLE_CHUNK
from ._runtime.strategies import DEFAULT_COMPILE_BUDGET, CompileBudget, ModuleStrategy, PooledStrategy
from ._runtime.wasix import define_closure_syscalls
from .errors import ClosureError, Errno, InvalidValueError
from .module_cache import DiskCache, ModuleCache, module_cache_for

if TYPE_CHECKING:
    from ._native import RuntimeCore

_RUNTIMES_ATTRIBUTE = "_wasm_closures_runtimes"  # on a Store: the runtimes its syscalls use
BACKING_TYPE_CODES = (b"\x00\x00\x00", b"")  # (i32, i32, i32) -> ()
PROGRAM_EXPORTS = ("memory", "__indirect_function_table", "__stack_pointer")
Memoryish = wasmtime.Memory | wasmtime.SharedMemory
# What both runtimes say once the store was closed.
CLOSED_STORE_MESSAGE = MESSAGES["STORE_CLOSED"]


_TEXT_SIGNATURES: dict[str, Signature] = {}
_TEXT_SIGNATURES_SIZE = 1024


def _signature_of(value: SignatureLike) -> Signature:
    """``as_signature(value)``, with text parsed once: ``"(i32) -> i32"`` is cached."""
    if type(value) is not str:
        return as_signature(value)
    signature = _TEXT_SIGNATURES.get(value)
    if signature is None:
        signature = as_signature(value)
        if len(_TEXT_SIGNATURES) >= _TEXT_SIGNATURES_SIZE:
            _TEXT_SIGNATURES.clear()
        _TEXT_SIGNATURES[value] = signature
    return signature


@dataclass
class RuntimeStats:
    """Counts of what a runtime did, for tests and tuning."""

    allocations: int = 0
    prepares: int = 0
    frees: int = 0
    instantiations: int = 0
    live: int = 0


class ClosureRuntime:
    """Closures for the program running in ``store``.

    ``memory``, ``table`` and ``stack_pointer`` are the program's; pass them here or later to
    :meth:`bind` (a static program exports them only once instantiated; a runtime defined into
    a linker with :meth:`define_wasix` also binds itself from the caller's exports at the first
    syscall). ``strategy`` is ``"pooled"`` (the default: no compilation or instantiation on a
    warm prepare) or ``"module"`` (the WASIX reference: a new module per prepare).
    ``disk_cache`` keeps compiled pool modules across processes: ``True`` for the default
    directory, a path, or a :class:`~wasm_closures.DiskCache` (to set its size cap). A
    directory that other users could write to is not used (a ``DiskCacheWarning``; see
    ``DiskCache``), and any entry that fails a check is compiled again.

    ``max_signatures`` bounds the distinct signatures the pooled strategy compiles a module
    for, and ``compile_budget`` the trampoline code a guest can make the runtime compile in
    all: a trampoline weighs its parameters plus its results plus 8
    (``_strategies.trampoline_weight``); every pool module the runtime obtains (and, for the
    module strategy, every prepare) spends ``trampolines * weight``, and past the budget a
    prepare that needs a new module fails with NOMEM. On the Python runtime, each signature
    ``call_dynamic`` first calls spends one trampoline's weight too (its caller module), and
    past the budget a new signature is NOMEM. The default (500,000) keeps a hostile
    guest to about half a minute of host CPU; a program with a few dozen ordinary signatures
    spends a few thousand. A pool module weighs at most 4,096, so wide signatures get smaller
    pools (``pool_sizes`` is an upper bound).

    ``max_closures`` caps the closures live at once (allocated and not yet freed): past it,
    ``allocate`` is NOMEM. The default, 1,048,576, costs the host at most about 64 MiB on the
    native core for slots only allocated (under 64 bytes each, the table's slot included).
    Prepared closures also need trampolines, which the store's instance limit bounds first:
    with wasmtime's default of 10,000 instances, a pool instance holding at most 64, a store
    reaches its limit (NOMEM) below about 640,000 prepared closures.

    ``direct_backing_calls`` (pooled strategy): a closure whose backing function is one of the
    program's functions (not a slot this runtime allocates) calls that function directly,
    about 15% cheaper per call than through the table. The function is the one in the
    backing slot when the closure is prepared; a program that later puts another function in
    that slot must prepare its closures again to call it. ``False`` looks the slot up at every
    call, as the reference (and the module strategy) does. Direct trampolines of one function
    cannot serve another, so their pool instances are budgeted: past
    ``max_direct_instances`` (each holds 1, 8 or 64 trampolines), closures call through the table.

    ``pool_sizes``: the trampolines of a pool's first instance, its second, ...; the last size
    repeats. The default starts with 1 so that the first closure of a signature compiles (or
    loads from the disk cache) one small module: about 1 ms instead of 3-5 ms for 8.

    Threads: the runtime runs one thread's operation at a time, its cold work included (the
    native core's operation lock, the Python runtime's lock), so several threads may share it, but
    wasmtime requires that a store is used by one thread at a time: do not call the runtime
    while wasm runs in its store on another thread (the syscalls, which run on the thread
    running wasm, are always safe). Stores of one engine share its module cache, which is
    locked.

    ``backend`` says which runtime serves this one: ``"native"`` (the Rust core, the default
    for the pooled strategy when the extension is built) or ``"python"`` (with
    ``WASM_CLOSURES_BACKEND=python``, for the module strategy, or when the core cannot serve;
    ``backend_reason`` says why). A module-strategy runtime's ``call_dynamic`` is the native
    core's whenever the core could serve. That variable may also be ``rust`` or ``native``, which ask
    for the core; any other value is an InvalidValueError naming it. Both runtimes have the
    same semantics and errors. Once the store is closed, every operation that needs it raises
    ``ClosureError`` (NOTSUP).
    """

    def __init__(
        self,
        store: wasmtime.Store,
        memory: Memoryish | None = None,
        table: wasmtime.Table | None = None,
        stack_pointer: wasmtime.Global | None = None,
        *,
        strategy: str = "pooled",
        disk_cache: bool | str | Path | DiskCache | None = None,
        pool_sizes: tuple[int, ...] = (1, 8, 64),
        max_signatures: int = 1024,
        direct_backing_calls: bool = True,
        max_direct_instances: int = 1024,
        compile_budget: int = DEFAULT_COMPILE_BUDGET,
        max_closures: int = DEFAULT_MAX_CLOSURES,
    ) -> None:
        _ffi.require()  # the hot paths go through wasmtime's C API; say why if they cannot
        if not isinstance(store, wasmtime.Store):
            raise InvalidValueError(f"store must be a wasmtime.Store, got {store!r}")
        try:
            context, store_id = _ffi.context_address(store), _ffi.store_id(store)
        except ValueError:  # wasmtime-py's "already closed"
            raise ClosureError(f"the wasmtime.Store given ({store!r}) is closed", Errno.NOTSUP) from None
        if strategy not in STRATEGIES:
            raise InvalidValueError(f"strategy must be one of {STRATEGIES}, got {strategy!r}")
        if (
            not isinstance(pool_sizes, tuple)
            or not pool_sizes
            or any(isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= 4096 for n in pool_sizes)
        ):
            raise InvalidValueError(
                f"pool_sizes must be a non-empty tuple of ints in 1..=4096, got {pool_sizes!r}"
            )
        if isinstance(max_signatures, bool) or not isinstance(max_signatures, int) or max_signatures < 1:
            raise InvalidValueError(f"max_signatures must be a positive int, got {max_signatures!r}")
        if (
            isinstance(max_direct_instances, bool)
            or not isinstance(max_direct_instances, int)
            or max_direct_instances < 0
        ):
            raise InvalidValueError(
                f"max_direct_instances must be a non-negative int, got {max_direct_instances!r}"
            )
        if isinstance(compile_budget, bool) or not isinstance(compile_budget, int) or compile_budget < 1:
            raise InvalidValueError(f"compile_budget must be a positive int, got {compile_budget!r}")
        if (
            isinstance(max_closures, bool)
            or not isinstance(max_closures, int)
            or not 0 <= max_closures <= U32_MAX
        ):
            raise InvalidValueError(f"max_closures must be an int in 0..=2**32-1, got {max_closures!r}")
        self.max_closures = max_closures
        if not isinstance(direct_backing_calls, bool):
            raise InvalidValueError(
                f"direct_backing_calls must be True or False, got {direct_backing_calls!r}"
            )
        if not isinstance(disk_cache, (bool, str, os.PathLike, DiskCache)) and disk_cache is not None:
            raise InvalidValueError(
                f"disk_cache must be True, False, None, a directory path or a DiskCache, got {disk_cache!r}"
            )
        self.store = store
        self.module_cache: ModuleCache = module_cache_for(store.engine)
        disk: DiskCache | None = None
        if isinstance(disk_cache, DiskCache):
            disk = disk_cache
        elif disk_cache is True:
            disk = DiskCache()
        elif disk_cache is not None and disk_cache is not False:
            disk = DiskCache(disk_cache)
        budget = CompileBudget(compile_budget)
        if strategy == "pooled":
            self._strategy: PooledStrategy | ModuleStrategy = PooledStrategy(
                store, self.module_cache, disk, budget, pool_sizes, max_signatures, max_direct_instances
            )
        else:
            self._strategy = ModuleStrategy(store, self.module_cache, disk, budget)
        self._direct_backing_calls = direct_backing_calls and strategy == "pooled"
        self._lock = threading.RLock()
        _RUNTIMES.add(self)  # its lock is made anew in a forked child
        self._table: _ffi.FastTable | None = None
        self._free_slots: list[int] = []
        self._drop_last_free_slot = partial(self._free_slots.__delitem__, -1)
        # First slots of the runs of TABLE_CHUNK slots allocate added to the table, ascending:
        # the slots whose function this runtime changes.
        self._chunk_starts: list[int] = []
        # Slots handed out by allocate, each with the trampoline handle installed in it (None
        # until prepared, and always None for the module strategy).
        self._live: dict[int, object] = {}
        self._stats = RuntimeStats()
        # Backing functions already type-checked: table index -> identity of the function.
        self._checked_backing: dict[int, bytes] = {}
        # Set just before wasmtime deletes the store, whose context then dangles.
        self._store_closed = threading.Event()
        self._core_closed_flag: Any = None
        # Held weakly by the store: a dropped runtime leaves nothing on it.
        _ffi.on_store_close(store, self._mark_store_closed)
        self.backend, self.backend_reason = _runtime_backend.selected()
        # The native core that serves call_dynamic: the runtime's own core; for the module
        # strategy, whose closures run in Python, a core that serves call_dynamic alone.
        self._call_dynamic_core: RuntimeCore | None = None
        if self.backend == "native":
            from . import _native  # importable: the native backend serves

            # The core asks this object for its cold work (see _runtime.cold_path), and holds it weakly.
            self._cold_path = NativeColdPath(self)
            self._call_dynamic_core = _native.RuntimeCore(
                self._cold_path, context, store_id, self._direct_backing_calls, max_closures
            )
            # A collected runtime frees its core, whose syscalls then answer NOTSUP.
            self._core_closed_flag = self._call_dynamic_core.store_closed_flag()
        if self.backend == "native" and strategy != "pooled":
            self.backend, self.backend_reason = "python", "the module strategy runs in Python"
        # The core that serves allocate, prepare, free and the closure syscalls too.
        self._core: RuntimeCore | None = self._call_dynamic_core if self.backend == "native" else None
        if self._core is not None:
            # The hot paths go straight into Rust, with no Python frame per call, unless a
            # subclass overrides them (its override reaches the core through the methods below).
            for name in ("allocate", "prepare", "free"):
                if getattr(type(self), name) is getattr(ClosureRuntime, name):
                    setattr(self, name, getattr(self._core, name))
        if memory is not None or table is not None or stack_pointer is not None:
            self.bind(memory, table, stack_pointer)  # type: ignore[arg-type]

    def _mark_store_closed(self) -> None:
        """Run just before wasmtime deletes the store: from then on nothing may use it."""
        self._store_closed.set()
        if self._core_closed_flag is not None:
            self._core_closed_flag()

    @property
    def strategy(self) -> str:
        return self._strategy.name

    @property
    def direct_backing_calls(self) -> bool:
        """Whether pooled closures call program functions directly (see the class docstring)."""
        return self._direct_backing_calls

    @property
    def memory_import(self) -> MemoryImport:
        """The ``env.memory`` import of the trampoline modules, matched to the program's memory."""
        return self._strategy.memory_import

    @property
    def bound(self) -> bool:
        """Whether the runtime knows the program's memory, table and stack pointer."""
        if self._core is not None:
            return self._core.is_bound()
        return self._table is not None

    @property
    def stats(self) -> RuntimeStats:
        """A snapshot of the counters."""
        if self._core is not None:
            allocations, prepares, frees, live = self._core.stats()
            return RuntimeStats(allocations, prepares, frees, self._strategy.instantiations, live)
        with self._lock:
            s = self._stats
            return RuntimeStats(
                s.allocations, s.prepares, s.frees, self._strategy.instantiations, len(self._live)
            )

    def bind(self, memory: Memoryish, table: wasmtime.Table, stack_pointer: wasmtime.Global) -> None:
        """Attach the program's memory, indirect function table and stack pointer."""
        if not isinstance(memory, (wasmtime.Memory, wasmtime.SharedMemory)):
            raise ClosureError(
                f"memory must be a wasmtime Memory or SharedMemory, got {memory!r}", Errno.NOTSUP
            )
        if not isinstance(table, wasmtime.Table):
            raise ClosureError(f"table must be the program's wasmtime.Table, got {table!r}", Errno.NOTSUP)
        if not isinstance(stack_pointer, wasmtime.Global):
            raise ClosureError(
                f"stack_pointer must be the program's wasmtime.Global, got {stack_pointer!r}", Errno.NOTSUP
            )
        # The checks and probes below use the store: no other thread's operation meanwhile
        # (the native core's lock first, then this runtime's, the order cold work takes them).
        core = self._call_dynamic_core
        if core is not None:
            core.exclusively(partial(self._bind_exclusively, memory, table, stack_pointer))
        else:
            self._bind_exclusively(memory, table, stack_pointer)

    def _bind_exclusively(
        self, memory: Memoryish, table: wasmtime.Table, stack_pointer: wasmtime.Global
    ) -> None:
        with self._lock:
            try:
                # memory_address checks that the memory belongs to this store.
                _, memory_size = _ffi.memory_address(self.store, memory)
                fast_table = _ffi.FastTable(self.store, table)
                stack = _ffi.FastI32Global(self.store, stack_pointer)
            except InvalidValueError as exc:  # another store's object, a table not of funcref, ...
                raise ClosureError(f"cannot use this program for closures: {exc}", Errno.NOTSUP) from None
            except ValueError as exc:  # wasmtime-py's "already closed": a closed SharedMemory wrapper
                raise ClosureError(f"cannot use the memory given ({memory!r}): {exc}", Errno.NOTSUP) from None
            memory_type = (
                memory.type() if isinstance(memory, wasmtime.SharedMemory) else memory.type(self.store)
            )
            if memory_type.is_64:
                raise ClosureError(
                    "the program's memory is a 64-bit memory: closures need a 32-bit one", Errno.NOTSUP
                )
            if isinstance(memory, wasmtime.SharedMemory) and memory_size == 0:
                raise ClosureError(
                    "the program's shared memory has no pages: trampolines import a shared memory of "
                    "at least 1 page, as the reference's do",
                    Errno.NOTSUP,
                )
            if not stack.mutable:
                raise ClosureError("the program's stack pointer is not a mutable i32 global", Errno.NOTSUP)
            if self.bound:
                raise InvalidValueError("this ClosureRuntime is already bound to a program")
            # A handle of our own to a shared memory (wasmtime_sharedmemory_clone): the caller
            # may close theirs, the program keeps its memory.
            program_memory = _ffi.importable(memory)
            self._strategy.bind(program_memory, table, stack_pointer, fast_table)
            core, handles = self._call_dynamic_core, None
            if core is not None:
                handles = (_ffi.table_handle(self.store, table), *_ffi.memory_handle(self.store, memory))
            self._program_memory: Memoryish = program_memory
            self.memory = memory
            self.table = table
            self.stack_pointer = stack_pointer
            # The commit comes last, as one step (an attribute store, or one call into the
            # core): a bind interrupted before it (a KeyboardInterrupt) did not happen, and
            # binding again redoes the rest.
            self._table = fast_table  # the pure-Python runtime's commit
            if core is not None and handles is not None:
                core.bind(*handles)  # the native core's commit

    def bind_exports(self, program: wasmtime.Instance | wasmtime.Caller) -> None:
        """Bind to what a static program exports: ``memory``, ``__indirect_function_table``, ``__stack_pointer``.

        ``program`` is its instance, or the ``Caller`` of a host function it called.
        """
        exports = program.exports(self.store) if isinstance(program, wasmtime.Instance) else program
        parts = [exports.get(name) for name in PROGRAM_EXPORTS]
        missing = [name for name, part in zip(PROGRAM_EXPORTS, parts, strict=True) if part is None]
        if missing:
            raise ClosureError(
                f"the program does not export {', '.join(missing)}: closures need them", Errno.NOTSUP
            )
        self.bind(*parts)  # type: ignore[arg-type]  # bind checks the kinds

    def define_wasix(self, linker: wasmtime.Linker) -> None:
        """Define ``wasix_32v1.closure_allocate``, ``closure_prepare``, ``closure_free`` and ``call_dynamic``."""
        define_closure_syscalls(linker, self)
        # The syscalls hold the runtime weakly (see wasix.closure_syscalls): the store keeps it.
        kept = getattr(self.store, _RUNTIMES_ATTRIBUTE, None)
        if kept is None:
            kept = []
            setattr(self.store, _RUNTIMES_ATTRIBUTE, kept)
        kept.append(self)

    def allocate(self) -> int:
        """Reserve a table slot for a closure and return its index (a function pointer)."""
        if self._core is not None:
            return self._core.allocate()
        with self._lock:
            table = self._require_table()
            if len(self._live) >= self.max_closures:
                raise ClosureError(
                    f"this runtime already has {self.max_closures} live closures (max_closures)", Errno.NOMEM
                )
            if not self._free_slots:
                self._grow_slots(table)
            closure = self._free_slots[-1]
            # Atomically (against a KeyboardInterrupt): the slot moves at once.
            atomically((self._drop_last_free_slot, partial(self._live.__setitem__, closure, None)))
            self._stats.allocations += 1
            return closure

    def _grow_slots(self, table: _ffi.FastTable) -> None:
        """Add TABLE_CHUNK slots to the table and to the free list, together."""
        start = table.size()
        new_slots = list(range(start + TABLE_CHUNK - 1, start - 1, -1))
        grow = table.grow_call(TABLE_CHUNK)
        free_slots, chunk_starts = self._free_slots, self._chunk_starts
        undo = [
            partial(free_slots.__delitem__, slice(-TABLE_CHUNK, None)),
            partial(chunk_starts.__delitem__, -1),
        ]
        try:
            # The bookkeeping and the C call, atomically (against a KeyboardInterrupt).
            error = atomically(
                [
                    partial(free_slots.extend, new_slots),
                    partial(chunk_starts.append, start),
                    grow,
                ]
            )[-1]
        except BaseException:  # before the steps, or after them: then undo if the table did not grow
            ran = bool(chunk_starts) and chunk_starts[-1] == start  # chunk starts only increase
            if ran and table.grown_from() != start:
                atomically(undo)
            raise
        if table.grown_from() != start:  # at its maximum or over a store limit: undo
            atomically(undo)
            message = (
                str(_ffi.wasmtime_error(cast(int, error)))
                if error
                else f"the table did not grow from {start}"
            )
            raise ClosureError(
                MESSAGES["TABLE_GROWTH"].format(chunk=TABLE_CHUNK, reason=message), Errno.NOMEM
            )

    def prepare(self, closure: int, backing_function: int, signature: SignatureLike, env: int = 0) -> None:
        """Make slot ``closure`` call ``backing_function(args, results, env)`` with ``signature``.

        ``backing_function`` is the table index of a ``(i32, i32, i32) -> ()`` function.
        Preparing a prepared closure redefines it from its next call on.
        """
        if self._core is not None:
            self._core.prepare(closure, backing_function, signature, env)
            return
        if type(signature) is not Signature:
            signature = _signature_of(signature)
        if type(closure) is not int:
            closure = check_u32("closure", closure)  # an IntEnum, a bool: the plain int
        with self._lock:
            table = self._require_table()
            if closure not in self._live:
                check_u32("closure", closure)
                raise ClosureError(MESSAGES["NOT_ALLOCATED"].format(closure=closure), Errno.INVAL)
            check_u32("backing_function", backing_function)
            check_u32("env", env)
            identity = self._check_backing_function(table, backing_function)
            direct = (
                identity
                if self._direct_backing_calls and not self._is_closure_slot(backing_function)
                else None
            )
            # The strategy records the new trampoline in ``_live`` and gives the old one back as
            # one step with installing it (see PooledStrategy.install).
            self._strategy.install(self._live, closure, backing_function, env, signature, direct)
            self._stats.prepares += 1

    def free(self, closure: int) -> None:
        """Give slot ``closure`` back. Freeing an unknown or already freed slot does nothing."""
        if self._core is not None:
            self._core.free(closure)
            return
        closure = check_u32("closure", closure)  # a plain int: the free list hands it out again
        with self._lock:
            if closure not in self._live:
                return  # nothing to give back: the store is not needed, open or not
            table = self._require_table()  # refuses a closed store
            trampoline: Any = self._live[closure]
            free_trampolines = self._strategy.free_list_of(trampoline)
            clear = table.clear_call(closure)  # a call through a freed closure traps
            steps: list[Callable[[], object]] = [
                partial(self._live.__delitem__, closure),
                partial(self._free_slots.append, closure),
            ]
            if free_trampolines is not None:
                steps.append(partial(free_trampolines.append, trampoline))
            steps.append(clear)
            # The bookkeeping and the C call, atomically (against a KeyboardInterrupt): the
            # free happens whole or not at all.
            error: int | None = atomically(steps)[-1]  # type: ignore[assignment]
            self._stats.frees += 1
            if error:  # not reached: the slot is in the table
                raise _ffi.wasmtime_error(error)

    def _require_table(self) -> _ffi.FastTable:
        if self._store_closed.is_set():
            raise ClosureError(CLOSED_STORE_MESSAGE, Errno.NOTSUP)
        table = self._table
        if table is None:
            raise ClosureError(MESSAGES["NOT_BOUND"], Errno.NOTSUP)
        return table

    def _is_closure_slot(self, index: int) -> bool:
        """Whether slot ``index`` is one that ``allocate`` hands out (its function changes)."""
        run = bisect.bisect_right(self._chunk_starts, index) - 1
        return run >= 0 and index < self._chunk_starts[run] + TABLE_CHUNK

    def _check_backing_function(self, table: _ffi.FastTable, index: int) -> bytes:
        """Check slot ``index`` holds a ``(i32, i32, i32) -> ()`` function; return its identity."""
        if index >= table.size():
            raise ClosureError(
                MESSAGES["BACKING_OUTSIDE"].format(index=index, size=table.size()), Errno.INVAL
            )
        identity = table.slot_identity(index)
        if identity is None:
            raise ClosureError(MESSAGES["BACKING_NULL"].format(index=index), Errno.INVAL)
        if self._checked_backing.get(index) == identity:
            return identity  # the same function as last time: its type cannot have changed
        codes = cast(tuple[bytes, bytes], table.slot_type_codes(index))  # not None: the slot is not null
        if codes != BACKING_TYPE_CODES:
            raise ClosureError(
                f"backing_function {index} has type {_describe(codes)}, not (i32, i32, i32) -> ()",
                Errno.INVAL,
            )
        if len(self._checked_backing) >= CHECKED_BACKING_CACHE_SIZE:
            self._checked_backing.clear()
        self._checked_backing[index] = identity
        return identity

    # The native core's calls back into Python: argument checks off its fast path, and cold work.

    # Their public face is _runtime.cold_path.NativeColdPath, the object the core is made with.

    _as_signature = staticmethod(_signature_of)

    def _native_core(self) -> RuntimeCore:
        if self._core is None:  # only a native runtime's core calls back
            raise RuntimeError("this ClosureRuntime has no native core")
        return self._core

    def _prepare_checked(self, closure: Any, backing_function: Any, signature: Any, env: Any) -> None:
        """``prepare``'s checks, in this runtime's order, for arguments that are not plain u32
        ints (the core's fast path takes only those); then the core's prepare."""
        signature = _signature_of(signature)
        self._require_table()
        closure = check_u32("closure", closure)  # an IntEnum, a bool: the plain int
        if not self._native_core().is_live(closure):
            raise ClosureError(MESSAGES["NOT_ALLOCATED"].format(closure=closure), Errno.INVAL)
        backing = check_u32("backing_function", backing_function)
        self._native_core().prepare(closure, backing, signature, check_u32("env", env))

    def _free_checked(self, closure: Any) -> None:
        self._native_core().free(check_u32("closure", closure))

    def _bind_from_caller(self, caller_address: int) -> None:
        """Bind from the exports of the guest whose host call received ``caller_address``."""
        with _ffi.borrowed_caller(caller_address) as caller:
            self.bind_exports(caller)

    def _register_signature(self, signature: Signature | None, params: bytes, results: bytes) -> Signature:
        """Make the table pool of a signature (NOMEM past ``max_signatures``); return it."""
        if signature is None:
            signature = Signature.from_codes(params, results)
        with self._lock:
            cast(PooledStrategy, self._strategy).table_pool(signature)
        return signature

    def _check_backing(self, index: int) -> bytes:
        """Type-check the function in backing slot ``index``; return its identity."""
        with self._lock:
            return self._check_backing_function(self._require_table(), index)

    def _grow_table_pool(self, signature: Signature) -> tuple[bytes, int]:
        """Instantiate the signature's table pool once more: (the instance's handle, size)."""
        with self._lock:
            pool = cast(PooledStrategy, self._strategy).table_pool(signature)
            instance, size = pool.instantiate(export_trampolines=True)
        return _ffi.instance_handle(self.store, instance), size

    def _grow_direct_pool(
        self, signature: Signature, backing_function: int, identity: bytes
    ) -> tuple[bytes, int] | str | None:
        """Instantiate the direct pool of (signature, function) once more: (the instance's
        handle, size); ``"budget"`` once ``max_direct_instances`` is spent; None if it failed."""
        with self._lock:
            grown = cast(PooledStrategy, self._strategy).grow_direct_pool(
                signature, backing_function, identity
            )
        if grown is None or isinstance(grown, str):
            return grown
        return _ffi.instance_handle(self.store, grown[0]), grown[1]


_RUNTIMES: weakref.WeakSet[ClosureRuntime] = weakref.WeakSet()


def _after_fork_in_child() -> None:
    """The child of a fork has only the forking thread: a lock another thread held stays held."""
    for runtime in list(_RUNTIMES):
        runtime._lock = threading.RLock()
        core = getattr(runtime, "_call_dynamic_core", None)  # None until __init__ has made it
        if core is not None:
            core.after_fork_in_child()  # the native core's operation lock


os.register_at_fork(after_in_child=_after_fork_in_child)


def _describe(codes: tuple[bytes, bytes]) -> str:
    params, results = (
        ", ".join(str(ValType(c)) if c <= ValType.V128 else "ref" for c in part) for part in codes
    )
    return f"({params}) -> ({results})"
