"""The module reader (wasm_closures.dylink) and the program loader (wasm_closures.loader),
without closures: real clang output of both shapes, hand-made modules, malformed bytes."""

from __future__ import annotations

import contextlib
import copy
import os
import pickle
import random
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import wasmtime
from cprograms import shared_programs

from wasm_closures import DiskCache, InvalidValueError, MemoryImport, WasmClosuresError, dylink
from wasm_closures._format import wasm as w
from wasm_closures._format.binary import MAGIC_AND_VERSION
from wasm_closures.dylink import (
    I32,
    KIND_FUNC,
    KIND_GLOBAL,
    KIND_MEMORY,
    KIND_TABLE,
    V128,
    DylinkInfo,
    InvalidModuleError,
    MemInfo,
    parse_dylink,
    parse_module,
)
from wasm_closures.loader import (
    DEFAULT_STACK_SIZE,
    LOW_RESERVED,
    LoadError,
    ProgramError,
    default_engine,
    load_program,
)

PIE_SHAPES = ["pie", "pie-shared"]


@pytest.fixture(scope="session")
def cprograms(tmp_path_factory):
    return shared_programs(tmp_path_factory)


def objdump_dylink(path: Path) -> dict:
    """The MEM_INFO numbers as wabt's wasm-objdump reads them (an independent parser)."""
    tool = shutil.which("wasm-objdump")
    assert tool, "wasm-objdump (Debian package wabt) is required by the tests"
    out = subprocess.run(
        [tool, "-x", "-j", "dylink.0", str(path)], check=True, stdout=subprocess.PIPE, text=True
    ).stdout
    return {
        key: int(value)
        for key, value in re.findall(r"- (mem_size|mem_p2align|table_size|table_p2align)\s*: (\d+)", out)
    }


# ---------------------------------------------------------------------------------------------
# Reading real clang output


@pytest.mark.parametrize("shape", PIE_SHAPES)
def test_dylink_of_a_real_pie_matches_wabt(cprograms, shape):
    path = cprograms.path("pie_plain", shape)
    info = parse_module(path)
    assert info.dylink is not None and info.is_position_independent
    mem = info.dylink.mem_info
    assert mem is not None
    wabt = objdump_dylink(path)
    assert (mem.memory_size, mem.memory_alignment, mem.table_size, mem.table_alignment) == (
        wabt["mem_size"],
        wabt["mem_p2align"],
        wabt["table_size"],
        wabt["table_p2align"],
    )
    assert mem.table_size == 3  # add, mul, sub: the function pointers in `ops`
    assert mem.memory_size > 0
    assert dylink.read_dylink(path.read_bytes()) == info.dylink


@pytest.mark.parametrize("shape", PIE_SHAPES)
def test_imports_and_exports_of_a_real_pie(cprograms, shape):
    info = parse_module(cprograms.bytes("pie_plain", shape))
    by_name = {(imp.module, imp.name): imp for imp in info.imports}
    memory = by_name[("env", "memory")]
    assert memory.kind == KIND_MEMORY
    assert memory.desc.shared is (shape == "pie-shared")
    if shape == "pie-shared":
        assert memory.desc.maximum == 67108864 // 65536
    assert by_name[("env", "__indirect_function_table")].kind == KIND_TABLE
    assert by_name[("env", "__indirect_function_table")].desc.element == dylink.FUNCREF
    assert by_name[("env", "__stack_pointer")].desc == dylink.GlobalType(I32, True)
    assert by_name[("env", "__memory_base")].desc == dylink.GlobalType(I32, False)
    assert by_name[("env", "__table_base")].desc == dylink.GlobalType(I32, False)
    assert by_name[("wasi_snapshot_preview1", "proc_exit")].kind == KIND_FUNC
    assert info.export_func_type("apply") == dylink.FuncType((I32, I32, I32), (I32,))
    assert info.export_func_type("_start") == dylink.FuncType((), ())
    assert info.start is not None  # lld applies data relocations from the start function
    assert info.memory_is_imported
    assert info.uses_shared_memory is (shape == "pie-shared")


def test_memory_import_of_each_shape(cprograms):
    assert dylink.memory_import(cprograms.bytes("pie_plain", "pie-shared")) == MemoryImport(
        shared=True, minimum=1, maximum=1024
    )
    pie = dylink.memory_import(cprograms.bytes("pie_plain", "pie"))
    assert pie.shared is False and pie.maximum is None
    static = dylink.memory_import(cprograms.path("hello_static", "static"))
    assert static.shared is False and static.maximum is None and static.minimum >= 1


def test_a_static_program_has_no_dylink_and_exports_what_closures_need(cprograms):
    info = parse_module(cprograms.bytes("hello_static", "static"))
    assert info.dylink is None and not info.is_position_independent
    exports = {e.name: e.kind for e in info.exports}
    assert exports["memory"] == KIND_MEMORY
    assert exports["__indirect_function_table"] == KIND_TABLE
    assert exports["__stack_pointer"] == KIND_GLOBAL
    assert info.global_type(info.export("__stack_pointer").index) == dylink.GlobalType(I32, True)
    assert not info.memory_is_imported


def test_v128_signatures_are_read_from_the_bytes_without_wasmtime(cprograms):
    info = parse_module(cprograms.bytes("closure_types", "static"))
    # Every export of closure_types is callable from Python (the v128 stays inside)...
    assert all(info.export_func_type(e.name).numeric for e in info.exports if e.kind == KIND_FUNC)
    # ...but the module has v128 function types inside.
    assert any(t is not None and V128 in t.params + t.results for t in info.types)


# ---------------------------------------------------------------------------------------------
# dylink.0 by hand


def dylink_payload(*subsections) -> bytes:
    return b"".join(bytes([kind]) + w.uleb(len(body)) + body for kind, body in subsections)


