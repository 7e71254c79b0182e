"""ClosureRuntime through the Python API: allocate, prepare, call from wasm, free, both strategies."""

from __future__ import annotations

import os
import struct
import subprocess
import sys

import pytest
import wasmtime
from wat_program import (
    ADD_ENV,
    ECHO,
    FIRST_FREE_SLOT,
    RECORD,
    RECORD_AT,
    STACK_TOP,
    WRONG_TYPE,
    load_wat_program,
)

from wasm_closures import ClosureError, ClosureRuntime, Errno, InvalidValueError, Signature

# Every test here runs on the native runtime core and on the pure-Python runtime.
pytestmark = pytest.mark.usefixtures("each_runtime_backend")

# The ways a runtime can install a closure: pooled with direct calls of the backing function
# (the default), pooled calling through the table, and the reference's module per prepare.
CONFIGURATIONS = {
    "pooled": {},
    "pooled-table": {"direct_backing_calls": False},
    "module": {"strategy": "module"},
}


@pytest.fixture(scope="module")
def engine() -> wasmtime.Engine:
    return wasmtime.Engine()


@pytest.fixture(params=CONFIGURATIONS)
def program(request, engine):
    return load_wat_program(engine, **CONFIGURATIONS[request.param])


def test_allocate_grows_the_table_in_chunks_of_100_and_hands_out_slots_in_order(program):
    rt = program.runtime
    first = [rt.allocate() for _ in range(100)]
    assert first == list(range(FIRST_FREE_SLOT, FIRST_FREE_SLOT + 100))
    assert rt.table.size(program.store) == FIRST_FREE_SLOT + 100
    assert rt.allocate() == FIRST_FREE_SLOT + 100
    assert rt.table.size(program.store) == FIRST_FREE_SLOT + 200


def test_prepared_closure_runs_the_backing_function_with_its_environment(program):
    rt = program.runtime
    fp = rt.allocate()
    rt.prepare(fp, ADD_ENV, "(i32, i32) -> i32", env=1000)
    assert program.call("call_ii_i", fp, 20, 3) == 1023
    assert program.stack_pointer() == STACK_TOP


def test_the_backing_function_sees_results_area_above_args_area_below_the_stack_pointer(program):
    rt = program.runtime
    fp = rt.allocate()
    rt.prepare(fp, RECORD, "(i32, i64, f32, f64, v128, i32) -> (i64, v128, f64)", env=0xFFFF_FFFF)
    lo, hi = 0x0102030405060708, 0x1112131415161718
    program.call("call_mixed", fp, lo, hi)
    args, results, env, sp_inside = struct.unpack("<IIiI", program.read(RECORD_AT, 16))
    args_size = 4 + 8 + 4 + 8 + 16 + 4  # 44, rounded up to 48
    results_size = 8 + 16 + 8  # 32
    assert env == -1  # 0xFFFFFFFF reaches the backing function as the i32 -1
    assert results == STACK_TOP - results_size
    assert args == results - 48 == sp_inside
    packed = struct.pack("<iqfd", 7, -2, 1.5, 2.25) + struct.pack("<QQ", lo, hi) + struct.pack("<i", 9)
    assert program.read(args, args_size) == packed
    assert program.stack_pointer() == STACK_TOP


@pytest.mark.parametrize(
    "export, signature, args, expected",
    [
        ("call_i_i", "(i32) -> i32", (-5,), -5),
        ("call_I_I", "(i64) -> i64", (-(2**63),), -(2**63)),
        ("call_f_f", "(f32) -> f32", (1.5,), 1.5),
        ("call_F_F", "(f64) -> f64", (-0.1,), -0.1),
    ],
)
def test_every_scalar_type_round_trips_through_a_closure(program, export, signature, args, expected):
    rt = program.runtime
    fp = rt.allocate()
    sig = Signature.parse(signature)
    rt.prepare(fp, ECHO, sig, env=sig.params[0].size)
    assert program.call(export, fp, *args) == expected


def test_v128_round_trips_inside_wasm(program):
    rt = program.runtime
    fp = rt.allocate()
    rt.prepare(fp, ECHO, "(v128) -> v128", env=16)
    assert program.call("call_V_V", fp, 0x0123456789ABCDEF, -1) == [0x0123456789ABCDEF, -1]


