"""``wasix_32v1.call_dynamic`` driven from a WAT guest: the contract every implementation meets.

Semantics are Wasmer's (``lib/wasix/src/syscalls/wasix/call_dynamic.rs``; docs/spec.md): the
function's own signature comes from the table; arguments are read packed (no alignment,
little endian) from ``values`` one after another, results written packed to ``results``.
A value that does not fit in what is left of its buffer is zero / dropped without ``strict``
(the position stays, so a later smaller value may still fit). With ``strict``, a
``values_len`` other than the params' size is INVAL, checked before any argument is read (so
a mismatched length is INVAL even where the values are outside memory), and a ``results_len``
other than the results' size is INVAL after the call (the results that fit are written: docs/spec.md's rule,
where Wasmer's code answers SUCCESS if those happen to fill ``results_len``, e.g. 0). Only
bytes actually read or written
are bounds-checked (MEMVIOLATION). A bad index, a null slot or a reference-typed signature
is INVAL. A trap in the callee is the guest's trap.

The tests look only at what a guest sees: errnos, memory, and values checked inside wasm
(the callee records its arguments with stores; v128 never leaves wasm as a value).
Every argument of the syscall is an unsigned i32.
"""

from __future__ import annotations

import struct
from typing import Any

import pytest
import wasmtime

from wasm_closures import ClosureRuntime
from wasm_closures._runtime.strategies import TRAMPOLINE_OVERHEAD
from wasm_closures.errors import Errno
from wasm_closures.runtime import STRATEGIES

# Every test here runs on the native runtime core and on the pure-Python runtime.
pytestmark = pytest.mark.usefixtures("each_runtime_backend")

SUCCESS, INVAL, MEMVIOLATION = Errno.SUCCESS, Errno.INVAL, Errno.MEMVIOLATION
PAGE = 65536

# Table slots (slot 0 and NULL_SLOT stay null).
ADD, I64, F32, F64, V128, MIXED, NONE, TRAP, PAIR, COUNT, REENTER, REF, GROW, USE_CLOSURE, ADD_BACKING = (
    range(1, 16)
)
NULL_SLOT = 19
TABLE_SIZE = 20

# Memory layout of the guest.
VALUES = 256  # argument buffer the tests fill
RESULTS = 512  # result buffer
RECORD = 1024  # where MIXED stores the arguments it got
COUNTER = 2000  # incremented by NONE and COUNT
CLOSURE_OUT = 3000
TYPES = 3100  # i32 i32 | i32
NEST = 4096  # REENTER's buffers: 16 bytes per depth
SCRATCH = 8192  # USE_CLOSURE's buffer

V128_PARAM = bytes(range(16))
V128_ADDEND = struct.pack("<4I", 1, 2, 3, 0xFFFFFFFF)  # what V128 adds, lane by lane (i32x4)

