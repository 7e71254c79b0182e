"""Benchmark cases of a short run's fixed costs, each measured in new processes.

Group ``startup`` (one-shot; each timed call is a new Python process that loads a program
with ``load_program`` as ``wasm-closures run`` does and runs its ``_start``, wall time):

- ``cold``: without the caches, so the program and its trampoline modules are compiled;
- ``warm``: with the program cache and the pool-module disk cache filled by an earlier run.

The program is CPython's ``python.wasm -c pass`` when ``WASM_CLOSURES_CPYTHON_BUILD`` names a
build of ``guests/cpython/build.py`` (``DIR/python.wasm``, with ``DIR/lib`` as ``/lib`` and
``PYTHONHOME=/``; the variable ``cpython_cases`` reads too), else the largest program shipped
with this package (a few KB: then the process start, not the compile, is most of a start).
The case's description names the program it measured.

Group ``first-prepare`` (one-shot, self-timed: a new process loads the benchmark program,
allocates a closure and reports how long its first ``prepare`` of a 2-parameter signature
took; the process start is not part of it):

- ``nocache``: without a disk cache: the signature's first pool module is compiled;
- ``disk``: with a disk cache filled by an earlier process: it is deserialized.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from importlib import resources
from pathlib import Path
from typing import Any

from .case import Case, Op
from .cpython_cases import BUILD_ENV_VARIABLE as CPYTHON_VARIABLE
from .cpython_cases import python_wasm_build, unavailable_reason

CPYTHON_ARGS = ("-c", "pass")
FIRST_PREPARE_PARAMS = 2
_CHILD_TIMEOUT = 600

# A start, as ``wasm-closures run`` makes it (the caches' directory comes from the environment).
_START = """
import json, sys
from wasm_closures.loader import load_program
spec = json.loads(sys.argv[1])
program = load_program(
    spec["path"],
    argv=spec["argv"],
    environ=spec["environ"],
    preopen_dirs=[tuple(pair) for pair in spec["dirs"]],  # JSON made the pairs lists
    cache=spec["cache"],
    runtime_options={"disk_cache": True} if spec["cache"] else None,
)
sys.exit(program.run_start() if program.has_export("_start") else 0)
"""

_FIRST_PREPARE = """
import sys, time
import wasmtime
from wasm_closures.benchmarks.cases import signature
from wasm_closures.benchmarks.program import RET_ENV, load_program
program = load_program(wasmtime.Engine(), "pooled", disk_cache=sys.argv[1] or None)
closure = program.runtime.allocate()
sig = signature(int(sys.argv[2]))
start = time.perf_counter_ns()
program.runtime.prepare(closure, RET_ENV, sig, 7)
print(time.perf_counter_ns() - start)
"""


def _child(code: str, *args: str, cache_dir: str | None = None) -> str:
    """Run ``code`` in a new interpreter; its standard output (an error if it fails)."""
    env = dict(os.environ)
    if cache_dir is not None:
        env["WASM_CLOSURES_CACHE_DIR"] = cache_dir
    out = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        timeout=_CHILD_TIMEOUT,
        env=env,
        check=False,
    )
    if out.returncode != 0:
        raise RuntimeError(f"the benchmark process exited with {out.returncode}: {out.stderr.strip()[-500:]}")
    return out.stdout


def startup_program() -> dict[str, Any]:
    """What the startup cases run: ``path``, ``argv``, ``environ``, ``dirs``, a ``label``,
    ``unavailable`` (why it cannot run, or None) and whether it is the ``cpython`` of the
    variable."""
    if os.environ.get(CPYTHON_VARIABLE):
        build = python_wasm_build()
        if build is None:
            return {"label": "python.wasm", "unavailable": unavailable_reason(), "cpython": True}
        path, lib = build / "python.wasm", build / "lib"
        return {
            "path": str(path),
            "argv": [path.name, *CPYTHON_ARGS],
            "environ": {"PYTHONHOME": "/"},
            "dirs": [(str(lib), "/lib")] if lib.is_dir() else [],
            "label": f"{path.name} {' '.join(CPYTHON_ARGS)} (${CPYTHON_VARIABLE}, {_size(path)})",
            "unavailable": None,
            "cpython": True,
        }
    shipped = [
        Path(str(item))
        for item in resources.files(__package__).iterdir()
        if item.name.endswith(".wasm") and item.is_file()
    ]
    path = max(shipped, key=lambda p: p.stat().st_size)
    return {
        "path": str(path),
        "argv": [path.name],
        "environ": {},
        "dirs": [],
        "label": f"{path.name} ({_size(path)}, the largest program shipped; ${CPYTHON_VARIABLE} unset)",
        "unavailable": None,
        "cpython": False,
    }


def _size(path: Path) -> str:
    size = path.stat().st_size
    return f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{size / 1e3:.0f} KB"


class _StartSetup:
    """Per timed call: a start of the program in a new process, cold or with warm caches (a
    temporary directory, filled once by an untimed start)."""

    def __init__(self, warm: bool) -> None:
        self.warm = warm
        self._directory: tempfile.TemporaryDirectory[str] | None = None  # removed with this object

    def __call__(self) -> Op:
        program = startup_program()
        spec = {key: program[key] for key in ("path", "argv", "environ", "dirs")}
        spec["cache"] = self.warm
        if self.warm and self._directory is None:
            self._directory = tempfile.TemporaryDirectory(prefix="wasm-closures-bench-")
            _child(_START, json.dumps(spec), cache_dir=self._directory.name)  # fills the caches
        directory = self._directory.name if self._directory is not None else None
        text = json.dumps(spec)
        return lambda: _child(_START, text, cache_dir=directory)


class _FirstPrepareSetup:
    """Per timed call: a new process's first prepare, which it times itself (nanoseconds)."""

    def __init__(self, disk: bool) -> None:
        self.disk = disk
        self._directory: tempfile.TemporaryDirectory[str] | None = None

    def __call__(self) -> Op:
        if self.disk and self._directory is None:
            self._directory = tempfile.TemporaryDirectory(prefix="wasm-closures-bench-")
            self._run()  # fills the disk cache
        return self._run

    def _run(self) -> float:
        directory = self._directory.name if self._directory is not None else ""
        return float(_child(_FIRST_PREPARE, directory, str(FIRST_PREPARE_PARAMS)))


def startup_cases() -> list[Case]:
    program = startup_program()
    cases = [
        Case(
            "startup",
            name,
            None,
            _StartSetup(warm),
            f"a new process loads and starts {program['label']}, "
            + ("with the program and pool-module caches warm" if warm else "with no cache (compiled)"),
            one_shot=True,
            unavailable=program["unavailable"],
        )
        for name, warm in (("cold", False), ("warm", True))
    ]
    cases += [
        Case(
            "first-prepare",
            name,
            FIRST_PREPARE_PARAMS,
            _FirstPrepareSetup(disk),
            f"a new process's first prepare of a {FIRST_PREPARE_PARAMS}-param signature (pooled), "
            + ("with a warm disk cache" if disk else "no disk cache"),
            one_shot=True,
            self_timed=True,
        )
        for name, disk in (("nocache", False), ("disk", True))
    ]
    return cases
