"""The facts both runtimes share are defined once: ``rust/facts.rs``, exported as
``_native.FACTS``, and ``wasm_closures._runtime.facts``, the pure-Python runtime's copy, are identical,
and no other source file writes one of them down again."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import wasm_closures
from wasm_closures import Errno, _native
from wasm_closures._runtime import facts as _facts

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "python" / "wasm_closures"
RUST = ROOT / "rust"


def test_the_python_table_is_the_extensions() -> None:
    assert _facts.as_dict() == _native.FACTS


def test_errno_is_the_tables_errnos() -> None:
    assert {errno.name: int(errno) for errno in Errno} == _facts.ERRNOS
    assert wasm_closures.Errno is Errno


def test_the_wasmtime_failure_rule_is_the_tables() -> None:
    assert _facts.nomem_failure("resource limit exceeded: instance count too high")
    assert _facts.nomem_failure("out of memory")
    assert not _facts.nomem_failure("wasm trap: call stack exhausted")


def _shared_strings() -> set[str]:
    return {_facts.WASIX_MODULE, *_facts.MESSAGES.values()}


def test_no_python_module_but_the_table_writes_a_shared_string() -> None:
    shared = _shared_strings()
    copies = []
    for path in PACKAGE.rglob("*.py"):
        if path.relative_to(PACKAGE).as_posix() == "_runtime/facts.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value in shared:
                copies.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value!r}")
    assert copies == []


def test_no_rust_file_but_facts_rs_writes_a_shared_string_or_an_errno_value() -> None:
    shared = _shared_strings()
    values = "|".join(str(value) for value in _facts.ERRNOS.values() if value)
    errno_value = re.compile(rf"\bSome\((?:{values})\)|(?<![!<>=])= (?:{values}),?$")
    copies = []
    for path in RUST.rglob("*.rs"):
        if path.name == "facts.rs":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            literals = set(re.findall(r'"((?:[^"\\]|\\.)*)"', line))
            if literals & shared or errno_value.search(line.strip()):
                copies.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert copies == []
