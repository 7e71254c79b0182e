"""Turn benchmark results into the text table, ``benchmarks.json`` and ``benchmarks.png``."""

from __future__ import annotations

import datetime
import importlib.metadata
import json
import os
import platform
from collections.abc import Sequence
from pathlib import Path
from typing import Any, cast

from ..encoder import available_backends
from .cases import CALL_ITERATIONS, COMPILE_ANCHOR_PARAMS, CYCLE_PARAMS, PARAMS
from .runner import Result, Settings, format_ns, measure_against_anchor
from .startup_cases import FIRST_PREPARE_PARAMS, startup_program

JSON_NAME = "benchmarks.json"
PNG_NAME = "benchmarks.png"
SCHEMA = 1
PLOT_HINT = "the plot needs matplotlib: pip install 'wasm-closures[bench]'"


def _version(distribution: str) -> str | None:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return None


def cpu_model() -> str | None:
    """The CPU's model name from /proc/cpuinfo (``None`` where there is none)."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as f:
            for line in f:
                key, _, value = line.partition(":")
                if key.strip() in ("model name", "Model", "cpu model", "Processor"):
                    return value.strip()
    except OSError:
        pass
    return platform.processor() or None


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    usable: int | None
    try:
        usable = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        usable = os.cpu_count()
    return {
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpu_model": cpu_model(),
        "cpu_count": os.cpu_count(),
        "cpus_usable": usable,
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "wasmtime": _version("wasmtime"),
        "wasm_closures": _version("wasm-closures"),
        "backends": list(available_backends()),
        "native_extension": "rust" in available_backends(),
        "matplotlib": _version("matplotlib"),
    }


# --------------------------------------------------------------------------------------------
# derived figures
# --------------------------------------------------------------------------------------------


class Figures:
    """Results by case id, with the ratios and targets the report shows."""

    def __init__(self, results: Sequence[Result]) -> None:
        self.results = list(results)
        self.by_id: dict[str, Result] = {r.case.id: r for r in self.results}

    def median(self, case_id: str) -> float | None:
        result = self.by_id.get(case_id)
        return result.median_ns if result is not None else None

    def ratio(self, numerator: str, denominator: str) -> float | None:
        a, b = self.median(numerator), self.median(denominator)
        return a / b if a is not None and b else None

    def cfunctype_ratio(self, case_id: str) -> float | None:
        """A case's cost over creating a CFUNCTYPE callback: timed in alternation with it
        (``interleave_with_cfunctype``) when it was, else the ratio of the two medians."""
        result = self.by_id.get(case_id)
        if result is not None and result.anchor_ratio is not None:
            return result.anchor_ratio
        return self.ratio(case_id, CFUNCTYPE)

    def params(self, group: str) -> list[int]:
        return sorted(
            {r.case.param for r in self.results if r.case.group == group and r.case.param is not None}
        )

    def ratios(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, group, num, den in (
            ("encode_python_over_rust", "encode", "encode-python", "encode-rust"),
            ("prepare_module_over_pooled", "prepare", "prepare-module", "prepare-pooled"),
            ("prepare_cold_nodisk_over_disk", "prepare-cold", "prepare-cold-nodisk", "prepare-cold-disk"),
        ):
            values = {str(n): self.ratio(f"{num}-{n}", f"{den}-{n}") for n in self.params(group)}
            out[key] = {n: v for n, v in values.items() if v is not None}
        out["call_closure_over_direct"] = self.ratio("call-closure", "call-direct")
        out["call_closure_table_over_direct"] = self.ratio("call-closure-table", "call-direct")
        out["call_floor_over_direct"] = self.call_floor()
        out["call_closure_module_over_direct"] = self.ratio("call-closure-module", "call-direct")
        out["runtime_over_cfunctype"] = {
            name: self.cfunctype_ratio(f"runtime-{name}")
            for name in (
                f"{kind}-{backend}" for kind, _, _ in RUNTIME_TARGETS for backend in ("native", "python")
            )
            if f"runtime-{name}" in self.by_id
        }
        out["call_dynamic_over_call_indirect"] = self.ratio(
            "call_dynamic-guest", "call_dynamic-call_indirect"
        )
        out["libffi_ffi_call_over_closure_call"] = self.ratio("libffi-ffi-call", "libffi-closure-call")
        out["startup_warm_over_cold"] = self.ratio("startup-warm", "startup-cold")
        out["first_prepare_nocache_over_disk"] = self.ratio(
            f"first-prepare-nocache-{FIRST_PREPARE_PARAMS}", f"first-prepare-disk-{FIRST_PREPARE_PARAMS}"
        )
        out["cpython_callback_wasm_over_native"] = _wasm_over_native(self, "callback")
        out["cpython_cfunctype_wasm_over_native"] = _wasm_over_native(self, "cfunctype")
        return out

    def call_floor(self) -> float | None:
        """(direct + one call) / direct, one call being plain - inline: an estimated floor.

        A closure is a function of the closure's signature that calls the backing function,
        so a call through it makes one call more than the direct call does. An estimate, not
        a bound: the plain function is called with ``call_indirect``, the backing function
        from a trampoline with ``call``.
        """
        direct, plain, inline = (self.median(f"call-{k}") for k in ("direct", "plain", "inline"))
        if direct is None or plain is None or inline is None:
            return None
        return (direct + plain - inline) / direct

    def targets(self) -> list[dict[str, Any]]:
        """The performance goals, each with the measured value and whether it is met."""
        goals: list[dict[str, Any]] = []

        def add(goal: str, measured: float | None, shown: str, met: bool | None) -> None:
            goals.append({"goal": goal, "measured": measured, "shown": shown, "met": met})

        if self.params("encode"):  # the encode cases ran (a -k filter may leave them out)
            encode_ratios = [
                self.ratio(f"encode-python-{n}", f"encode-rust-{n}") for n in self.params("encode")
            ]
            encode_ok = [r for r in encode_ratios if r]
            if encode_ok:
                worst = min(encode_ok)
                add(
                    "encode: Rust >= 20x faster than Python (worst over params)",
                    worst,
                    f"{worst:.1f}x",
                    worst >= 20,
                )
            else:
                add("encode: Rust >= 20x faster than Python", None, "Rust backend unavailable", None)
            rust2 = self.median("encode-rust-2")
            add(
                "encode: Rust < 1 µs at 2 params, Python call included",
                rust2,
                format_ns(rust2) if rust2 is not None else "Rust backend unavailable",
                None if rust2 is None else rust2 < 1000,
            )
        pooled = [self.median(f"prepare-pooled-{n}") for n in self.params("prepare")]
        pooled_ok = [p for p in pooled if p is not None]
        if pooled_ok:
            worst_p = max(pooled_ok)
            add(
                "prepare: pooled warm p50 <= 10 µs (worst over params)",
                worst_p,
                format_ns(worst_p),
                worst_p <= 10_000,
            )
        ratios = [self.ratio(f"prepare-module-{n}", f"prepare-pooled-{n}") for n in self.params("prepare")]
        ratios_ok = [r for r in ratios if r is not None]
        if ratios_ok:
            worst_r = min(ratios_ok)
            add(
                "prepare: pooled >= 50x faster than module (worst over params)",
                worst_r,
                f"{worst_r:.0f}x",
                worst_r >= 50,
            )
        call = self.ratio("call-closure", "call-direct")
        if call is not None:
            floor = self.call_floor()
            shown = f"{call:.2f}x" + ("" if floor is None else f" (one extra call alone: ~{floor:.2f}x)")
            add("call: closure / direct <= 1.3x", call, shown, call <= 1.3)
            add(
                f"call: closure / direct no slower than before the native core ({CALL_BEFORE_NATIVE}x)",
                call,
                f"{call:.2f}x",
                call <= CALL_BEFORE_NATIVE,
            )
        for kind, what, limit in RUNTIME_TARGETS:
            ratio = self.cfunctype_ratio(f"runtime-{kind}-native")
            if ratio is not None:
                add(
                    f"native runtime: {what} <= {limit}x CFUNCTYPE creation",
                    ratio,
                    f"{ratio:.2f}x",
                    ratio <= limit,
                )
        dynamic = self.median("runtime-call_dynamic-native")
        if dynamic is not None:
            add(
                "native runtime: a guest's call_dynamic of (i32, i32) -> i32 <= 0.5 µs",
                dynamic,
                format_ns(dynamic),
                dynamic <= 500,
            )
        startup = self.ratio("startup-warm", "startup-cold")
        if startup is not None:
            # Set for CPython (issue 18); a small program's start is mostly the process's own.
            cpython = bool(startup_program()["cpython"])
            add(
                "startup: warm start <= 0.2x cold start of python.wasm -c pass",
                startup,
                f"{startup:.2f}x"
                + ("" if cpython else f" (measured {self.startup_label.split()[0]}, not CPython)"),
                startup <= 0.2 if cpython else None,
            )
        for name, what, limit in FIRST_PREPARE_TARGETS:
            first = self.median(f"first-prepare-{name}-{FIRST_PREPARE_PARAMS}")
            if first is not None:
                add(
                    f"first prepare in a new process, {what} <= {format_ns(limit)}",
                    first,
                    format_ns(first),
                    first <= limit,
                )
        return goals

    @property
    def startup_label(self) -> str:
        """The program the startup cases ran (see ``startup_cases.startup_program``)."""
        return str(startup_program()["label"])


# --------------------------------------------------------------------------------------------
# the text table
# --------------------------------------------------------------------------------------------


CFUNCTYPE = "anchor-ctypes-cfunctype"
# The native runtime's targets (issue 9): (case kind, what, at most this times CFUNCTYPE).
RUNTIME_TARGETS = (
    ("prepare-signature", "warm prepare, Signature", 0.6),
    ("prepare-text", "warm prepare, text", 0.6),
    ("cycle-guest", "guest allocate + prepare + call + free", 0.8),
    ("cycle-api", "allocate + prepare + free via the Python API", 1.5),
)
CALL_BEFORE_NATIVE = 1.79  # closure / direct call measured before the native core
# Issue 18's targets for a new process's first prepare: (case name, what, at most this many ns).
# Wasmer 7.4.2 prepares its first closure in 1.6-2.4 ms (measured beside us, not in this run).
FIRST_PREPARE_TARGETS = (
    ("disk", "warm disk cache", 500_000),
    ("nocache", "no cache, no slower than Wasmer's 1.6 ms", 1_600_000),
)


def interleave_with_cfunctype(results: Sequence[Result], settings: Settings) -> None:
    """Time the runtime cases (both runtimes) in alternation with the CFUNCTYPE anchor, so
    their ratios to it, on which the native runtime's targets are set, share its load."""
    by_id = {r.case.id: r for r in results}
    anchor = by_id.get(CFUNCTYPE)
    if anchor is not None:
        subjects = [r for r in results if r.case.id.startswith("runtime-")]
        measure_against_anchor(subjects, anchor, settings)


