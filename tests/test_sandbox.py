"""A guest the embedder did not write cannot crash, silence or bloat the host (issue 15).

``call_dynamic`` reaching a host function: host-to-host recursion is bounded (a trap, never a
signal); a callee's exit or host exception passes through as itself, leaving nothing stale.
Every test runs on the native runtime core and on the pure-Python runtime.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import wasmtime

from wasm_closures import ClosureRuntime

pytestmark = pytest.mark.usefixtures("each_runtime_backend")

CALL_DYNAMIC, PROC_EXIT, RAISE, GROW_TABLE = 1, 2, 3, 4
ARGS = 100  # call_dynamic's own six arguments, for a call of itself
ONE = 200  # one i32 argument

GUEST = f"""
(module
  (import "wasix_32v1" "call_dynamic" (func $cd (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (import "host" "raise" (func $raise (param i32) (result i32)))
  (memory (export "memory") 1)
  (table (export "__indirect_function_table") 8 funcref)
  (global (export "__stack_pointer") (mut i32) (i32.const 65536))
  (elem (i32.const {CALL_DYNAMIC}) $cd $exits $raise)
  ;; call_dynamic(CALL_DYNAMIC, ARGS, 24, 0, 0, 0): these very arguments
  (data (i32.const {ARGS}) "\\{CALL_DYNAMIC:02x}\\00\\00\\00\\{ARGS:02x}\\00\\00\\00\\18\\00\\00\\00"
    "\\00\\00\\00\\00\\00\\00\\00\\00\\00\\00\\00\\00")
  (func (export "_start"))
  (func $exits (param i32) (result i32) (call $exit (local.get 0)) (unreachable))
  (func (export "recurse") (result i32)
    (call $cd (i32.const {CALL_DYNAMIC}) (i32.const {ARGS}) (i32.const 24) (i32.const 0) (i32.const 0)
      (i32.const 0)))
  (func $with_one (param $fp i32) (param $value i32) (result i32)
    (i32.store (i32.const {ONE}) (local.get $value))
    (call $cd (local.get $fp) (i32.const {ONE}) (i32.const 4) (i32.const {ONE}) (i32.const 4) (i32.const 0)))
  (func (export "exit") (param i32) (result i32) (call $with_one (i32.const {PROC_EXIT}) (local.get 0)))
  (func (export "raise") (param i32) (result i32) (call $with_one (i32.const {RAISE}) (local.get 0)))
  (func (export "trap") (result i32) unreachable)
)
"""


class Boom(Exception):
    """What the embedder's host function raises."""


def _raise(value: int) -> int:
    raise Boom(value)


def _instantiate():
    engine = wasmtime.Engine()
    store = wasmtime.Store(engine)
    store.set_wasi(wasmtime.WasiConfig())
    linker = wasmtime.Linker(engine)
    linker.define_wasi()
    i32 = wasmtime.ValType.i32()
    linker.define_func("host", "raise", wasmtime.FuncType([i32], [i32]), _raise)
    runtime = ClosureRuntime(store)
    runtime.define_wasix(linker)
    instance = linker.instantiate(store, wasmtime.Module(engine, GUEST))
    exports = instance.exports(store)
    return store, runtime, exports


def test_call_dynamic_calling_itself_traps_and_never_crashes():
    # In a subprocess: before the bound, the native core overflowed the native stack (SIGSEGV).
    script = (
        "import sys; sys.path.insert(0, sys.argv[1])\n"
        "import test_sandbox, wasmtime\n"
        "store, runtime, exports = test_sandbox._instantiate()\n"
        "try:\n"
        "    exports['recurse'](store)\n"
        "except wasmtime.Trap as trap:\n"
        "    print('TRAP', trap.message)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, os.path.dirname(__file__)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "TRAP" in done.stdout and "call stack exhausted" in done.stdout, done.stdout


def test_the_cli_reports_call_dynamic_recursion_as_a_trap(tmp_path):
    program = tmp_path / "recurse.wasm"
    # The CLI links WASI and the syscalls only: host.raise's slot holds $exits instead.
    wat = GUEST.replace('(import "host" "raise" (func $raise (param i32) (result i32)))', "")
    program.write_bytes(wasmtime.wat2wasm(wat.replace("$cd $exits $raise", "$cd $exits $exits")))
    done = subprocess.run(
        [sys.executable, "-m", "wasm_closures.cli", "run", str(program), "--invoke", "recurse"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 134, (done.returncode, done.stderr[-2000:])
    assert "call stack exhausted" in done.stderr


def test_exit_reached_through_call_dynamic_ends_the_program():
    store, _, exports = _instantiate()
    with pytest.raises(wasmtime.ExitTrap) as exited:
        exports["exit"](store, 42)
    assert exited.value.code == 42


def test_a_host_exception_through_call_dynamic_reaches_the_embedder_and_nothing_stale_stays():
    store, _, exports = _instantiate()
    with pytest.raises(Boom) as raised:
        exports["raise"](store, 7)
    assert raised.value.args == (7,)
    # A later, unrelated trap raises its own Trap, not the old exception.
    with pytest.raises(wasmtime.Trap) as trapped:
        exports["trap"](store)
    assert not isinstance(trapped.value, Boom)
    assert "unreachable" in str(trapped.value)


@pytest.fixture(scope="module")
def hostile_c_program(tmp_path_factory):
    from cprograms import shared_programs

    return shared_programs(tmp_path_factory).path("hostile_call_dynamic", "static")


def _run_cli(*args: object) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "wasm_closures.cli", "run", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_c_program_passing_call_dynamic_to_itself_traps(hostile_c_program):
    done = _run_cli(hostile_c_program, "recurse")
    assert done.returncode == 134, (done.returncode, done.stdout, done.stderr[-2000:])
    assert "call stack exhausted" in done.stderr


def test_a_c_program_exits_through_call_dynamic(hostile_c_program):
    done = _run_cli(hostile_c_program, "exit")
    assert done.returncode == 42, (done.returncode, done.stdout, done.stderr[-2000:])
    assert done.stdout == ""
