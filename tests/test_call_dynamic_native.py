"""``wasix_32v1.call_dynamic`` as the native runtime defines it (SPEC.md, "call_dynamic").

A guest calls functions of its table by index with their own signatures, the values packed
without alignment; v128 crosses natively. The pure-Python runtime's ``call_dynamic`` is
another module's (and its tests); these run on the native runtime.
"""

from __future__ import annotations

import struct

import pytest
import wasmtime

from wasm_closures import ClosureRuntime, Errno, _runtime_backend

VALUES, RESULTS, OUT = 1024, 2048, 256
ADD, MIXED, SWAP, TRAP, NOTHING, ALLOCATE, GROW, NULL_SLOT = range(1, 9)
TABLE_SIZE = 10

WAT = f"""
(module
  (import "wasix_32v1" "call_dynamic" (func $call_dynamic (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "wasix_32v1" "closure_allocate" (func $allocate (param i32) (result i32)))
  (memory (export "memory") 1)
  (table (export "__indirect_function_table") {TABLE_SIZE} funcref)
  (global (export "__stack_pointer") (mut i32) (i32.const 65536))
  (elem (i32.const {ADD}) $add $mixed $swap $trap $nothing $allocate_inside $grow)
  (func $add (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func $mixed (param i64 f32 f64) (result f64 i64)
    (f64.add (f64.promote_f32 (local.get 1)) (local.get 2))
    (i64.mul (local.get 0) (i64.const 2)))
  (func $swap (param v128) (result v128)
    (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get 0) (local.get 0)))
  (func $trap (unreachable))
  (func $nothing)
  (func $allocate_inside (result i32) (call $allocate (i32.const {OUT})))
  (func $grow (param i32) (result i32)
    (drop (memory.grow (i32.const 1)))
    (i32.add (local.get 0) (memory.size)))
  (func (export "call_dynamic") (param i32 i32 i32 i32 i32 i32) (result i32)
    (call $call_dynamic (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4) (local.get 5)))
)
"""


class Guest:
    def __init__(self) -> None:
        engine = wasmtime.Engine()
        self.store = wasmtime.Store(engine)
        self.runtime = ClosureRuntime(self.store)
        assert self.runtime.backend == "native", self.runtime.backend_reason
        linker = wasmtime.Linker(engine)
        self.runtime.define_wasix(linker)
        exports = linker.instantiate(self.store, wasmtime.Module(engine, wasmtime.wat2wasm(WAT))).exports(
            self.store
        )
        self.memory = exports["memory"]
        self._call = exports["call_dynamic"]

    def call(
        self, function: int, values: bytes, results_len: int, *, strict: bool = True, **lengths: int
    ) -> int:
        self.memory.write(self.store, values, VALUES)  # type: ignore[union-attr]
        self.memory.write(self.store, b"\xee" * 64, RESULTS)  # type: ignore[union-attr]
        values_len = lengths.get("values_len", len(values))
        return self._call(self.store, function, VALUES, values_len, RESULTS, results_len, int(strict))  # type: ignore[operator]

    def results(self, length: int) -> bytes:
        return bytes(self.memory.read(self.store, RESULTS, RESULTS + length))  # type: ignore[union-attr]


@pytest.fixture
def guest(monkeypatch) -> Guest:
    monkeypatch.delenv(_runtime_backend.ENV_VARIABLE, raising=False)
    return Guest()


def test_a_function_is_called_with_its_own_signature(guest):
    assert guest.call(ADD, struct.pack("<ii", 2, 40), 4) == Errno.SUCCESS
    assert guest.results(4) == struct.pack("<i", 42)


def test_mixed_types_are_packed_without_alignment(guest):
    values = struct.pack("<qfd", -21, 1.5, 2.25)  # 20 bytes: f64 at offset 12
    assert guest.call(MIXED, values, 16) == Errno.SUCCESS
    assert struct.unpack("<dq", guest.results(16)) == (3.75, -42)


def test_v128_crosses_natively(guest):
    values = bytes(range(16))
    assert guest.call(SWAP, values, 16) == Errno.SUCCESS
    assert guest.results(16) == bytes(range(8, 16)) + bytes(range(8))


def test_no_params_no_results(guest):
    assert guest.call(NOTHING, b"", 0) == Errno.SUCCESS


def test_strict_refuses_a_length_other_than_the_signature_s_before_the_call(guest):
    assert guest.call(ADD, struct.pack("<i", 2), 4) == Errno.INVAL
    assert guest.call(ADD, struct.pack("<iii", 2, 3, 4), 4) == Errno.INVAL
    assert guest.call(ADD, struct.pack("<ii", 2, 3), 8) == Errno.INVAL
    assert guest.results(4) == b"\xee" * 4  # nothing written
    assert guest.call(ALLOCATE, b"", 4, values_len=4) == Errno.INVAL
    assert guest.runtime.stats.allocations == 0  # refused before the call


def test_not_strict_reads_missing_values_as_zero_and_drops_results_that_do_not_fit(guest):
    assert guest.call(ADD, struct.pack("<i", 7), 4, strict=False) == Errno.SUCCESS
    assert guest.results(4) == struct.pack("<i", 7)
    assert guest.call(ADD, struct.pack("<ii", 2, 3) + b"\x01" * 8, 64, strict=False) == Errno.SUCCESS
    assert guest.results(5) == struct.pack("<i", 5) + b"\xee"
    values = struct.pack("<qfd", 5, 0.5, 0.5)
    assert guest.call(MIXED, values, 12, strict=False) == Errno.SUCCESS  # the i64 does not fit
    assert guest.results(16) == struct.pack("<d", 1.0) + b"\xee" * 8


@pytest.mark.parametrize("where", [1, 3])  # the values buffer, the results buffer
@pytest.mark.parametrize(
    ("pointer", "length"), [(65536 - 4, 5), (65536, 1), (0xFFFFFFFF, 1), (8, 0xFFFFFFFF)]
)
def test_a_buffer_outside_memory_is_memviolation(guest, where, pointer, length):
    args = [ADD, VALUES, 8, RESULTS, 4, 0]
    args[where : where + 2] = [pointer, length]
    signed = [a - (1 << 32) if a >> 31 else a for a in args]  # wasmtime-py takes i32 values
    assert guest._call(guest.store, *signed) == Errno.MEMVIOLATION


@pytest.mark.parametrize("function", [0, NULL_SLOT, TABLE_SIZE, 0x7FFFFFFF, -1])
def test_an_index_outside_the_table_or_a_null_slot_is_inval(guest, function):
    assert guest.call(function, b"", 0, strict=False) == Errno.INVAL


def test_a_trap_in_the_callee_stays_a_trap(guest):
    with pytest.raises(wasmtime.Trap, match="unreachable"):
        guest.call(TRAP, b"", 0)
    assert guest.call(ADD, struct.pack("<ii", 1, 1), 4) == Errno.SUCCESS  # the store is fine


def test_the_callee_may_use_the_closure_syscalls(guest):
    assert guest.call(ALLOCATE, b"", 4) == Errno.SUCCESS
    assert guest.results(4) == struct.pack("<i", Errno.SUCCESS)
    assert guest.runtime.stats.allocations == 1


def test_results_land_in_memory_the_callee_grew(guest):
    assert guest.call(GROW, struct.pack("<i", 100), 4) == Errno.SUCCESS
    assert guest.results(4) == struct.pack("<i", 102)  # two pages after the grow
