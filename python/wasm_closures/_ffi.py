"""Fast paths into wasmtime-py's C API: the one module that touches wasmtime-py internals.

Why this exists
---------------
wasmtime-py's public wrappers convert every value through Python objects (``Val``, ``ValType``,
``FuncType``) on each call, so ``Table.set`` and ``Global.set_value`` cost about 10-15 µs and a
call into wasm about 45 µs, while the C functions underneath take about 0.5-2 µs. A closure host
does a table write for every prepare/free and calls into wasm on hot paths, so it goes through
the C API directly: preallocated ``wasmtime_val_t`` buffers, handles copied once, our own ctypes
prototypes (declared with ``c_void_p`` arguments, which ctypes converts about twice as fast as
wasmtime-py's typed prototypes). Host functions the other way (wasm calling Python) have the
same problem, about 8 µs a call; ``define_i32_func`` defines ``(i32 x N) -> i32`` ones through
the C API's raw-slot callback for about 0.7 µs.

Everything here relies on wasmtime-py internals (``wasmtime._ffi``: the loaded library and the
``ctypes`` struct layouts; the private attributes ``Func._func``, ``Table._table``,
``Global._global``, ``Memory._memory``, ``Store._context()``, ``Trap._from_ptr``,
``Trap._consume()``, ``WasmtimeError._from_ptr``; for host functions also
``wasmtime._func.LAST_EXCEPTION`` and the methods of ``Caller``). The rest of the package must
use this module rather than those internals, so that a wasmtime upgrade is checked and fixed in
one place.

Version policy
--------------
The supported range is ``wasmtime >=50.0.1,<51`` (``SUPPORTED_WASMTIME``). At import time the
module checks the installed version and every symbol, attribute and struct size it uses. It
never fails to import: if a check fails, ``AVAILABLE`` is ``False``, ``UNAVAILABLE_REASON``
says why, and the constructors and functions that need the internals raise
``InternalsUnavailableError`` (an ``ImportError``). Callers test ``AVAILABLE`` and fall back to
wasmtime-py's public API. ``importable()`` is the exception: it always works and returns its
argument unchanged when it cannot repair it. Setting ``WASM_CLOSURES_FFI=off`` in the
environment disables the fast paths on purpose (to test the fallbacks).

Safety rules this module enforces (wasmtime aborts the whole process otherwise)
------------------------------------------------------------------------------
* **Wrong store.** Any C call that gets a handle (``Func``, ``Table``, ``Global``, ``Memory``)
  with another store's context panics inside Rust, and a panic across the C API is a
  ``SIGABRT``. Every entry point checks that the handle's ``store_id`` is the store's; a
  store's id is learned once by creating a throwaway constant global in it (``_store_id``).
* **v128 types.** ``wasm_valtype_kind`` on a v128 type panics ("support for v128 is not
  implemented"), and wasmtime-py's ``ValType``/``Val`` call it. Types are identified here
  with ``wasmtime_wasm_valtype_equal`` against prototype value types, which is safe for every
  type (v128 included), so no ``ValType`` object is ever made.
* **Closed stores.** Objects keep a reference to their store and call ``store._context()`` on
  each operation, which raises ``ValueError`` if the store was closed (or a ``Caller`` has
  expired) instead of handing wasmtime a dangling pointer.
* **Bounds.** Table indices and memory ranges are checked before any raw access.

Lifetimes worth knowing
-----------------------
* A ``wasmtime_func_t`` (the payload of a funcref) is a plain ``(store_id, index)`` handle into
  its store: it is not a GC root and needs no unrooting; the function lives as long as the
  store. A ``wasmtime.Func`` Python object can be dropped after its handle went into a table.
  ``Func`` objects returned by ``FastTable.get_func`` are fresh handles equal to the stored one.
* A host function defined with ``define_i32_func`` is kept (with its Python callable) until
  wasmtime runs the definition's finalizer, not as long as some Python object lives.
* Only externref/anyref values are GC-rooted; this module never makes one, and unroots what a
  ``table_get`` returns if the table somehow held one.
* The objects here keep the store they were built with and use it on every operation: build
  them with the ``Store``; one built with a ``Caller`` stops working when the host call returns.
* None of these objects is thread-safe (neither is a wasmtime ``Store``): they reuse buffers.
"""

from __future__ import annotations

import ctypes
import itertools
import os
import re
import types
import typing
from ctypes import POINTER, byref, c_bool, c_char_p, c_size_t, c_uint8, c_uint32, c_uint64, c_void_p
from typing import Any, Callable, Dict, List, Optional, Tuple, Union

import wasmtime

from .errors import InvalidValueError, WasmClosuresError

__all__ = [
    "AVAILABLE",
    "SUPPORTED_WASMTIME",
    "UNAVAILABLE_REASON",
    "WASMTIME_VERSION",
    "FastCall",
    "FastI32Global",
    "FastTable",
    "InternalsUnavailableError",
    "OutOfBoundsError",
    "TableGrowError",
    "UnsupportedTypeError",
    "define_i32_func",
    "func_type_codes",
    "importable",
    "memory_address",
    "read",
    "read_u32",
    "require",
    "same_store",
    "write",
    "write_u32",
]

SUPPORTED_WASMTIME = ">=50.0.1,<51"
_MIN_VERSION = (50, 0, 1)
_MAX_VERSION_EXCLUSIVE = (51,)

# WASIX value type codes (SPEC.md); OTHER marks anything that cannot cross a closure.
I32, I64, F32, F64, V128, OTHER = 0, 1, 2, 3, 4, 0xFF

