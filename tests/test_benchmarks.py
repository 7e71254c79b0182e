"""The benchmark machinery: cases do what they claim, the runner and the reports are complete.

Nothing here asserts a timing; the runner runs with one or a few rounds per case.
"""

from __future__ import annotations

import contextlib
import importlib.metadata
import io
import json
import os
import shutil
import sys
from pathlib import Path

import pytest
import wasmtime

from wasm_closures import _ffi, available_backends, cli
from wasm_closures.benchmarks import cases as cases_module
from wasm_closures.benchmarks import command, report, runner, startup_cases
from wasm_closures.benchmarks.cases import (
    CALL_ENV,
    CALL_ITERATIONS,
    PARAMS,
    Case,
    WarmPrepare,
    all_cases,
    param_letters,
    signature,
)
from wasm_closures.benchmarks.program import ADD_ENV, RET_ENV

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
CASES = {case.id: case for case in all_cases()}
RUNNABLE = [case for case in CASES.values() if not case.unavailable]
HAS_RUST = "rust" in available_backends()


def _zeros(letters: str) -> list:
    return [0.0 if letter in "fF" else 0 for letter in letters]


def _i32(value: int) -> int:
    value &= 0xFFFF_FFFF
    return value - (1 << 32) if value >= 1 << 31 else value


# --------------------------------------------------------------------------------------------
# the case list
# --------------------------------------------------------------------------------------------


def test_case_ids_are_unique_and_cover_every_group():
    ids = [case.id for case in all_cases()]
    assert len(ids) == len(set(ids))
    for n in PARAMS:
        for case_id in (
            f"encode-rust-{n}",
            f"encode-python-{n}",
            f"prepare-pooled-{n}",
            f"prepare-module-{n}",
            f"prepare-cold-nodisk-{n}",
            f"prepare-cold-disk-{n}",
        ):
            assert case_id in ids
    for case_id in (
        "startup-cold",
        "startup-warm",
        "first-prepare-nocache-2",
        "first-prepare-disk-2",
        "cycle-pooled-2",
        "call-closure",
        "call-closure-table",
        "call-closure-module",
        "call-direct",
        "call-plain",
        "call-inline",
        "anchor-ctypes-cfunctype",
        "anchor-cranelift-compile",
    ):
        assert case_id in ids
    assert all(CASES[f"prepare-cold-disk-{n}"].one_shot for n in PARAMS)
    assert CASES["call-closure"].per_call == CALL_ITERATIONS


def test_rust_cases_are_unavailable_exactly_without_the_extension():
    for n in PARAMS:
        assert (CASES[f"encode-rust-{n}"].unavailable is None) == HAS_RUST
        assert CASES[f"encode-python-{n}"].unavailable is None


def test_cpython_guest_cases_say_where_python_wasm_is_looked_for(monkeypatch, tmp_path):
    from wasm_closures.benchmarks import cpython_cases

    monkeypatch.delenv(cpython_cases.BUILD_ENV_VARIABLE, raising=False)
    reason = cpython_cases.unavailable_reason()
    assert reason is not None and "WASM_CLOSURES_CPYTHON_BUILD=DIR" in reason and "build.py" in reason
    monkeypatch.setenv(cpython_cases.BUILD_ENV_VARIABLE, str(tmp_path))
    assert cpython_cases.unavailable_reason() == f"no python.wasm in WASM_CLOSURES_CPYTHON_BUILD={tmp_path}"
    by_id = {case.id: case for case in cpython_cases.cpython_cases()}
    assert by_id["cpython-callback-wasm"].unavailable and by_id["cpython-cfunctype-wasm"].unavailable
    assert by_id["cpython-callback-native"].unavailable is None


def test_signature_mixes_the_four_types():
    sig = signature(8)
    assert [str(t) for t in sig.params] == ["i32", "i64", "f32", "f64"] * 2
    assert [str(t) for t in sig.results] == ["i32"]
    assert param_letters(6) == "iIfFiI"


@pytest.mark.parametrize("case", RUNNABLE, ids=[case.id for case in RUNNABLE])
def test_every_case_runs(case: Case):
    op = case.setup()
    op()
    if not case.one_shot:
        op()


