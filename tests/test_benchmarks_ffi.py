"""The FFI benchmark cases (``benchmarks/ffi_cases.py``) do what they claim. No timing is asserted."""

from __future__ import annotations

import pytest

from wasm_closures.benchmarks.cases import all_cases
from wasm_closures.benchmarks.ffi_cases import (
    CALL_DYNAMIC_ITERATIONS,
    LIBFFI_ITERATIONS,
    ffi_cases,
    libffi_guest_wasm,
)

CASES = {case.id: case for case in all_cases()}
LIBFFI_ENV = 3  # what the guest's closure adds (libffi_guest.c)


def _i32(value: int) -> int:
    value &= 0xFFFF_FFFF
    return value - (1 << 32) if value >> 31 else value


def test_the_ffi_cases_are_in_the_list():
    ids = [case.id for case in ffi_cases()]
    assert ids == [
        "call_dynamic-guest",
        "call_dynamic-call_indirect",
        "libffi-ffi-call",
        "libffi-closure-call",
        "libffi-prep-closure",
    ]
    assert set(ids) <= set(CASES)
    assert not any("call-" in case_id for case_id in ids)  # `bench -k call-` selects the call group


@pytest.mark.parametrize("case_id", ["call_dynamic-guest", "call_dynamic-call_indirect"])
def test_call_dynamic_loops_compute_the_same(case_id):
    case = CASES[case_id]
    assert case.per_call == CALL_DYNAMIC_ITERATIONS
    n = CALL_DYNAMIC_ITERATIONS
    assert case.setup()() == n * (n + 1) // 2  # acc = add(acc, i) for i = n .. 1, from 0


@pytest.mark.parametrize("case_id", ["libffi-ffi-call", "libffi-closure-call"])
def test_libffi_calls_reach_the_closure(case_id):
    n = LIBFFI_ITERATIONS
    assert CASES[case_id].setup()() == _i32(n * (n + 1) // 2 + LIBFFI_ENV * n)


def test_libffi_prep_closure_prepares_every_closure():
    op = CASES["libffi-prep-closure"].setup()
    assert op() == LIBFFI_ITERATIONS
    assert op() == LIBFFI_ITERATIONS  # freed closures are reused: nothing runs out


def test_the_libffi_guest_ships_with_the_package():
    wasm = libffi_guest_wasm()
    assert wasm[:4] == b"\0asm"
    for name in (b"call_dynamic", b"closure_prepare", b"loop_ffi_call"):
        assert name in wasm
