"""``deserialize_module``: ``wasmtime.Module.deserialize`` without its extra copy.

wasmtime-py copies the bytes into a ``ctypes`` array of a type it makes for their length
(about 25 µs for a pool module, a twentieth of a new process's first prepare from the disk
cache, and a copy of a whole compiled program), and wasmtime copies them again. Here the C
function reads them from the ``bytes`` object itself.
"""

from __future__ import annotations

import ctypes
from ctypes import POINTER

import wasmtime

from ._capi import _c, _wasmtime_error


def deserialize_module(engine: wasmtime.Engine, serialized: bytes) -> wasmtime.Module:
    """The module ``serialized`` holds (``Module.serialize`` output), for ``engine``.

    Raises ``wasmtime.WasmtimeError`` as ``Module.deserialize`` does (an artifact of another
    wasmtime or an incompatible engine). Like ``importable``, it works without the internals:
    then it is ``Module.deserialize``.
    """
    if _c is None:
        return wasmtime.Module.deserialize(engine, serialized)
    module = POINTER(_c.ffi.wasmtime_module_t)()
    # wasmtime copies the bytes before it returns: ``serialized`` need not outlive the call.
    error = _c.wasmtime_module_deserialize(engine.ptr(), serialized, len(serialized), ctypes.byref(module))
    if error:
        raise _wasmtime_error(error)
    return wasmtime.Module._from_ptr(module)