def test_parse_dylink_all_subsections_and_skips_unknown_ones():
    payload = dylink_payload(
        (1, w.uleb(300) + w.uleb(3) + w.uleb(17) + w.uleb(1)),
        (2, w.uleb(2) + w.name("libc.so") + w.name("libm.so")),
        (3, w.uleb(1) + w.name("tls_var") + w.uleb(0x100)),
        (99, b"\xff\xff\xff"),  # unknown: skipped
        (4, w.uleb(1) + w.name("env") + w.name("weak_fn") + w.uleb(1)),
    )
    info = parse_dylink(payload)
    assert info == DylinkInfo(
        MemInfo(300, 3, 17, 1), ("libc.so", "libm.so"), (("tls_var", 0x100),), (("env", "weak_fn", 1),)
    )


def test_parse_empty_dylink_section_as_the_trampolines_carry():
    assert parse_dylink(b"") == DylinkInfo()


def test_parse_legacy_dylink_section():
    payload = w.uleb(64) + w.uleb(2) + w.uleb(4) + w.uleb(0) + w.uleb(1) + w.name("libfoo.so")
    info = parse_dylink(payload, legacy=True)
    assert info.mem_info == MemInfo(64, 2, 4, 0) and info.needed == ("libfoo.so",) and info.legacy
    module = MAGIC_AND_VERSION + w.custom_section("dylink", payload)
    assert parse_module(module).dylink == info


def test_dylink_in_a_module_with_large_leb_values():
    payload = dylink_payload((1, w.uleb(0xFFFF_FFFF) + w.uleb(31) + w.uleb(0x1234_5678) + w.uleb(0)))
    module = MAGIC_AND_VERSION + w.custom_section("dylink.0", payload)
    assert parse_module(module).dylink.mem_info == MemInfo(0xFFFF_FFFF, 31, 0x1234_5678, 0)


MALFORMED_DYLINK = {
    "truncated subsection header": b"\x01",
    "subsection longer than the section": b"\x01\x10\x00",
    "truncated mem_info": dylink_payload((1, w.uleb(5) + w.uleb(2))),
    "mem_info with trailing bytes": dylink_payload(
        (1, w.uleb(5) + w.uleb(2) + w.uleb(0) + w.uleb(0) + b"\x00")
    ),
    "leb128 over 32 bits": dylink_payload((1, b"\xff\xff\xff\xff\x7f" + b"\x00\x00\x00")),
    "leb128 too long": dylink_payload((1, b"\x80\x80\x80\x80\x80\x00" + b"\x00\x00\x00")),
    "alignment 2**32": dylink_payload((1, w.uleb(5) + w.uleb(32) + w.uleb(0) + w.uleb(0))),
    "needed count beyond the data": dylink_payload((2, w.uleb(1000))),
    "needed name beyond the data": dylink_payload((2, w.uleb(1) + w.uleb(50) + b"abc")),
    "needed name not utf-8": dylink_payload((2, w.uleb(1) + w.uleb(2) + b"\xff\xfe")),
    "duplicate mem_info": dylink_payload((1, b"\x00" * 4), (1, b"\x00" * 4)),
    "export info without flags": dylink_payload((3, w.uleb(1) + w.name("x"))),
    "import info missing field": dylink_payload((4, w.uleb(1) + w.name("env"))),
}


@pytest.mark.parametrize("payload", MALFORMED_DYLINK.values(), ids=MALFORMED_DYLINK.keys())
def test_malformed_dylink_raises_a_clear_error(payload):
    with pytest.raises(InvalidModuleError, match="malformed") as err:
        parse_dylink(payload)
    assert isinstance(err.value, ValueError) and isinstance(err.value, InvalidValueError)
    module = MAGIC_AND_VERSION + w.custom_section("dylink.0", payload)
    with pytest.raises(InvalidModuleError):
        parse_module(module)


# ---------------------------------------------------------------------------------------------
# Malformed modules


def _sec(section_id: int, payload: bytes) -> bytes:
    return w.section(section_id, payload)


HEADER = MAGIC_AND_VERSION
MALFORMED_MODULES = {
    "empty": b"",
    "not wasm": b"\x7fELF\x02\x01\x01\x00",
    "short header": b"\x00asm\x01",
    "component": b"\x00asm\x0d\x00\x01\x00",
    "version 2": b"\x00asm\x02\x00\x00\x00",
    "section size beyond the end": HEADER + b"\x01\x20\x00",
    "truncated section header": HEADER + b"\x01",
    "unterminated leb128 size": HEADER + b"\x01\x80\x80",
    "unknown section id": HEADER + _sec(42, b""),
    "duplicate type section": HEADER + _sec(1, b"\x00") + _sec(1, b"\x00"),
    "sections out of order": HEADER + _sec(3, b"\x00") + _sec(1, b"\x00"),
    "type count beyond the data": HEADER + _sec(1, w.uleb(0xFFFFFF)),
    "not a function type": HEADER + _sec(1, b"\x01\x5f\x00"),
    "unknown value type": HEADER + _sec(1, b"\x01\x60\x01\x55\x00"),
    "trailing bytes in a section": HEADER + _sec(1, b"\x00\x00"),
    "import kind 9": HEADER + _sec(2, b"\x01" + w.name("env") + w.name("x") + b"\x09\x00"),
    "import name not utf-8": HEADER + _sec(2, b"\x01" + w.uleb(1) + b"\xff" + w.name("x") + b"\x00\x00"),
    "memory limits flags 0x10": HEADER + _sec(5, b"\x01\x10\x01"),
    "memory max below min": HEADER + _sec(5, b"\x01\x01\x05\x01"),
    "shared table": HEADER + _sec(4, b"\x01\x70\x03\x01\x02"),
    "global mutability 2": HEADER + _sec(6, b"\x01\x7f\x02\x41\x00\x0b"),
    "global init without end": HEADER + _sec(6, b"\x01\x7f\x00\x41\x00"),
    "global init with a call": HEADER + _sec(6, b"\x01\x7f\x00\x10\x00\x0b"),
    "export kind 7": HEADER + _sec(7, b"\x01" + w.name("x") + b"\x07\x00"),
    "duplicate export": HEADER + _sec(7, b"\x02" + w.name("x") + b"\x00\x00" + w.name("x") + b"\x00\x01"),
    "custom section name beyond the section": HEADER + b"\x00\x02\x10a",
    "start index too large": HEADER + _sec(8, b"\xff\xff\xff\xff\x7f"),
}


