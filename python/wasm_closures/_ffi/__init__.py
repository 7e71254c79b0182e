"""Fast paths into wasmtime-py's C API: the one package that touches wasmtime-py internals.

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
use this package rather than those internals, so that a wasmtime upgrade is checked and fixed
in one place.

Modules
-------
* ``_capi``: the version check and the ctypes binding (``_c``, ``require``, ``AVAILABLE``),
  the constants and error classes the others share.
* ``stores``: store ids, checked before every C call that takes a handle (``same_store``).
* ``type_codes``: function types as WASIX codes (``func_type_codes``).
* ``tables``, ``i32_globals``, ``calls``: ``FastTable``, ``FastI32Global``, ``FastCall``.
* ``memory``: ``memory_address``, ``read``, ``write``, ``read_u32``, ``write_u32``.
* ``shared_memory``: ``importable``, the fix that lets a ``SharedMemory`` be imported.
* ``host_functions``: ``define_i32_func``.
* ``modules``: ``deserialize_module``, ``Module.deserialize`` without an extra copy (the disk
  caches' loads).
* ``handles``: what the native runtime core needs (the library handle, struct sizes, raw
  handles checked against their store, ``on_store_close``).

The rest of the package imports this package (``from . import _ffi``) and uses the names
re-exported here; only tests reach into the modules.

Version policy
--------------
The supported range is ``wasmtime >=50.0.1,<51`` (``SUPPORTED_WASMTIME``). At import time
``_capi`` checks the installed version and every symbol, attribute and struct size used. The
package never fails to import: if a check fails, ``AVAILABLE`` is ``False``,
``UNAVAILABLE_REASON`` says why, and the constructors and functions that need the internals
raise ``InternalsUnavailableError`` (an ``ImportError``) with that reason. There is no
fallback to wasmtime-py's public API: ``ClosureRuntime`` and ``define_closure_syscalls`` call
``require()`` first and refuse with the reason, and the loader's memory access raises the same
error. ``importable()`` is the exception: it always works and returns its argument unchanged
when it cannot repair it; so does ``deserialize_module()``, which is then
``Module.deserialize``. Setting ``WASM_CLOSURES_FFI=off`` in the environment disables the
fast paths on purpose (to test that refusal).

Safety rules this package enforces (wasmtime aborts the whole process otherwise)
-------------------------------------------------------------------------------
* **Wrong store.** Any C call that gets a handle (``Func``, ``Table``, ``Global``, ``Memory``)
  with another store's context panics inside Rust, and a panic across the C API is a
  ``SIGABRT``. Every entry point checks that the handle's ``store_id`` is the store's; a
  store's id is learned once by creating a throwaway constant global in it
  (``stores._store_id``).
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
* A ``wasmtime_func_t`` (the payload of a funcref) is a plain ``(store_id, private pointer)``
  handle into its store (in wasmtime 50 the pointer is the function's ``VMFuncRef``, the same
  for the same function in the same store): it is not a GC root and needs no unrooting; the
  function lives as long as the store. A ``wasmtime.Func`` Python object can be dropped after
  its handle went into a table. ``Func`` objects returned by ``FastTable.get_func`` are fresh
  handles equal to the stored one.
* A host function defined with ``define_i32_func`` is kept (with its Python callable) until
  wasmtime runs the definition's finalizer, not as long as some Python object lives.
* Only externref/anyref values are GC-rooted; this package never makes one, and unroots what a
  ``table_get`` returns if the table somehow held one.
* The objects here keep the store they were built with and use it on every operation: build
  them with the ``Store``; one built with a ``Caller`` stops working when the host call returns.
* None of these objects is thread-safe (neither is a wasmtime ``Store``): they reuse buffers.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._capi import (
    AVAILABLE,
    SUPPORTED_WASMTIME,
    UNAVAILABLE_REASON,
    WASMTIME_VERSION,
    InternalsUnavailableError,
    OutOfBoundsError,
    TableGrowError,
    UnsupportedTypeError,
    require,
)
from ._capi import _wasmtime_error as wasmtime_error

if TYPE_CHECKING:
    from .calls import FastCall
    from .handles import (
        borrowed_caller,
        context_address,
        func_handle,
        functype_address,
        instance_handle,
        library_handle,
        linker_address,
        memory_handle,
        on_store_close,
        store_id,
        struct_sizes,
        table_handle,
    )
    from .host_functions import define_i32_func, stack_overflow_trap
    from .i32_globals import FastI32Global
    from .memory import memory_address, read, read_u32, write, write_u32
    from .modules import deserialize_module
    from .shared_memory import importable
    from .stores import same_store
    from .tables import FastTable
    from .type_codes import func_type_codes

# The names above, each from the submodule that defines it, imported on first use: running a
# program that needs no closures uses two of them (deserialize_module and importable).
_SUBMODULES = {
    "FastCall": "calls",
    **dict.fromkeys(
        (
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
        ),
        "handles",
    ),
    "define_i32_func": "host_functions",
    "stack_overflow_trap": "host_functions",
    "FastI32Global": "i32_globals",
    **dict.fromkeys(("memory_address", "read", "read_u32", "write", "write_u32"), "memory"),
    "deserialize_module": "modules",
    "importable": "shared_memory",
    "same_store": "stores",
    "FastTable": "tables",
    "func_type_codes": "type_codes",
}


def __getattr__(name: str) -> Any:
    submodule = _SUBMODULES.get(name)
    if submodule is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{submodule}", __name__), name)
    globals()[name] = value  # later lookups (the hot paths' included) find it directly
    return value


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
    "borrowed_caller",
    "context_address",
    "define_i32_func",
    "deserialize_module",
    "func_handle",
    "func_type_codes",
    "functype_address",
    "importable",
    "instance_handle",
    "library_handle",
    "linker_address",
    "memory_address",
    "memory_handle",
    "on_store_close",
    "read",
    "read_u32",
    "require",
    "same_store",
    "stack_overflow_trap",
    "store_id",
    "struct_sizes",
    "table_handle",
    "wasmtime_error",
    "write",
    "write_u32",
]