I32_MIN = -(1 << 31)
U32_MAX = (1 << 32) - 1
I64_MIN = -(1 << 63)
U64_MAX = (1 << 64) - 1
_U64_LIMIT = 1 << 64

# wasmtime_valkind_t values (wasmtime/val.h).
_KIND_I32, _KIND_I64, _KIND_F32, _KIND_F64, _KIND_V128, _KIND_FUNCREF = 0, 1, 2, 3, 4, 5
# wasm_valkind_t values (wasm.h), only for building prototype types.
_WASM_I32, _WASM_I64, _WASM_F32, _WASM_F64, _WASM_FUNCREF = 0, 1, 2, 3, 129
_WASM_CONST, _WASM_VAR = 0, 1


class InternalsUnavailableError(WasmClosuresError, ImportError):
    """The installed wasmtime-py lacks the internals this module needs (see ``AVAILABLE``)."""


class OutOfBoundsError(InvalidValueError, IndexError):
    """A table index or memory range lies outside the table or memory."""


class TableGrowError(WasmClosuresError, RuntimeError):
    """A table could not grow (its maximum or the store's limits)."""


class UnsupportedTypeError(InvalidValueError):
    """A signature or value type this fast path does not handle (v128, reference types)."""


# --------------------------------------------------------------------------------------------
# Import-time check and binding
# --------------------------------------------------------------------------------------------

def _parse_version(text: str) -> Tuple[int, ...]:
    match = re.match(r"(\d+(?:\.\d+)*)", text)
    return tuple(int(part) for part in match.group(1).split(".")) if match else ()


def _installed_version() -> Optional[str]:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("wasmtime")
    except PackageNotFoundError:
        return None


WASMTIME_VERSION: Optional[str] = _installed_version()
"""The installed wasmtime-py version, as its metadata says (``None`` if it has none)."""


class _ValtypeVec(ctypes.Structure):
    """``wasm_valtype_vec_t`` with the elements as raw addresses (no ``ValType`` objects)."""

    _fields_ = [("size", c_size_t), ("data", POINTER(c_void_p))]


# (name, restype, argtypes) of every C function used. ``c_void_p`` everywhere a pointer goes:
# ctypes accepts pointer instances, ``byref()`` results and ints for it, and converts them
# faster than typed ``POINTER(T)`` arguments. Errors come back as addresses (0 = success).
_PROTOTYPES: Dict[str, Tuple[Any, List[Any]]] = {
    "wasmtime_table_size": (c_uint64, [c_void_p, c_void_p]),
    "wasmtime_table_set": (c_void_p, [c_void_p, c_void_p, c_uint64, c_void_p]),
    "wasmtime_table_get": (c_bool, [c_void_p, c_void_p, c_uint64, c_void_p]),
    "wasmtime_table_grow": (c_void_p, [c_void_p, c_void_p, c_uint64, c_void_p, c_void_p]),
    "wasmtime_table_type": (c_void_p, [c_void_p, c_void_p]),
    "wasm_tabletype_element": (c_void_p, [c_void_p]),
    "wasm_tabletype_delete": (None, [c_void_p]),
    "wasmtime_global_get": (None, [c_void_p, c_void_p, c_void_p]),
    "wasmtime_global_set": (c_void_p, [c_void_p, c_void_p, c_void_p]),
    "wasmtime_global_new": (c_void_p, [c_void_p, c_void_p, c_void_p, c_void_p]),
    "wasmtime_global_type": (c_void_p, [c_void_p, c_void_p]),
    "wasm_globaltype_new": (c_void_p, [c_void_p, c_uint8]),
    "wasm_globaltype_content": (c_void_p, [c_void_p]),
    "wasm_globaltype_mutability": (c_uint8, [c_void_p]),
    "wasm_globaltype_delete": (None, [c_void_p]),
    "wasmtime_func_call": (c_void_p, [c_void_p, c_void_p, c_void_p, c_size_t, c_void_p, c_size_t,
                                      c_void_p]),
    "wasmtime_func_type": (c_void_p, [c_void_p, c_void_p]),
    "wasm_functype_params": (POINTER(_ValtypeVec), [c_void_p]),
    "wasm_functype_results": (POINTER(_ValtypeVec), [c_void_p]),
    "wasm_functype_delete": (None, [c_void_p]),
    "wasm_valtype_new": (c_void_p, [c_uint8]),
    "wasmtime_wasm_valtype_v128": (c_void_p, []),
    "wasmtime_wasm_valtype_equal": (c_bool, [c_void_p, c_void_p]),
    "wasmtime_val_unroot": (None, [c_void_p]),
    "wasmtime_memory_data": (c_void_p, [c_void_p, c_void_p]),
    "wasmtime_memory_data_size": (c_size_t, [c_void_p, c_void_p]),
    "wasmtime_sharedmemory_data": (c_void_p, [c_void_p]),
    "wasmtime_sharedmemory_data_size": (c_size_t, [c_void_p]),
    "wasmtime_sharedmemory_clone": (c_void_p, [c_void_p]),
    # The callback and finalizer arguments get their ctypes types in ``_bind``.
    "wasmtime_linker_define_func_unchecked": (c_void_p, [c_void_p, c_char_p, c_size_t, c_char_p,
                                                          c_size_t, c_void_p, None, c_void_p,
                                                          None]),
}

# Struct layouts we read or build (sizes on 64-bit wasmtime 50 headers).
_STRUCT_SIZES = {
    "wasmtime_val_t": 32,
    "wasmtime_func_t": 16,
    "wasmtime_table_t": 24,
    "wasmtime_global_t": 24,
    "wasmtime_memory_t": 24,
    "wasmtime_extern_t": 32,
    "wasmtime_val_raw_t": 16,
}