@pytest.mark.parametrize("data", MALFORMED_MODULES.values(), ids=MALFORMED_MODULES.keys())
def test_malformed_module_raises_invalid_module_error(data):
    with pytest.raises(InvalidModuleError) as err:
        parse_module(data)
    assert isinstance(err.value, WasmClosuresError) and isinstance(err.value, ValueError)
    assert str(err.value)


def test_truncations_and_corruptions_of_real_modules_never_escape_as_other_errors(cprograms):
    rng = random.Random(1234)
    for data in (cprograms.bytes("pie_plain", "pie-shared"), cprograms.bytes("closure_types", "pie")):
        for cut in list(range(0, 200)) + rng.sample(range(200, len(data)), 100):
            with contextlib.suppress(InvalidModuleError):
                parse_module(data[:cut])
        for _ in range(500):
            corrupt = bytearray(data)
            for _ in range(rng.randint(1, 4)):
                corrupt[rng.randrange(8, min(len(data), 600))] = rng.randrange(256)
            with contextlib.suppress(InvalidModuleError):
                parse_module(bytes(corrupt))


def test_the_records_of_a_parsed_module_compare_copy_and_pickle_as_values(cprograms):
    info = parse_module(cprograms.bytes("pie_plain", "pie"))
    again = parse_module(cprograms.bytes("pie_plain", "pie"))
    assert again == info and again is not info
    assert copy.copy(info) == info and pickle.loads(pickle.dumps(info)) == info
    assert pickle.loads(pickle.dumps(info.imports)) == info.imports
    assert hash(info.imports[0]) == hash(again.imports[0])
    with pytest.raises(AttributeError):
        info.imports[0].name = "other"


def test_parse_module_refuses_things_that_are_not_modules():
    with pytest.raises(InvalidValueError):
        parse_module(12345)  # type: ignore[arg-type]
    with pytest.raises(InvalidModuleError, match="no memory"):
        dylink.memory_import(HEADER)


# ---------------------------------------------------------------------------------------------
# Hand-made modules: GOT entries, v128 signatures, several results


def dylink0(memory_size: int, memory_p2align: int = 2, table_size: int = 0, table_p2align: int = 0) -> bytes:
    payload = dylink_payload(
        (1, w.uleb(memory_size) + w.uleb(memory_p2align) + w.uleb(table_size) + w.uleb(table_p2align))
    )
    return w.custom_section("dylink.0", payload)


def with_custom_first(module: bytes, custom: bytes) -> bytes:
    assert module[:8] == HEADER
    return HEADER + custom + module[8:]


def got_module(use_start: bool) -> bytes:
    """A PIE that takes the address of its own function and data symbol through GOT.func /
    GOT.mem imports, and stores both into its data at load time like lld's relocation code:
    from the start function, or from an exported __wasm_apply_data_relocs."""
    relocs_export = "" if use_start else '(export "__wasm_apply_data_relocs" (func $relocs))'
    start = "(start $relocs)" if use_start else ""
    wat = f"""
    (module
      (type $i_i (func (param i32) (result i32)))
      (import "env" "memory" (memory 1))
      (import "env" "__indirect_function_table" (table 0 funcref))
      (import "env" "__stack_pointer" (global $sp (mut i32)))
      (import "env" "__memory_base" (global $mb i32))
      (import "env" "__table_base" (global $tb i32))
      (import "GOT.func" "target" (global $got_target (mut i32)))
      (import "GOT.mem" "data_sym" (global $got_data (mut i32)))
      (global $data_sym i32 (i32.const 8))
      (func $target (type $i_i) (i32.mul (local.get 0) (i32.const 3)))
      (func $relocs
        (i32.store (global.get $mb) (global.get $got_target))
        (i32.store offset=4 (global.get $mb) (global.get $got_data)))
      (func (export "call_got") (param i32) (result i32)
        (call_indirect (type $i_i) (local.get 0) (global.get $got_target)))
      (func (export "got_target") (result i32) (global.get $got_target))
      (func (export "got_data") (result i32) (global.get $got_data))
      (func (export "stored") (param i32) (result i32) (i32.load (i32.add (global.get $mb) (local.get 0))))
      (export "target" (func $target))
      (export "data_sym" (global $data_sym))
      {relocs_export}
      {start}
    )"""
    return with_custom_first(wasmtime.wat2wasm(wat), dylink0(16))


@pytest.mark.parametrize("use_start", [True, False], ids=["start-section", "exported-apply-relocs"])
def test_got_func_and_got_mem_resolve_to_the_modules_own_exports(use_start):
    program = load_program(got_module(use_start), closures=False)
    assert program.kind == "pie"
    index = program.invoke("got_target")
    assert index >= program.table_base
    assert isinstance(program.table.get(program.store, index), wasmtime.Func)
    assert program.invoke("call_got", 14) == 42
    assert program.invoke("got_data") == program.memory_base + 8
    # The relocation code ran after the GOT was filled (a start section is deferred for that).
    assert program.invoke("stored", 0) == index
    assert program.invoke("stored", 4) == program.memory_base + 8
    assert program.got == {"GOT.func.target": index, "GOT.mem.data_sym": program.memory_base + 8}


