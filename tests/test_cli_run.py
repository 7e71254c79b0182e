"""``wasm-closures run``: run a program's _start, or --invoke one export and print its results."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import wasmtime
from cprograms import shared_programs

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "closures.wasm"

EXPORTS = """
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (func (export "boom") (param i32) (result i32) (unreachable))
  (func (export "exit_with") (param i32) (call $proc_exit (local.get 0)))
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "half") (param f64) (result f64) (f64.div (local.get 0) (f64.const 2)))
  (func (export "pair") (param i64 f32) (result i64 f32) (local.get 0) (local.get 1))
  (func (export "nothing"))
  (func (export "simd") (param v128) (result v128) (local.get 0))
  (func (export "_start") (unreachable))
)
"""


def cli(*args: object) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "wasm_closures.cli", "run", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def exports_wasm(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("run") / "exports.wasm"
    path.write_bytes(wasmtime.wat2wasm(EXPORTS))
    return path


@pytest.mark.parametrize("strategy", ["pooled", "module"])
def test_runs_the_example_with_closures(strategy):
    out = cli("--strategy", strategy, EXAMPLE)
    assert out.returncode == 0, out.stderr
    assert "counter: 1 2 3" in out.stdout
    assert "adders: add5(10) = 15, add100(10) = 110" in out.stdout
    assert "sorted descending: 21 13 8 5 3 2 1" in out.stdout


def test_passes_arguments_and_exits_with_the_program_exit_code(tmp_path_factory):
    hello = shared_programs(tmp_path_factory).path("hello_static", "static")
    out = cli(hello, "world", "-x")
    assert out.returncode == 7
    assert "hello from world with 2 argument(s)" in out.stdout


@pytest.mark.parametrize(
    "args, lines",
    [
        (["add", "40", "2"], ["42"]),
        (["add", "0xFFFFFFFF", "1"], ["0"]),
        (["add", "-5", "3"], ["-2"]),
        (["half", "0.3"], [repr(0.15)]),
        (["half", "inf"], ["inf"]),
        (["pair", "-9", "1.5"], ["-9", "1.5"]),
        (["nothing"], []),
    ],
)
def test_invoke_parses_values_by_type_and_prints_each_result_on_a_line(exports_wasm, args, lines):
    out = cli(exports_wasm, "--invoke", *args)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == lines


@pytest.mark.parametrize(
    "args, message",
    [
        (["add", "1"], "add takes 2 value(s), got 1"),
        (["add", "one", "2"], "'one' is not a valid i32"),
        (["missing"], "no export 'missing'"),
        (["simd", "1"], "v128"),
        ([], "--invoke needs the name"),
    ],
)
def test_invoke_errors_are_one_line_and_exit_2(exports_wasm, args, message):
    out = cli(exports_wasm, "--invoke", *args)
    assert out.returncode == 2
    assert message in out.stderr
    assert "Traceback" not in out.stderr


def test_a_trap_is_reported_without_a_traceback(exports_wasm):
    out = cli(exports_wasm)
    assert out.returncode == 134
    assert "the program trapped" in out.stderr and "Traceback" not in out.stderr


def test_a_missing_program_is_a_clear_error(tmp_path):
    out = cli(tmp_path / "nope.wasm")
    assert out.returncode == 2
    assert "nope.wasm" in out.stderr


@pytest.mark.parametrize("code", [7, 0, 125])
def test_invoke_of_a_function_calling_proc_exit_exits_with_its_code(exports_wasm, code):
    out = cli(exports_wasm, "--invoke", "exit_with", code)
    assert out.returncode == code, out.stderr
    assert out.stderr == "" and out.stdout == ""


def test_an_error_of_wasi_itself_is_one_line_and_exits_1(exports_wasm):
    out = cli(exports_wasm, "--invoke", "exit_with", 126)  # wasmtime's WASI refuses codes past 125
    assert out.returncode == 1
    assert out.stderr.splitlines() == [
        "wasm-closures: error: exit with invalid exit status outside of [0..126)"
    ]


def test_invoke_of_a_trapping_function_prints_one_line_and_exits_134(exports_wasm):
    out = cli(exports_wasm, "--invoke", "boom", 1)
    assert out.returncode == 134
    assert out.stderr.splitlines() == [
        "wasm-closures: the program trapped: wasm trap: wasm `unreachable` instruction executed"
    ]


def test_a_trap_while_starting_prints_one_line_and_exits_134(tmp_path):
    path = tmp_path / "start_traps.wasm"
    path.write_bytes(wasmtime.wat2wasm("(module (func $s (unreachable)) (start $s))"))
    out = cli(path)
    assert out.returncode == 134
    assert out.stderr.splitlines() == [
        "wasm-closures: the program trapped while starting: wasm trap: wasm `unreachable` instruction executed"
    ]


LOOPS = """
(module
  (memory (export "memory") 1)
  (func (export "_start") (loop (br 0)))
  (func (export "spin") (param i32) (loop (br 0)))
  (func (export "quick") (result i32) (i32.const 5)))
