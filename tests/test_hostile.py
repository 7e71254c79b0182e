"""What a hostile guest or a careless embedder can do: never a crash, a leak or a raw exception.

Each test here pins a problem found in review: stores and engines kept alive forever, guest
signatures that make the host work or compile without bound, syscalls reaching another
store's program, failures inside the runtime's own wasm leaking trampolines.
"""

from __future__ import annotations

import ctypes
import enum
import gc
import os
import subprocess
import sys
import time
import weakref

import pytest
import wasmtime
from syscall_program import ADD_ENV, INVAL, NOTSUP, OUT, SUCCESS, TYPES, Program, program_wat
from wat_program import load_wat_program

from wasm_closures import ClosureError, ClosureRuntime, DiskCache, Errno, InvalidValueError, Signature
from wasm_closures._runtime.wasix import define_closure_syscalls

# Every test here runs on the native runtime core and on the pure-Python runtime.
pytestmark = pytest.mark.usefixtures("each_runtime_backend")

NOMEM = Errno.NOMEM


def test_a_store_with_the_syscalls_is_freed_with_its_program():
    program = Program()
    closure = program.new_closure()
    assert program.prepare(ADD_ENV, closure, env=1) == SUCCESS
    store, runtime = weakref.ref(program.store), weakref.ref(program.runtime)
    del program
    gc.collect()
    assert store() is None and runtime() is None


def test_an_engine_and_its_module_cache_are_freed_with_their_last_store():
    engine = wasmtime.Engine()
    program = load_wat_program(engine)
    program.runtime.prepare(program.runtime.allocate(), ADD_ENV, "(i32, i32) -> i32")
    engine_ref = weakref.ref(engine)
    del engine, program
    gc.collect()
    assert engine_ref() is None


def test_syscalls_from_another_store_are_refused_and_touch_nothing():
    engine = wasmtime.Engine()
    module = wasmtime.Module(engine, wasmtime.wat2wasm(program_wat()))
    linker = wasmtime.Linker(engine)
    owner = wasmtime.Store(engine)
    runtime = ClosureRuntime(owner)
    define_closure_syscalls(linker, runtime)
    own = linker.instantiate(owner, module).exports(owner)
    stranger_store = wasmtime.Store(engine)
    stranger = linker.instantiate(stranger_store, module).exports(stranger_store)
    assert stranger["allocate"](stranger_store, OUT) == NOTSUP
    assert own["allocate"](owner, OUT) == SUCCESS
    assert stranger["free"](stranger_store, 5) == NOTSUP
    assert runtime.stats.allocations == 1 and runtime.stats.live == 1


@pytest.mark.parametrize("args_len, results_len", [(1001, 0), (0, 1001), (60_000, 0)])
def test_a_guest_cannot_ask_for_a_huge_signature(args_len, results_len):
    program = Program()
    program.memory.grow(program.store, 1)  # room for the type arrays: the length is what's refused
    closure = program.new_closure()
    started = time.perf_counter()
    assert (
        program.prepare(
            ADD_ENV, closure, args_ptr=0, args_len=args_len, results_ptr=0, results_len=results_len
        )
        == INVAL
    )
    assert time.perf_counter() - started < 0.5  # refused before any work on the types
    assert program.runtime.module_cache.stats.compiles == 0


def test_signatures_are_limited_to_what_wasm_allows():
    assert len(Signature(["i32"] * 1000, ["f64"] * 1000).params) == 1000
    with pytest.raises(InvalidValueError, match="at most 1000 params, got 1001"):
        Signature(["i32"] * 1001, [])
    with pytest.raises(InvalidValueError, match="at most 1000 results"):
        Signature.from_codes(b"", bytes(1001))


def test_distinct_signatures_per_runtime_are_bounded():
    program = load_wat_program(wasmtime.Engine(), max_signatures=3, pool_sizes=(1,))
    rt = program.runtime
    fp = rt.allocate()
    for n in range(3):
        rt.prepare(fp, ADD_ENV, Signature(["i32"] * n, []))
    with pytest.raises(ClosureError, match="max_signatures") as info:
        rt.prepare(fp, ADD_ENV, Signature(["i64"], []))
    assert info.value.errno == NOMEM
    rt.prepare(fp, ADD_ENV, Signature(["i32"], []))  # known signatures keep working