WAT = f"""
(module
  (import "wasix_32v1" "call_dynamic" (func $call_dynamic (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "wasix_32v1" "closure_allocate" (func $allocate (param i32) (result i32)))
  (import "wasix_32v1" "closure_prepare" (func $prepare (param i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (import "wasix_32v1" "closure_free" (func $free (param i32) (result i32)))
  (memory (export "memory") 1)
  (table (export "__indirect_function_table") {TABLE_SIZE} funcref)
  (global (export "__stack_pointer") (mut i32) (i32.const {PAGE}))
  (elem (i32.const {ADD}) $add $i64 $f32 $f64 $v128 $mixed $none $trap $pair $count $reenter $ref $grow
    $use_closure $add_backing)
  (data (i32.const {TYPES}) "\\00\\00\\00")

  (func $add (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func $i64 (param i64) (result i64) (i64.xor (local.get 0) (i64.const 0x0123456789abcdef)))
  (func $f32 (param f32) (result f32) (f32.mul (local.get 0) (f32.const 2)))
  (func $f64 (param f64) (result f64) (f64.mul (local.get 0) (f64.const -4)))
  (func $v128 (param v128) (result v128)
    (i32x4.add (local.get 0) (v128.const i32x4 1 2 3 0xffffffff)))
  ;; Records its arguments packed at RECORD, returns them permuted, bits untouched.
  (func $mixed (param i32 i64 f32 f64 v128 i32) (result i64 v128 f64 i32 f32 i32)
    (i32.store (i32.const {RECORD}) (local.get 0))
    (i64.store (i32.const {RECORD + 4}) (local.get 1))
    (f32.store (i32.const {RECORD + 12}) (local.get 2))
    (f64.store (i32.const {RECORD + 16}) (local.get 3))
    (v128.store (i32.const {RECORD + 24}) (local.get 4))
    (i32.store (i32.const {RECORD + 40}) (local.get 5))
    (local.get 1) (local.get 4) (local.get 3) (local.get 5) (local.get 2) (local.get 0))
  (func $none (i32.store (i32.const {COUNTER}) (i32.add (i32.load (i32.const {COUNTER})) (i32.const 1))))
  (func $trap (unreachable))
  (func $pair (param i64 i32) (result i64 i32) (local.get 0) (local.get 1))
  (func $count (param i32) (result i32)
    (call $none)
    (i32.add (local.get 0) (i32.const 1000)))
  ;; reenter(n) = n == 0 ? 100 : add(reenter(n - 1), 1), both calls through call_dynamic.
  (func $reenter (param $n i32) (result i32) (local $buf i32) (local $err i32)
    (if (i32.eqz (local.get $n)) (then (return (i32.const 100))))
    (local.set $buf (i32.add (i32.const {NEST}) (i32.shl (local.get $n) (i32.const 4))))
    (i32.store (local.get $buf) (i32.sub (local.get $n) (i32.const 1)))
    (local.set $err (call $call_dynamic (i32.const {REENTER}) (local.get $buf) (i32.const 4)
      (i32.add (local.get $buf) (i32.const 4)) (i32.const 4) (i32.const 1)))
    (if (local.get $err) (then (return (i32.sub (i32.const 0) (local.get $err)))))
    ;; add(result, 1): the arguments are the 8 bytes from buf + 4
    (i32.store offset=8 (local.get $buf) (i32.const 1))
    (local.set $err (call $call_dynamic (i32.const {ADD}) (i32.add (local.get $buf) (i32.const 4)) (i32.const 8)
      (local.get $buf) (i32.const 4) (i32.const 1)))
    (if (local.get $err) (then (return (i32.sub (i32.const 0) (local.get $err)))))
    (i32.load (local.get $buf)))
  (func $ref (param funcref))
  (func $grow (result i32) (memory.grow (i32.const 1)))
  ;; Makes a closure (i32, i32) -> i32 over ADD_BACKING with env 5, calls it through
  ;; call_dynamic(20, 22) and frees it: 47, or 0x10000 + the first errno.
  (func $use_closure (result i32) (local $c i32) (local $err i32)
    (local.set $err (call $allocate (i32.const {CLOSURE_OUT})))
    (if (local.get $err) (then (return (i32.add (i32.const 0x10000) (local.get $err)))))
    (local.set $c (i32.load (i32.const {CLOSURE_OUT})))
    (local.set $err (call $prepare (i32.const {ADD_BACKING}) (local.get $c) (i32.const {TYPES}) (i32.const 2)
      (i32.const {TYPES + 2}) (i32.const 1) (i32.const 5)))
    (if (local.get $err) (then (return (i32.add (i32.const 0x10000) (local.get $err)))))
    (i32.store (i32.const {SCRATCH}) (i32.const 20))
    (i32.store (i32.const {SCRATCH + 4}) (i32.const 22))
    (local.set $err (call $call_dynamic (local.get $c) (i32.const {SCRATCH}) (i32.const 8)
      (i32.const {SCRATCH + 8}) (i32.const 4) (i32.const 1)))
    (if (local.get $err) (then (return (i32.add (i32.const 0x10000) (local.get $err)))))
    (local.set $err (call $free (local.get $c)))
    (if (local.get $err) (then (return (i32.add (i32.const 0x10000) (local.get $err)))))
    (i32.load (i32.const {SCRATCH + 8})))
  (func $add_backing (param $args i32) (param $res i32) (param $env i32)
    (i32.store (local.get $res)
      (i32.add (i32.add (i32.load (local.get $args)) (i32.load offset=4 (local.get $args))) (local.get $env))))

  (func (export "call_dynamic") (param i32 i32 i32 i32 i32 i32) (result i32)
    (call $call_dynamic (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4) (local.get 5)))
  ;; v128 checked inside wasm: 1 if call_dynamic(V128) of the bytes 0..15 succeeds and returns
  ;; them plus (1, 2, 3, -1) lane by lane.
  (func (export "check_v128") (result i32)
    (v128.store (i32.const {VALUES}) (v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15))
    (if (call $call_dynamic (i32.const {V128}) (i32.const {VALUES}) (i32.const 16)
          (i32.const {RESULTS}) (i32.const 16) (i32.const 1))
      (then (return (i32.const 0))))
    (i32.eqz (v128.any_true (v128.xor (v128.load (i32.const {RESULTS}))
      (i32x4.add (v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15)
                 (v128.const i32x4 1 2 3 0xffffffff))))))
  ;; call_dynamic(ADD, (i, i)) n times; the number that returned SUCCESS and 2i.
  (func (export "loop_add") (param $n i32) (result i32) (local $i i32) (local $ok i32)
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (i32.store (i32.const {VALUES}) (local.get $i))
      (i32.store (i32.const {VALUES + 4}) (local.get $i))
      (if (i32.eqz (call $call_dynamic (i32.const {ADD}) (i32.const {VALUES}) (i32.const 8)
            (i32.const {RESULTS}) (i32.const 4) (i32.const 1)))
        (then (if (i32.eq (i32.load (i32.const {RESULTS})) (i32.shl (local.get $i) (i32.const 1)))
          (then (local.set $ok (i32.add (local.get $ok) (i32.const 1)))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (local.get $ok))
  (func (export "run_ref") (param funcref) (call $ref (local.get 0)))
)
"""


