"""The package type-checks: mypy on python/wasm_closures with the [tool.mypy] settings."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "python" / "wasm_closures"
CONFIG = ROOT / "pyproject.toml"


def test_mypy_passes(tmp_path: Path) -> None:
    command = [
        sys.executable,
        "-m",
        "mypy",
        "--config-file",
        str(CONFIG),
        "--cache-dir",
        str(tmp_path / "mypy_cache"),  # leave the source tree alone
        str(PACKAGE),
    ]
    proc = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, f"mypy failed (exit {proc.returncode}):\n{proc.stdout}{proc.stderr}"