def test_the_rewrite_that_defers_the_start_function_keeps_a_valid_module():
    info = parse_module(got_module(True))
    rewritten = dylink.rewrite_exports(info, [("memory", KIND_MEMORY, 0)], start_as="later")
    again = parse_module(rewritten)
    assert again.start is None
    assert again.export("later").index == info.start
    assert again.export("memory").kind == KIND_MEMORY
    assert [e.name for e in again.exports][: len(info.exports)] == [e.name for e in info.exports]
    assert again.dylink == info.dylink
    wasmtime.Module(wasmtime.Engine(), rewritten)  # validates
    # A module without an export section gets one, in the right place.
    bare = parse_module(wasmtime.wat2wasm("(module (memory 1) (func $f) (start $f))"))
    rewritten = dylink.rewrite_exports(bare, [("memory", KIND_MEMORY, 0)], start_as="s")
    wasmtime.Module(wasmtime.Engine(), rewritten)
    assert {e.name for e in parse_module(rewritten).exports} == {"memory", "s"}


def test_a_got_entry_without_a_matching_export_is_refused_by_name():
    wat = """(module
      (import "env" "memory" (memory 1))
      (import "env" "__indirect_function_table" (table 0 funcref))
      (import "GOT.func" "nowhere" (global (mut i32)))
      (import "GOT.mem" "nothing" (global (mut i32)))
      (import "GOT.mem" "a_function" (global (mut i32)))
      (func (export "a_function")))"""
    with pytest.raises(LoadError) as err:
        load_program(with_custom_first(wasmtime.wat2wasm(wat), dylink0(0)), closures=False)
    message = str(err.value)
    assert "GOT.func.nowhere" in message and "GOT.mem.nothing" in message and "GOT.mem.a_function" in message


def test_weak_undefined_symbols_from_clang_are_named_in_the_error(cprograms):
    with pytest.raises(LoadError) as err:
        load_program(cprograms.path("pie_weak", "pie"))
    assert "GOT.func.maybe_function" in str(err.value)
    assert "GOT.mem.maybe_data" in str(err.value)


def test_unknown_imports_are_all_named():
    wat = """(module
      (import "env" "mystery" (func))
      (import "other" "thing" (global i32))
      (import "env" "__memory_base" (global (mut i32)))
      (import "wasix_32v1" "closure_allocate" (func (param i32) (result i32))))"""
    with pytest.raises(LoadError) as err:
        load_program(wasmtime.wat2wasm(wat), closures=False)
    message = str(err.value)
    for name in ("env.mystery", "other.thing", "env.__memory_base", "wasix_32v1.closure_allocate"):
        assert name in message
    assert "(disabled)" in message  # closures=False is why the wasix import is unresolved


def test_if_imported_makes_a_closure_runtime_only_for_a_program_that_imports_a_closure_syscall():
    plain = '(module (memory (export "memory") 1) (func (export "_start")))'
    program = load_program(wasmtime.wat2wasm(plain), closures="if-imported")
    assert program.closures is None
    assert load_program(wasmtime.wat2wasm(plain)).closures is not None  # the default: always one
    wat = plain.replace(
        "(memory", '(import "wasix_32v1" "closure_allocate" (func (param i32) (result i32))) (memory'
    )
    program = load_program(wasmtime.wat2wasm(wat), closures="if-imported", strategy="module")
    assert program.closures is not None and program.closures.strategy == "module"
    with pytest.raises(LoadError) as err:  # an unresolved import: the syscalls are not disabled
        load_program(
            wasmtime.wat2wasm(plain.replace("(memory", '(import "env" "f" (func)) (memory')),
            closures="if-imported",
        )
    assert "(disabled)" not in str(err.value)


V128_WAT = """(module
  (memory (export "memory") 1)
  (func (export "id_v128") (param v128) (result v128) (local.get 0))
  (func (export "takes_v128") (param i32 v128) (result i32) (local.get 0))
  (func (export "id_i32") (param i32) (result i32) (local.get 0))
  (func (export "id_i64") (param i64) (result i64) (local.get 0))
  (func (export "id_f32") (param f32) (result f32) (local.get 0))
  (func (export "three") (result i32 i64 f64) (i32.const -1) (i64.const 1099511627776) (f64.const 2.5))
  (func (export "nothing"))
  (global (export "g") i32 (i32.const 1)))"""


@pytest.fixture(scope="module")
def v128_program():
    return load_program(wasmtime.wat2wasm(V128_WAT), closures=False)


@pytest.mark.parametrize("name", ["id_v128", "takes_v128"])
def test_invoke_refuses_v128_signatures_before_wasmtime_sees_them(v128_program, name):
    with pytest.raises(ProgramError, match="v128"):
        v128_program.invoke(name, 0) if name == "id_v128" else v128_program.invoke(name, 0, 0)
    assert not v128_program.func_type(name).numeric


def test_invoke_converts_per_the_export_types(v128_program):
    p = v128_program
    assert p.invoke("id_i32", 0xFFFF_FFFF) == -1  # unsigned spelling accepted
    assert p.invoke("id_i32", -5) == -5
    assert p.invoke("id_i64", 1 << 63) == -(1 << 63)
    assert p.invoke("id_f32", 3) == 3.0
    assert p.invoke("three") == (-1, 1 << 40, 2.5)
    assert p.invoke("nothing") is None


