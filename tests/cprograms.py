"""Build the C test programs in tests/c with clang, in the program shapes the loader runs.

Shapes:

``static``
    ``clang --target=wasm32-wasi`` with wasi-libc, linked with ``--export-table
    --export=__stack_pointer --growable-table --no-check-features``: exports ``memory``,
    ``__indirect_function_table``, ``__stack_pointer``.
``static-noexport``
    The same without ``--export-table`` / ``--export=__stack_pointer``: closures get NOTSUP.
``pie``
    Freestanding (no libc) ``clang --target=wasm32-unknown-emscripten -fPIC``, linked with
    ``wasm-ld --experimental-pic -pie --import-memory``; ``-DWC_FREESTANDING`` makes
    ``wasix_closures.h`` provide ``_start``.
``pie-shared``
    ``pie`` with ``-matomics -mbulk-memory`` and ``--shared-memory --max-memory``: the program
    imports a shared memory.

All use ``-O2 -msimd128``. Outputs are cached by a hash of the sources, flags and compiler
version, in a directory the caller gives (the tests use one under pytest's base temp dir).
The tools are required: a missing clang or wasm-ld raises, so the tests fail loudly instead
of skipping. ``WASM_CLOSURES_CLANG`` / ``WASM_CLOSURES_WASM_LD`` override the tool paths.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import threading
from collections.abc import Sequence
from pathlib import Path

from wasm_closures.c_headers import HEADERS as PACKAGE_HEADERS
from wasm_closures.c_headers import include_dir

C_DIR = Path(__file__).resolve().parent / "c"
HEADER = C_DIR / "wasix_closures.h"
HEADERS = (HEADER, *(include_dir() / name for name in PACKAGE_HEADERS))
"""Every header the programs include: the tests' helpers and the package's WASIX headers."""

SHAPES = ("static", "static-noexport", "pie", "pie-shared")
CLOSURE_SHAPES = ("static", "pie", "pie-shared")
"""The shapes every closure test program runs in."""

COMMON_CFLAGS = (
    "-O2",
    "-msimd128",
    "-Wall",
    "-Wextra",
    "-Werror=implicit-function-declaration",
    f"-I{C_DIR}",
    f"-I{include_dir()}",
)
STATIC_LDFLAGS = (
    "-Wl,--export-table",
    "-Wl,--export=__stack_pointer",
    "-Wl,--growable-table",
    "-Wl,--no-check-features",
)
PIE_CFLAGS = (
    "--target=wasm32-unknown-emscripten",
    "-ffreestanding",
    "-nostdlib",
    "-fPIC",
    "-DWC_FREESTANDING",
)
PIE_LDFLAGS = ("--experimental-pic", "-pie", "--import-memory", "--no-entry", "--export=__wasm_call_ctors")
SHARED_CFLAGS = ("-matomics", "-mbulk-memory")
SHARED_LDFLAGS = ("--shared-memory", "--max-memory=67108864")

_INSTALL_HINT = (
    "the C test programs need Debian's clang, lld and wasi-libc "
    "(apt-get install clang lld wasi-libc libclang-rt-14-dev-wasm32); "
    "set WASM_CLOSURES_CLANG / WASM_CLOSURES_WASM_LD to use other paths"
)


class BuildError(RuntimeError):
    """clang or wasm-ld failed, or is missing."""


def _find_tool(env_var: str, candidates: Sequence[str]) -> str:
    forced = os.environ.get(env_var)
    if forced:
        if shutil.which(forced) is None:
            raise BuildError(f"{env_var}={forced!r} is not an executable: {_INSTALL_HINT}")
        return forced
    for name in candidates:
        path = shutil.which(name)
        if path:
            return path
    raise BuildError(f"none of {', '.join(candidates)} found on PATH: {_INSTALL_HINT}")


def clang() -> str:
    return _find_tool("WASM_CLOSURES_CLANG", ("clang", "clang-14", "clang-15", "clang-16"))


def wasm_ld() -> str:
    return _find_tool("WASM_CLOSURES_WASM_LD", ("wasm-ld", "wasm-ld-14", "wasm-ld-15", "wasm-ld-16"))


def _run(cmd: Sequence[str]) -> None:
    proc = subprocess.run(list(cmd), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if proc.returncode != 0:
        raise BuildError(
            f"command failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stdout}\n{_INSTALL_HINT}"
        )


_VERSION_CACHE: dict[str, str] = {}


def _tool_version(tool: str) -> str:
    if tool not in _VERSION_CACHE:
        proc = subprocess.run(
            [tool, "--version"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        _VERSION_CACHE[tool] = proc.stdout
    return _VERSION_CACHE[tool]


def commands(
    source: Path, shape: str, output: Path, *, cflags: Sequence[str] = (), ldflags: Sequence[str] = ()
) -> tuple[tuple[str, ...], ...]:
    """The commands that build ``source`` in ``shape`` to ``output``."""
    if shape not in SHAPES:
        raise ValueError(f"unknown shape {shape!r}: expected one of {SHAPES}")
    cc = clang()
    if shape.startswith("static"):
        link = STATIC_LDFLAGS if shape == "static" else ("-Wl,--growable-table", "-Wl,--no-check-features")
        return (
            (
                cc,
                "--target=wasm32-wasi",
                *COMMON_CFLAGS,
                *cflags,
                str(source),
                "-o",
                str(output),
                *link,
                *(f"-Wl,{flag}" for flag in ldflags),
            ),
        )
    shared = shape == "pie-shared"
    obj = output.with_suffix(".o")
    compile_cmd = (
        cc,
        *PIE_CFLAGS,
        *COMMON_CFLAGS,
        *(SHARED_CFLAGS if shared else ()),
        *cflags,
        "-c",
        str(source),
        "-o",
        str(obj),
    )
    link_cmd = (
        wasm_ld(),
        *PIE_LDFLAGS,
        *(SHARED_LDFLAGS if shared else ()),
        *ldflags,
        str(obj),
        "-o",
        str(output),
    )
    return (compile_cmd, link_cmd)


class CPrograms:
    """Builds tests/c programs into ``out_dir`` on demand, once per (source, shape, flags)."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = Path(out_dir)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()

    def path(self, name: str, shape: str, *, cflags: Sequence[str] = (), ldflags: Sequence[str] = ()) -> Path:
        """The built ``.wasm`` of ``tests/c/<name>.c`` in ``shape`` (built if not cached)."""
        source = C_DIR / f"{name}.c"
        if not source.is_file():
            raise FileNotFoundError(source)
        key = hashlib.sha256()
        for part in (
            source.read_bytes(),
            *(header.read_bytes() for header in HEADERS),
            shape.encode(),
            repr((tuple(cflags), tuple(ldflags))).encode(),
            _tool_version(clang()).encode(),
        ):
            key.update(part)
            key.update(b"\0")
        output = self.out_dir / f"{name}.{shape}.{key.hexdigest()[:16]}.wasm"
        with self._lock:
            if not output.exists():
                tmp = output.with_name(output.name + ".tmp.wasm")
                for cmd in commands(source, shape, tmp, cflags=cflags, ldflags=ldflags):
                    _run(cmd)
                os.replace(tmp, output)
        return output

    def bytes(self, name: str, shape: str, **kwargs) -> bytes:
        return self.path(name, shape, **kwargs).read_bytes()


_SHARED: CPrograms | None = None


def shared_programs(tmp_path_factory) -> CPrograms:
    """One :class:`CPrograms` per pytest session, under its base temp dir."""
    global _SHARED
    base = Path(tmp_path_factory.getbasetemp()) / "cprograms"
    if _SHARED is None or _SHARED.out_dir != base:
        _SHARED = CPrograms(base)
    return _SHARED
