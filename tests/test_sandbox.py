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

from wasm_closures import ClosureError, ClosureRuntime, Errno, InvalidValueError

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


# ---------------------------------------------------------------------------------------------
# Live closures: max_closures, and what an allocated slot costs the host

ALLOCATOR = """
(module
  (import "wasix_32v1" "closure_allocate" (func $allocate (param i32) (result i32)))
  (import "wasix_32v1" "closure_free" (func $free (param i32) (result i32)))
  (memory (export "memory") 1)
  (table (export "__indirect_function_table") 1 funcref)
  (global (export "__stack_pointer") (mut i32) (i32.const 65536))
  ;; closure_allocate n times (the last closure at address 0): 0, or the first errno
  (func (export "allocate") (param $n i32) (result i32) (local $errno i32)
    (loop $next
      (if (i32.eqz (local.get $n)) (then (return (i32.const 0))))
      (local.set $errno (call $allocate (i32.const 0)))
      (if (local.get $errno) (then (return (local.get $errno))))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $next))
    (i32.const 0))
  (func (export "free_last") (result i32) (call $free (i32.load (i32.const 0))))
)
"""


def allocator(**runtime_options):
    engine = wasmtime.Engine()
    store = wasmtime.Store(engine)
    linker = wasmtime.Linker(engine)
    runtime = ClosureRuntime(store, **runtime_options)
    runtime.define_wasix(linker)
    exports = linker.instantiate(store, wasmtime.Module(engine, ALLOCATOR)).exports(store)
    return store, runtime, exports


def test_max_closures_bounds_live_closures_with_nomem():
    store, runtime, exports = allocator(max_closures=250)
    assert exports["allocate"](store, 250) == 0
    assert exports["allocate"](store, 1) == Errno.NOMEM
    with pytest.raises(ClosureError, match="250 live closures") as refused:
        runtime.allocate()
    assert refused.value.errno == Errno.NOMEM
    assert runtime.stats.live == 250
    assert exports["free_last"](store) == 0  # a freed closure makes room again
    assert exports["allocate"](store, 1) == 0
    assert exports["allocate"](store, 1) == Errno.NOMEM


def test_the_default_max_closures_is_documented_and_checked():
    from wasm_closures.runtime import DEFAULT_MAX_CLOSURES

    store, runtime, _ = allocator()
    assert runtime.max_closures == DEFAULT_MAX_CLOSURES == 1 << 20
    for bad in (-1, 2**32, 1.0, True, "5"):
        with pytest.raises(InvalidValueError, match="max_closures"):
            ClosureRuntime(store, max_closures=bad)


_RSS_PER_CLOSURE = """
import os, sys
sys.path.insert(0, sys.argv[1])
import test_sandbox

def rss():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")

store, runtime, exports = test_sandbox.allocator()
assert exports["allocate"](store, 1000) == 0  # bound, warm
before = rss()
assert exports["allocate"](store, {count}) == 0
print((rss() - before) / {count}, runtime.stats.live)
"""