def _table(title: str, header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(header[i]), *(len(row[i]) for row in rows)) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths))
        ).rstrip()

    return [title, line(header), line(["-" * w for w in widths]), *(line(r) for r in rows), ""]


def _x(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.0f}x" if value >= 100 else f"{value:.1f}x" if value >= 10 else f"{value:.2f}x"


def _cell(f: Figures, case_id: str) -> str:
    result = f.by_id.get(case_id)
    if result is None:
        return "-"
    if result.case.unavailable:
        return "n/a"
    if result.error:
        return "failed"
    return format_ns(result.median_ns)


# FFI for WASIX guests (benchmarks/ffi_cases.py): each row with its ratio to its group's anchor.
_FFI_ROWS = (
    ("call_dynamic-guest", "call_dynamic of (i32, i32) -> i32, from wasm", "call_dynamic-call_indirect"),
    ("call_dynamic-call_indirect", "call_indirect of the same function (anchor)", None),
    ("libffi-ffi-call", "ffi_call of a libffi closure (ffi_prep_closure_loc)", "libffi-closure-call"),
    ("libffi-closure-call", "call through the same closure's pointer (anchor)", None),
    (
        "libffi-prep-closure",
        "ffi_closure_alloc + ffi_prep_closure_loc + ffi_closure_free",
        "libffi-closure-call",
    ),
)


