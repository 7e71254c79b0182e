"""What a user chooses between, known without loading a runtime: the runtime strategies, and
which backend ``WASM_CLOSURES_BACKEND`` asks for.

Kept apart from ``backend`` (which loads the native core and wasmtime's C API at import) and
``runtime`` so that ``import wasm_closures`` can refuse a bad value at once, and the command
line offer the strategies, without loading either.
"""

from __future__ import annotations

import os

from ..errors import InvalidValueError

STRATEGIES = ("pooled", "module")
"""How a ``ClosureRuntime`` gets its trampolines (see ``ClosureRuntime``)."""
ENV_VARIABLE = "WASM_CLOSURES_BACKEND"
# The values ENV_VARIABLE may take: "rust" and "native" are one choice, named both ways.
ENV_CHOICES = ("rust", "native", "python")


def requested() -> str | None:
    """What ``WASM_CLOSURES_BACKEND`` asks for: ``"native"``, ``"python"`` or None (unset).

    ``"python"`` forces both pure-Python paths (the runtime and the encoder); ``"rust"`` or
    ``"native"`` ask for the native ones (the Rust extension's encoder, which must then be
    built, and the native runtime core, which serves when it can). Case and surrounding blanks
    do not matter; any other value is an InvalidValueError naming it.
    """
    raw = os.environ.get(ENV_VARIABLE, "")
    choice = raw.strip().lower()
    if not choice:
        return None
    if choice not in ENV_CHOICES:
        raise InvalidValueError(f"{ENV_VARIABLE} must be one of {', '.join(ENV_CHOICES)}, got {raw!r}")
    return "python" if choice == "python" else "native"
