"""The C headers the package ships: where ``wasm-closures include`` says, and what they declare.

libffi building its WASIX path with them is tests/test_libffi.py; here a program uses the
wrappers as wasix-libc's are used (0, or -1 and errno) and the raw syscalls (the errno).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from cprograms import shared_programs

from wasm_closures.c_headers import HEADERS, include_dir
from wasm_closures.errors import Errno
from wasm_closures.loader import load_program


@pytest.fixture(scope="module")
def program(tmp_path_factory):
    return load_program(shared_programs(tmp_path_factory).path("wasix_headers", "static"))


def test_the_include_command_prints_the_headers_directory():
    out = subprocess.run(
        [sys.executable, "-m", "wasm_closures.cli", "include"], capture_output=True, text=True, check=True
    ).stdout
    directory = Path(out.strip())
    assert directory == include_dir()
    for header in ("wasix/closure.h", "wasix/call_dynamic.h"):
        assert (directory / header).is_file()
    assert all((directory / header).is_file() for header in HEADERS)


def test_wrappers_set_errno(program):
    assert program.invoke("prepare_bad_type") == Errno.INVAL
    assert program.invoke("call_null_slot") == Errno.INVAL


def test_a_closure_called_through_call_dynamic(program):
    assert program.invoke("closure_through_call_dynamic") == 103


def test_the_raw_syscall_returns_the_errno(program):
    assert program.invoke("raw_strict_short") == Errno.INVAL
