"""The native runtime's high-frequency case: 10,000,000 guest allocate/prepare/call/free cycles
through the WASIX syscalls of a real C program, in one store, with flat RSS (a fresh process)."""

from __future__ import annotations

import pytest
from cprograms import shared_programs
from test_stress import _assert_bounded, _run

from wasm_closures._runtime import backend as _runtime_backend

CYCLES = 10_000_000
LIVE = 100_000


@pytest.fixture(scope="module")
def stress_program(tmp_path_factory):
    return shared_programs(tmp_path_factory).path("closure_stress", "static")


def test_ten_million_guest_cycles_in_one_store_on_the_native_runtime(stress_program, monkeypatch):
    assert _runtime_backend.NATIVE is not None, _runtime_backend.NATIVE_UNAVAILABLE_REASON
    monkeypatch.delenv(_runtime_backend.ENV_VARIABLE, raising=False)
    figures = _run("stress_wasix.py", stress_program, CYCLES, LIVE)
    assert figures["backend"] == "native"
    assert figures["live_sum_ok"]
    _assert_bounded(figures)
