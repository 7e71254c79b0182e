"""The runtime from several threads: one store per thread sharing an engine, and one shared runtime."""

from __future__ import annotations

import threading
import time

import pytest
import wasmtime
from wat_program import ADD_ENV, load_wat_program

from wasm_closures import _ffi
from wasm_closures import runtime as runtime_module

# Every test here runs on the native runtime core and on the pure-Python runtime.
pytestmark = pytest.mark.usefixtures("each_runtime_backend")

ROUNDS = 300


def _run_threads(target, count: int = 4) -> None:
    errors: list = []

    def guarded(i: int) -> None:
        try:
            target(i)
        except BaseException as exc:  # collected and re-raised in the main thread
            errors.append(exc)

    threads = [threading.Thread(target=guarded, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]


def _hold_pool_instantiation(rt) -> tuple[threading.Event, threading.Event]:
    """Make ``rt``'s next pool instantiation (cold work) set the first event, then wait for
    the second."""
    in_cold, release = threading.Event(), threading.Event()
    instantiate = rt._strategy.instantiate

    def slow_instantiate(*args):
        in_cold.set()
        release.wait(10)
        return instantiate(*args)

    rt._strategy.instantiate = slow_instantiate
    return in_cold, release


def test_stores_in_threads_share_one_engine_and_its_module_cache():
    engine = wasmtime.Engine()

    def work(i: int) -> None:
        program = load_wat_program(engine)
        rt = program.runtime
        for k in range(ROUNDS):
            fp = rt.allocate()
            rt.prepare(fp, ADD_ENV, "(i32, i32) -> i32", env=i * 1000 + k)
            assert program.call("call_ii_i", fp, 0, 0) == i * 1000 + k
            rt.free(fp)

    _run_threads(work)
    programs_cache = load_wat_program(engine).runtime.module_cache
    assert programs_cache.stats.compiles == 1


def test_one_runtime_shared_by_threads_keeps_consistent_state():
    program = load_wat_program(wasmtime.Engine())
    rt = program.runtime
    owned: list[list[int]] = [[] for _ in range(4)]

    def work(i: int) -> None:
        for k in range(ROUNDS):
            fp = rt.allocate()
            rt.prepare(fp, ADD_ENV, "(i32, i32) -> i32", env=fp)
            owned[i].append(fp)
            if k % 3 == 0:
                rt.free(owned[i].pop(0))

    _run_threads(work)
    live = [fp for slots in owned for fp in slots]
    assert len(live) == len(set(live)) == rt.stats.live
    for fp in live:  # every live closure still runs with its own environment
        assert program.call("call_ii_i", fp, 0, 0) == fp


def test_a_warm_operation_waits_for_another_threads_cold_work():
    # Cold work (here: instantiating a pool for a new signature) touches the store from Python;
    # another thread's warm prepare must not run on the store meanwhile.
    program = load_wat_program(wasmtime.Engine())
    rt = program.runtime
    warm = rt.allocate()
    rt.prepare(warm, ADD_ENV, "(i32, i32) -> i32", env=1)
    cold = rt.allocate()
    in_cold, release = _hold_pool_instantiation(rt)
    coldworker = threading.Thread(target=rt.prepare, args=(cold, ADD_ENV, "(i64, i32) -> i32"))
    coldworker.start()
    assert in_cold.wait(10)
    warmworker = threading.Thread(target=rt.prepare, args=(warm, ADD_ENV, "(i32, i32) -> i32", 2))
    warmworker.start()
    warmworker.join(0.5)
    waited = warmworker.is_alive()
    release.set()
    coldworker.join(10)
    warmworker.join(10)
    assert waited, "a warm prepare ran on the store during another thread's cold work"
    assert program.call("call_ii_i", warm, 1, 1) == 4


def test_binding_again_during_another_threads_cold_work_does_not_deadlock(monkeypatch):
    # Cold work (here: reading a signature seen for the first time) holds the native core's
    # operation lock and then takes the runtime's Python lock; bind takes the Python lock and
    # asks the core whether it is bound, which must not wait for the operation lock.
    program = load_wat_program(wasmtime.Engine())
    rt = program.runtime
    cold = rt.allocate()
    in_cold = threading.Event()
    signature_of = runtime_module._signature_of

    def slow_signature_of(signature):
        in_cold.set()
        time.sleep(0.3)
        return signature_of(signature)

    monkeypatch.setattr(runtime_module, "_signature_of", slow_signature_of)  # the Python runtime's
    monkeypatch.setattr(rt, "_as_signature", slow_signature_of)  # the native core's cold path
    outcome: dict[str, object] = {}

    def prepare() -> None:
        rt.prepare(cold, ADD_ENV, "(i64, i32) -> i32")
        outcome["prepare"] = "done"

    def bind_again() -> None:
        try:
            rt.bind(rt.memory, rt.table, rt.stack_pointer)
        except Exception as exc:  # the expected refusal, checked below
            outcome["bind"] = exc

    coldworker = threading.Thread(target=prepare, daemon=True)
    coldworker.start()
    assert in_cold.wait(10)
    binder = threading.Thread(target=bind_again, daemon=True)
    binder.start()
    coldworker.join(10)
    binder.join(10)
    assert not coldworker.is_alive() and not binder.is_alive(), f"deadlock: {outcome}"
    assert outcome["prepare"] == "done"
    assert type(outcome["bind"]).__name__ == "InvalidValueError", outcome
    assert rt.stats.prepares == 1


def test_bind_waits_for_another_threads_cold_work(monkeypatch):
    # bind's checks and probes use the store, so they wait for another thread's operation
    # (here: a prepare instantiating a pool for a new signature), as a warm prepare does.
    program = load_wat_program(wasmtime.Engine())
    rt = program.runtime
    cold = rt.allocate()
    in_cold, release = _hold_pool_instantiation(rt)
    store_used_during_cold_work = []
    memory_address = _ffi.memory_address

    def recording_memory_address(*args):
        store_used_during_cold_work.append(in_cold.is_set() and not release.is_set())
        return memory_address(*args)

    monkeypatch.setattr(_ffi, "memory_address", recording_memory_address)
    coldworker = threading.Thread(target=rt.prepare, args=(cold, ADD_ENV, "(i64, i32) -> i32"))
    coldworker.start()
    assert in_cold.wait(10)
    refused: list[Exception] = []

    def bind_again() -> None:
        try:
            rt.bind(rt.memory, rt.table, rt.stack_pointer)
        except Exception as exc:  # already bound: checked below
            refused.append(exc)

    binder = threading.Thread(target=bind_again)
    binder.start()
    binder.join(0.3)
    release.set()
    coldworker.join(10)
    binder.join(10)
    assert store_used_during_cold_work == [False], "bind used the store during another thread's cold work"
    assert [type(exc).__name__ for exc in refused] == ["InvalidValueError"]
