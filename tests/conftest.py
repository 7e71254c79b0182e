"""Shared fixtures. The tests import the installed ``wasm_closures``, never python/ in the tree."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import wasmtime
from ffi_support import Env
from wat_program import threads_engine

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session", autouse=True)
def private_cache_dir(tmp_path_factory) -> Iterator[Path]:
    """``wasm-closures run`` caches compiled code by default: the tests' runs (and the CLI
    processes they start) keep theirs in a directory of this session, not the user's."""
    directory = tmp_path_factory.mktemp("wasm-closures-cache")
    saved = os.environ.get("WASM_CLOSURES_CACHE_DIR")
    os.environ["WASM_CLOSURES_CACHE_DIR"] = str(directory)
    yield directory
    if saved is None:
        del os.environ["WASM_CLOSURES_CACHE_DIR"]
    else:
        os.environ["WASM_CLOSURES_CACHE_DIR"] = saved


@pytest.fixture(scope="session")
def reference_vectors() -> list[dict]:
    """The 60 reference modules of tests/data/reference-vectors.jsonl."""
    with open(DATA / "reference-vectors.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


@pytest.fixture(scope="session")
def engine() -> wasmtime.Engine:
    return threads_engine()


@pytest.fixture(scope="session")
def wasm_validate() -> str:
    """wabt's wasm-validate (Debian package wabt): required, the tests fail loudly without it."""
    path = shutil.which("wasm-validate")
    if path is None:
        pytest.fail("wasm-validate not found: apt-get install wabt (see .ci/run)")
    return path


@pytest.fixture(scope="module", params=["native", "python"])
def each_runtime_backend(request) -> Iterator[str]:
    """Run a module's tests on each runtime: the native core and the pure-Python fallback.

    ``WASM_CLOSURES_BACKEND`` is read by every ``ClosureRuntime`` made (and inherited by the
    subprocesses tests start). The native core must be built: its absence fails the tests.
    """
    from wasm_closures._runtime import backend as _runtime_backend

    with pytest.MonkeyPatch.context() as patch:
        if request.param == "native":
            if _runtime_backend.NATIVE is None:
                pytest.fail(
                    f"the native runtime core cannot serve: {_runtime_backend.NATIVE_UNAVAILABLE_REASON}"
                )
            patch.delenv(_runtime_backend.ENV_VARIABLE, raising=False)
        else:
            patch.setenv(_runtime_backend.ENV_VARIABLE, "python")
        yield request.param


@pytest.fixture
def env() -> Env:
    """The ``_ffi`` tests' WAT program, instantiated in a fresh store."""
    return Env()


@pytest.fixture
def source_without_extension(tmp_path) -> Path:
    """A copy of the package's source tree without any built extension: the directory to put
    on PYTHONPATH."""
    source = tmp_path / "python"
    shutil.copytree(
        Path(__file__).resolve().parent.parent / "python" / "wasm_closures",
        source / "wasm_closures",
        ignore=shutil.ignore_patterns("_native*.so", "_native*.pyd", "__pycache__"),
    )
    return source
