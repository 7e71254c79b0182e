"""Tests of ``wasm_closures._ffi``, the C API fast paths over wasmtime-py internals.

Every fast operation is checked against wasmtime-py's public API, every bound and type error
must be a Python exception (never a crash), and the cases that abort the process in
wasmtime-py (v128 signatures, handles used with another store) run in a subprocess first.

Measured on wasmtime-py 50.0.1, Python 3.11, a shared 2-CPU machine (scratch ``timeit``
script, medians of 9 runs of 2k-20k calls; other jobs were running, so +-20%):

==============================  ==========  ========
operation                       public API  _ffi
==============================  ==========  ========
Table.set(i, func)              8.3 µs      1.15 µs
Table.set(i, None)              11.9 µs     0.74 µs
Table.get / get_func            2.4 µs      0.90 µs
Global.set_value / set          9.5 µs      0.75 µs
Global.value / get              1.9 µs      0.56 µs
call () -> ()                   7.5 µs      1.56 µs
call (i32 i32) -> i32           24 µs       2.0 µs
call (i32 i64 f32 f64) -> x4    47.5 µs     3.1 µs
host func (i32) -> i32 [1]      8.0 µs      0.69 µs
  the same, access_caller       8.0 µs      1.03 µs
==============================  ==========  ========

[1] called from a wasm loop: ``Linker.define_func`` against ``define_i32_func``.

``wasmtime_func_call`` alone is ~1.1 µs, ``func_type_codes`` ~9.5 µs, ``read_u32`` /
``write_u32`` ~2 µs (``memory_address`` ~1.3 µs of it). RSS stayed flat (+0 KiB) over 200k
``FastTable.set``/``get_func``/``FastI32Global.set`` and 100k ``FastCall`` calls, +0 KiB over
100k trapping calls; ``test_stress_no_leak`` keeps checking that.
"""

from __future__ import annotations

import ctypes
import gc
import math
import os
import subprocess
import sys
import textwrap
import weakref

import pytest
import wasmtime

import wasm_closures
from wasm_closures import _ffi
from wasm_closures._ffi import (
    FastCall,
    FastI32Global,
    FastTable,
    InternalsUnavailableError,
    OutOfBoundsError,
    TableGrowError,
    UnsupportedTypeError,
    _capi,
    func_type_codes,
    host_functions,
    importable,
    memory_address,
    read,
    read_u32,
    write,
    write_u32,
)
from wasm_closures._ffi._capi import U32_MAX
from wasm_closures.errors import InvalidValueError, WasmClosuresError

PYTHONPATH = os.path.dirname(os.path.dirname(os.path.abspath(wasm_closures.__file__)))

WAT = r"""
(module
  (type $ii_i (func (param i32 i32) (result i32)))
  (func $add (export "add") (type $ii_i) (i32.add (local.get 0) (local.get 1)))
  (func $sub (export "sub") (type $ii_i) (i32.sub (local.get 0) (local.get 1)))
  (func (export "id_i32") (param i32) (result i32) (local.get 0))
  (func (export "id_i64") (param i64) (result i64) (local.get 0))
  (func (export "id_f32") (param f32) (result f32) (local.get 0))
  (func (export "id_f64") (param f64) (result f64) (local.get 0))
  (func (export "swap4") (param i32 i64 f32 f64) (result f64 f32 i64 i32)
    local.get 3 local.get 2 local.get 1 local.get 0)
  (func (export "nop"))
  (func (export "trap") unreachable)
  (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func (export "refs") (param funcref externref i32) (result externref) (local.get 1))
  (func (export "call_slot") (param i32 i32 i32) (result i32)
    (call_indirect (type $ii_i) (local.get 1) (local.get 2) (local.get 0)))
  (table $t (export "table") 4 funcref)
  (elem (i32.const 1) func $add)
  (table (export "small") 1 2 funcref)
  (table (export "externs") 1 externref)
  (global (export "g") (mut i32) (i32.const 5))
  (global (export "const_g") i32 (i32.const 9))
  (global (export "g64") (mut i64) (i64.const 1))
  (memory (export "memory") 1 3)
)
"""

V128_WAT = r"""
(module
  (func $v (export "v") (param v128 i32) (result v128) (local.get 0))
  (func (export "i") (result i32) (i32.const 1))
  (table (export "table") 2 funcref)
  (elem (i32.const 0) func $v)
)
"""


class Env:
    """An engine, a store and the instance of ``WAT``."""

    def __init__(self) -> None:
        self.engine = wasmtime.Engine()
        self.store = wasmtime.Store(self.engine)
        self.module = wasmtime.Module(self.engine, wasmtime.wat2wasm(WAT))
        self.instance = wasmtime.Instance(self.store, self.module, [])
        self.exports = self.instance.exports(self.store)

    def __getitem__(self, name: str):
        return self.exports[name]


@pytest.fixture
def env() -> Env:
    return Env()


@pytest.fixture(scope="module")
def other() -> Env:
    """A second store, for the wrong-store checks."""
    return Env()


def run_python(code: str, **env_vars: str) -> subprocess.CompletedProcess:
    environment = dict(os.environ, PYTHONPATH=PYTHONPATH, **env_vars)
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )


# --- import-time check -------------------------------------------------------------------------


