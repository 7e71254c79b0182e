"""The per-engine module cache and the on-disk cache of compiled pool modules."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pytest
import wasmtime
from wat_program import ADD_ENV, load_wat_program

from wasm_closures import DiskCache, DiskCacheWarning, InvalidValueError, _ffi
from wasm_closures.dylink import parse_module
from wasm_closures.loader import default_engine
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


def test_an_entry_is_loaded_when_its_lru_touch_fails(tmp_path, monkeypatch):
    # A read-only filesystem or an immutable file refuses utime: the entry is still valid.
    engine = wasmtime.Engine()
    disk = DiskCache(tmp_path)
    ModuleCache(engine).get("k", lambda: WAT_MODULE, disk)

    def refuse(*args, **kwargs):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "utime", refuse)
    cache = ModuleCache(engine)
    cache.get("k", lambda: WAT_MODULE, disk)
    assert (cache.stats.compiles, cache.stats.disk_loads) == (0, 1)


def test_disk_cache_replaces_a_corrupt_entry(tmp_path):
    engine = wasmtime.Engine()
    disk = DiskCache(tmp_path)
    disk.path_for(WAT_MODULE).write_bytes(b"not a compiled module")
    disk.path_for(WAT_MODULE).chmod(0o600)
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
program.runtime.prepare(fp, ADD_ENV, "(i32, i32) -> i32", env=2)
stats = program.runtime.module_cache.stats
result = program.call("call_ii_i", fp, 20, 20)
print(json.dumps({"compiles": stats.compiles, "disk_loads": stats.disk_loads, "result": result}))
"""


def run_prepare(cache_dir: Path, run_as: list[str] | None = None) -> dict:
    """Prepare and call a closure in a new process with ``cache_dir``; its cache stats and result.

    A new process because a bad entry could crash the interpreter or hang it: the test asserts
    that it neither died by a signal nor timed out. ``run_as`` prefixes the command (to run it
    as another user).
    """
    try:
        out = subprocess.run(
            [*(run_as or []), sys.executable, "-c", _NEW_PROCESS, str(cache_dir)],
            cwd=TESTS,
            capture_output=True,
            text=True,
            timeout=60,
            env={
                **os.environ,
                "PYTHONPATH": os.pathsep.join(filter(None, [str(TESTS), os.environ.get("PYTHONPATH")])),
            },
        )
    except subprocess.TimeoutExpired:
        pytest.fail("preparing a closure hung on the disk cache")
    if out.returncode < 0:
        pytest.fail(f"the process died by {signal.Signals(-out.returncode).name}: {out.stderr[-2000:]}")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_a_new_process_skips_compilation_with_a_warm_disk_cache(tmp_path):
    assert run_prepare(tmp_path) == {"compiles": 1, "disk_loads": 0, "result": 42}
    assert run_prepare(tmp_path) == {"compiles": 0, "disk_loads": 1, "result": 42}


def only_entry(directory: Path) -> Path:
    (entry,) = directory.glob("*.cwasm")
    return entry


COMPILED_AGAIN = {"compiles": 1, "disk_loads": 0, "result": 42}


@pytest.mark.parametrize("where", [0.25, 0.5, 0.75, -1])
def test_a_corrupted_entry_is_compiled_again_not_run(tmp_path, where):
    run_prepare(tmp_path)
    entry = only_entry(tmp_path)
    data = bytearray(entry.read_bytes())
    start = len(data) - 64 if where == -1 else int(len(data) * where)
    for i in range(start, start + 64):  # machine code, tables or metadata: no check of wasmtime's sees it
        data[i] ^= 0xA5
    entry.write_bytes(bytes(data))
    assert run_prepare(tmp_path) == COMPILED_AGAIN
    assert run_prepare(tmp_path) == {"compiles": 0, "disk_loads": 1, "result": 42}  # rewritten whole


def test_a_truncated_entry_is_compiled_again(tmp_path):
    run_prepare(tmp_path)
    entry = only_entry(tmp_path)
    entry.write_bytes(entry.read_bytes()[:-1])
    assert run_prepare(tmp_path) == COMPILED_AGAIN


def test_a_fifo_at_an_entry_does_not_block(tmp_path):
    run_prepare(tmp_path)
    entry = only_entry(tmp_path)
    entry.unlink()
    os.mkfifo(entry, 0o600)
    assert run_prepare(tmp_path) == COMPILED_AGAIN
    assert stat.S_ISREG(entry.stat().st_mode)  # replaced by a real entry


def test_a_symlinked_entry_is_not_followed(tmp_path):
    cache, elsewhere = tmp_path / "cache", tmp_path / "elsewhere"
    cache.mkdir(mode=0o700)
    elsewhere.mkdir(mode=0o700)
    run_prepare(elsewhere)
    target = only_entry(elsewhere)
    (cache / target.name).symlink_to(target)  # a valid entry, reached through a link
    assert run_prepare(cache) == COMPILED_AGAIN
    assert not (cache / target.name).is_symlink()


OTHER_USER = 65534  # nobody


