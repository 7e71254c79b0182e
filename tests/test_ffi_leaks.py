"""Tests of no leak per fast table, global and call operation.

Shared helpers: ffi_support.py; the ``env`` fixture: conftest.py.
"""

from __future__ import annotations

import gc
import os

import pytest
from ffi_support import rss_kib

from wasm_closures._ffi import (
    FastCall,
    FastI32Global,
    FastTable,
)


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="needs /proc")
def test_stress_no_leak(env):
    table = FastTable(env.store, env["table"])
    call = FastCall(env.store, env["add"], "ii", "i")
    global_ = FastI32Global(env.store, env["g"])
    add, sub = env["add"], env["sub"]

    def burst(n: int) -> None:
        for i in range(n):
            table.set(i & 3, add if i & 1 else None)
            table.get_func(1)
            global_.set(i)
        for i in range(n // 2):
            call(i, 1)
            table.set(2, sub)

    burst(20_000)  # warm up allocator and caches
    gc.collect()
    before = rss_kib()
    burst(200_000)
    gc.collect()
    growth = rss_kib() - before
    # One leaked 32-byte wasmtime_val_t per set would be > 6 MiB here.
    assert growth < 2048, f"RSS grew by {growth} KiB"
