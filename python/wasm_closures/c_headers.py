"""The C headers a WASIX guest compiles against: ``<wasix/closure.h>``, ``<wasix/call_dynamic.h>``.

They ship inside the package (``wasm_closures/include``) and declare what wasix-libc declares,
so a program written for wasix-libc (libffi's WASIX backend, for one) builds with Debian's
wasi-libc and ``-I`` this directory (``wasm-closures include`` prints it).
"""

from __future__ import annotations

from pathlib import Path

HEADERS = ("wasix/types.h", "wasix/closure.h", "wasix/call_dynamic.h")


def include_dir() -> Path:
    """The directory to pass to the C compiler with ``-I``."""
    return Path(__file__).resolve().parent / "include"