class _C:
    """The bound C functions (attributes named after them) and a few constants."""


def _bind() -> Any:
    """Check the installed wasmtime-py and bind what we use; raise with the reason if not."""
    if os.environ.get("WASM_CLOSURES_FFI", "").strip().lower() in ("off", "0", "no", "false"):
        raise InternalsUnavailableError("disabled by WASM_CLOSURES_FFI=off")
    version = WASMTIME_VERSION
    if version is None:
        raise InternalsUnavailableError("cannot read the installed wasmtime version")
    parsed = _parse_version(version)
    if not (_MIN_VERSION <= parsed < _MAX_VERSION_EXCLUSIVE):
        raise InternalsUnavailableError(
            f"wasmtime {version} is installed; the C API fast paths support wasmtime "
            f"{SUPPORTED_WASMTIME} only"
        )
    try:
        from wasmtime import _ffi as ffi
        from wasmtime import _func as func_module
    except ImportError as exc:
        raise InternalsUnavailableError(f"wasmtime internals did not import: {exc}") from None

    for name, size in _STRUCT_SIZES.items():
        struct = getattr(ffi, name, None)
        if struct is None or ctypes.sizeof(struct) != size:
            raise InternalsUnavailableError(f"wasmtime._ffi.{name} is missing or changed size")
    required_attributes: List[Tuple[Union[type, types.ModuleType], str]] = [
        (wasmtime.Store, "_context"), (wasmtime.Trap, "_from_ptr"),
        (wasmtime.WasmtimeError, "_from_ptr"), (wasmtime.Func, "_from_raw"),
        (wasmtime.SharedMemory, "_from_ptr"), (wasmtime.SharedMemory, "ptr"),
        (func_module, "maybe_raise_last_exn"), (func_module, "LAST_EXCEPTION"),
        (wasmtime.Trap, "_consume"), (wasmtime.Caller, "_invalidate"), (wasmtime.Linker, "ptr"),
        (ffi, "wasmtime_caller_t"), (ffi, "dll"), (ffi, "wasm_trap_t"),
        (ffi, "wasmtime_error_t"), (ffi, "wasmtime_sharedmemory_t"),
        (ffi, "wasmtime_extern_union"), (ffi, "WASMTIME_EXTERN_SHAREDMEMORY"),
    ]
    for owner, attribute in required_attributes:
        if not hasattr(owner, attribute):
            raise InternalsUnavailableError(f"wasmtime internals changed: no {owner.__name__}.{attribute}")
    # ``_HostCaller`` overrides every Caller method that reads the caller's pointer.
    caller_methods = {k for k, v in vars(wasmtime.Caller).items() if callable(v)}
    if caller_methods != {"__init__", "__getitem__", "get", "_context", "_invalidate"}:
        raise InternalsUnavailableError(f"wasmtime.Caller changed: methods {sorted(caller_methods)}")
    # The handle structs must expose the store id where we read it.
    try:
        ffi.wasmtime_func_t.store_id
        ffi.wasmtime_global_t.store_id
        ffi.wasmtime_table_t._anon_1
        ffi.wasmtime_memory_t._anon_1
        ffi.wasmtime_valunion_t.funcref
    except AttributeError as exc:
        raise InternalsUnavailableError(f"wasmtime handle layout changed: {exc}") from None

    c: Any = _C()  # filled in below: the attributes are the names in _PROTOTYPES and more
    # The host function callback (``wasmtime_func_unchecked_callback_t``, returning the
    # ``wasm_trap_t*`` or NULL) and finalizer types; the section "Host functions" makes the
    # one instance of each.
    c.host_callback_type = ctypes.CFUNCTYPE(c_void_p, c_void_p, c_void_p, c_void_p, c_size_t)
    c.host_finalizer_type = ctypes.CFUNCTYPE(None, c_void_p)
    for name, (restype, argtypes) in _PROTOTYPES.items():
        try:
            # ``dll[name]`` makes a fresh function object; ``dll.name`` would return the one
            # wasmtime-py configured, whose restype/argtypes we must not change.
            function = ffi.dll[name]
        except AttributeError:
            raise InternalsUnavailableError(f"the wasmtime library lacks {name}") from None
        function.restype = restype
        if name == "wasmtime_linker_define_func_unchecked":
            argtypes = list(argtypes)
            argtypes[6], argtypes[8] = c.host_callback_type, c.host_finalizer_type
        function.argtypes = argtypes
        setattr(c, name, function)
    c.ffi = ffi
    c.func_module = func_module
    c.maybe_raise_last_exn = func_module.maybe_raise_last_exn
    # Prototype value types, compared with ``wasmtime_wasm_valtype_equal`` to identify types
    # without ``wasm_valtype_kind`` (which aborts on v128). Owned here for the process' life.
    c.type_prototypes = (
        (c.wasm_valtype_new(_WASM_I32), I32),
        (c.wasm_valtype_new(_WASM_I64), I64),
        (c.wasm_valtype_new(_WASM_F32), F32),
        (c.wasm_valtype_new(_WASM_F64), F64),
        (c.wasmtime_wasm_valtype_v128(), V128),
    )
    c.funcref_prototype = c.wasm_valtype_new(_WASM_FUNCREF)
    # The type of the throwaway global that reveals a store's id (see ``_store_id``).
    c.probe_globaltype = c.wasm_globaltype_new(c.wasm_valtype_new(_WASM_I32), _WASM_CONST)
    if not all(p for p, _ in c.type_prototypes) or not c.funcref_prototype or not c.probe_globaltype:
        raise InternalsUnavailableError("could not build prototype value types")
    return c