def _i32(value: int) -> int:
    value &= 0xFFFF_FFFF
    return value - (1 << 32) if value >> 31 else value


class Guest:
    """The WAT guest in a fresh store, with the WASIX syscalls of a ClosureRuntime."""

    def __init__(self, strategy: str = "pooled", **runtime_options: Any) -> None:
        self.store = wasmtime.Store(wasmtime.Engine())
        # The runtime binds at the first syscall.
        self.runtime = ClosureRuntime(self.store, strategy=strategy, **runtime_options)
        linker = wasmtime.Linker(self.store.engine)
        self.runtime.define_wasix(linker)
        module = wasmtime.Module(self.store.engine, wasmtime.wat2wasm(WAT))
        self.instance = linker.instantiate(self.store, module)
        self.exports = self.instance.exports(self.store)
        self.memory = self.exports["memory"]

    def call_dynamic(
        self, function_id: int, values: int = VALUES, values_len: int = 0, results: int = RESULTS,
        results_len: int = 0, strict: int = 1,
    ) -> int:  # fmt: skip
        args = (function_id, values, values_len, results, results_len, strict)
        return self.exports["call_dynamic"](self.store, *map(_i32, args))

    def call(self, name: str, *args: int) -> int:
        return self.exports[name](self.store, *args)

    def read(self, offset: int, length: int) -> bytes:
        return self.memory.read(self.store, offset, offset + length)

    def write(self, offset: int, data: bytes) -> None:
        self.memory.write(self.store, data, offset)

    def counter(self) -> int:
        return struct.unpack("<I", self.read(COUNTER, 4))[0]


@pytest.fixture(params=STRATEGIES)
def guest(request: pytest.FixtureRequest) -> Guest:
    return Guest(request.param)


# --- every value type -------------------------------------------------------------------------


def test_i32(guest: Guest) -> None:
    guest.write(VALUES, struct.pack("<iI", -5, 0xFFFFFFFF))
    assert guest.call_dynamic(ADD, VALUES, 8, RESULTS, 4) == SUCCESS
    assert struct.unpack("<i", guest.read(RESULTS, 4))[0] == -6