WIDE = Signature(["i32"] * 1000, ["i64"] * 1000)
WIDE_POOL_WEIGHT = 2 * (2000 + 8)  # the pool of two trampolines a 1000 x 1000 signature gets
WIDE_POOL_SIZES = (8, 64)  # pools that the weight cap makes 2 trampolines each


def test_a_wide_signature_gets_a_pool_of_two_trampolines():
    program = load_wat_program(wasmtime.Engine(), direct_backing_calls=False, pool_sizes=WIDE_POOL_SIZES)
    rt = program.runtime
    for _ in range(3):
        rt.prepare(rt.allocate(), ADD_ENV, WIDE)
    assert rt.stats.instantiations == 2  # 2 + 2 trampolines, where 8 would have been compiled
    assert rt.module_cache.stats.compiles == 1  # the second instance reuses the module


def test_the_compile_budget_answers_nomem_and_known_signatures_keep_working():
    program = load_wat_program(
        wasmtime.Engine(),
        compile_budget=WIDE_POOL_WEIGHT + 100,
        direct_backing_calls=False,
        pool_sizes=WIDE_POOL_SIZES,
    )
    rt = program.runtime
    rt.prepare(rt.allocate(), ADD_ENV, WIDE)
    other_wide = Signature(["i32"] * 1000, ["f64"] * 1000)
    with pytest.raises(ClosureError, match="compile_budget") as info:
        rt.prepare(rt.allocate(), ADD_ENV, other_wide)
    assert info.value.errno == NOMEM
    for _ in range(4):  # more instances of a module already paid for cost nothing
        rt.prepare(rt.allocate(), ADD_ENV, WIDE)
    fp = rt.allocate()
    rt.prepare(fp, ADD_ENV, "(i32, i32) -> i32", env=1)  # 8 trampolines of weight 11 still fit
    assert program.call("call_ii_i", fp, 2, 3) == 6


def test_a_guest_past_the_compile_budget_gets_nomem():
    program = Program(compile_budget=WIDE_POOL_WEIGHT, pool_sizes=WIDE_POOL_SIZES)
    program.memory.grow(program.store, 1)
    types = 65536  # the new page: 1000 i32 codes, then 1000 i64 codes, then 1000 f64 codes
    program.write(types, bytes(1000) + bytes([1]) * 1000 + bytes([3]) * 1000)
    closure = program.new_closure()
    assert program.prepare(ADD_ENV, closure, types, 1000, types + 1000, 1000) == SUCCESS
    assert program.prepare(ADD_ENV, closure, types, 1000, types + 2000, 1000) == NOMEM
    assert program.runtime.module_cache.stats.compiles == 1


def test_the_module_strategy_spends_the_compile_budget_at_every_prepare():
    program = load_wat_program(wasmtime.Engine(), "module", compile_budget=3 * (3 + 8))
    rt = program.runtime
    fp = rt.allocate()
    for _ in range(3):
        rt.prepare(fp, ADD_ENV, "(i32, i32) -> i32")
    with pytest.raises(ClosureError, match="compile_budget") as info:
        rt.prepare(fp, ADD_ENV, "(i32, i32) -> i32")
    assert info.value.errno == NOMEM


def test_module_strategy_with_a_table_at_its_maximum_gets_nomem():
    wat = program_wat().replace(
        '(table (export "__indirect_function_table") 4 funcref)',
        '(table (export "__indirect_function_table") 4 104 funcref)',
    )
    assert wat != program_wat()
    engine = wasmtime.Engine()
    store = wasmtime.Store(engine)
    runtime = ClosureRuntime(store, strategy="module")
    linker = wasmtime.Linker(engine)
    runtime.define_wasix(linker)
    exports = linker.instantiate(store, wasmtime.Module(engine, wasmtime.wat2wasm(wat))).exports(store)
    assert exports["allocate"](store, OUT) == SUCCESS  # the table is now full: 4 + 100 slots
    closure = int.from_bytes(exports["memory"].read(store, OUT, OUT + 4), "little")
    assert exports["prepare"](store, ADD_ENV, closure, TYPES, 2, TYPES + 2, 1, 0) == NOMEM


