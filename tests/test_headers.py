"""The C headers the package ships: where ``wasm-closures include`` says, and what they declare.

libffi building its WASIX path with them is tests/test_libffi.py; here a program uses the
wrappers as wasix-libc's are used (0, or -1 and errno) and the raw syscalls (the errno).
The headers need C99 or C++11 and compile warning-free in every standard from there.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from cprograms import clang, shared_programs

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


# Uses every declaration, and checks the type codes are constants of type wasix_value_type_t.
_EVERY_DECLARATION = """
#include <wasix/call_dynamic.h>
#include <wasix/closure.h>

STATIC_ASSERT(sizeof(WASIX_VALUE_TYPE_I32) == 1 && WASIX_VALUE_TYPE_I32 == 0, "i32");
STATIC_ASSERT(sizeof(WASIX_VALUE_TYPE_V128) == 1 && WASIX_VALUE_TYPE_V128 == 4, "v128");

int use_every_declaration(wasix_function_pointer_t backing) {
    wasix_function_pointer_t closure;
    const wasix_value_type_t types[] = {WASIX_VALUE_TYPE_I32, WASIX_VALUE_TYPE_I64, WASIX_VALUE_TYPE_F32,
                                        WASIX_VALUE_TYPE_F64, WASIX_VALUE_TYPE_V128};
    unsigned char values[64] = {0};
    if (wasix_closure_allocate(&closure) != 0) return WASIX_ERRNO_NOMEM;
    if (wasix_closure_prepare(backing, closure, types, 5, types, 1, values) != 0) return -1;
    if (wasix_call_dynamic(closure, values, sizeof values, values, 4, true) != 0) return -1;
    return __wasi_closure_free(closure);
}
"""
_C_STANDARDS = ("c99", "c11", "c17", "gnu99", "gnu17")
_CXX_STANDARDS = ("c++11", "c++14", "c++17", "c++20")


def _compile(tmp_path: Path, language: str, standard: str, *extra: str) -> subprocess.CompletedProcess[str]:
    source = tmp_path / "every_declaration.src"
    static_assert = "static_assert" if language == "c++" else "_Static_assert"
    source.write_text(f"#define STATIC_ASSERT {static_assert}\n{_EVERY_DECLARATION}")
    return subprocess.run(
        [clang(), "--target=wasm32-wasi", "-x", language, f"-std={standard}", "-Wall", "-Wextra",
         "-pedantic", "-Werror", *extra, f"-I{include_dir()}", "-fsyntax-only", str(source)],
        capture_output=True, text=True,
    )  # fmt: skip


@pytest.mark.parametrize("standard", _C_STANDARDS)
def test_the_headers_are_warning_free_c(tmp_path, standard):
    # -std=c11 wants _Static_assert; c99 accepts it as an extension only without -pedantic.
    extra = ("-Wno-c11-extensions",) if standard.endswith("99") else ()
    out = _compile(tmp_path, "c", standard, *extra)
    assert out.returncode == 0, out.stderr


@pytest.mark.parametrize("standard", _CXX_STANDARDS)
def test_the_headers_are_warning_free_cxx(tmp_path, standard):
    out = _compile(tmp_path, "c++", standard, "-Wold-style-cast")
    assert out.returncode == 0, out.stderr


@pytest.mark.parametrize(("language", "standard"), [("c", "c89"), ("c", "gnu89"), ("c++", "c++98")])
def test_before_c99_or_cxx11_the_headers_say_what_they_need(tmp_path, language, standard):
    out = _compile(tmp_path, language, standard, "-Wno-c11-extensions", "-Wno-c++11-extensions")
    assert out.returncode != 0
    assert "need C99 or later, or C++11 or later" in out.stderr