def test_i64(guest: Guest) -> None:
    guest.write(VALUES, struct.pack("<Q", 0xFEDCBA9876543210))
    assert guest.call_dynamic(I64, VALUES, 8, RESULTS, 8) == SUCCESS
    assert struct.unpack("<Q", guest.read(RESULTS, 8))[0] == 0xFEDCBA9876543210 ^ 0x0123456789ABCDEF


def test_f32(guest: Guest) -> None:
    guest.write(VALUES, struct.pack("<f", -1.25))
    assert guest.call_dynamic(F32, VALUES, 4, RESULTS, 4) == SUCCESS
    assert guest.read(RESULTS, 4) == struct.pack("<f", -2.5)


def test_f64(guest: Guest) -> None:
    guest.write(VALUES, struct.pack("<d", 1e300))
    assert guest.call_dynamic(F64, VALUES, 8, RESULTS, 8) == SUCCESS
    assert guest.read(RESULTS, 8) == struct.pack("<d", -4e300)


def test_v128_checked_inside_wasm(guest: Guest) -> None:
    assert guest.call("check_v128") == 1


def test_v128_bytes(guest: Guest) -> None:
    guest.write(VALUES, V128_PARAM)
    assert guest.call_dynamic(V128, VALUES, 16, RESULTS, 16) == SUCCESS
    lanes = [
        (a + b) & 0xFFFFFFFF
        for a, b in zip(struct.unpack("<4I", V128_PARAM), struct.unpack("<4I", V128_ADDEND), strict=True)
    ]
    assert guest.read(RESULTS, 16) == struct.pack("<4I", *lanes)


# (i32, i64, f32, f64, v128, i32) with bit patterns a conversion would change: NaN payloads,
# a negative zero, all-ones.
MIXED_ARGS = [
    struct.pack("<I", 0x80000001),
    struct.pack("<Q", 0xFFFFFFFFFFFFFFFF),
    struct.pack("<I", 0x7FA00001),  # a signalling f32 NaN with a payload
    struct.pack("<Q", 0x7FF4000000000001),  # a signalling f64 NaN with a payload
    bytes(range(0xF0, 0x100)),
    struct.pack("<d", -0.0)[4:],  # 0x80000000
]
MIXED_VALUES = b"".join(MIXED_ARGS)  # 44 bytes
MIXED_RESULTS = b"".join(MIXED_ARGS[i] for i in (1, 4, 3, 5, 2, 0))  # (i64 v128 f64 i32 f32 i32)


def test_mixed_signature_packed_and_bit_exact(guest: Guest) -> None:
    guest.write(VALUES, MIXED_VALUES)
    assert guest.call_dynamic(MIXED, VALUES, 44, RESULTS, 44) == SUCCESS
    assert guest.read(RECORD, 44) == MIXED_VALUES  # what the callee got, stored by the callee
    assert guest.read(RESULTS, 44) == MIXED_RESULTS


def test_unaligned_buffers(guest: Guest) -> None:
    guest.write(VALUES + 3, MIXED_VALUES)
    assert guest.call_dynamic(MIXED, VALUES + 3, 44, RESULTS + 1, 44) == SUCCESS
    assert guest.read(RECORD, 44) == MIXED_VALUES
    assert guest.read(RESULTS + 1, 44) == MIXED_RESULTS


def test_no_params_no_results_reads_and_writes_nothing(guest: Guest) -> None:
    # Pointers outside memory are fine when nothing is read or written.
    assert guest.call_dynamic(NONE, 0xFFFFFFFF, 0, 0xFFFFFFFF, 0) == SUCCESS
    assert guest.call_dynamic(NONE, 0, 0, 0, 0, strict=0) == SUCCESS
    assert guest.counter() == 2


def test_results_do_not_touch_bytes_around_them(guest: Guest) -> None:
    guest.write(RESULTS - 4, b"\xaa" * 12)
    guest.write(VALUES, struct.pack("<ii", 1, 2))
    assert guest.call_dynamic(ADD, VALUES, 8, RESULTS, 4) == SUCCESS
    assert guest.read(RESULTS - 4, 12) == b"\xaa" * 4 + struct.pack("<i", 3) + b"\xaa" * 4


# --- strict -------------------------------------------------------------------------------------


