"""The C binding: version check, ctypes prototypes, shared constants, errors and helpers.

At import time ``_bind`` checks the installed wasmtime-py (version, symbols, attributes,
struct sizes) and binds the C functions the other modules call through ``_c``; if a check
fails, ``_c`` is ``None``, ``AVAILABLE`` is ``False`` and ``UNAVAILABLE_REASON`` says why.
"""

from __future__ import annotations

import ctypes
import os
import re
import types
from ctypes import POINTER, c_bool, c_char_p, c_size_t, c_uint8, c_uint64, c_void_p
from typing import Any

import wasmtime

from ..errors import InvalidValueError, WasmClosuresError

__all__ = [
    "AVAILABLE",
    "SUPPORTED_WASMTIME",
    "UNAVAILABLE_REASON",
    "WASMTIME_VERSION",
    "InternalsUnavailableError",
    "OutOfBoundsError",
    "TableGrowError",
    "UnsupportedTypeError",
    "require",
]

SUPPORTED_WASMTIME = ">=50.0.1,<51"
_MIN_VERSION = (50, 0, 1)
_MAX_VERSION_EXCLUSIVE = (51,)

# WASIX value type codes (docs/spec.md, "The ABI"); OTHER marks anything that cannot cross a closure.
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
    """The installed wasmtime-py lacks the internals this package needs (see ``AVAILABLE``)."""


class OutOfBoundsError(InvalidValueError, IndexError):
    """A table index or memory range lies outside the table or memory."""


class TableGrowError(WasmClosuresError, RuntimeError):
    """A table could not grow (its maximum or the store's limits)."""


class UnsupportedTypeError(InvalidValueError):
    """A signature or value type this fast path does not handle (v128, reference types)."""


# --------------------------------------------------------------------------------------------
# Import-time check and binding
# --------------------------------------------------------------------------------------------


def _parse_version(text: str) -> tuple[int, ...]:
    match = re.match(r"(\d+(?:\.\d+)*)", text)
    return tuple(int(part) for part in match.group(1).split(".")) if match else ()


def _installed_version() -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("wasmtime")
    except PackageNotFoundError:
        return None


WASMTIME_VERSION: str | None = _installed_version()
"""The installed wasmtime-py version, as its metadata says (``None`` if it has none)."""


class _ValtypeVec(ctypes.Structure):
    """``wasm_valtype_vec_t`` with the elements as raw addresses (no ``ValType`` objects)."""

    _fields_ = [("size", c_size_t), ("data", POINTER(c_void_p))]


# (name, restype, argtypes) of every C function used. ``c_void_p`` everywhere a pointer goes:
# ctypes accepts pointer instances, ``byref()`` results and ints for it, and converts them
# faster than typed ``POINTER(T)`` arguments. Errors come back as addresses (0 = success).
_PROTOTYPES: dict[str, tuple[Any, list[Any]]] = {
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
    "wasmtime_func_call": (c_void_p, [c_void_p, c_void_p, c_void_p, c_size_t, c_void_p, c_size_t, c_void_p]),
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
    "wasmtime_module_deserialize": (c_void_p, [c_void_p, c_char_p, c_size_t, c_void_p]),
    # The callback and finalizer arguments get their ctypes types in ``_bind``.
    "wasmtime_linker_define_func_unchecked": (
        c_void_p,
        [c_void_p, c_char_p, c_size_t, c_char_p, c_size_t, c_void_p, None, c_void_p, None],
    ),
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
    required_attributes: list[tuple[type | types.ModuleType, str]] = [
        (wasmtime.Store, "_context"),
        (wasmtime.Trap, "_from_ptr"),
        (wasmtime.WasmtimeError, "_from_ptr"),
        (wasmtime.Func, "_from_raw"),
        (wasmtime.SharedMemory, "_from_ptr"),
        (wasmtime.SharedMemory, "ptr"),
        (wasmtime.Engine, "ptr"),
        (wasmtime.Module, "_from_ptr"),
        (func_module, "maybe_raise_last_exn"),
        (func_module, "LAST_EXCEPTION"),
        (wasmtime.Trap, "_consume"),
        (wasmtime.Caller, "_invalidate"),
        (wasmtime.Linker, "ptr"),
        (ffi, "wasmtime_caller_t"),
        (ffi, "dll"),
        (ffi, "wasm_trap_t"),
        (ffi, "wasmtime_error_t"),
        (ffi, "wasmtime_sharedmemory_t"),
        (ffi, "wasmtime_module_t"),
        (ffi, "wasmtime_extern_union"),
        (ffi, "WASMTIME_EXTERN_SHAREDMEMORY"),
    ]
    for owner, attribute in required_attributes:
        if not hasattr(owner, attribute):
            raise InternalsUnavailableError(f"wasmtime internals changed: no {owner.__name__}.{attribute}")
    # ``_HostCaller`` overrides every Caller method that reads the caller's pointer.
    caller_methods = {k for k, v in vars(wasmtime.Caller).items() if callable(v)}
    if caller_methods != {"__init__", "__getitem__", "get", "_context", "_invalidate"}:
        raise InternalsUnavailableError(f"wasmtime.Caller changed: methods {sorted(caller_methods)}")
    # The handle structs must expose the store id where we read it.
    for struct, field in (
        (ffi.wasmtime_func_t, "store_id"),
        (ffi.wasmtime_global_t, "store_id"),
        (ffi.wasmtime_table_t, "_anon_1"),
        (ffi.wasmtime_memory_t, "_anon_1"),
        (ffi.wasmtime_valunion_t, "funcref"),
    ):
        if not hasattr(struct, field):
            raise InternalsUnavailableError(f"wasmtime handle layout changed: no {struct.__name__}.{field}")

    c: Any = _C()  # filled in below: the attributes are the names in _PROTOTYPES and more
    # The host function callback (``wasmtime_func_unchecked_callback_t``, returning the
    # ``wasm_trap_t*`` or NULL) and finalizer types; ``host_functions`` makes the one
    # instance of each.
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
    # The type of the throwaway global that reveals a store's id (see ``stores._store_id``).
    c.probe_globaltype = c.wasm_globaltype_new(c.wasm_valtype_new(_WASM_I32), _WASM_CONST)
    if not all(p for p, _ in c.type_prototypes) or not c.funcref_prototype or not c.probe_globaltype:
        raise InternalsUnavailableError("could not build prototype value types")
    return c


try:
    _c: Any = _bind()
    AVAILABLE = True
    UNAVAILABLE_REASON: str | None = None
except InternalsUnavailableError as _exc:
    _c = None
    AVAILABLE = False
    UNAVAILABLE_REASON = str(_exc)


def require() -> None:
    """Raise ``InternalsUnavailableError`` unless the fast paths are available."""
    if _c is None:
        raise InternalsUnavailableError(
            f"wasm_closures needs wasmtime-py's C API fast paths, which are unavailable: "
            f"{UNAVAILABLE_REASON} (supported: wasmtime {SUPPORTED_WASMTIME})"
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


def _func_handle(func: Any) -> Any:
    if not isinstance(func, wasmtime.Func):
        raise TypeError(f"expected a wasmtime.Func or None, got {type(func).__name__}")
    return func._func
