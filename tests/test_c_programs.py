"""C programs that use closures, built with clang in every shape and run through load_program.

The programs (tests/c) make the syscalls themselves and call their closures through plain C
function pointers; each export returns what its calls gave, so these tests assert exact values.
"""

from __future__ import annotations

import os
import struct
import subprocess
from pathlib import Path

import pytest
import wasmtime
from cprograms import CLOSURE_SHAPES, shared_programs

from wasm_closures.loader import load_program

# Every test here runs on the native runtime core and on the pure-Python runtime.
pytestmark = pytest.mark.usefixtures("each_runtime_backend")

# errno values a guest gets from the closure syscalls (WASIX).
SUCCESS = 0
FAULT = 21
INVAL = 28
NOTSUP = 58
MEMVIOLATION = 78
# A closure slot or backing function that is not usable: the host refuses at prepare time with
# one of these (the reference would fail to link the module, or trap at the first call).
BAD_INDEX = (INVAL, FAULT)

TYPE_CODES = {"i32": 0, "i64": 1, "f32": 2, "f64": 3, "v128": 4}
UNKNOWN_TYPE_CODES = [5, 6, 0x7F, 0x7B, 0xFF]

# (strategy, runtime options): pooled calling backing functions directly (the default),
# pooled calling them through the table, the reference's module per prepare.
CONFIGURATIONS = {
    "pooled": ("pooled", {}),
    "pooled-table": ("pooled", {"direct_backing_calls": False}),
    "module": ("module", {}),
}
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def cprograms(tmp_path_factory):
    return shared_programs(tmp_path_factory)


def load(cprograms, name, shape, configuration="pooled", **kwargs):
    strategy, runtime_options = CONFIGURATIONS[configuration]
    program = load_program(
        cprograms.path(name, shape), strategy=strategy, runtime_options=runtime_options, **kwargs
    )
    assert program.closures is not None
    return program


def check_no_error(program):
    """The program records the first failed syscall or check; fail with it."""
    line, errno = program.invoke("wc_error_line"), program.invoke("wc_error_errno")
    assert (line, errno) == (0, 0), f"{program.name}: check at line {line} failed (errno {errno})"


def f32(x: float) -> float:
    return struct.unpack("<f", struct.pack("<f", x))[0]


# ---------------------------------------------------------------------------------------------
# Every value type


@pytest.fixture(
    scope="module",
    params=[(s, st) for s in CLOSURE_SHAPES for st in CONFIGURATIONS],
    ids=lambda p: f"{p[0]}-{p[1]}",
)
def types_program(request, cprograms, each_runtime_backend):
    shape, configuration = request.param
    return load(cprograms, "closure_types", shape, configuration)


def test_types_program_main_succeeds(cprograms):
    for shape in CLOSURE_SHAPES:
        program = load(cprograms, "closure_types", shape)
        assert program.run_start() == 0
        check_no_error(program)


def test_i32(types_program):
    p = types_program
    assert p.invoke("add_i32", 1, 2) == 1003
    assert p.invoke("add_i32", -2000, 7) == -993
    assert p.invoke("add_i32", 0x7FFF_FFFF, 1) == -0x8000_0000 + 1000  # wraps like i32.add
    check_no_error(p)


def test_i64(types_program):
    p = types_program
    assert p.invoke("mul_add_i64", 3, 5) == 15 + (1 << 32)
    assert p.invoke("mul_add_i64", 1 << 31, 1 << 31) == (1 << 62) + (1 << 32)
    assert p.invoke("mul_add_i64", -7, 1 << 40) == -7 * (1 << 40) + (1 << 32)
    check_no_error(p)


def test_f32(types_program):
    p = types_program
    assert p.invoke("mul_add_f32", 1.5, 2.0) == 3.25
    assert p.invoke("mul_add_f32", 0.1, 3.0) == f32(f32(f32(0.1) * 3.0) + 0.25)
    check_no_error(p)


def test_f64(types_program):
    p = types_program
    assert p.invoke("div_add_f64", 1.0, 4.0) == 0.75
    assert p.invoke("div_add_f64", 1.0, 3.0) == 1.0 / 3.0 + 0.5
    check_no_error(p)


