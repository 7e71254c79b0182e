"""The package has no import cycles: each module's imports of the package's own modules, read
with ``ast`` (at module level or inside functions; only ``if TYPE_CHECKING:`` imports, which
never run, are left out), form a graph without cycles."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "python" / "wasm_closures"


def _modules() -> dict[str, tuple[Path, bool]]:
    """Every module of the package by dotted name: (its file, whether it is a package)."""
    modules = {}
    for path in [*PACKAGE.rglob("*.py"), *PACKAGE.rglob("*.pyi")]:
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        modules[".".join(parts[:-1] if is_package else parts)] = (path, is_package)
    return modules


def _type_checking_only(tree: ast.AST) -> set[int]:
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(inner) for stmt in node.body for inner in ast.walk(stmt))
    return skipped


def _imports(name: str, modules: dict[str, tuple[Path, bool]]) -> set[str]:
    """The package's modules that ``name`` imports (a submodule's own parents do not count:
    Python imports them first, whatever the submodule does)."""
    path, is_package = modules[name]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = _type_checking_only(tree)
    here = name.split(".") if is_package else name.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.ImportFrom):
            base = here[: len(here) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            submodules = {f"{module}.{alias.name}" for alias in node.names} & modules.keys()
            found |= submodules
            if module in modules and not (name.startswith(module + ".") and submodules):
                found.add(module)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names} & modules.keys()
    found.discard(name)
    return found


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of ``graph`` (its modules in order, the first repeated at the end), or None."""
    state: dict[str, str] = {}
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = "open"
        path.append(node)
        for successor in sorted(graph[node]):
            if state.get(successor) == "open":
                return [*path[path.index(successor) :], successor]
            if successor not in state and (found := visit(successor)):
                return found
        state[node] = "done"
        path.pop()
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_the_detector_finds_a_cycle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


def test_the_package_has_no_import_cycle() -> None:
    modules = _modules()
    graph = {name: _imports(name, modules) for name in modules}
    assert "wasm_closures._runtime.call_dynamic" in graph["wasm_closures._runtime.wasix"]  # the graph is read
    assert _cycle(graph) is None


def test_the_rust_modules_have_no_cycle() -> None:
    """Each file of rust/ (a module of the crate) names the others it uses as ``crate::name``."""
    rust = PACKAGE.parent.parent / "rust"
    names = {path.stem for path in rust.glob("*.rs")} - {"lib"}
    graph = {
        name: set(re.findall(r"\bcrate::(\w+)", (rust / f"{name}.rs").read_text(encoding="utf-8")))
        & names - {name}
        for name in names
    }
    assert "syscalls" in graph["call_dynamic"]  # the graph is read
    assert _cycle(graph) is None
