"""The pooled trampoline modules, both kinds: valid wasm with the documented imports and exports."""

from __future__ import annotations

import subprocess

import pytest
import wasmtime

from wasm_closures import MemoryImport, Signature
from wasm_closures._encoders.pool_module import CONFIGURE_EXPORT, encode_pool_module, trampoline_exports

SIGNATURES = [
    "() -> ()",
    "(i32, i32) -> i32",
    "(i64) -> (f32, f64)",
    "(v128, i32) -> v128",
    "("
    + ", ".join(["i32", "i64", "f32", "f64", "v128"] * 40)
    + ") -> ("
    + ", ".join(["f64", "i32"] * 25)
    + ")",
]
MEMORIES = [
    MemoryImport.unshared(minimum=0),
    MemoryImport(),
]  # an ordinary memory, the reference's shared one
I32 = wasmtime.ValType.i32()


@pytest.fixture(scope="module")
def engine() -> wasmtime.Engine:
    config = wasmtime.Config()
    config.wasm_threads = True
    config.shared_memory = True
    return wasmtime.Engine(config)


@pytest.mark.parametrize("direct", [True, False], ids=["direct", "table"])
@pytest.mark.parametrize("memory", MEMORIES, ids=["unshared", "shared"])
@pytest.mark.parametrize("size", [1, 3, 64])
@pytest.mark.parametrize("signature", SIGNATURES)
def test_pool_modules_validate_with_wabt_and_wasmtime(
    engine, wasm_validate, tmp_path, signature, memory, size, direct
):
    wasm = encode_pool_module(Signature.parse(signature), memory, size, direct=direct)
    path = tmp_path / "pool.wasm"
    path.write_bytes(wasm)
    result = subprocess.run([wasm_validate, "--enable-threads", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    wasmtime.Module.validate(engine, wasm)


@pytest.mark.parametrize("direct", [True, False], ids=["direct", "table"])
def test_pool_module_exports_its_trampolines_for_the_native_core(engine, direct):
    wasm = encode_pool_module(
        Signature.parse("(i32) -> i32"), MemoryImport(), 3, direct=direct, export_trampolines=True
    )
    module = wasmtime.Module(engine, wasm)
    assert [e.name for e in module.exports] == trampoline_exports(3, direct)
    for export in module.exports[1:]:
        expected = wasmtime.FuncType if export.name.startswith("trampoline") else wasmtime.GlobalType
        assert isinstance(export.type, expected), export.name


@pytest.mark.parametrize("direct", [True, False], ids=["direct", "table"])
def test_pool_module_imports_and_configure(engine, direct):
    module = wasmtime.Module(
        engine, encode_pool_module(Signature.parse("(i32) -> i32"), MemoryImport(), 2, direct=direct)
    )
    imports = [(i.module, i.name) for i in module.imports]
    expected = [("env", "memory"), ("env", "__indirect_function_table"), ("env", "__stack_pointer")]
    assert imports == expected + ([("env", "backing")] if direct else [])
    if direct:
        backing = module.imports[3].type
        assert isinstance(backing, wasmtime.FuncType)
        assert (len(backing.params), backing.results) == (3, [])
    [export] = module.exports
    assert export.name == CONFIGURE_EXPORT
    assert isinstance(export.type, wasmtime.FuncType)
    assert len(export.type.params) == (3 if direct else 4)  # (slot, i, env[, backing])
    assert export.type.results == []
