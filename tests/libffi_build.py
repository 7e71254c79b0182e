"""Build libffi's WASIX fork and its test programs with Debian's clang and wasi-libc.

The library comes from ``guests/libffi_wasix.py`` (the repository's copy in
``third_party/libffi-wasix``). The test programs of ``testsuite/libffi.call`` and
``testsuite/libffi.closures`` are linked as static WASIX programs (exported table and stack
pointer, growable table). Everything is built once into a directory keyed by the hash of
libffi's files, the compiler's version, the package's headers and the build scripts, so a later
session reuses it and a change to any of them rebuilds. Compilation runs in a thread pool
(clang is a subprocess).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO / "guests") not in sys.path:  # run as a script (pytest's pythonpath has it)
    sys.path.append(str(REPO / "guests"))

import libffi_wasix  # noqa: E402
from libffi_wasix import CFLAGS, CLOSURE_LDFLAGS, LONG_DOUBLE_PRINTF, SOURCE, TARGET, clang, includes  # noqa: E402

from wasm_closures.c_headers import include_dir  # noqa: E402

SUITES = ("libffi.call", "libffi.closures")
LDFLAGS = (*CLOSURE_LDFLAGS, LONG_DOUBLE_PRINTF)


@dataclass(frozen=True)
class LibffiProgram:
    """One C program of the test suite and what building it gave."""

    suite: str
    name: str
    source: Path
    wasm: Path | None  # None: it did not build
    build_log: str
    expected_output: str | None  # the Python regex of its dg-output lines, or None

    @property
    def id(self) -> str:
        return f"{self.suite}/{self.name}"


def program_names() -> list[str]:
    """``suite/name`` of every C program of the two suites, sorted."""
    libffi_wasix.source_files()  # says clearly when the sources are missing
    return sorted(
        f"{suite}/{path.stem}" for suite in SUITES for path in (SOURCE / "testsuite" / suite).glob("*.c")
    )


def programs(out: Path) -> dict[str, LibffiProgram]:
    """Every test program of the build directory ``out`` (see ``build_dir``), by ``id``."""
    return {program.id: program for program in (_program(out, name) for name in program_names())}


def build_dir(cache_root: Path) -> Path:
    """The build directory in ``cache_root``: ``objects/`` (libffi), ``include/``, ``programs/``."""
    compiler = clang()
    out = cache_root / f"libffi-{libffi_wasix.digest(compiler, [Path(__file__)])}"
    if out.exists():
        return out
    # Built in a directory of this process's own, then renamed into place: a build that was
    # interrupted leaves no half-built directory, and concurrent test sessions (CI runs two)
    # never see each other's partial work. The first rename wins; the others are dropped.
    work = Path(tempfile.mkdtemp(prefix=f"{out.name}.", dir=cache_root))
    try:
        _build(compiler, work)
        with contextlib.suppress(OSError):  # another session's build is in place already
            work.rename(out)
    finally:
        if work.exists():
            shutil.rmtree(work)
    return out


def build_benchmark_guest(cache_root: Path, output: Path) -> None:
    """Build ``wasm_closures/benchmarks/libffi_guest.c`` (a reactor) against libffi into ``output``."""
    out = build_dir(cache_root)
    guest = include_dir().parent / "benchmarks" / "libffi_guest.c"
    libffi_wasix.run(
        [clang(), TARGET, "-O2", "-mexec-model=reactor", *includes(out), str(guest), *library_objects(out),
         "-o", str(output), *CLOSURE_LDFLAGS, "-Wl,--strip-all"]
    )  # fmt: skip


def library_objects(out: Path) -> list[str]:
    """libffi's object files, linked as they are (no archive: no llvm-ar needed)."""
    return libffi_wasix.library_objects(out)


def _build(compiler: str, out: Path) -> None:
    workers = max(1, min(4, os.cpu_count() or 1))
    libffi_wasix.build_library(compiler, out, workers)

    def compile_program(name: str) -> None:
        suite, stem = name.split("/")
        result = subprocess.run(
            [compiler, *CFLAGS, *includes(out), str(SOURCE / "testsuite" / suite / f"{stem}.c"), *library_objects(out),
             "-o", str(out / "programs" / f"{suite}.{stem}.wasm"), *LDFLAGS, "-lm"],
            capture_output=True, text=True,
        )  # fmt: skip
        (out / "programs" / f"{suite}.{stem}.log").write_text(result.stdout + result.stderr)

    (out / "programs").mkdir()
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(compile_program, program_names()))


def _program(out: Path, name: str) -> LibffiProgram:
    suite, stem = name.split("/")
    source = SOURCE / "testsuite" / suite / f"{stem}.c"
    wasm = out / "programs" / f"{suite}.{stem}.wasm"
    log = out / "programs" / f"{suite}.{stem}.log"
    return LibffiProgram(
        suite=suite,
        name=stem,
        source=source,
        wasm=wasm if wasm.exists() else None,
        build_log=log.read_text() if log.exists() else "",
        expected_output=expected_output(source.read_text(errors="replace")),
    )


_DG_OUTPUT = re.compile(r'dg-output\s+"((?:[^"\\]|\\.)*)"')


def expected_output(source: str) -> str | None:
    """The program's ``dg-output`` patterns joined, as a Python regex; None if it has none.

    DejaGnu joins them and matches the output with Tcl's ``regexp`` (unanchored). Each is a
    Tcl double-quoted string first: ``\\n`` is a newline and a backslash before any other
    character stands for that character (so ``\\\\-`` is the regex ``\\-``). The patterns of
    this suite use only ``.`` and escaped characters, which Python's ``re`` reads the same way.
    """
    patterns = _DG_OUTPUT.findall(source)
    if not patterns:
        return None
    return "".join(re.sub(r"\\(.)", lambda m: "\n" if m[1] == "n" else m[1], p) for p in patterns)


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="Build libffi for WASIX guests (see the module docstring).")
    parser.add_argument("--cache", type=Path, default=REPO / ".pytest_cache" / "d" / "wasm-closures-libffi")
    parser.add_argument(
        "--benchmark-guest",
        type=Path,
        nargs="?",
        const=include_dir().parent / "benchmarks" / "libffi_guest.wasm",
        help="build the benchmark guest (default: into the package)",
    )
    arguments = parser.parse_args()
    if arguments.benchmark_guest is not None:
        build_benchmark_guest(arguments.cache, arguments.benchmark_guest)
        print(f"built {arguments.benchmark_guest}")
    else:
        print(build_dir(arguments.cache))