# --------------------------------------------------------------------------------------------
# each group does what it claims
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("n", PARAMS)
def test_encode_cases_return_valid_modules_equal_across_backends(n):
    engine = wasmtime.Engine()
    outputs = {backend: CASES[f"encode-{backend}-{n}"].setup()() for backend in available_backends()}
    for wasm in outputs.values():
        assert isinstance(wasm, bytes)
        wasmtime.Module.validate(engine, wasm)
    assert len(set(outputs.values())) == 1  # the backends encode the same bytes


@pytest.mark.parametrize("strategy", ["pooled", "module"])
@pytest.mark.parametrize("n", PARAMS)
def test_warm_prepare_leaves_a_working_closure(strategy, n):
    op = CASES[f"prepare-{strategy}-{n}"].setup()
    assert isinstance(op, WarmPrepare) and op.strategy == strategy
    instantiations = op.program.runtime.stats.instantiations
    for _ in range(3):
        op()
    stats = op.program.runtime.stats
    # Warm: the pooled strategy instantiates nothing, the module strategy one module a prepare.
    assert stats.instantiations - instantiations == (0 if strategy == "pooled" else 3)
    assert stats.live == 1
    program = op.program
    closure = _ffi.FastCall(program.store, program.closure_func(op.closure), param_letters(n), "i")
    assert closure(*_zeros(param_letters(n))) == op.env == 3


def test_module_strategy_case_moves_to_a_fresh_store(monkeypatch):
    monkeypatch.setattr(cases_module, "MODULE_PREPARES_PER_STORE", 3)
    op = WarmPrepare("module", 2)
    stores = set()
    for _ in range(8):
        op()
        stores.add(id(op.program.store))
        assert op.program.runtime.stats.instantiations <= 3
    assert len(stores) >= 3
    closure = _ffi.FastCall(op.program.store, op.program.closure_func(op.closure), "iI", "i")
    assert closure(0, 0) == op.env == 8


@pytest.mark.parametrize("disk", ["nodisk", "disk"])
def test_cold_prepare_compiles_or_loads_from_disk(disk):
    case = CASES[f"prepare-cold-{disk}-2"]
    first = case.setup()
    second = case.setup()
    assert first.program.store.engine is not second.program.store.engine  # a new engine a round
    cache = second.program.runtime.module_cache
    assert (cache.stats.compiles, cache.stats.disk_loads) == (0, 0)
    second()
    expected = (1, 0) if disk == "nodisk" else (0, 1)
    assert (cache.stats.compiles, cache.stats.disk_loads) == expected
    program = second.program
    closure = _ffi.FastCall(program.store, program.closure_func(second.closure), param_letters(2), "i")
    assert closure(5, 6) == 7


def test_cycle_allocates_prepares_and_frees():
    op = CASES["cycle-pooled-2"].setup()
    runtime = op.program.runtime
    before = runtime.stats
    slots = {op() for _ in range(5)}
    after = runtime.stats
    assert len(slots) == 1  # the freed slot is handed out again
    assert after.live == 0
    assert (
        after.allocations - before.allocations,
        after.prepares - before.prepares,
        after.frees - before.frees,
    ) == (5, 5, 5)
    assert after.instantiations == before.instantiations


