"""Time the benchmark cases with a plain ``perf_counter_ns`` loop.

Per case: ``setup()``, a warmup that also estimates the cost of one call, then timed rounds.
A round is a batch of calls sized to last about ``Settings.batch_time``, so sub-µs operations
are timed over many calls; the garbage collector stays on, as in pytest-benchmark. One-shot
cases get a fresh ``setup()`` (untimed) before each single timed call; a self-timed one-shot case
returns the time to record itself. Rounds continue until
``case_time`` has passed and at least ``min_rounds`` were taken (at most ``max_rounds``).
A case's figures are the median, 10th and 90th percentiles over its rounds of
the time per operation (a round's time divided by its calls and by ``Case.per_call``).

Cases timed one after another each see whatever else the machine does at their moment, which
on a shared machine can move a case's ratio to an anchor by 2x. For the ratios that targets
are set on, ``measure_against_anchor`` times the cases and their anchor in alternation, one
batch each per round, and takes the median of the per-round ratios.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import repeat
from typing import Any, TextIO

from .case import Case


@dataclass(frozen=True)
class Settings:
    """How long and how often to time each case."""

    mode: str
    case_time: float
    """Seconds of timed rounds per case (setup of one-shot rounds included)."""
    warmup_time: float
    """Seconds of untimed calls before the timed rounds (at least one call)."""
    batch_time: float
    """Target duration of one timed round: calls per round = batch_time / estimated call time."""
    min_rounds: int
    max_rounds: int
    anchor_rounds: int
    """Rounds of ``measure_against_anchor`` (each times every case and the anchor once)."""

    def with_rounds(self, rounds: int) -> Settings:
        """Exactly ``rounds`` single-call rounds, no warmup beyond one call: a smoke run."""
        return Settings(
            f"smoke: {rounds} round{'' if rounds == 1 else 's'} a case, not a measurement",
            0.0,
            0.0,
            0.0,
            rounds,
            rounds,
            rounds,
        )


QUICK = Settings(
    "quick",
    case_time=0.18,
    warmup_time=0.02,
    batch_time=0.002,
    min_rounds=5,
    max_rounds=300,
    anchor_rounds=10,
)
DEFAULT = Settings(
    "default",
    case_time=1.5,
    warmup_time=0.2,
    batch_time=0.005,
    min_rounds=15,
    max_rounds=5000,
    anchor_rounds=40,
)


@dataclass
class Result:
    """The figures of one case, in nanoseconds per operation (``None`` if it did not run)."""

    case: Case
    median_ns: float | None = None
    p10_ns: float | None = None
    p90_ns: float | None = None
    rounds: int = 0
    calls_per_round: int = 0
    calls: int = 0
    seconds: float = 0.0
    error: str | None = None
    anchor_ratio: float | None = None
    """Median per-round ratio to an anchor timed in alternation (``measure_against_anchor``)."""

    @property
    def ok(self) -> bool:
        return self.median_ns is not None

    def as_dict(self) -> dict[str, Any]:
        c = self.case
        return {
            "id": c.id,
            "group": c.group,
            "name": c.name,
            "param": c.param,
            "description": c.description,
            "one_shot": c.one_shot,
            "per_call": c.per_call,
            "unit": "ns per operation",
            "median_ns": self.median_ns,
            "p10_ns": self.p10_ns,
            "p90_ns": self.p90_ns,
            "rounds": self.rounds,
            "calls_per_round": self.calls_per_round,
            "calls": self.calls,
            "seconds": round(self.seconds, 4),
            "anchor_ratio": self.anchor_ratio,
            "unavailable": c.unavailable,
            "error": self.error,
        }


def percentile(sorted_values: Sequence[float], q: float) -> float:
    """The ``q`` quantile (0..1) of sorted values, interpolating linearly."""
    if not sorted_values:
        raise ValueError("no values")
    position = (len(sorted_values) - 1) * q
    low = int(position)
    high = min(low + 1, len(sorted_values) - 1)
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (position - low)


def _timed_batch(op: Callable[[], object], calls: int) -> int:
    start = time.perf_counter_ns()
    for _ in repeat(None, calls):
        op()
    return time.perf_counter_ns() - start


def measure(case: Case, settings: Settings) -> Result:
    """Time one case; failures are recorded in ``Result.error``, never raised."""
    result = Result(case)
    if case.unavailable:
        return result
    started = time.perf_counter()
    try:
        samples = (
            _measure_one_shot(case, settings, result)
            if case.one_shot
            else _measure_batched(case, settings, result)
        )
    except Exception as exc:  # a broken case must not stop the others
        result.error = f"{type(exc).__name__}: {exc}"
        result.seconds = time.perf_counter() - started
        return result
    samples.sort()
    result.median_ns = percentile(samples, 0.5)
    result.p10_ns = percentile(samples, 0.1)
    result.p90_ns = percentile(samples, 0.9)
    result.rounds = len(samples)
    result.seconds = time.perf_counter() - started
    return result


def _measure_batched(case: Case, settings: Settings, result: Result) -> list[float]:
    op = case.setup()
    # Warmup, which also estimates the cost of one call.
    calls, elapsed = 0, 0
    deadline = time.perf_counter_ns() + int(settings.warmup_time * 1e9)
    while True:
        elapsed += _timed_batch(op, 1)
        calls += 1
        if time.perf_counter_ns() >= deadline:
            break
    per_call_ns = max(elapsed / calls, 1.0)
    batch = max(1, min(1_000_000, int(settings.batch_time * 1e9 / per_call_ns)))
    samples: list[float] = []
    deadline = time.perf_counter_ns() + int(settings.case_time * 1e9)
    divisor = batch * case.per_call
    while len(samples) < settings.max_rounds and (
        len(samples) < settings.min_rounds or time.perf_counter_ns() < deadline
    ):
        samples.append(_timed_batch(op, batch) / divisor)
    result.calls_per_round = batch
    result.calls = calls + batch * len(samples)
    return samples


def _measure_one_shot(case: Case, settings: Settings, result: Result) -> list[float]:
    _timed_batch(case.setup(), 1)  # warmup: imports, first-use paths
    samples: list[float] = []
    deadline = time.perf_counter_ns() + int(settings.case_time * 1e9)
    while len(samples) < settings.max_rounds and (
        len(samples) < settings.min_rounds or time.perf_counter_ns() < deadline
    ):
        op = case.setup()
        samples.append((op() if case.self_timed else _timed_batch(op, 1)) / case.per_call)
        del op
    result.calls_per_round = 1
    result.calls = 1 + len(samples)
    return samples


def format_ns(ns: float | None) -> str:
    """``812 ns``, ``1.23 µs``, ``4.5 ms``: three significant digits."""
    if ns is None:
        return "-"
    unit, value = next(
        ((unit, ns / scale) for unit, scale in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)) if ns >= scale),
        ("ns", ns),
    )
    digits = 2 if value < 10 else 1 if value < 100 else 0
    return f"{value:.{digits}f} {unit}"


class Progress:
    """One line per case on ``stream`` (stderr); on a terminal, a line that updates in place."""

    def __init__(self, total: int, stream: TextIO | None = None) -> None:
        self.total = total
        self.stream = stream if stream is not None else sys.stderr
        self.done = 0
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())

    def start(self, case: Case) -> None:
        if self.tty:
            self.stream.write(f"\r\033[K[{self.done + 1}/{self.total}] {case.id} ...")
            self.stream.flush()

    def finish(self, result: Result) -> None:
        self.done += 1
        if result.case.unavailable:
            status = f"skipped ({result.case.unavailable})"
        elif result.error:
            status = f"FAILED: {result.error}"
        else:
            status = f"{format_ns(result.median_ns)} (p10 {format_ns(result.p10_ns)}, p90 {format_ns(result.p90_ns)}, {result.rounds} round{'' if result.rounds == 1 else 's'})"
        prefix = "\r\033[K" if self.tty else ""
        self.stream.write(f"{prefix}[{self.done}/{self.total}] {result.case.id}: {status}\n")
        self.stream.flush()


def measure_against_anchor(subjects: Sequence[Result], anchor: Result, settings: Settings) -> None:
    """Set each subject's ``anchor_ratio``: its cost over the anchor's, timed in alternation.

    Every round times one batch of the anchor, then one of each subject (batches of the sizes
    their own measurement chose), so both sides of each ratio see the same load. Subjects
    and anchors that did not run, or are one-shot, are left alone.
    """
    timed = [r for r in subjects if r.ok and not r.case.one_shot]
    if not timed or not anchor.ok or anchor.case.one_shot:
        return
    ops = [(r, r.case.setup(), max(1, r.calls_per_round)) for r in (anchor, *timed)]
    for _, op, calls in ops:
        _timed_batch(op, calls)  # warmup
    ratios: list[list[float]] = [[] for _ in timed]
    for _ in range(settings.anchor_rounds):
        anchor_ns, *subject_ns = (_timed_batch(op, calls) / (calls * r.case.per_call) for r, op, calls in ops)
        for samples, ns in zip(ratios, subject_ns, strict=True):
            samples.append(ns / anchor_ns)
    for result, samples in zip(timed, ratios, strict=True):
        result.anchor_ratio = percentile(sorted(samples), 0.5)


def run_cases(cases: Iterable[Case], settings: Settings, progress: Progress | None = None) -> list[Result]:
    """Measure ``cases`` in order."""
    results = []
    for case in cases:
        if progress is not None:
            progress.start(case)
        result = measure(case, settings)
        if progress is not None:
            progress.finish(result)
        results.append(result)
    return results
