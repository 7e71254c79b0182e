"""Raw handles and addresses for the native runtime core (``wasm_closures._native``).

The core calls wasmtime's C API itself, through the library wasmtime-py loaded: it gets that
library's handle, the struct sizes to check its own layouts against, and copies of the
handles it uses, each checked here against the store first (wasmtime aborts otherwise).
"""

from __future__ import annotations

import contextlib
import ctypes
import itertools
import weakref
from collections.abc import Callable, Iterator
from ctypes import c_void_p
from typing import Any

import wasmtime

from ._capi import _c, _func_handle, require
from .host_functions import _HostCaller
from .stores import _check_store, _store_id

__all__ = [
    "NATIVE_STRUCTS",
    "borrowed_caller",
    "context_address",
    "func_handle",
    "functype_address",
    "instance_handle",
    "library_handle",
    "linker_address",
    "memory_handle",
    "on_store_close",
    "store_id",
    "struct_sizes",
    "table_handle",
]

# The structs whose layout the native core mirrors.
NATIVE_STRUCTS = (
    "wasmtime_val_t",
    "wasmtime_func_t",
    "wasmtime_table_t",
    "wasmtime_memory_t",
    "wasmtime_global_t",
    "wasmtime_instance_t",
    "wasmtime_extern_t",
    "wasmtime_val_raw_t",
)
_ON_CLOSE_ATTRIBUTE = "_wasm_closures_on_close"
_CALLBACK_KEYS = itertools.count()
_NOTIFYING_CLASSES: dict[type, type] = {}


def library_handle() -> int:
    """The ``dlopen`` handle of the libwasmtime wasmtime-py loaded."""
    require()
    return int(_c.ffi.dll._handle)


def struct_sizes() -> list[tuple[str, int]]:
    """wasmtime-py's ctypes sizes of ``NATIVE_STRUCTS``."""
    require()
    return [(name, ctypes.sizeof(getattr(_c.ffi, name))) for name in NATIVE_STRUCTS]


def context_address(store: wasmtime.Store) -> int:
    """The address of ``store``'s ``wasmtime_context_t`` (ValueError if it is closed)."""
    return ctypes.cast(store._context(), c_void_p).value or 0


def store_id(store: wasmtime.Store) -> int:
    """The id that the handles of ``store``'s objects carry (ValueError if it is closed)."""
    return _store_id(store)


def func_handle(store: wasmtime.Store, func: wasmtime.Func) -> bytes:
    """The 16 bytes of ``func``'s ``wasmtime_func_t``, after checking it belongs to ``store``."""
    handle = _func_handle(func)
    _check_store(store, handle.store_id, "the function")
    return bytes(handle)


def instance_handle(store: wasmtime.Store, instance: wasmtime.Instance) -> bytes:
    """The 16 bytes of ``instance``'s ``wasmtime_instance_t``, after checking it belongs to ``store``."""
    _check_store(store, instance._instance.store_id, "the instance")
    return bytes(instance._instance)


def table_handle(store: wasmtime.Store, table: wasmtime.Table) -> bytes:
    """The 24 bytes of ``table``'s ``wasmtime_table_t``, after checking it belongs to ``store``."""
    _check_store(store, table._table._anon_1.store_id, "the table")
    return bytes(table._table)


def memory_handle(
    store: wasmtime.Store, memory: wasmtime.Memory | wasmtime.SharedMemory
) -> tuple[bytes | None, int]:
    """(the ``wasmtime_memory_t`` bytes, 0) of a Memory of ``store``, or (None, the
    ``wasmtime_sharedmemory_t*``) of a SharedMemory, valid while the SharedMemory is open (the
    native core clones it at once)."""
    if isinstance(memory, wasmtime.Memory):
        _check_store(store, memory._memory._anon_1.store_id, "the memory")
        return bytes(memory._memory), 0
    return None, ctypes.cast(memory.ptr(), c_void_p).value or 0


def linker_address(linker: wasmtime.Linker) -> int:
    """The address of ``linker``'s ``wasmtime_linker_t``."""
    return ctypes.cast(linker.ptr(), c_void_p).value or 0


def functype_address(functype: wasmtime.FuncType) -> int:
    """The address of ``functype``'s ``wasm_functype_t`` (valid while ``functype`` lives)."""
    return ctypes.cast(functype.ptr(), c_void_p).value or 0


@contextlib.contextmanager
def borrowed_caller(address: int) -> Iterator[wasmtime.Caller]:
    """A ``wasmtime.Caller`` for the ``wasmtime_caller_t*`` at ``address``, valid in the block.

    Only for the duration of the host call that received ``address``.
    """
    caller = _HostCaller(address)
    try:
        yield caller
    finally:
        caller._invalidate()


def on_store_close(store: wasmtime.Store, callback: Callable[[], Any]) -> None:
    """Run ``callback`` (a bound method) just before wasmtime deletes ``store`` (``close()`` or
    collection), for as long as the method's object lives.

    A closed store leaves its context dangling: code that keeps the context (the native
    core) must learn of it first. wasmtime-py deletes a store through ``Store._delete``, so the
    store's class becomes a subclass whose ``_delete`` runs the callbacks first. The store
    holds each callback weakly (a ``WeakMethod``) and forgets it when its object is collected,
    so a store outliving many runtimes keeps nothing of them.
    """
    callbacks: dict[int, weakref.WeakMethod[Callable[[], Any]]] = store.__dict__.setdefault(
        _ON_CLOSE_ATTRIBUTE, {}
    )
    key = next(_CALLBACK_KEYS)

    def forget(_: object, pop: Callable[..., object] = callbacks.pop, key: int = key) -> None:
        pop(key, None)

    callbacks[key] = weakref.WeakMethod(callback, forget)
    cls = type(store)
    if cls in _NOTIFYING_CLASSES.values():
        return
    notifying = _NOTIFYING_CLASSES.get(cls)
    if notifying is None:
        notifying = _NOTIFYING_CLASSES[cls] = type(cls.__name__, (cls,), {"_delete": _notifying_delete})
        notifying.__module__ = cls.__module__
        notifying.__qualname__ = cls.__qualname__
    store.__class__ = notifying


def _notifying_delete(self: wasmtime.Store, ptr: Any) -> None:
    for weak_callback in list(self.__dict__.get(_ON_CLOSE_ATTRIBUTE, {}).values()):
        callback = weak_callback()
        if callback is not None:
            with contextlib.suppress(Exception):
                callback()
    original: Any = type(self).__mro__[1]  # the class on_store_close replaced
    original._delete(self, ptr)
