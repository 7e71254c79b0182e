"""The ``wasm-closures encode`` command."""

from __future__ import annotations

import argparse
import os
import pty
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

import wasm_closures as wc
from wasm_closures import MemoryImport, cli

SIG = "(i32, i32) -> i32"
BASE = ["encode", SIG, "--closure", "1", "--backing", "2", "--env", "0"]


def script() -> str:
    """The installed console script (next to this interpreter, else on PATH)."""
    candidate = Path(sysconfig.get_path("scripts")) / "wasm-closures"
    if candidate.exists():
        return str(candidate)
    found = shutil.which("wasm-closures")
    assert found, "the wasm-closures console script is not installed"
    return found


def run_cli(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([script(), *args], capture_output=True, **kwargs)


def test_encode_to_stdout() -> None:
    result = run_cli(*BASE)
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    assert result.stdout == wc.encode_closure_module("__wasix_closure_0", 1, 2, 0, SIG)


def test_python_dash_m_runs_the_cli() -> None:
    result = subprocess.run([sys.executable, "-m", "wasm_closures.cli", *BASE], capture_output=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout == wc.encode_closure_module("__wasix_closure_0", 1, 2, 0, SIG)


@pytest.mark.parametrize(
    "extra, kwargs",
    [
        ([], {}),
        (["--no-shared"], {"memory": MemoryImport.unshared()}),
        (["--backend", "python"], {"backend": "python"}),
        (["--backend", "rust", "--name", "my_closure"], {"name": "my_closure"}),
    ],
)
def test_encode_to_file(tmp_path, extra, kwargs) -> None:
    out = tmp_path / "closure.wasm"
    assert cli.main([*BASE, "-o", str(out), *extra]) == 0
    name = kwargs.pop("name", "__wasix_closure_0")
    assert out.read_bytes() == wc.encode_closure_module(name, 1, 2, 0, SIG, **kwargs)


def test_integer_forms(tmp_path) -> None:
    out = tmp_path / "m.wasm"
    args = ["encode", "(v128) -> ()", "--closure", "0xffffffff", "--backing", "0o17", "--env", "2147483648"]
    assert cli.main([*args, "-o", str(out)]) == 0
    assert out.read_bytes() == wc.encode_closure_module(
        "__wasix_closure_0", 2**32 - 1, 15, 2**31, "(v128) -> ()"
    )


def test_pipe_to_wasm_validate(wasm_validate) -> None:
    for sig, extra in [
        (SIG, []),
        ("(i64, f32, f64, v128) -> (v128, i32)", []),
        ("() -> ()", ["--no-shared"]),
    ]:
        encode = subprocess.Popen(
            [script(), "encode", sig, "--closure", "7", "--backing", "8", "--env", "4294967295", *extra],
            stdout=subprocess.PIPE,
        )
        validate = subprocess.run(
            [wasm_validate, "--enable-threads", "-"], stdin=encode.stdout, capture_output=True, text=True
        )
        encode.stdout.close()
        assert encode.wait() == 0
        assert validate.returncode == 0, validate.stderr


BAD_COMMANDS = [
    (["encode", "(i32 -> i32", "--closure", "1", "--backing", "2", "--env", "0"], "cannot parse signature"),
    (["encode", "(i33) -> ()", "--closure", "1", "--backing", "2", "--env", "0"], "'i33'"),
    (["encode", SIG, "--closure", "-1", "--backing", "2", "--env", "0"], "closure"),
    (["encode", SIG, "--closure", "4294967296", "--backing", "2", "--env", "0"], "4294967296"),
    (["encode", SIG, "--closure", "abc", "--backing", "2", "--env", "0"], "'abc'"),
    (["encode", SIG, "--closure", "1", "--backing", "2"], "--env"),
    (
        ["encode", SIG, "--closure", "1", "--backing", "2", "--env", "0", "--name", "__wasm_call_ctors"],
        "__wasm_call_ctors",
    ),
    (["encode", SIG, "--closure", "1", "--backing", "2", "--env", "0", "--name", ""], "name"),
    (["encode", SIG, "--closure", "1", "--backing", "2", "--env", "0", "--backend", "go"], "backend"),
    (
        ["encode", SIG, "--closure", "1", "--backing", "2", "--env", "0", "-o", "/nonexistent/dir/m.wasm"],
        "/nonexistent/dir/m.wasm",
    ),
    (["frobnicate"], "frobnicate"),
    ([], "required"),
]


@pytest.mark.parametrize("argv, text", BAD_COMMANDS, ids=[" ".join(a) or "(none)" for a, _ in BAD_COMMANDS])
def test_errors_are_one_line_and_exit_2(capsysbinary, argv, text) -> None:
    assert cli.main(argv) == 2
    captured = capsysbinary.readouterr()
    assert captured.out == b""
    err = captured.err.decode()
    assert err.count("\n") == 1 and err.startswith("wasm-closures: error: "), err
    assert text in err


def test_error_in_a_real_process_has_no_traceback() -> None:
    result = run_cli("encode", SIG, "--closure", "-1", "--backing", "2", "--env", "0", text=True)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "-1" in result.stderr


def test_refuses_to_write_binary_to_a_terminal() -> None:
    leader, follower = pty.openpty()
    try:
        result = subprocess.run([script(), *BASE], stdout=follower, stderr=subprocess.PIPE, text=True)
    finally:
        os.close(follower)
        os.close(leader)
    assert result.returncode == 2
    assert "terminal" in result.stderr


def test_help(capsys) -> None:
    assert cli.main(["--help"]) == 0
    assert "encode" in capsys.readouterr().out
    assert cli.main(["encode", "--help"]) == 0
    assert "--closure" in capsys.readouterr().out


def test_subcommands_come_from_the_table(monkeypatch, capsys) -> None:
    seen = []

    def add_arguments(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--times", type=int, default=1)

    def run(args: argparse.Namespace) -> int:
        seen.append(args.times)
        return 0

    table = dict(cli.SUBCOMMANDS, probe=cli.Subcommand("a test subcommand", add_arguments, run))
    monkeypatch.setattr(cli, "SUBCOMMANDS", table)
    assert cli.main(["probe", "--times", "3"]) == 0
    assert seen == [3]
    assert cli.main(["--help"]) == 0
    assert "probe" in capsys.readouterr().out
