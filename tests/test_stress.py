"""High-frequency preparation: a million allocate/prepare/call/free cycles and 100,000 live
closures in one store, with memory bounded, through the Python API and through the WASIX
syscalls of a real C program. Each run is a fresh process so its RSS is its own."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cprograms import shared_programs

pytestmark = [
    pytest.mark.stress,  # deselected by the nox sessions: -m "not stress"
    pytest.mark.usefixtures("each_runtime_backend"),  # on the native core and the Python runtime
]

TESTS = Path(__file__).parent
CYCLES = 1_000_000
LIVE = 100_000
RSS_SLACK = 64 * 1024 * 1024  # RSS after the run within 64 MiB of RSS after 10,000 cycles


def _run(script: str, *args: object) -> dict:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(TESTS), os.environ.get("PYTHONPATH")])),
    }
    out = subprocess.run(
        [sys.executable, str(TESTS / script), *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout)


def _assert_bounded(figures: dict) -> None:
    assert figures["rss_after_cycles"] - figures["rss_at_checkpoint"] < RSS_SLACK, figures
    assert figures["rss_with_live"] - figures["rss_at_checkpoint"] < RSS_SLACK, figures


def test_a_million_cycles_through_the_python_api():
    figures = _run("stress_runtime.py", CYCLES, LIVE)
    assert figures["wrong_live_results"] == 0
    _assert_bounded(figures)


@pytest.fixture(scope="module")
def stress_program(tmp_path_factory) -> Path:
    return shared_programs(tmp_path_factory).path("closure_stress", "static")


def test_a_million_cycles_through_the_wasix_syscalls(stress_program):
    figures = _run("stress_wasix.py", stress_program, CYCLES, LIVE)
    assert figures["live_sum_ok"]
    _assert_bounded(figures)