@pytest.mark.parametrize("lane", range(4))
def test_v128_arguments_and_result(types_program, lane):
    p = types_program
    x = 1000
    assert p.invoke("mul_add_v128", x, lane) == (x + lane) * (lane + 2) + 10 * (lane + 1)
    check_no_error(p)


@pytest.mark.parametrize(
    "lane, expected",
    list(enumerate([1 + 100 + 1000 + 5, 2 + 200 + 2000 + 6, 3 + 300 + 3000 + 7, 4 + 400 + 4000 + 8])),
)
def test_v128_among_other_types_at_unaligned_offsets(types_program, lane, expected):
    assert types_program.invoke("mixed_v128", lane) == expected
    check_no_error(types_program)


def test_v128_argument_f64_result(types_program):
    assert types_program.invoke("v128_to_f64", 1.5, 2.5) == 12.0
    assert types_program.invoke("v128_to_f64", -0.25, 1e300) == (-0.25 + 1e300) * 3.0
    check_no_error(types_program)


def test_zero_parameters(types_program):
    assert types_program.invoke("counter", 1) == 11
    assert types_program.invoke("counter", 50) == 60
    check_no_error(types_program)


def test_no_parameters_no_results(types_program):
    assert types_program.invoke("void_void", 0) == 0
    assert types_program.invoke("void_void", 6) == 42
    check_no_error(types_program)


def test_no_results(types_program):
    assert types_program.invoke("no_results", 5, 6) == 11
    assert types_program.invoke("no_results", -1, 1 << 50) == (1 << 50) - 1
    check_no_error(types_program)


def test_sixteen_parameters(types_program):
    args = [1, 2, 3.5, 4.25, 5, 6, 7.5, 8.25, 9, 10, 11.5, 12.25, 13, 14, 15.5, 16.25]
    expected = 0.5 + sum(value * (i + 1) for i, value in enumerate(args))
    assert types_program.invoke("sixteen") == expected
    check_no_error(types_program)


def test_several_results_called_from_the_host(types_program):
    p = types_program
    closure = p.invoke("make_multi")
    check_no_error(p)
    func = p.table.get(p.store, closure)
    assert isinstance(func, wasmtime.Func)
    assert func(p.store, 7, 8) == [49, 16, 15.0]
    assert func(p.store, -50, -(1 << 40)) == [-8, -(1 << 41), -50.0 - (1 << 40)]
    assert p.invoke("free_closure", closure) == SUCCESS


def test_calls_leave_the_stack_pointer_where_it_was(types_program):
    p = types_program
    before = p.stack_pointer.value(p.store)
    p.invoke("sixteen")
    p.invoke("mixed_v128", 0)
    assert p.stack_pointer.value(p.store) == before
    if p.kind == "pie":
        assert before == p.stack_high


# ---------------------------------------------------------------------------------------------
# Lifecycle


@pytest.fixture(
    params=[(s, st) for s in CLOSURE_SHAPES for st in CONFIGURATIONS], ids=lambda p: f"{p[0]}-{p[1]}"
)
def lifecycle(request, cprograms):
    shape, configuration = request.param
    return load(cprograms, "closure_lifecycle", shape, configuration)


def test_lifecycle_program_main_succeeds(lifecycle):
    assert lifecycle.run_start() == 0
    check_no_error(lifecycle)


def test_reprepare_one_slot_with_other_signatures_and_backing_functions(lifecycle):
    # 15 + 8 * 100 + 42 * 10000 + 9 * 1000000: see closure_lifecycle.c
    assert lifecycle.invoke("reprepare") == 9_420_815
    assert lifecycle.invoke("reprepare") == 9_420_815
    check_no_error(lifecycle)


def test_hundreds_of_closures_live_at_once(lifecycle):
    p = lifecycle
    assert p.invoke("alloc_many", 500) == 500
    check_no_error(p)
    assert p.invoke("distinct") == 1
    assert p.invoke("call_all", 3) == 3 * 500 * 501 // 2
    slots = {p.invoke("live_slot", i) for i in range(500)}
    assert len(slots) == 500 and max(slots) < p.table_size()
    assert p.invoke("free_all") == 500


