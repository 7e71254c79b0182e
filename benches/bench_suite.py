"""The benchmark suite under pytest-benchmark: the same cases as ``wasm-closures bench``.

Run (from the repository root)::

    python -m pytest benches/bench_suite.py --benchmark-only

(``-k prepare`` etc. selects cases; ``--benchmark-group-by=group`` is the default grouping.)
Each test is one :class:`wasm_closures.benchmarks.Case`; ``benchmark.group`` is the case's
group. Figures are per call of the case's callable: for the ``call`` group that is one run of
a wasm loop of ``per_call`` (100,000) calls, so divide by ``extra_info.per_call`` for the cost
of one call. No timing is asserted.
"""

from __future__ import annotations

import pytest

from wasm_closures.benchmarks import all_cases

CASES = all_cases()
ONE_SHOT_ROUNDS = 10  # cold-prepare cases: each round needs a new engine and program


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_case(benchmark, case):
    if case.unavailable:
        pytest.skip(case.unavailable)
    if case.self_timed:
        pytest.skip("self-timed inside a new process: measured by wasm-closures bench")
    benchmark.group = case.group
    benchmark.extra_info.update(
        id=case.id, param=case.param, per_call=case.per_call, description=case.description
    )
    if case.one_shot:
        benchmark.pedantic(
            lambda op: op(),
            setup=lambda: ((case.setup(),), {}),
            rounds=ONE_SHOT_ROUNDS,
            iterations=1,
            warmup_rounds=1,
        )
    else:
        benchmark(case.setup())