try:
    _c: Any = _bind()
    AVAILABLE = True
    UNAVAILABLE_REASON: Optional[str] = None
except InternalsUnavailableError as _exc:
    _c = None
    AVAILABLE = False
    UNAVAILABLE_REASON = str(_exc)


def require() -> None:
    """Raise ``InternalsUnavailableError`` unless the fast paths are available."""
    if _c is None:
        raise InternalsUnavailableError(
            f"wasm_closures fast paths unavailable: {UNAVAILABLE_REASON}; use wasmtime's public API"
        )


# --------------------------------------------------------------------------------------------
# Small shared helpers
# --------------------------------------------------------------------------------------------

def _wasmtime_error(address: int) -> wasmtime.WasmtimeError:
    """Wrap (and take ownership of) a ``wasmtime_error_t*`` returned by a C call."""
    ffi = _c.ffi
    return wasmtime.WasmtimeError._from_ptr(ctypes.cast(address, POINTER(ffi.wasmtime_error_t)))


def _check_i32(value: int, what: str) -> None:
    if not isinstance(value, int):
        raise InvalidValueError(f"{what} must be an int, got {value!r}")
    if not I32_MIN <= value <= U32_MAX:
        raise InvalidValueError(
            f"{what} {value!r} is outside the i32 range -2**31 .. 2**32-1 (unsigned values are "
            f"stored as their i32 bits)"
        )


# A store's id is not exposed by the C API, but every handle made in the store carries it, and
# every C call given a handle with another store's context aborts. We learn a store's id by
# making a constant i32 global in it (a few bytes, freed with the store), once per store: it is
# cached on the ``Store`` object itself (attribute ``_STORE_ID_ATTRIBUTE``: dies with it, costs
# one getattr), and for ``Caller``/``StoreContext`` objects (one per host call) by their context
# address, which is the store's own context. An address can be reused by a later store, so for
# those a mismatch re-probes before it is reported (``_check_store``).
_STORE_ID_ATTRIBUTE = "_wasm_closures_store_id"
_IDS_BY_CONTEXT: Dict[int, int] = {}
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
        store_id = getattr(store, _STORE_ID_ATTRIBUTE, None)
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
            try:
                setattr(store, _STORE_ID_ATTRIBUTE, store_id)
            except AttributeError:  # a Store subclass with __slots__: stay correct, uncached
                pass
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


def _func_handle(func: Any) -> Any:
    if not isinstance(func, wasmtime.Func):
        raise TypeError(f"expected a wasmtime.Func or None, got {type(func).__name__}")
    return func._func


def _vec_codes(vec: Any) -> bytes:
    """WASIX codes of a ``wasm_valtype_vec_t``, identified by equality with prototypes."""
    contents = vec.contents
    codes = bytearray()
    equal = _c.wasmtime_wasm_valtype_equal
    for i in range(contents.size):
        valtype = contents.data[i]
        for prototype, code in _c.type_prototypes:
            if equal(valtype, prototype):
                codes.append(code)
                break
        else:
            codes.append(OTHER)
    return bytes(codes)


def _functype_codes(functype: int) -> Tuple[bytes, bytes]:
    """Codes of an owned ``wasm_functype_t*``, which this deletes."""
    try:
        return (_vec_codes(_c.wasm_functype_params(functype)),
                _vec_codes(_c.wasm_functype_results(functype)))
    finally:
        _c.wasm_functype_delete(functype)


def func_type_codes(store: Any, func: wasmtime.Func) -> Tuple[bytes, bytes]:
    """The (params, results) types of ``func`` as bytes of WASIX codes.

    I32=0, I64=1, F32=2, F64=3, V128=4; any other type (funcref, externref, typed references)
    is 0xFF. Read through the C API without making ``ValType`` objects, so it is safe on v128
    signatures, which make wasmtime-py abort.
    """
    require()
    handle = _func_handle(func)
    _check_store(store, handle.store_id, "the function")
    return _functype_codes(_c.wasmtime_func_type(store._context(), byref(handle)))


# --------------------------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------------------------

