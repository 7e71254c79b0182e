"""Shared fixtures. The tests import the installed ``wasm_closures``, never python/ in the tree."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
import wasmtime

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def reference_vectors() -> "list[dict]":
    """The 60 reference modules of tests/data/reference-vectors.jsonl."""
    with open(DATA / "reference-vectors.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def threads_engine() -> wasmtime.Engine:
    """An engine that accepts shared memories (the reference module imports one)."""
    config = wasmtime.Config()
    config.wasm_threads = True
    config.shared_memory = True
    return wasmtime.Engine(config)


@pytest.fixture(scope="session")
def engine() -> wasmtime.Engine:
    return threads_engine()


@pytest.fixture(scope="session")
def wasm_validate() -> str:
    """wabt's wasm-validate (Debian package wabt). Required in CI, skipped elsewhere if absent."""
    path = shutil.which("wasm-validate")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("wasm-validate not found: install Debian's wabt (see .ci/run)")
        pytest.skip("wasm-validate not found (Debian package wabt)")
    return path