# Only on the Python runtime: the test replaces a Python trampoline's configure, which the
# native core does not have (the fuel test below covers a trap while installing on both).
@pytest.mark.parametrize("each_runtime_backend", ["python"], indirect=True)
def test_a_trap_in_configure_gives_the_trampoline_back():
    program = load_wat_program(wasmtime.Engine(), pool_sizes=(1,))
    rt = program.runtime
    assert rt.backend == "python"
    fp = rt.allocate()
    rt.prepare(fp, ADD_ENV, "(i32, i32) -> i32")
    trampoline = rt._live[fp]
    pool = trampoline.pool
    rt.free(fp)
    assert pool._free[-1] is trampoline
    real_configure = trampoline.configure

    class TrappingConfigure:
        """configure whose C call traps (as a nearly exhausted stack makes it), leaving the slot as it was."""

        trap_out = real_configure.trap_out

        def load(self, *args):
            real_configure.load(*args)  # checks and sets the arguments

            def trapping():
                trap = wasmtime.Trap("call stack exhausted")._consume()
                self.trap_out.value = ctypes.cast(trap, ctypes.c_void_p).value

            return trapping

        finish = real_configure.finish

    trampoline.configure = TrappingConfigure()
    fp = rt.allocate()
    with pytest.raises(wasmtime.Trap):
        rt.prepare(fp, ADD_ENV, "(i32, i32) -> i32")
    assert pool._free == [trampoline]  # not leaked
    trampoline.configure = real_configure
    rt.prepare(fp, ADD_ENV, "(i32, i32) -> i32", env=5)
    assert program.call("call_ii_i", fp, 1, 1) == 7
    assert rt.stats.instantiations == 1


def test_a_trap_while_installing_gives_the_trampoline_back():
    """With no fuel left, the Python runtime's install (a call of configure) traps and keeps
    its trampoline free; the native core's install runs no wasm and succeeds."""
    config = wasmtime.Config()
    config.consume_fuel = True
    program = load_wat_program(wasmtime.Engine(config), pool_sizes=(1,))
    rt = program.runtime
    program.store.set_fuel(1_000_000)
    fp = rt.allocate()
    rt.prepare(fp, ADD_ENV, "(i32, i32) -> i32")
    rt.free(fp)
    program.store.set_fuel(0)
    fp = rt.allocate()
    if rt.backend == "python":  # configure, the pool's wasm, traps at once
        with pytest.raises(wasmtime.Trap, match="fuel"):
            rt.prepare(fp, ADD_ENV, "(i32, i32) -> i32")
        program.store.set_fuel(1_000_000)
        rt.prepare(fp, ADD_ENV, "(i32, i32) -> i32", env=5)
    else:  # the native core sets the trampoline's global and slot itself: no wasm runs
        rt.prepare(fp, ADD_ENV, "(i32, i32) -> i32", env=5)
        program.store.set_fuel(1_000_000)
    assert program.call("call_ii_i", fp, 1, 1) == 7
    assert rt.stats.instantiations == 1  # the one trampoline was not leaked


@pytest.mark.parametrize("closure", [8.0, [1], "5", None])
def test_prepare_names_a_closure_of_the_wrong_kind(closure):
    program = load_wat_program(wasmtime.Engine())
    with pytest.raises(InvalidValueError, match="closure must be an integer"):
        program.runtime.prepare(closure, ADD_ENV, "(i32, i32) -> i32")


def test_free_of_an_int_subclass_hands_out_a_plain_int_again():
    program = load_wat_program(wasmtime.Engine())
    rt = program.runtime
    closure = rt.allocate()
    rt.free(enum.IntEnum("Slot", {"LIVE": closure}).LIVE)
    again = rt.allocate()
    assert type(again) is int and again == closure
    rt.prepare(again, ADD_ENV, "(i32, i32) -> i32")


def _exports_of(wat: str):
    engine = wasmtime.Engine()
    store = wasmtime.Store(engine)
    return store, wasmtime.Instance(store, wasmtime.Module(engine, wasmtime.wat2wasm(wat)), []).exports(store)