@pytest.mark.parametrize(
    "call, message",
    [
        (("id_i32",), "takes 1 argument"),
        (("id_i32", 1, 2), "takes 1 argument"),
        (("id_i32", 1 << 32), "does not fit i32"),
        (("id_i32", "1"), "must be an int"),
        (("id_i32", True), "must be an int"),
        (("id_f32", "x"), "must be a float"),
        (("id_f32", 10**400), r"argument 0 of id_f32 \(1000000.*\) is too large for f32"),
        (("missing",), "no export 'missing'"),
        (("g",), "is a global, not a function"),
    ],
)
def test_invoke_errors_are_clear(v128_program, call, message):
    with pytest.raises(ProgramError, match=message):
        v128_program.invoke(*call)


def test_run_start_without_start_is_a_clear_error(v128_program):
    with pytest.raises(ProgramError, match="no _start"):
        v128_program.run_start()


# ---------------------------------------------------------------------------------------------
# Loading clang PIE programs


@pytest.fixture(params=PIE_SHAPES)
def pie(request, cprograms):
    return load_program(cprograms.path("pie_plain", request.param), closures=False)


def test_pie_data_relocations_and_function_pointers_in_data(pie):
    assert pie.kind == "pie"
    assert [pie.read_cstring(pie.invoke("op_name", i)) for i in range(3)] == [b"add", b"mul", b"sub"]
    indices = [pie.invoke("op_index", i) for i in range(3)]
    assert sorted(indices) == list(range(pie.table_base, pie.table_base + 3))
    assert [pie.invoke("apply", i, 6, 7) for i in range(3)] == [13, 42, -1]
    ops = pie.invoke("ops_address")
    assert pie.memory_base <= ops < pie.heap_base
    # The struct holds relocated pointers: name at +0, function index at +4.
    assert pie.read_u32(ops + 4) == indices[0]
    assert pie.read_u32(ops) == pie.invoke("op_name", 0)


def test_pie_constructors_run_once_and_pointer_data_is_relocated(pie):
    assert pie.invoke("ctor_runs") == 1
    assert pie.invoke("bump", 3) == 8
    assert pie.invoke("bump", 2) == 10


def test_pie_memory_layout(pie):
    assert pie.stack_low == LOW_RESERVED
    assert pie.stack_high == LOW_RESERVED + DEFAULT_STACK_SIZE
    assert pie.stack_high % 16 == 0
    assert pie.stack_pointer.value(pie.store) == pie.stack_high
    assert pie.memory_base >= pie.stack_high and pie.memory_base % 16 == 0
    mem = pie.info.dylink.mem_info
    assert pie.heap_base >= pie.memory_base + mem.memory_size and pie.heap_base % 16 == 0
    assert pie.memory_size() >= pie.heap_base
    assert pie.table_base == 1 and pie.table_size() >= 1 + mem.table_size
    assert not isinstance(pie.table.get(pie.store, 0), wasmtime.Func)  # a null function pointer traps
    local = pie.invoke("stack_probe", 3)
    assert pie.stack_low <= local < pie.stack_high
    assert pie.stack_pointer.value(pie.store) == pie.stack_high  # restored


def test_pie_shared_memory_is_a_shared_memory(cprograms):
    program = load_program(cprograms.path("pie_plain", "pie-shared"), closures=False)
    assert isinstance(program.memory, wasmtime.SharedMemory)
    assert program.memory_import == MemoryImport(shared=True, minimum=0, maximum=1024)
    plain = load_program(cprograms.path("pie_plain", "pie"), closures=False)
    assert isinstance(plain.memory, wasmtime.Memory)
    assert plain.memory_import == MemoryImport.unshared(minimum=0)


def test_pie_run_start_exit_code_through_wasi(pie):
    # _start calls proc_exit, which wasmtime's WASI finds through a "memory" export the loader adds.
    assert pie.run_start() == 42


def test_pie_stack_size_option(cprograms):
    program = load_program(cprograms.path("pie_plain", "pie"), closures=False, stack_size=65536)
    assert program.stack_high == LOW_RESERVED + 65536
    assert program.invoke("apply", 1, 3, 4) == 12


def test_pie_stack_larger_than_the_memory_maximum_is_refused(cprograms):
    with pytest.raises(LoadError, match="at most 1024 pages"):
        load_program(cprograms.path("pie_plain", "pie-shared"), closures=False, stack_size=1 << 27)


@pytest.mark.parametrize("stack_size", [0, 100, True, 1 << 31, "1"])
def test_bad_stack_sizes(cprograms, stack_size):
    with pytest.raises(InvalidValueError, match="stack_size"):
        load_program(cprograms.path("pie_plain", "pie"), closures=False, stack_size=stack_size)


@pytest.mark.parametrize("shape", PIE_SHAPES)
def test_relocations_are_not_applied_twice_when_apply_data_relocs_is_exported(cprograms, shape):
    # --export-all exports __wasm_apply_data_relocs; lld also runs it from the start function.
    program = load_program(cprograms.path("pie_plain", shape, ldflags=["--export-all"]), closures=False)
    assert program.has_export("__wasm_apply_data_relocs") and program.info.start is not None
    assert sorted(program.invoke("op_index", i) for i in range(3)) == [1, 2, 3]
    assert program.read_cstring(program.invoke("op_name", 2)) == b"sub"
    assert program.invoke("ctor_runs") == 1


def test_a_given_engine_without_threads_cannot_load_a_shared_memory_program(cprograms):
    config = wasmtime.Config()
    config.wasm_threads = False
    with pytest.raises(LoadError, match="shared memory"):
        load_program(
            cprograms.path("pie_plain", "pie-shared"), closures=False, engine=wasmtime.Engine(config)
        )


# ---------------------------------------------------------------------------------------------
# Loading static programs


def test_static_program_prints_and_exits(cprograms, capfd):
    program = load_program(cprograms.path("hello_static", "static"), argv=["hello", "world"], closures=False)
    assert program.kind == "static"
    assert isinstance(program.memory, wasmtime.Memory)
    assert isinstance(program.table, wasmtime.Table)
    assert isinstance(program.stack_pointer, wasmtime.Global)
    assert program.memory_base is None and program.heap_base is None
    assert program.run_start() == 7
    out = capfd.readouterr().out
    assert out == "hello from world with 1 argument(s)\nsorted: 1 3 5 9\n"


