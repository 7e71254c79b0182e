"""How a prepared closure gets its trampoline: the two strategies a ClosureRuntime can use.

- ``PooledStrategy`` (the default): per signature, a compiled module of many trampolines whose
  environment and backing function are globals; a warm prepare sets them and a table slot,
  compiling and instantiating nothing. Freed trampolines go back to their pool. A closure whose
  backing function the runtime may call directly takes its trampoline from a pool of that
  (signature, function) pair, whose trampolines ``call`` the function (see _pool_module).
- ``ModuleStrategy``: the WASIX reference behaviour, byte for byte: every prepare encodes,
  compiles and instantiates its own closure module and links it through ``GOT.func``.
"""

from __future__ import annotations

import itertools
from typing import Dict, List, Optional, Sequence, Tuple, Union, cast

import wasmtime

from . import _ffi
from ._pool_module import CONFIGURE_EXPORT, encode_pool_module
from ._types import MemoryImport, Signature
from .encoder import encode_closure_module
from .errors import ClosureError, Errno
from .module_cache import DiskCache, ModuleCache

# What ``wasmtime.Instance`` takes as imports (wasmtime's ``AsExtern``, which it does not export).
_Extern = Union[wasmtime.Func, wasmtime.Table, wasmtime.Memory, wasmtime.SharedMemory, wasmtime.Global, wasmtime.Tag]


class Trampoline:
    """One trampoline of a pool instance: the instance's ``configure`` and the index in it."""

    __slots__ = ("configure", "index", "pool")

    def __init__(self, configure: "_ffi.FastCall", index: int, pool: "TrampolinePool") -> None:
        self.configure = configure
        self.index = index
        self.pool = pool


class TrampolinePool:
    """The trampolines of one signature in one store: instances of a pool module.

    With ``backing`` the pool is of the direct kind: its trampolines call that function.
    """

    def __init__(self, strategy: "PooledStrategy", signature: Signature, backing: Optional[wasmtime.Func]) -> None:
        self._strategy = strategy
        self.signature = signature
        self.backing = backing
        self._free: List[Trampoline] = []
        self.instances = 0

    def acquire(self) -> Trampoline:
        if not self._free:
            self._grow()
        return self._free.pop()

    def release(self, trampoline: Trampoline) -> None:
        self._free.append(trampoline)

    def _grow(self) -> None:
        s = self._strategy
        sizes = s.pool_sizes
        size = sizes[min(self.instances, len(sizes) - 1)]
        direct = self.backing is not None
        module = s.cache.get(
            ("pool", self.signature.param_codes, self.signature.result_codes, s.memory_import, size, direct),
            lambda: encode_pool_module(self.signature, s.memory_import, size, direct=direct),
            s.disk_cache,
        )
        imports = [] if self.backing is None else [self.backing]
        # The pool module exports its ``configure`` function (see _pool_module).
        configure_func = cast(wasmtime.Func, s.instantiate(module, imports).exports(s.store)[CONFIGURE_EXPORT])
        configure = _ffi.FastCall(s.store, configure_func, "iii" if direct else "iiii", "")
        # Trampoline 0 is handed out first.
        self._free.extend(Trampoline(configure, i, self) for i in reversed(range(size)))
        self.instances += 1


class _StrategyBase:
    """What both strategies need: the store, the program's imports, the module cache."""

    name = ""

    def __init__(self, store: wasmtime.Store, cache: ModuleCache, disk_cache: Optional[DiskCache]) -> None:
        self.store = store
        self.cache = cache
        self.disk_cache = disk_cache
        self.instantiations = 0
        self._imports: Sequence[_Extern] = ()
        self.memory_import = MemoryImport()
        self.table: Optional[_ffi.FastTable] = None

    def bind(self, memory: object, table: wasmtime.Table, stack_pointer: wasmtime.Global, fast_table: "_ffi.FastTable") -> None:
        shared = isinstance(memory, wasmtime.SharedMemory)
        # The trampoline's memory import must accept the program's memory: shared memories
        # take the reference's (1, 65536) limits, ordinary ones an import of any size.
        self.memory_import = MemoryImport() if shared else MemoryImport.unshared(minimum=0)
        self._imports = (_ffi.importable(memory), table, stack_pointer)
        self.table = fast_table

    def instantiate(self, module: wasmtime.Module, extra_imports: Sequence[_Extern]) -> wasmtime.Instance:
        instance = wasmtime.Instance(self.store, module, [*self._imports, *extra_imports])
        self.instantiations += 1
        return instance