def _ffi_table(f: Figures) -> list[str]:
    rows = [
        [label, _cell(f, case_id), _x(f.ratio(case_id, anchor)) + " of anchor" if anchor else ""]
        for case_id, label, anchor in _FFI_ROWS
        if case_id in f.by_id
    ]
    if not rows:
        return []
    return _table("FFI for WASIX guests (loops inside wasm)", ["operation", "median", "ratio"], rows)


def _startup_table(f: Figures) -> list[str]:
    rows = []
    for case_id, label in (
        ("startup-cold", "start, no cache (compiled)"),
        ("startup-warm", "start, program and pool caches warm"),
    ):
        if case_id in f.by_id:
            ratio = _x(f.ratio(case_id, "startup-cold")) + " of cold" if case_id != "startup-cold" else ""
            rows.append([label, _cell(f, case_id), ratio])
    for name, label in (("nocache", "first prepare, no cache"), ("disk", "first prepare, warm disk cache")):
        case_id = f"first-prepare-{name}-{FIRST_PREPARE_PARAMS}"
        if case_id in f.by_id:
            nocache = f"first-prepare-nocache-{FIRST_PREPARE_PARAMS}"
            ratio = _x(f.ratio(case_id, nocache)) + " of no cache" if name != "nocache" else ""
            rows.append([f"{label} ({FIRST_PREPARE_PARAMS} params)", _cell(f, case_id), ratio])
    if not rows:
        return []
    return _table(
        f"A short run's fixed costs, in new processes (start: {f.startup_label}; first prepare: "
        "timed inside the process)",
        ["operation", "median", "ratio"],
        rows,
    )


