"""The WAT program the syscall tests drive: one page of memory (65,536 bytes), so ranges past
its end are easy to name, and the three closure syscalls imported under wasix_32v1 with thin
exported wrappers. Shared by test_wasix_syscalls, test_hostile and test_syscall_fuzz.
"""

from __future__ import annotations

import struct
from typing import Any

import wasmtime

from wasm_closures import ClosureRuntime
from wasm_closures._runtime.wasix import define_closure_syscalls
from wasm_closures.errors import Errno

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


def as_i32(value: int) -> int:
    """The signed i32 with the bits of ``value``: wasmtime-py's ``Func.__call__`` wants those."""
    value &= 0xFFFF_FFFF
    return value - (1 << 32) if value >> 31 else value


class Program:
    """The test program in a fresh store, with the closure syscalls defined."""

    def __init__(self, exports: bool = True, **runtime_options: Any) -> None:
        self.engine = wasmtime.Engine()
        self.store = wasmtime.Store(self.engine)
        self.runtime = ClosureRuntime(self.store, **runtime_options)  # unbound: the first syscall binds it
        linker = wasmtime.Linker(self.engine)
        define_closure_syscalls(linker, self.runtime)
        module = wasmtime.Module(self.engine, wasmtime.wat2wasm(program_wat(exports)))
        self.instance = linker.instantiate(self.store, module)
        self.exports = self.instance.exports(self.store)
        self.memory = self.exports["memory"] if exports else None

    def _call(self, name: str, *args: int) -> int:
        return self.exports[name](self.store, *map(as_i32, args))

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
