"""Store ids: which store a handle belongs to, checked before any C call that would abort."""

from __future__ import annotations

import contextlib
import ctypes
from ctypes import byref, c_void_p
from typing import Any

import wasmtime

from ..errors import InvalidValueError
from ._capi import _KIND_I32, _c, _wasmtime_error

__all__ = ["same_store"]

# A store's id is not exposed by the C API, but every handle made in the store carries it, and
# every C call given a handle with another store's context aborts. We learn a store's id by
# making a constant i32 global in it (a few bytes, freed with the store), once per store: it is
# cached on the ``Store`` object itself (attribute ``_STORE_ID_ATTRIBUTE``: dies with it, costs
# one getattr), and for ``Caller``/``StoreContext`` objects (one per host call) by their context
# address, which is the store's own context. An address can be reused by a later store, so for
# those a mismatch re-probes before it is reported (``_check_store``).
_STORE_ID_ATTRIBUTE = "_wasm_closures_store_id"
_IDS_BY_CONTEXT: dict[int, int] = {}
_MAX_CONTEXTS = 4096


def _probe_store_id(context: Any) -> int:
    value = _c.ffi.wasmtime_val_t()
    value.kind = _KIND_I32
    handle = _c.ffi.wasmtime_global_t()
    error = _c.wasmtime_global_new(context, _c.probe_globaltype, byref(value), byref(handle))
    if error:
        raise _wasmtime_error(error)
    return int(handle.store_id)


def _store_id(store: Any, fresh: bool = False) -> int:
    """The id that handles made in ``store`` (a Store, Caller or StoreContext) carry."""
    context = store._context()  # raises ValueError for a closed store or an expired Caller
    is_store = isinstance(store, wasmtime.Store)
    if is_store and not fresh:
        store_id: int | None = getattr(store, _STORE_ID_ATTRIBUTE, None)
        if store_id is not None:
            return store_id
    address = ctypes.cast(context, c_void_p).value or 0
    store_id = None if fresh or is_store else _IDS_BY_CONTEXT.get(address)
    if store_id is None:
        store_id = _probe_store_id(context)
        if len(_IDS_BY_CONTEXT) >= _MAX_CONTEXTS:
            _IDS_BY_CONTEXT.clear()
        _IDS_BY_CONTEXT[address] = store_id
        if is_store:
            # A Store subclass with __slots__: stay correct, uncached.
            with contextlib.suppress(AttributeError):
                setattr(store, _STORE_ID_ATTRIBUTE, store_id)
    return store_id


def same_store(store: wasmtime.Store, caller: Any) -> bool:
    """Whether ``caller`` (a ``Caller`` of a host call) runs in ``store``: their contexts match."""
    return ctypes.cast(caller._context(), c_void_p).value == ctypes.cast(store._context(), c_void_p).value


def _check_store(store: Any, handle_store_id: int, what: str) -> int:
    """Check that a handle with ``handle_store_id`` belongs to ``store``; return the store's id."""
    store_id = _store_id(store)
    if handle_store_id != store_id and not isinstance(store, wasmtime.Store):
        store_id = _store_id(store, fresh=True)  # the cached address may be a dead store's
    if handle_store_id != store_id:
        raise InvalidValueError(
            f"{what} belongs to another store (store id {handle_store_id}, this store is "
            f"{store_id}); wasmtime would abort the process"
        )
    return store_id