@pytest.mark.parametrize("values_len", [0, 4, 7, 9, 12, 0xFFFFFFFF])
def test_strict_values_len_mismatch_is_inval(guest: Guest, values_len: int) -> None:
    guest.write(RESULTS, b"\xee" * 4)
    assert guest.call_dynamic(ADD, VALUES, values_len, RESULTS, 4) == INVAL
    assert guest.read(RESULTS, 4) == b"\xee" * 4


@pytest.mark.parametrize("values_len", [4, 12])
def test_strict_values_len_mismatch_is_inval_before_reading_outside_memory(
    guest: Guest, values_len: int
) -> None:
    assert guest.call_dynamic(ADD, PAGE, values_len, RESULTS, 4) == INVAL
    assert guest.call_dynamic(ADD, PAGE, 8, RESULTS, 4) == MEMVIOLATION  # the length matches


def test_strict_short_values_does_not_call(guest: Guest) -> None:
    assert guest.call_dynamic(COUNT, VALUES, 3, RESULTS, 4) == INVAL
    assert guest.call_dynamic(COUNT, VALUES, 5, RESULTS, 4) == INVAL
    assert guest.counter() == 0


@pytest.mark.parametrize("results_len", [0, 3, 5, 8])
def test_strict_results_len_mismatch_is_inval_after_the_call(guest: Guest, results_len: int) -> None:
    guest.write(VALUES, struct.pack("<i", 7))
    guest.write(RESULTS, b"\xee" * 8)
    assert guest.call_dynamic(COUNT, VALUES, 4, RESULTS, results_len) == INVAL
    assert guest.counter() == 1  # the callee ran
    written = struct.pack("<i", 1007) if results_len >= 4 else b""  # results that fit are written
    assert guest.read(RESULTS, 8) == written + b"\xee" * (8 - len(written))


def test_strict_results_in_order_until_one_does_not_fit(guest: Guest) -> None:
    # PAIR returns (i64, i32); 4 bytes: the i64 does not fit, then the i32 is written at offset 0,
    # and 4 bytes written for 12 bytes of results is INVAL.
    guest.write(VALUES, struct.pack("<QI", 0x1122334455667788, 0x99AABBCC))
    guest.write(RESULTS, b"\xee" * 12)
    assert guest.call_dynamic(PAIR, VALUES, 12, RESULTS, 4) == INVAL
    assert guest.read(RESULTS, 12) == struct.pack("<I", 0x99AABBCC) + b"\xee" * 8


# --- non-strict ---------------------------------------------------------------------------------


def test_nonstrict_missing_arguments_are_zero(guest: Guest) -> None:
    guest.write(VALUES, struct.pack("<ii", 41, 99))
    assert guest.call_dynamic(ADD, VALUES, 4, RESULTS, 4, strict=0) == SUCCESS
    assert struct.unpack("<i", guest.read(RESULTS, 4))[0] == 41
    assert guest.call_dynamic(ADD, VALUES, 0, RESULTS, 4, strict=0) == SUCCESS
    assert struct.unpack("<i", guest.read(RESULTS, 4))[0] == 0
    assert guest.call_dynamic(ADD, VALUES, 7, RESULTS, 4, strict=0) == SUCCESS  # 3 bytes left: zero
    assert struct.unpack("<i", guest.read(RESULTS, 4))[0] == 41


def test_nonstrict_arguments_walk_as_wasmer(guest: Guest) -> None:
    # PAIR takes (i64, i32). With 4 bytes the i64 does not fit (zero, the position stays at
    # 0) and the i32 then reads those 4 bytes.
    guest.write(VALUES, struct.pack("<I", 0xCAFEF00D))
    assert guest.call_dynamic(PAIR, VALUES, 4, RESULTS, 12, strict=0) == SUCCESS
    assert guest.read(RESULTS, 12) == struct.pack("<QI", 0, 0xCAFEF00D)
    # Every v128 byte missing: zero.
    guest.write(VALUES, b"\xff" * 16)
    assert guest.call_dynamic(V128, VALUES, 15, RESULTS, 16, strict=0) == SUCCESS
    assert guest.read(RESULTS, 16) == V128_ADDEND


