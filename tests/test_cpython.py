"""CPython 3.11 with ctypes inside wasm (``guests/cpython``): CPython's own ctypes test suite
and the demo, through ``wasm-closures run``.

``guests/cpython/build.py`` builds ``python.wasm`` once per content hash into pytest's cache
directory (a later session reuses it). ``guests/cpython/ctypes_suite.py`` runs
``Lib/ctypes/test`` inside the guest and prints one line per test; each test is then its own
item here, on both closure strategies of the native runtime: the tests of
``tests/data/cpython_ctypes_suite.txt`` pass (or skip, the platform-only ones), and the six
known failures are strict expected failures naming their libffi-WASIX reason. The demo runs on
both runtimes.

CPython's source tarball comes from ``WASM_CLOSURES_CPYTHON_TARBALL``, else
``../shared/third_party/cpython/`` beside the checkout; without it this module is skipped.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from wasm_closures.runtime import STRATEGIES

REPO = Path(__file__).resolve().parent.parent
GUEST_DIR = REPO / "guests" / "cpython"
TARBALL = Path(
    os.environ.get("WASM_CLOSURES_CPYTHON_TARBALL")
    or REPO.parent / "shared" / "third_party" / "cpython" / "python3.11_3.11.2.orig.tar.gz"
)
if not TARBALL.is_file():
    pytest.skip(
        f"CPython 3.11.2's source is missing ({TARBALL}): get Python-3.11.2.tgz from "
        "https://www.python.org/downloads/release/python-3112/ and set WASM_CLOSURES_CPYTHON_TARBALL",
        allow_module_level=True,
    )

SUITE_LIST = Path(__file__).resolve().parent / "data" / "cpython_ctypes_suite.txt"
RUN_TIMEOUT = 900  # seconds: the suite takes about 2 s once compiled, on a loaded machine more

VARARGS = "varargs: the WASIX backend's ffi_prep_cif_machdep_var refuses them (RuntimeError)"
STRUCT_BY_VALUE = "the WASIX backend passes structs by reference to the caller's own copy"
# Test id: (the libffi-WASIX reason, what its traceback must show).
KNOWN_FAILURES = {
    **{
        f"ctypes.test.test_as_parameter.{case}.test_struct_return_2H": (STRUCT_BY_VALUE, "AssertionError")
        for case in ("AsParamPropertyWrapperTestCase", "AsParamWrapperTestCase", "BasicWrapTestCase")
    },
    "ctypes.test.test_callbacks.SampleCallbacksTestCase.test_callback_too_many_args": (
        "the WASIX backend's ffi_prep_cif refuses a 1,024-argument CFUNCTYPE",
        "RuntimeError: ffi_prep_cif failed",
    ),
    "ctypes.test.test_python_api.PythonAPITestCase.test_PyOS_snprintf": (
        VARARGS,
        "RuntimeError: ffi_prep_cif_var failed",
    ),
    "ctypes.test.test_funcptr.CFuncPtrTestCase.test_first": (
        VARARGS,
        "RuntimeError: ffi_prep_cif_var failed",
    ),
}


def _expected_outcomes() -> dict[str, str]:
    """Test id -> ``pass`` or ``skip``, from tests/data/cpython_ctypes_suite.txt."""
    lines = (line.split() for line in SUITE_LIST.read_text().splitlines() if not line.startswith("#"))
    return {test_id: outcome for outcome, test_id in lines}


EXPECTED = _expected_outcomes()


class KnownFailure(Exception):
    """A known failure failed for its known reason (the only exception its xfail accepts)."""


@dataclass
class SuiteRun:
    """One run of the suite in the guest: each test's outcome, detail and traceback."""

    result: subprocess.CompletedProcess
    outcomes: dict[str, tuple[str, str]] = field(default_factory=dict)
    tracebacks: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        current = None
        for line in self.result.stdout.splitlines():
            if line.startswith("RESULT "):
                _, outcome, current, *detail = line.split(" ", 3)
                self.outcomes[current] = (outcome, " ".join(detail))
            elif line.startswith("| ") and current is not None:
                self.tracebacks[current] = self.tracebacks.get(current, "") + line[2:] + "\n"

    def report(self) -> str:
        return f"exit status {self.result.returncode}\nstderr:\n{self.result.stderr[-3000:]}"


def wasm_closures_run(
    build: Path, *args: str | Path, strategy: str = "pooled"
) -> subprocess.CompletedProcess:
    """``wasm-closures run`` of python.wasm with its standard library, the guest scripts at
    /guest and a writable /tmp."""
    tmp = build / "guest-tmp"
    tmp.mkdir(exist_ok=True)
    command = [
        sys.executable, "-m", "wasm_closures.cli", "run", "--strategy", strategy,
        "--dir", f"{build / 'lib'}::/lib", "--dir", f"{GUEST_DIR}::/guest", "--dir", f"{tmp}::/tmp",
        "--env", "PYTHONHOME=/", "--env", "PYTHONDONTWRITEBYTECODE=1",
        build / "python.wasm", *args,
    ]  # fmt: skip
    return subprocess.run(list(map(str, command)), capture_output=True, text=True, timeout=RUN_TIMEOUT)


def build_python_wasm(out: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(GUEST_DIR / "build.py"), "--source", str(TARBALL), "--out", str(out)],
        capture_output=True,
        text=True,
    )


