"""``FastTable``: funcref table access through the C API."""

from __future__ import annotations

from collections.abc import Callable
from ctypes import byref, c_uint64
from functools import partial
from typing import Any

import wasmtime

from ..errors import InvalidValueError
from ._capi import (
    _KIND_FUNCREF,
    _U64_LIMIT,
    OutOfBoundsError,
    TableGrowError,
    UnsupportedTypeError,
    _c,
    _func_handle,
    _wasmtime_error,
    require,
)
from .stores import _check_store
from .type_codes import _functype_codes

__all__ = ["FastTable"]


class FastTable:
    """A funcref table of ``store``, with ~0.5-1 µs ``set``/``get``/``size``/``grow``.

    ``Table.set`` rebuilds the table's ``TableType`` and a ``Val`` on every call; this keeps one
    preallocated ``wasmtime_val_t`` per direction and calls ``wasmtime_table_*`` directly.
    Indices are checked (``OutOfBoundsError``), functions must come from the same store.
    """

    __slots__ = (
        "_got",
        "_got_of",
        "_got_ref",
        "_null",
        "_null_ref",
        "_prev",
        "_prev_ref",
        "_store",
        "_store_id",
        "_table",
        "_table_ref",
        "_value",
        "_value_of",
        "_value_ref",
    )

    def __init__(self, store: Any, table: wasmtime.Table) -> None:
        require()
        if not isinstance(table, wasmtime.Table):
            raise TypeError(f"expected a wasmtime.Table, got {type(table).__name__}")
        self._store = store
        self._store_id = _check_store(store, table._table._anon_1.store_id, "the table")
        # Our own copy of the handle: the Table object may go away, the store keeps the table.
        self._table = _c.ffi.wasmtime_table_t.from_buffer_copy(table._table)
        self._table_ref = byref(self._table)

        tabletype = _c.wasmtime_table_type(store._context(), self._table_ref)
        try:
            element = _c.wasm_tabletype_element(tabletype)
            is_funcref = _c.wasmtime_wasm_valtype_equal(element, _c.funcref_prototype)
        finally:
            _c.wasm_tabletype_delete(tabletype)
        if not is_funcref:
            raise UnsupportedTypeError("FastTable needs a table of funcref elements")

        val_t = _c.ffi.wasmtime_val_t
        self._value = val_t()  # the funcref written by set() and grow()
        self._value.kind = _KIND_FUNCREF
        self._value_ref = byref(self._value)
        self._value_of = self._value.of  # a view into _value, kept to skip one lookup per set
        self._null = val_t()  # a null funcref: kind funcref, store_id 0
        self._null.kind = _KIND_FUNCREF
        self._null_ref = byref(self._null)
        self._got = val_t()  # filled by wasmtime_table_get
        self._got_ref = byref(self._got)
        self._got_of = self._got.of
        self._prev = c_uint64()
        self._prev_ref = byref(self._prev)

    def size(self) -> int:
        """The number of slots."""
        size: int = _c.wasmtime_table_size(self._store._context(), self._table_ref)
        return size

    def _init_ref(self, func: wasmtime.Func | None) -> Any:
        """A reference to a ``wasmtime_val_t`` holding ``func`` (or a null funcref)."""
        if func is None:
            return self._null_ref
        handle = _func_handle(func)
        if handle.store_id != self._store_id:
            _check_store(self._store, handle.store_id, "the function")
        self._value_of.funcref = handle
        return self._value_ref

    def set(self, index: int, func: wasmtime.Func | None) -> None:
        """Put ``func`` (``None`` for a null funcref) in slot ``index``."""
        if func is None:
            value_ref = self._null_ref
        else:  # _init_ref inlined: this is the hot path of closure_prepare/closure_free
            if not isinstance(func, wasmtime.Func):
                raise TypeError(f"expected a wasmtime.Func or None, got {type(func).__name__}")
            handle = func._func
            if handle.store_id != self._store_id:
                _check_store(self._store, handle.store_id, "the function")
            self._value_of.funcref = handle
            value_ref = self._value_ref
        if not 0 <= index < _U64_LIMIT:
            self._out_of_bounds(index)
        error = _c.wasmtime_table_set(self._store._context(), self._table_ref, index, value_ref)
        if error:
            message = str(_wasmtime_error(error))
            size = self.size()
            if index >= size:
                self._out_of_bounds(index, size)
            raise wasmtime.WasmtimeError(f"table set failed: {message}")

    def get_func(self, index: int) -> wasmtime.Func | None:
        """The function in slot ``index``, or ``None`` for a null slot."""
        if not self._get(index):
            return None
        return wasmtime.Func._from_raw(_c.ffi.wasmtime_func_t.from_buffer_copy(self._got_of.funcref))

    def slot_type_codes(self, index: int) -> tuple[bytes, bytes] | None:
        """The WASIX type codes (params, results) of the function in slot ``index``.

        ``None`` if the slot is null. Safe on v128 signatures (see ``func_type_codes``).
        """
        if not self._get(index):
            return None
        return _functype_codes(_c.wasmtime_func_type(self._store._context(), byref(self._got_of.funcref)))

    def slot_identity(self, index: int) -> bytes | None:
        """A value equal for equal functions in slot ``index`` (``None`` if null).

        Cheaper than reading a type: callers that validated a slot's function remember its
        identity and re-validate only when the slot now holds another function.
        """
        if not self._get(index):
            return None
        return bytes(self._got_of.funcref)

    def _get(self, index: int) -> bool:
        """Read slot ``index`` into ``_got``; True if it holds a (non-null) function."""
        if not 0 <= index < _U64_LIMIT:
            self._out_of_bounds(index)
        if not _c.wasmtime_table_get(self._store._context(), self._table_ref, index, self._got_ref):
            self._out_of_bounds(index)
        if self._got.kind != _KIND_FUNCREF:  # not reachable for a funcref table; stay tidy
            _c.wasmtime_val_unroot(self._got_ref)
            return False
        is_func: bool = self._got_of.funcref.store_id != 0
        return is_func

    def grow(self, delta: int, init: wasmtime.Func | None = None) -> int:
        """Add ``delta`` slots holding ``init`` (``None``: null); return the old size."""
        if not isinstance(delta, int) or not 0 <= delta < _U64_LIMIT:
            raise InvalidValueError(f"delta must be a non-negative int, got {delta!r}")
        value_ref = self._init_ref(init)
        error = _c.wasmtime_table_grow(
            self._store._context(), self._table_ref, delta, value_ref, self._prev_ref
        )
        if error:
            message = str(_wasmtime_error(error))
            raise TableGrowError(f"cannot grow the table by {delta} slots from {self.size()}: {message}")
        return self._prev.value

    # The raw C calls behind ``set(index, None)`` and ``grow(delta)``, for a caller that makes
    # the call itself together with its own bookkeeping and with no bytecode between
    # (``_atomic.atomically``): an asynchronous exception (a KeyboardInterrupt) then strikes
    # before both or after both (see ClosureRuntime.allocate and free).

    def clear_call(self, index: int) -> Callable[[], int | None]:
        """The C call that nulls slot ``index``; it returns an error or None."""
        return partial(_c.wasmtime_table_set, self._store._context(), self._table_ref, index, self._null_ref)

    def grow_call(self, delta: int) -> Callable[[], int | None]:
        """The C call that adds ``delta`` null slots; on success it returns None and
        ``grown_from()`` is the old size."""
        self._prev.value = _U64_LIMIT - 1  # no table is this large: "not grown"
        return partial(
            _c.wasmtime_table_grow,
            self._store._context(),
            self._table_ref,
            delta,
            self._null_ref,
            self._prev_ref,
        )

    def grown_from(self) -> int | None:
        """After a ``grow_call``: the old size if the table grew, else None."""
        value: int = self._prev.value
        return None if value == _U64_LIMIT - 1 else value

    def _out_of_bounds(self, index: Any, size: int | None = None) -> None:
        if size is None:
            size = self.size()
        raise OutOfBoundsError(f"table index {index!r} is out of bounds (table size {size})")