def test_zero_params_no_results(program):
    rt = program.runtime
    fp = rt.allocate()
    rt.prepare(fp, RECORD, "() -> ()", env=77)
    program.call("call_v_v", fp)
    args, results, env, _ = struct.unpack("<IIiI", program.read(RECORD_AT, 16))
    assert (results, args, env) == (STACK_TOP, STACK_TOP, 77)


def test_prepare_again_redefines_the_closure_on_its_next_call(program):
    rt = program.runtime
    fp = rt.allocate()
    rt.prepare(fp, ADD_ENV, "(i32, i32) -> i32", env=1)
    assert program.call("call_ii_i", fp, 1, 1) == 3
    rt.prepare(fp, ADD_ENV, "(i32, i32) -> i32", env=100)
    assert program.call("call_ii_i", fp, 1, 1) == 102
    rt.prepare(fp, ECHO, "(i64) -> i64", env=8)
    assert program.call("call_I_I", fp, 2**40) == 2**40
    with pytest.raises(wasmtime.Trap, match="indirect call type mismatch"):
        program.call("call_ii_i", fp, 1, 1)


def test_free_returns_the_slot_for_reuse_and_a_call_through_it_traps(program):
    rt = program.runtime
    fp = rt.allocate()
    rt.prepare(fp, ADD_ENV, "(i32, i32) -> i32", env=0)
    rt.free(fp)
    with pytest.raises(wasmtime.Trap):
        program.call("call_ii_i", fp, 1, 1)
    assert rt.allocate() == fp


def test_free_is_idempotent_and_ignores_slots_it_does_not_own(program):
    rt = program.runtime
    fp = rt.allocate()
    rt.free(fp)
    rt.free(fp)
    rt.free(0)
    rt.free(ADD_ENV)  # the program's own function: untouched
    fp = rt.allocate()
    rt.prepare(fp, ADD_ENV, "(i32, i32) -> i32", env=0)
    assert program.call("call_ii_i", fp, 2, 3) == 5


def test_hundreds_of_live_closures_each_keep_their_environment(program):
    rt = program.runtime
    closures = [rt.allocate() for _ in range(300)]
    for i, fp in enumerate(closures):
        rt.prepare(fp, ADD_ENV, "(i32, i32) -> i32", env=i * 10)
    for i, fp in enumerate(closures):
        assert program.call("call_ii_i", fp, 1, 2) == i * 10 + 3


def test_sixteen_params(program):
    rt = program.runtime
    fp = rt.allocate()
    sig = Signature(["i32", "i64", "f32", "f64"] * 4, ["i64"])
    rt.prepare(fp, RECORD, sig, env=5)
    program.call("call_16", fp)
    args, results, env, _ = struct.unpack("<IIiI", program.read(RECORD_AT, 16))
    assert env == 5
    assert results == STACK_TOP - 16 and args == results - 96  # 4 * 24 bytes of arguments
    assert program.read(args, 96) == b"".join(
        struct.pack("<iqfd", 4 * k + 1, 4 * k + 2, 4 * k + 3, 4 * k + 4) for k in range(4)
    )


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"backing_function": 999}, "outside the function table"),
        ({"backing_function": 0}, "null table slot"),
        ({"backing_function": WRONG_TYPE}, r"has type \(i32\) -> \(i32\)"),
    ],
)
def test_bad_backing_function_is_refused_at_prepare(program, kwargs, match):
    rt = program.runtime
    fp = rt.allocate()
    with pytest.raises(ClosureError, match=match) as info:
        rt.prepare(fp, signature="(i32, i32) -> i32", env=0, **kwargs)
    assert info.value.errno == Errno.INVAL


def test_prepare_of_a_slot_never_allocated_or_freed_is_refused(program):
    rt = program.runtime
    with pytest.raises(ClosureError, match="closure 4 was not allocated") as info:
        rt.prepare(4, ADD_ENV, "(i32, i32) -> i32")
    assert info.value.errno == Errno.INVAL
    fp = rt.allocate()
    rt.free(fp)
    with pytest.raises(ClosureError, match=f"closure {fp} was not allocated"):
        rt.prepare(fp, ADD_ENV, "(i32, i32) -> i32")