@pytest.fixture(scope="session")
def python_build(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """DIR of ``build.py --out DIR``, in pytest's cache directory (rebuilt when its inputs change)."""
    cache = getattr(request.config, "cache", None)
    root = cache.mkdir("wasm-closures-cpython") if cache is not None else tmp_path_factory.mktemp("cpython")
    out = Path(root) / "build"
    built = build_python_wasm(out)
    if built.returncode != 0:
        pytest.fail(f"guests/cpython/build.py failed:\n{built.stderr[-5000:]}")
    return out


def _selected_strategies(session: pytest.Session) -> list[str]:
    """The strategies of this module's selected tests."""
    found = set()
    for item in session.items:
        callspec = getattr(item, "callspec", None)
        if item.path.name == Path(__file__).name and callspec is not None and "strategy" in callspec.params:
            found.add(callspec.params["strategy"])
    return sorted(found)


@pytest.fixture(scope="session")
def suite_runs(request: pytest.FixtureRequest, python_build: Path) -> Callable[[str], SuiteRun]:
    """The suite's run on a strategy; the selected strategies run side by side, once."""
    runs: dict[str, SuiteRun] = {}
    selected = _selected_strategies(request.session)

    def run(strategy: str) -> SuiteRun:
        if strategy not in runs:
            wanted = [s for s in selected if s not in runs] or [strategy]
            with ThreadPoolExecutor(len(wanted)) as pool:
                results = pool.map(
                    lambda s: wasm_closures_run(python_build, "/guest/ctypes_suite.py", strategy=s), wanted
                )
                runs.update((s, SuiteRun(r)) for s, r in zip(wanted, results))
        return runs[strategy]

    return run


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_the_suite_runs_to_its_end_without_a_trap(
    strategy: str, suite_runs: Callable[[str], SuiteRun]
) -> None:
    run = suite_runs(strategy)
    assert run.result.returncode == 0, run.report()
    assert "trapped" not in run.result.stderr
    assert f"DONE {len(EXPECTED) + len(KNOWN_FAILURES)}" in run.result.stdout, run.report()
    assert set(run.outcomes) == set(EXPECTED) | set(KNOWN_FAILURES)


def _params() -> list:
    params = []
    for test_id in sorted({*EXPECTED, *KNOWN_FAILURES}):
        known = KNOWN_FAILURES.get(test_id)
        marks = [pytest.mark.xfail(strict=True, raises=KnownFailure, reason=known[0])] if known else []
        params.append(pytest.param(test_id, id=test_id.removeprefix("ctypes.test."), marks=marks))
    return params


@pytest.mark.parametrize("strategy", STRATEGIES)
@pytest.mark.parametrize("test_id", _params())
def test_ctypes(test_id: str, strategy: str, suite_runs: Callable[[str], SuiteRun]) -> None:
    run = suite_runs(strategy)
    assert test_id in run.outcomes, f"{test_id} did not run\n{run.report()}"
    outcome, detail = run.outcomes[test_id]
    traceback = run.tracebacks.get(test_id, "")
    known = KNOWN_FAILURES.get(test_id)
    if known is not None and outcome in ("fail", "error") and known[1] in traceback:
        raise KnownFailure(traceback)
    if EXPECTED.get(test_id) == "skip":
        assert outcome == "skip", f"{test_id} was expected to skip (a platform-only test), got {outcome}"
        pytest.skip(f"skipped inside the guest: {detail}")
    assert outcome == "pass", f"{test_id}: {outcome}\n{traceback}"


DEMO_OUTPUT = [
    "callbacks: add(2, 40) = 42, scale(1.5, 4) = 6.0, wide(2**40) = 3298534883328, note -> ['no result']",
    "qsort: [1, 2, 3, 4, 5, 7, 8, 9] (some comparator calls)",
    "pythonapi: PyLong_FromLong(42) = 42, Py_GetVersion() = 3.11.2",
    "exception in a callback: reported [\"ValueError('bad value 13')\"], and the program goes on",
]


def test_the_demo_runs_on_each_runtime(each_runtime_backend: str, python_build: Path) -> None:
    result = wasm_closures_run(python_build, "/guest/demo.py")
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.splitlines() == DEMO_OUTPUT


def test_the_readme_command_prints_7(python_build: Path) -> None:
    code = "import ctypes; print(ctypes.CFUNCTYPE(ctypes.c_int)(lambda: 7)())"
    result = wasm_closures_run(python_build, "-c", code)
    assert (result.returncode, result.stdout) == (0, "7\n"), result.stderr[-3000:]


def test_a_second_build_with_the_same_inputs_reuses_the_first(python_build: Path) -> None:
    before = (python_build / "python.wasm").stat().st_mtime_ns
    again = build_python_wasm(python_build)
    assert again.returncode == 0, again.stderr
    assert "is up to date" in again.stderr
    assert (python_build / "python.wasm").stat().st_mtime_ns == before


def test_the_benchmark_cases_run_in_the_guest_and_natively(
    python_build: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wasm_closures.benchmarks import cpython_cases

    monkeypatch.setenv(cpython_cases.BUILD_ENV_VARIABLE, str(python_build))
    cases = {case.id: case for case in cpython_cases.cpython_cases()}
    assert sorted(cases) == [
        "cpython-callback-native",
        "cpython-callback-wasm",
        "cpython-cfunctype-native",
        "cpython-cfunctype-wasm",
    ]
    for case in cases.values():
        assert case.unavailable is None and case.per_call == cpython_cases.CPYTHON_BATCH
        op = case.setup()  # a guest's setup runs one batch and checks its answer
        op()
        if isinstance(op, cpython_cases.GuestPython):
            assert op.running
            op.close()  # an empty line: the guest's loop ends and python.wasm exits
            assert not op.running
