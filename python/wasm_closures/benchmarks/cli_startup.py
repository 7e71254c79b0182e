"""Benchmark cases of the CLI's start-up: the wall time of a new process (group ``cli-startup``).

- ``cli-run``: ``wasm-closures run`` of a small WASI program (it writes one line with
  ``fd_write``), started as the console script does;
- ``import-wasmtime``: ``python -c "import wasmtime"``, the anchor: the part of the start-up
  that is wasmtime-py's and the interpreter's.

The report shows the first as a ratio to the second, the two timed in alternation.
"""

from __future__ import annotations

import functools
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import wasmtime

from .case import Case

PROGRAM_OUTPUT = b"hello from a small program\n"
_WAT_TEXT = PROGRAM_OUTPUT.decode().replace("\n", "\\0a")
SMALL_PROGRAM_WAT = f"""
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "{_WAT_TEXT}")
  (func (export "_start")
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const {len(PROGRAM_OUTPUT)}))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
"""
# What the ``wasm-closures`` console script runs.
CLI_MAIN = "import sys; from wasm_closures.cli import main; sys.exit(main())"

Op = Callable[[], Any]


def _process(command: list[str], expected_output: bytes) -> None:
    result = subprocess.run(command, capture_output=True, check=False)
    if result.returncode != 0 or result.stdout != expected_output:
        raise RuntimeError(
            f"{command} exited {result.returncode} with {result.stdout!r}: {result.stderr.decode(errors='replace')}"
        )


def _cli_run_setup() -> Op:
    directory = tempfile.TemporaryDirectory(prefix="wasm-closures-bench-")
    program = Path(directory.name) / "small.wasm"
    program.write_bytes(wasmtime.wat2wasm(SMALL_PROGRAM_WAT))
    op = functools.partial(_process, [sys.executable, "-c", CLI_MAIN, "run", str(program)], PROGRAM_OUTPUT)
    op.directory = directory  # type: ignore[attr-defined]  # removed with the op
    return op


def _import_wasmtime_setup() -> Op:
    return functools.partial(_process, [sys.executable, "-c", "import wasmtime"], b"")


def cli_startup_cases() -> list[Case]:
    """The ``cli-startup`` cases, in report order."""
    return [
        Case(
            "cli-startup",
            "run",
            None,
            _cli_run_setup,
            "wasm-closures run of a small WASI program, a new process (wall time)",
        ),
        Case(
            "cli-startup",
            "import-wasmtime",
            None,
            _import_wasmtime_setup,
            'python -c "import wasmtime", a new process (wall time): the anchor',
        ),
    ]
