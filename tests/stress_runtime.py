"""Stress run of the pooled runtime through the Python API; prints one JSON line of figures.

Run as a script (the tests start it in a fresh process so its RSS is its own):
``python stress_runtime.py CYCLES LIVE``: CYCLES allocate/prepare/call/free cycles in one store,
then LIVE closures alive at once, each called once.
"""

from __future__ import annotations

import json
import os
import sys

import wasmtime
from wat_program import ADD_ENV, load_wat_program

from wasm_closures import _ffi

CHECKPOINT = 10_000


def rss_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def main(cycles: int, live: int) -> dict:
    program = load_wat_program(wasmtime.Engine())
    rt = program.runtime
    call = _ffi.FastCall(program.store, program.export("call_ii_i"), "iii", "i")
    rss_at_checkpoint = 0
    for i in range(cycles):
        fp = rt.allocate()
        rt.prepare(fp, ADD_ENV, "(i32, i32) -> i32", env=i)
        if call(fp, 1, 2) != (i + 3) & 0x7FFF_FFFF:
            raise AssertionError(f"cycle {i}: wrong result")
        rt.free(fp)
        if i + 1 == CHECKPOINT:
            rss_at_checkpoint = rss_bytes()
    rss_after_cycles = rss_bytes()
    closures = [rt.allocate() for _ in range(live)]
    for i, fp in enumerate(closures):
        rt.prepare(fp, ADD_ENV, "(i32, i32) -> i32", env=i)
    wrong = sum(call(fp, 0, 0) != i for i, fp in enumerate(closures))
    return {
        "cycles": cycles,
        "live": live,
        "wrong_live_results": wrong,
        "rss_at_checkpoint": rss_at_checkpoint,
        "rss_after_cycles": rss_after_cycles,
        "rss_with_live": rss_bytes(),
        "instantiations": rt.stats.instantiations,
        "table_size": rt.table.size(program.store),
    }


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]), int(sys.argv[2]))))
