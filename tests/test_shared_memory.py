"""Closures in a program whose linear memory is shared (wasm threads), both strategies."""

from __future__ import annotations

import pytest
import wasmtime
from wat_program import ADD_ENV, ECHO, STACK_TOP, load_wat_program, threads_engine

from wasm_closures import DEFAULT_MEMORY

# Every test here runs on the native runtime core and on the pure-Python runtime.
pytestmark = pytest.mark.usefixtures("each_runtime_backend")


@pytest.fixture(scope="module")
def engine() -> wasmtime.Engine:
    return threads_engine()


@pytest.mark.parametrize("strategy", ["pooled", "module"])
def test_closures_work_over_a_shared_memory(engine, strategy):
    program = load_wat_program(engine, strategy, shared_memory=True)
    rt = program.runtime
    assert isinstance(rt.memory, wasmtime.SharedMemory)
    fp = rt.allocate()
    rt.prepare(fp, ADD_ENV, "(i32, i32) -> i32", env=40)
    assert program.call("call_ii_i", fp, 1, 1) == 42
    rt.prepare(fp, ECHO, "(v128) -> v128", env=16)
    assert program.call("call_V_V", fp, 5, -6) == [5, -6]
    assert program.stack_pointer() == STACK_TOP


def test_shared_memory_takes_the_reference_memory_import(engine):
    program = load_wat_program(engine, "module", shared_memory=True)
    assert program.runtime.memory_import == DEFAULT_MEMORY
