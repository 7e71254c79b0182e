"""Closures for WebAssembly programs: function pointers made at run time.

The host encodes a tiny trampoline module for a signature and links it into the running
program, so a call through the closure's table slot runs a generic backing function with a
captured environment (the WASIX ``closure_*`` syscalls).
"""

from ._format.types import DEFAULT_MEMORY, MemoryImport, Signature, ValType
from ._runtime.backend import selected as _selected_runtime
from ._version import package_version
from .encoder import available_backends, backend, encode_closure_module
from .errors import ClosureError, Errno, InvalidValueError, WasmClosuresError
from .module_cache import DiskCache, DiskCacheWarning
from .runtime import ClosureRuntime, RuntimeStats

# Which runtime a ClosureRuntime made now uses ("native" or "python") and, for "python", why
# (``WASM_CLOSURES_BACKEND`` is read again by each ClosureRuntime; see ``ClosureRuntime.backend``).
runtime_backend, runtime_backend_reason = _selected_runtime()
__version__ = package_version()
"""The version, from Cargo.toml (see ``_version``)."""

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
