"""Tests of ``importable`` (``_ffi.shared_memory``): a SharedMemory that can be imported.

Shared helpers: ffi_support.py; the ``env`` fixture: conftest.py.
"""

from __future__ import annotations

import gc

import pytest
import wasmtime

from wasm_closures._ffi import (
    OutOfBoundsError,
    importable,
    memory_address,
    read,
    read_u32,
    write_u32,
)

# --- shared memory imports ---------------------------------------------------------------------

SHARED_WAT = """
(module
  (import "env" "memory" (memory 1 10 shared))
  (func (export "load") (param i32) (result i32) (i32.atomic.load (local.get 0)))
  (func (export "store") (param i32 i32) (i32.atomic.store (local.get 0) (local.get 1)))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))
"""


@pytest.fixture
def shared():
    config = wasmtime.Config()
    config.wasm_threads = True
    config.shared_memory = True
    engine = wasmtime.Engine(config)
    store = wasmtime.Store(engine)
    memory = wasmtime.SharedMemory(engine, wasmtime.MemoryType(wasmtime.Limits(1, 10), shared=True))
    module = wasmtime.Module(engine, wasmtime.wat2wasm(SHARED_WAT))
    return engine, store, memory, module


def test_shared_memory_public_import_is_broken(shared):
    """The bug ``importable`` works around; if this fails, wasmtime-py fixed it."""
    _engine, store, memory, module = shared
    with pytest.raises(TypeError):
        wasmtime.Instance(store, module, [memory])


def test_importable_passes_other_items_through(env):
    for name in ("table", "g", "add", "memory"):
        assert importable(env[name]) is env[name]
    assert importable(None) is None


def test_shared_memory_import_with_instance_and_linker(shared):
    engine, store, memory, module = shared
    item = importable(memory)
    assert isinstance(item, wasmtime.SharedMemory)
    assert importable(item) is item
    direct = wasmtime.Instance(store, module, [item]).exports(store)
    linker = wasmtime.Linker(engine)
    linker.define(store, "env", "memory", item)
    linked = linker.instantiate(store, module).exports(store)

    direct["store"](store, 64, 1234)
    assert linked["load"](store, 64) == 1234  # the same memory
    assert read_u32(store, memory, 64) == 1234
    write_u32(store, item, 68, 99)
    assert direct["load"](store, 68) == 99

    assert item.size() == 1
    assert linked["grow"](store, 2) == 1
    assert item.size() == 3 and memory.data_len() == 3 * 65536
    base, size = memory_address(store, memory)
    assert (base, size) == memory_address(store, item) and size == 3 * 65536
    with pytest.raises(OutOfBoundsError):
        read(store, memory, 3 * 65536 - 2, 4)


def test_shared_memory_handles_survive_many_imports(shared):
    _engine, store, memory, module = shared
    instances = []
    for i in range(300):
        item = importable(memory)
        instances.append(wasmtime.Instance(store, module, [item]))
        del item
        gc.collect() if i % 50 == 0 else None
    gc.collect()
    instances[0].exports(store)["store"](store, 0, 7)
    assert instances[-1].exports(store)["load"](store, 0) == 7
    assert read_u32(store, memory, 0) == 7