@pytest.mark.parametrize(
    "wat, match",
    [
        (
            '(module (memory (export "m") i64 1) (table (export "t") 1 funcref) (global (export "sp") (mut i32) (i32.const 0)))',
            "64-bit memory",
        ),
        (
            '(module (memory (export "m") 1) (table (export "t") 1 funcref) (global (export "sp") i32 (i32.const 0)))',
            "not a mutable i32",
        ),
        (
            '(module (memory (export "m") 1) (table (export "t") 1 funcref) (global (export "sp") (mut i64) (i64.const 0)))',
            "i32",
        ),
        (
            '(module (memory (export "m") 1) (table (export "t") 1 externref) (global (export "sp") (mut i32) (i32.const 0)))',
            "funcref",
        ),
    ],
)
def test_bind_refuses_what_closures_cannot_use(wat, match):
    store, exports = _exports_of(wat)
    runtime = ClosureRuntime(store)
    with pytest.raises(ClosureError, match=match) as info:
        runtime.bind(exports["m"], exports["t"], exports["sp"])
    assert info.value.errno == NOTSUP
    assert not runtime.bound


def _threads_engine(memory64: bool = False) -> wasmtime.Engine:
    config = wasmtime.Config()
    config.wasm_threads = config.shared_memory = True
    config.wasm_memory64 = memory64
    return wasmtime.Engine(config)


def _shared_memory(engine: wasmtime.Engine, pages: int) -> wasmtime.SharedMemory:
    return wasmtime.SharedMemory(engine, wasmtime.MemoryType(wasmtime.Limits(pages, 16), shared=True))


@pytest.mark.parametrize(
    "case, match",
    [
        ("64-bit table", "closures cannot link.*__indirect_function_table"),
        ("another engine's shared memory", "closures cannot link"),
        ("0-page shared memory", "shared memory has no pages"),
    ],
)
def test_bind_refuses_parts_no_trampoline_can_import(case, match):
    engine = _threads_engine(memory64=True)
    store = wasmtime.Store(engine)
    exports = wasmtime.Instance(
        store,
        wasmtime.Module(
            engine,
            wasmtime.wat2wasm(
                '(module (memory (export "m") 1) (table (export "t") 1 funcref) (table (export "t64") i64 1 funcref)'
                ' (global (export "sp") (mut i32) (i32.const 0)))'
            ),
        ),
        [],
    ).exports(store)
    memory, table = exports["m"], exports["t"]
    if case == "64-bit table":
        table = exports["t64"]
    elif case == "another engine's shared memory":
        memory = _shared_memory(_threads_engine(), 1)
    else:
        memory = _shared_memory(engine, 0)
    runtime = ClosureRuntime(store)
    with pytest.raises(ClosureError, match=match) as info:
        runtime.bind(memory, table, exports["sp"])
    assert info.value.errno == NOTSUP
    assert not runtime.bound


def test_bind_accepts_a_shared_memory_of_its_engine_and_a_table_of_no_entries():
    engine = _threads_engine()
    store = wasmtime.Store(engine)
    exports = _exports_in(
        store, '(module (table (export "t") 0 funcref) (global (export "sp") (mut i32) (i32.const 0)))'
    )
    runtime = ClosureRuntime(
        store, memory=_shared_memory(engine, 1), table=exports["t"], stack_pointer=exports["sp"]
    )
    assert runtime.bound
    assert runtime.allocate() == 0  # the table grew first


def _exports_in(store: wasmtime.Store, wat: str):
    return wasmtime.Instance(store, wasmtime.Module(store.engine, wasmtime.wat2wasm(wat)), []).exports(store)


def test_bind_refuses_another_stores_objects_without_aborting():
    _, exports = _exports_of(
        '(module (memory (export "m") 1) (table (export "t") 1 funcref) (global (export "sp") (mut i32) (i32.const 0)))'
    )
    runtime = ClosureRuntime(wasmtime.Store())
    with pytest.raises(ClosureError, match="another store") as info:
        runtime.bind(exports["m"], exports["t"], exports["sp"])
    assert info.value.errno == NOTSUP


