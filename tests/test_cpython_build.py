"""``guests/cpython/build.py``: each missing prerequisite is one clear error, found before any
work starts. (The build itself is tests/test_cpython.py's.)"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

BUILD_PY = Path(__file__).resolve().parent.parent / "guests" / "cpython" / "build.py"
TOOLS = ("clang", "wasm-ld", "llvm-ar", "llvm-ranlib", "llvm-nm", "make")


def fake_bin(directory: Path, tools: tuple[str, ...] = TOOLS, scripts: dict[str, str] | None = None) -> Path:
    """A PATH directory with the real ``tools`` linked in and shell ``scripts`` by name."""
    directory.mkdir(exist_ok=True)
    for tool in tools:
        real = shutil.which(tool)
        assert real is not None, f"{tool} is needed for these tests (apt-get install clang lld llvm)"
        (directory / tool).symlink_to(real)
    for name, body in (scripts or {}).items():
        script = directory / name
        script.write_text(f"#!/bin/sh\n{body}\n")
        script.chmod(0o755)
    return directory


def tarball(path: Path, top: str) -> Path:
    with tarfile.open(path, "w:gz") as tar:
        info = tarfile.TarInfo(f"{top}/README.rst")
        info.size = 5
        tar.addfile(info, io.BytesIO(b"hello"))
    return path


def build(tmp_path: Path, path_dir: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "WASM_CLOSURES_CLANG"}
    env["PATH"] = str(path_dir)
    return subprocess.run(
        [sys.executable, str(BUILD_PY), "--out", str(tmp_path / "out"), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def assert_one_line_error(result: subprocess.CompletedProcess, message: str, tmp_path: Path) -> None:
    assert result.returncode == 1
    assert result.stderr.splitlines() == [f"build.py: error: {message}"], result.stderr
    assert not (tmp_path / "out").exists(), "nothing is written before the prerequisites are checked"


PYTHON_311 = "echo 3.11.9"  # a stand-in build Python: what build.py asks it is its version


@pytest.fixture
def cpython_311(tmp_path: Path) -> Path:
    return tarball(tmp_path / "Python-3.11.9.tgz", "Python-3.11.9")


@pytest.mark.parametrize(
    "tools, message",
    [
        ((), "clang not found on PATH: apt-get install clang"),
        (("clang",), "wasm-ld not found on PATH: apt-get install lld"),
        (("clang", "wasm-ld"), "llvm-ar not found on PATH: apt-get install llvm"),
        (("clang", "wasm-ld", "llvm-ar", "llvm-ranlib"), "llvm-nm not found on PATH: apt-get install llvm"),
        (
            ("clang", "wasm-ld", "llvm-ar", "llvm-ranlib", "llvm-nm"),
            "make not found on PATH: apt-get install make",
        ),
    ],
)
def test_a_missing_tool(tmp_path: Path, cpython_311: Path, tools: tuple[str, ...], message: str) -> None:
    path = fake_bin(tmp_path / "bin", tools, scripts={"python3.11": PYTHON_311})
    assert_one_line_error(build(tmp_path, path, "--source", str(cpython_311)), message, tmp_path)


def test_a_clang_without_wasi_libc(tmp_path: Path, cpython_311: Path) -> None:
    # clang prints the bare name for -print-file-name when no library directory has it.
    no_libc = 'case "$2" in -print-file-name=*) echo "${2#*=}";; *) echo "clang version 14";; esac'
    path = fake_bin(tmp_path / "bin", TOOLS[1:], scripts={"clang": no_libc, "python3.11": PYTHON_311})
    message = "wasi-libc not found (clang --target=wasm32-wasi has no libc.a): apt-get install wasi-libc"
    assert_one_line_error(build(tmp_path, path, "--source", str(cpython_311)), message, tmp_path)


def test_no_build_python_on_path(tmp_path: Path, cpython_311: Path) -> None:
    path = fake_bin(tmp_path / "bin")
    message = "no python3.11 on PATH: name a build Python of the same version with --build-python PATH"
    assert_one_line_error(build(tmp_path, path, "--source", str(cpython_311)), message, tmp_path)


def test_a_build_python_of_another_version(tmp_path: Path, cpython_311: Path) -> None:
    path = fake_bin(tmp_path / "bin", scripts={"python3.12": "echo 3.12.1"})
    python = str(path / "python3.12")
    message = f"the build Python {python} is 3.12.1: CPython 3.11 needs a python3.11 (--build-python)"
    result = build(tmp_path, path, "--source", str(cpython_311), "--build-python", python)
    assert_one_line_error(result, message, tmp_path)


def test_a_build_python_that_does_not_run(tmp_path: Path, cpython_311: Path) -> None:
    path = fake_bin(tmp_path / "bin")
    missing = str(tmp_path / "no-such-python")
    result = build(tmp_path, path, "--source", str(cpython_311), "--build-python", missing)
    assert_one_line_error(result, f"the build Python {missing} does not run", tmp_path)


def test_a_missing_tarball(tmp_path: Path) -> None:
    path = fake_bin(tmp_path / "bin", scripts={"python3.11": PYTHON_311})
    missing = tmp_path / "Python-3.11.2.tgz"
    message = f"CPython's source tarball is missing: {missing} (Python-3.11.2.tgz from python.org)"
    assert_one_line_error(build(tmp_path, path, "--source", str(missing)), message, tmp_path)


@pytest.mark.parametrize("kind", ["another version", "not a tarball"])
def test_a_tarball_that_is_not_cpython_311(tmp_path: Path, kind: str) -> None:
    path = fake_bin(tmp_path / "bin", scripts={"python3.11": PYTHON_311})
    if kind == "another version":
        source = tarball(tmp_path / "Python-3.12.0.tgz", "Python-3.12.0")
    else:
        source = tmp_path / "notes.txt"
        source.write_text("not a tarball")
    message = f"{source} is not a CPython 3.11 source tarball"
    assert_one_line_error(build(tmp_path, path, "--source", str(source)), message, tmp_path)


@pytest.mark.parametrize("jobs", ["0", "-2", "many"])
def test_a_bad_job_count_is_a_usage_error(tmp_path: Path, cpython_311: Path, jobs: str) -> None:
    path = fake_bin(tmp_path / "bin", scripts={"python3.11": PYTHON_311})
    result = build(tmp_path, path, "--source", str(cpython_311), "--jobs", jobs)
    assert result.returncode == 2
    assert f"expected a positive number of jobs, got {jobs!r}" in result.stderr
    assert not (tmp_path / "out").exists()