class FastTable:
    """A funcref table of ``store``, with ~0.5-1 µs ``set``/``get``/``size``/``grow``.

    ``Table.set`` rebuilds the table's ``TableType`` and a ``Val`` on every call; this keeps one
    preallocated ``wasmtime_val_t`` per direction and calls ``wasmtime_table_*`` directly.
    Indices are checked (``OutOfBoundsError``), functions must come from the same store.
    """

    __slots__ = ("_store", "_store_id", "_table", "_table_ref", "_value", "_value_ref",
                 "_value_of", "_null", "_null_ref", "_got", "_got_ref", "_got_of", "_prev",
                 "_prev_ref")

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
        self._value = val_t()            # the funcref written by set() and grow()
        self._value.kind = _KIND_FUNCREF
        self._value_ref = byref(self._value)
        self._value_of = self._value.of  # a view into _value, kept to skip one lookup per set
        self._null = val_t()              # a null funcref: kind funcref, store_id 0
        self._null.kind = _KIND_FUNCREF
        self._null_ref = byref(self._null)
        self._got = val_t()               # filled by wasmtime_table_get
        self._got_ref = byref(self._got)
        self._got_of = self._got.of
        self._prev = c_uint64()
        self._prev_ref = byref(self._prev)

    def size(self) -> int:
        """The number of slots."""
        return _c.wasmtime_table_size(self._store._context(), self._table_ref)

    def _init_ref(self, func: Optional[wasmtime.Func]) -> Any:
        """A reference to a ``wasmtime_val_t`` holding ``func`` (or a null funcref)."""
        if func is None:
            return self._null_ref
        handle = _func_handle(func)
        if handle.store_id != self._store_id:
            _check_store(self._store, handle.store_id, "the function")
        self._value_of.funcref = handle
        return self._value_ref

    def set(self, index: int, func: Optional[wasmtime.Func]) -> None:
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

    def get_func(self, index: int) -> Optional[wasmtime.Func]:
        """The function in slot ``index``, or ``None`` for a null slot."""
        if not self._get(index):
            return None
        return wasmtime.Func._from_raw(_c.ffi.wasmtime_func_t.from_buffer_copy(self._got_of.funcref))

    def slot_type_codes(self, index: int) -> Optional[Tuple[bytes, bytes]]:
        """The WASIX type codes (params, results) of the function in slot ``index``.

        ``None`` if the slot is null. Safe on v128 signatures (see ``func_type_codes``).
        """
        if not self._get(index):
            return None
        return _functype_codes(_c.wasmtime_func_type(self._store._context(), byref(self._got_of.funcref)))

    def slot_identity(self, index: int) -> Optional[bytes]:
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
        return self._got_of.funcref.store_id != 0

    def grow(self, delta: int, init: Optional[wasmtime.Func] = None) -> int:
        """Add ``delta`` slots holding ``init`` (``None``: null); return the old size."""
        if not isinstance(delta, int) or not 0 <= delta < _U64_LIMIT:
            raise InvalidValueError(f"delta must be a non-negative int, got {delta!r}")
        value_ref = self._init_ref(init)
        error = _c.wasmtime_table_grow(self._store._context(), self._table_ref, delta,
                                       value_ref, self._prev_ref)
        if error:
            message = str(_wasmtime_error(error))
            raise TableGrowError(
                f"cannot grow the table by {delta} slots from {self.size()}: {message}"
            )
        return self._prev.value

    def _out_of_bounds(self, index: Any, size: Optional[int] = None) -> None:
        if size is None:
            size = self.size()
        raise OutOfBoundsError(f"table index {index!r} is out of bounds (table size {size})")


# --------------------------------------------------------------------------------------------
# Globals
# --------------------------------------------------------------------------------------------

class FastI32Global:
    """An i32 global of ``store`` with ~0.5 µs ``get``/``set``.

    ``set`` accepts -2**31 .. 2**32-1 and stores the value's i32 bits (so 0xFFFFFFFF is -1);
    ``get`` returns the signed value like wasmtime-py (``get() & 0xFFFFFFFF`` for unsigned).
    Immutable globals are accepted for reading; ``set`` on them raises ``InvalidValueError``.
    """

    __slots__ = ("_store", "_global", "_global_ref", "_value", "_value_ref", "_value_of",
                 "mutable")

    def __init__(self, store: Any, global_: wasmtime.Global) -> None:
        require()
        if not isinstance(global_, wasmtime.Global):
            raise TypeError(f"expected a wasmtime.Global, got {type(global_).__name__}")
        self._store = store
        _check_store(store, global_._global.store_id, "the global")
        self._global = _c.ffi.wasmtime_global_t.from_buffer_copy(global_._global)
        self._global_ref = byref(self._global)
        globaltype = _c.wasmtime_global_type(store._context(), self._global_ref)
        try:
            is_i32 = _c.wasmtime_wasm_valtype_equal(_c.wasm_globaltype_content(globaltype),
                                                    _c.type_prototypes[0][0])
            self.mutable: bool = _c.wasm_globaltype_mutability(globaltype) == _WASM_VAR
        finally:
            _c.wasm_globaltype_delete(globaltype)
        if not is_i32:
            raise UnsupportedTypeError("FastI32Global needs a global of type i32")
        self._value = _c.ffi.wasmtime_val_t()
        self._value.kind = _KIND_I32
        self._value_ref = byref(self._value)
        self._value_of = self._value.of

    def get(self) -> int:
        """The global's value, signed."""
        _c.wasmtime_global_get(self._store._context(), self._global_ref, self._value_ref)
        return self._value_of.i32

    def set(self, value: int) -> None:
        """Store ``value`` (-2**31 .. 2**32-1, kept as i32 bits)."""
        if not I32_MIN <= value <= U32_MAX:
            _check_i32(value, "global value")
        if not self.mutable:
            raise InvalidValueError("cannot set an immutable global")
        self._value.kind = _KIND_I32  # get() leaves it as is, but stay explicit
        self._value_of.i32 = value
        error = _c.wasmtime_global_set(self._store._context(), self._global_ref, self._value_ref)
        if error:
            raise _wasmtime_error(error)


# --------------------------------------------------------------------------------------------
# Calls into wasm
# --------------------------------------------------------------------------------------------

# Signature letters: wasmtime value kind, WASIX code, ctypes union field, accepted range.
_LETTERS = {
    "i": (_KIND_I32, I32, "i32", (I32_MIN, U32_MAX)),
    "I": (_KIND_I64, I64, "i64", (I64_MIN, U64_MAX)),
    "f": (_KIND_F32, F32, "f32", None),
    "F": (_KIND_F64, F64, "f64", None),
}
_LETTER_OF_CODE = {I32: "i", I64: "I", F32: "f", F64: "F", V128: "v128", OTHER: "ref"}


def _letters(codes: bytes) -> str:
    return "".join(_LETTER_OF_CODE.get(code, "?") for code in codes)


