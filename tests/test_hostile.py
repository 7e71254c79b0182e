"""What a hostile guest or a careless embedder can do: never a crash, a leak or a raw exception.

Each test here pins a problem found in review: stores and engines kept alive forever, guest
signatures that make the host work or compile without bound, syscalls reaching another
store's program, failures inside the runtime's own wasm leaking trampolines.
"""

from __future__ import annotations

import gc
import time
import weakref

import pytest
import wasmtime
from test_wasix_syscalls import ADD_ENV, INVAL, NOTSUP, OUT, SUCCESS, TYPES, Program, program_wat
from wat_program import load_wat_program

from wasm_closures import ClosureError, ClosureRuntime, Errno, InvalidValueError, Signature
from wasm_closures.wasix import define_closure_syscalls

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


def test_a_trap_in_configure_gives_the_trampoline_back():
    program = load_wat_program(wasmtime.Engine(), pool_sizes=(1,))
    rt = program.runtime
    if rt.backend == "native":
        pytest.skip("replaces a Python trampoline's configure; see the fuel test for both runtimes")
    fp = rt.allocate()
    rt.prepare(fp, ADD_ENV, "(i32, i32) -> i32")
    trampoline = rt._live[fp]
    pool = trampoline.pool
    rt.free(fp)
    assert pool._free[-1] is trampoline
    real_configure = trampoline.configure

    def trapping(*args):
        raise wasmtime.Trap("call stack exhausted")

    trampoline.configure = trapping
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
    runtime.prepare(runtime.allocate(), 1, "(i32) -> i32")  # instantiates a pool against it


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
    ],
)
def test_runtime_options_are_checked(kwargs, match):
    with pytest.raises(InvalidValueError, match=match):
        ClosureRuntime(wasmtime.Store(), **kwargs)


def test_an_unhashable_backend_is_named():
    from wasm_closures import encode_closure_module

    with pytest.raises(InvalidValueError, match=r"backend \[\]"):
        encode_closure_module("f", 1, 2, 3, "() -> ()", backend=[])  # type: ignore[arg-type]
