"""Shared fixtures. The tests import the installed ``wasm_closures``, never python/ in the tree."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import wasmtime
from ffi_support import Env
from wat_program import threads_engine

DATA = Path(__file__).parent / "data"


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


@pytest.fixture
def env() -> Env:
    """The ``_ffi`` tests' WAT program, instantiated in a fresh store."""
    return Env()
