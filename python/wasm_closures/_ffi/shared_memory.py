"""``importable``: lets a ``SharedMemory`` be imported (works around a wasmtime-py 50 bug)."""

from __future__ import annotations

import ctypes
from ctypes import POINTER
from typing import Any

import wasmtime

from ._capi import _c

__all__ = ["importable"]


class _ImportableSharedMemory(wasmtime.SharedMemory):
    """A second handle (``wasmtime_sharedmemory_clone``) to a shared memory, importable.

    wasmtime-py 50's ``SharedMemory._as_extern`` stores ``pointer(self.ptr())`` (a pointer to
    the pointer) in the extern union, which ctypes rejects with a TypeError, so a shared memory
    cannot be passed to ``Linker.define`` or ``Instance``. The union wants ``self.ptr()``
    itself; wasmtime clones the memory out of the extern, so the handle stays ours. ``size()``
    has the same ``byref`` slip and is fixed too. Being a ``SharedMemory``, the object passes
    wasmtime-py's ``isinstance`` checks and works wherever the original does.
    """

    def _as_extern(self) -> Any:
        ffi = _c.ffi
        union = ffi.wasmtime_extern_union(sharedmemory=self.ptr())
        return ffi.wasmtime_extern_t(ffi.WASMTIME_EXTERN_SHAREDMEMORY, union)

    def size(self) -> int:
        """The size in wasm pages."""
        pages: int = _c.ffi.wasmtime_sharedmemory_size(self.ptr())
        return pages


def importable(item: Any) -> Any:
    """``item`` unchanged, unless it is a ``wasmtime.SharedMemory``: then an equivalent object
    that ``Linker.define(store, module, name, obj)`` and ``Instance(store, module, [obj])``
    accept (see ``_ImportableSharedMemory``). The engine needs ``Config.wasm_threads`` and
    ``Config.shared_memory``. Without the internals the item is returned unchanged.
    """
    if not isinstance(item, wasmtime.SharedMemory) or isinstance(item, _ImportableSharedMemory):
        return item
    if _c is None:
        return item
    clone = _c.wasmtime_sharedmemory_clone(item.ptr())
    if not clone:
        raise wasmtime.WasmtimeError("wasmtime_sharedmemory_clone failed")
    ffi = _c.ffi
    return _ImportableSharedMemory._from_ptr(ctypes.cast(clone, POINTER(ffi.wasmtime_sharedmemory_t)))
