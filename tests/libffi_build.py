"""Build libffi's WASIX fork and its test programs with Debian's clang and wasi-libc.

No configure: ``include/ffi.h`` is made from ``ffi.h.in``, ``ffitarget.h`` comes from
``src/wasm32`` and ``fficonfig.h`` is written here (the facts of
``../shared/third_party/README.md``). ``src/wasm32/ffi.c`` finds ``<wasix/closure.h>`` and
``<wasix/call_dynamic.h>`` in the package's include directory and compiles its WASIX path.

The test programs of ``testsuite/libffi.call`` and ``testsuite/libffi.closures`` are linked
as static WASIX programs (exported table and stack pointer, growable table). Everything is
built once into a directory keyed by the tarball's hash, the compiler's version, the
package's headers and this file, so a later session reuses it and a change to any of them
rebuilds. Compilation runs in a thread pool (clang is a subprocess).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tarfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from wasm_closures.c_headers import HEADERS, include_dir

REPO = Path(__file__).resolve().parent.parent
# ../shared beside the checkout (CI, the main checkout); WASM_CLOSURES_LIBFFI_TARBALL elsewhere.
TARBALL = Path(
    os.environ.get("WASM_CLOSURES_LIBFFI_TARBALL")
    or REPO.parent / "shared" / "third_party" / "libffi-wasix-09cbf7d.tar.gz"
)
SOURCE_DIR_NAME = "libffi-wasix-09cbf7d"
SUITES = ("libffi.call", "libffi.closures")
LIBRARY_SOURCES = (
    "prep_cif.c",
    "types.c",
    "raw_api.c",
    "java_raw_api.c",
    "closures.c",
    "tramp.c",
    "wasm32/ffi.c",
)
FFI_H_SUBSTITUTIONS = {
    "@VERSION@": "3.4.6-wasix",
    "@TARGET@": "wasm32",
    "@HAVE_LONG_DOUBLE@": "1",
    "@FFI_EXEC_TRAMPOLINE_TABLE@": "0",
    "@FFI_VERSION_STRING@": "3.4.6",
    "@FFI_VERSION_NUMBER@": "30406",
}
FFICONFIG_H = """\
/* fficonfig.h for wasm32-wasi with wasi-libc, written by tests/libffi_build.py. */
#define STDC_HEADERS 1
#define HAVE_ALLOCA_H 1
#define HAVE_MEMCPY 1
#define HAVE_STDINT_H 1
#define HAVE_INTTYPES_H 1
#define HAVE_LONG_DOUBLE 1
#define SIZEOF_LONG_DOUBLE 16
#define HAVE_HIDDEN_VISIBILITY_ATTRIBUTE 1
#define FFI_HIDDEN __attribute__((visibility("hidden")))
"""
TARGET = "--target=wasm32-wasi"
CFLAGS = (TARGET, "-O2", "-w")  # libffi's own warnings are not ours to fix
LDFLAGS = (
    "-Wl,--export-table",
    "-Wl,--export=__stack_pointer",
    "-Wl,--growable-table",
    "-Wl,--no-check-features",
    "-lc-printscan-long-double",  # wasi-libc's printf aborts on %Lf without it
)


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


def clang() -> str:
    path = os.environ.get("WASM_CLOSURES_CLANG") or shutil.which("clang")
    if path is None:
        raise FileNotFoundError("clang not found: apt-get install clang lld wasi-libc (see .ci/run)")
    return path


def program_names() -> list[str]:
    """``suite/name`` of every C program in the tarball, sorted (read without extracting)."""
    if not TARBALL.is_file():
        raise FileNotFoundError(
            f"libffi's sources are missing: {TARBALL} (see ../shared/third_party/README.md)"
        )
    pattern = re.compile(rf"^{SOURCE_DIR_NAME}/testsuite/({'|'.join(map(re.escape, SUITES))})/([^/]+)\.c$")
    with tarfile.open(TARBALL) as tar:
        return sorted(f"{m[1]}/{m[2]}" for m in map(pattern.match, tar.getnames()) if m)


def cache_key(compiler: str) -> str:
    digest = hashlib.sha256()
    digest.update(TARBALL.read_bytes())
    digest.update(
        subprocess.run([compiler, "--version"], capture_output=True, text=True, check=True).stdout.encode()
    )
    for header in HEADERS:
        digest.update((include_dir() / header).read_bytes())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()[:20]


def programs(out: Path) -> dict[str, LibffiProgram]:
    """Every test program of the build directory ``out`` (see ``build_dir``), by ``id``."""
    return {program.id: program for program in (_program(out, name) for name in program_names())}


def build_dir(cache_root: Path) -> Path:
    """The build directory in ``cache_root``: ``objects/`` (libffi), ``include/``, ``programs/``."""
    compiler = clang()
    out = cache_root / f"libffi-{cache_key(compiler)}"
    done = out / "built"
    if not done.exists():
        if out.exists():
            shutil.rmtree(out)  # a build that was interrupted
        out.mkdir(parents=True)
        with tarfile.open(TARBALL) as tar:
            if hasattr(tarfile, "data_filter"):  # Python 3.12+, and 3.9.17+ / 3.11.4+ backports
                tar.extractall(out, filter="data")
            else:
                tar.extractall(out)
        _build(compiler, out)
        done.touch()
    return out


def build_benchmark_guest(cache_root: Path, output: Path) -> None:
    """Build ``wasm_closures/benchmarks/libffi_guest.c`` (a reactor) against libffi into ``output``."""
    out = build_dir(cache_root)
    guest = include_dir().parent / "benchmarks" / "libffi_guest.c"
    _run(
        [clang(), TARGET, "-O2", "-mexec-model=reactor", *_includes(out), str(guest), *library_objects(out),
         "-o", str(output), *LDFLAGS[:4], "-Wl,--strip-all"]
    )  # fmt: skip


def library_objects(out: Path) -> list[str]:
    """libffi's object files, linked as they are (no archive: no llvm-ar needed)."""
    return [str(out / "objects" / (Path(name).stem + ".o")) for name in LIBRARY_SOURCES]