def test_available_on_the_supported_version():
    assert _ffi.AVAILABLE, _ffi.UNAVAILABLE_REASON
    assert _ffi.UNAVAILABLE_REASON is None
    assert _ffi.WASMTIME_VERSION is not None
    assert (50, 0, 1) <= _capi._parse_version(_ffi.WASMTIME_VERSION) < (51,)
    _ffi.require()


def test_version_parsing():
    assert _capi._parse_version("50.0.1") == (50, 0, 1)
    assert _capi._parse_version("50.0.2.dev3") == (50, 0, 2)
    assert _capi._parse_version("51.0.0") >= _capi._MAX_VERSION_EXCLUSIVE
    assert _capi._parse_version("garbage") == ()


def test_disabled_fast_paths_refuse_with_the_reason():
    result = run_python(
        """
        import wasmtime
        from wasm_closures import _ffi
        assert not _ffi.AVAILABLE and "WASM_CLOSURES_FFI" in _ffi.UNAVAILABLE_REASON
        store = wasmtime.Store()
        table = wasmtime.Table(store, wasmtime.TableType(wasmtime.ValType.funcref(),
                                                         wasmtime.Limits(1, None)), None)
        try:
            _ffi.FastTable(store, table)
        except _ffi.InternalsUnavailableError as e:
            assert isinstance(e, ImportError)
            print("refused:", e)
        assert _ffi.importable(table) is table
        """,
        WASM_CLOSURES_FFI="off",
    )
    assert result.returncode == 0, result.stderr
    assert "refused:" in result.stdout and "WASM_CLOSURES_FFI=off" in result.stdout
    assert f"supported: wasmtime {_ffi.SUPPORTED_WASMTIME}" in result.stdout


def test_error_classes():
    assert issubclass(OutOfBoundsError, IndexError) and issubclass(OutOfBoundsError, WasmClosuresError)
    assert issubclass(InternalsUnavailableError, ImportError)
    assert issubclass(TableGrowError, WasmClosuresError)
    assert issubclass(UnsupportedTypeError, InvalidValueError)


# --- FastTable ---------------------------------------------------------------------------------


def test_table_size_set_get_against_public_api(env):
    public = env["table"]
    table = FastTable(env.store, public)
    assert table.size() == public.size(env.store) == 4

    table.set(0, env["sub"])
    assert public.get(env.store, 0)(env.store, 7, 2) == 5
    assert table.get_func(0)(env.store, 9, 4) == 5

    public.set(env.store, 2, env["add"])
    assert table.get_func(2)(env.store, 9, 4) == 13
    assert table.get_func(1)(env.store, 1, 1) == 2  # from the elem segment

    assert table.get_func(3) is None  # never set
    table.set(0, None)  # back to a null funcref
    assert table.get_func(0) is None
    assert public.get(env.store, 0).value is None  # wasmtime-py wraps a null in a Val
    call_slot = env["call_slot"]
    with pytest.raises(wasmtime.Trap):
        call_slot(env.store, 0, 1, 2)  # wasm sees the null slot
    table.set(0, env["add"])
    assert call_slot(env.store, 0, 40, 2) == 42  # and the function


def test_table_accepts_host_functions_and_forgets_the_python_object(env):
    table = FastTable(env.store, env["table"])
    ty = wasmtime.FuncType([wasmtime.ValType.i32()] * 2, [wasmtime.ValType.i32()])
    table.set(3, wasmtime.Func(env.store, ty, lambda a, b: a * b))
    gc.collect()  # the Func object is gone; the store keeps the function
    assert env["call_slot"](env.store, 3, 6, 7) == 42
    assert table.slot_type_codes(3) == (b"\x00\x00", b"\x00")


@pytest.mark.parametrize("index", [4, 5, 1 << 32, (1 << 64) - 1, 1 << 64, 1 << 70, -1, -(1 << 64)])
def test_table_bounds(env, index):
    table = FastTable(env.store, env["table"])
    with pytest.raises(OutOfBoundsError, match="out of bounds"):
        table.set(index, env["add"])
    with pytest.raises(IndexError):
        table.set(index, None)
    with pytest.raises(OutOfBoundsError):
        table.get_func(index)
    with pytest.raises(OutOfBoundsError):
        table.slot_type_codes(index)
    assert table.size() == 4


def test_table_rejects_wrong_values(env):
    table = FastTable(env.store, env["table"])
    with pytest.raises(TypeError):
        table.set(0, 5)
    with pytest.raises(TypeError):
        table.set(0, env["memory"])
    with pytest.raises(TypeError):
        table.set("0", None)
    with pytest.raises(TypeError):
        FastTable(env.store, env["add"])
    with pytest.raises(UnsupportedTypeError, match="funcref"):
        FastTable(env.store, env["externs"])


def test_table_grow(env):
    public = env["small"]
    table = FastTable(env.store, public)
    assert table.grow(0) == 1
    assert table.grow(1, env["add"]) == 1
    assert table.size() == public.size(env.store) == 2
    assert table.get_func(1)(env.store, 2, 2) == 4
    with pytest.raises(TableGrowError, match="cannot grow"):
        table.grow(1, None)  # the table's maximum is 2
    with pytest.raises(InvalidValueError):
        table.grow(-1, None)
    assert table.size() == 2

    big = FastTable(env.store, env["table"])
    assert big.grow(100, None) == 4
    assert big.size() == 104 and big.get_func(103) is None
    assert big.grow(2, env["sub"]) == 104
    assert big.get_func(105)(env.store, 5, 1) == 4
    big.set(103, env["add"])
    assert env["call_slot"](env.store, 103, 1, 2) == 3


