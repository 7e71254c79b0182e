"""The two pool-module encoders (Rust in the extension, pure Python) give the same bytes for
every input, reject the same bad sizes alike, and the runtime's strategies use the Rust one
whenever the extension's encoder backend is active."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import wasmtime
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import memories, valtypes

from wasm_closures import DEFAULT_MEMORY, InvalidValueError, MemoryImport, Signature, encoder
from wasm_closures._runtime import facts

SIGNATURES = [
    "() -> ()",
    "(i32) -> i32",
    "(i32, i32) -> i32",
    "(i64) -> (f32, f64)",
    "(v128, i32) -> v128",
    "(f32, f64, v128, i64) -> (v128, v128)",
    "("
    + ", ".join(["i32", "i64", "f32", "f64", "v128"] * 40)
    + ") -> ("
    + ", ".join(["f64", "i32"] * 25)
    + ")",
]
MEMORIES = [
    MemoryImport.unshared(minimum=0),
    MemoryImport.unshared(minimum=65536),
    MemoryImport(False, 3, 10),
    MemoryImport(True, 2, 17),
    DEFAULT_MEMORY,  # the reference's: shared, 1..65536
]


def _both(
    signature: Signature, memory: MemoryImport, size: object, direct: bool, export: bool
) -> list[bytes]:
    return [
        encoder.encode_pool_module(
            signature, memory, size, direct=direct, export_trampolines=export, backend=backend
        )
        for backend in ("rust", "python")
    ]


@pytest.fixture(scope="module")
def engine() -> wasmtime.Engine:
    config = wasmtime.Config()
    config.wasm_threads = True
    config.shared_memory = True
    return wasmtime.Engine(config)


@pytest.mark.parametrize("export", [False, True], ids=["configure-only", "exported"])
@pytest.mark.parametrize("direct", [True, False], ids=["direct", "table"])
@pytest.mark.parametrize("memory", MEMORIES, ids=repr)
@pytest.mark.parametrize("size", [1, 2, 7, 8, 64, 100])
@pytest.mark.parametrize("signature", SIGNATURES)
def test_the_encoders_give_the_same_bytes(signature, size, memory, direct, export) -> None:
    rust, python = _both(Signature.parse(signature), memory, size, direct, export)
    assert rust == python


signatures = st.builds(
    Signature,
    st.one_of(st.integers(0, 10), st.integers(0, 200)).flatmap(
        lambda n: st.lists(valtypes, min_size=n, max_size=n)
    ),
    st.lists(valtypes, max_size=8),
)


sizes = st.one_of(st.sampled_from([1, 8, 64]), st.integers(1, 130))


def test_random_pool_modules_equal_and_validate(engine) -> None:
    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(signatures, memories(), sizes, st.booleans(), st.booleans())
    def check(signature, memory, size, direct, export) -> None:
        rust, python = _both(signature, memory, size, direct, export)
        assert rust == python
        wasmtime.Module.validate(engine, rust)

    check()


BAD_SIZES = [0, -1, True, 1.5, "3", None, facts.POOL_MAX_SIZE + 1, 2**32, 2**70]


@pytest.mark.parametrize("size", BAD_SIZES, ids=repr)
def test_bad_sizes_raise_the_same_error(size) -> None:
    messages = []
    for backend in ("rust", "python"):
        with pytest.raises(InvalidValueError) as info:
            encoder.encode_pool_module(
                Signature.parse("(i32) -> i32"), DEFAULT_MEMORY, size, direct=False, backend=backend
            )
        messages.append(str(info.value))
    assert messages[0] == messages[1]
    assert repr(size) in messages[0]


def test_the_largest_size_is_accepted_alike() -> None:
    rust, python = _both(Signature.parse("() -> ()"), DEFAULT_MEMORY, facts.POOL_MAX_SIZE, True, False)
    assert rust == python


def test_unknown_backend_is_refused() -> None:
    with pytest.raises(InvalidValueError, match="'fortran'"):
        encoder.encode_pool_module(
            Signature.parse("() -> ()"), DEFAULT_MEMORY, 1, direct=True, backend="fortran"
        )


# A fresh process prepares one pooled closure (no disk cache, so the pool module is encoded)
# and prints how often each encoder ran.
PROBE = """
import wasmtime
from wasm_closures import encoder
from wasm_closures._encoders import pool_module
from wasm_closures.benchmarks.cases import signature
from wasm_closures.benchmarks.program import RET_ENV, load_program

calls = {"rust": 0, "python": 0}
def counting(name, function):
    def wrapper(*args, **kwargs):
        calls[name] += 1
        return function(*args, **kwargs)
    return wrapper
if "rust" in encoder._POOL_BACKENDS:
    encoder._native_pool = counting("rust", encoder._native_pool)
pool_module.encode_pool_module = counting("python", pool_module.encode_pool_module)
program = load_program(wasmtime.Engine(), "pooled", disk_cache=None)
closure = program.runtime.allocate()
program.runtime.prepare(closure, RET_ENV, signature(2), 7)
print(encoder.backend, calls["rust"], calls["python"])
"""


@pytest.mark.parametrize("backend, expected", [(None, "rust"), ("python", "python")])
def test_strategies_encode_pools_with_the_active_backend(tmp_path: Path, backend, expected) -> None:
    env = {k: v for k, v in os.environ.items() if k != "WASM_CLOSURES_BACKEND"}
    if backend is not None:
        env["WASM_CLOSURES_BACKEND"] = backend
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    active, rust_calls, python_calls = result.stdout.split()
    assert active == expected
    assert (int(rust_calls) > 0, int(python_calls) > 0) == (expected == "rust", expected == "python")