@pytest.mark.parametrize("bad", [-1, 2**32, "3", 1.0])
def test_prepare_names_bad_integers(program, bad):
    rt = program.runtime
    fp = rt.allocate()
    with pytest.raises(InvalidValueError, match="env must be an integer"):
        rt.prepare(fp, ADD_ENV, "(i32, i32) -> i32", env=bad)
    with pytest.raises(InvalidValueError, match="backing_function must be an integer"):
        rt.prepare(fp, bad, "(i32, i32) -> i32")


def test_bad_signature_is_refused(program):
    rt = program.runtime
    fp = rt.allocate()
    with pytest.raises(InvalidValueError, match="externref"):
        rt.prepare(fp, ADD_ENV, "(externref) -> i32")


def test_an_unbound_runtime_refuses_with_notsup(engine):
    rt = ClosureRuntime(wasmtime.Store(engine))
    with pytest.raises(ClosureError, match="not bound") as info:
        rt.allocate()
    assert info.value.errno == Errno.NOTSUP


def test_constructor_names_bad_options(engine):
    store = wasmtime.Store(engine)
    with pytest.raises(InvalidValueError, match="'jit'"):
        ClosureRuntime(store, strategy="jit")
    with pytest.raises(InvalidValueError, match="pool_sizes"):
        ClosureRuntime(store, pool_sizes=(0,))
    with pytest.raises(InvalidValueError, match=r"store must be a wasmtime\.Store"):
        ClosureRuntime("store")  # type: ignore[arg-type]


def test_warm_prepare_compiles_and_instantiates_nothing(engine):
    program = load_wat_program(engine, "pooled", pool_sizes=(4,))
    rt = program.runtime
    fp = rt.allocate()
    rt.prepare(fp, ADD_ENV, "(i32, i32) -> i32", env=0)  # may compile; instantiates one pool
    compiles = rt.module_cache.stats.compiles
    instantiations = rt.stats.instantiations
    assert instantiations == 1
    for env in range(1000):
        rt.prepare(fp, ADD_ENV, "(i32, i32) -> i32", env=env)
        other = rt.allocate()
        rt.prepare(other, ADD_ENV, "(i32, i32) -> i32", env=env)
        rt.free(other)
    assert program.call("call_ii_i", fp, 0, 0) == 999
    assert rt.module_cache.stats.compiles == compiles
    assert rt.stats.instantiations == instantiations


def test_pools_grow_by_instances_and_reuse_freed_trampolines(engine):
    program = load_wat_program(engine, "pooled", pool_sizes=(2, 3))
    rt = program.runtime
    live = [rt.allocate() for _ in range(7)]
    for fp in live:
        rt.prepare(fp, ADD_ENV, "(i32, i32) -> i32", env=fp)
    assert rt.stats.instantiations == 3  # 2 + 3 + 3 trampolines
    for fp in live:
        rt.free(fp)
    for fp in [rt.allocate() for _ in range(8)]:
        rt.prepare(fp, ADD_ENV, "(i32, i32) -> i32", env=fp)
        assert program.call("call_ii_i", fp, 0, 0) == fp
    assert rt.stats.instantiations == 3


def test_a_signature_first_gets_a_pool_of_one_trampoline_then_8_then_64():
    # The first closure of a signature compiles (or loads) a module of one trampoline only.
    program = load_wat_program(wasmtime.Engine())  # the default pool_sizes
    rt = program.runtime
    grown_at = []
    for n in range(1, 1 + 1 + 8 + 64):
        rt.prepare(rt.allocate(), ADD_ENV, "(i32, i32) -> i32", env=n)
        if rt.stats.instantiations > len(grown_at):
            grown_at.append(n)
    assert grown_at == [1, 2, 10]  # 1, then 1 + 8, then 1 + 8 + 64 trampolines
    assert rt.module_cache.stats.compiles == 3


def test_module_strategy_instantiates_one_module_per_prepare(engine):
    program = load_wat_program(engine, "module")
    rt = program.runtime
    fp = rt.allocate()
    before = rt.module_cache.stats.compiles
    for env in range(3):
        rt.prepare(fp, ADD_ENV, "(i32, i32) -> i32", env=env)
    assert rt.stats.instantiations == 3
    assert rt.module_cache.stats.compiles == before + 3
    assert program.call("call_ii_i", fp, 0, 0) == 2