def test_table_grow_respects_store_limits():
    env = Env()
    env.store.set_limits(table_elements=50)
    table = FastTable(env.store, env["table"])
    with pytest.raises(TableGrowError):
        table.grow(1000, None)
    assert table.size() == 4


def test_slot_type_codes(env):
    table = FastTable(env.store, env["table"])
    assert table.slot_type_codes(0) is None
    assert table.slot_type_codes(1) == (b"\x00\x00", b"\x00")
    table.set(2, env["swap4"])
    assert table.slot_type_codes(2) == (bytes([0, 1, 2, 3]), bytes([3, 2, 1, 0]))


# --- wrong store: wasmtime aborts, we raise ----------------------------------------------------


def test_wrong_store_aborts_in_wasmtime_but_raises_here():
    """Prove the hazard in a subprocess, then that every entry point refuses it."""
    hazard = run_python(
        """
        import ctypes, wasmtime
        from wasmtime import _ffi as ffi
        engine = wasmtime.Engine()
        wat = '(module (table (export "t") 1 funcref))'
        module = wasmtime.Module(engine, wasmtime.wat2wasm(wat))
        s1, s2 = wasmtime.Store(engine), wasmtime.Store(engine)
        t1 = wasmtime.Instance(s1, module, []).exports(s1)["t"]
        wasmtime.Instance(s2, module, [])
        print("before", flush=True)
        ffi.wasmtime_table_size(s2._context(), ctypes.byref(t1._table))
        print("survived", flush=True)
        """
    )
    assert "before" in hazard.stdout
    if hazard.returncode == 0:
        pytest.skip("this wasmtime no longer aborts on a wrong-store handle")

    result = run_python(
        """
        import wasmtime
        from wasm_closures import _ffi
        from wasm_closures.errors import InvalidValueError
        engine = wasmtime.Engine()
        wat = '''(module (func (export "f") (result i32) (i32.const 1))
                  (table (export "t") 1 funcref) (global (export "g") (mut i32) (i32.const 0))
                  (memory (export "m") 1))'''
        module = wasmtime.Module(engine, wasmtime.wat2wasm(wat))
        s1, s2 = wasmtime.Store(engine), wasmtime.Store(engine)
        e1 = wasmtime.Instance(s1, module, []).exports(s1)
        e2 = wasmtime.Instance(s2, module, []).exports(s2)
        table = _ffi.FastTable(s1, e1["t"])
        attempts = [
            lambda: _ffi.FastTable(s2, e1["t"]),
            lambda: _ffi.FastI32Global(s2, e1["g"]),
            lambda: _ffi.FastCall(s2, e1["f"], "", "i"),
            lambda: _ffi.func_type_codes(s2, e1["f"]),
            lambda: _ffi.memory_address(s2, e1["m"]),
            lambda: _ffi.read(s2, e1["m"], 0, 4),
            lambda: table.set(0, e2["f"]),
            lambda: table.grow(1, e2["f"]),
        ]
        for attempt in attempts:
            try:
                attempt()
            except InvalidValueError as e:
                assert "another store" in str(e)
            else:
                raise AssertionError("accepted a handle of another store")
        table.set(0, e1["f"])
        print("all refused")
        """
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "all refused" in result.stdout


def test_wrong_store_in_process(env, other):
    table = FastTable(env.store, env["table"])
    with pytest.raises(InvalidValueError, match="another store"):
        table.set(0, other["add"])
    with pytest.raises(InvalidValueError, match="another store"):
        FastCall(env.store, other["add"], "ii", "i")
    with pytest.raises(InvalidValueError, match="another store"):
        memory_address(env.store, other["memory"])
    assert table.get_func(0) is None


def test_closed_store_raises_instead_of_dangling():
    env = Env()
    table = FastTable(env.store, env["table"])
    global_ = FastI32Global(env.store, env["g"])
    call = FastCall(env.store, env["add"], "ii", "i")
    memory = env["memory"]
    env.store.close()
    for operation in (
        table.size,
        lambda: table.set(0, None),
        global_.get,
        lambda: call(1, 2),
        lambda: memory_address(env.store, memory),
    ):
        with pytest.raises(ValueError):
            operation()


# --- FastI32Global -----------------------------------------------------------------------------


def test_global_get_set_against_public_api(env):
    public = env["g"]
    global_ = FastI32Global(env.store, public)
    assert global_.mutable
    assert global_.get() == public.value(env.store) == 5
    global_.set(-123)
    assert public.value(env.store) == -123
    public.set_value(env.store, 77)
    assert global_.get() == 77


@pytest.mark.parametrize(
    "value, stored",
    [
        (0, 0),
        (-1, -1),
        (2**31 - 1, 2**31 - 1),
        (-(2**31), -(2**31)),
        (2**31, -(2**31)),
        (2**32 - 1, -1),
        (0x8000_0010, -0x7FFF_FFF0),
        (True, 1),
    ],
)
def test_global_i32_range(env, value, stored):
    global_ = FastI32Global(env.store, env["g"])
    global_.set(value)
    assert global_.get() == stored == env["g"].value(env.store)
    assert global_.get() & 0xFFFF_FFFF == value & 0xFFFF_FFFF


@pytest.mark.parametrize("value", [2**32, -(2**31) - 1, 2**64, -(2**63)])
def test_global_out_of_range(env, value):
    global_ = FastI32Global(env.store, env["g"])
    global_.set(3)
    with pytest.raises(InvalidValueError, match="i32 range"):
        global_.set(value)
    assert global_.get() == 3


def test_global_types(env):
    constant = FastI32Global(env.store, env["const_g"])
    assert not constant.mutable and constant.get() == 9
    with pytest.raises(InvalidValueError, match="immutable"):
        constant.set(1)
    assert constant.get() == 9
    with pytest.raises(UnsupportedTypeError, match="i32"):
        FastI32Global(env.store, env["g64"])
    with pytest.raises(TypeError):
        FastI32Global(env.store, env["table"])
    global_ = FastI32Global(env.store, env["g"])
    with pytest.raises(TypeError):
        global_.set(1.5)
    with pytest.raises(TypeError):
        global_.set("1")


# --- FastCall ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, letter, values",
    [
        ("id_i32", "i", [0, 1, -1, 2**31 - 1, -(2**31)]),
        ("id_i64", "I", [0, -1, 2**63 - 1, -(2**63), 1 << 40]),
        ("id_f32", "f", [0.0, -1.5, 3.25, float("inf"), 1e30]),
        ("id_f64", "F", [0.0, -1.5, 0.1, float("-inf"), 1e300]),
    ],
)
def test_call_each_type_against_public_api(env, name, letter, values):
    func = env[name]
    call = FastCall(env.store, func, letter, letter)
    for value in values:
        assert call(value) == func(env.store, value)
    if letter in "fF":
        assert call(0.1) == func(env.store, 0.1) == pytest.approx(0.1)  # f32 rounds alike
        assert math.isnan(call(float("nan")))