def test_nonstrict_longer_values_are_ignored_and_not_checked(guest: Guest) -> None:
    at = PAGE - 8
    guest.write(at, struct.pack("<ii", 2, 3))
    assert guest.call_dynamic(ADD, at, 0xFFFFFFFF, RESULTS, 4, strict=0) == SUCCESS
    assert struct.unpack("<i", guest.read(RESULTS, 4))[0] == 5


def test_nonstrict_results_that_do_not_fit_are_dropped(guest: Guest) -> None:
    guest.write(VALUES, struct.pack("<QI", 0x1122334455667788, 0x99AABBCC))
    guest.write(RESULTS, b"\xee" * 16)
    assert guest.call_dynamic(PAIR, VALUES, 12, RESULTS, 11, strict=0) == SUCCESS
    assert guest.read(RESULTS, 16) == struct.pack("<Q", 0x1122334455667788) + b"\xee" * 8
    assert guest.call_dynamic(PAIR, VALUES, 12, RESULTS, 4, strict=0) == SUCCESS  # i64 dropped, i32 at 0
    assert guest.read(RESULTS, 16) == struct.pack("<I", 0x99AABBCC) + b"\x44\x33\x22\x11" + b"\xee" * 8


def test_nonstrict_longer_results_leave_the_rest(guest: Guest) -> None:
    guest.write(VALUES, struct.pack("<ii", 2, 3))
    guest.write(RESULTS, b"\xee" * 8)
    assert guest.call_dynamic(ADD, VALUES, 8, RESULTS, 0xFFFFFFFF, strict=0) == SUCCESS
    assert guest.read(RESULTS, 8) == struct.pack("<i", 5) + b"\xee" * 4


# --- memory -------------------------------------------------------------------------------------


@pytest.mark.parametrize("values", [PAGE - 4, PAGE - 7, PAGE, 0x80000000, 0xFFFFFFFF, 0xFFFFFFFC], ids=hex)
def test_values_outside_memory(guest: Guest, values: int) -> None:
    assert guest.call_dynamic(COUNT, RESULTS, 4, RESULTS, 4) == SUCCESS  # a baseline call
    assert guest.call_dynamic(ADD, values, 8, RESULTS, 4) == MEMVIOLATION
    assert guest.call_dynamic(ADD, values, 8, RESULTS, 4, strict=0) == MEMVIOLATION
    assert guest.counter() == 1  # never called with bad arguments


def test_values_read_one_by_one(guest: Guest) -> None:
    # Non-strict with 4 bytes at the very end: the first i32 is read, the second is zero.
    guest.write(PAGE - 4, struct.pack("<i", 9))
    assert guest.call_dynamic(ADD, PAGE - 4, 4, RESULTS, 4, strict=0) == SUCCESS
    assert struct.unpack("<i", guest.read(RESULTS, 4))[0] == 9


@pytest.mark.parametrize("results", [PAGE - 3, PAGE, 0x80000000, 0xFFFFFFFF], ids=hex)
def test_results_outside_memory_after_the_call(guest: Guest, results: int) -> None:
    guest.write(VALUES, struct.pack("<i", 1))
    assert guest.call_dynamic(COUNT, VALUES, 4, results, 4) == MEMVIOLATION
    assert guest.call_dynamic(COUNT, VALUES, 4, results, 4, strict=0) == MEMVIOLATION
    assert guest.counter() == 2  # the callee ran both times


def test_results_written_before_the_one_outside_memory(guest: Guest) -> None:
    guest.write(VALUES, struct.pack("<QI", 0x1122334455667788, 7))
    at = PAGE - 10  # the i64 fits in memory, the i32 after it does not
    assert guest.call_dynamic(PAIR, VALUES, 12, at, 12) == MEMVIOLATION
    assert guest.read(at, 8) == struct.pack("<Q", 0x1122334455667788)


def test_results_after_the_callee_grew_memory(guest: Guest) -> None:
    # PAGE is outside memory when the call starts, inside once GROW has run.
    assert guest.call_dynamic(GROW, 0, 0, PAGE, 4) == SUCCESS
    assert struct.unpack("<i", guest.read(PAGE, 4))[0] == 1  # the page count before growing


# --- the function -------------------------------------------------------------------------------


