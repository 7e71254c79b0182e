"""One version, Cargo.toml's: in the extension, the distribution's metadata and ``__version__``."""

from __future__ import annotations

import importlib.metadata
import re
import subprocess
import sys
from pathlib import Path

import pytest

import wasm_closures
from wasm_closures import _version

CARGO_TOML = Path(__file__).resolve().parent.parent / "Cargo.toml"


def cargo_version() -> str:
    """The ``version`` of Cargo.toml's ``[package]`` table."""
    package = CARGO_TOML.read_text(encoding="utf-8").split("[package]", 1)[1].split("\n[", 1)[0]
    match = re.search(r'^version\s*=\s*"([^"]+)"', package, re.MULTILINE)
    assert match, "Cargo.toml's [package] has no version"
    return match.group(1)


def test_version_is_cargos() -> None:
    assert wasm_closures.__version__ == cargo_version()
    assert importlib.metadata.version("wasm-closures") == cargo_version()


def test_version_without_the_extension() -> None:
    # A None entry in sys.modules makes `import wasm_closures._native` raise ImportError.
    code = (
        "import sys; sys.modules['wasm_closures._native'] = None; import wasm_closures; "
        "print(wasm_closures.backend, wasm_closures.__version__)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["python", cargo_version()]


def test_version_of_an_uninstalled_checkout(monkeypatch: pytest.MonkeyPatch) -> None:
    def not_installed(distribution: str) -> str:
        raise importlib.metadata.PackageNotFoundError(distribution)

    monkeypatch.setitem(sys.modules, "wasm_closures._native", None)
    monkeypatch.setattr(importlib.metadata, "version", not_installed)
    assert _version.package_version() == _version.UNKNOWN