def test_a_backing_slot_that_changes_function_is_checked_again(program):
    rt = program.runtime
    fp = rt.allocate()
    rt.prepare(fp, ADD_ENV, "(i32, i32) -> i32")
    table = rt.table
    table.set(program.store, ADD_ENV, table.get(program.store, WRONG_TYPE))
    with pytest.raises(ClosureError, match=f"backing_function {ADD_ENV} has type"):
        rt.prepare(fp, ADD_ENV, "(i32, i32) -> i32")


def recorded_env(program) -> int:
    """The environment the RECORD backing function saw last."""
    return struct.unpack("<i", program.read(RECORD_AT + 8, 4))[0]


def put_function(program, slot: int, from_slot: int) -> None:
    """Do what a program may do to its table: put the function of ``from_slot`` in ``slot``."""
    table = program.runtime.table
    table.set(program.store, slot, table.get(program.store, from_slot))


def test_a_direct_closure_calls_the_function_its_backing_slot_held_when_prepared(engine):
    program = load_wat_program(engine)
    rt = program.runtime
    fp = rt.allocate()
    rt.prepare(fp, ADD_ENV, "(i32, i32) -> i32", env=77)
    put_function(program, ADD_ENV, RECORD)
    assert program.call("call_ii_i", fp, 2, 3) == 82  # still add_env
    assert recorded_env(program) == 0
    rt.prepare(fp, ADD_ENV, "(i32, i32) -> i32", env=77)  # preparing again looks the slot up
    program.call("call_ii_i", fp, 2, 3)
    assert recorded_env(program) == 77


@pytest.mark.parametrize("configuration", ["pooled-table", "module"])
def test_a_table_closure_looks_its_backing_slot_up_at_every_call(engine, configuration):
    program = load_wat_program(engine, **CONFIGURATIONS[configuration])
    rt = program.runtime
    fp = rt.allocate()
    rt.prepare(fp, ADD_ENV, "(i32, i32) -> i32", env=77)
    assert program.call("call_ii_i", fp, 2, 3) == 82
    put_function(program, ADD_ENV, RECORD)
    program.call("call_ii_i", fp, 2, 3)
    assert recorded_env(program) == 77


def test_a_closure_backed_by_another_closure_follows_its_redefinitions(program):
    rt = program.runtime
    inner = rt.allocate()
    rt.prepare(inner, RECORD, "(i32, i32, i32) -> ()", env=1)
    outer = rt.allocate()
    rt.prepare(outer, inner, "(i32, i32) -> i32", env=5)
    program.call("call_ii_i", outer, 2, 3)
    assert recorded_env(program) == 1
    rt.prepare(inner, RECORD, "(i32, i32, i32) -> ()", env=2)
    other = rt.allocate()  # takes the trampoline inner had: it must not be what outer calls
    rt.prepare(other, RECORD, "(i32, i32, i32) -> ()", env=3)
    program.call("call_ii_i", outer, 2, 3)
    assert recorded_env(program) == 2
    args = struct.unpack("<I", program.read(RECORD_AT, 4))[0]
    assert struct.unpack("<i", program.read(args + 8, 4))[0] == 5  # inner got outer's env


def test_a_new_backing_function_of_a_warm_signature_compiles_nothing(engine):
    program = load_wat_program(engine, pool_sizes=(4,))
    rt = program.runtime
    rt.prepare(rt.allocate(), ADD_ENV, "(i32, i32) -> i32")
    compiles = rt.module_cache.stats.compiles
    assert rt.stats.instantiations == 1
    fp = rt.allocate()
    rt.prepare(fp, RECORD, "(i32, i32) -> i32", env=9)  # a pool for the new (signature, function)
    for env in range(3):  # the rest of that pool's 4 trampolines
        rt.prepare(rt.allocate(), RECORD, "(i32, i32) -> i32", env=env)
    program.call("call_ii_i", fp, 0, 0)
    assert recorded_env(program) == 9
    assert rt.stats.instantiations == 2
    assert rt.module_cache.stats.compiles == compiles


