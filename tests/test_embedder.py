"""The embedder's side (issue 16): Ctrl-C at any point, deep recursion, interpreter exit, fork,
odd values and dropped runtimes, on both runtimes (each in a subprocess where a failure
could crash or hang the interpreter)."""

from __future__ import annotations

import enum
import gc
import json
import random
import subprocess
import sys
import textwrap
import tracemalloc
from pathlib import Path

import pytest
import wasmtime
from wat_program import ADD_ENV, load_wat_program

from wasm_closures import ClosureRuntime

pytestmark = pytest.mark.usefixtures("each_runtime_backend")

TESTS = Path(__file__).resolve().parent
EXAMPLE = TESTS.parent / "examples" / "closures.wasm"


def run_python(code: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a new interpreter with the tests directory on its path."""
    return subprocess.run(
        [sys.executable, "-c", f"import sys; sys.path.insert(0, {str(TESTS)!r})\n" + textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=timeout,
    )


# --- interrupts ----------------------------------------------------------------------------------


def test_thousands_of_interrupts_leave_every_runtime_consistent():
    """KeyboardInterrupts from a timer at random points of allocate, prepare, free, bind and
    the guest's syscalls (tests/interrupt_storm.py checks the runtimes after each batch)."""
    seed = random.randrange(2**32)
    out = run_python(
        f"""
        import json, random
        from interrupt_storm import storm
        print(json.dumps(storm(random.Random({seed}), 6.0)))
        """
    )
    assert out.returncode == 0, f"seed {seed}: {out.stderr[-3000:]}"
    outcomes = json.loads(out.stdout.splitlines()[-1])
    assert outcomes["interrupts"] >= 2000, outcomes
    for operation in ("api allocate", "api prepare", "api free", "guest allocate", "guest prepare", "bind"):
        assert outcomes[f"{operation}: interrupted"] > 0, (operation, outcomes)


def test_a_syscall_made_from_deep_recursion_raises_or_works_never_fakes_success():
    """Python running out of stack as the guest enters a syscall reaches the embedder (a
    RecursionError, or wasmtime's "call stack exhausted" trap, which the syscall's host function
    answers for it since issue 15), and a syscall that answers at all answers SUCCESS having done
    its work (the ctypes callback let the RecursionError escape: wasmtime then took whatever
    slot 0 held, the argument 256, for the errno)."""
    out = run_python(
        """
        import ctypes, struct, wasmtime
        from syscall_program import OUT, SUCCESS, Program
        from wasm_closures._ffi import FastCall

        program = Program()
        allocate = FastCall(program.store, program.exports["allocate"], "i", "i")
        sys.setrecursionlimit(200)
        seen = set()

        def refusal(exc):
            # Python out of stack: a RecursionError (as a ctypes call's ArgumentError when it
            # strikes as ctypes converts the arguments), or wasmtime's own stack overflow trap.
            if isinstance(exc, wasmtime.Trap) and exc.trap_code == wasmtime.TrapCode.STACK_OVERFLOW:
                return "refused"
            if isinstance(exc, (RecursionError, ctypes.ArgumentError)):
                return "refused"
            raise exc

        def deep(n):
            if n > 0:
                return deep(n - 1)
            try:
                return allocate(OUT)
            except Exception as exc:
                return refusal(exc)

        for depth in range(100, 200):
            program.write(OUT, struct.pack("<I", 0xFFFFFFFF))
            try:
                result = deep(depth)
            except Exception as exc:
                result = refusal(exc)
            seen.add(result)
            if result == SUCCESS:
                closure = program.read_u32(OUT)
                assert closure != 0xFFFFFFFF, "SUCCESS without a closure"
                assert program.free(closure) == SUCCESS
        print(sorted(map(str, seen)))
        """
    )
    assert out.returncode == 0, out.stderr[-3000:]
    assert out.stdout.splitlines()[-1] == "['0', 'refused']", out.stdout


# --- interpreter exit ----------------------------------------------------------------------------

_LOOPING_GUEST = """
(module
  (import "wasix_32v1" "closure_allocate" (func $allocate (param i32) (result i32)))
  (memory 1)
  (func (export "spin") (loop $again (drop (call $allocate (i32.const 16))) (br $again)))
)
"""


def test_a_guest_in_a_syscall_on_a_daemon_thread_does_not_turn_exit_into_an_abort():
    """The program hides its memory, so every closure_allocate is cold work in Python (a
    bind that fails): the daemon thread keeps asking for the GIL while the interpreter exits."""
    out = run_python(
        f"""
        import threading, time, wasmtime
        from wasm_closures import ClosureRuntime

        engine = wasmtime.Engine()
        store = wasmtime.Store(engine)
        runtime = ClosureRuntime(store)
        linker = wasmtime.Linker(engine)
        runtime.define_wasix(linker)
        module = wasmtime.Module(engine, {_LOOPING_GUEST!r})
        spin = linker.instantiate(store, module).exports(store)["spin"]
        threading.Thread(target=lambda: spin(store), daemon=True).start()
        time.sleep(0.3)
        print("exiting")
        """,
        timeout=60,
    )
    assert out.returncode == 0, (out.returncode, out.stderr[-3000:])
    assert out.stdout.strip() == "exiting"


# --- odd values and dropped runtimes ------------------------------------------------------------


def test_prepare_takes_an_int_enum_closure_as_free_does():
    program = load_wat_program(wasmtime.Engine())
    runtime = program.runtime
    closure = enum.IntEnum("Closure", {"LIVE": runtime.allocate()}).LIVE  # type: ignore[attr-defined]
    runtime.prepare(closure, ADD_ENV, "(i32, i32) -> i32", 10)
    assert program.call("call_ii_i", int(closure), 1, 2) == 13
    runtime.free(closure)
    assert runtime.stats.live == 0


def test_dropped_runtimes_leave_nothing_on_their_store():
    store = wasmtime.Store(wasmtime.Engine())
    ClosureRuntime(store)  # warm: the store's id, the engine's module cache
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for _ in range(20_000):
            ClosureRuntime(store)
        gc.collect()
        growth = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert growth < 256 * 1024, f"20,000 dropped runtimes left {growth} bytes behind"
    # The store still tells a live runtime that it closed.
    program = load_wat_program(wasmtime.Engine())
    runtime = program.runtime
    closure = runtime.allocate()
    program.store.close()
    with pytest.raises(Exception, match="closed"):
        runtime.prepare(closure, ADD_ENV, "(i32, i32) -> i32", 0)


# --- fork ----------------------------------------------------------------------------------------

_IN_CHILD = """
import os, signal, sys, traceback

def in_child(work):
    '''Run ``work`` in a forked child; its exit status (a hang ends in SIGALRM, not a block).'''
    pid = os.fork()
    if pid == 0:
        signal.alarm(10)
        code = 0
        try:
            work()
        except BaseException:
            traceback.print_exc()
            code = 1
        sys.stderr.flush()
        os._exit(code)
    return os.waitpid(pid, 0)[1]
"""


def test_a_fork_while_another_thread_compiles_leaves_the_runtime_usable_in_the_child():
    out = run_python(
        _IN_CHILD
        + textwrap.dedent(
            """
        import threading, time, wasmtime
        from wat_program import ADD_ENV, load_wat_program

        engine = wasmtime.Engine()
        program = load_wat_program(engine)
        busy = load_wat_program(engine, pool_sizes=(4096,))  # large pools: long compiles
        compiling, stop = threading.Event(), threading.Event()

        def compile_forever():
            for n in range(1, 200):
                if stop.is_set():
                    break
                closure = busy.runtime.allocate()
                compiling.set()
                busy.runtime.prepare(closure, ADD_ENV, f"({', '.join(['i64'] * n)}) -> f64", 0)
                busy.runtime.free(closure)

        compiler = threading.Thread(target=compile_forever)
        compiler.start()
        compiling.wait()
        time.sleep(0.05)

        def work():
            runtime = program.runtime
            closure = runtime.allocate()
            runtime.prepare(closure, ADD_ENV, "(i32, i32) -> i32", 5)
            assert program.call("call_ii_i", closure, 1, 2) == 8

        statuses = [in_child(work) for _ in range(3)]
        stop.set()
        compiler.join()
        print(statuses)
        """
        )
    )
    assert out.returncode == 0, out.stderr[-3000:]
    assert out.stdout.split("\n")[-2] == "[0, 0, 0]", out.stdout + out.stderr[-3000:]


def test_a_runtime_that_another_thread_was_preparing_on_at_the_fork_is_usable_in_the_child():
    """The thread inside the runtime's operation at the fork (holding the native core's
    operation lock, or the Python runtime's lock) does not exist in the child: its lock must
    not stay held there, or every operation of the child waits forever."""
    out = run_python(
        _IN_CHILD
        + textwrap.dedent(
            """
        import threading, wasmtime
        from wat_program import ADD_ENV, load_wat_program

        program = load_wat_program(wasmtime.Engine())
        runtime = program.runtime
        inside, release = threading.Event(), threading.Event()
        check = runtime._check_backing_function

        def held_check(*args):  # the preparing thread stops here, inside its prepare
            inside.set()
            release.wait()
            return check(*args)

        runtime._check_backing_function = held_check
        closure = runtime.allocate()
        preparer = threading.Thread(target=runtime.prepare, args=(closure, ADD_ENV, "(i32, i32) -> i32", 5))
        preparer.start()
        inside.wait()

        def work():
            runtime._check_backing_function = check
            other = runtime.allocate()
            runtime.prepare(other, ADD_ENV, "(i32, i32) -> i32", 1)
            assert program.call("call_ii_i", other, 1, 2) == 4
            runtime.free(other)

        status = in_child(work)
        release.set()
        preparer.join()
        assert program.call("call_ii_i", closure, 1, 2) == 8  # the parent's prepare went on
        print(status)
        """
        )
    )
    assert out.returncode == 0, out.stderr[-3000:]
    assert out.stdout.splitlines()[-1] == "0", out.stdout + out.stderr[-3000:]


def test_load_program_compiles_and_uses_its_program_cache_in_a_forked_child(tmp_path):
    """The program cache (progcache) compiles through compile_module too: after a fork it
    compiles serially and stores the entry, and the next load in the child deserializes it."""
    out = run_python(
        _IN_CHILD
        + textwrap.dedent(
            f"""
        from wasm_closures.loader import load_program

        example, cache = {str(EXAMPLE)!r}, {str(tmp_path)!r}
        load_program(example, cache=False)  # wasmtime's compile threads start in the parent

        def work():
            first = load_program(example, cache=cache)
            second = load_program(example, cache=cache)
            assert (first.from_cache, second.from_cache) == (False, True)
            assert second.run_start() == 0

        print(in_child(work))
        """
        )
    )
    assert out.returncode == 0, out.stderr[-3000:]
    assert out.stdout.splitlines()[-1] == "0", out.stdout + out.stderr[-3000:]


def test_a_prepare_that_needs_a_new_pool_module_works_in_a_forked_child(tmp_path):
    out = run_python(
        _IN_CHILD
        + textwrap.dedent(
            f"""
        import wasmtime
        from wasm_closures import ClosureRuntime
        from wat_program import ADD_ENV, load_wat_program, threads_engine

        for engine in (wasmtime.Engine(), threads_engine()):  # two engine settings
            program = load_wat_program(engine)
            runtime = program.runtime
            nine = [runtime.allocate() for _ in range(9)]
            for closure in nine:  # the signature's pool instances (of 1 and 8) are full
                runtime.prepare(closure, ADD_ENV, "(i32, i32) -> i32", 1)

            def new_signature():
                closure = runtime.allocate()
                runtime.prepare(closure, ADD_ENV, "(i64) -> i64", 0)

            def tenth_closure():
                closure = runtime.allocate()
                runtime.prepare(closure, ADD_ENV, "(i32, i32) -> i32", 5)
                assert program.call("call_ii_i", closure, 1, 2) == 8

            def new_store_with_a_disk_cache():
                other = load_wat_program(engine, disk_cache={str(tmp_path)!r})
                closure = other.runtime.allocate()
                other.runtime.prepare(closure, ADD_ENV, "(f64, i32) -> i32", 0)

            print([in_child(work) for work in (new_signature, tenth_closure, new_store_with_a_disk_cache)])
        """
        )
    )
    assert out.returncode == 0, out.stderr[-3000:]
    assert out.stdout.splitlines() == ["[0, 0, 0]", "[0, 0, 0]"], out.stdout + out.stderr[-3000:]
