"""Build CPython 3.11 for wasm32-wasi with ``ctypes``, as a static program for wasm-closures.

    python guests/cpython/build.py --source Python-3.11.2.tgz --out DIR [--build-python PATH] [--jobs N]

writes ``DIR/python.wasm`` and ``DIR/lib/python3.11/`` (the standard library and the build's
``_sysconfigdata``), so that this runs Python::

    wasm-closures run --dir DIR/lib::/lib --env PYTHONHOME=/ DIR/python.wasm -c CODE

``_ctypes`` and ``_ctypes_test`` are static built-ins (``Modules/Setup.local``). ``_ctypes`` is
linked against libffi's WASIX fork from ``third_party/libffi-wasix`` (``guests/libffi_wasix.py``)
and uses the package's ``<wasix/*.h>`` and the ``<dlfcn.h>`` stand-in of this directory, which
finds symbols in static tables: ``dlfcn.c``'s, and one of ``_ctypes_test.c``'s globals written
here from a trial compile. A second run with the same inputs (the tarball, these files, libffi,
the compiler and the build Python) reuses the first: ``DIR/BUILD_KEY`` holds their hash.
"""

from __future__ import annotations

import argparse
import fcntl
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # guests/: libffi_wasix

import libffi_wasix  # noqa: E402

VERSION = (3, 11)
STDLIB = f"python{VERSION[0]}.{VERSION[1]}"
KEY_FILE = "BUILD_KEY"
OWN_FILES = (Path(__file__).resolve(), HERE / "dlfcn.c", HERE / "include" / "dlfcn.h")
# What setup.py would have defined for _ctypes. makesetup reads a line holding "=" as a make
# variable, so these are -DNAME, never -DNAME=1.
CTYPES_DEFINES = "-DHAVE_FFI_PREP_CLOSURE_LOC -DHAVE_FFI_CLOSURE_ALLOC -DHAVE_FFI_PREP_CIF_VAR"
CTYPES_SOURCES = ("_ctypes.c", "callbacks.c", "callproc.c", "stgdict.c", "cfield.c")


class BuildError(Exception):
    """A missing prerequisite or a failed step: reported on one line (plus the step's output)."""


@dataclass(frozen=True)
class Toolchain:
    clang: str
    llvm_ar: str
    llvm_ranlib: str
    llvm_nm: str
    build_python: str
    build_python_version: str