def test_call_unsigned_wraps_like_the_bits(env):
    assert FastCall(env.store, env["id_i32"], "i", "i")(0xFFFF_FFFF) == -1
    assert FastCall(env.store, env["id_i64"], "I", "I")(2**64 - 1) == -1
    assert FastCall(env.store, env["id_f32"], "f", "f")(3) == 3.0  # ints go to floats


def test_call_multi_value_and_no_value(env):
    swap = FastCall(env.store, env["swap4"], "iIfF", "FfIi")
    assert swap(1, 2, 3.5, 4.25) == (4.25, 3.5, 2, 1)
    assert list(swap(-7, 1 << 50, -0.5, 1e-300)) == env["swap4"](env.store, -7, 1 << 50, -0.5, 1e-300)
    assert FastCall(env.store, env["nop"], "", "")() is None
    assert FastCall(env.store, env["add"], "ii", "i")(40, 2) == 42


def test_call_argument_errors(env):
    add = FastCall(env.store, env["add"], "ii", "i")
    with pytest.raises(TypeError, match="expected 2 arguments"):
        add(1)
    with pytest.raises(TypeError):
        add(1, 2, 3)
    with pytest.raises(InvalidValueError, match="i32 range"):
        add(2**32, 0)
    with pytest.raises(InvalidValueError):
        add(0, -(2**31) - 1)
    with pytest.raises(TypeError):
        add(1.5, 0)
    with pytest.raises(TypeError):
        add("1", 0)
    assert add(1, 2) == 3


def test_call_signature_checks(env):
    with pytest.raises(InvalidValueError, match=r"signature mismatch: the function is \(ii\) -> \(i\)"):
        FastCall(env.store, env["add"], "iI", "i")
    with pytest.raises(InvalidValueError, match="mismatch"):
        FastCall(env.store, env["add"], "ii", "")
    with pytest.raises(UnsupportedTypeError, match="type letter 'v'"):
        FastCall(env.store, env["add"], "v", "i")
    with pytest.raises(UnsupportedTypeError):
        FastCall(env.store, env["refs"], "iii", "i")  # funcref/externref parameters
    with pytest.raises(InvalidValueError):
        FastCall(env.store, env["add"], None, "i")
    with pytest.raises(TypeError):
        FastCall(env.store, env["g"], "", "i")


def test_call_traps_raise_and_the_call_stays_usable(env):
    trap = FastCall(env.store, env["trap"], "", "")
    with pytest.raises(wasmtime.Trap) as info:
        trap()
    assert "unreachable" in str(info.value)
    assert info.value.trap_code == wasmtime.TrapCode.UNREACHABLE

    div = FastCall(env.store, env["div"], "ii", "i")
    with pytest.raises(wasmtime.Trap, match="divide by zero"):
        div(1, 0)
    with pytest.raises(wasmtime.Trap, match="overflow"):
        div(-(2**31), -1)
    assert div(7, 2) == 3
    for _ in range(1000):  # traps after traps: nothing leaks into the next call
        with pytest.raises(wasmtime.Trap):
            trap()
    assert div(-9, 3) == -3


