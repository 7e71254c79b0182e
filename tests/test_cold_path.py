"""The native core's calls into Python go through one typed interface: ``_native.ColdPath``
(declared in ``_native.pyi``), implemented by ``_cold_path.NativeColdPath``. Nothing in the
Rust source calls a private Python method by name."""

from __future__ import annotations

import ast
import gc
import re
from pathlib import Path

import pytest
import wasmtime
from wat_program import load_wat_program

from wasm_closures import ClosureError, Errno
from wasm_closures._runtime.cold_path import NativeColdPath

ROOT = Path(__file__).resolve().parent.parent


def _rust_method_calls() -> set[str]:
    names: set[str] = set()
    for path in (ROOT / "rust").rglob("*.rs"):
        names |= set(re.findall(r'call_method1\(\s*"(\w+)"', path.read_text(encoding="utf-8")))
    return names


def _protocol_methods() -> set[str]:
    stub = ast.parse((ROOT / "python" / "wasm_closures" / "_native.pyi").read_text(encoding="utf-8"))
    protocol = next(n for n in stub.body if isinstance(n, ast.ClassDef) and n.name == "ColdPath")
    return {n.name for n in protocol.body if isinstance(n, ast.FunctionDef)}


def test_the_core_calls_only_the_cold_paths_public_methods() -> None:
    called = _rust_method_calls()
    assert "check_backing" in called  # the source was read
    assert not [name for name in called if name.startswith("_")]
    assert called <= _protocol_methods()
    assert all(callable(getattr(NativeColdPath, name, None)) for name in _protocol_methods())


def test_a_native_runtime_holds_its_cold_path_and_the_core_answers_notsup_once_it_is_gone() -> None:
    program = load_wat_program(wasmtime.Engine())
    runtime = program.runtime
    if runtime.backend != "native":
        pytest.skip(f"the native core does not serve here: {runtime.backend_reason}")
    core = runtime._core
    assert isinstance(runtime._cold_path, NativeColdPath)
    del runtime, program
    gc.collect()
    with pytest.raises(ClosureError, match="the ClosureRuntime is gone") as caught:
        core.prepare("not an int", 0, "(i32) -> ()")
    assert caught.value.errno == Errno.NOTSUP


def test_the_rust_source_imports_python_classes_only_never_a_helper_function() -> None:
    imported = set()
    for path in (ROOT / "rust").rglob("*.rs"):
        imported |= set(
            re.findall(r'\.import\(\s*py,\s*"[\w.]+",\s*"(\w+)"', path.read_text(encoding="utf-8"))
        )
    assert "ClosureError" in imported  # the source was read
    assert [name for name in imported if not name[0].isupper()] == []


def _python_names(rust_file: str) -> set[str]:
    """The identifiers of ``rust/<rust_file>`` outside comments that name pyo3 or its Python
    types (``pyo3``, ``Py``, ``PyAny``, ``Python``, ...)."""
    source = (ROOT / "rust" / rust_file).read_text(encoding="utf-8")
    code = re.sub(r"//[^\n]*", "", re.sub(r"/\*.*?\*/", "", source, flags=re.DOTALL))
    return {name for name in re.findall(r"\b\w+\b", code) if name == "pyo3" or name.startswith("Py")}


def test_the_warm_state_knows_no_python() -> None:
    """``runtime.rs`` (the warm state and operations) neither calls nor holds Python objects:
    the bridge, ``runtime_api.rs``, gives its signature handles their Python type."""
    assert {"pyo3", "Py", "PyAny", "Python"} <= _python_names("runtime_api.rs")  # the detector reads
    assert _python_names("runtime.rs") == set()
