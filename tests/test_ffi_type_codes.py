"""Tests of ``func_type_codes`` (``_ffi.type_codes``) and v128 signatures, which abort wasmtime-py.

Shared helpers: ffi_support.py; the ``env`` fixture: conftest.py.
"""

from __future__ import annotations

import pytest
import wasmtime
from ffi_support import run_python

from wasm_closures._ffi import (
    FastCall,
    FastTable,
    UnsupportedTypeError,
    func_type_codes,
)

V128_WAT = r"""
(module
  (func $v (export "v") (param v128 i32) (result v128) (local.get 0))
  (func (export "i") (result i32) (i32.const 1))
  (table (export "table") 2 funcref)
  (elem (i32.const 0) func $v)
)
"""


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
    assert hazard.returncode != 0, "wasmtime-py handles v128 types now; docs/spec.md needs an update"

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