@pytest.mark.parametrize("each_runtime_backend", ["native"], indirect=True)
def test_an_allocated_closure_costs_the_native_core_at_most_64_bytes():
    count = 1_000_000
    done = subprocess.run(
        [sys.executable, "-c", _RSS_PER_CLOSURE.format(count=count), os.path.dirname(__file__)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    per_closure, live = done.stdout.split()
    assert int(live) == count + 1000
    assert float(per_closure) <= 64, f"{per_closure} bytes of RSS per allocated closure"


def test_the_cli_caps_live_closures_with_max_closures(tmp_path):
    program = tmp_path / "allocator.wasm"
    program.write_bytes(wasmtime.wat2wasm(ALLOCATOR))
    capped = _run_cli("--max-closures", 250, program, "--invoke", "allocate", 251)
    assert (capped.returncode, capped.stdout) == (0, f"{int(Errno.NOMEM)}\n"), capped.stderr
    default = _run_cli(program, "--invoke", "allocate", 251)
    assert (default.returncode, default.stdout) == (0, "0\n"), default.stderr
    refused = _run_cli("--max-closures", -1, program)
    assert refused.returncode == 2 and "--max-closures" in refused.stderr


def test_the_cli_limits_the_table_to_max_closures_and_some_headroom(tmp_path):
    grower = tmp_path / "grow.wasm"
    grower.write_bytes(
        wasmtime.wat2wasm(
            """(module (table $t 1 funcref)
                 (func (export "grow") (param i32) (result i32) (table.grow $t (ref.null func) (local.get 0))))"""
        )
    )
    # max_closures 1000: the table may hold 1000 + 2**20 slots, and has 1 already.
    at_limit = _run_cli("--max-closures", 1000, grower, "--invoke", "grow", 1000 + 2**20 - 1)
    assert at_limit.stdout == "1\n", at_limit.stderr
    past = _run_cli("--max-closures", 1000, grower, "--invoke", "grow", 1000 + 2**20)
    assert past.stdout == "-1\n", past.stderr


# ---------------------------------------------------------------------------------------------
# A backing function that returns with the stack pointer moved

SP_MOVER = """
(module
  (memory (export "memory") 1)
  (table (export "__indirect_function_table") 2 funcref)
  (global $sp (export "__stack_pointer") (mut i32) (i32.const 65536))
  (elem (i32.const 1) $moves_sp)
  ;; results[0] = args[0] + args[1] + env, and 32 bytes taken off the stack, never given back
  (func $moves_sp (param $args i32) (param $results i32) (param $env i32)
    (i32.store (local.get $results)
      (i32.add (local.get $env) (i32.add (i32.load (local.get $args)) (i32.load offset=4 (local.get $args)))))
    (global.set $sp (i32.sub (global.get $sp) (i32.const 32))))
  (func (export "call") (param $fp i32) (param i32 i32) (result i32)
    (call_indirect (param i32 i32) (result i32) (local.get 1) (local.get 2) (local.get $fp)))
)
"""


@pytest.mark.parametrize(
    "strategy, options",
    [("pooled", {}), ("pooled", {"direct_backing_calls": False}), ("module", {})],
    ids=["pooled-direct", "pooled-table", "module"],
)
def test_a_backing_function_that_moves_the_stack_pointer_gets_the_reference_answer(strategy, options):
    engine = wasmtime.Engine()
    store = wasmtime.Store(engine)
    instance = wasmtime.Instance(store, wasmtime.Module(engine, SP_MOVER), [])
    runtime = ClosureRuntime(store, strategy=strategy, **options)
    runtime.bind_exports(instance)
    closure = runtime.allocate()
    runtime.prepare(closure, 1, "(i32, i32) -> i32", env=100)
    call = instance.exports(store)["call"]
    for _ in range(3):  # the stack pointer is restored each time
        assert call(store, closure, 1, 2) == 103
        assert runtime.stack_pointer.value(store) == 65536


# ---------------------------------------------------------------------------------------------
# A wasm exception thrown by a callee of call_dynamic

THROWER = """
(module
  (import "wasix_32v1" "call_dynamic" (func $cd (param i32 i32 i32 i32 i32 i32) (result i32)))
  (tag $boom (param i32))
  (memory (export "memory") 1)
  (table (export "__indirect_function_table") 4 funcref)
  (global (export "__stack_pointer") (mut i32) (i32.const 65536))
  (elem (i32.const 1) $thrower)
  (func $thrower (param i32) (result i32) (throw $boom (local.get 0)))
  (func $call_thrower (param i32) (result i32)
    (i32.store (i32.const 200) (local.get 0))
    (call $cd (i32.const 1) (i32.const 200) (i32.const 4) (i32.const 204) (i32.const 4) (i32.const 1)))
  ;; the thrown value + 1000 when caught
  (func (export "catch") (param i32) (result i32)
    (block $caught (result i32)
      (try_table (catch $boom $caught) (drop (call $call_thrower (local.get 0))))
      (return (i32.const -1)))
    (i32.const 1000)
    (i32.add))
  (func (export "uncaught") (param i32) (result i32) (call $call_thrower (local.get 0)))
)
"""


def test_a_wasm_exception_through_call_dynamic_is_catchable_by_the_guest():
    engine = wasmtime.Engine()
    store = wasmtime.Store(engine)
    linker = wasmtime.Linker(engine)
    ClosureRuntime(store).define_wasix(linker)
    exports = linker.instantiate(store, wasmtime.Module(engine, THROWER)).exports(store)
    assert exports["catch"](store, 5) == 1005
    with pytest.raises(wasmtime.Trap, match="thrown Wasm exception"):
        exports["uncaught"](store, 6)
    assert exports["catch"](store, 7) == 1007  # nothing left pending


def test_call_dynamic_recursion_from_a_deep_python_stack_still_traps():
    # The pure-Python runtime used to raise ctypes' ArgumentError (a RecursionError) here. In a
    # subprocess: at this depth ctypes reports the RecursionError of the innermost callback to
    # sys.unraisablehook, which pytest's own hook could not always process there.
    script = (
        "import sys; sys.path.insert(0, sys.argv[1])\n"
        "import test_sandbox, wasmtime\n"
        "store, runtime, exports = test_sandbox._instantiate()\n"
        "def at_depth(frames):\n"
        "    if frames:\n"
        "        return at_depth(frames - 1)\n"
        "    try:\n"
        "        exports['recurse'](store)\n"
        "    except wasmtime.Trap as trap:\n"
        "        return trap.message, trap.trap_code\n"
        "    return None, None\n"
        "message, code = at_depth(sys.getrecursionlimit() // 2)\n"
        "print('TRAP', code == wasmtime.TrapCode.STACK_OVERFLOW, message)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, os.path.dirname(__file__)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.startswith("TRAP True") and "call stack exhausted" in done.stdout, done.stdout
