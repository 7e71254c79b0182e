"""The native anchors of the libffi cases: ``libffi_guest.c`` built for this machine.

The same C program as the wasm guest, compiled as a shared library against the system libffi
with the first C compiler found (``$CC``, else ``cc``, ``gcc``, ``clang``) and loaded with
ctypes, once per process. Where that cannot be done, :func:`unavailable` says why (no
compiler, no libffi headers or library) and the cases carry that reason.
"""

from __future__ import annotations

import ctypes
import functools
import os
import shutil
import subprocess
import tempfile
from importlib import resources
from pathlib import Path

SOURCE = "libffi_guest.c"
COMPILERS = ("cc", "gcc", "clang")
CFLAGS = ("-O2", "-shared", "-fPIC")


def compiler() -> str | None:
    """The C compiler the native anchors are built with, or ``None``."""
    names = (os.environ["CC"],) if os.environ.get("CC") else COMPILERS
    return next((path for path in map(shutil.which, names) if path is not None), None)


def _reason(output: str) -> str:
    if "ffi.h" in output:
        return "the libffi headers (ffi.h) are missing: apt-get install libffi-dev"
    if "-lffi" in output:
        return "the libffi library (-lffi) is missing: apt-get install libffi-dev"
    lines = [line for line in output.splitlines() if line.strip()]
    return f"building {SOURCE} natively failed: {lines[0] if lines else 'no output'}"


@functools.cache
def _library() -> tuple[ctypes.CDLL | None, str | None]:
    cc = compiler()
    if cc is None:
        return None, "no C compiler (cc, gcc or clang) on PATH to build the native libffi anchors"
    with (
        resources.as_file(resources.files(__package__).joinpath(SOURCE)) as source,
        tempfile.TemporaryDirectory(prefix="wasm-closures-native-") as directory,
    ):
        library = Path(directory) / "libffi_guest.so"
        result = subprocess.run(
            [cc, *CFLAGS, str(source), "-o", str(library), "-lffi"], capture_output=True, text=True
        )
        if result.returncode != 0:
            return None, _reason(result.stdout + result.stderr)
        lib = ctypes.CDLL(str(library))  # mapped: the file may go with the directory
    status = lib.setup()
    if status != 0:
        return None, f"the native {SOURCE}'s setup() returned {status}"
    return lib, None


def unavailable() -> str | None:
    """Why the native anchors cannot run here (``None``: they can)."""
    return _library()[1]


def loop(export: str, iterations: int) -> functools.partial[int]:
    """A call of the native library's ``export(iterations)``, one of the guest's loops."""
    lib, reason = _library()
    if lib is None:
        raise RuntimeError(reason)
    function = getattr(lib, export)
    function.argtypes = [ctypes.c_int]
    function.restype = ctypes.c_int
    return functools.partial(function, iterations)
