"""libffi's own test suite (the WASIX fork) on wasm-closures, through ``wasm-closures run``.

libffi's WASIX backend builds ``ffi_prep_closure_loc`` on the three closure syscalls and
``ffi_call`` on ``call_dynamic``; its test suite is the best check that a host implements them
the way real programs use them. ``libffi_build`` builds the library and every C program of
``testsuite/libffi.call`` and ``testsuite/libffi.closures`` (cached across sessions); each is
run with both closure strategies and must exit 0 and, where it has ``dg-output`` lines, print
what they match.

The expected failures fail inside libffi or its tests, not in the host. They are strict: one
that starts passing fails, so the list stays true. libffi's sources are part of the repository
(``third_party/libffi-wasix``); were they missing, every test here would fail (never skip).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from libffi_build import LibffiProgram, build_dir, program_names, programs

from wasm_closures.runtime import STRATEGIES

RUN_TIMEOUT = 300  # seconds for one program: generous for a loaded machine

VARARGS = "varargs: the WASIX backend's ffi_prep_cif_machdep_var refuses them"
STRUCT_BY_VALUE = "the WASIX backend passes structs by reference to the caller's own copy"
EXPECTED_FAILURES = {
    **{
        f"libffi.call/{name}": VARARGS
        for name in ("float_va", "va_1", "va_2", "va_3", "va_struct1", "va_struct2", "va_struct3")
    },
    **{
        f"libffi.closures/{name}": VARARGS
        for name in ("cls_double_va", "cls_longdouble_va", "cls_struct_va1", "cls_uint_va", "cls_ulong_va")
    },
    **{
        f"libffi.call/{name}": STRUCT_BY_VALUE
        for name in (
            "struct_by_value_2",
            "struct_by_value_3",
            "struct_by_value_3f",
            "struct_by_value_4",
            "struct_by_value_4f",
            "struct_by_value_big",
            "struct_return_2H",
        )
    },
    "libffi.closures/single_entry_structs2": STRUCT_BY_VALUE,
    "libffi.closures/closure_loc_fn0": "compares code and data addresses (a function pointer is a table index)",
    "libffi.closures/err_bad_abi": "expects an ABI check that the WASIX backend does not make",
}
NOT_BUILDING = {"libffi.call/longjmp": "needs setjmp, which Debian's wasi-libc lacks: it does not build"}


def _params() -> list:
    try:
        names = program_names()
    except FileNotFoundError:
        return [pytest.param("sources-missing", id="sources-missing")]  # fails in the fixture
    params = []
    for name in names:
        reason = EXPECTED_FAILURES.get(name) or NOT_BUILDING.get(name)
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        params.append(pytest.param(name, id=name, marks=marks))
    return params


@pytest.fixture(scope="session")
def libffi_dir(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The build directory (libffi's objects, the test programs), cached across sessions in
    pytest's cache directory (in the session's temporary directory without the cache plugin)."""
    cache = getattr(request.config, "cache", None)
    root = cache.mkdir("wasm-closures-libffi") if cache is not None else tmp_path_factory.mktemp("libffi")
    return build_dir(Path(root))


@pytest.fixture(scope="session")
def libffi_programs(libffi_dir: Path) -> dict[str, LibffiProgram]:
    return programs(libffi_dir)


def _run(program: LibffiProgram, strategy: str) -> subprocess.CompletedProcess:
    assert program.wasm is not None
    command = [sys.executable, "-m", "wasm_closures.cli", "run", "--strategy", strategy, str(program.wasm)]
    return subprocess.run(command, capture_output=True, text=True, timeout=RUN_TIMEOUT)


@pytest.fixture(scope="session")
def libffi_runs(request: pytest.FixtureRequest, libffi_programs: dict[str, LibffiProgram]):
    """Runs the selected programs of a strategy in parallel, the first time it is asked for."""
    runs: dict[str, dict[str, subprocess.CompletedProcess]] = {}
    selected = {
        (item.callspec.params["name"], item.callspec.params["strategy"])
        for item in request.session.items
        if item.originalname == "test_libffi_program"
    }

    def runs_for(strategy: str) -> dict[str, subprocess.CompletedProcess]:
        if strategy not in runs:
            built = [
                p for p in libffi_programs.values() if p.wasm is not None and (p.id, strategy) in selected
            ]
            with ThreadPoolExecutor(max(1, os.cpu_count() or 1)) as pool:
                results = pool.map(lambda p: _run(p, strategy), built)
                runs[strategy] = {p.id: r for p, r in zip(built, results)}
        return runs[strategy]

    return runs_for


def test_every_program_but_longjmp_builds(libffi_programs: dict[str, LibffiProgram]) -> None:
    failed = {name for name, program in libffi_programs.items() if program.wasm is None}
    assert failed == set(NOT_BUILDING), {name: libffi_programs[name].build_log[-2000:] for name in failed}
    assert len(libffi_programs) - len(failed) == 168


def test_libffi_compiles_its_wasix_path(libffi_dir: Path) -> None:
    # ffi.c compiles the calls to the four syscalls only when it finds the package's headers.
    ffi_o = (libffi_dir / "objects" / "ffi.o").read_bytes()
    for syscall in (b"closure_allocate", b"closure_prepare", b"closure_free", b"call_dynamic"):
        assert b"wasix_32v1" in ffi_o and syscall in ffi_o


def test_the_expected_failures_exist(libffi_programs: dict[str, LibffiProgram]) -> None:
    assert set(EXPECTED_FAILURES) <= set(libffi_programs)
    assert len(EXPECTED_FAILURES) == 22


@pytest.mark.parametrize("strategy", STRATEGIES)
@pytest.mark.parametrize("name", _params())
def test_libffi_program(
    name: str, strategy: str, libffi_programs: dict[str, LibffiProgram], libffi_runs
) -> None:
    program = libffi_programs[name]
    assert program.wasm is not None, f"{name} did not build:\n{program.build_log[-3000:]}"
    result = libffi_runs(strategy)[name]
    report = (
        f"exit status {result.returncode}\nstdout:\n{result.stdout[-3000:]}\nstderr:\n{result.stderr[-3000:]}"
    )
    assert result.returncode == 0, report
    if program.expected_output is not None:
        assert re.search(program.expected_output, result.stdout, re.DOTALL), (
            f"the output does not match dg-output {program.expected_output!r}\n{report}"
        )