def test_static_program_default_argv_is_the_file_name(cprograms, capfd):
    program = load_program(cprograms.path("hello_static", "static"), closures=False)
    assert program.run_start() == 7
    assert capfd.readouterr().out.startswith("hello from nobody with 0 argument(s)\n")


def test_static_program_in_a_subprocess(cprograms, tmp_path):
    # The inherited stdout is the real file descriptor: check it from outside too.
    path = cprograms.path("hello_static", "static")
    script = (
        "import sys; from wasm_closures.loader import load_program; "
        f"sys.exit(load_program({str(path)!r}, argv=['x', 'sub'], closures=False).run_start())"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script],
        stdout=subprocess.PIPE,
        text=True,
        env={**__import__("os").environ, "PYTHONPATH": str(Path(dylink.__file__).parents[1])},
    )
    assert proc.returncode == 7
    assert proc.stdout.splitlines()[0] == "hello from sub with 1 argument(s)"


def test_wasi_disabled_leaves_wasi_imports_unresolved(cprograms):
    with pytest.raises(LoadError, match=r"wasi_snapshot_preview1\.fd_write"):
        load_program(cprograms.path("hello_static", "static"), closures=False, wasi=False)


def test_load_errors_for_missing_files_and_non_wasm(tmp_path):
    with pytest.raises(LoadError, match="cannot read"):
        load_program(tmp_path / "missing.wasm")
    bogus = tmp_path / "bogus.wasm"
    bogus.write_bytes(b"#!/bin/sh\necho hi\n")
    with pytest.raises(InvalidModuleError, match="not a WebAssembly module"):
        load_program(bogus)
    with pytest.raises(InvalidValueError):
        load_program(1234)  # type: ignore[arg-type]


def test_a_module_that_fails_validation_is_a_load_error():
    # Well-formed sections, invalid code: a function returning nothing declared to return i32.
    module = HEADER + _sec(1, b"\x01\x60\x00\x01\x7f") + _sec(3, b"\x01\x00") + _sec(10, b"\x01\x02\x00\x0b")
    parse_module(module)
    with pytest.raises(LoadError, match="cannot compile"):
        load_program(module, closures=False)


def test_memory_helpers_bounds(cprograms):
    program = load_program(cprograms.path("pie_plain", "pie"), closures=False)
    size = program.memory_size()
    program.write_memory(size - 4, b"abcd")
    assert program.read_memory(size - 4, 4) == b"abcd"
    with pytest.raises(InvalidValueError):
        program.read_memory(size - 3, 4)
    with pytest.raises(InvalidValueError):
        program.write_memory(-1, b"x")
    with pytest.raises(ProgramError, match="no NUL"):
        program.read_cstring(size - 4)


REFS_WAT = """
(module
  (func (export "takes_anyref") (param anyref))
  (func (export "gives_externref") (result externref) (ref.null extern))
  (func (export "takes_funcref") (param funcref)))
"""


@pytest.mark.parametrize(
    "name, args", [("takes_anyref", (0,)), ("gives_externref", ()), ("takes_funcref", (None,))]
)
def test_invoke_refuses_reference_types_which_would_abort_wasmtime_py(name, args):
    program = load_program(wasmtime.wat2wasm(REFS_WAT), closures=False)
    with pytest.raises(ProgramError, match="only i32, i64, f32 and f64"):
        program.invoke(name, *args)


START_TRAPS = "(module (func $start (unreachable)) (start $start))"
# Shaped like a PIE (it imports its memory): the loader runs its constructors.
CTORS_TRAP = """(module (import "env" "memory" (memory 1))
  (func (export "__wasm_call_ctors") (drop (i32.div_u (i32.const 1) (i32.const 0)))))"""


@pytest.mark.parametrize(
    "wat, match",
    [
        (START_TRAPS, "(?s)trapped in its start function: .*unreachable"),
        (CTORS_TRAP, "(?s)trapped while starting .*integer divide by zero"),
    ],
)
def test_a_trap_while_starting_is_a_load_error_with_the_trap_as_cause(wat, match):
    with pytest.raises(LoadError, match=match) as info:
        load_program(wasmtime.wat2wasm(wat))
    assert isinstance(info.value.__cause__, wasmtime.Trap)


SPINS = '(module (func (export "spin") (loop (br 0))))'


def test_fuel_stops_a_program_that_never_ends():
    program = load_program(wasmtime.wat2wasm(SPINS), closures=False, wasi=False, fuel=10_000)
    with pytest.raises(wasmtime.Trap) as info:
        program.invoke("spin")
    assert info.value.trap_code == wasmtime.TrapCode.OUT_OF_FUEL


def test_an_epoch_deadline_stops_a_program_that_never_ends():
    from wasm_closures.loader import default_engine

    wasm = wasmtime.wat2wasm(SPINS)
    engine = default_engine(parse_module(wasm), epoch_interruption=True)
    program = load_program(wasm, engine=engine, closures=False, wasi=False, epoch_deadline=1)
    timer = threading.Timer(0.2, engine.increment_epoch)
    timer.start()
    try:
        with pytest.raises(wasmtime.Trap) as info:
            program.invoke("spin")
    finally:
        timer.join()
    assert info.value.trap_code == wasmtime.TrapCode.INTERRUPT


@pytest.mark.parametrize("limit", ["fuel", "epoch_deadline"])
@pytest.mark.parametrize("value", [-1, 1 << 64, 1.0, True])
def test_bad_limits_are_named(limit, value):
    with pytest.raises(InvalidValueError, match=limit):
        load_program(wasmtime.wat2wasm(SPINS), closures=False, wasi=False, **{limit: value})