# Python's ctypes inside wasm (benchmarks/cpython_cases.py): each against the host's native ctypes.
_CPYTHON_ROWS = (
    ("callback", "a ctypes callback call (CFUNCTYPE(c_int, c_int), from Python)"),
    ("cfunctype", "create (and drop) a CFUNCTYPE callback"),
)


def interleave_cpython(results: Sequence[Result], settings: Settings) -> None:
    """Time each ctypes case inside wasm in alternation with its native twin, so that their
    ratio shares the machine's load."""
    by_id = {r.case.id: r for r in results}
    for name, _ in _CPYTHON_ROWS:
        wasm, native = by_id.get(f"cpython-{name}-wasm"), by_id.get(f"cpython-{name}-native")
        if wasm is not None and native is not None:
            measure_against_anchor([wasm], native, settings)


def _wasm_over_native(f: Figures, name: str) -> float | None:
    """The ctypes case's ratio, timed in alternation when it was, else of the two medians."""
    result = f.by_id.get(f"cpython-{name}-wasm")
    if result is not None and result.anchor_ratio is not None:
        return result.anchor_ratio
    return f.ratio(f"cpython-{name}-wasm", f"cpython-{name}-native")


def _cpython_table(f: Figures) -> list[str]:
    rows = []
    for name, label in _CPYTHON_ROWS:
        wasm, native = f"cpython-{name}-wasm", f"cpython-{name}-native"
        if wasm not in f.by_id and native not in f.by_id:
            continue
        result = f.by_id.get(wasm)
        why = f"n/a: {result.case.unavailable}" if result is not None and result.case.unavailable else None
        rows.append([label, _cell(f, wasm), _cell(f, native), why or _x(_wasm_over_native(f, name))])
    if not rows:
        return []
    return _table(
        "Python's ctypes inside wasm: CPython 3.11 python.wasm against this host's CPython, same code "
        "(wasm/native: timed in alternation, the median of the per-round ratios)",
        ["operation", "in wasm", "native", "wasm/native"],
        rows,
    )