def test_call_reraises_python_host_exceptions_like_public_api(env):
    def host(x):
        if x < 0:
            raise KeyError("negative")
        return x + 1

    ty = wasmtime.FuncType([wasmtime.ValType.i32()], [wasmtime.ValType.i32()])
    func = wasmtime.Func(env.store, ty, host)
    call = FastCall(env.store, func, "i", "i")
    assert call(1) == 2
    with pytest.raises(KeyError, match="negative"):
        func(env.store, -1)
    with pytest.raises(KeyError, match="negative"):
        call(-1)
    assert call(41) == 42


def test_call_is_reentrant(env):
    """A host function called from wasm calls back into wasm through the same FastCall."""
    calls = []

    def host(depth):
        calls.append(depth)
        return fast(depth - 1) + 1 if depth > 0 else 0

    ty = wasmtime.FuncType([wasmtime.ValType.i32()], [wasmtime.ValType.i32()])
    wat = """(module (import "" "host" (func $h (param i32) (result i32)))
               (func (export "f") (param i32) (result i32) (call $h (local.get 0))))"""
    instance = wasmtime.Instance(
        env.store, wasmtime.Module(env.engine, wasmtime.wat2wasm(wat)), [wasmtime.Func(env.store, ty, host)]
    )
    fast = FastCall(env.store, instance.exports(env.store)["f"], "i", "i")
    assert fast(5) == 5
    assert calls == [5, 4, 3, 2, 1, 0]


# --- func_type_codes and v128 ------------------------------------------------------------------


def test_func_type_codes(env):
    assert func_type_codes(env.store, env["add"]) == (b"\x00\x00", b"\x00")
    assert func_type_codes(env.store, env["swap4"]) == (bytes([0, 1, 2, 3]), bytes([3, 2, 1, 0]))
    assert func_type_codes(env.store, env["nop"]) == (b"", b"")
    assert func_type_codes(env.store, env["refs"]) == (bytes([0xFF, 0xFF, 0]), bytes([0xFF]))
    ty = wasmtime.FuncType([wasmtime.ValType.f64()], [wasmtime.ValType.i64(), wasmtime.ValType.f32()])
    host = wasmtime.Func(env.store, ty, lambda x: (1, 2.0))
    assert func_type_codes(env.store, host) == (b"\x03", b"\x01\x02")
    with pytest.raises(TypeError):
        func_type_codes(env.store, env["table"])


V128_HAZARD = """
import wasmtime
engine = wasmtime.Engine()
store = wasmtime.Store(engine)
module = wasmtime.Module(engine, wasmtime.wat2wasm('''{wat}'''))
f = wasmtime.Instance(store, module, []).exports(store)["v"]
print("before", flush=True)
print(f.type(store).params, flush=True)
"""

V128_SCRIPT = """
import wasmtime
from wasm_closures import _ffi
from wasm_closures.errors import InvalidValueError
engine = wasmtime.Engine()
store = wasmtime.Store(engine)
module = wasmtime.Module(engine, wasmtime.wat2wasm('''{wat}'''))
exports = wasmtime.Instance(store, module, []).exports(store)
print("codes", _ffi.func_type_codes(store, exports["v"]).__repr__(), flush=True)
table = _ffi.FastTable(store, exports["table"])
print("slot", table.slot_type_codes(0).__repr__(), flush=True)
table.set(1, table.get_func(0))
print("moved", table.slot_type_codes(1).__repr__(), flush=True)
try:
    _ffi.FastCall(store, exports["v"], "i", "i")
except _ffi.UnsupportedTypeError as e:
    print("refused", e, flush=True)
"""


def test_v128_signatures_do_not_abort():
    # First prove the hazard (wasmtime-py's own ValType aborts) and our path in a subprocess...
    hazard = run_python(V128_HAZARD.format(wat=V128_WAT))
    assert "before" in hazard.stdout
    assert hazard.returncode != 0, "wasmtime-py handles v128 types now; SPEC.md needs an update"

    result = run_python(V128_SCRIPT.format(wat=V128_WAT))
    assert result.returncode == 0, result.stderr[-2000:]
    assert "codes (b'\\x04\\x00', b'\\x04')" in result.stdout
    assert "slot (b'\\x04\\x00', b'\\x04')" in result.stdout
    assert "moved (b'\\x04\\x00', b'\\x04')" in result.stdout
    assert "refused signature mismatch: the function is (v128i) -> (v128)" in result.stdout

    # ...then in this process.
    engine = wasmtime.Engine()
    store = wasmtime.Store(engine)
    exports = wasmtime.Instance(store, wasmtime.Module(engine, wasmtime.wat2wasm(V128_WAT)), []).exports(
        store
    )
    assert func_type_codes(store, exports["v"]) == (b"\x04\x00", b"\x04")
    table = FastTable(store, exports["table"])
    assert table.slot_type_codes(0) == (b"\x04\x00", b"\x04")
    assert table.slot_type_codes(1) is None
    with pytest.raises(UnsupportedTypeError):
        FastCall(store, exports["v"], "ii", "i")
    assert FastCall(store, exports["i"], "", "i")() == 1


# --- memory ------------------------------------------------------------------------------------


