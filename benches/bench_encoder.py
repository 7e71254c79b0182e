"""Encoder speed, Rust and Python backends, through the public ``encode_closure_module``.

Run: ``python3 -m pytest benches/bench_encoder.py`` (pytest-benchmark). Nothing here asserts a
time; compare the medians by hand, e.g. ``--benchmark-group-by=param:params``.
"""

from __future__ import annotations

import pytest

import wasm_closures as wc
from wasm_closures import Signature, ValType

TYPES = list(ValType)


def signature(params: int) -> Signature:
    """``params`` parameters cycling through the value types, two results."""
    return Signature([TYPES[i % 4] for i in range(params)], [ValType.I32, ValType.F64])


# Rounds of at least 100 µs, so that the timer's own cost is spread over many calls.
@pytest.mark.benchmark(min_time=0.0001, warmup=True)
@pytest.mark.parametrize("backend", ["rust", "python"])
@pytest.mark.parametrize("params", [0, 2, 8, 32, 128])
def test_encode(benchmark, backend, params) -> None:
    if backend not in wc.available_backends():
        pytest.skip(f"backend {backend} is not built")
    sig = signature(params)
    encode = wc.encode_closure_module
    benchmark.group = f"{params} params"
    module = benchmark(encode, "__wasix_closure_1", 5, 6, 1024, sig, backend=backend)
    assert module == encode("__wasix_closure_1", 5, 6, 1024, sig, backend="python")
