"""The WASIX closure syscalls driven from a WAT program.

The guest must get an errno for every bad input, and nothing it passes may trap or crash.

The program has one page of memory (65,536 bytes), so ranges past its end are easy to name,
and imports the three syscalls under wasix_32v1 with thin exported wrappers.
"""

from __future__ import annotations

import struct

import pytest
import wasmtime

from wasm_closures import ClosureRuntime, _ffi
from wasm_closures.errors import Errno
from wasm_closures.wasix import define_closure_syscalls

# Every test here runs on the native runtime core and on the pure-Python runtime.
pytestmark = pytest.mark.usefixtures("each_runtime_backend")

MEMORY_SIZE = 65536
ADD_ENV = 1  # (args, results, env): results.i32 = args.i32[0] + args.i32[1] + env
WRONG_TYPE = 2  # (i32) -> i32
NULL_SLOT = 3  # never set
TABLE_SIZE = 4
OUT = 256  # where allocate writes the closure index
TYPES = 512  # type code arrays: I32 I32 at TYPES, I32 at TYPES + 2
BAD_TYPES = 600  # a byte the tests set to an unknown code
SUCCESS, INVAL, MEMVIOLATION, NOTSUP = Errno.SUCCESS, Errno.INVAL, Errno.MEMVIOLATION, Errno.NOTSUP


def program_wat(exports: bool = True) -> str:
    """The test program; without ``exports`` it hides its memory, table and stack pointer."""
    memory = '(memory (export "memory") 1)' if exports else "(memory 1)"
    table = (
        f'(table (export "__indirect_function_table") {TABLE_SIZE} funcref)'
        if exports
        else f"(table {TABLE_SIZE} funcref)"
    )
    sp = (
        '(global (export "__stack_pointer") (mut i32) (i32.const 65536))'
        if exports
        else "(global (mut i32) (i32.const 65536))"
    )
    return f"""
(module
  (import "wasix_32v1" "closure_allocate" (func $allocate (param i32) (result i32)))
  (import "wasix_32v1" "closure_prepare" (func $prepare (param i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (import "wasix_32v1" "closure_free" (func $free (param i32) (result i32)))
  {memory}
  {table}
  {sp}
  (type $ii_i (func (param i32 i32) (result i32)))
  (elem (i32.const {ADD_ENV}) $add_env $wrong_type)
  (data (i32.const {TYPES}) "\\00\\00\\00")
  (func $add_env (param $args i32) (param $res i32) (param $env i32)
    (i32.store (local.get $res)
      (i32.add (i32.add (i32.load (local.get $args)) (i32.load offset=4 (local.get $args))) (local.get $env))))
  (func $wrong_type (param i32) (result i32) (local.get 0))
  (func (export "allocate") (param i32) (result i32) (call $allocate (local.get 0)))
  (func (export "prepare") (param i32 i32 i32 i32 i32 i32 i32) (result i32)
    (call $prepare (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4) (local.get 5) (local.get 6)))
  (func (export "free") (param i32) (result i32) (call $free (local.get 0)))
  (func (export "call_ii_i") (param $fp i32) (param i32 i32) (result i32)
    (call_indirect (type $ii_i) (local.get 1) (local.get 2) (local.get $fp)))
)
"""


def _i32(value: int) -> int:
    """The signed i32 with the bits of ``value``: wasmtime-py's ``Func.__call__`` wants those."""
    value &= 0xFFFF_FFFF
    return value - (1 << 32) if value >> 31 else value


class Program:
    """The test program in a fresh store, with the closure syscalls defined."""

    def __init__(self, exports: bool = True) -> None:
        self.engine = wasmtime.Engine()
        self.store = wasmtime.Store(self.engine)
        self.runtime = ClosureRuntime(self.store)  # unbound: the first syscall binds it
        linker = wasmtime.Linker(self.engine)
        define_closure_syscalls(linker, self.runtime)
        module = wasmtime.Module(self.engine, wasmtime.wat2wasm(program_wat(exports)))
        self.instance = linker.instantiate(self.store, module)
        self.exports = self.instance.exports(self.store)
        self.memory = self.exports["memory"] if exports else None

    def _call(self, name: str, *args: int) -> int:
        return self.exports[name](self.store, *map(_i32, args))

    def allocate(self, out_ptr: int = OUT) -> int:
        return self._call("allocate", out_ptr)

    def prepare(
        self,
        backing: int,
        closure: int,
        args_ptr: int = TYPES,
        args_len: int = 2,
        results_ptr: int = TYPES + 2,
        results_len: int = 1,
        env: int = 0,
    ) -> int:
        return self._call("prepare", backing, closure, args_ptr, args_len, results_ptr, results_len, env)

    def free(self, closure: int) -> int:
        return self._call("free", closure)

    def call_ii_i(self, closure: int, a: int, b: int) -> int:
        return self._call("call_ii_i", closure, a, b)

    def new_closure(self) -> int:
        assert self.allocate() == SUCCESS
        return self.read_u32(OUT)

    def read_u32(self, offset: int) -> int:
        return struct.unpack("<I", self.memory.read(self.store, offset, offset + 4))[0]

    def write(self, offset: int, data: bytes) -> None:
        self.memory.write(self.store, data, offset)


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
