"""Which runtime serves a ``ClosureRuntime``: the native core or the pure-Python one.

The native core (``wasm_closures._native.RuntimeCore``) calls wasmtime's C API itself,
through the library wasmtime-py loaded. It serves when the extension is built, wasmtime-py's
internals passed ``_ffi``'s checks, and the core's struct layouts match wasmtime-py's; else
the pure-Python runtime serves, with the same semantics, and ``reason`` says why.
``WASM_CLOSURES_BACKEND=python`` forces the pure-Python runtime; it is read when a
``ClosureRuntime`` is made.
"""

from __future__ import annotations

import os
from types import ModuleType

from . import _ffi

ENV_VARIABLE = "WASM_CLOSURES_BACKEND"
BACKENDS = ("native", "python")


def load_native(sizes: list[tuple[str, int]] | None = None) -> tuple[ModuleType | None, str | None]:
    """(the extension, None) if the native core can serve, else (None, the reason).

    ``sizes`` overrides wasmtime-py's struct sizes (for tests of the refusal).
    """
    if not _ffi.AVAILABLE:
        return None, f"wasmtime-py's C API internals are unavailable: {_ffi.UNAVAILABLE_REASON}"
    try:
        from . import _native
    except ImportError as exc:
        return None, f"the Rust extension is not built ({exc})"
    try:
        _native.init_capi(_ffi.library_handle(), _ffi.struct_sizes() if sizes is None else sizes)
    except RuntimeError as exc:
        return None, f"the native core cannot use this wasmtime: {exc}"
    return _native, None


NATIVE, NATIVE_UNAVAILABLE_REASON = load_native()


def selected() -> tuple[str, str | None]:
    """("native", None), or ("python", why the native core does not serve)."""
    choice = os.environ.get(ENV_VARIABLE, "").strip().lower()
    if choice == "python":
        return "python", f"{ENV_VARIABLE}=python"
    if NATIVE is None:
        return "python", NATIVE_UNAVAILABLE_REASON
    return "native", None