def format_table(
    results: Sequence[Result], settings: Settings | None = None, info: dict[str, Any] | None = None
) -> str:
    """The report printed by ``wasm-closures bench``: medians, with ratios."""
    f = Figures(results)
    info = info if info is not None else machine()
    lines = [
        "wasm-closures benchmarks: medians per operation"
        + (
            f" ({settings.mode} run)"
            if settings and settings.mode in ("quick", "default")
            else f" ({settings.mode})"
            if settings
            else ""
        ),
        f"{info.get('cpu_model') or info.get('machine')}, {info.get('cpus_usable')} usable cores, "
        f"{info.get('python')}, wasmtime {info.get('wasmtime')}, encoders: {', '.join(info.get('backends', []))}",
        "",
    ]
    if f.params("encode"):
        rows = [
            [
                str(n),
                _cell(f, f"encode-rust-{n}"),
                _cell(f, f"encode-python-{n}"),
                _x(f.ratio(f"encode-python-{n}", f"encode-rust-{n}")),
            ]
            for n in f.params("encode")
        ]
        lines += _table(
            "Encode one WASIX closure module (encode_closure_module, Python call included)",
            ["params", "rust", "python", "python/rust"],
            rows,
        )
    if f.params("prepare"):
        rows = [
            [
                str(n),
                _cell(f, f"prepare-pooled-{n}"),
                _cell(f, f"prepare-module-{n}"),
                _x(f.ratio(f"prepare-module-{n}", f"prepare-pooled-{n}")),
            ]
            for n in f.params("prepare")
        ]
        lines += _table(
            "Warm prepare (re-prepare an allocated closure, signature already seen)",
            ["params", "pooled", "module", "module/pooled"],
            rows,
        )
    if f.params("prepare-cold"):
        rows = [
            [
                str(n),
                _cell(f, f"prepare-cold-nodisk-{n}"),
                _cell(f, f"prepare-cold-disk-{n}"),
                _x(f.ratio(f"prepare-cold-nodisk-{n}", f"prepare-cold-disk-{n}")),
            ]
            for n in f.params("prepare-cold")
        ]
        lines += _table(
            "Cold prepare (pooled: first prepare of a signature in a new engine)",
            ["params", "no disk cache", "warm disk cache", "ratio"],
            rows,
        )
    other: list[list[str]] = []
    if f"cycle-pooled-{CYCLE_PARAMS}" in f.by_id:
        other.append(
            [
                f"allocate + prepare + free (pooled, {CYCLE_PARAMS} params)",
                _cell(f, f"cycle-pooled-{CYCLE_PARAMS}"),
                "",
            ]
        )
    call_rows = [
        ("call-closure", "call through a closure (pooled trampoline)"),
        ("call-closure-table", "call through a closure (pooled, through the table)"),
        ("call-closure-module", "call through a closure (module strategy)"),
        ("call-direct", "direct call_indirect of the backing function"),
        ("call-plain", "call_indirect of a plain function (no memory)"),
        ("call-inline", "no call: the plain function's work inline"),
    ]
    for case_id, label in call_rows:
        if case_id in f.by_id:
            ratio = "" if case_id == "call-direct" else _x(f.ratio(case_id, "call-direct")) + " of direct"
            other.append([f"{label}, in wasm", _cell(f, case_id), ratio])
    if other:
        lines += _table(
            f"Closure lifecycle and calls (calls: loops of {CALL_ITERATIONS:,} calls inside wasm)",
            ["operation", "median", "ratio"],
            other,
        )
    rows = []
    for kind, what, _ in RUNTIME_TARGETS:
        native, python = f"runtime-{kind}-native", f"runtime-{kind}-python"
        if native in f.by_id or python in f.by_id:
            rows.append(
                [
                    what,
                    _cell(f, native),
                    _x(f.cfunctype_ratio(native)),
                    _cell(f, python),
                    _x(f.cfunctype_ratio(python)),
                    _x(f.ratio(python, native)),
                ]
            )
    dynamic = "runtime-call_dynamic-native"
    if dynamic in f.by_id:
        rows.append(
            ["a guest's call_dynamic", _cell(f, dynamic), _x(f.cfunctype_ratio(dynamic)), "-", "-", "-"]
        )
    if rows:
        lines += _table(
            "Runtimes: the native core and the pure-Python fallback, (i32, i32) -> i32 "
            "(x CFUNCTYPE: ratio to creating a ctypes.CFUNCTYPE callback, timed in alternation "
            "with it: the median of the per-round ratios)",
            ["operation", "native", "x CFUNCTYPE", "python", "x CFUNCTYPE", "python / native"],
            rows,
        )
    lines += _ffi_table(f)
    lines += _cpython_table(f)
    lines += _startup_table(f)
    anchors = [
        ("anchor-ctypes-cfunctype", "create a ctypes.CFUNCTYPE callback (libffi closure)"),
        (
            "anchor-cranelift-compile",
            f"Cranelift compile of one trampoline module ({COMPILE_ANCHOR_PARAMS} params)",
        ),
    ]
    rows = [[label, _cell(f, case_id)] for case_id, label in anchors if case_id in f.by_id]
    if rows:
        lines += _table("Reference points (same run)", ["operation", "median"], rows)
    goals = f.targets()
    if goals:
        rows = [
            [g["goal"], g["shown"], "-" if g["met"] is None else "met" if g["met"] else "MISSED"]
            for g in goals
        ]
        lines += _table("Targets", ["goal", "measured", "status"], rows)
    failed = [r for r in results if r.error]
    for r in failed:
        lines.append(f"FAILED {r.case.id}: {r.error}")
    return "\n".join(lines).rstrip() + "\n"


# --------------------------------------------------------------------------------------------
# files
# --------------------------------------------------------------------------------------------