def test_a_program_whose_memory_has_no_pages_yet_links():
    store, exports = _exports_of(
        '(module (memory (export "m") 0 1) (table (export "t") 4 funcref) (global (export "sp") (mut i32) (i32.const 0)))'
    )
    runtime = ClosureRuntime(store)
    runtime.bind(exports["m"], exports["t"], exports["sp"])
    store_fn = wasmtime.Func(store, wasmtime.FuncType([wasmtime.ValType.i32()] * 3, []), lambda *a: None)
    exports["t"].set(store, 1, store_fn)
    closure = runtime.allocate()
    runtime.prepare(closure, 1, "(i32) -> i32")  # instantiates a pool against it
    assert runtime.stats.instantiations == 1  # the pool module linked to the empty memory
    installed = exports["t"].get(store, closure)
    assert isinstance(installed, wasmtime.Func)
    signature = installed.type(store)
    assert [str(t) for t in signature.params] == ["i32"] and [str(t) for t in signature.results] == ["i32"]
    assert exports["m"].size(store) == 0  # linking did not grow it


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"pool_sizes": 5}, "pool_sizes"),
        ({"pool_sizes": [8]}, "pool_sizes"),
        ({"disk_cache": 1}, "disk_cache"),
        ({"max_signatures": 0}, "max_signatures"),
        ({"direct_backing_calls": 1}, "direct_backing_calls"),
        ({"max_direct_instances": -1}, "max_direct_instances"),
        ({"max_direct_instances": True}, "max_direct_instances"),
        ({"compile_budget": 0}, "compile_budget"),
        ({"compile_budget": 1.5}, "compile_budget"),
    ],
)
def test_runtime_options_are_checked(kwargs, match):
    with pytest.raises(InvalidValueError, match=match):
        ClosureRuntime(wasmtime.Store(), **kwargs)


def test_an_unhashable_backend_is_named():
    from wasm_closures import encode_closure_module

    with pytest.raises(InvalidValueError, match=r"backend \[\]"):
        encode_closure_module("f", 1, 2, 3, "() -> ()", backend=[])  # type: ignore[arg-type]


