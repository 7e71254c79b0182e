"""The WASIX closure syscalls driven from a WAT program.

The guest must get an errno for every bad input, and nothing it passes may trap or crash.

The program (syscall_program.py) has one page of memory, so ranges past its end are easy to
name, and imports the three syscalls under wasix_32v1 with thin exported wrappers.
"""

from __future__ import annotations

import pytest
import wasmtime
from syscall_program import (
    ADD_ENV,
    BAD_TYPES,
    INVAL,
    MEMORY_SIZE,
    MEMVIOLATION,
    NOTSUP,
    NULL_SLOT,
    SUCCESS,
    TABLE_SIZE,
    TYPES,
    WRONG_TYPE,
    Program,
)

from wasm_closures import _ffi

# Every test here runs on the native runtime core and on the pure-Python runtime.
pytestmark = pytest.mark.usefixtures("each_runtime_backend")


@pytest.fixture
def program() -> Program:
    return Program()


# --- the success path --------------------------------------------------------------------------


def test_allocate_prepare_call_free(program):
    closure = program.new_closure()
    assert closure >= TABLE_SIZE  # the table grew for it
    assert program.prepare(ADD_ENV, closure, env=5) == SUCCESS
    assert program.call_ii_i(closure, 1, 2) == 8
    assert program.call_ii_i(closure, -1, 0) == 4
    assert program.prepare(ADD_ENV, closure, env=0xFFFFFFFF) == SUCCESS  # env is a u32: -1
    assert program.call_ii_i(closure, 1, 2) == 2
    assert program.free(closure) == SUCCESS
    with pytest.raises(wasmtime.Trap):
        program.call_ii_i(closure, 1, 2)  # a freed slot is null
    assert program.new_closure() == closure  # and is handed out again
    stats = program.runtime.stats
    assert (stats.allocations, stats.prepares, stats.frees, stats.live) == (2, 2, 1, 1)


def test_many_cycles_reuse_one_slot(program):
    for i in range(200):
        closure = program.new_closure()
        assert program.prepare(ADD_ENV, closure, env=i) == SUCCESS
        assert program.call_ii_i(closure, 1, 2) == i + 3
        assert program.free(closure) == SUCCESS
    assert program.runtime.stats.live == 0


def test_lazy_binding_at_the_first_syscall():
    for first in ("allocate", "prepare", "free"):
        program = Program()
        assert not program.runtime.bound
        if first == "allocate":
            assert program.allocate() == SUCCESS
        elif first == "prepare":
            assert program.prepare(ADD_ENV, 12345) == INVAL  # bound, then refused
        else:
            assert program.free(7) == SUCCESS  # unknown slots free fine
        assert program.runtime.bound
        assert program.runtime.table.size(program.store) >= TABLE_SIZE
        closure = program.new_closure()
        assert program.prepare(ADD_ENV, closure, env=1) == SUCCESS
        assert program.call_ii_i(closure, 2, 3) == 6


def test_a_program_without_its_exports_gets_notsup():
    program = Program(exports=False)
    assert program.allocate() == NOTSUP
    assert program.prepare(ADD_ENV, 5) == NOTSUP
    assert program.free(5) == NOTSUP
    assert not program.runtime.bound


# --- bad inputs: an errno, never a trap ---------------------------------------------------------


@pytest.mark.parametrize("out_ptr", [0xFFFFFFFC, 0xFFFFFFFF, 0x80000000, MEMORY_SIZE - 3, MEMORY_SIZE])
def test_allocate_out_pointer_outside_memory_is_memviolation(program, out_ptr):
    assert program.allocate(out_ptr) == MEMVIOLATION
    assert program.runtime.stats.allocations == 0  # checked before allocating: no slot leaks


def test_allocate_at_the_last_word_of_memory(program):
    assert program.allocate(MEMORY_SIZE - 4) == SUCCESS
    assert program.read_u32(MEMORY_SIZE - 4) >= TABLE_SIZE


@pytest.mark.parametrize(
    "ptr, length",
    [
        (16, 0xFFFFFFF0),  # ptr + len wraps to 0 in u32 arithmetic
        (32, 0xFFFFFFF0),  # wraps to 16
        (0, 0xFFFFFFFF),
        (0xFFFFFFFF, 1),
        (0xFFFFFFFF, 0xFFFFFFFF),
        (0x80000000, 2),
        (MEMORY_SIZE - 1, 2),
        (MEMORY_SIZE + 1, 0),
    ],
)
@pytest.mark.parametrize("which", ["args", "results"])
def test_type_arrays_outside_memory_are_memviolation(program, ptr, length, which):
    closure = program.new_closure()
    if which == "args":
        assert program.prepare(ADD_ENV, closure, args_ptr=ptr, args_len=length) == MEMVIOLATION
    else:
        assert program.prepare(ADD_ENV, closure, results_ptr=ptr, results_len=length) == MEMVIOLATION
    assert program.runtime.stats.prepares == 0


