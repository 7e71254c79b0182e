"""Which runtime serves a ``ClosureRuntime``: the native core or the pure-Python one.

The native core (``wasm_closures._native.RuntimeCore``) calls wasmtime's C API itself,
through the library wasmtime-py loaded. It serves when the extension is built, wasmtime-py's
internals passed ``_ffi``'s checks, and the core's struct layouts match wasmtime-py's; else
the pure-Python runtime serves, with the same semantics, and ``reason`` says why.
``WASM_CLOSURES_BACKEND`` chooses for the whole package (see ``choices.requested``); the
runtime reads it when a ``ClosureRuntime`` is made, the encoder (``encoder.backend``) at import.
"""

from __future__ import annotations

import atexit
import importlib.util
from types import ModuleType

from .. import _ffi
from .._ffi.host_functions import use_native_callback
from .choices import ENV_VARIABLE as ENV_VARIABLE  # also named here, where the backends are
from .choices import requested
from .guest_errno import errno_for_guest

BACKENDS = ("native", "python")


def load_native(sizes: list[tuple[str, int]] | None = None) -> tuple[ModuleType | None, str | None]:
    """(the extension, None) if the native core can serve, else (None, the reason).

    ``sizes`` overrides wasmtime-py's struct sizes (for tests of the refusal).
    """
    if not _ffi.AVAILABLE:
        return None, f"wasmtime-py's C API internals are unavailable: {_ffi.UNAVAILABLE_REASON}"
    name = "wasm_closures._native"
    if importlib.util.find_spec(name) is None:  # a source tree, not an installed package
        return None, f"the Rust extension {name} is not built (install the package, or run maturin develop)"
    try:
        from .. import _native
    except ImportError as exc:
        return None, f"the Rust extension {name} does not import: {exc}"
    try:
        _native.init_capi(_ffi.library_handle(), _ffi.struct_sizes() if sizes is None else sizes)
    except RuntimeError as exc:
        return None, f"the native core cannot use this wasmtime: {exc}"
    _native.use_errno_rule(errno_for_guest)  # the native syscalls' errno of a refused cold step
    return _native, None


NATIVE, NATIVE_UNAVAILABLE_REASON = load_native()
if NATIVE is not None:
    # Before finalisation starts, native callbacks stop asking for the GIL (a daemon thread
    # asking for it then is ended by pthread_exit, which aborts through native frames).
    atexit.register(NATIVE.interpreter_exiting)
    use_native_callback(NATIVE)  # define_i32_func's functions: the native callback


def selected() -> tuple[str, str | None]:
    """("native", None), or ("python", why the native core does not serve)."""
    if requested() == "python":
        return "python", f"{ENV_VARIABLE}=python"
    if NATIVE is None:
        return "python", NATIVE_UNAVAILABLE_REASON
    return "native", None