class PooledStrategy(_StrategyBase):
    """Trampolines from per-signature pools; see the module docstring."""

    name = "pooled"
    # Pools of the direct kind, one per (signature, backing function) in use: past this many,
    # closures of further pairs use the table kind (a guest could otherwise make the host
    # instantiate without end).
    max_direct_pools = 256

    def __init__(
        self, store: wasmtime.Store, cache: ModuleCache, disk_cache: Optional[DiskCache],
        pool_sizes: Tuple[int, ...], max_signatures: int,
    ) -> None:
        super().__init__(store, cache, disk_cache)
        self.pool_sizes = pool_sizes
        self.max_signatures = max_signatures
        self._table_pools: Dict[Signature, TrampolinePool] = {}
        self._direct_pools: Dict[Tuple[Signature, bytes], TrampolinePool] = {}

    def install(
        self, closure: int, backing_function: int, env: int, signature: Signature, direct_backing: Optional[bytes],
    ) -> Trampoline:
        """Put a trampoline in slot ``closure``.

        ``direct_backing`` is the identity of the function in slot ``backing_function`` if the
        trampoline may call that function directly, or None to call through the table.
        """
        pool = self._pool(backing_function, signature, direct_backing)
        trampoline = pool.acquire()
        try:
            if pool.backing is None:
                trampoline.configure(closure, trampoline.index, env, backing_function)
            else:
                trampoline.configure(closure, trampoline.index, env)
        except BaseException:  # a trap (stack exhausted, fuel, epoch): the trampoline stays free
            pool.release(trampoline)
            raise
        return trampoline

    def _pool(self, backing_function: int, signature: Signature, direct_backing: Optional[bytes]) -> TrampolinePool:
        if direct_backing is not None:
            pool = self._direct_pools.get((signature, direct_backing))
            if pool is not None:
                return pool
        table_pool = self._table_pools.get(signature)
        if table_pool is None:
            if len(self._table_pools) >= self.max_signatures:
                raise ClosureError(
                    f"this runtime has pools for {self.max_signatures} signatures (max_signatures); "
                    f"refusing a new one: {signature}", Errno.NOMEM,
                )
            # Every signature has a table pool (instantiated only if used): it is what counts
            # against max_signatures, and what direct closures fall back to.
            table_pool = self._table_pools[signature] = TrampolinePool(self, signature, None)
        if direct_backing is None or len(self._direct_pools) >= self.max_direct_pools:
            return table_pool
        backing = self.table.get_func(backing_function)  # type: ignore[union-attr]  # bound
        pool = self._direct_pools[(signature, direct_backing)] = TrampolinePool(self, signature, backing)
        return pool

    def release(self, handle: Optional[Trampoline]) -> None:
        if handle is not None:
            handle.pool.release(handle)


_module_names = itertools.count()


class ModuleStrategy(_StrategyBase):
    """The WASIX reference: one encoded, compiled and instantiated module per prepare."""

    name = "module"

    def install(
        self, closure: int, backing_function: int, env: int, signature: Signature, direct_backing: Optional[bytes],
    ) -> None:
        """Link a new closure module for slot ``closure``; it always calls through the table."""
        name = f"__wasix_closure_{next(_module_names)}"
        wasm = encode_closure_module(name, closure, backing_function, env, signature, memory=self.memory_import)
        module = self.cache.load_or_compile(wasm)
        got_entry = wasmtime.Global(self.store, wasmtime.GlobalType(wasmtime.ValType.i32(), True), wasmtime.Val.i32(0))
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

    def release(self, handle: None) -> None:
        """Nothing to give back: the reference keeps every closure module alive."""