def test_fuel_with_an_engine_that_does_not_count_it_is_a_load_error():
    with pytest.raises(LoadError, match="consume_fuel"):
        load_program(wasmtime.wat2wasm(SPINS), engine=wasmtime.Engine(), closures=False, wasi=False, fuel=10)


def test_an_epoch_timer_started_before_a_slow_compile_still_stops_the_program():
    from wasm_closures.epoch_timer import EpochTimer
    from wasm_closures.loader import default_engine

    # Wide v128 signatures compile slowly (about 0.1 s): the timer's time is up before the
    # store exists, and the store's deadline counts from the epoch when it is made.
    wide = " v128" * 1000
    funcs = "\n".join(f"(func (param{wide}) (result{wide}) unreachable)" for _ in range(40))
    wasm = wasmtime.wat2wasm(f'(module {funcs} (func (export "spin") (loop (br 0))))')
    engine = default_engine(parse_module(wasm), consume_fuel=True, epoch_interruption=True)
    with EpochTimer(engine, 0.001):
        # The fuel ends the loop (OUT_OF_FUEL, a failure) if the deadline never comes.
        program = load_program(wasm, engine=engine, closures=False, wasi=False, epoch_deadline=1, fuel=10**10)
        with pytest.raises(wasmtime.Trap) as info:
            program.invoke("spin")
    assert info.value.trap_code == wasmtime.TrapCode.INTERRUPT


def test_epoch_deadline_with_an_engine_that_does_not_check_epochs_is_a_load_error():
    with pytest.raises(LoadError, match=r"epoch_deadline=1: .*Config\.epoch_interruption"):
        load_program(
            wasmtime.wat2wasm(SPINS), engine=wasmtime.Engine(), closures=False, wasi=False, epoch_deadline=1
        )


def test_epoch_deadline_with_an_engine_that_checks_epochs_and_counts_fuel_loads():
    config = wasmtime.Config()
    config.epoch_interruption = True
    config.consume_fuel = True
    wasm = wasmtime.wat2wasm(SPINS)
    program = load_program(
        wasm, engine=wasmtime.Engine(config), closures=False, wasi=False, epoch_deadline=0, fuel=10**9
    )
    with pytest.raises(wasmtime.Trap) as info:
        program.invoke("spin")
    assert info.value.trap_code == wasmtime.TrapCode.INTERRUPT


# ---------------------------------------------------------------------------------------------
# Odd but valid inputs (issue 16): a GOT entry imported twice, table sizes that wrap


def test_a_got_func_entry_imported_twice_is_one_entry():
    wat = """
    (module
      (type $i_i (func (param i32) (result i32)))
      (import "env" "memory" (memory 1))
      (import "env" "__indirect_function_table" (table 0 funcref))
      (import "GOT.func" "target" (global $a (mut i32)))
      (import "GOT.func" "target" (global $b (mut i32)))
      (func $target (type $i_i) (i32.mul (local.get 0) (i32.const 3)))
      (func (export "same") (result i32) (i32.eq (global.get $a) (global.get $b)))
      (func (export "call_b") (param i32) (result i32)
        (call_indirect (type $i_i) (local.get 0) (global.get $b)))
      (export "target" (func $target))
    )"""
    program = load_program(with_custom_first(wasmtime.wat2wasm(wat), dylink0(0)), closures=False)
    assert program.invoke("same") == 1
    assert program.invoke("call_b", 5) == 15


def _table_pie(table_size: int, table_p2align: int) -> bytes:
    wat = """
    (module
      (import "env" "memory" (memory 1))
      (import "env" "__indirect_function_table" (table 0 funcref))
      (import "env" "__table_base" (global i32))
      (func (export "_start"))
    )"""
    return with_custom_first(wasmtime.wat2wasm(wat), dylink0(0, 2, table_size, table_p2align))


@pytest.mark.parametrize(
    ("table_size", "table_p2align"),
    [(2**31, 31), (2**31 + 7, 31), (2**32 - 1, 0)],
    ids=["wraps-to-0", "wraps-to-7", "base-plus-size-past-u32"],
)
def test_a_table_size_past_32_bits_is_a_load_error(table_size, table_p2align):
    with pytest.raises(LoadError, match="32-bit table"):
        load_program(_table_pie(table_size, table_p2align), closures=False, wasi=False)


def test_a_table_too_large_to_allocate_is_a_load_error():
    with pytest.raises(LoadError, match="cannot create the table"):
        load_program(_table_pie(2**32 - 2, 0), closures=False, wasi=False)


# ---------------------------------------------------------------------------------------------
# The compiled-program cache (load_program(..., cache=...))

CACHED_WAT = """
(module
  (memory (export "memory") 1)
  (func (export "answer") (result i32) (i32.const {value}))
)
"""


def cached_program(tmp_path: Path, value: int = 42) -> Path:
    path = tmp_path / f"answer{value}.wasm"
    path.write_bytes(wasmtime.wat2wasm(CACHED_WAT.format(value=value)))
    return path


