"""Build libffi's WASIX fork (``third_party/libffi-wasix``) for static wasm32-wasi programs.

No configure: ``include/ffi.h`` is made from ``ffi.h.in``, ``ffitarget.h`` comes from
``src/wasm32`` and ``fficonfig.h`` is written here. ``src/wasm32/ffi.c`` finds
``<wasix/closure.h>`` and ``<wasix/call_dynamic.h>`` in the package's include directory and
compiles its WASIX path. Shared by ``tests/libffi_build.py`` (libffi's own test programs) and
``guests/cpython/build.py`` (CPython's ``_ctypes``).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from wasm_closures.c_headers import HEADERS, include_dir

REPO = Path(__file__).resolve().parent.parent
SOURCE = REPO / "third_party" / "libffi-wasix"
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
/* fficonfig.h for wasm32-wasi with wasi-libc, written by guests/libffi_wasix.py. */
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
# What a program that makes closures links with: the loader needs the table and the stack
# pointer exported and a growable table.
CLOSURE_LDFLAGS = (
    "-Wl,--export-table",
    "-Wl,--export=__stack_pointer",
    "-Wl,--growable-table",
    "-Wl,--no-check-features",
)
LONG_DOUBLE_PRINTF = "-lc-printscan-long-double"  # wasi-libc's printf aborts on %Lf without it


def clang() -> str:
    path = os.environ.get("WASM_CLOSURES_CLANG") or shutil.which("clang")
    if path is None:
        raise FileNotFoundError("clang not found: apt-get install clang lld wasi-libc (see .ci/run)")
    return path


def source_files() -> list[Path]:
    """Every file of the source directory, sorted (a missing directory is an error)."""
    if not (SOURCE / "src" / "wasm32" / "ffi.c").is_file():
        raise FileNotFoundError(f"libffi's sources are missing: {SOURCE} (part of the repository)")
    return sorted(path for path in SOURCE.rglob("*") if path.is_file())


def digest(compiler: str, extra: Iterable[Path] = ()) -> str:
    """A key for a build: libffi's files, the compiler's version, the package's headers, this
    file and ``extra`` (the caller's own build script)."""
    sha = hashlib.sha256()
    for path in source_files():
        sha.update(str(path.relative_to(SOURCE)).encode() + b"\0" + path.read_bytes())
    sha.update(
        subprocess.run([compiler, "--version"], capture_output=True, text=True, check=True).stdout.encode()
    )
    for header in HEADERS:
        sha.update((include_dir() / header).read_bytes())
    for path in (Path(__file__), *extra):
        sha.update(path.read_bytes())
    return sha.hexdigest()[:20]


def includes(out: Path) -> tuple[str, ...]:
    """The -I flags of code that includes ``<ffi.h>`` built into ``out``."""
    return (f"-I{out / 'include'}", f"-I{SOURCE / 'include'}", f"-I{include_dir()}")


def library_objects(out: Path) -> list[str]:
    """libffi's object files in ``out``, linked as they are."""
    return [str(out / "objects" / (Path(name).stem + ".o")) for name in LIBRARY_SOURCES]


def build_library(compiler: str, out: Path, workers: int = 2) -> None:
    """Write ``out/include`` (ffi.h, ffitarget.h, fficonfig.h) and compile ``out/objects``."""
    generated = out / "include"
    generated.mkdir(parents=True)
    ffi_h = (SOURCE / "include" / "ffi.h.in").read_text()
    for placeholder, value in FFI_H_SUBSTITUTIONS.items():
        ffi_h = ffi_h.replace(placeholder, value)
    (generated / "ffi.h").write_text(ffi_h)
    shutil.copy(SOURCE / "src" / "wasm32" / "ffitarget.h", generated / "ffitarget.h")
    (generated / "fficonfig.h").write_text(FFICONFIG_H)
    (out / "objects").mkdir()

    def compile_source(name: str) -> None:
        target = out / "objects" / (Path(name).stem + ".o")
        run([compiler, *CFLAGS, *includes(out), "-c", str(SOURCE / "src" / name), "-o", str(target)])

    with ThreadPoolExecutor(max(1, workers)) as pool:
        list(pool.map(compile_source, LIBRARY_SOURCES))


def run(command: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> None:
    """Run a build command; its output goes into the error when it fails."""
    result = subprocess.run(command, capture_output=True, text=True, cwd=cwd, env=env)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{result.stdout[-4000:]}{result.stderr[-4000:]}")
