"""Random syscall sequences from a guest: every call answers an errno, the runtime stays consistent.

Arguments are drawn from the values that break naive hosts (0, the memory's end, 2**31, 2**32-1
and their neighbours) mixed with valid ones; after each sequence every closure the runtime
says is live must still run with its own environment.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from syscall_program import ADD_ENV, MEMORY_SIZE, OUT, SUCCESS, TYPES, Program, as_i32

from wasm_closures.errors import Errno

# Every test here runs on the native runtime core and on the pure-Python runtime.
pytestmark = pytest.mark.usefixtures("each_runtime_backend")

ERRNOS = {int(e) for e in Errno}
EDGES = [
    0,
    1,
    3,
    4,
    OUT,
    TYPES,
    MEMORY_SIZE - 4,
    MEMORY_SIZE - 1,
    MEMORY_SIZE,
    2**31 - 1,
    2**31,
    2**32 - 4,
    2**32 - 1,
]
u32 = st.one_of(st.sampled_from(EDGES), st.integers(0, 2**32 - 1), st.integers(0, 300))

CANONICAL_TYPES = (TYPES, 2, TYPES + 2, 1)  # (i32, i32) -> i32, as the program's data holds

allocate = st.tuples(st.just("allocate"), st.one_of(st.just(OUT), st.just(OUT), u32))
prepare = st.builds(
    lambda backing, closure, types, env: ("prepare", backing, closure, *types, env),
    st.one_of(st.just(ADD_ENV), u32),
    st.one_of(st.integers(4, 10), u32),  # slots the first allocations hand out, or anything
    st.one_of(st.just(CANONICAL_TYPES), st.tuples(u32, u32, u32, u32)),
    u32,
)
free = st.tuples(st.just("free"), st.one_of(st.integers(4, 10), u32))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(allocate, prepare, free), min_size=1, max_size=40))
def test_random_syscalls_get_errnos_and_leave_a_consistent_runtime(calls):
    program = Program()
    adders = {}  # closure -> env, for closures last prepared as the (i32, i32) -> i32 adder
    for call in calls:
        name, args = call[0], call[1:]
        errno = getattr(program, name)(*args)
        assert errno in ERRNOS, (call, errno)
        if errno != SUCCESS or name == "allocate":
            continue
        closure = args[0] if name == "free" else args[1]
        adders.pop(closure, None)
        # An allocate may have written over the type codes: only trust them while intact.
        intact = program.memory.read(program.store, TYPES, TYPES + 3) == bytearray(3)
        if name == "prepare" and args[0] == ADD_ENV and tuple(args[2:6]) == CANONICAL_TYPES and intact:
            adders[closure] = args[6]
    stats = program.runtime.stats
    assert stats.live == stats.allocations - stats.frees
    for closure, env in adders.items():
        assert program.call_ii_i(closure, 1, 2) == as_i32(1 + 2 + env)