@pytest.fixture
def as_root():
    if os.geteuid() != 0:
        pytest.skip("giving a file to another user needs root")


def test_a_directory_this_user_cannot_reach_only_costs_a_compile(tmp_path, as_root):
    # The cache lies under another user's 0700 directory: even asking whether it exists fails
    # with EACCES, which must mean "no disk cache", not an error. The process stays root (so
    # it can still import the packages under /root) but without the capabilities that let
    # root pass permission checks (setpriv, util-linux).
    private = tmp_path / "private"
    private.mkdir(mode=0o700)
    os.chown(private, OTHER_USER, OTHER_USER)
    dac = "-dac_override,-dac_read_search"
    unprivileged = ["setpriv", f"--inh-caps={dac}", f"--bounding-set={dac}"]
    stats = run_prepare(private / "cache", run_as=unprivileged)
    assert stats == {"compiles": 1, "disk_loads": 0, "result": 42}


def test_an_entry_planted_by_another_user_is_not_run(tmp_path, as_root):
    run_prepare(tmp_path)
    entry = only_entry(tmp_path)  # a valid entry, digest and all: only its owner is wrong
    os.chown(entry, OTHER_USER, OTHER_USER)
    assert run_prepare(tmp_path) == COMPILED_AGAIN
    assert entry.stat().st_uid == os.geteuid()  # replaced by our own


def test_an_entry_others_may_write_is_not_run(tmp_path):
    run_prepare(tmp_path)
    only_entry(tmp_path).chmod(0o666)
    assert run_prepare(tmp_path) == COMPILED_AGAIN


@pytest.mark.parametrize("case", ["world-writable", "group-writable", "another user's"])
def test_a_directory_others_may_write_is_not_used(tmp_path, case, request):
    cache = tmp_path / "cache"
    cache.mkdir()
    if case == "another user's":
        request.getfixturevalue("as_root")
        cache.chmod(0o755)
        os.chown(cache, OTHER_USER, OTHER_USER)
    else:
        cache.chmod(0o777 if case == "world-writable" else 0o770)
    # An entry this user wrote earlier is not loaded either: anyone may have replaced it.
    elsewhere = tmp_path / "elsewhere"
    run_prepare(elsewhere)
    entry = only_entry(elsewhere)
    os.link(entry, cache / entry.name)
    with pytest.warns(DiskCacheWarning, match="not using the disk cache"):
        disk = DiskCache(cache)
    engine = wasmtime.Engine()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # warned once, at construction
        for _ in range(2):
            cache_of_engine = ModuleCache(engine)
            cache_of_engine.get("k", lambda: WAT_MODULE, disk)
            assert (cache_of_engine.stats.compiles, cache_of_engine.stats.disk_loads) == (1, 0)
    assert sorted(p.name for p in cache.iterdir()) == [entry.name]  # nothing written


def test_a_directory_made_unsafe_later_is_refused_at_use(tmp_path):
    disk = DiskCache(tmp_path / "new")
    tmp_path.joinpath("new").mkdir(mode=0o777)
    tmp_path.joinpath("new").chmod(0o777)
    engine = wasmtime.Engine()  # a module cache holds its engine weakly
    with pytest.warns(DiskCacheWarning, match="other users may write"):
        ModuleCache(engine).get("k", lambda: WAT_MODULE, disk)
    assert list(tmp_path.joinpath("new").iterdir()) == []


def test_entries_and_the_directory_are_private(tmp_path):
    cache = tmp_path / "a" / "b"
    engine = wasmtime.Engine()
    ModuleCache(engine).get("k", lambda: WAT_MODULE, DiskCache(cache))
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700
    assert stat.S_IMODE(only_entry(cache).stat().st_mode) == 0o600
    assert [p.name for p in cache.iterdir()] == [only_entry(cache).name]  # no temporary file left


def _module_returning(value: int) -> bytes:
    return wasmtime.wat2wasm(f'(module (func (export "f") (result i32) (i32.const {value})))')