class FastCall:
    """Call a wasm function with ~2 µs of overhead instead of ~45 µs.

    ``params`` and ``results`` are strings of type letters: ``i`` i32, ``I`` i64, ``f`` f32,
    ``F`` f64 (e.g. ``FastCall(store, f, "ii", "i")``); they must match the function's type,
    which is checked once here (v128 and reference types are refused). Calling returns ``None``,
    the value, or a tuple of values. i32/i64 arguments accept the signed and unsigned ranges
    and pass the bits; floats accept ints. A trap raises ``wasmtime.Trap`` and other failures
    ``wasmtime.WasmtimeError``, as ``Func.__call__`` does; an exception raised by a Python host
    function during the call is re-raised as wasmtime-py does.

    The argument and result buffers are reused; reentrant calls are fine (wasmtime reads the
    arguments before running and writes the results last), threads sharing one object are not.
    """

    __slots__ = ("_store", "_func", "_func_ref", "_params", "_results", "_nparams",
                 "_nresults", "_param_of", "_param_fields", "_param_ranges", "_result_of",
                 "_result_fields", "_trap", "_trap_ref", "params", "results")

    def __init__(self, store: Any, func: wasmtime.Func, params: str, results: str) -> None:
        require()
        for letters, what in ((params, "params"), (results, "results")):
            if not isinstance(letters, str):
                raise InvalidValueError(f"{what} must be a str of type letters, got {letters!r}")
            for letter in letters:
                if letter not in _LETTERS:
                    raise UnsupportedTypeError(
                        f"{what} {letters!r}: type letter {letter!r} is not one of i (i32), "
                        f"I (i64), f (f32), F (f64); v128 and reference types are not supported"
                    )
        handle = _func_handle(func)
        actual_params, actual_results = func_type_codes(store, func)
        wanted_params = bytes(_LETTERS[x][1] for x in params)
        wanted_results = bytes(_LETTERS[x][1] for x in results)
        if (actual_params, actual_results) != (wanted_params, wanted_results):
            unsupported = V128 in actual_params + actual_results or OTHER in actual_params + actual_results
            raise (UnsupportedTypeError if unsupported else InvalidValueError)(
                f"signature mismatch: the function is ({_letters(actual_params)}) -> "
                f"({_letters(actual_results)}), FastCall was given ({params}) -> ({results})"
            )
        self._store = store
        self.params = params
        self.results = results
        self._func = _c.ffi.wasmtime_func_t.from_buffer_copy(handle)
        self._func_ref = byref(self._func)
        self._nparams = len(params)
        self._nresults = len(results)
        val_t = _c.ffi.wasmtime_val_t
        # At least one element each so the buffers have an address even for () -> ().
        self._params = (val_t * max(1, len(params)))()
        self._results = (val_t * max(1, len(results)))()
        for i, letter in enumerate(params):
            self._params[i].kind = _LETTERS[letter][0]
        # Views of each value's union, and the field to use: set/read with setattr/getattr.
        self._param_of = tuple(self._params[i].of for i in range(len(params)))
        self._param_fields = tuple(_LETTERS[x][2] for x in params)
        self._param_ranges = tuple(_LETTERS[x][3] for x in params)
        self._result_of = tuple(self._results[i].of for i in range(len(results)))
        self._result_fields = tuple(_LETTERS[x][2] for x in results)
        self._trap = c_void_p()  # the wasm_trap_t* out-parameter; reset after each trap
        self._trap_ref = byref(self._trap)

    def __call__(self, *args: Union[int, float]) -> Any:
        if len(args) != self._nparams:
            raise TypeError(f"expected {self._nparams} arguments ({self.params}), got {len(args)}")
        for of, field, bounds, arg in zip(self._param_of, self._param_fields,
                                          self._param_ranges, args):
            if bounds is not None and not bounds[0] <= arg <= bounds[1]:
                raise InvalidValueError(
                    f"argument {arg!r} is outside the {field} range {bounds[0]} .. {bounds[1]}"
                )
            setattr(of, field, arg)
        error = _c.wasmtime_func_call(self._store._context(), self._func_ref, self._params,
                                      self._nparams, self._results, self._nresults,
                                      self._trap_ref)
        if error or self._trap.value:
            self._raise_failure(error)
        if self._nresults == 1:
            return getattr(self._result_of[0], self._result_fields[0])
        if self._nresults == 0:
            return None
        return tuple(getattr(of, field) for of, field in zip(self._result_of, self._result_fields))

    def _raise_failure(self, error: Optional[int]) -> None:
        ffi = _c.ffi
        if error:
            exception: Exception = _wasmtime_error(error)
        else:
            # Called only when ``error or self._trap.value``: without an error there is a trap.
            trap_address = typing.cast(int, self._trap.value)
            self._trap.value = None
            exception = wasmtime.Trap._from_ptr(ctypes.cast(trap_address, POINTER(ffi.wasm_trap_t)))
        # A Python host function that raised left its exception here; wasmtime-py re-raises it.
        _c.maybe_raise_last_exn()
        raise exception


# --------------------------------------------------------------------------------------------
# Linear memory
# --------------------------------------------------------------------------------------------