"""
LOOPS_WHILE_STARTING = '(module (memory (export "memory") 1) (func $s (loop (br 0))) (start $s))'


@pytest.fixture(scope="module")
def loops_wasm(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("limits") / "loops.wasm"
    path.write_bytes(wasmtime.wat2wasm(LOOPS))
    return path


@pytest.mark.parametrize(
    "options, line",
    [
        (["--fuel", "100000"], "wasm-closures: the program ran out of fuel (--fuel 100000)"),
        (["--timeout", "0.5"], "wasm-closures: the program ran past its time limit (--timeout 0.5 s)"),
        (
            ["--fuel", "10000000000000", "--timeout", "0.5"],
            "wasm-closures: the program ran past its time limit (--timeout 0.5 s)",
        ),
    ],
)
@pytest.mark.parametrize("invoke", [[], ["--invoke", "spin", "1"]])
def test_a_program_that_never_ends_is_stopped_by_its_limit(loops_wasm, options, line, invoke):
    out = cli(*options, loops_wasm, *invoke)
    assert out.returncode == 134
    assert out.stderr.splitlines() == [line]


@pytest.mark.parametrize(
    "options, line",
    [
        (["--fuel", "1000"], "wasm-closures: the program ran out of fuel while starting (--fuel 1000)"),
        (
            ["--timeout", "0.2"],
            "wasm-closures: the program ran past its time limit while starting (--timeout 0.2 s)",
        ),
    ],
)
def test_limits_count_from_the_start_function(tmp_path, options, line):
    path = tmp_path / "loops_while_starting.wasm"
    path.write_bytes(wasmtime.wat2wasm(LOOPS_WHILE_STARTING))
    out = cli(*options, path)
    assert out.returncode == 134
    assert out.stderr.splitlines() == [line]


def test_a_program_within_its_limits_runs_as_usual():
    out = cli("--fuel", "1000000000", "--timeout", "120", EXAMPLE)
    assert out.returncode == 0, out.stderr
    assert "counter: 1 2 3" in out.stdout


@pytest.mark.parametrize(
    "option, value",
    [
        ("--fuel", "0"),
        ("--fuel", "-3"),
        ("--fuel", "lots"),
        ("--timeout", "0"),
        ("--timeout", "nan"),
        ("--timeout", "-1"),
    ],
)
def test_bad_limits_are_usage_errors(loops_wasm, option, value):
    out = cli(option, value, loops_wasm)
    assert out.returncode == 2
    assert len(out.stderr.splitlines()) == 1 and "must be a positive" in out.stderr


@pytest.mark.parametrize("invoke", [["quick"], ["spin", "0"]])
def test_the_timer_thread_is_gone_when_run_returns(loops_wasm, invoke, capsys):
    from wasm_closures.cli import main

    before = threading.active_count()
    status = main(["run", "--timeout", "0.3", str(loops_wasm), "--invoke", *invoke])
    assert status == (0 if invoke == ["quick"] else 134)
    assert threading.active_count() == before


def test_a_program_that_compiles_for_longer_than_its_timeout_is_still_stopped(tmp_path):
    # Functions with wide v128 signatures take Cranelift a while to compile (about 0.1 s here),
    # far past the timeout: the timer fires during the compile, before the store exists, and
    # the store's deadline (one epoch past the epoch when it is made) must still come.
    wide = " v128" * 1000
    funcs = "\n".join(f"(func (param{wide}) (result{wide}) unreachable)" for _ in range(40))
    path = tmp_path / "slow_compile.wasm"
    path.write_bytes(
        wasmtime.wat2wasm(
            f'(module (memory (export "memory") 1) {funcs} (func (export "_start") (loop $l (br $l))))'
        )
    )
    out = cli("--timeout", "0.001", path)  # the subprocess timeout bounds the wall time
    assert out.returncode == 134, out.stderr
    assert (
        out.stderr.splitlines()[-1]
        == "wasm-closures: the program ran past its time limit (--timeout 0.001 s)"
    )


def test_invoke_of_a_reactor_runs_its_initialize_first(tmp_path_factory):
    # clang -mexec-model=reactor: _initialize (constructors, libc setup) and no _start.
    reactor = shared_programs(tmp_path_factory).path("reactor", "static", cflags=["-mexec-model=reactor"])
    out = cli(reactor, "--invoke", "greeting_length")
    assert out.returncode == 0, out.stderr
    assert out.stdout == f"{len('hello, reactor')}\n"


def _cli_bytes(*args: bytes) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable.encode(), b"-m", b"wasm_closures.cli", b"run", *args],
        capture_output=True,
        timeout=120,
    )


def test_a_non_utf8_argument_is_one_line_and_exits_2():
    out = _cli_bytes(bytes(EXAMPLE), b"ok", b"\xff\xfe")
    assert out.returncode == 2, out.stderr
    assert out.stderr.splitlines() == [
        b"wasm-closures: error: an argument '\\udcff\\udcfe' is not valid UTF-8, which WASI arguments must be"
    ]


@pytest.mark.parametrize(
    "args, message",
    [
        ([b"--env", b"A=\xff"], b"argument --env: 'A=\\udcff' is not valid UTF-8, which WASI needs"),
        ([b"--env", b"\xff=1"], b"argument --env: '\\udcff=1' is not valid UTF-8, which WASI needs"),
        (
            [b"--dir", b"/tmp::/\xff"],
            b"argument --dir: '/tmp::/\\udcff' is not valid UTF-8, which WASI needs",
        ),
    ],
)
def test_a_non_utf8_env_or_dir_value_is_one_line_and_exits_2(args, message):
    out = _cli_bytes(*args, bytes(EXAMPLE))
    assert out.returncode == 2, out.stderr
    assert out.stderr.splitlines() == [b"wasm-closures: error: " + message]


def test_a_non_utf8_host_directory_is_one_line_and_exits_2(tmp_path):
    host = bytes(tmp_path) + b"/dir-\xfe"
    os.mkdir(host)
    out = _cli_bytes(b"--dir", host + b"::/data", bytes(EXAMPLE))
    assert out.returncode == 2, out.stderr
    assert len(out.stderr.splitlines()) == 1 and b"is not valid UTF-8" in out.stderr


def test_a_non_utf8_program_file_name_is_one_line_and_exits_2(tmp_path):
    program = bytes(tmp_path) + b"/closures-\xfe.wasm"
    with open(program, "wb") as f:
        f.write(EXAMPLE.read_bytes())
    out = _cli_bytes(program)
    assert out.returncode == 2, out.stderr
    assert len(out.stderr.splitlines()) == 1
    assert b"file name" in out.stderr and b"not valid UTF-8" in out.stderr


# --- the caches -------------------------------------------------------------------------------


def cli_with_cache(cache: Path, *args: object) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "wasm_closures.cli", "run", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "WASM_CLOSURES_CACHE_DIR": str(cache)},
    )


def test_a_second_run_loads_the_program_and_its_pool_modules_from_the_cache(tmp_path):
    cache = tmp_path / "cache"
    first = cli_with_cache(cache, EXAMPLE)
    assert first.returncode == 0, first.stderr
    (program_entry,) = (cache / "programs").glob("*.cwasm")
    pool_entries = sorted(cache.glob("*.cwasm"))
    assert pool_entries  # the example's closures' pool modules
    for entry in (program_entry, *pool_entries):
        os.utime(entry, ns=(0, 0))
    inodes = {entry: entry.stat().st_ino for entry in (program_entry, *pool_entries)}
    second = cli_with_cache(cache, EXAMPLE)
    assert second.returncode == 0, second.stderr
    assert second.stdout == first.stdout
    for entry, inode in inodes.items():
        # Loaded: the same file (a compile would have replaced it), its LRU time renewed.
        assert entry.stat().st_ino == inode and entry.stat().st_mtime_ns > 0, entry


def test_no_cache_reads_and_writes_nothing(tmp_path):
    cache = tmp_path / "cache"
    out = cli_with_cache(cache, "--no-cache", EXAMPLE)
    assert out.returncode == 0, out.stderr
    assert "sorted descending: 21 13 8 5 3 2 1" in out.stdout
    assert not cache.exists()
    cli_with_cache(cache, EXAMPLE)
    entries = {entry: entry.stat().st_ino for entry in cache.rglob("*.cwasm")}
    for entry in entries:
        os.utime(entry, ns=(0, 0))
    assert cli_with_cache(cache, "--no-cache", EXAMPLE).returncode == 0
    assert {entry: entry.stat().st_ino for entry in cache.rglob("*.cwasm")} == entries
    assert all(entry.stat().st_mtime_ns == 0 for entry in entries)  # not even loaded


def test_a_tampered_program_entry_is_compiled_again_and_the_run_succeeds(tmp_path):
    cache = tmp_path / "cache"
    assert cli_with_cache(cache, EXAMPLE).returncode == 0
    (entry,) = (cache / "programs").glob("*.cwasm")
    data = bytearray(entry.read_bytes())
    data[-100] ^= 0xFF
    entry.write_bytes(bytes(data))
    inode = entry.stat().st_ino
    out = cli_with_cache(cache, EXAMPLE)
    assert out.returncode == 0, out.stderr
    assert "sorted descending: 21 13 8 5 3 2 1" in out.stdout
    assert entry.stat().st_ino != inode  # compiled, and a good entry written in its place


# --- --dir and --env: what WASI gives the program ---------------------------------------------


@pytest.fixture(scope="module")
def env_and_files(tmp_path_factory) -> Path:
    return shared_programs(tmp_path_factory).path("env_and_files", "static")


@pytest.fixture
def host_dir(tmp_path) -> Path:
    (tmp_path / "greeting.txt").write_text("hello through a preopened directory\n")
    return tmp_path


def test_dir_maps_a_host_directory_to_a_guest_path(env_and_files, host_dir):
    out = cli(
        "--dir",
        f"{host_dir}::/data",
        env_and_files,
        "file:/data/greeting.txt",
        f"file:{host_dir}/greeting.txt",
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == [
        "/data/greeting.txt: hello through a preopened directory",
        f"{host_dir}/greeting.txt: cannot open",  # only the guest path is given
    ]


def test_dir_without_a_guest_path_keeps_the_host_path_and_repeats(env_and_files, host_dir, tmp_path_factory):
    other = tmp_path_factory.mktemp("other")
    (other / "second.txt").write_text("second\n")
    out = cli(
        "--dir",
        host_dir,
        "--dir",
        f"{other}::/b",
        env_and_files,
        f"file:{host_dir}/greeting.txt",
        "file:/b/second.txt",
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == [
        f"{host_dir}/greeting.txt: hello through a preopened directory",
        "/b/second.txt: second",
    ]


def test_without_dir_the_program_sees_no_files(env_and_files, host_dir):
    out = cli(env_and_files, f"file:{host_dir}/greeting.txt")
    assert out.returncode == 0, out.stderr
    assert out.stdout == f"{host_dir}/greeting.txt: cannot open\n"


def test_env_sets_variables_repeatably_and_name_alone_passes_this_process_value(env_and_files, monkeypatch):
    monkeypatch.setenv("WC_FROM_HOST", "host value")
    out = cli(
        "--env", "GREETING=hi there", "--env", "EMPTY=", "--env", "EQUALS=a=b", "--env", "WC_FROM_HOST",
        env_and_files, "env:GREETING", "env:EMPTY", "env:EQUALS", "env:WC_FROM_HOST", "env:HOME",
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == [
        "GREETING=hi there",
        "EMPTY=",
        "EQUALS=a=b",
        "WC_FROM_HOST=host value",
        "HOME unset",  # nothing of this process's environment leaks in unasked
    ]


@pytest.mark.parametrize(
    "args, message",
    [
        (["--dir", "/nonexistent-wc-dir"], "argument --dir: '/nonexistent-wc-dir' is not a directory"),
        (["--dir", "/nonexistent-wc-dir::/x"], "argument --dir: '/nonexistent-wc-dir' is not a directory"),
        (["--dir", "::/x"], "argument --dir: '' is not a directory"),
        (["--env", "=value"], "argument --env: expected NAME=VALUE, got '=value'"),
        (
            ["--env", "WC_SURELY_UNSET_VARIABLE"],
            "argument --env: WC_SURELY_UNSET_VARIABLE is not set in this environment (use NAME=VALUE)",
        ),
    ],
)
def test_bad_dir_and_env_values_are_one_line_usage_errors(env_and_files, args, message):
    out = cli(*args, env_and_files)
    assert out.returncode == 2
    assert out.stderr == f"wasm-closures: error: {message}\n"


def test_a_file_given_as_dir_is_a_usage_error(env_and_files, host_dir):
    out = cli("--dir", host_dir / "greeting.txt", env_and_files)
    assert out.returncode == 2
    assert "is not a directory" in out.stderr and len(out.stderr.splitlines()) == 1


def test_load_program_takes_the_same_directories_and_variables(env_and_files, host_dir, capfd):
    from wasm_closures.loader import load_program

    program = load_program(
        env_and_files,
        argv=["env_and_files", "env:A", "file:/data/greeting.txt"],
        environ={"A": "1"},
        preopen_dirs=[(str(host_dir), "/data")],
    )
    assert program.run_start() == 0
    assert capfd.readouterr().out.splitlines() == [
        "A=1",
        "/data/greeting.txt: hello through a preopened directory",
    ]


@pytest.mark.parametrize(
    "options, message",
    [
        ({"environ": {"A=B": "1"}}, "environ: 'A=B' is not an environment variable name"),
        ({"environ": {"": "1"}}, "environ: '' is not an environment variable name"),
        ({"environ": {"A": "x\0y"}}, "environ['A']: 'x\\x00y' is not a string without NUL"),
        (
            {"preopen_dirs": [("/nonexistent-wc-dir", "/x")]},
            "the host path '/nonexistent-wc-dir' is not a directory",
        ),
        ({"preopen_dirs": [("/tmp", "")]}, "the guest path '' is not a non-empty string"),
        ({"preopen_dirs": ["/tmp"]}, "'/tmp' is not a (host_path, guest_path) pair"),
        ({"environ": {"A": "\udcff"}}, "environ['A']: '\\udcff' is not valid UTF-8"),
        ({"environ": {"\udcff": "1"}}, "environ: '\\udcff' is not valid UTF-8"),
        ({"preopen_dirs": [("/tmp", "/\udcff")]}, "the guest path '/\\udcff' is not valid UTF-8"),
        (
            {"preopen_dirs": [(os.fsdecode(b"/tmp/\xfe"), "/x")]},
            "the host path '/tmp/\\udcfe' is not valid UTF-8",
        ),
    ],
)
def test_load_program_refuses_bad_directories_and_variables_naming_them(env_and_files, options, message):
    from wasm_closures.errors import InvalidValueError
    from wasm_closures.loader import load_program

    with pytest.raises(InvalidValueError) as error:
        load_program(env_and_files, **options)
    assert message in str(error.value)


def test_version_prints_the_package_version():
    import wasm_closures

    out = subprocess.run(
        [sys.executable, "-m", "wasm_closures.cli", "--version"], capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout == f"wasm-closures {wasm_closures.__version__}\n"