def progress(message: str) -> None:
    print(f"[cpython build {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _tool(name: str, package: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BuildError(f"{name} not found on PATH: apt-get install {package}")
    return path


def toolchain(build_python: str | None) -> Toolchain:
    """Every prerequisite, each missing one a clear error."""
    try:
        clang = libffi_wasix.clang()
    except FileNotFoundError:
        raise BuildError("clang not found on PATH: apt-get install clang") from None
    _tool("wasm-ld", "lld")
    libc = subprocess.run(
        [clang, libffi_wasix.TARGET, "-print-file-name=libc.a"], capture_output=True, text=True
    ).stdout.strip()
    if not os.path.isabs(libc) or not os.path.isfile(libc):
        raise BuildError(
            "wasi-libc not found (clang --target=wasm32-wasi has no libc.a): apt-get install wasi-libc"
        )
    llvm_tools = [_tool(name, "llvm") for name in ("llvm-ar", "llvm-ranlib", "llvm-nm")]
    _tool("make", "make")
    wanted = f"python{VERSION[0]}.{VERSION[1]}"
    python = build_python or shutil.which(wanted)
    if python is None:
        raise BuildError(
            f"no {wanted} on PATH: name a build Python of the same version with --build-python PATH"
        )
    try:
        found = subprocess.run(
            [python, "-c", "import sys; print('%d.%d.%d' % sys.version_info[:3])"],
            capture_output=True, text=True, check=True,
        ).stdout.strip()  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        raise BuildError(f"the build Python {python} does not run") from None
    if tuple(map(int, found.split(".")[:2])) != VERSION:
        raise BuildError(
            f"the build Python {python} is {found}: CPython {wanted[6:]} needs a {wanted} (--build-python)"
        )
    return Toolchain(clang, *llvm_tools, build_python=python, build_python_version=found)


def source_version(source: Path) -> str:
    """The release in the tarball (its top directory ``Python-X.Y.Z``), checked to be 3.11."""
    if not source.is_file():
        raise BuildError(f"CPython's source tarball is missing: {source} (Python-3.11.2.tgz from python.org)")
    try:
        with tarfile.open(source) as tar:
            first = tar.next()
    except tarfile.TarError:
        first = None
    match = re.match(r"Python-(\d+)\.(\d+)\.(\d+)", first.name if first else "")
    if match is None or (int(match[1]), int(match[2])) != VERSION:
        raise BuildError(f"{source} is not a CPython {VERSION[0]}.{VERSION[1]} source tarball")
    return match[0]


def build_key(source: Path, tools: Toolchain) -> str:
    digest = hashlib.sha256()
    with open(source, "rb") as tarball:
        for block in iter(lambda: tarball.read(1 << 20), b""):
            digest.update(block)
    for path in OWN_FILES:
        digest.update(path.read_bytes())
    digest.update(libffi_wasix.digest(tools.clang).encode())
    digest.update(tools.build_python_version.encode())
    return digest.hexdigest()[:20]


def is_built(out: Path, key: str) -> bool:
    stamp = out / KEY_FILE
    return (
        stamp.is_file()
        and stamp.read_text().strip() == key
        and (out / "python.wasm").is_file()
        and (out / "lib" / STDLIB / "os.py").is_file()
    )


def build(source: Path, out: Path, build_python: str | None = None, jobs: int | None = None) -> Path:
    """Build into ``out`` unless it holds this very build already; return ``out/python.wasm``."""
    tools = toolchain(build_python)
    top = source_version(source)
    key = build_key(source, tools)
    out.mkdir(parents=True, exist_ok=True)
    # One build at a time per DIR: a second process (another test session) waits, then reuses.
    with open(out / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if is_built(out, key):
            progress(f"{out} is up to date (build {key})")
        else:
            _build(source, top, out, key, tools, jobs or os.cpu_count() or 1)
    return out / "python.wasm"


def _build(source: Path, top: str, out: Path, key: str, tools: Toolchain, jobs: int) -> None:
    (out / KEY_FILE).unlink(missing_ok=True)
    work = Path(tempfile.mkdtemp(prefix="build.", dir=out))
    started = time.monotonic()
    try:
        libffi = work / "libffi"
        progress("building libffi's WASIX fork")
        libffi_wasix.build_library(tools.clang, libffi, jobs)
        libffi_wasix.run(
            [tools.llvm_ar, "rcs", str(libffi / "libffi.a"), *libffi_wasix.library_objects(libffi)]
        )
        progress(f"extracting {source.name}")
        with tarfile.open(source) as tar:
            if hasattr(tarfile, "data_filter"):  # Python 3.12+, and 3.9.17+ / 3.11.4+ backports
                tar.extractall(work, filter="data")
            else:
                tar.extractall(work)
        tree = work / top
        _add_ctypes(tree, libffi)
        progress("configure for wasm32-wasi")
        _configure(tree, tools, work)
        _write_ctypes_test_table(tree, tools)
        progress(f"make -j{jobs} (about 2 minutes on 2 idle cores)")
        libffi_wasix.run(["make", f"-j{jobs}"], cwd=tree)
        progress("copying python.wasm and the standard library")
        _install(tree, out)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    (out / KEY_FILE).write_text(key + "\n")
    progress(f"built {out / 'python.wasm'} in {time.monotonic() - started:.0f} s")


def _add_ctypes(tree: Path, libffi: Path) -> None:
    """The dlfcn stand-in and Modules/Setup.local: _ctypes and _ctypes_test built in."""
    ctypes_dir = tree / "Modules" / "_ctypes"
    (ctypes_dir / "wasi").mkdir()
    shutil.copy(HERE / "include" / "dlfcn.h", ctypes_dir / "wasi" / "dlfcn.h")
    shutil.copy(HERE / "dlfcn.c", ctypes_dir / "wasi_dlfcn.c")
    stand_in = "-I$(srcdir)/Modules/_ctypes/wasi"
    ffi_includes = " ".join(libffi_wasix.includes(libffi))
    sources = " ".join(f"_ctypes/{name}" for name in (*CTYPES_SOURCES, "wasi_dlfcn.c"))
    (tree / "Modules" / "Setup.local").write_text(
        "# Written by wasm-closures' guests/cpython/build.py: ctypes as static built-ins.\n"
        f"_ctypes {sources} {stand_in} {ffi_includes} {CTYPES_DEFINES} {libffi / 'libffi.a'}\n"
        f"_ctypes_test _ctypes/wasi_ctypes_test.c {stand_in} -lm\n"
    )


def _configure(tree: Path, tools: Toolchain, work: Path) -> None:
    no_pkg_config = work / "no-pkg-config"  # the host's zlib, lzma and uuid must not leak in
    no_pkg_config.mkdir()
    env = {
        **os.environ,
        "CC": f"{tools.clang} {libffi_wasix.TARGET}",
        "CPP": f"{tools.clang} {libffi_wasix.TARGET} -E",
        "AR": tools.llvm_ar,
        "RANLIB": tools.llvm_ranlib,
        "READELF": "true",
        "CONFIG_SITE": str(tree / "Tools" / "wasm" / "config.site-wasm32-wasi"),
        "PKG_CONFIG_PATH": "",
        "PKG_CONFIG_LIBDIR": str(no_pkg_config),
        # A program that makes closures: the loader needs the table and the stack pointer.
        "LDFLAGS": " ".join((*libffi_wasix.CLOSURE_LDFLAGS, "-Wl,--strip-debug")),
        "LIBS": libffi_wasix.LONG_DOUBLE_PRINTF,
    }
    libffi_wasix.run(
        ["./configure", "--host=wasm32-unknown-wasi", "--build=x86_64-pc-linux-gnu",
         f"--with-build-python={tools.build_python}", "--without-ensurepip"],
        cwd=tree, env=env,
    )  # fmt: skip


def _write_ctypes_test_table(tree: Path, tools: Toolchain) -> None:
    """``wasi_ctypes_test.c``: ``_ctypes_test.c`` and a table of its global symbols, in one
    translation unit so that every address is taken with the symbol's real type."""
    ctypes_dir = tree / "Modules" / "_ctypes"
    trial = tree / "ctypes_test_trial.o"
    libffi_wasix.run(
        [tools.clang, libffi_wasix.TARGET, "-c", "-w", "-DPy_BUILD_CORE_BUILTIN", f"-I{tree}",
         f"-I{tree / 'Include'}", f"-I{tree / 'Include' / 'internal'}", str(ctypes_dir / "_ctypes_test.c"),
         "-o", str(trial)]
    )  # fmt: skip
    listing = subprocess.run(
        [tools.llvm_nm, "--defined-only", "--extern-only", str(trial)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    names = sorted({line.split()[-1] for line in listing.splitlines() if line.strip()})
    entries = "".join(f'    {{"{name}", (void *)&{name}}},\n' for name in names)
    (ctypes_dir / "wasi_ctypes_test.c").write_text(
        "/* Written by wasm-closures' guests/cpython/build.py: _ctypes_test and its symbols for dlsym. */\n"
        '#include "_ctypes_test.c"\n'
        "#include <dlfcn.h>\n\n"
        f"const struct wasm_closures_symbol wasm_closures_ctypes_test_symbols[] = {{\n{entries}}};\n"
        f"const size_t wasm_closures_ctypes_test_symbol_count = {len(names)};\n"
    )


def _install(tree: Path, out: Path) -> None:
    shutil.copy(tree / "python.wasm", out / "python.wasm")
    stdlib = out / "lib" / STDLIB
    if stdlib.exists():
        shutil.rmtree(stdlib)
    shutil.copytree(tree / "Lib", stdlib, ignore=shutil.ignore_patterns("__pycache__"))
    sysconfigdata = sorted((tree / "build").glob("lib.*/_sysconfigdata*.py"))
    if not sysconfigdata:
        raise BuildError("the build wrote no _sysconfigdata*.py")
    for path in sysconfigdata:
        shutil.copy(path, stdlib / path.name)


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive number of jobs, got {text!r}")
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--source", type=Path, required=True, metavar="TARBALL", help="CPython 3.11's source tarball"
    )
    parser.add_argument(
        "--out", type=Path, required=True, metavar="DIR", help="where python.wasm and lib/ go"
    )
    parser.add_argument("--build-python", metavar="PATH", help="a python3.11 to build with (default: PATH's)")
    parser.add_argument(
        "--jobs", type=_positive_int, metavar="N", help="make's -j (default: the number of CPUs)"
    )
    args = parser.parse_args(argv)
    try:
        build(args.source.resolve(), args.out.resolve(), args.build_python, args.jobs)
    except BuildError as error:
        print(f"build.py: error: {error}", file=sys.stderr)
        return 1
    except RuntimeError as error:  # a step failed: its command and output
        print(f"build.py: error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
