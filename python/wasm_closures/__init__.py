"""Closures for WebAssembly programs: function pointers made at run time.

The host encodes a tiny trampoline module for a signature and links it into the running
program, so a call through the closure's table slot runs a generic backing function with a
captured environment (the WASIX ``closure_*`` syscalls).

The public names are imported from their modules when first used (PEP 562), so that importing
the package, or its command line, does not load the runtime, the encoders and wasmtime's C API
bindings before they are needed.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._runtime.choices import requested as _requested_backend

if TYPE_CHECKING:
    from ._format.types import DEFAULT_MEMORY, MemoryImport, Signature, ValType
    from .encoder import available_backends, backend, encode_closure_module
    from .errors import ClosureError, Errno, InvalidValueError, WasmClosuresError
    from .module_cache import DiskCache, DiskCacheWarning
    from .runtime import ClosureRuntime, RuntimeStats

    runtime_backend: str
    runtime_backend_reason: str | None
    __version__: str

# A bad WASM_CLOSURES_BACKEND is refused at import, as when everything was imported eagerly.
_requested_backend()

# Each public name, by the module that defines it (relative to this package).
_EXPORTS = {
    "DEFAULT_MEMORY": "._format.types",
    "MemoryImport": "._format.types",
    "Signature": "._format.types",
    "ValType": "._format.types",
    "available_backends": ".encoder",
    "backend": ".encoder",
    "encode_closure_module": ".encoder",
    "ClosureError": ".errors",
    "Errno": ".errors",
    "InvalidValueError": ".errors",
    "WasmClosuresError": ".errors",
    "DiskCache": ".module_cache",
    "DiskCacheWarning": ".module_cache",
    "ClosureRuntime": ".runtime",
    "RuntimeStats": ".runtime",
}


def _computed(name: str) -> Any:
    """The names computed when first asked for: which runtime a ``ClosureRuntime`` made then
    uses ("native" or "python") and, for "python", why (``WASM_CLOSURES_BACKEND`` is read again
    by each ClosureRuntime; see ``ClosureRuntime.backend``); and the version, from Cargo.toml
    (see ``_version``)."""
    if name == "__version__":
        from ._version import package_version

        return {"__version__": package_version()}
    from ._runtime.backend import selected

    backend_name, reason = selected()
    return {"runtime_backend": backend_name, "runtime_backend_reason": reason}


def __getattr__(name: str) -> Any:
    if name in ("__version__", "runtime_backend", "runtime_backend_reason"):
        values = _computed(name)
    elif name in _EXPORTS:
        values = {name: getattr(importlib.import_module(_EXPORTS[name], __name__), name)}
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals().update(values)  # later lookups find the names without this function
    return values[name]


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


__all__ = [
    "DEFAULT_MEMORY",
    "ClosureError",
    "ClosureRuntime",
    "DiskCache",
    "DiskCacheWarning",
    "Errno",
    "InvalidValueError",
    "MemoryImport",
    "RuntimeStats",
    "Signature",
    "ValType",
    "WasmClosuresError",
    "__version__",
    "available_backends",
    "backend",
    "encode_closure_module",
    "runtime_backend",
    "runtime_backend_reason",
]