def test_freed_slots_are_reused(lifecycle):
    p = lifecycle
    assert p.invoke("alloc_many", 300) == 300
    first_slots = {p.invoke("live_slot", i) for i in range(300)}
    size = p.table_size()
    assert p.invoke("free_all") == 300
    assert p.invoke("alloc_many", 300) == 300
    check_no_error(p)
    assert {p.invoke("live_slot", i) for i in range(300)} == first_slots
    # No new chunk of slots: the freed ones came back. (The "module" strategy, like the
    # reference, appends each trampoline to the table when it links it: one entry a prepare.)
    growth = p.table_size() - size
    assert growth == 0 if p.closures.strategy == "pooled" else growth <= 300
    assert p.invoke("call_all", 2) == 2 * 300 * 301 // 2
    assert p.invoke("free_all") == 300
    assert p.invoke("free_then_reuse") == 18
    check_no_error(p)


@pytest.mark.parametrize("closure", [0, 0x7FFF_FFFF, 0xFFFF_FFFF, 123456])
def test_free_of_unknown_indices_succeeds(lifecycle, closure):
    assert lifecycle.invoke("free_errno", closure) == SUCCESS


def test_double_free_succeeds(lifecycle):
    assert lifecycle.invoke("double_free") == SUCCESS
    check_no_error(lifecycle)


# ---------------------------------------------------------------------------------------------
# Bad inputs: an errno at the call, never a trap


@pytest.fixture(params=CLOSURE_SHAPES)
def errors(request, cprograms):
    return load(cprograms, "closure_errors", request.param)


def test_errors_program_main_succeeds(errors):
    assert errors.run_start() == 0
    check_no_error(errors)


@pytest.mark.parametrize("code", UNKNOWN_TYPE_CODES)
def test_unknown_argument_type_code_is_inval(errors, code):
    assert errors.invoke("prepare_arg_type", code) == INVAL
    assert errors.invoke("still_works", 1) == 2
    check_no_error(errors)


@pytest.mark.parametrize("code", UNKNOWN_TYPE_CODES)
def test_unknown_result_type_code_is_inval(errors, code):
    assert errors.invoke("prepare_result_type", code) == INVAL


@pytest.mark.parametrize("name, code", TYPE_CODES.items())
def test_every_known_type_code_is_accepted(errors, name, code):
    assert errors.invoke("prepare_arg_type", code) == SUCCESS
    assert errors.invoke("prepare_result_type", code) == SUCCESS


def bad_ranges(program):
    size = program.memory_size()
    good = program.invoke("out_slot_address")
    return [
        (0xFFFF_FFF0, 32),  # starts inside the 4 GiB space, ends past it
        (0xFFFF_FFFF, 1),
        (size, 1),  # just past the end of memory
        (size - 1, 2),  # straddles the end
        (good, 0xFFFF_FFFF),  # huge length
        (good, size),
    ]


def test_type_arrays_outside_memory_are_memviolation(errors):
    for ptr, length in bad_ranges(errors):
        assert errors.invoke("prepare_arg_array", ptr, length) == MEMVIOLATION, (ptr, length)
        assert errors.invoke("prepare_result_array", ptr, length) == MEMVIOLATION, (ptr, length)
    assert errors.invoke("still_works", 41) == 42
    check_no_error(errors)


def test_empty_type_arrays_anywhere_in_memory_are_fine(errors):
    size = errors.memory_size()
    assert errors.invoke("prepare_arg_array", 0, 0) == SUCCESS
    assert errors.invoke("prepare_arg_array", size, 0) == SUCCESS


def test_allocate_out_pointer_outside_memory_is_memviolation(errors):
    size = errors.memory_size()
    for ptr in (0xFFFF_FFF0, 0xFFFF_FFFD, size, size - 3):
        assert errors.invoke("allocate_to", ptr) == MEMVIOLATION, ptr
    assert errors.invoke("allocate_to", errors.invoke("out_slot_address")) == SUCCESS
    assert errors.invoke("allocate_to", size - 4) == SUCCESS
    # A refused allocate leaks no slot: the table did not grow for any of them.
    size_before = errors.table_size()
    for _ in range(200):
        assert errors.invoke("allocate_to", 0xFFFF_FFF0) == MEMVIOLATION
    assert errors.table_size() == size_before