def memory_address(store: Any, memory: Union[wasmtime.Memory, wasmtime.SharedMemory]) -> Tuple[int, int]:
    """(base address, size in bytes) of a ``Memory`` or ``SharedMemory``, read now.

    The base of a non-shared memory can move when it grows (wasmtime's default 64-bit
    configuration reserves it in place, but do not rely on that): use the pair at once and
    read it again after anything that may have run wasm or grown the memory. The size only
    ever grows. A shared memory never moves; ``store`` is not used for it.
    """
    if _c is None:
        require()
    if isinstance(memory, wasmtime.Memory):
        handle = memory._memory
        if handle._anon_1.store_id != _store_id(store):
            _check_store(store, handle._anon_1.store_id, "the memory")
        context = store._context()
        reference = byref(handle)
        return (_c.wasmtime_memory_data(context, reference) or 0,
                _c.wasmtime_memory_data_size(context, reference))
    if isinstance(memory, wasmtime.SharedMemory):
        pointer = memory.ptr()
        return _c.wasmtime_sharedmemory_data(pointer) or 0, _c.wasmtime_sharedmemory_data_size(pointer)
    raise TypeError(f"expected a wasmtime.Memory or SharedMemory, got {type(memory).__name__}")


def _checked_address(store: Any, memory: Any, offset: int, length: int) -> int:
    """The host address of ``memory[offset:offset+length]``, after checking the range."""
    if not (isinstance(offset, int) and isinstance(length, int)):
        raise InvalidValueError(f"offset and length must be ints, got {offset!r}, {length!r}")
    base, size = memory_address(store, memory)
    if offset < 0 or length < 0 or offset + length > size:
        raise OutOfBoundsError(
            f"memory range [{offset}, {offset}+{length}) is outside the memory of {size} bytes"
        )
    return base + offset


def read(store: Any, memory: Any, offset: int, length: int) -> bytes:
    """Copy ``length`` bytes at ``offset`` out of the memory (bounds-checked)."""
    address = _checked_address(store, memory, offset, length)
    return ctypes.string_at(address, length) if length else b""


def write(store: Any, memory: Any, offset: int, data: Union[bytes, bytearray, memoryview]) -> None:
    """Copy ``data`` into the memory at ``offset`` (bounds-checked)."""
    data = bytes(data)
    address = _checked_address(store, memory, offset, len(data))
    if data:
        ctypes.memmove(address, data, len(data))


def read_u32(store: Any, memory: Any, offset: int) -> int:
    """The little-endian u32 at ``offset`` (bounds-checked)."""
    return int.from_bytes(ctypes.string_at(_checked_address(store, memory, offset, 4), 4), "little")


def write_u32(store: Any, memory: Any, offset: int, value: int) -> None:
    """Store ``value`` (-2**31 .. 2**32-1, as its 32 bits) little-endian at ``offset``."""
    _check_i32(value, "value")
    address = _checked_address(store, memory, offset, 4)
    ctypes.memmove(address, (value & U32_MAX).to_bytes(4, "little"), 4)


# --------------------------------------------------------------------------------------------
# Shared memory as an import
# --------------------------------------------------------------------------------------------

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
        return _c.ffi.wasmtime_sharedmemory_size(self.ptr())


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


# --------------------------------------------------------------------------------------------
# Host functions taking and returning i32
# --------------------------------------------------------------------------------------------

# Live host functions by the key wasmtime hands back to the callback (its ``env``): the entry
# is removed by the finalizer, which wasmtime runs once the linker and every store that
# instantiated through it have dropped the definition.
_HOST_FUNCS: Dict[int, Tuple[Callable[..., Any], Any, int, bool]] = {}
_HOST_KEYS = itertools.count(1)
# A trap made in advance (an owned ``wasm_trap_t*`` address), for an exception that strikes
# while the callback builds its trap; remade by the next ``define_i32_func``.
_SPARE_TRAP: list = [None]
_MAX_HOST_PARAMS = 64
# One ``wasmtime_val_raw_t`` is 16 bytes: four u32, the i32 value in the first.
_U32_PER_RAW = 4