def _includes(out: Path) -> tuple[str, ...]:
    return (f"-I{out / 'include'}", f"-I{out / SOURCE_DIR_NAME / 'include'}", f"-I{include_dir()}")


def _build(compiler: str, out: Path) -> None:
    source = out / SOURCE_DIR_NAME
    generated = out / "include"
    generated.mkdir()
    ffi_h = (source / "include" / "ffi.h.in").read_text()
    for placeholder, value in FFI_H_SUBSTITUTIONS.items():
        ffi_h = ffi_h.replace(placeholder, value)
    (generated / "ffi.h").write_text(ffi_h)
    shutil.copy(source / "src" / "wasm32" / "ffitarget.h", generated / "ffitarget.h")
    (generated / "fficonfig.h").write_text(FFICONFIG_H)
    includes = _includes(out)
    objects = out / "objects"
    objects.mkdir()

    def compile_library_source(name: str) -> Path:
        target = objects / (Path(name).stem + ".o")
        _run([compiler, *CFLAGS, *includes, "-c", str(source / "src" / name), "-o", str(target)])
        return target

    def compile_program(name: str) -> None:
        suite, stem = name.split("/")
        result = subprocess.run(
            [compiler, *CFLAGS, *includes, str(source / "testsuite" / suite / f"{stem}.c"), *library_objects(out),
             "-o", str(out / "programs" / f"{suite}.{stem}.wasm"), *LDFLAGS, "-lm"],
            capture_output=True, text=True,
        )  # fmt: skip
        (out / "programs" / f"{suite}.{stem}.log").write_text(result.stdout + result.stderr)

    workers = max(1, min(4, os.cpu_count() or 1))
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(compile_library_source, LIBRARY_SOURCES))
    (out / "programs").mkdir()
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(compile_program, program_names()))


def _run(command: list[str]) -> None:
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{result.stdout}{result.stderr}")


def _program(out: Path, name: str) -> LibffiProgram:
    suite, stem = name.split("/")
    source = out / SOURCE_DIR_NAME / "testsuite" / suite / f"{stem}.c"
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
