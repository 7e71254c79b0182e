"""The standing fuzz target (tests/fuzz.py) on a short budget: no crash, no undocumented exception.

``WASM_CLOSURES_FUZZ_SECONDS`` sets the budget (default 40 s for all targets together, split
between the native runtime core and the pure-Python runtime: the child processes inherit
``WASM_CLOSURES_BACKEND``; the differential target runs both runtimes itself, so it runs in
the first half only); run ``python tests/fuzz.py --seconds 600`` for a longer session.
"""

from __future__ import annotations

import os
import random

import pytest
from cprograms import shared_programs
from fuzz import TARGETS, FuzzFinding, fuzz

SECONDS = float(os.environ.get("WASM_CLOSURES_FUZZ_SECONDS", "40"))
RUNTIMES = 2  # each_runtime_backend runs this module once per runtime


def test_hostile_modules_and_syscalls_never_crash_or_raise_undocumented_errors(
    tmp_path, tmp_path_factory, each_runtime_backend
):
    programs = shared_programs(tmp_path_factory)
    corpus = [
        str(programs.path("pie_plain", "pie")),
        str(programs.path("pie_plain", "pie-shared")),
        str(programs.path("closure_lifecycle", "static")),
        str(programs.path("hello_static", "static")),
    ]
    seed = random.randrange(2**32)
    targets = [t for t in TARGETS if t != "differential" or each_runtime_backend == "native"]
    try:
        totals = fuzz(targets, SECONDS / RUNTIMES, None, seed, tmp_path, corpus)
    except FuzzFinding as finding:
        replay = f"WASM_CLOSURES_BACKEND={each_runtime_backend} python tests/fuzz.py --seed {seed}"
        pytest.fail(f"fuzzing on the {each_runtime_backend} runtime ({replay}): {finding}")
    loader, syscalls, interrupts = totals["loader"], totals["syscalls"], totals["interrupts"]
    # The mutations reach every stage: refused bytes, refused programs, programs that ran.
    assert loader["load: InvalidModuleError"] and loader["load: LoadError"] and loader["ran"]
    assert syscalls["guest prepare: SUCCESS"] and syscalls["guest prepare: INVAL"]
    # Interrupts struck operations, and children forked at random points checked out.
    assert interrupts["interrupts"] >= 1000 and interrupts["forks"] and interrupts["bind: interrupted"]
    if "differential" in totals:  # both runtimes gave the same answers to every sequence
        assert totals["differential"]["cd: ok"] and totals["differential"]["iterations"]


def test_the_fuzzer_reports_a_batch_that_dies_by_a_signal(tmp_path):
    with pytest.raises(FuzzFinding, match="died by SIGABRT"):
        fuzz(["abort"], None, 1, 0, tmp_path)


def test_the_differential_target_fails_on_any_difference(tmp_path, monkeypatch):
    import fuzz as fuzz_module

    def diverging(ops, backend, engine, module):
        return [("cd", "ok", 0 if backend == "native" else 28), ("end", "same memory")]

    monkeypatch.setattr(fuzz_module, "_run_diff", diverging)
    with pytest.raises(AssertionError, match="the runtimes differ at step 0"):
        fuzz_module._fuzz_differential(random.Random(0), 1, tmp_path / "current")