def program_entries(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.cwasm"))


def test_the_second_load_of_a_program_deserializes_it(tmp_path):
    path, cache = cached_program(tmp_path), tmp_path / "cache"
    first = load_program(path, wasi=False, closures=False, cache=cache)
    assert not first.from_cache
    assert len(program_entries(cache)) == 1
    second = load_program(path, wasi=False, closures=False, cache=cache)
    assert second.from_cache
    assert second.invoke("answer") == 42
    other = load_program(cached_program(tmp_path, 7), wasi=False, closures=False, cache=cache)
    assert not other.from_cache and other.invoke("answer") == 7  # other bytes: another entry
    assert len(program_entries(cache)) == 2


def test_without_a_cache_nothing_is_read_or_written(tmp_path, monkeypatch):
    monkeypatch.setenv("WASM_CLOSURES_CACHE_DIR", str(tmp_path / "cache"))
    for cache in (None, False):
        assert not load_program(cached_program(tmp_path), wasi=False, closures=False, cache=cache).from_cache
    assert not (tmp_path / "cache").exists()


def test_cache_true_uses_the_programs_directory_of_the_environment_variable(tmp_path, monkeypatch):
    monkeypatch.setenv("WASM_CLOSURES_CACHE_DIR", str(tmp_path / "root"))
    path = cached_program(tmp_path)
    load_program(path, wasi=False, closures=False, cache=True)
    assert len(program_entries(tmp_path / "root" / "programs")) == 1
    assert load_program(path, wasi=False, closures=False, cache=True).from_cache


def test_a_tampered_program_entry_is_compiled_again(tmp_path):
    path, cache = cached_program(tmp_path), tmp_path / "cache"
    load_program(path, wasi=False, closures=False, cache=cache)
    (entry,) = program_entries(cache)
    data = bytearray(entry.read_bytes())
    data[len(data) // 2] ^= 0xFF
    entry.write_bytes(bytes(data))
    program = load_program(path, wasi=False, closures=False, cache=cache)
    assert not program.from_cache and program.invoke("answer") == 42
    assert load_program(path, wasi=False, closures=False, cache=cache).from_cache  # rewritten


def test_a_program_entry_owned_by_another_user_is_compiled_again(tmp_path):
    if os.geteuid() != 0:
        pytest.skip("giving a file to another user needs root")
    path, cache = cached_program(tmp_path), tmp_path / "cache"
    load_program(path, wasi=False, closures=False, cache=cache)
    (entry,) = program_entries(cache)
    os.chown(entry, 65534, 65534)
    assert not load_program(path, wasi=False, closures=False, cache=cache).from_cache
    assert entry.stat().st_uid == os.geteuid()  # replaced by our own


def test_engines_of_other_configurations_do_not_share_program_entries(tmp_path):
    path, cache = cached_program(tmp_path), tmp_path / "cache"
    load_program(path, wasi=False, closures=False, cache=cache)
    fueled = load_program(path, wasi=False, closures=False, cache=cache, fuel=10**6)
    assert not fueled.from_cache  # compiled with fuel checks, into an entry of its own
    assert len(program_entries(cache)) == 2
    assert load_program(path, wasi=False, closures=False, cache=cache, fuel=10**6).from_cache
    assert load_program(path, wasi=False, closures=False, cache=cache).from_cache


def test_an_entry_of_another_engine_configuration_is_compiled_again(tmp_path):
    # An entry under this configuration's name that another one compiled (copied there):
    # wasmtime refuses it, and it is compiled and replaced.
    path, plain, fueled = cached_program(tmp_path), tmp_path / "plain", tmp_path / "fueled"
    load_program(path, wasi=False, closures=False, cache=plain)
    load_program(path, wasi=False, closures=False, cache=fueled, fuel=10**6)
    (plain_entry,), (fueled_entry,) = program_entries(plain), program_entries(fueled)
    plain_entry.write_bytes(fueled_entry.read_bytes())
    program = load_program(path, wasi=False, closures=False, cache=plain)
    assert not program.from_cache and program.invoke("answer") == 42
    assert load_program(path, wasi=False, closures=False, cache=plain).from_cache


def test_a_default_engine_given_by_the_caller_uses_the_cache(tmp_path):
    path, cache = cached_program(tmp_path), tmp_path / "cache"
    load_program(path, wasi=False, closures=False, cache=cache)
    engine = default_engine(parse_module(path.read_bytes()))
    assert load_program(path, engine=engine, wasi=False, closures=False, cache=cache).from_cache


def test_a_cache_with_an_engine_made_elsewhere_is_refused(tmp_path):
    with pytest.raises(InvalidValueError, match="default_engine"):
        load_program(cached_program(tmp_path), engine=wasmtime.Engine(), closures=False, cache=tmp_path)
    program = load_program(cached_program(tmp_path), engine=wasmtime.Engine(), wasi=False, closures=False)
    assert program.invoke("answer") == 42  # without a cache, any engine


@pytest.mark.parametrize("cache", [1, b"dir", 2.5, ["dir"], ""])
def test_a_bad_cache_value_is_named(tmp_path, cache):
    with pytest.raises(InvalidValueError, match="cache"):
        load_program(cached_program(tmp_path), closures=False, cache=cache)


def test_the_program_cache_evicts_the_least_recently_used_past_its_cap(tmp_path):
    paths = [cached_program(tmp_path, value) for value in (1, 2, 3)]
    probe = tmp_path / "probe"
    load_program(paths[0], wasi=False, closures=False, cache=probe)
    (entry,) = program_entries(probe)
    size = entry.stat().st_size
    cache = DiskCache(tmp_path / "cache", max_bytes=2 * size + size // 2)  # room for two
    for n, path in enumerate(paths[:2]):
        before = set(program_entries(cache.directory))
        load_program(path, wasi=False, closures=False, cache=cache)
        (written,) = set(program_entries(cache.directory)) - before
        os.utime(written, ns=(n * 10**9, n * 10**9))  # a coarse clock cannot tie them
    assert load_program(paths[0], wasi=False, closures=False, cache=cache).from_cache  # renews it
    load_program(paths[2], wasi=False, closures=False, cache=cache)  # evicts the second
    assert len(program_entries(cache.directory)) == 2
    assert load_program(paths[0], wasi=False, closures=False, cache=cache).from_cache
    assert load_program(paths[2], wasi=False, closures=False, cache=cache).from_cache
    assert not load_program(paths[1], wasi=False, closures=False, cache=cache).from_cache
