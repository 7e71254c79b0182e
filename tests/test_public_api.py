"""The public API, pinned: ``wasm_closures.__all__`` and every module and name the README
imports. A layout change (modules moving into subpackages) must keep each of these."""

from __future__ import annotations

import importlib
import importlib.util
import re
from pathlib import Path

import wasm_closures

README = Path(__file__).resolve().parent.parent / "README.md"

ALL = [
    "DEFAULT_MEMORY",
    "ClosureError",
    "ClosureRuntime",
    "DiskCache",
    "DiskCacheWarning",
    "Errno",
    "InvalidValueError",
    "MemoryImport",
    "RuntimeStats",
    "Signature",
    "ValType",
    "WasmClosuresError",
    "__version__",
    "available_backends",
    "backend",
    "encode_closure_module",
    "runtime_backend",
    "runtime_backend_reason",
]
# (module, name) the README imports or calls, beyond the package's own names.
README_NAMES = [
    ("wasm_closures.dylink", "parse_module"),
    ("wasm_closures.epoch_timer", "EpochTimer"),
    ("wasm_closures.loader", "default_engine"),
    ("wasm_closures.loader", "load_program"),
]


def test_all_is_pinned_and_every_name_is_there() -> None:
    assert wasm_closures.__all__ == ALL
    assert all(hasattr(wasm_closures, name) for name in ALL)


def test_every_name_the_readme_imports_is_where_it_says() -> None:
    text = README.read_text(encoding="utf-8")
    imported = set()
    for module, names in re.findall(r"^from (wasm_closures[\w.]*) import ([\w, ]+)$", text, re.MULTILINE):
        imported |= {(module, name.strip()) for name in names.split(",")}
    assert ("wasm_closures.loader", "load_program") in imported  # the README was read
    for module, name in sorted(imported | set(README_NAMES)):
        found = hasattr(importlib.import_module(module), name) or importlib.util.find_spec(f"{module}.{name}")
        assert found, f"{module}.{name}"  # a name of the module, or a submodule
