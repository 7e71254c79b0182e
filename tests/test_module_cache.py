"""The per-engine module cache and the on-disk cache of compiled pool modules."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import wasmtime
from wat_program import ADD_ENV, load_wat_program

from wasm_closures import DiskCache
from wasm_closures.module_cache import ModuleCache, module_cache_for

TESTS = Path(__file__).parent
WAT_MODULE = wasmtime.wat2wasm('(module (func (export "f") (result i32) (i32.const 7)))')


def test_one_cache_per_engine_shared_by_runtimes():
    engine = wasmtime.Engine()
    assert module_cache_for(engine) is module_cache_for(engine)
    assert module_cache_for(engine) is not module_cache_for(wasmtime.Engine())
    a = load_wat_program(engine)
    b = load_wat_program(engine)
    for program in (a, b):
        fp = program.runtime.allocate()
        program.runtime.prepare(fp, ADD_ENV, "(i32, i32) -> i32", env=1)
        assert program.call("call_ii_i", fp, 1, 1) == 3
    assert a.runtime.module_cache is b.runtime.module_cache
    assert a.runtime.module_cache.stats.compiles == 1  # the second store reused the module


def test_disk_cache_round_trip(tmp_path):
    engine = wasmtime.Engine()
    disk = DiskCache(tmp_path)
    first = ModuleCache(engine)
    first.get("k", lambda: WAT_MODULE, disk)
    assert first.stats.compiles == 1
    assert list(tmp_path.glob("*.cwasm")) == [disk.path_for(WAT_MODULE)]
    second = ModuleCache(engine)
    module = second.get("k", lambda: WAT_MODULE, disk)
    assert (second.stats.compiles, second.stats.disk_loads) == (0, 1)
    store = wasmtime.Store(engine)
    assert wasmtime.Instance(store, module, []).exports(store)["f"](store) == 7


def test_disk_cache_replaces_a_corrupt_entry(tmp_path):
    engine = wasmtime.Engine()
    disk = DiskCache(tmp_path)
    disk.path_for(WAT_MODULE).write_bytes(b"not a compiled module")
    cache = ModuleCache(engine)
    cache.get("k", lambda: WAT_MODULE, disk)
    assert (cache.stats.compiles, cache.stats.disk_loads) == (1, 0)
    assert ModuleCache(engine).load_or_compile(WAT_MODULE, disk) is not None
    assert disk.path_for(WAT_MODULE).read_bytes() != b"not a compiled module"


def test_disk_cache_key_changes_with_the_module_bytes(tmp_path):
    disk = DiskCache(tmp_path)
    other = wasmtime.wat2wasm('(module (func (export "f") (result i32) (i32.const 8)))')
    assert disk.path_for(WAT_MODULE) != disk.path_for(other)


def test_unwritable_disk_cache_only_costs_a_compile(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    engine = wasmtime.Engine()
    cache = ModuleCache(engine)
    assert cache.get("k", lambda: WAT_MODULE, DiskCache(blocker / "sub")) is not None
    assert cache.stats.compiles == 1


def test_default_directory_honours_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("WASM_CLOSURES_CACHE_DIR", str(tmp_path / "explicit"))
    assert DiskCache().directory == tmp_path / "explicit"
    monkeypatch.delenv("WASM_CLOSURES_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert DiskCache().directory == tmp_path / "xdg" / "wasm-closures"


_NEW_PROCESS = """
import json, sys, wasmtime
from wat_program import ADD_ENV, load_wat_program
program = load_wat_program(wasmtime.Engine(), disk_cache=sys.argv[1])
fp = program.runtime.allocate()
program.runtime.prepare(fp, ADD_ENV, "(i32, i64) -> i32", env=2)
stats = program.runtime.module_cache.stats
print(json.dumps({"compiles": stats.compiles, "disk_loads": stats.disk_loads}))
"""


def test_a_new_process_skips_compilation_with_a_warm_disk_cache(tmp_path):
    def run() -> dict:
        out = subprocess.run(
            [sys.executable, "-c", _NEW_PROCESS, str(tmp_path)],
            cwd=TESTS,
            capture_output=True,
            text=True,
            check=True,
            env={
                **os.environ,
                "PYTHONPATH": os.pathsep.join(filter(None, [str(TESTS), os.environ.get("PYTHONPATH")])),
            },
        )
        return json.loads(out.stdout)

    assert run() == {"compiles": 1, "disk_loads": 0}
    assert run() == {"compiles": 0, "disk_loads": 1}
