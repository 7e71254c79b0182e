"""Stress run of the WASIX closure syscalls from a real C program; prints one JSON line.

``python stress_wasix.py PROGRAM.wasm CYCLES LIVE``: the program (tests/c/closure_stress.c)
runs CYCLES allocate/prepare/call/free cycles through the syscalls, in batches so RSS can be
read between them, then keeps LIVE closures alive at once.
"""

from __future__ import annotations

import json
import sys

from stress_runtime import CHECKPOINT, rss_bytes

from wasm_closures.loader import load_program

BATCH = 10_000


def main(path: str, cycles: int, live: int) -> dict:
    program = load_program(path, inherit_stdio=False)
    rss_at_checkpoint = 0
    for first in range(0, cycles, BATCH):
        count = min(BATCH, cycles - first)
        if program.invoke("cycles", first, count) != count:
            raise AssertionError(
                f"cycles failed at line {program.invoke('wc_error_line')}, errno {program.invoke('wc_error_errno')}"
            )
        if first + count == CHECKPOINT:
            rss_at_checkpoint = rss_bytes()
    rss_after_cycles = rss_bytes()
    total = program.invoke("live", live)
    return {
        "cycles": cycles,
        "live": live,
        "live_sum_ok": total == live * (live - 1) // 2,
        "rss_at_checkpoint": rss_at_checkpoint,
        "rss_after_cycles": rss_after_cycles,
        "rss_with_live": rss_bytes(),
        "instantiations": program.closures.stats.instantiations,
        "backend": program.closures.backend,
    }


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))))
