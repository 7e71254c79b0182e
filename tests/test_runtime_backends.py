"""The two runtimes behind ClosureRuntime: which one serves and why, closed stores,
re-entrancy, threads, and bad input from Python that must never panic the native core."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

import pytest
import wasmtime
from syscall_program import OUT, TYPES, program_wat
from wat_program import ADD_ENV, FIRST_FREE_SLOT, WAT, load_wat_program

import wasm_closures
from wasm_closures import ClosureRuntime, Errno, InvalidValueError, Signature
from wasm_closures._runtime import backend as _runtime_backend

pytestmark = pytest.mark.usefixtures("each_runtime_backend")

WAT_PROGRAM = WAT.replace("{MEMORY_MAX}", "")


def test_the_runtime_says_which_backend_serves_it(each_runtime_backend):
    program = load_wat_program(wasmtime.Engine())
    assert program.runtime.backend == each_runtime_backend
    if each_runtime_backend == "native":
        assert program.runtime.backend_reason is None
        assert type(program.runtime.prepare).__name__ == "builtin_function_or_method"
    else:
        assert program.runtime.backend_reason == "WASM_CLOSURES_BACKEND=python"


def test_the_module_strategy_runs_in_python():
    program = load_wat_program(wasmtime.Engine(), "module")
    assert program.runtime.backend == "python"
    assert program.runtime.backend_reason is not None


def _import_in_subprocess(env: dict[str, str]) -> list[str]:
    code = "import wasm_closures as w; print(w.runtime_backend); print(w.runtime_backend_reason)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env={**os.environ, **env}, check=True
    )
    return out.stdout.splitlines()


def test_the_package_reports_the_default_backend_and_why_not_native():
    assert _import_in_subprocess({_runtime_backend.ENV_VARIABLE: ""}) == ["native", "None"]
    assert _import_in_subprocess({_runtime_backend.ENV_VARIABLE: "python"}) == [
        "python",
        "WASM_CLOSURES_BACKEND=python",
    ]
    backend, reason = _import_in_subprocess({_runtime_backend.ENV_VARIABLE: "", "WASM_CLOSURES_FFI": "off"})
    assert backend == "python"
    assert "disabled by WASM_CLOSURES_FFI=off" in reason


def test_a_source_tree_without_the_extension_says_plainly_it_is_not_built(tmp_path, source_without_extension):
    """The source tree on PYTHONPATH (a copy, without any extension built into it): the reason
    names the missing extension, not a circular import."""
    code = "import wasm_closures as w; print(w.runtime_backend); print(w.runtime_backend_reason)"
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(source_without_extension), _runtime_backend.ENV_VARIABLE: ""},
        check=True,
    )
    backend, reason = out.stdout.splitlines()
    assert backend == "python"
    assert reason.startswith("the Rust extension wasm_closures._native is not built")
    assert "circular" not in reason


@pytest.mark.parametrize("value", ["native", "rust", " Native "])
def test_native_and_rust_both_ask_for_the_native_runtime_and_encoder(value):
    code = "import wasm_closures as w; print(w.runtime_backend, w.backend)"
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, _runtime_backend.ENV_VARIABLE: value},
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == ["native", "rust"]


def test_an_unknown_backend_choice_is_one_clear_error_naming_it(monkeypatch):
    monkeypatch.setenv(_runtime_backend.ENV_VARIABLE, "pyhton")
    with pytest.raises(
        InvalidValueError, match=r"WASM_CLOSURES_BACKEND must be one of rust, native, python, got 'pyhton'"
    ):
        ClosureRuntime(wasmtime.Store())
    out = subprocess.run(
        [sys.executable, "-c", "import wasm_closures"], capture_output=True, text=True, env=dict(os.environ)
    )
    assert out.returncode != 0
    assert (
        "InvalidValueError: WASM_CLOSURES_BACKEND must be one of rust, native, python, got 'pyhton'"
        in out.stderr
    )


def test_a_struct_size_mismatch_leaves_the_python_runtime_with_the_reason():
    sizes = [(name, size + 8 if name == "wasmtime_val_t" else size) for name, size in _ffi_sizes()]
    native, reason = _runtime_backend.load_native(sizes)
    assert native is None
    assert "wasmtime_val_t is 40 bytes in wasmtime-py and 32 in the native core" in reason
    native, reason = _runtime_backend.load_native([s for s in _ffi_sizes() if s[0] != "wasmtime_func_t"])
    assert native is None
    assert "did not report the size of wasmtime_func_t" in reason
    assert _runtime_backend.load_native() == (_runtime_backend.NATIVE, None)  # the real sizes match


def _ffi_sizes() -> list[tuple[str, int]]:
    return wasm_closures._ffi.struct_sizes()


def test_after_its_store_closed_a_runtime_s_syscalls_answer_notsup_to_a_new_store():
    engine = wasmtime.Engine()
    module = wasmtime.Module(engine, wasmtime.wat2wasm(program_wat()))
    linker = wasmtime.Linker(engine)
    first = wasmtime.Store(engine)
    runtime = ClosureRuntime(first)
    runtime.define_wasix(linker)
    exports = linker.instantiate(first, module).exports(first)
    assert exports["allocate"](first, OUT) == Errno.SUCCESS
    first.close()
    for _ in range(20):  # new stores, some of which may reuse the closed store's address
        store = wasmtime.Store(engine)
        exports = linker.instantiate(store, module).exports(store)
        assert exports["allocate"](store, OUT) == Errno.NOTSUP
        assert exports["prepare"](store, 1, FIRST_FREE_SLOT, TYPES, 2, TYPES + 2, 1, 0) == Errno.NOTSUP
        assert exports["free"](store, FIRST_FREE_SLOT) == Errno.NOTSUP


def test_a_backing_function_may_prepare_and_free_closures_while_a_closure_runs():
    program = load_wat_program(wasmtime.Engine())
    rt, store = program.runtime, program.store
    made: list[int] = []

    def backing(args: int, results: int, env: int) -> None:
        # Re-entrant: the runtime is in use by the closure that called us.
        inner = rt.allocate()
        rt.prepare(inner, ADD_ENV, "(i32, i32) -> i32", env=env)
        made.append(program.call("call_ii_i", inner, 1, 2))
        rt.free(inner)
        rt.prepare(outer, ADD_ENV, Signature.parse("(i32, i32) -> i32"), env=100)  # redefine the caller
        memory = program.instance.exports(store)["memory"]
        memory.write(store, (env + 1).to_bytes(4, "little"), results)  # type: ignore[union-attr]

    i32 = wasmtime.ValType.i32()
    func = wasmtime.Func(store, wasmtime.FuncType([i32, i32, i32], []), backing)
    slot = rt.table.grow(store, 1, func)
    outer = rt.allocate()
    rt.prepare(outer, slot, "(i32, i32) -> i32", env=41)
    assert program.call("call_ii_i", outer, 0, 0) == 42
    assert made == [44]  # 1 + 2 + env 41
    assert program.call("call_ii_i", outer, 1, 2) == 103  # now ADD_ENV with env 100
    assert rt.stats.live == 1


def test_threads_making_new_signatures_at_once_stay_consistent():
    program = load_wat_program(wasmtime.Engine(), pool_sizes=(2,))
    rt = program.runtime
    signatures = [f"(i32, i32{', i64' * k}) -> i32" for k in range(4)]
    owned: list[list[int]] = [[] for _ in signatures]
    errors: list[BaseException] = []

    def work(i: int) -> None:
        try:
            for k in range(200):
                fp = rt.allocate()
                rt.prepare(fp, ADD_ENV, signatures[i], env=fp)
                owned[i].append(fp)
                if k % 2:
                    rt.free(owned[i].pop(0))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(signatures))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    live = [fp for slots in owned for fp in slots]
    assert len(set(live)) == len(live) == rt.stats.live == 400
    for fp in owned[0]:
        assert program.call("call_ii_i", fp, 0, 0) == fp
    stats = rt.stats
    assert stats.allocations - stats.frees == stats.live


@pytest.mark.parametrize(
    "args",
    [
        (2**32, ADD_ENV, "(i32) -> i32"),
        (-1, ADD_ENV, "(i32) -> i32"),
        (1.5, ADD_ENV, "(i32) -> i32"),
        (None, ADD_ENV, "(i32) -> i32"),
        ("FIRST", ADD_ENV, "(i32) -> i32"),
        ("LIVE", 2**64, "(i32) -> i32"),
        ("LIVE", -(2**70), "(i32) -> i32"),
        ("LIVE", ADD_ENV, "(i32) -> i32", 2**32),
        ("LIVE", ADD_ENV, "(i32) -> i32", -1),
        ("LIVE", ADD_ENV, "(i32) -> i32", None),
        ("LIVE", ADD_ENV, "(i33) -> i32"),
        ("LIVE", ADD_ENV, "(" + "i32, " * 1001 + "i32) -> i32"),
        ("LIVE", ADD_ENV, b"\x00"),
        ("LIVE", ADD_ENV, 7),
        ("LIVE", ADD_ENV, "(i32) -> i32\x00"),
        ("LIVE", ADD_ENV, "(\ud800) -> i32"),
    ],
)
def test_bad_arguments_from_python_raise_invalid_value_errors_never_a_panic(args):
    program = load_wat_program(wasmtime.Engine())
    rt = program.runtime
    live = rt.allocate()
    values = [live if a == "LIVE" else FIRST_FREE_SLOT + 1 if a == "FIRST" else a for a in args]
    with pytest.raises(InvalidValueError):
        rt.prepare(*values)
    rt.prepare(live, ADD_ENV, "(i32, i32) -> i32", env=3)  # the runtime is still consistent
    assert program.call("call_ii_i", live, 1, 2) == 6
    assert rt.stats.prepares == 1


@pytest.mark.parametrize("closure", [2**32, -1, 1.0, None, "1"])
def test_free_names_a_bad_closure(closure):
    rt = load_wat_program(wasmtime.Engine()).runtime
    with pytest.raises(InvalidValueError, match="closure must be an integer"):
        rt.free(closure)


def test_a_text_signature_is_parsed_once_and_many_texts_stay_correct():
    program = load_wat_program(wasmtime.Engine(), max_signatures=4)
    rt = program.runtime
    fp = rt.allocate()
    # Spellings of one signature: more than the text cache holds, all one pool.
    for k in range(1500):
        rt.prepare(fp, ADD_ENV, "(i32," + " " * k + "i32) -> i32", env=k)
    assert program.call("call_ii_i", fp, 1, 1) == 1501
    assert rt.stats.instantiations == 2  # one pool: 1 + 8 trampolines (a re-prepare holds two)


def test_a_subclass_override_and_the_class_methods_reach_the_one_runtime_state():
    calls = []

    class Counting(ClosureRuntime):
        def allocate(self) -> int:
            calls.append("allocate")
            return super().allocate()

        def free(self, closure: int) -> None:
            calls.append("free")
            super().free(closure)

    engine = wasmtime.Engine()
    store = wasmtime.Store(engine)
    rt = Counting(store)
    rt.bind_exports(wasmtime.Instance(store, wasmtime.Module(engine, wasmtime.wat2wasm(WAT_PROGRAM)), []))
    first = rt.allocate()
    second = ClosureRuntime.allocate(rt)  # the base class's method, on the same slots
    assert first != second
    ClosureRuntime.prepare(rt, second, ADD_ENV, "(i32, i32) -> i32", 1)
    rt.free(first)
    assert calls == ["allocate", "free"]
    stats = rt.stats
    assert (stats.allocations, stats.prepares, stats.frees, stats.live) == (2, 1, 1, 1)


@pytest.mark.parametrize("each_runtime_backend", ["native"], indirect=True)
def test_the_native_core_refuses_handles_of_another_store():
    from wasm_closures import _ffi

    engine = wasmtime.Engine()
    module = wasmtime.Module(engine, wasmtime.wat2wasm(WAT_PROGRAM))
    own, other = wasmtime.Store(engine), wasmtime.Store(engine)
    own_exports = wasmtime.Instance(own, module, []).exports(own)
    other_exports = wasmtime.Instance(other, module, []).exports(other)
    core = ClosureRuntime(own)._core
    own_table = _ffi.table_handle(own, own_exports["__indirect_function_table"])
    own_memory, _ = _ffi.memory_handle(own, own_exports["memory"])
    other_table = _ffi.table_handle(other, other_exports["__indirect_function_table"])
    other_memory, _ = _ffi.memory_handle(other, other_exports["memory"])
    for table, memory in [(other_table, own_memory), (own_table, other_memory)]:
        with pytest.raises(RuntimeError, match="belongs to another store"):
            core.bind(table, memory, 0)
    core.bind(own_table, own_memory, 0)