def test_memory_address_read_write_against_public_api(env):
    memory = env["memory"]
    base, size = memory_address(env.store, memory)
    assert size == memory.data_len(env.store) == 65536
    assert base == ctypes.cast(memory.data_ptr(env.store), ctypes.c_void_p).value

    memory.write(env.store, b"\x01\x02\x03\x04\x05", 100)
    assert read(env.store, memory, 100, 5) == b"\x01\x02\x03\x04\x05"
    assert read(env.store, memory, 100, 0) == b""
    assert read_u32(env.store, memory, 100) == 0x04030201

    write_u32(env.store, memory, 200, 0xDEADBEEF)
    assert memory.read(env.store, 200, 204) == b"\xef\xbe\xad\xde"
    write_u32(env.store, memory, 204, -2)
    assert read_u32(env.store, memory, 204) == 0xFFFFFFFE
    write(env.store, memory, 65536 - 3, b"xyz")
    assert memory.read(env.store, 65533, 65536) == b"xyz"
    write_u32(env.store, memory, 65532, 1)  # the last aligned word
    assert read_u32(env.store, memory, 65532) == 1


@pytest.mark.parametrize(
    "offset, length",
    [
        (65536, 1),
        (65533, 4),
        (-1, 1),
        (0, -1),
        (0, 65537),
        (1 << 64, 1),
        (-(1 << 70), 4),
    ],
)
def test_memory_bounds(env, offset, length):
    memory = env["memory"]
    with pytest.raises(OutOfBoundsError, match="outside the memory"):
        read(env.store, memory, offset, length)
    if length >= 0:
        with pytest.raises(OutOfBoundsError):
            write(env.store, memory, offset, b"\0" * min(length, 65537))
    if length == 4:
        with pytest.raises(OutOfBoundsError):
            read_u32(env.store, memory, offset)
        with pytest.raises(OutOfBoundsError):
            write_u32(env.store, memory, offset, 1)


def test_memory_value_and_type_errors(env):
    memory = env["memory"]
    with pytest.raises(InvalidValueError):
        write_u32(env.store, memory, 0, 2**32)
    with pytest.raises(InvalidValueError):
        write_u32(env.store, memory, 0, -(2**31) - 1)
    with pytest.raises(InvalidValueError):
        read(env.store, memory, 1.0, 4)
    with pytest.raises(TypeError):
        memory_address(env.store, env["table"])


def test_memory_grow_is_seen(env):
    memory = env["memory"]
    with pytest.raises(OutOfBoundsError):
        write_u32(env.store, memory, 70000, 5)
    memory.grow(env.store, 1)
    _base, size = memory_address(env.store, memory)
    assert size == 2 * 65536
    write_u32(env.store, memory, 70000, 5)
    assert memory.read(env.store, 70000, 70004) == b"\x05\0\0\0"


def test_memory_through_a_caller(env):
    """Host functions pass their ``Caller`` as the store."""
    seen = []

    def host(caller, pointer):
        memory = caller["memory"]
        write_u32(caller, memory, pointer, 0xABCD)
        seen.append(read(caller, memory, pointer, 4))
        with pytest.raises(InvalidValueError, match="another store"):
            memory_address(caller, other_memory)

    other_memory = Env()["memory"]
    ty = wasmtime.FuncType([wasmtime.ValType.i32()], [])
    wat = """(module (import "" "host" (func $h (param i32))) (memory (export "memory") 1)
               (func (export "f") (param i32) (call $h (local.get 0))))"""
    instance = wasmtime.Instance(
        env.store,
        wasmtime.Module(env.engine, wasmtime.wat2wasm(wat)),
        [wasmtime.Func(env.store, ty, host, access_caller=True)],
    )
    exports = instance.exports(env.store)
    for _ in range(3):
        exports["f"](env.store, 8)
    assert seen == [b"\xcd\xab\0\0"] * 3
    assert read_u32(env.store, exports["memory"], 8) == 0xABCD


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


# --- define_i32_func: host functions through wasmtime_linker_define_func_unchecked -------------

HOST_WAT = r"""
(module
  (import "h" "f2" (func $f2 (param i32 i32) (result i32)))
  (import "h" "f0" (func $f0 (result i32)))
  (import "h" "f16" (func $f16 (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 2)
  (func (export "f2") (param i32 i32) (result i32) (call $f2 (local.get 0) (local.get 1)))
  (func (export "f0") (result i32) (call $f0))
  (func (export "f16") (result i32)
    (call $f16 (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4) (i32.const 5) (i32.const 6)
               (i32.const 7) (i32.const 8) (i32.const 9) (i32.const 10) (i32.const 11) (i32.const 12)
               (i32.const 13) (i32.const 14) (i32.const 15) (i32.const -1)))
  (func (export "sum") (param $n i32) (result i32) (local $s i32)
    (block (loop (br_if 1 (i32.eqz (local.get $n)))
      (local.set $s (i32.add (local.get $s) (call $f2 (local.get $n) (i32.const 0))))
      (local.set $n (i32.sub (local.get $n) (i32.const 1))) (br 0)))
    (local.get $s))
)
"""


