"""The encoders, from the Rust or the Python backend: ``encode_closure_module`` (the WASIX
closure module) and ``encode_pool_module`` (a pooled trampoline module). Both backends give the
same bytes for every input; the default is Rust when the extension is built."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TypeVar

from ._encoders import encode_py as _encode_py
from ._encoders import pool_module as _pool_py
from ._format.types import DEFAULT_MEMORY, MemoryImport, Signature, SignatureLike, as_signature
from ._runtime.choices import ENV_VARIABLE, requested
from .errors import InvalidValueError

EncodeFn = Callable[[str, int, int, int, bytes, bytes, bool, int, int | None], bytes]
PoolEncodeFn = Callable[[Signature, MemoryImport, int, bool, bool], bytes]

try:
    from . import _native
except ImportError:  # a source checkout without the built extension
    _native = None  # type: ignore[assignment]


def _encode_pool_py(
    signature: Signature, memory: MemoryImport, size: int, direct: bool, export_trampolines: bool
) -> bytes:
    return _pool_py.encode_pool_module(
        signature, memory, size, direct=direct, export_trampolines=export_trampolines
    )


_BACKENDS: dict[str, EncodeFn] = {"python": _encode_py.encode}
_POOL_BACKENDS: dict[str, PoolEncodeFn] = {"python": _encode_pool_py}
if _native is not None:
    _BACKENDS["rust"] = _native.encode
    _native_pool = _native.encode_pool_module

    def _encode_pool_rust(
        signature: Signature, memory: MemoryImport, size: int, direct: bool, export_trampolines: bool
    ) -> bytes:
        return _native_pool(
            signature.param_codes,
            signature.result_codes,
            memory.shared,
            memory.minimum,
            memory.maximum,
            size,
            direct,
            export_trampolines,
        )

    _POOL_BACKENDS["rust"] = _encode_pool_rust


def _default_backend() -> str:
    """``WASM_CLOSURES_BACKEND``'s choice (``_runtime.choices.requested``), else Rust if built."""
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
_default_encode_pool: PoolEncodeFn = _POOL_BACKENDS[backend]


def available_backends() -> tuple[str, ...]:
    """The backends this installation has, Rust first."""
    return tuple(sorted(_BACKENDS, reverse=True))


_Encode = TypeVar("_Encode", EncodeFn, PoolEncodeFn)


def _chosen(backends: dict[str, _Encode], backend: str) -> _Encode:
    """The encoder of the backend named ``backend``, or a clear error."""
    try:
        return backends[backend]
    except (KeyError, TypeError):  # TypeError: an unhashable value
        raise InvalidValueError(
            f"unknown or unavailable backend {backend!r}: this installation has {available_backends()}"
        ) from None


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
    encode = _default_encode if backend is None else _chosen(_BACKENDS, backend)
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


def encode_pool_module(
    signature: Signature,
    memory: MemoryImport,
    size: int,
    *,
    direct: bool,
    export_trampolines: bool = False,
    backend: str | None = None,
) -> bytes:
    """Encode a pool module of ``size`` trampolines for ``signature``: the layout of
    ``_encoders.pool_module`` (docs/spec.md, "The pooled trampoline modules"), from ``backend``
    (the default one when None). ``signature`` and ``memory`` are checked objects."""
    encode = _default_encode_pool if backend is None else _chosen(_POOL_BACKENDS, backend)
    return encode(signature, memory, size, direct, export_trampolines)