def define_i32_func(
    linker: wasmtime.Linker,
    module: str,
    name: str,
    nparams: int,
    func: Callable[..., int],
    *,
    access_caller: bool = False,
) -> None:
    """Define ``module.name`` of type ``(i32 x nparams) -> i32`` in ``linker``, run by ``func``.

    The fast equivalent of ``linker.define_func(module, name, FuncType([i32] * nparams,
    [i32]), func, access_caller)``: the definition goes through
    ``wasmtime_linker_define_func_unchecked``, whose callback gets the raw argument slots
    (``wasmtime_val_raw_t``), so no ``Val``/``ValType`` object is made per call. A call from
    wasm to an ``(i32) -> i32`` function costs about 0.7 µs (1.0 µs with ``access_caller``)
    instead of about 8 µs, and ``define_func``'s cost grows with every argument.

    * **Arguments are unsigned**: ``func`` gets each i32 as an int in 0 .. 2**32-1 (its 32
      bits; wasmtime-py's ``define_func`` passes them signed). Use
      ``x - (1 << 32) if x >> 31 else x`` for the signed value.
    * **The result** must be an int in -2**31 .. 2**32-1 (``bool`` and ``IntEnum`` included);
      its 32 bits are returned. Any other result is treated as an exception (below).
    * **Exceptions never reach ctypes.** Any ``BaseException`` raised by ``func`` (or a bad
      result) becomes a trap "python exception", and the exception is kept where wasmtime-py
      keeps its own host functions' exceptions (``wasmtime._func.LAST_EXCEPTION``): the call
      into wasm that led here re-raises that exception, whether it was made with
      ``Func.__call__``, ``FastCall``, or by instantiation (a start function). Inside wasm
      it is a trap like any other.
    * **Caller.** With ``access_caller=True``, ``func`` gets a ``wasmtime.Caller`` first, for
      the calling instance's exports (``caller.get(name)``) and as a store for the duration
      of the call; it is invalidated when the call returns, as wasmtime-py does.
    * **Lifetime.** ``func`` is kept alive until wasmtime calls the definition's finalizer
      (when the linker and every store instantiated through it are gone), so it can never be
      collected while wasm can still call it. The C callback and finalizer are one shared
      pair, created once and never freed.

    ``nparams`` is 0 .. 64. Shadowing follows the linker (``allow_shadowing``): defining a
    name twice raises ``wasmtime.WasmtimeError`` otherwise, as ``define_func`` does.
    """
    require()
    if not isinstance(linker, wasmtime.Linker):
        raise TypeError(f"expected a wasmtime.Linker, got {type(linker).__name__}")
    if not isinstance(module, str) or not isinstance(name, str):
        raise TypeError(f"module and name must be str, got {module!r}, {name!r}")
    if isinstance(nparams, bool) or not isinstance(nparams, int) or not 0 <= nparams <= _MAX_HOST_PARAMS:
        raise InvalidValueError(f"nparams must be an int in 0..={_MAX_HOST_PARAMS}, got {nparams!r}")
    if not callable(func):
        raise TypeError(f"func must be callable, got {func!r}")
    if _SPARE_TRAP[0] is None:
        _SPARE_TRAP[0] = ctypes.cast(wasmtime.Trap("python exception")._consume(), c_void_p).value
    i32 = wasmtime.ValType.i32()
    functype = wasmtime.FuncType([i32] * nparams, [i32])
    # The slots wasmtime passes: max(nparams, nresults) raw values, read as u32 quadruples.
    slots = c_uint32 * (_U32_PER_RAW * max(nparams, 1))
    key = next(_HOST_KEYS)
    _HOST_FUNCS[key] = (func, slots, _U32_PER_RAW * nparams, bool(access_caller))
    module_bytes = module.encode("utf-8")
    name_bytes = name.encode("utf-8")
    error = _c.wasmtime_linker_define_func_unchecked(
        linker.ptr(), module_bytes, len(module_bytes), name_bytes, len(name_bytes),
        functype.ptr(), _c.host_callback, key, _c.host_finalizer,
    )
    if error:
        # wasmtime has already run the finalizer if it took the definition; the pop is for
        # the paths that return before that (it is idempotent).
        _HOST_FUNCS.pop(key, None)
        raise _wasmtime_error(error)


class _HostCaller(wasmtime.Caller):
    """The ``wasmtime.Caller`` a ``define_i32_func`` function gets: it asks wasmtime for the
    store context only when first used (``get``, ``[name]``, as a store), which saves most of
    a Caller's cost (~0.8 µs) in calls that do not use it. Invalidated like any Caller."""

    def __init__(self, address: int) -> None:  # pylint: disable=super-init-not-called
        self._address: Optional[int] = address

    def _realize(self) -> None:
        # Called only while ``self._address is not None``.
        address, self._address = typing.cast(int, self._address), None
        wasmtime.Caller.__init__(self, ctypes.cast(address, POINTER(_c.ffi.wasmtime_caller_t)))

    def get(self, name: str) -> Any:
        if self._address is not None:
            self._realize()
        return wasmtime.Caller.get(self, name)

    def _context(self) -> Any:
        if self._address is not None:
            self._realize()
        return wasmtime.Caller._context(self)

    def _invalidate(self) -> None:
        self._address = None
        wasmtime.Caller._invalidate(self)


def _host_trampoline(key: Optional[int], caller_ptr: int, raw: int, nraw: int) -> Optional[int]:
    """The ``wasmtime_func_unchecked_callback_t`` of every ``define_i32_func`` function.

    Returns NULL (``None``) on success, with the result in slot 0, or an owned ``wasm_trap_t*``
    after an exception. Nothing may escape: ctypes would print it and return NULL, which
    wasmtime takes for success with whatever slot 0 holds.
    """
    caller = None
    try:
        func, slots, stop, access_caller = _HOST_FUNCS[key]  # type: ignore[index]
        values = slots.from_address(raw)
        if access_caller:
            caller = _HostCaller(caller_ptr)
            result = func(caller, *values[0:stop:_U32_PER_RAW])
        else:
            result = func(*values[0:stop:_U32_PER_RAW])
        if type(result) is not int or not I32_MIN <= result <= U32_MAX:
            _check_i32(result, f"the result of host function {func!r}")  # raises unless fine
        values[0] = result  # c_uint32 keeps the low 32 bits; a float raises TypeError
        return None
    except BaseException as exc:  # noqa: B036 - must not reach ctypes (see above)
        try:
            _c.func_module.LAST_EXCEPTION = exc
            return ctypes.cast(wasmtime.Trap("python exception")._consume(), c_void_p).value
        except BaseException:  # noqa: B036 - out of memory, a signal: still trap
            spare, _SPARE_TRAP[0] = _SPARE_TRAP[0], None
            return spare
    finally:
        if caller is not None:
            caller._invalidate()


def _host_finalize(key: Optional[int], _pop: Callable[..., Any] = _HOST_FUNCS.pop) -> None:
    """The finalizer of every ``define_i32_func`` definition: forget the Python function."""
    try:
        _pop(key, None)
    except BaseException:  # noqa: B036 - nothing may escape into ctypes
        pass


if _c is not None:
    _c.host_callback = _c.host_callback_type(_host_trampoline)
    _c.host_finalizer = _c.host_finalizer_type(_host_finalize)
    # Never freed, not even while the interpreter shuts down: wasmtime may run the finalizer
    # of a linker or store collected late, and a freed libffi closure there is a crash.
    for _callback in (_c.host_callback, _c.host_finalizer):
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(_callback))
    del _callback