class HostEnv:
    """A store and linker with ``h.f2``/``h.f0``/``h.f16`` defined by ``define_i32_func``."""

    def __init__(self, f2, f0=lambda: 7, f16=lambda *args: sum(args) & 0xFFFFFFFF, **options):
        self.engine = wasmtime.Engine()
        self.store = wasmtime.Store(self.engine)
        self.linker = wasmtime.Linker(self.engine)
        _ffi.define_i32_func(self.linker, "h", "f2", 2, f2, **options)
        _ffi.define_i32_func(self.linker, "h", "f0", 0, f0)
        _ffi.define_i32_func(self.linker, "h", "f16", 16, f16)
        module = wasmtime.Module(self.engine, wasmtime.wat2wasm(HOST_WAT))
        self.instance = self.linker.instantiate(self.store, module)
        self.exports = self.instance.exports(self.store)

    def call(self, name, *args):
        return self.exports[name](self.store, *args)


def _no_pending_exception() -> bool:
    from wasmtime import _func

    return _func.LAST_EXCEPTION is None


def test_host_func_arguments_are_unsigned_and_results_keep_their_bits():
    seen = []

    def f2(a, b):
        seen.append((a, b))
        return a + b if a + b <= U32_MAX else -1

    host = HostEnv(f2)
    assert host.call("f2", 1, 2) == 3
    assert host.call("f2", -1, 0) == -1  # 0xFFFFFFFF comes back as i32 -1
    assert host.call("f2", -(2**31), 5) == -(2**31) + 5
    assert seen == [(1, 2), (0xFFFFFFFF, 0), (0x80000000, 5)]
    assert host.call("f2", -1, 1) == -1  # the host returned -1 itself
    assert host.call("f0") == 7
    assert host.call("f16") == (sum(range(1, 16)) + 0xFFFFFFFF) & 0xFFFFFFFF == 119
    assert host.call("sum", 100) == 5050
    fast = FastCall(host.store, host.exports["f2"], "ii", "i")
    assert fast(0xFFFFFFFF, 0) == -1 and seen[-1] == (0xFFFFFFFF, 0)


def test_host_func_argument_order_with_sixteen_params():
    got = []
    host = HostEnv(lambda a, b: 0, f16=lambda *args: got.append(args) or 0)
    assert host.call("f16") == 0
    assert got == [(*tuple(range(1, 16)), 4294967295)]


@pytest.mark.parametrize("result", [2**32 - 1, -(2**31), 0, True, wasm_closures.errors.Errno.INVAL])
def test_host_func_results_accepted(result):
    host = HostEnv(lambda a, b: result)
    assert host.call("f2", 0, 0) == (int(result) if int(result) < 2**31 else int(result) - 2**32)


@pytest.mark.parametrize("result", [None, 2**32, -(2**31) - 1, 1.0, "1", (1,)])
def test_host_func_bad_results_raise_from_the_call(result):
    host = HostEnv(lambda a, b: result)
    with pytest.raises(InvalidValueError, match="result of host function"):
        host.call("f2", 0, 0)
    fast = FastCall(host.store, host.exports["f2"], "ii", "i")
    with pytest.raises(InvalidValueError, match="result of host function"):
        fast(0, 0)
    assert _no_pending_exception()


@pytest.mark.parametrize(
    "exception", [RuntimeError("boom"), KeyError("k"), KeyboardInterrupt(), SystemExit(3)]
)
def test_host_func_exceptions_are_reraised_never_leak_into_ctypes(exception):
    def f2(a, b):
        if a == 13:
            raise exception
        return a + b

    host = HostEnv(f2)
    fast = FastCall(host.store, host.exports["f2"], "ii", "i")
    sum_ = FastCall(host.store, host.exports["sum"], "i", "i")
    for call in (lambda: host.call("f2", 13, 0), lambda: fast(13, 0), lambda: sum_(20)):
        with pytest.raises(type(exception)) as info:
            call()
        assert info.value is exception
        assert _no_pending_exception()
        assert fast(1, 2) == 3  # the store stays usable


