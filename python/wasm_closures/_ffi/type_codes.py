"""Function types as bytes of WASIX codes, read without ``ValType`` objects (safe on v128)."""

from __future__ import annotations

from ctypes import byref
from typing import Any

import wasmtime

from ._capi import OTHER, _c, _func_handle, require
from .stores import _check_store

__all__ = ["func_type_codes"]


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


def _functype_codes(functype: int) -> tuple[bytes, bytes]:
    """Codes of an owned ``wasm_functype_t*``, which this deletes."""
    try:
        return (_vec_codes(_c.wasm_functype_params(functype)), _vec_codes(_c.wasm_functype_results(functype)))
    finally:
        _c.wasm_functype_delete(functype)


def func_type_codes(store: Any, func: wasmtime.Func) -> tuple[bytes, bytes]:
    """The (params, results) types of ``func`` as bytes of WASIX codes.

    I32=0, I64=1, F32=2, F64=3, V128=4; any other type (funcref, externref, typed references)
    is 0xFF. Read through the C API without making ``ValType`` objects, so it is safe on v128
    signatures, which make wasmtime-py abort.
    """
    require()
    handle = _func_handle(func)
    _check_store(store, handle.store_id, "the function")
    return _functype_codes(_c.wasmtime_func_type(store._context(), byref(handle)))