@pytest.mark.parametrize("function_id", [0, NULL_SLOT, TABLE_SIZE, 12345, 0x80000000, 0xFFFFFFFF], ids=hex)
def test_null_or_outside_the_table_is_inval(guest: Guest, function_id: int) -> None:
    assert guest.call_dynamic(function_id, VALUES, 0, RESULTS, 0, strict=0) == INVAL
    assert guest.call_dynamic(function_id, 0xFFFFFFFF, 8, 0xFFFFFFFF, 8) == INVAL  # before any memory check


def test_reference_typed_function_is_inval(guest: Guest) -> None:
    assert guest.call_dynamic(REF, VALUES, 4, RESULTS, 0, strict=0) == INVAL
    assert guest.call_dynamic(REF, VALUES, 0, RESULTS, 0, strict=0) == INVAL


def test_trap_in_the_callee_is_the_guests_trap(guest: Guest) -> None:
    with pytest.raises(wasmtime.Trap) as caught:
        guest.call_dynamic(TRAP)
    assert caught.value.trap_code == wasmtime.TrapCode.UNREACHABLE
    # The syscall is still usable afterwards.
    guest.write(VALUES, struct.pack("<ii", 20, 22))
    assert guest.call_dynamic(ADD, VALUES, 8, RESULTS, 4) == SUCCESS
    assert struct.unpack("<i", guest.read(RESULTS, 4))[0] == 42


def test_the_table_is_read_at_each_call(guest: Guest) -> None:
    table = guest.exports["__indirect_function_table"]
    guest.write(VALUES, struct.pack("<ii", 2, 3))
    assert guest.call_dynamic(NULL_SLOT, VALUES, 8, RESULTS, 4) == INVAL
    table.set(guest.store, NULL_SLOT, table.get(guest.store, ADD))
    assert guest.call_dynamic(NULL_SLOT, VALUES, 8, RESULTS, 4) == SUCCESS
    assert struct.unpack("<i", guest.read(RESULTS, 4))[0] == 5
    table.set(guest.store, NULL_SLOT, table.get(guest.store, I64))  # another signature now
    assert guest.call_dynamic(NULL_SLOT, VALUES, 8, RESULTS, 4) == INVAL  # strict: 4 bytes for an i64
    assert guest.call_dynamic(NULL_SLOT, VALUES, 8, RESULTS, 8) == SUCCESS
    assert struct.unpack("<Q", guest.read(RESULTS, 8))[0] == 0x0000000300000002 ^ 0x0123456789ABCDEF


# --- re-entrancy and closures ------------------------------------------------------------------


@pytest.mark.parametrize("depth", [0, 1, 5, 30])
def test_reentrant_calls(guest: Guest, depth: int) -> None:
    guest.write(VALUES, struct.pack("<i", depth))
    assert guest.call_dynamic(REENTER, VALUES, 4, RESULTS, 4) == SUCCESS
    assert struct.unpack("<i", guest.read(RESULTS, 4))[0] == 100 + depth


def test_callee_uses_the_closure_syscalls(guest: Guest) -> None:
    assert guest.call_dynamic(USE_CLOSURE, 0, 0, RESULTS, 4) == SUCCESS
    assert struct.unpack("<i", guest.read(RESULTS, 4))[0] == 47
    assert guest.runtime.stats.live == 0


def test_calls_a_closure(guest: Guest) -> None:
    guest.runtime.bind_exports(guest.instance)  # no syscall has bound it yet
    closure = guest.runtime.allocate()
    guest.runtime.prepare(closure, ADD_BACKING, "(i32, i32) -> i32", env=1000)
    guest.write(VALUES, struct.pack("<ii", 1, 2))
    assert guest.call_dynamic(closure, VALUES, 8, RESULTS, 4) == SUCCESS
    assert struct.unpack("<i", guest.read(RESULTS, 4))[0] == 1003
    guest.runtime.free(closure)
    assert guest.call_dynamic(closure, VALUES, 8, RESULTS, 4) == INVAL  # a freed closure is a null slot


def test_many_calls_from_the_guest(guest: Guest) -> None:
    # More calls than a store has instances (10,000): nothing is instantiated per call.
    assert guest.call("loop_add", 12000) == 12000


