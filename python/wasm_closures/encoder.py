"""``encode_closure_module``: the WASIX closure module, from the Rust or the Python backend."""

from __future__ import annotations

import os
from collections.abc import Callable

from ._encoders import encode_py as _encode_py
from ._format.types import DEFAULT_MEMORY, MemoryImport, Signature, SignatureLike, as_signature
from ._runtime.backend import ENV_VARIABLE, requested
from .errors import InvalidValueError

EncodeFn = Callable[[str, int, int, int, bytes, bytes, bool, int, int | None], bytes]

try:
    from . import _native
except ImportError:  # a source checkout without the built extension
    _native = None  # type: ignore[assignment]

_BACKENDS: dict[str, EncodeFn] = {"python": _encode_py.encode}
if _native is not None:
    _BACKENDS["rust"] = _native.encode


def _default_backend() -> str:
    """``WASM_CLOSURES_BACKEND``'s choice (``_runtime_backend.requested``), else Rust if built."""
    forced = requested()
    if forced == "python":
        return "python"
    if forced == "native" and "rust" not in _BACKENDS:
        raise ImportError(
            f"{ENV_VARIABLE}={os.environ[ENV_VARIABLE].strip()} asks for the Rust encoder, but the "
            "extension wasm_closures._native did not import"
        )
    return "rust" if "rust" in _BACKENDS else "python"


backend: str = _default_backend()
"""The backend ``encode_closure_module`` uses when none is named: ``"rust"`` or ``"python"``."""

_default_encode: EncodeFn = _BACKENDS[backend]


def available_backends() -> tuple[str, ...]:
    """The backends this installation has, Rust first."""
    return tuple(sorted(_BACKENDS, reverse=True))


def encode_closure_module(
    name: str,
    closure: int,
    backing_function: int,
    env: int,
    signature: SignatureLike,
    *,
    memory: MemoryImport = DEFAULT_MEMORY,
    backend: str | None = None,
) -> bytes:
    """Encode the WASIX closure module of docs/spec.md for one closure.

    ``name`` names the trampoline's export and its ``GOT.func`` import; ``closure`` is the table
    slot the module's ``__wasm_call_ctors`` fills; ``backing_function`` is the table index of
    the generic ``(args, results, env)`` function; ``env`` is passed to it as is. With the
    default ``memory`` the bytes equal the reference implementation's.
    """
    if type(signature) is not Signature:
        signature = as_signature(signature)
    if backend is None:
        encode = _default_encode
    else:
        try:
            encode = _BACKENDS[backend]
        except (KeyError, TypeError):  # TypeError: an unhashable value
            raise InvalidValueError(
                f"unknown or unavailable backend {backend!r}: this installation has {available_backends()}"
            ) from None
    if type(memory) is not MemoryImport:
        raise InvalidValueError(f"memory must be a MemoryImport, got {memory!r}")
    return encode(
        name,
        closure,
        backing_function,
        env,
        signature.param_codes,
        signature.result_codes,
        memory.shared,
        memory.minimum,
        memory.maximum,
    )