def test_past_max_direct_instances_closures_call_through_the_table(engine):
    program = load_wat_program(engine, max_direct_instances=1)
    rt = program.runtime
    direct, through_table = rt.allocate(), rt.allocate()
    rt.prepare(direct, ADD_ENV, "(i32, i32) -> i32", env=1)
    rt.prepare(through_table, ECHO, "(i32, i32) -> i32", env=4)
    assert program.call("call_ii_i", direct, 2, 3) == 6
    assert program.call("call_ii_i", through_table, 2, 3) == 2
    put_function(program, ADD_ENV, RECORD)
    put_function(program, ECHO, RECORD)
    assert program.call("call_ii_i", direct, 2, 3) == 6
    program.call("call_ii_i", through_table, 2, 3)
    assert recorded_env(program) == 4
    assert rt.stats.instantiations == 2  # one pool of each kind


def add_constant_functions(program, count: int) -> list[int]:
    """Add ``count`` backing functions to the program's table; function k stores env + k as the result."""
    funcs = "".join(
        f'(func (export "f{k}") (param i32 i32 i32) (i32.store (local.get 1) (i32.add (local.get 2) (i32.const {k}))))'
        for k in range(count)
    )
    wat = f'(module (import "env" "memory" (memory 0)) {funcs})'
    module = wasmtime.Module(program.store.engine, wasmtime.wat2wasm(wat))
    exports = wasmtime.Instance(program.store, module, [program.runtime.memory]).exports(program.store)
    table = program.runtime.table
    return [table.grow(program.store, 1, exports[f"f{k}"]) for k in range(count)]


def test_closures_of_many_backing_functions_in_turn_stay_within_the_instance_budget(engine):
    """Freed direct trampolines cannot serve another function: the budget bounds the instances."""
    program = load_wat_program(engine, pool_sizes=(4,), max_direct_instances=3)
    rt = program.runtime
    for k, backing in enumerate(add_constant_functions(program, 20)):
        closures = [rt.allocate() for _ in range(6)]
        for env, fp in enumerate(closures):
            rt.prepare(fp, backing, "(i32, i32) -> i32", env=env * 100)
        for env, fp in enumerate(closures):
            assert program.call("call_ii_i", fp, 0, 0) == env * 100 + k
        for fp in closures:
            rt.free(fp)
    # 3 direct instances (the first function's 2, the second's 1), then 2 of the table pool
    # that every later function shares; without the budget: 40.
    assert rt.stats.instantiations == 5


def test_a_direct_pool_that_cannot_be_instantiated_falls_back_to_the_table_pool(engine):
    program = load_wat_program(engine, pool_sizes=(2,))
    rt = program.runtime
    direct = rt.allocate()
    rt.prepare(direct, ADD_ENV, "(i32, i32) -> i32")  # a direct pool: 2 instances in the store
    inner = rt.allocate()
    rt.prepare(inner, RECORD, "(i32, i32, i32) -> ()")  # another direct pool: 3
    backed_by_closure = rt.allocate()
    rt.prepare(backed_by_closure, inner, "(i32, i32) -> i32")  # the table pool: 4
    rt.free(backed_by_closure)
    program.store.set_limits(instances=4)
    fp = rt.allocate()
    rt.prepare(fp, ECHO, "(i32, i32) -> i32", env=4)  # no room for ECHO's direct pool
    assert program.call("call_ii_i", fp, 7, 0) == 7
    assert rt.stats.instantiations == 3  # the failed one is not counted
    put_function(program, ECHO, RECORD)  # it calls through the table
    program.call("call_ii_i", fp, 7, 0)
    assert recorded_env(program) == 4


def test_without_the_c_api_fast_paths_a_runtime_refuses_clearly():
    code = (
        "import wasmtime\n"
        "from wasm_closures import ClosureRuntime\n"
        "from wasm_closures._ffi import InternalsUnavailableError\n"
        "try:\n"
        "    ClosureRuntime(wasmtime.Store())\n"
        "except InternalsUnavailableError as exc:\n"
        "    print(exc)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "WASM_CLOSURES_FFI": "off"},
        check=True,
    )
    assert "disabled by WASM_CLOSURES_FFI=off" in out.stdout
