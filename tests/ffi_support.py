"""What the tests of ``wasm_closures._ffi`` (the C API fast paths over wasmtime-py internals) share:
the WAT program and its instance, and a way to run Python in a subprocess.

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

import os
import subprocess
import sys
import textwrap

import wasmtime

import wasm_closures

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


def run_python(code: str, **env_vars: str) -> subprocess.CompletedProcess:
    environment = dict(os.environ, PYTHONPATH=PYTHONPATH, **env_vars)
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )


def rss_kib() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")
