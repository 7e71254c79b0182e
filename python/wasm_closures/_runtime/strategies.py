"""How a prepared closure gets its trampoline: the two strategies a ClosureRuntime can use.

- ``PooledStrategy`` (the default): per signature, a compiled module of many trampolines whose
  environment and backing function are globals; a warm prepare sets them and a table slot,
  compiling and instantiating nothing. Freed trampolines go back to their pool. A closure whose
  backing function the runtime may call directly takes its trampoline from a pool of that
  (signature, function) pair, whose trampolines ``call`` the function (see _encoders.pool_module).
- ``ModuleStrategy``: the WASIX reference behaviour, byte for byte: every prepare encodes,
  compiles and instantiates its own closure module and links it through ``GOT.func``.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from functools import partial
from typing import cast

import wasmtime

from .. import _ffi
from .._encoders.pool_module import CONFIGURE_EXPORT
from .._format import binary as b
from .._format import wasm as w
from .._format.types import MemoryImport, Signature
from ..encoder import encode_closure_module, encode_pool_module
from ..errors import ClosureError, Errno
from ..module_cache import DiskCache, ModuleCache, compile_module
from .atomic import atomically

# What ``wasmtime.Instance`` takes as imports (wasmtime's ``AsExtern``, which it does not export).
_Extern = (
    wasmtime.Func | wasmtime.Table | wasmtime.Memory | wasmtime.SharedMemory | wasmtime.Global | wasmtime.Tag
)


TRAMPOLINE_OVERHEAD = 8
"""A trampoline's compile weight beyond one unit per parameter and result (the call, the
spill area, its share of ``configure``). Compiling costs about 35-60 µs of CPU per unit."""
MAX_POOL_MODULE_WEIGHT = 4096
"""The weight of one pool module at most: a wide signature gets smaller pools (2 trampolines
for 1,000 parameters and 1,000 results), so no single compile takes more than ~0.3 s."""
DEFAULT_COMPILE_BUDGET = 500_000
"""The compile weight a runtime spends at most (``ClosureRuntime(compile_budget=...)``): about
30 s of host CPU at the costliest rate measured (the widest signatures)."""


def trampoline_weight(signature: Signature) -> int:
    """What compiling one trampoline of ``signature`` costs, in compile weight units."""
    return len(signature.params) + len(signature.results) + TRAMPOLINE_OVERHEAD


class CompileBudget:
    """The trampoline code a guest may still make one runtime compile, in weight units.

    Every pool module a runtime obtains for the first time (whether or not its engine already
    compiled it, so a guest's allowance does not depend on other programs) and every module
    of the module strategy is charged ``size * trampoline_weight``; past the budget a prepare
    that needs a new module fails with NOMEM. The Python ``call_dynamic`` charges each new
    signature's caller module one ``trampoline_weight``.
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.spent = 0

    def charge(self, weight: int, signature: Signature) -> None:
        if self.spent + weight > self.limit:
            raise ClosureError(
                f"this runtime has compiled trampolines of weight {self.spent} of its compile_budget "
                f"{self.limit}; refusing {weight} more for {signature}",
                Errno.NOMEM,
            )
        self.spent += weight


class Trampoline:
    """One trampoline of a pool instance: the instance's ``configure`` and the index in it."""

    __slots__ = ("configure", "index", "pool")

    def __init__(self, configure: _ffi.FastCall, index: int, pool: TrampolinePool) -> None:
        self.configure = configure
        self.index = index
        self.pool = pool


class TrampolinePool:
    """The trampolines of one signature in one store: instances of a pool module.

    With ``backing`` the pool is of the direct kind: its trampolines call that function.
    """

    def __init__(self, strategy: PooledStrategy, signature: Signature, backing: wasmtime.Func | None) -> None:
        self._strategy = strategy
        self.signature = signature
        self.backing = backing
        self._free: list[Trampoline] = []
        self.instances = 0

    @property
    def has_free(self) -> bool:
        return bool(self._free)

    def with_free(self) -> TrampolinePool:
        """This pool, grown if it has no free trampoline."""
        if not self._free:
            self.grow()
        return self

    def grow(self) -> None:
        """Instantiate the pool module once more: its trampolines become free."""
        instance, size = self.instantiate()
        direct = self.backing is not None
        # The pool module exports its ``configure`` function (see _encoders.pool_module).
        configure_func = cast(wasmtime.Func, instance.exports(self._strategy.store)[CONFIGURE_EXPORT])
        configure = _ffi.FastCall(self._strategy.store, configure_func, "iii" if direct else "iiii", "")
        # Trampoline 0 is handed out first.
        trampolines = [Trampoline(configure, i, self) for i in reversed(range(size))]
        self._free += trampolines

    def instantiate(self, export_trampolines: bool = False) -> tuple[wasmtime.Instance, int]:
        """Instantiate the pool module once more: (the instance, its trampoline count).

        ``export_trampolines``: the module variant that exports each trampoline's function and
        globals, which the native runtime core sets directly.
        """
        s = self._strategy
        sizes = s.pool_sizes
        weight = trampoline_weight(self.signature)
        size = min(sizes[min(self.instances, len(sizes) - 1)], max(1, MAX_POOL_MODULE_WEIGHT // weight))
        direct = self.backing is not None
        key = (
            "pool",
            self.signature.param_codes,
            self.signature.result_codes,
            s.memory_import,
            size,
            direct,
            export_trampolines,
        )
        if key not in s.charged_modules:
            s.budget.charge(size * weight, self.signature)
            s.charged_modules.add(key)
        module = s.cache.get(
            key,
            lambda: encode_pool_module(
                self.signature, s.memory_import, size, direct=direct, export_trampolines=export_trampolines
            ),
            s.disk_cache,
        )
        imports = [] if self.backing is None else [self.backing]
        instance = s.instantiate(module, imports)
        self.instances += 1
        return instance, size


class _StrategyBase:
    """What both strategies need: the store, the program's imports, the module cache."""

    name = ""

    def __init__(
        self, store: wasmtime.Store, cache: ModuleCache, disk_cache: DiskCache | None, budget: CompileBudget
    ) -> None:
        self.store = store
        self.cache = cache
        self.disk_cache = disk_cache
        self.budget = budget
        self.instantiations = 0
        self._imports: Sequence[_Extern] = ()
        self.memory_import = MemoryImport()
        self.table: _ffi.FastTable | None = None

    def bind(
        self,
        memory: object,
        table: wasmtime.Table,
        stack_pointer: wasmtime.Global,
        fast_table: _ffi.FastTable,
    ) -> None:
        shared = isinstance(memory, wasmtime.SharedMemory)
        # The trampoline's memory import must accept the program's memory: shared memories
        # take the reference's (1, 65536) limits, ordinary ones an import of any size.
        memory_import = MemoryImport() if shared else MemoryImport.unshared(minimum=0)
        imports = (_ffi.importable(memory), table, stack_pointer)
        self._check_imports(memory_import, imports)
        self.memory_import, self._imports, self.table = memory_import, imports, fast_table

    def _check_imports(self, memory_import: MemoryImport, imports: Sequence[_Extern]) -> None:
        """Refuse parts no trampoline module can import (a 64-bit table, another engine's shared
        memory, ...), which wasmtime-py does not let us inspect: instantiate modules that have
        only the trampolines' imports (about 0.1 ms each to compile, so they are not cached).

        A shared memory is tried in a throwaway store: each import of a ``SharedMemory`` adds
        an instance owning it to the store, and wasmtime 50 aborts the process on a fault in a
        memory that two instances of the store own (see the README's Guarantees).
        """
        memory, table, stack_pointer = imports
        probes = [(self.store, [_TABLE_IMPORT, _STACK_POINTER_IMPORT], [table, stack_pointer])]
        if isinstance(memory, wasmtime.SharedMemory):
            probes.append((wasmtime.Store(self.store.engine), [w.memory_import(memory_import)], [memory]))
        try:
            for store, entries, externs in probes:
                module = compile_module(
                    self.store.engine, b.MAGIC_AND_VERSION + w.section(b.SEC_IMPORT, w.vec(entries))
                )
                wasmtime.Instance(store, module, externs)
        except wasmtime.WasmtimeError as exc:
            message = " ".join(str(exc).split())
            raise ClosureError(f"closures cannot link to this program: {message}", Errno.NOTSUP) from None

    def instantiate(self, module: wasmtime.Module, extra_imports: Sequence[_Extern]) -> wasmtime.Instance:
        instance = wasmtime.Instance(self.store, module, [*self._imports, *extra_imports])
        self.instantiations += 1
        return instance


# The trampolines' table and stack pointer imports, but a table of any size: allocate grows it
# before any trampoline module is instantiated.
_TABLE_IMPORT = w.import_entry(
    "env", "__indirect_function_table", b.KIND_TABLE, bytes([b.FUNCREF]) + w.limits(0, None)
)
_STACK_POINTER_IMPORT = w.import_entry(
    "env", "__stack_pointer", b.KIND_GLOBAL, w.global_desc(b.I32, mutable=True)
)


class PooledStrategy(_StrategyBase):
    """Trampolines from per-signature pools; see the module docstring."""

    name = "pooled"

    def __init__(
        self,
        store: wasmtime.Store,
        cache: ModuleCache,
        disk_cache: DiskCache | None,
        budget: CompileBudget,
        pool_sizes: tuple[int, ...],
        max_signatures: int,
        max_direct_instances: int,
    ) -> None:
        super().__init__(store, cache, disk_cache, budget)
        self.charged_modules: set[tuple[object, ...]] = set()  # pool module keys the budget paid for
        self.pool_sizes = pool_sizes
        self.max_signatures = max_signatures
        self.max_direct_instances = max_direct_instances
        self.direct_instances = 0
        self._table_pools: dict[Signature, TrampolinePool] = {}
        self._direct_pools: dict[tuple[Signature, bytes], TrampolinePool] = {}

    def install(
        self,
        live: dict[int, object],
        closure: int,
        backing_function: int,
        env: int,
        signature: Signature,
        direct_backing: bytes | None,
    ) -> None:
        """Put a trampoline in slot ``closure``, record it in ``live[closure]`` and give back the
        one recorded there before, as one step.

        ``direct_backing`` is the identity of the function in slot ``backing_function`` if the
        trampoline may call that function directly, or None to call through the table.

        Atomic against asynchronous exceptions (a KeyboardInterrupt from a signal handler):
        everything that can be interrupted (growing a pool, checking the arguments) comes
        first and changes nothing; then the bookkeeping and the C call of ``configure`` run
        ``atomically``. Should ``configure`` trap (fuel, epoch, a nearly exhausted stack) the
        slot still holds the old trampoline, and the bookkeeping is undone the same way.
        """
        pool = self._pool_with_free(backing_function, signature, direct_backing)
        free = pool._free
        trampoline = free[-1]
        configure = trampoline.configure
        if pool.backing is None:
            call = configure.load(closure, trampoline.index, env, backing_function)
        else:
            call = configure.load(closure, trampoline.index, env)
        trap = configure.trap_out
        old: Trampoline | None = live[closure]  # type: ignore[assignment]
        steps: list[Callable[[], object]] = [
            partial(free.__delitem__, -1),
            partial(live.__setitem__, closure, trampoline),
        ]
        if old is not None:
            steps.append(partial(old.pool._free.append, old))
        steps.append(call)
        try:
            error: int | None = atomically(steps)[-1]  # type: ignore[assignment]
        except BaseException:  # before the steps, or after them: then undo if configure trapped
            if trap.value:
                _undo_install(live, closure, old, free, trampoline)
                trap.value = None
            raise
        if error or trap.value:
            _undo_install(live, closure, old, free, trampoline)
            configure.finish(error)

    def free_list_of(self, trampoline: object) -> list[Trampoline] | None:
        """The free list ``trampoline`` (of ``live``, or None) goes back to when its closure is freed."""
        return None if trampoline is None else cast(Trampoline, trampoline).pool._free

    def _pool_with_free(
        self, backing_function: int, signature: Signature, direct_backing: bytes | None
    ) -> TrampolinePool:
        """A pool with a free trampoline: of the direct kind if allowed and within budget, else
        of the table kind."""
        table_pool = self.table_pool(signature)
        if direct_backing is None:
            return table_pool.with_free()
        key = (signature, direct_backing)
        pool = self._direct_pools.get(key)
        if pool is not None and pool.has_free:
            return pool
        # Direct trampolines of one function cannot serve another, so freed ones may sit idle
        # in the pool of a function no longer used: their instances are budgeted, and past the
        # budget closures call through the table, whose trampolines serve every function.
        if self.direct_instances < self.max_direct_instances:
            if pool is None:
                pool = TrampolinePool(self, signature, self.table.get_func(backing_function))  # type: ignore[union-attr]
                self._direct_pools[key] = pool  # kept at once: an interrupted grow loses nothing
            self.direct_instances += 1  # counted first: an interrupt may over-count, never under
            try:
                pool.grow()
            except (wasmtime.WasmtimeError, ClosureError):
                # The store's instance limit, the compile budget: the table pool may serve.
                self.direct_instances -= 1
            else:
                return pool
        return table_pool.with_free()

    def table_pool(self, signature: Signature) -> TrampolinePool:
        """The signature's table pool; made on first use, which counts against max_signatures."""
        pool = self._table_pools.get(signature)
        if pool is None:
            if len(self._table_pools) >= self.max_signatures:
                raise ClosureError(
                    f"this runtime has pools for {self.max_signatures} signatures (max_signatures); "
                    f"refusing a new one: {signature}",
                    Errno.NOMEM,
                )
            pool = self._table_pools[signature] = TrampolinePool(
                self, signature, None
            )  # not instantiated yet
        return pool

    def grow_direct_pool(
        self, signature: Signature, backing_function: int, identity: bytes
    ) -> tuple[wasmtime.Instance, int] | str | None:
        """For the native core, which keeps the free trampolines: instantiate the direct pool of
        (``signature``, the function ``identity`` names, in slot ``backing_function``) once more.

        Returns (the instance, which exports its trampolines, and its size); ``"budget"`` once
        ``max_direct_instances`` is spent (for good: closures call through the table from then
        on); None if the pool could not grow (the store's instance limit, the compile budget),
        as ``_pool_with_free`` falls back then.
        """
        if self.direct_instances >= self.max_direct_instances:
            return "budget"
        key = (signature, identity)
        pool = self._direct_pools.get(key)
        if pool is None:
            pool = TrampolinePool(self, signature, self.table.get_func(backing_function))  # type: ignore[union-attr]
        try:
            grown = pool.instantiate(export_trampolines=True)
        except (wasmtime.WasmtimeError, ClosureError):
            return None
        self._direct_pools[key] = pool
        self.direct_instances += 1
        return grown


def _undo_install(
    live: dict[int, object],
    closure: int,
    old: Trampoline | None,
    free: list[Trampoline],
    trampoline: Trampoline,
) -> None:
    """Undo ``install``'s bookkeeping, atomically, after ``configure`` trapped (the slot kept ``old``)."""
    undo: list[Callable[[], object]] = [partial(live.__setitem__, closure, old)]
    if old is not None:
        undo.append(partial(old.pool._free.__delitem__, -1))  # ``old``, given back last
    undo.append(partial(free.append, trampoline))
    atomically(undo)


_module_names = itertools.count()


class ModuleStrategy(_StrategyBase):
    """The WASIX reference: one encoded, compiled and instantiated module per prepare."""

    name = "module"

    def install(
        self,
        live: dict[int, object],
        closure: int,
        backing_function: int,
        env: int,
        signature: Signature,
        direct_backing: bytes | None,
    ) -> None:
        """Link a new closure module for slot ``closure``; it always calls through the table
        (``live[closure]`` stays None: nothing is given back)."""
        self.budget.charge(trampoline_weight(signature), signature)  # every prepare compiles
        name = f"__wasix_closure_{next(_module_names)}"
        wasm = encode_closure_module(
            name, closure, backing_function, env, signature, memory=self.memory_import
        )
        module = self.cache.load_or_compile(wasm)
        got_entry = wasmtime.Global(
            self.store, wasmtime.GlobalType(wasmtime.ValType.i32(), True), wasmtime.Val.i32(0)
        )
        exports = self.instantiate(module, [got_entry]).exports(self.store)
        # The dynamic linker's part: append the exported trampoline to the table, point
        # GOT.func.<name> at it, then run the constructor, which copies it into the slot. Both
        # are functions the encoded module exports.
        try:
            index = self.table.grow(1, cast(wasmtime.Func, exports[name]))  # type: ignore[union-attr]
        except _ffi.TableGrowError as exc:
            raise ClosureError(f"cannot link the closure module: {exc}", Errno.NOMEM) from None
        _ffi.FastI32Global(self.store, got_entry).set(index)
        cast(wasmtime.Func, exports["__wasm_call_ctors"])(self.store)

    def free_list_of(self, trampoline: object) -> None:
        """Nothing to give back: the reference keeps every closure module alive."""