def test_closure_index_outside_the_table_or_never_allocated(errors):
    table_size = errors.table_size()
    backing = errors.invoke("backing_index")
    wrong = errors.invoke("wrong_type_index")
    for closure in (0x7FFF_FFFF, 0xFFFF_FFFF, table_size, table_size + 100, 0, backing, wrong):
        assert errors.invoke("prepare_slot", closure) in BAD_INDEX, closure
    # The program's own functions were not overwritten.
    assert errors.invoke("call_wrong_type", 21) == 42
    assert errors.invoke("still_works", 9) == 10
    check_no_error(errors)


def test_prepare_on_a_freed_slot_is_refused(errors):
    assert errors.invoke("prepare_after_free") in BAD_INDEX
    check_no_error(errors)


def test_backing_function_missing_or_of_the_wrong_type(errors):
    table_size = errors.table_size()
    for backing in (
        0,
        table_size,
        table_size + 5,
        0x7FFF_FFFF,
        0xFFFF_FFFF,
        errors.invoke("wrong_type_index"),
    ):
        assert errors.invoke("prepare_backing", backing) in BAD_INDEX, backing
    assert errors.invoke("prepare_backing", errors.invoke("backing_index")) == SUCCESS
    assert errors.invoke("still_works", 99) == 100
    check_no_error(errors)


def test_a_static_program_without_its_table_exported_gets_notsup(cprograms):
    program = load(cprograms, "closure_errors", "static-noexport")
    assert program.table is None and not program.closures.bound
    assert program.invoke("allocate_errno") == NOTSUP
    assert program.invoke("prepare_slot", 1) == NOTSUP
    assert program.invoke("prepare_arg_type", 0) == -1  # its allocate failed first
    assert program.invoke("wc_error_errno") == NOTSUP


# ---------------------------------------------------------------------------------------------
# qsort with a closure comparator (static wasi-libc)


SORTED_ASCENDING = "ascending: -250 -7 0 3 3 8 19 42 61 100"
SORTED_DESCENDING = "descending: 100 61 42 19 8 3 3 0 -7 -250"


@pytest.mark.parametrize("configuration", CONFIGURATIONS)
@pytest.mark.parametrize(
    "argv, expected",
    [
        (["qsort"], [SORTED_ASCENDING, SORTED_DESCENDING]),
        (["qsort", "desc"], [SORTED_DESCENDING, SORTED_ASCENDING]),
    ],
)
def test_qsort_with_a_closure_comparator(cprograms, capfd, configuration, argv, expected):
    program = load(cprograms, "qsort_closure", "static", configuration, argv=argv)
    assert program.run_start() == 0
    out, err = capfd.readouterr()
    assert out.splitlines() == [*expected, "comparisons counted: yes"]
    assert err == ""


# ---------------------------------------------------------------------------------------------
# The example


def test_example_runs(capfd):
    program = load_program(REPO / "examples" / "closures.wasm", argv=["closures"])
    assert program.kind == "static"
    assert program.run_start() == 0
    assert capfd.readouterr().out == EXAMPLE_OUTPUT


def test_example_source_builds_with_its_script(tmp_path):
    out = tmp_path / "closures.wasm"
    env = {**os.environ, "OUT": str(out)}
    subprocess.run(["sh", str(REPO / "examples" / "build.sh")], check=True, env=env)
    program = load_program(out)
    assert program.run_start() == 0


EXAMPLE_OUTPUT = (
    "counter: 1 2 3\n"
    "adders: add5(10) = 15, add100(10) = 110\n"
    "call_dynamic: add5(37) = 42\n"
    "sorted ascending: 1 2 3 5 8 13 21\n"
    "sorted descending: 21 13 8 5 3 2 1\n"
    "comparisons made: yes\n"
)