def test_the_size_cap_evicts_the_least_recently_used_entries(tmp_path):
    engine = wasmtime.Engine()
    probe = DiskCache(tmp_path / "probe")
    ModuleCache(engine).load_or_compile(_module_returning(0), probe)
    entry_size = only_entry(tmp_path / "probe").stat().st_size
    disk = DiskCache(tmp_path / "cache", max_bytes=2 * entry_size + entry_size // 2)  # room for two
    modules = [_module_returning(n) for n in range(1, 4)]
    cache = ModuleCache(engine)
    for n, wasm in enumerate(modules[:2]):
        cache.load_or_compile(wasm, disk)
        os.utime(disk.path_for(wasm), ns=(n * 10**9, n * 10**9))  # a coarse clock cannot tie them
    cache.load_or_compile(modules[0], disk)  # a load renews entry 1: entry 2 is now the oldest
    assert cache.stats.disk_loads == 1
    cache.load_or_compile(modules[2], disk)
    kept = {p.name for p in (tmp_path / "cache").glob("*.cwasm")}
    assert kept == {disk.path_for(modules[0]).name, disk.path_for(modules[2]).name}
    assert sum(p.stat().st_size for p in (tmp_path / "cache").iterdir()) <= disk.max_bytes


def test_writing_deletes_temporary_files_left_by_killed_writers(tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    left = cache / ".0123456789abcdef.tmp"  # a writer killed between its write and its rename
    left.write_bytes(b"x" * 100)
    hour_ago = time.time() - 3600
    os.utime(left, (hour_ago, hour_ago))
    in_progress = cache / ".fedcba9876543210.tmp"  # another writer, still writing
    in_progress.write_bytes(b"y" * 100)
    engine = wasmtime.Engine()
    ModuleCache(engine).load_or_compile(WAT_MODULE, DiskCache(cache))
    assert not left.exists()
    assert in_progress.exists()


def test_an_entry_larger_than_the_cap_is_not_written(tmp_path):
    disk = DiskCache(tmp_path, max_bytes=100)
    engine = wasmtime.Engine()
    cache = ModuleCache(engine)
    cache.load_or_compile(WAT_MODULE, disk)
    cache.load_or_compile(WAT_MODULE, disk)
    assert cache.stats.compiles == 2 and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("max_bytes", [0, -1, 1.5, True])
def test_a_bad_size_cap_is_named(tmp_path, max_bytes):
    with pytest.raises(InvalidValueError, match="max_bytes"):
        DiskCache(tmp_path, max_bytes=max_bytes)


def test_a_runtime_takes_a_disk_cache_object(tmp_path):
    disk = DiskCache(tmp_path, max_bytes=10**6)
    program = load_wat_program(wasmtime.Engine(), disk_cache=disk)
    program.runtime.prepare(program.runtime.allocate(), ADD_ENV, "(i32, i32) -> i32")
    assert len(list(tmp_path.glob("*.cwasm"))) == 1


def test_engines_of_other_configurations_keep_separate_entries(tmp_path):
    # default_engine registers its configuration: a fuel-counting engine's pool modules do not
    # replace a plain engine's (wasmtime would refuse each one's entries to the other).
    info = parse_module(WAT_MODULE)
    plain, fueled = default_engine(info), default_engine(info, consume_fuel=True)
    disk = DiskCache(tmp_path)
    for engine in (plain, fueled):
        ModuleCache(engine).load_or_compile(WAT_MODULE, disk)
    assert len(list(tmp_path.glob("*.cwasm"))) == 2
    assert disk.path_for(WAT_MODULE) not in set(tmp_path.glob("*.cwasm"))  # an unknown engine's name
    for engine in (plain, fueled):
        cache = ModuleCache(engine)
        cache.load_or_compile(WAT_MODULE, disk)
        assert (cache.stats.compiles, cache.stats.disk_loads) == (0, 1)


def test_a_disk_load_deserializes_without_wasmtime_pys_copy(tmp_path, monkeypatch):
    # _ffi.deserialize_module hands the entry's bytes to wasmtime as they are: Module.deserialize
    # (which copies them into a ctypes array of a new type first) is not called.
    engine = wasmtime.Engine()
    disk = DiskCache(tmp_path)
    ModuleCache(engine).load_or_compile(WAT_MODULE, disk)

    def refuse(*args, **kwargs):
        raise AssertionError("wasmtime.Module.deserialize was called")

    monkeypatch.setattr(wasmtime.Module, "deserialize", refuse)
    cache = ModuleCache(engine)
    module = cache.load_or_compile(WAT_MODULE, disk)
    assert cache.stats.disk_loads == 1
    store = wasmtime.Store(engine)
    assert wasmtime.Instance(store, module, []).exports(store)["f"](store) == 7


def test_deserialize_module_refuses_what_is_not_a_compiled_module():
    engine = wasmtime.Engine()
    serialized = wasmtime.Module(engine, WAT_MODULE).serialize()
    for bad in (b"", b"not a compiled module", bytes(serialized[: len(serialized) // 2])):
        with pytest.raises(wasmtime.WasmtimeError):
            _ffi.deserialize_module(engine, bad)
    other = wasmtime.Config()
    other.consume_fuel = True
    with pytest.raises(wasmtime.WasmtimeError):  # compiled for an engine of another configuration
        _ffi.deserialize_module(wasmtime.Engine(other), bytes(serialized))


def test_deserialize_module_without_the_internals_is_module_deserialize(tmp_path):
    code = (
        "import wasmtime\n"
        "from wasm_closures import _ffi\n"
        "assert not _ffi.AVAILABLE\n"
        "e = wasmtime.Engine()\n"
        "wasm = wasmtime.wat2wasm('(module (func (export \"f\") (result i32) (i32.const 7)))')\n"
        "m = _ffi.deserialize_module(e, bytes(wasmtime.Module(e, wasm).serialize()))\n"
        "s = wasmtime.Store(e)\n"
        "print(wasmtime.Instance(s, m, []).exports(s)['f'](s))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "WASM_CLOSURES_FFI": "off"},
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "7"
