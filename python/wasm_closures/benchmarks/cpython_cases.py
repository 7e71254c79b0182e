"""Benchmark cases of Python's ctypes inside wasm: CPython 3.11's ``python.wasm`` (built by
``guests/cpython/build.py``) against the host's own CPython ctypes, the same Python code on
both sides.

Group ``cpython`` (batches of ``CPYTHON_BATCH``; figures are per operation):

- ``callback-wasm`` / ``callback-native``: a call of a ``CFUNCTYPE(c_int, c_int)`` callback
  from Python, inside the guest (``ffi_call`` -> ``call_dynamic`` -> the closure -> Python)
  and in the host's native ctypes;
- ``cfunctype-wasm`` / ``cfunctype-native``: creating such a callback and dropping it
  (``closure_allocate`` + ``closure_prepare`` + ``closure_free`` inside the guest).

The guest is started once per case and kept running: it reads the name of a batch on its
standard input (a FIFO), runs it and answers on its standard output (another FIFO), so a
timed call is one batch inside wasm plus a round trip through two pipes (tens of µs against
milliseconds of batch). The guest cases need a build: ``WASM_CLOSURES_CPYTHON_BUILD`` names
the ``--out`` directory of ``build.py`` (``python.wasm`` and ``lib/``; the test suite's build
is ``.pytest_cache/d/wasm-closures-cpython/build`` in the checkout); without it they say so.
"""

from __future__ import annotations

import functools
import os
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import wasmtime

from .case import Case

CPYTHON_BATCH = 1000
BUILD_ENV_VARIABLE = "WASM_CLOSURES_CPYTHON_BUILD"
TEST_BUILD_CACHE = Path(".pytest_cache") / "d" / "wasm-closures-cpython" / "build"

# The batches, the same source for the guest and the host.
BATCHES = """
import ctypes
PROTOTYPE = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_int)
def add_one(x):
    return x + 1
callback = PROTOTYPE(add_one)
def callback_calls(n):
    for i in range(n):
        callback(i)
def cfunctype_creations(n):
    for _ in range(n):
        PROTOTYPE(add_one)
"""
# The guest's loop: one batch per line of its standard input, "done" after each.
SERVE = """
import sys
for line in sys.stdin:
    if not line.strip():
        break
    globals()[line.split()[0]](int(line.split()[1]))
    print("done", flush=True)
"""

Op = Callable[[], Any]


def python_wasm_build() -> Path | None:
    """The build directory named by ``WASM_CLOSURES_CPYTHON_BUILD`` if it holds ``python.wasm``."""
    explicit = os.environ.get(BUILD_ENV_VARIABLE)
    return Path(explicit) if explicit and (Path(explicit) / "python.wasm").is_file() else None


def unavailable_reason() -> str | None:
    if python_wasm_build() is not None:
        return None
    explicit = os.environ.get(BUILD_ENV_VARIABLE)
    if explicit:
        return f"no python.wasm in {BUILD_ENV_VARIABLE}={explicit}"
    return (
        f"no python.wasm: set {BUILD_ENV_VARIABLE}=DIR, DIR from guests/cpython/build.py --out DIR "
        f"(tests/test_cpython.py builds into {TEST_BUILD_CACHE})"
    )


class GuestPython:
    """python.wasm running ``BATCHES`` and ``SERVE`` in a thread; each call runs one batch."""

    def __init__(self, build: Path, batch: str, size: int) -> None:
        from ..loader import load_program

        self._thread: threading.Thread | None = None
        self._directory = tempfile.TemporaryDirectory(prefix="wasm-closures-bench-cpython-")
        to_guest, from_guest = (os.path.join(self._directory.name, n) for n in ("stdin", "stdout"))
        os.mkfifo(to_guest)
        os.mkfifo(from_guest)
        # Read-write ends: opening one never waits for the other side, which opens them later.
        self._to_guest = os.open(to_guest, os.O_RDWR)
        self._from_guest = os.open(from_guest, os.O_RDWR)
        config = wasmtime.WasiConfig()
        config.argv = ["python", "-c", BATCHES + SERVE]
        config.env = [("PYTHONHOME", "/"), ("PYTHONDONTWRITEBYTECODE", "1")]
        config.preopen_dir(str(build / "lib"), "/lib")
        config.stdin_file = to_guest
        config.stdout_file = from_guest
        config.inherit_stderr()
        try:
            program = load_program(build / "python.wasm", wasi_config=config)
        except BaseException:
            os.close(self._to_guest)
            os.close(self._from_guest)
            raise
        thread = threading.Thread(target=program.run_start, daemon=True)
        thread.start()
        self._thread = thread
        self._request = f"{batch} {size}\n".encode()

    def __call__(self) -> None:
        os.write(self._to_guest, self._request)
        answer = b""
        while not answer.endswith(b"\n"):
            chunk = os.read(self._from_guest, 64)
            if not chunk:
                raise RuntimeError("python.wasm stopped")
            answer += chunk
        if answer != b"done\n":
            raise RuntimeError(f"python.wasm answered {answer!r}")

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def close(self) -> None:
        """End the guest's loop (an empty line) and close the pipes; called once."""
        if self._thread is not None:
            os.write(self._to_guest, b"\n")
            self._thread.join(timeout=10)
            if self._thread.is_alive():
                return  # still running (a batch that never ends): the pipes stay open for it
            self._thread = None
            os.close(self._to_guest)
            os.close(self._from_guest)

    def __del__(self) -> None:
        self.close()


def _guest_setup(batch: str) -> Op:
    build = python_wasm_build()
    if build is None:
        raise RuntimeError(unavailable_reason())
    guest = GuestPython(build, batch, CPYTHON_BATCH)
    guest()  # the first batch makes the pool module of the signature
    return guest


def _native_setup(batch: str) -> Op:
    namespace: dict[str, Any] = {}
    exec(BATCHES, namespace)  # the same source as the guest's
    return functools.partial(namespace[batch], CPYTHON_BATCH)


def cpython_cases() -> list[Case]:
    """The ``cpython`` cases, in report order."""
    missing = unavailable_reason()
    cases = []
    for name, batch, what in (
        ("callback", "callback_calls", "a call of a CFUNCTYPE(c_int, c_int) Python callback through ctypes"),
        ("cfunctype", "cfunctype_creations", "create (and drop) a CFUNCTYPE(c_int, c_int) callback"),
    ):
        cases.append(
            Case(
                "cpython",
                f"{name}-wasm",
                None,
                functools.partial(_guest_setup, batch),
                f"{what}, in CPython 3.11 inside wasm (python.wasm)",
                per_call=CPYTHON_BATCH,
                unavailable=missing,
            )
        )
        cases.append(
            Case(
                "cpython",
                f"{name}-native",
                None,
                functools.partial(_native_setup, batch),
                f"{what}, in this host's CPython (native ctypes)",
                per_call=CPYTHON_BATCH,
            )
        )
    return cases
