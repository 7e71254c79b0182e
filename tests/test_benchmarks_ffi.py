"""The FFI benchmark cases (``benchmarks/ffi_cases.py``) do what they claim. No timing is asserted."""

from __future__ import annotations

import os
import stat

import pytest

from wasm_closures.benchmarks import native, report, runner
from wasm_closures.benchmarks.cases import all_cases
from wasm_closures.benchmarks.ffi_cases import (
    CALL_DYNAMIC_ITERATIONS,
    LIBFFI_ITERATIONS,
    LIBFFI_LOOPS,
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
        "libffi-plain-ffi-call",
        "libffi-closure-call",
        "libffi-prep-closure",
        "libffi-closure-cycle",
        "libffi-native-ffi-call",
        "libffi-native-plain-ffi-call",
        "libffi-native-closure-call",
        "libffi-native-prep-closure",
        "libffi-native-closure-cycle",
    ]
    assert set(ids) <= set(CASES)
    assert not any("call-" in case_id for case_id in ids)  # `bench -k call-` selects the call group


@pytest.mark.parametrize("case_id", ["call_dynamic-guest", "call_dynamic-call_indirect"])
def test_call_dynamic_loops_compute_the_same(case_id):
    case = CASES[case_id]
    assert case.per_call == CALL_DYNAMIC_ITERATIONS
    n = CALL_DYNAMIC_ITERATIONS
    assert case.setup()() == n * (n + 1) // 2  # acc = add(acc, i) for i = n .. 1, from 0


SIDES = ["libffi", "libffi-native"]


def _case(group: str, name: str):
    case = CASES[f"{group}-{name}"]
    if case.unavailable:  # the native side, on a machine without a C compiler or libffi-dev
        pytest.skip(case.unavailable)
    return case


@pytest.mark.parametrize("group", SIDES)
@pytest.mark.parametrize("name", ["ffi-call", "plain-ffi-call", "closure-call"])
def test_libffi_calls_reach_the_function(group, name):
    n = LIBFFI_ITERATIONS
    assert _case(group, name).setup()() == _i32(n * (n + 1) // 2 + LIBFFI_ENV * n)


@pytest.mark.parametrize("group", SIDES)
@pytest.mark.parametrize("name", ["prep-closure", "closure-cycle"])
def test_libffi_closure_loops_prepare_every_closure(group, name):
    op = _case(group, name).setup()
    assert op() == LIBFFI_ITERATIONS  # closure-cycle: and each closure's call returned i + 1 + ENV
    assert op() == LIBFFI_ITERATIONS  # freed closures are reused: nothing runs out


def test_each_libffi_loop_has_its_native_anchor_and_the_report_its_ratio():
    assert {c.name for c in ffi_cases() if c.group == "libffi-native"} == {n for n, _, _ in LIBFFI_LOOPS}
    cases = [CASES["libffi-plain-ffi-call"], CASES["libffi-native-plain-ffi-call"]]
    if cases[1].unavailable:
        pytest.skip(cases[1].unavailable)
    results = runner.run_cases(cases, runner.DEFAULT.with_rounds(3))
    report.interleave_with_native(results, runner.DEFAULT.with_rounds(3))
    assert results[0].anchor_ratio is not None and results[0].anchor_ratio > 0
    figures = report.Figures(results)
    assert figures.ratios()["libffi_wasm_over_native"] == {"plain-ffi-call": results[0].anchor_ratio}
    [goal] = figures.targets()
    assert goal["goal"].startswith("libffi in wasm: ffi_call of a plain function")
    assert goal["measured"] == results[0].anchor_ratio


@pytest.fixture
def fresh_native(monkeypatch):
    native._library.cache_clear()
    yield monkeypatch
    native._library.cache_clear()


def test_without_a_c_compiler_the_native_rows_say_why(fresh_native):
    fresh_native.setattr(native, "compiler", lambda: None)
    reason = native.unavailable()
    assert reason is not None and "no C compiler" in reason
    [case] = [c for c in ffi_cases() if c.id == "libffi-native-closure-cycle"]
    assert case.unavailable == reason
    wasm = next(c for c in ffi_cases() if c.id == "libffi-closure-cycle")
    results = runner.run_cases([wasm, case], runner.DEFAULT.with_rounds(1))
    table = report.format_table(results)
    assert f"native: n/a ({reason})" in table
    [goal] = report.Figures(results).targets()
    assert goal["met"] is None and reason in goal["shown"]


def test_without_the_libffi_headers_the_native_rows_say_why(fresh_native, tmp_path):
    # A compiler that fails as gcc does when ffi.h is missing.
    fake = tmp_path / "cc"
    fake.write_text(
        "#!/bin/sh\necho 'libffi_guest.c:14:10: fatal error: ffi.h: No such file or directory' >&2\nexit 1\n"
    )
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    fresh_native.setenv("CC", os.fspath(fake))
    assert native.unavailable() == "the libffi headers (ffi.h) are missing: apt-get install libffi-dev"


def test_the_libffi_guest_ships_with_the_package():
    wasm = libffi_guest_wasm()
    assert wasm[:4] == b"\0asm"
    for name in (b"call_dynamic", b"closure_prepare", b"loop_ffi_call", b"loop_closure_cycle"):
        assert name in wasm