def test_two_stores_each_call_their_own_table() -> None:
    first, second = Guest(), Guest()
    table = second.exports["__indirect_function_table"]
    table.set(second.store, NULL_SLOT, table.get(second.store, F32))
    first.write(VALUES, struct.pack("<ii", 2, 3))
    second.write(VALUES, struct.pack("<f", 4.0))
    assert first.call_dynamic(NULL_SLOT, VALUES, 8, RESULTS, 4) == INVAL
    assert second.call_dynamic(NULL_SLOT, VALUES, 4, RESULTS, 4) == SUCCESS
    assert second.read(RESULTS, 4) == struct.pack("<f", 8.0)
    assert first.call_dynamic(ADD, VALUES, 8, RESULTS, 4) == SUCCESS
    assert struct.unpack("<i", first.read(RESULTS, 4))[0] == 5


def test_a_store_without_its_own_runtime_gets_notsup() -> None:
    # The linker's syscalls serve the runtime's store; a program instantiated into another
    # store through the same linker gets NOTSUP rather than the first program's table.
    engine = wasmtime.Engine()
    store = wasmtime.Store(engine)
    linker = wasmtime.Linker(engine)
    ClosureRuntime(store).define_wasix(linker)
    module = wasmtime.Module(engine, wasmtime.wat2wasm(WAT))
    other = wasmtime.Store(engine)
    exports = linker.instantiate(other, module).exports(other)
    assert exports["call_dynamic"](other, ADD, VALUES, 0, RESULTS, 0, 0) == Errno.NOTSUP


# --- this implementation ------------------------------------------------------------------------


# Only on the Python runtime: the budget bounds the Python call_dynamic's per-signature caller
# modules; the native core instantiates nothing per signature (it calls the function directly).
@pytest.mark.parametrize("each_runtime_backend", ["python"], indirect=True)
def test_past_the_signature_budget_is_nomem(monkeypatch: pytest.MonkeyPatch) -> None:
    # Python's call_dynamic instantiates one caller module per signature and store, and bounds
    # how many (a store refuses its 10,001st instance): past the bound a new signature is NOMEM.
    from wasm_closures._runtime import call_dynamic

    monkeypatch.setattr(call_dynamic, "MAX_CALLER_SIGNATURES", 2)
    guest = Guest()
    assert guest.runtime.backend == "python"
    guest.write(VALUES, struct.pack("<ii", 2, 3))
    assert guest.call_dynamic(ADD, VALUES, 8, RESULTS, 4) == SUCCESS
    assert guest.call_dynamic(I64, VALUES, 8, RESULTS, 8) == SUCCESS
    assert guest.call_dynamic(F32, VALUES, 4, RESULTS, 4) == Errno.NOMEM
    assert guest.call_dynamic(ADD, VALUES, 8, RESULTS, 4) == SUCCESS  # known signatures still work


@pytest.mark.parametrize("each_runtime_backend", ["python"], indirect=True)
@pytest.mark.parametrize("strategy", STRATEGIES)
def test_caller_modules_spend_the_compile_budget(strategy: str) -> None:
    # Each new signature's caller module is compiled code a guest makes the runtime compile:
    # it weighs what one trampoline of the signature does, once per runtime and signature.
    add, i64 = 2 + 1 + TRAMPOLINE_OVERHEAD, 1 + 1 + TRAMPOLINE_OVERHEAD
    guest = Guest(strategy, compile_budget=add + i64)
    assert guest.runtime.backend == "python"
    guest.write(VALUES, struct.pack("<ii", 2, 3))
    assert guest.call_dynamic(ADD, VALUES, 8, RESULTS, 4) == SUCCESS
    assert guest.call_dynamic(I64, VALUES, 8, RESULTS, 8) == SUCCESS
    assert guest.call_dynamic(F32, VALUES, 4, RESULTS, 4) == Errno.NOMEM  # would spend 10 more
    assert guest.call_dynamic(ADD, VALUES, 8, RESULTS, 4) == SUCCESS  # already paid for
    assert struct.unpack("<i", guest.read(RESULTS, 4)) == (5,)
