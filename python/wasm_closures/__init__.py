"""Closures for WebAssembly programs: function pointers made at run time.

The host encodes a tiny trampoline module for a signature and links it into the running
program, so a call through the closure's table slot runs a generic backing function with a
captured environment (the WASIX ``closure_*`` syscalls).
"""

from ._types import DEFAULT_MEMORY, MemoryImport, Signature, ValType
from ._version import package_version
from .encoder import available_backends, backend, encode_closure_module
from .errors import ClosureError, Errno, InvalidValueError, WasmClosuresError
from .module_cache import DiskCache, DiskCacheWarning
from .runtime import ClosureRuntime, RuntimeStats

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
]
