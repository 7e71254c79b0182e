"""Limits a guest cannot get past, found by the hostile review of the native paths (issue 15),
each with what a guest could do before its fix. Every test runs on the native runtime core and
on the pure-Python runtime.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.usefixtures("each_runtime_backend")

# A guest that grows its own table with one backing function, then prepares a closure with
# each of those slots in turn as its backing function.
BACKING_SLOTS = """
(module
  (import "wasix_32v1" "closure_allocate" (func $allocate (param i32) (result i32)))
  (import "wasix_32v1" "closure_prepare"
    (func $prepare (param i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (table $t (export "__indirect_function_table") 1 funcref)
  (global (export "__stack_pointer") (mut i32) (i32.const 65536))
  (func $backing (param i32 i32 i32))
  (elem declare func $backing)
  ;; grow the table by n slots holding $backing; the first new slot
  (func (export "grow") (param $n i32) (result i32) (table.grow $t (ref.func $backing) (local.get $n)))
  ;; allocate one closure (at address 0), prepare it n times with backing slots start, start+1, ...
  (func (export "prepare_each") (param $start i32) (param $n i32) (result i32) (local $errno i32)
    (local.set $errno (call $allocate (i32.const 0)))
    (if (local.get $errno) (then (return (local.get $errno))))
    (loop $next
      (if (i32.eqz (local.get $n)) (then (return (i32.const 0))))
      (local.set $errno (call $prepare (local.get $start) (i32.load (i32.const 0))
        (i32.const 8) (i32.const 0) (i32.const 8) (i32.const 0) (i32.const 0)))
      (if (local.get $errno) (then (return (local.get $errno))))
      (local.set $start (i32.add (local.get $start) (i32.const 1)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $next))
    (i32.const 0))
)
"""

_RSS_PER_BACKING_SLOT = """
import os, sys
sys.path.insert(0, sys.argv[1])
import wasmtime, test_sandbox_limits
from wasm_closures import ClosureRuntime

def rss():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")

engine = wasmtime.Engine()
store = wasmtime.Store(engine)
linker = wasmtime.Linker(engine)
runtime = ClosureRuntime(store)
runtime.define_wasix(linker)
exports = linker.instantiate(store, wasmtime.Module(engine, test_sandbox_limits.BACKING_SLOTS)).exports(store)
start = exports["grow"](store, {count} + 10_000)
assert exports["prepare_each"](store, start, 10_000) == 0  # warm: pools, caches at their size
before = rss()
assert exports["prepare_each"](store, start + 10_000, {count}) == 0
print((rss() - before) / {count})
"""


def test_naming_every_slot_of_a_grown_table_as_a_backing_function_costs_the_host_nothing_per_slot():
    # Before: every backing slot type-checked once stayed remembered, about 200 bytes of host
    # memory per slot (in the core and in Python) for the 8 bytes of the guest's own table slot.
    count = 100_000
    done = subprocess.run(
        [sys.executable, "-c", _RSS_PER_BACKING_SLOT.format(count=count), os.path.dirname(__file__)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    per_slot = float(done.stdout)
    assert per_slot <= 16, f"{per_slot} bytes of RSS per backing slot type-checked"


_RECURSE_WITH_ROOM_FOR_256_CALLS = """
import sys
sys.path.insert(0, sys.argv[1])
sys.setrecursionlimit(100_000)  # an embedder's choices: neither Python's limit
import wasmtime, test_sandbox
from wasm_closures import ClosureRuntime
config = wasmtime.Config()
config.max_wasm_stack = 2 << 20  # nor wasmtime's stops 256 nested Python call_dynamic first
engine = wasmtime.Engine(config)
store = wasmtime.Store(engine)
store.set_wasi(wasmtime.WasiConfig())
linker = wasmtime.Linker(engine)
linker.define_wasi()
i32 = wasmtime.ValType.i32()
linker.define_func("host", "raise", wasmtime.FuncType([i32], [i32]), test_sandbox._raise)
ClosureRuntime(store).define_wasix(linker)
exports = linker.instantiate(store, wasmtime.Module(engine, test_sandbox.GUEST)).exports(store)
for _ in range(2):
    try:
        exports["recurse"](store)
    except wasmtime.Trap as trap:
        print(trap.trap_code)
"""


def test_call_dynamic_recursion_traps_at_the_nesting_bound_on_both_runtimes():
    # Before: the pure-Python runtime's trap at the bound of 256 raised ctypes.ArgumentError
    # instead (the trap code went to C as an enum), which reached the embedder in its place.
    # A subprocess: the main thread's 8 MiB stack is the only one sure to hold 2 MiB of wasm.
    done = subprocess.run(
        [sys.executable, "-c", _RECURSE_WITH_ROOM_FOR_256_CALLS, os.path.dirname(__file__)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["TrapCode.STACK_OVERFLOW"] * 2, done.stdout


def _frames() -> int:
    frame, count = sys._getframe(), 0
    while frame is not None:
        frame, count = frame.f_back, count + 1
    return count


def test_call_dynamic_recursion_never_answers_for_a_call_that_did_not_run():
    # Before, on the pure-Python runtime: depending on how much of Python's stack the guest's
    # recursion found left (every sixth starting depth here), the innermost call_dynamic could
    # not even start its host function; ctypes printed the RecursionError and answered success
    # for it, and the guest's recursion returned 0 instead of trapping.
    import test_sandbox
    import wasmtime

    store, _, exports = test_sandbox._instantiate()

    def at_depth(frames: int) -> object:
        if frames:
            return at_depth(frames - 1)
        try:
            return exports["recurse"](store)
        except wasmtime.Trap as trap:
            return trap.trap_code

    room = sys.getrecursionlimit() - _frames()
    outcomes = {start: at_depth(start) for start in range(room - 200, room - 20)}
    wrong = {
        start: outcome for start, outcome in outcomes.items() if outcome != wasmtime.TrapCode.STACK_OVERFLOW
    }
    assert not wrong, f"not a stack overflow trap at these starting depths: {wrong}"


NEW_SIGNATURE = """
(module
  (import "wasix_32v1" "closure_allocate" (func $allocate (param i32) (result i32)))
  (import "wasix_32v1" "closure_prepare"
    (func $prepare (param i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (table (export "__indirect_function_table") 2 funcref)
  (global (export "__stack_pointer") (mut i32) (i32.const 65536))
  (elem (i32.const 1) $backing)
  (func $backing (param i32 i32 i32))
  (data (i32.const 100) "\\02")
  ;; allocate a closure and prepare it as (f32) -> (): a signature never seen, so cold work
  (func (export "go") (result i32) (local $errno i32)
    (local.set $errno (call $allocate (i32.const 0)))
    (if (local.get $errno) (then (return (local.get $errno))))
    (call $prepare (i32.const 1) (i32.load (i32.const 0)) (i32.const 100) (i32.const 1) (i32.const 0)
      (i32.const 0) (i32.const 0)))
)
"""


_COLD_WORK_AT_EACH_DEPTH = """
import sys
sys.path.insert(0, sys.argv[1])
import wasmtime, test_sandbox_limits
from wasm_closures import ClosureRuntime

def at_depth(frames, run):
    return at_depth(frames - 1, run) if frames else run()

room = sys.getrecursionlimit() - test_sandbox_limits._frames()
for start in range(room - 40, room - 4):
    engine = wasmtime.Engine()
    store = wasmtime.Store(engine)
    linker = wasmtime.Linker(engine)
    runtime = ClosureRuntime(store)
    runtime.define_wasix(linker)
    go = linker.instantiate(store, wasmtime.Module(engine, test_sandbox_limits.NEW_SIGNATURE)).exports(store)["go"]

    def run():
        try:
            return go(store)
        except wasmtime.Trap as trap:
            return trap.trap_code
        except Exception as exc:  # noqa: BLE001 - which exception, and when, is the point
            return exc

    outcome = at_depth(start, run)
    if isinstance(outcome, BaseException):
        if runtime.stats.allocations:  # not the embedder's own call failing before the guest ran
            print(start, repr(outcome))
    elif outcome not in (0, wasmtime.TrapCode.STACK_OVERFLOW):
        print(start, outcome)
"""


def test_cold_work_that_runs_out_of_python_stack_traps_and_is_never_an_errno():
    # Before, on the native core: a syscall whose cold work (in Python) found Python's stack
    # nearly exhausted answered FAULT (the RecursionError lost) or re-raised the RecursionError;
    # the Python runtime traps "call stack exhausted". Now both trap so. A subprocess: ctypes
    # reports what fails at the limit as unraisable exceptions, which pytest would collect.
    done = subprocess.run(
        [sys.executable, "-c", _COLD_WORK_AT_EACH_DEPTH, os.path.dirname(__file__)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout == "", (
        f"(starting depth, outcome) neither success nor a stack overflow trap:\n{done.stdout}"
    )