def report_dict(
    results: Sequence[Result], settings: Settings, info: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The content of ``benchmarks.json``."""
    f = Figures(results)
    return {
        "schema": SCHEMA,
        "timestamp": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "mode": settings.mode,
        "settings": {
            "case_time_s": settings.case_time,
            "warmup_time_s": settings.warmup_time,
            "batch_time_s": settings.batch_time,
            "min_rounds": settings.min_rounds,
            "max_rounds": settings.max_rounds,
        },
        "machine": info if info is not None else machine(),
        "cases": [r.as_dict() for r in results],
        "ratios": f.ratios(),
        "targets": f.targets(),
        "startup_program": f.startup_label,
    }


def write_json(path: Path, data: dict[str, Any]) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def write_plot(path: Path, results: Sequence[Result], info: dict[str, Any] | None = None) -> None:
    """Cost against the number of parameters, log-log. Raises ImportError without matplotlib."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    f = Figures(results)
    fig, ax = plt.subplots(figsize=(9.5, 6.8), dpi=110)
    series: list[tuple[str, str, str, str]] = [
        ("encode-rust", "encode, Rust", "tab:blue", "o-"),
        ("encode-python", "encode, Python", "tab:blue", "s--"),
        ("prepare-pooled", "warm prepare, pooled", "tab:green", "o-"),
        ("prepare-module", "warm prepare, module (compile per prepare)", "tab:red", "s-"),
        ("prepare-cold-disk", "cold prepare, pooled, warm disk cache", "tab:purple", "^:"),
        ("prepare-cold-nodisk", "cold prepare, pooled, no disk cache", "tab:orange", "v:"),
    ]
    plotted_params: set[int] = set()
    for prefix, label, color, style in series:
        # measure() sets the median and both percentiles together: none is None when r.ok.
        points = cast(
            list[tuple[int, float, float, float]],
            [
                (r.case.param, r.median_ns, r.p10_ns, r.p90_ns)
                for r in f.results
                if r.ok and f"{r.case.group}-{r.case.name}" == prefix and r.case.param is not None
            ],
        )
        if not points:
            continue
        points.sort()
        xs = [p[0] for p in points]
        ys = [p[1] / 1000 for p in points]
        low = [max(0.0, (p[1] - p[2]) / 1000) for p in points]
        high = [max(0.0, (p[3] - p[1]) / 1000) for p in points]
        ax.errorbar(
            xs,
            ys,
            yerr=[low, high],
            fmt=style,
            color=color,
            label=label,
            capsize=3,
            markersize=5,
            linewidth=1.5,
        )
        plotted_params.update(xs)
    for case_id, label, color in (
        (
            "anchor-cranelift-compile",
            f"Cranelift compile of one trampoline module ({COMPILE_ANCHOR_PARAMS} params)",
            "0.3",
        ),
        ("anchor-ctypes-cfunctype", "ctypes.CFUNCTYPE callback creation", "0.55"),
    ):
        value = f.median(case_id)
        if value is not None:
            ax.axhline(
                value / 1000,
                color=color,
                linestyle="-.",
                linewidth=1.2,
                label=f"reference: {label}, {format_ns(value)}",
            )
    ax.set_xscale("symlog", linthresh=1)
    ax.set_yscale("log")
    ticks = sorted(plotted_params) or list(PARAMS)
    ax.set_xticks(ticks)
    ax.set_xticklabels([str(t) for t in ticks])
    ax.set_xlim(-0.3, max(ticks) * 1.4 if ticks else 200)
    ax.set_xlabel("closure parameters (i32, i64, f32, f64 repeated; one i32 result)")
    ax.set_ylabel("µs per operation (median, p10-p90 bars)")
    info = info if info is not None else machine()
    ax.set_title(
        "wasm-closures: cost by number of parameters\n"
        f"{info.get('cpu_model') or info.get('machine')}, {info.get('python')}, wasmtime {info.get('wasmtime')}",
        fontsize=10,
    )
    ax.grid(True, which="major", alpha=0.35)
    ax.grid(True, which="minor", axis="y", alpha=0.12)
    ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.13), ncol=2, frameon=False)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def write_outputs(
    directory: Path, results: Sequence[Result], settings: Settings
) -> tuple[Path, Path | None, str | None]:
    """Write ``benchmarks.json`` and, with matplotlib, ``benchmarks.png`` into ``directory``.

    Returns (json path, png path or None, a message why there is no png or None).
    """
    directory.mkdir(parents=True, exist_ok=True)
    info = machine()
    json_path = directory / JSON_NAME
    write_json(json_path, report_dict(results, settings, info))
    png_path = directory / PNG_NAME
    try:
        write_plot(png_path, results, info)
    except ImportError:
        return json_path, None, f"no {PNG_NAME}: {PLOT_HINT}"
    return json_path, png_path, None