def test_call_loops_compute_the_same_accumulator():
    n, env = CALL_ITERATIONS, CALL_ENV
    expected = _i32(n * (n + 1) // 2 + n * env)  # acc = sum of (i + env) for i = n .. 1
    values = {
        name: CASES[f"call-{name}"].setup()()
        for name in ("closure", "closure-table", "closure-module", "direct", "plain", "inline")
    }
    assert {_i32(v) for v in values.values()} == {expected}


def test_call_cases_call_through_what_they_claim():
    closure_op = CASES["call-closure"].setup()
    program = closure_op.program
    assert program.runtime.strategy == "pooled" and program.runtime.direct_backing_calls
    table_op = CASES["call-closure-table"].setup()
    assert table_op.program.runtime.strategy == "pooled" and not table_op.program.runtime.direct_backing_calls
    module_op = CASES["call-closure-module"].setup()
    assert module_op.program.runtime.strategy == "module"
    # The direct loop does not go through any closure: none is allocated in its program.
    direct_op = CASES["call-direct"].setup()
    assert direct_op.program.runtime.stats.allocations == 0
    assert program.runtime.stats.live == 1 and module_op.program.runtime.stats.live == 1
    # Put another function in the backing slot: the default closure goes on calling the one it
    # was prepared with, the table one looks the slot up (and now returns just its env).
    for op, expected in ((closure_op, 10 + 20 + CALL_ENV), (table_op, CALL_ENV)):
        table = op.program.export_table()
        table.set(op.program.store, ADD_ENV, table.get(op.program.store, RET_ENV))
        call = _ffi.FastCall(op.program.store, op.program.closure_func(op.args[0]), "ii", "i")
        assert call(10, 20) == expected


def test_anchors():
    callback = CASES["anchor-ctypes-cfunctype"].setup()()
    assert callback(2, 3) == 5
    module = CASES["anchor-cranelift-compile"].setup()()
    assert isinstance(module, wasmtime.Module)
    assert {e.name for e in module.exports} == {"__wasm_call_ctors", "__wasix_closure_0"}


# --------------------------------------------------------------------------------------------
# the runner
# --------------------------------------------------------------------------------------------

TINY = runner.DEFAULT.with_rounds(3)


def test_measure_reports_ordered_percentiles():
    result = runner.measure(CASES["prepare-pooled-2"], TINY)
    assert result.ok and result.error is None
    assert result.rounds == 3 and result.calls_per_round == 1
    assert result.p10_ns <= result.median_ns <= result.p90_ns


def test_measure_batches_fast_operations_and_divides_by_per_call():
    fast = Case("t", "noop", None, lambda: lambda: None, "nothing")
    settings = runner.Settings(
        "t", case_time=0.0, warmup_time=0.0, batch_time=0.001, min_rounds=4, max_rounds=4, anchor_rounds=4
    )
    result = runner.measure(fast, settings)
    assert result.rounds == 4 and result.calls_per_round > 100
    per_call = Case("t", "noop", None, lambda: lambda: None, "nothing", per_call=1000)
    assert runner.measure(per_call, settings).median_ns < result.median_ns


def test_measure_records_failures_and_skips_unavailable_cases():
    def broken():
        raise RuntimeError("boom")

    result = runner.measure(Case("t", "broken", None, broken, "fails"), TINY)
    assert not result.ok and result.error == "RuntimeError: boom"
    skipped = runner.measure(Case("t", "missing", None, broken, "x", unavailable="no"), TINY)
    assert not skipped.ok and skipped.error is None


def test_percentile_and_format():
    assert runner.percentile([1.0, 2.0, 3.0, 4.0, 5.0], 0.5) == 3.0
    assert runner.percentile([1.0, 2.0], 0.1) == pytest.approx(1.1)
    assert runner.format_ns(812.4) == "812 ns"
    assert runner.format_ns(1234) == "1.23 µs"
    assert runner.format_ns(45_600_000) == "45.6 ms"
    assert runner.format_ns(None) == "-"


@pytest.fixture(scope="module")
def smoke_run(tmp_path_factory):
    """The whole suite through the bench command, one round a case, with --out."""
    out = tmp_path_factory.mktemp("bench")
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        status = command.main(["--rounds", "1", "--out", str(out)])
    return status, stdout.getvalue(), stderr.getvalue(), out


def test_table_has_the_expected_rows(smoke_run):
    status, table, progress, _ = smoke_run
    assert status == 0, table + progress
    for title in (
        "Encode one WASIX closure module",
        "Warm prepare",
        "Cold prepare",
        "Closure lifecycle and calls",
        "Reference points",
        "A short run's fixed costs, in new processes",
        "Targets",
        "Python's ctypes inside wasm",
    ):
        assert title in table
    lines = table.splitlines()
    for n in PARAMS:
        assert any(line.split()[:1] == [str(n)] and line.rstrip().endswith("x") for line in lines)
    for label in (
        "allocate + prepare + free",
        "call through a closure (pooled trampoline)",
        "call through a closure (module strategy)",
        "call through a closure (pooled, through the table)",
        "direct call_indirect",
        "call_indirect of a plain function",
        "no call:",
        "one extra call alone",
        "ctypes.CFUNCTYPE",
        "Cranelift compile",
        "closure / direct",
        "a ctypes callback call",
        "create (and drop) a CFUNCTYPE callback",
    ):
        assert label in table
    assert "of direct" in table
    assert "rust" in table and "python/rust" in table
    # Progress went to stderr, one line a case.
    assert progress.count("\n") >= len(CASES)
    assert "[1/" in progress


def test_json_has_the_documented_fields(smoke_run):
    _, _, _, out = smoke_run
    data = json.loads((out / report.JSON_NAME).read_text(encoding="utf-8"))
    assert {"schema", "timestamp", "mode", "settings", "machine", "cases", "ratios", "targets"} <= set(data)
    machine = data["machine"]
    for key in (
        "platform",
        "cpu_model",
        "cpu_count",
        "cpus_usable",
        "python",
        "wasmtime",
        "wasm_closures",
        "backends",
        "native_extension",
    ):
        assert key in machine
    assert machine["native_extension"] == HAS_RUST
    assert machine["wasmtime"] == importlib.metadata.version("wasmtime")
    ids = {case["id"] for case in data["cases"]}
    assert ids == set(CASES)
    for case in data["cases"]:
        assert {"group", "name", "param", "median_ns", "p10_ns", "p90_ns", "rounds", "per_call"} <= set(case)
        if case["unavailable"] is None:
            assert case["rounds"] == 1 and case["median_ns"] > 0
    assert set(data["ratios"]["prepare_module_over_pooled"]) == {str(n) for n in PARAMS}
    ratios = data["ratios"]
    assert ratios["call_closure_over_direct"] > 0 and ratios["call_closure_table_over_direct"] > 0
    # The floor estimate adds one call (plain - inline) to the direct one.
    assert ratios["call_floor_over_direct"] > 1
    assert all({"goal", "measured", "met"} <= set(t) for t in data["targets"])


def test_png_is_written(smoke_run):
    _, _, progress, out = smoke_run
    assert (out / report.PNG_NAME).read_bytes()[:8] == PNG_MAGIC
    assert "benchmarks.png" in progress


def test_without_matplotlib_the_json_is_written_and_the_plot_explained(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # makes `import matplotlib` fail
    results = runner.run_cases([CASES["call-direct"]], TINY)
    json_path, png_path, problem = report.write_outputs(tmp_path, results, TINY)
    assert json_path.exists() and png_path is None
    assert not (tmp_path / report.PNG_NAME).exists()
    assert "pip install 'wasm-closures[bench]'" in problem


def test_without_the_rust_backend_only_python_is_reported(monkeypatch):
    monkeypatch.setattr(cases_module, "available_backends", lambda: ("python",))
    cases = [c for c in cases_module.all_cases() if c.group == "encode" and c.param == 2]
    results = runner.run_cases(cases, TINY)
    table = report.format_table(results, TINY)
    assert "n/a" in table and "Rust backend unavailable" in table
    rust, python = results
    assert rust.case.unavailable and not rust.ok and python.ok


def test_targets_of_cases_a_filter_left_out_are_not_reported():
    results = runner.run_cases([CASES["call-direct"], CASES["call-closure"]], TINY)
    goals = [target["goal"] for target in report.Figures(results).targets()]
    assert goals == [
        "call: closure / direct <= 1.3x",
        "call: closure / direct no slower than before the native core (1.79x)",
    ]


def test_the_runtime_cases_report_both_runtimes_and_the_targets_as_ratios_to_cfunctype():
    ids = ["anchor-ctypes-cfunctype", "runtime-prepare-text-native", "runtime-prepare-text-python"]
    results = runner.run_cases([CASES[i] for i in ids], TINY)
    figures = report.Figures(results)
    assert [g["goal"] for g in figures.targets()] == [
        "native runtime: warm prepare, text <= 0.6x CFUNCTYPE creation"
    ]
    ratios = figures.ratios()["runtime_over_cfunctype"]
    assert set(ratios) == {"prepare-text-native", "prepare-text-python"}
    assert ratios["prepare-text-native"] == figures.ratio(
        "runtime-prepare-text-native", "anchor-ctypes-cfunctype"
    )
    assert "warm prepare, text" in report.format_table(results, TINY)
    # Timed in alternation with the anchor, the targets use the per-round ratios.
    report.interleave_with_cfunctype(results, TINY)
    native = next(r for r in results if r.case.id == "runtime-prepare-text-native")
    assert native.anchor_ratio is not None and native.anchor_ratio > 0
    assert figures.ratios()["runtime_over_cfunctype"]["prepare-text-native"] == native.anchor_ratio
    assert figures.targets()[0]["measured"] == native.anchor_ratio


def test_measure_against_anchor_takes_the_median_of_per_round_ratios():
    def spin(iterations: int):
        def op() -> None:
            for _ in range(iterations):
                pass

        return op

    settings = runner.Settings(
        "t", case_time=0.0, warmup_time=0.0, batch_time=0.001, min_rounds=3, max_rounds=3, anchor_rounds=15
    )
    anchor = runner.measure(Case("t", "anchor", None, lambda: spin(2000), "x"), settings)
    double = runner.measure(Case("t", "double", None, lambda: spin(4000), "x"), settings)
    one_shot = runner.measure(Case("t", "once", None, lambda: spin(10), "x", one_shot=True), settings)
    runner.measure_against_anchor([double, one_shot], anchor, settings)
    assert double.anchor_ratio == pytest.approx(2.0, rel=0.35)
    assert one_shot.anchor_ratio is None  # one-shot cases are not interleaved


def test_the_ctypes_rows_time_wasm_in_alternation_with_native():
    def spin(iterations: int):
        def op() -> None:
            for _ in range(iterations):
                pass

        return op

    settings = runner.Settings(
        "t", case_time=0.0, warmup_time=0.0, batch_time=0.001, min_rounds=3, max_rounds=3, anchor_rounds=15
    )
    results = [
        runner.measure(Case("cpython", f"callback-{side}", None, lambda n=n: spin(n), "x"), settings)
        for side, n in (("wasm", 6000), ("native", 2000))
    ]
    report.interleave_cpython(results, settings)
    assert results[0].anchor_ratio == pytest.approx(3.0, rel=0.35)
    results[0].anchor_ratio = 2.5  # the table and the JSON show the interleaved ratio
    table = report.format_table(results, settings, {})
    assert any(
        line.startswith("a ctypes callback call") and line.endswith("2.50x") for line in table.splitlines()
    )
    assert report.Figures(results).ratios()["cpython_callback_wasm_over_native"] == 2.5


def test_filter_and_list(capsys):
    assert command.main(["--list", "-k", "call-"]) == 0
    listed = capsys.readouterr().out.split("\n")
    assert [line.split()[0] for line in listed if line] == [
        "call-closure",
        "call-closure-table",
        "call-closure-module",
        "call-direct",
        "call-plain",
        "call-inline",
    ]
    assert command.main(["-k", "no-such-case"]) == 2


def test_cli_bench_quick_writes_both_files(tmp_path, capsys):
    status = cli.main(
        ["bench", "--quick", "--rounds", "1", "-k", "pooled-2", "-k", "call-", "--out", str(tmp_path)]
    )
    out = capsys.readouterr()
    assert status == 0, out.err
    assert "Warm prepare" in out.out
    assert json.loads((tmp_path / report.JSON_NAME).read_text(encoding="utf-8"))["cases"]
    assert (tmp_path / report.PNG_NAME).read_bytes()[:8] == PNG_MAGIC


# --------------------------------------------------------------------------------------------
# a short run's fixed costs (startup_cases), in new processes
# --------------------------------------------------------------------------------------------


def test_the_startup_program_is_cpython_from_the_environment_or_the_largest_shipped(tmp_path, monkeypatch):
    monkeypatch.delenv(startup_cases.CPYTHON_VARIABLE, raising=False)
    shipped = startup_cases.startup_program()
    assert shipped["path"].endswith(".wasm") and not shipped["cpython"] and shipped["unavailable"] is None
    assert "the largest program shipped" in shipped["label"]
    (tmp_path / "python.wasm").write_bytes(b"\0asm\1\0\0\0")
    (tmp_path / "lib").mkdir()
    monkeypatch.setenv(startup_cases.CPYTHON_VARIABLE, str(tmp_path))  # a build directory
    cpython = startup_cases.startup_program()
    assert cpython["path"] == str(tmp_path / "python.wasm")
    assert cpython["argv"] == ["python.wasm", "-c", "pass"] and cpython["environ"] == {"PYTHONHOME": "/"}
    assert cpython["dirs"] == [(str(tmp_path / "lib"), "/lib")] and cpython["cpython"]
    assert all("python.wasm -c pass" in case.description for case in startup_cases.startup_cases()[:2])
    monkeypatch.setenv(startup_cases.CPYTHON_VARIABLE, str(tmp_path / "missing"))
    assert all("no python.wasm" in (case.unavailable or "") for case in startup_cases.startup_cases()[:2])


def test_a_warm_start_finds_the_program_cache_filled_and_a_cold_one_has_none():
    warm, cold = startup_cases._StartSetup(warm=True), startup_cases._StartSetup(warm=False)
    op = warm()
    assert warm._directory is not None
    entries = list((Path(warm._directory.name) / "programs").glob("*.cwasm"))
    assert len(entries) == 1
    os.utime(entries[0], ns=(0, 0))
    op()
    assert entries[0].stat().st_mtime_ns > 0  # the timed start loaded it (a load renews the entry)
    cold()()
    assert cold._directory is None


def test_a_cpython_start_runs_with_its_lib_directory(tmp_path, monkeypatch):
    # A stand-in build: the largest shipped program as python.wasm, beside a lib/ directory.
    monkeypatch.delenv(startup_cases.CPYTHON_VARIABLE, raising=False)
    shutil.copy(startup_cases.startup_program()["path"], tmp_path / "python.wasm")
    (tmp_path / "lib").mkdir()
    monkeypatch.setenv(startup_cases.CPYTHON_VARIABLE, str(tmp_path))
    assert startup_cases.startup_program()["dirs"] == [(str(tmp_path / "lib"), "/lib")]
    for warm in (False, True):
        startup_cases._StartSetup(warm)()()  # the child loads it with the directory preopened


@pytest.mark.parametrize("disk", [False, True])
def test_the_first_prepare_cases_report_the_time_their_process_measured(disk):
    setup = startup_cases._FirstPrepareSetup(disk)
    op = setup()
    assert (setup._directory is not None) == disk
    if disk:
        assert list(Path(setup._directory.name).glob("*.cwasm"))  # the pool module, from the fill
    ns = op()
    assert isinstance(ns, float) and ns > 0
    result = runner.measure(CASES[f"first-prepare-{'disk' if disk else 'nocache'}-2"], TINY)
    assert result.ok and result.rounds == 3


def test_the_startup_target_is_judged_only_for_cpython(monkeypatch):
    monkeypatch.delenv(startup_cases.CPYTHON_VARIABLE, raising=False)
    results = [
        runner.Result(CASES[i], median_ns=ns) for i, ns in (("startup-cold", 10.0), ("startup-warm", 1.0))
    ]
    (goal,) = report.Figures(results).targets()
    assert goal["measured"] == 0.1 and goal["met"] is None and "not CPython" in goal["shown"]
    monkeypatch.setattr(report, "startup_program", lambda: {"cpython": True, "label": "python.wasm -c pass"})
    (goal,) = report.Figures(results).targets()
    assert goal["met"] is True and goal["shown"] == "0.10x"
    results[1].median_ns = 3.0
    assert report.Figures(results).targets()[0]["met"] is False