@pytest.mark.parametrize("path", ["", "cache\0dir", b"/tmp/bytes"])
def test_a_disk_cache_path_that_cannot_work_is_refused_at_construction(path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # were "" accepted, entries would land here
    with pytest.raises(InvalidValueError, match="disk_cache must be"):
        ClosureRuntime(wasmtime.Store(), disk_cache=path)
    with pytest.raises(InvalidValueError, match="disk_cache must be"):
        DiskCache(path)
    assert list(tmp_path.iterdir()) == []


def test_a_closed_store_is_named_by_allocate_prepare_and_free():
    program = load_wat_program(wasmtime.Engine())
    rt = program.runtime
    live, unknown = rt.allocate(), 4096
    rt.prepare(live, ADD_ENV, "(i32, i32) -> i32")
    program.store.close()
    calls = [
        rt.allocate,
        lambda: rt.prepare(live, ADD_ENV, "(i32, i32) -> i32"),
        lambda: rt.free(live),
    ]
    for call in calls:
        with pytest.raises(ClosureError, match=r"wasmtime\.Store of this ClosureRuntime was closed") as info:
            call()
        assert info.value.errno == NOTSUP
    rt.free(unknown)  # freeing an unknown slot does nothing, and needs no store
    assert rt.stats.live == 1  # nothing changed


_SHARED_MEMORY_OOB = """
import sys, wasmtime
from wasm_closures.loader import load_program
program = load_program(wasmtime.wat2wasm('''(module
  (import "env" "memory" (memory 1 100 shared))
  (import "env" "__indirect_function_table" (table 1 funcref))
  (import "env" "__stack_pointer" (global (mut i32)))
  (func (export "_start") (drop (i32.load (i32.const 0x7000000)))))'''), inherit_stdio=False)
if sys.argv[1] == "prepared":
    rt, table, store = program.closures, program.table, program.store
    backing = wasmtime.Func(store, wasmtime.FuncType([wasmtime.ValType.i32()] * 3, []), lambda *a: None)
    rt.prepare(rt.allocate(), table.grow(store, 1, backing), "(i32) -> i32")
try:
    program.run_start()
except wasmtime.Trap as trap:
    print(trap.trap_code.name)
"""


def _out_of_bounds_in_shared_memory(stage: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", _SHARED_MEMORY_OOB, stage], capture_output=True, text=True, timeout=120
    )


def test_binding_a_shared_memory_adds_no_instance_that_owns_it():
    # bind() checks a shared memory in a throwaway store: in the program's store, a second
    # instance owning the memory makes wasmtime abort on an out-of-bounds access.
    out = _out_of_bounds_in_shared_memory("bound")
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == ["MEMORY_OUT_OF_BOUNDS"]


def test_an_out_of_bounds_access_in_a_shared_memory_after_a_prepare_traps():
    # Every import of a SharedMemory adds an instance owning it to the store, and wasmtime 50
    # aborts on a fault in a memory two instances own: load_program's engine for a shared
    # memory bounds-checks instead of faulting (signals_based_traps off).
    out = _out_of_bounds_in_shared_memory("prepared")
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == ["MEMORY_OUT_OF_BOUNDS"]


_CLOSED_SHARED_MEMORY_WRAPPER = """
import sys, wasmtime
from syscall_program import ADD_ENV, OUT, TYPES, program_wat
from wasm_closures import ClosureRuntime
config = wasmtime.Config()
config.wasm_threads = config.shared_memory = True
config.signals_based_traps = False
engine = wasmtime.Engine(config)
wat = program_wat(True).replace('(memory (export "memory") 1)', '(memory (export "memory") 1 16 shared)')
store = wasmtime.Store(engine)
runtime = ClosureRuntime(store)
linker = wasmtime.Linker(engine)
runtime.define_wasix(linker)
exports = linker.instantiate(store, wasmtime.Module(engine, wasmtime.wat2wasm(wat))).exports(store)
if sys.argv[1] == "bind":
    runtime.bind(exports["memory"], exports["__indirect_function_table"], exports["__stack_pointer"])
    exports["memory"].close()  # the caller's wrapper: the runtime must not need it
else:
    assert exports["allocate"](store, OUT) == 0  # binds from the caller's exports
    runtime.memory.close()
junk = [bytearray(48) for _ in range(1000)]  # reuse what the wrapper freed
closure = runtime.allocate()
print(exports["allocate"](store, OUT), exports["prepare"](store, ADD_ENV, closure, TYPES, 2, TYPES + 2, 1, 7))
print(exports["call_ii_i"](store, closure, 2, 3), exports["free"](store, closure))
"""


@pytest.mark.parametrize("how", ["bind", "from the caller"])
def test_closing_the_shared_memory_wrapper_leaves_the_runtime_working(how):
    out = subprocess.run(
        [sys.executable, "-c", _CLOSED_SHARED_MEMORY_WRAPPER, how.split()[0]],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": os.path.dirname(__file__)},
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == ["0", "0", "12", "0"]


def test_the_syscalls_of_a_collected_runtime_answer_notsup():
    program = Program()  # define_closure_syscalls: the syscalls hold the runtime weakly
    closure = program.new_closure()
    assert program.prepare(ADD_ENV, closure, env=1) == SUCCESS
    runtime = weakref.ref(program.runtime)
    del program.runtime
    gc.collect()
    assert runtime() is None
    assert program.allocate() == NOTSUP
    assert program.prepare(ADD_ENV, closure) == NOTSUP
    assert program.free(closure) == NOTSUP
    assert program.call_ii_i(closure, 2, 3) == 6  # the installed trampoline stays


def test_a_runtime_on_a_closed_store_is_refused_with_notsup():
    store = wasmtime.Store()
    store.close()
    with pytest.raises(ClosureError, match=r"wasmtime\.Store given .* is closed") as info:
        ClosureRuntime(store)
    assert info.value.errno == NOTSUP


def test_define_wasix_twice_in_one_linker_raises_wasmtime_s_error():
    engine = wasmtime.Engine()
    runtime = ClosureRuntime(wasmtime.Store(engine))
    linker = wasmtime.Linker(engine)
    runtime.define_wasix(linker)
    with pytest.raises(wasmtime.WasmtimeError, match="defined twice"):
        runtime.define_wasix(linker)
    linker.allow_shadowing = True
    runtime.define_wasix(linker)


def test_bind_refuses_a_closed_shared_memory_wrapper_with_notsup():
    engine = _threads_engine()
    store = wasmtime.Store(engine)
    memory = _shared_memory(engine, 1)
    exports = _exports_in(
        store, '(module (table (export "t") 1 funcref) (global (export "sp") (mut i32) (i32.const 0)))'
    )
    memory.close()
    with pytest.raises(ClosureError, match=r"memory given.*closed") as refused:
        ClosureRuntime(store).bind(memory, exports["t"], exports["sp"])
    assert refused.value.errno == Errno.NOTSUP