def test_empty_type_arrays_at_the_end_of_memory_are_fine(program):
    closure = program.new_closure()
    assert (
        program.prepare(
            ADD_ENV, closure, args_ptr=MEMORY_SIZE, args_len=0, results_ptr=MEMORY_SIZE, results_len=0
        )
        == SUCCESS
    )


@pytest.mark.parametrize("code", [5, 255, 0x7F])
@pytest.mark.parametrize("which", ["args", "results"])
def test_unknown_type_code_is_inval(program, code, which):
    closure = program.new_closure()
    assert program.prepare(ADD_ENV, closure) == SUCCESS  # a known signature is cached first
    program.write(BAD_TYPES, bytes([0, code]))
    if which == "args":
        assert program.prepare(ADD_ENV, closure, args_ptr=BAD_TYPES, args_len=2) == INVAL
    else:
        assert program.prepare(ADD_ENV, closure, results_ptr=BAD_TYPES + 1, results_len=1) == INVAL
    assert program.call_ii_i(closure, 1, 2) == 3  # the refused prepare changed nothing


@pytest.mark.parametrize("closure", [0, NULL_SLOT, 1000, 0x7FFFFFFF, 0xFFFFFFFF])
def test_closure_never_allocated_is_inval(program, closure):
    program.new_closure()  # bound, the table grown
    assert program.prepare(ADD_ENV, closure) == INVAL


def test_closure_freed_is_inval(program):
    closure = program.new_closure()
    assert program.free(closure) == SUCCESS
    assert program.prepare(ADD_ENV, closure) == INVAL
    assert program.free(closure) == SUCCESS  # a double free is fine


@pytest.mark.parametrize("closure", [3, 1000, 0xFFFFFFFF])
def test_free_of_unknown_slots_succeeds(program, closure):
    assert program.free(closure) == SUCCESS


@pytest.mark.parametrize("backing", [NULL_SLOT, WRONG_TYPE, 0, TABLE_SIZE + 1000, 0x80000000, 0xFFFFFFFF])
def test_bad_backing_function_is_inval(program, backing):
    closure = program.new_closure()
    assert program.prepare(backing, closure) == INVAL
    assert program.runtime.stats.prepares == 0


def test_a_free_closure_slot_is_not_a_backing_function(program):
    closure, other = program.new_closure(), program.new_closure()
    assert program.prepare(other, closure) == INVAL  # allocated but null
    assert program.prepare(ADD_ENV, other) == SUCCESS
    assert program.prepare(other, closure) == INVAL  # a closure has the caller's type


# --- Python exceptions inside a syscall ---------------------------------------------------------


@pytest.mark.parametrize("exception", [RuntimeError("boom"), KeyError("k"), KeyboardInterrupt()])
def test_a_python_exception_inside_is_reraised_from_the_call(program, monkeypatch, exception):
    closure = program.new_closure()

    def prepare(*args, **kwargs):
        raise exception

    # The Python syscalls call the runtime's prepare; the native ones call into Python only for
    # cold work, here the first prepare of a signature.
    entry = "prepare" if program.runtime.backend == "python" else "_register_signature"
    monkeypatch.setattr(program.runtime, entry, prepare)
    with pytest.raises(type(exception)) as info:
        program.prepare(ADD_ENV, closure)
    assert info.value is exception
    with pytest.raises(type(exception)):
        _ffi.FastCall(program.store, program.exports["prepare"], "iiiiiii", "i")(
            ADD_ENV, closure, TYPES, 2, TYPES + 2, 1, 0
        )
    from wasmtime import _func

    assert _func.LAST_EXCEPTION is None  # consumed by the re-raise
    monkeypatch.undo()
    assert program.prepare(ADD_ENV, closure, env=1) == SUCCESS  # the store stays usable
    assert program.call_ii_i(closure, 1, 2) == 4


def test_an_exception_while_binding_is_reraised(program, monkeypatch):
    def bind(*args):
        raise MemoryError("no room")

    monkeypatch.setattr(program.runtime, "bind", bind)
    with pytest.raises(MemoryError, match="no room"):
        program.allocate()
    assert not program.runtime.bound
