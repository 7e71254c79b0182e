"""Start-up: what ``wasm-closures run`` imports, and the ``cli-startup`` benchmark cases.

No timing is asserted (the ``startup`` cases measure it); these tests check that the modules
which made the CLI start slowly stay out of a run that does not need them.
"""

from __future__ import annotations

import argparse
import functools
import importlib.metadata
import json
import shutil
import subprocess
import sys

import pytest

from wasm_closures import cli
from wasm_closures._ffi import _capi
from wasm_closures.benchmarks import cli_startup
from wasm_closures.benchmarks.cases import all_cases

# Imported only by the commands or code paths that use them (see each one's comment).
LAZY_MODULES = (
    "importlib.metadata",  # wasmtime's version: its dist-info is read directly
    "logging",  # wasix: only when a syscall is refused
    "wasm_closures.benchmarks.cases",  # the bench command's suite
    "matplotlib",
)
# Imported by a disk cache only (module_cache): a run uses the program cache, an import does not.
DISK_CACHE_MODULES = ("hashlib", "hmac", "secrets")
# The closure runtime and the encoders: imported when a ClosureRuntime is made or a module
# encoded (the package's public names are imported on first use), so neither importing the
# package or its CLI nor running a program that imports no closure syscall imports them.
RUNTIME_MODULES = (
    "wasm_closures.runtime",
    "wasm_closures.encoder",
    "wasm_closures._runtime.backend",
    "wasm_closures._runtime.strategies",
    "wasm_closures._runtime.wasix",
    "wasm_closures._encoders.pool_module",
)
# Not imported by a run of a small program: dataclasses (with inspect, ast and dis: no
# dataclass is made on that path), shutil (argparse's help formatter imports it to read the
# terminal's width; the CLI's reads it with os), the signature and memory types, and the C API
# layer's parts that only closures use.
RUN_FREE_MODULES = (
    "dataclasses",
    "inspect",
    "shutil",
    "wasm_closures._format.types",
    "wasm_closures._format.wasm",
    "wasm_closures._ffi.calls",
    "wasm_closures._ffi.tables",
    "wasm_closures._ffi.host_functions",
)
# What only a subcommand that runs uses: importing the CLI does not import them.
SUBCOMMAND_MODULES = ("wasm_closures.loader", "wasm_closures.dylink", "wasm_closures._ffi")


def _imported_by(code: str) -> set[str]:
    script = f"import json, sys\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return set(json.loads(result.stdout.splitlines()[-1]))


@functools.cache
def _imported_by_wasmtime() -> frozenset[str]:
    """What a process has imported once it imported wasmtime: the interpreter's start-up
    (which, in some environments, a ``.pth`` file makes import ``shutil`` and more) and
    wasmtime-py's own imports."""
    return frozenset(_imported_by("import wasmtime"))


def _modules_after(code: str) -> set[str]:
    """The modules ``code`` imports beyond what importing wasmtime does."""
    return _imported_by(code) - _imported_by_wasmtime()


def test_a_cli_run_imports_none_of_the_lazy_modules(tmp_path):
    program = tmp_path / "small.wasm"
    program.write_bytes(__import__("wasmtime").wat2wasm(cli_startup.SMALL_PROGRAM_WAT))
    loaded = _modules_after(
        f"from wasm_closures.cli import main\nassert main(['run', {str(program)!r}]) == 0"
    )
    assert "wasm_closures.loader" in loaded  # it did run the program
    assert not loaded & {*LAZY_MODULES, *RUNTIME_MODULES, *RUN_FREE_MODULES}


def test_importing_the_package_and_its_cli_imports_no_disk_cache_module():
    loaded = _modules_after("import wasm_closures.cli")
    assert not loaded & {*LAZY_MODULES, *DISK_CACHE_MODULES, *RUNTIME_MODULES, *SUBCOMMAND_MODULES}


def test_the_package_imports_a_public_name_where_it_is_first_used():
    loaded = _modules_after("import wasm_closures\nassert wasm_closures.Signature")
    assert "wasm_closures._format.types" in loaded
    assert not loaded & set(RUNTIME_MODULES)
    assert "wasm_closures.runtime" in _modules_after("from wasm_closures import ClosureRuntime")


def test_a_cli_run_of_a_program_with_closures_makes_its_runtime(tmp_path):
    program = tmp_path / "closures.wasm"
    program.write_bytes(
        __import__("wasmtime").wat2wasm(
            cli_startup.SMALL_PROGRAM_WAT.replace(
                "(memory",
                '(import "wasix_32v1" "closure_allocate" (func (param i32) (result i32)))\n  (memory',
                1,
            )
        )
    )
    loaded = _modules_after(
        f"from wasm_closures.cli import main\nassert main(['run', {str(program)!r}]) == 0"
    )
    assert "wasm_closures.runtime" in loaded


def test_the_wasmtime_version_is_the_one_importlib_metadata_reads():
    assert importlib.metadata.version("wasmtime") == _capi.WASMTIME_VERSION
    assert _capi._dist_info_version() == importlib.metadata.version("wasmtime")


def test_without_a_readable_dist_info_importlib_metadata_answers(monkeypatch):
    monkeypatch.setattr(_capi.os, "listdir", lambda path: [])
    assert _capi._dist_info_version() is None
    assert _capi._installed_version() == importlib.metadata.version("wasmtime")


def test_the_package_version_still_comes_from_the_extension_or_the_metadata():
    import wasm_closures

    assert wasm_closures.__version__ == importlib.metadata.version("wasm-closures")


@pytest.mark.parametrize("case_id", ["cli-startup-run", "cli-startup-import-wasmtime"])
def test_the_startup_cases_run_their_process(case_id):
    case = {c.id: c for c in all_cases()}[case_id]
    op = case.setup()
    op()  # raises unless the process exits 0 with the expected output


def test_a_failing_startup_process_is_reported():
    with pytest.raises(RuntimeError, match="exited 3"):
        cli_startup._process([sys.executable, "-c", "raise SystemExit(3)"], b"")


@pytest.mark.parametrize("columns", [None, "57", "0", "-3", "wide"])
def test_the_help_is_as_wide_as_shutil_would_make_it(monkeypatch, columns):
    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert cli._terminal_columns() == shutil.get_terminal_size().columns
    assert cli._HelpFormatter("prog")._width == argparse.HelpFormatter("prog")._width