def test_host_func_exception_inside_wasm_is_a_trap():
    """Called from wasm, a raising host function is a trap there (no Python frame catches it)."""
    host = HostEnv(lambda a, b: 1 // 0)
    with pytest.raises(ZeroDivisionError):
        host.call("sum", 3)


def test_host_func_caller_is_valid_during_the_call_only():
    callers = []

    def f2(caller, a, b):
        callers.append(caller)
        if a == 1:
            memory = caller.get("memory")
            assert isinstance(memory, wasmtime.Memory)
            assert caller["memory"] is not None and caller.get("nothing") is None
            return memory.data_len(caller)  # the caller as a store
        return 0

    host = HostEnv(f2, access_caller=True)
    assert host.call("f2", 1, 0) == 2 * 65536
    assert host.call("f2", 0, 0) == 0  # a caller that was never used
    assert all(isinstance(c, wasmtime.Caller) for c in callers)
    for caller in callers:
        assert caller.get("memory") is None
        with pytest.raises(ValueError):
            caller._context()
        with pytest.raises(ValueError):
            memory_address(caller, host.exports["memory"])


def _registered(func) -> bool:
    """Whether ``define_i32_func`` still holds ``func`` (its definition was not finalized)."""
    return any(entry[0] is func for entry in list(host_functions._HOST_FUNCS.values()))


def test_host_func_is_kept_alive_until_wasmtime_finalizes_it():
    engine = wasmtime.Engine()
    store = wasmtime.Store(engine)
    linker = wasmtime.Linker(engine)
    funcs = [lambda a, b: a + b, lambda: 7, lambda *args: 0]
    for name, nparams, func in zip(("f2", "f0", "f16"), (2, 0, 16), funcs):
        _ffi.define_i32_func(linker, "h", name, nparams, func)
    module = wasmtime.Module(engine, wasmtime.wat2wasm(HOST_WAT))
    f2 = linker.instantiate(store, module).exports(store)["f2"]
    refs = [weakref.ref(func) for func in funcs]
    del linker, module, funcs, func  # the store still holds the definitions
    gc.collect()
    assert all(ref() is not None and _registered(ref()) for ref in refs)
    assert f2(store, 40, 2) == 42
    del f2, store
    gc.collect()
    assert all(ref() is None for ref in refs)  # finalizers ran, nothing holds them


def test_host_func_definition_errors():
    linker = wasmtime.Linker(wasmtime.Engine())
    before = len(host_functions._HOST_FUNCS)
    for nparams in (-1, 65, True, 1.0):
        with pytest.raises(InvalidValueError, match="nparams"):
            _ffi.define_i32_func(linker, "h", "f", nparams, lambda: 0)
    with pytest.raises(TypeError):
        _ffi.define_i32_func(object(), "h", "f", 0, lambda: 0)
    with pytest.raises(TypeError):
        _ffi.define_i32_func(linker, b"h", "f", 0, lambda: 0)
    with pytest.raises(TypeError):
        _ffi.define_i32_func(linker, "h", "f", 0, 42)
    assert len(host_functions._HOST_FUNCS) == before  # refused before registering
    first, duplicate, shadowing = (lambda: 0), (lambda: 1), (lambda: 2)
    _ffi.define_i32_func(linker, "h", "f", 0, first)
    with pytest.raises(wasmtime.WasmtimeError):  # no shadowing by default
        _ffi.define_i32_func(linker, "h", "f", 0, duplicate)
    assert _registered(first) and not _registered(duplicate)
    linker.allow_shadowing = True
    _ffi.define_i32_func(linker, "h", "f", 0, shadowing)
    assert not _registered(first) and _registered(shadowing)  # the shadowed one was finalized
    del linker
    gc.collect()
    assert not _registered(shadowing)


def test_host_func_is_reentrant():
    calls = []

    def f2(a, b):
        calls.append(a)
        return sum_(a - 1) + 1 if a > 0 else 0

    host = HostEnv(f2)
    sum_ = FastCall(host.store, host.exports["sum"], "i", "i")
    # f2(a) = sum(a - 1) + 1 and sum(n) = f2(n) + ... + f2(1): f2(1) = 1, f2(2) = 2, f2(3) = 4.
    assert host.call("f2", 3, 0) == 4
    assert calls == [3, 2, 1, 1]


def test_host_func_unavailable_without_the_internals():
    result = run_python(
        """
        import wasmtime
        from wasm_closures import _ffi
        try:
            _ffi.define_i32_func(wasmtime.Linker(wasmtime.Engine()), "h", "f", 0, lambda: 0)
        except _ffi.InternalsUnavailableError as e:
            print("refused:", e)
        """,
        WASM_CLOSURES_FFI="off",
    )
    assert result.returncode == 0, result.stderr
    assert "refused:" in result.stdout


# --- stress: no leak per operation -------------------------------------------------------------


def _rss_kib() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="needs /proc")
def test_stress_no_leak(env):
    table = FastTable(env.store, env["table"])
    call = FastCall(env.store, env["add"], "ii", "i")
    global_ = FastI32Global(env.store, env["g"])
    add, sub = env["add"], env["sub"]

    def burst(n: int) -> None:
        for i in range(n):
            table.set(i & 3, add if i & 1 else None)
            table.get_func(1)
            global_.set(i)
        for i in range(n // 2):
            call(i, 1)
            table.set(2, sub)

    burst(20_000)  # warm up allocator and caches
    gc.collect()
    before = _rss_kib()
    burst(200_000)
    gc.collect()
    growth = _rss_kib() - before
    # One leaked 32-byte wasmtime_val_t per set would be > 6 MiB here.
    assert growth < 2048, f"RSS grew by {growth} KiB"


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="needs /proc")
def test_host_func_stress_no_leak():
    """Host calls, raising host calls and whole definitions come and go without growth."""

    def f2(a, b):
        if b:
            raise RuntimeError("raised")
        return a

    def burst(n: int) -> None:
        host = HostEnv(f2, access_caller=False)
        fast = FastCall(host.store, host.exports["f2"], "ii", "i")
        sum_ = FastCall(host.store, host.exports["sum"], "i", "i")
        assert sum_(n) & U32_MAX == (n * (n + 1) // 2) & U32_MAX
        for i in range(n // 10):
            with pytest.raises(RuntimeError):
                fast(i, 1)
        for _ in range(n // 100):
            HostEnv(f2)  # defined, instantiated, dropped

    burst(20_000)
    gc.collect()
    keys = set(host_functions._HOST_FUNCS)
    before = _rss_kib()
    burst(200_000)
    gc.collect()
    growth = _rss_kib() - before
    assert len(host_functions._HOST_FUNCS) <= len(keys)  # every definition was finalized
    assert growth < 4096, f"RSS grew by {growth} KiB"
