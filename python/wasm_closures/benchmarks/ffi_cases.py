"""Benchmark cases of FFI for WASIX guests: ``call_dynamic`` and libffi closures.

Group ``call_dynamic`` (a WAT guest, loops of ``CALL_DYNAMIC_ITERATIONS`` calls inside wasm):

- ``guest``: ``call_dynamic`` of an ``(i32, i32) -> i32`` table function, strict, from wasm;
- ``call_indirect``: the same function called with ``call_indirect``: the anchor.

(No id here contains ``call-``, which selects the ``call`` group with ``-k``.)

Group ``libffi`` (``libffi_guest.c``, a reactor linked with libffi's WASIX backend; loops of
``LIBFFI_ITERATIONS`` inside wasm):

- ``ffi-call``: ``ffi_call`` of a closure made with ``ffi_prep_closure_loc`` (the closure's
  trampoline, reached through ``call_dynamic``);
- ``plain-ffi-call``: ``ffi_call`` of a plain C function (one ``call_dynamic``);
- ``closure-call``: the closure called through its function pointer;
- ``prep-closure``: ``ffi_closure_alloc`` + ``ffi_prep_closure_loc`` + ``ffi_closure_free``;
- ``closure-cycle``: the same with one call of each closure: the closure cycle.

Group ``libffi-native``: the same loops of the same C source built natively against the system
libffi (``native.py``), the anchors of the ``libffi`` rows: the report shows each as a
wasm/native ratio, the two timed in alternation (``NATIVE_PAIRS``).

Figures are per call (``per_call``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from importlib import resources
from typing import Any, cast

import wasmtime

from .. import _ffi
from ..runtime import ClosureRuntime
from . import native
from .case import Case

CALL_DYNAMIC_ITERATIONS = 10_000
LIBFFI_ITERATIONS = 2_000
LIBFFI_GUEST = "libffi_guest.wasm"
_ADD = 1  # the table slot of the (i32, i32) -> i32 function
_VALUES, _RESULTS = 256, 512

CALL_DYNAMIC_WAT = f"""
(module
  (import "wasix_32v1" "call_dynamic" (func $call_dynamic (param i32 i32 i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (table (export "__indirect_function_table") 2 funcref)
  (global (export "__stack_pointer") (mut i32) (i32.const 65536))
  (type $ii_i (func (param i32 i32) (result i32)))
  (elem (i32.const {_ADD}) $add)
  (func $add (type $ii_i) (i32.add (local.get 0) (local.get 1)))
  ;; acc = add(acc, n) n times through call_dynamic; -1 on an errno
  (func (export "loop_call_dynamic") (param $n i32) (result i32)
    (block $done (loop $next
      (br_if $done (i32.eqz (local.get $n)))
      (i32.store offset=4 (i32.const {_VALUES}) (local.get $n))
      (if (call $call_dynamic (i32.const {_ADD}) (i32.const {_VALUES}) (i32.const 8)
            (i32.const {_VALUES}) (i32.const 4) (i32.const 1))
        (then (return (i32.const -1))))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $next)))
    (i32.load (i32.const {_VALUES})))
  ;; the same with call_indirect
  (func (export "loop_call_indirect") (param $n i32) (result i32) (local $acc i32)
    (block $done (loop $next
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $acc (call_indirect (type $ii_i) (local.get $acc) (local.get $n) (i32.const {_ADD})))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $next)))
    (local.get $acc))
)
"""

Op = Callable[[], Any]


def _instantiate(wasm: bytes) -> tuple[wasmtime.Store, wasmtime.Instance]:
    """``wasm`` in a new store, with the WASIX closure syscalls and call_dynamic of a runtime."""
    engine = wasmtime.Engine()
    store = wasmtime.Store(engine)
    runtime = ClosureRuntime(store)
    linker = wasmtime.Linker(engine)
    runtime.define_wasix(linker)
    instance = linker.instantiate(store, wasmtime.Module(engine, wasm))
    runtime.bind_exports(instance)
    return store, instance


def _loop(wasm: bytes, export: str, iterations: int, setup_export: str | None = None) -> Op:
    store, instance = _instantiate(wasm)
    exports = instance.exports(store)
    if setup_export is not None:
        status = _ffi.FastCall(store, cast(wasmtime.Func, exports[setup_export]), "", "i")()
        if status != 0:
            raise RuntimeError(f"{setup_export}() returned {status}")
    op = functools.partial(_ffi.FastCall(store, cast(wasmtime.Func, exports[export]), "i", "i"), iterations)
    op.store = store  # type: ignore[attr-defined]  # keeps the program alive with the op
    return op


def call_dynamic_wasm() -> bytes:
    return bytes(wasmtime.wat2wasm(CALL_DYNAMIC_WAT))


def libffi_guest_wasm() -> bytes:
    """The prebuilt libffi guest shipped with the package (see ``libffi_guest.c``)."""
    return resources.files(__package__).joinpath(LIBFFI_GUEST).read_bytes()


def _libffi_setup(export: str) -> Op:
    return _loop(libffi_guest_wasm(), export, LIBFFI_ITERATIONS, setup_export="setup")


# (case name, the guest's export, what one operation is)
LIBFFI_LOOPS = (
    ("ffi-call", "loop_ffi_call", "ffi_call of a libffi closure (ffi_prep_closure_loc)"),
    ("plain-ffi-call", "loop_plain_ffi_call", "ffi_call of a plain (int, int) -> int C function"),
    ("closure-call", "loop_closure_call", "a call through the same libffi closure's pointer"),
    ("prep-closure", "loop_prep_closure", "ffi_closure_alloc + ffi_prep_closure_loc + ffi_closure_free"),
    (
        "closure-cycle",
        "loop_closure_cycle",
        "ffi_closure_alloc + ffi_prep_closure_loc + call + ffi_closure_free",
    ),
)


def ffi_cases() -> list[Case]:
    """The ``call_dynamic`` and ``libffi`` cases, in report order."""
    cases = [
        Case(
            "call_dynamic",
            name,
            None,
            functools.partial(_loop, call_dynamic_wasm(), export, CALL_DYNAMIC_ITERATIONS),
            f"one (i32, i32) -> i32 call from wasm {what}",
            per_call=CALL_DYNAMIC_ITERATIONS,
        )
        for name, export, what in (
            ("guest", "loop_call_dynamic", "through wasix_32v1.call_dynamic (strict)"),
            ("call_indirect", "loop_call_indirect", "with call_indirect (the anchor)"),
        )
    ]
    cases += [
        Case(
            "libffi",
            name,
            None,
            functools.partial(_libffi_setup, export),
            f"{what}, in wasm",
            per_call=LIBFFI_ITERATIONS,
        )
        for name, export, what in LIBFFI_LOOPS
    ]
    missing = native.unavailable()
    cases += [
        Case(
            "libffi-native",
            name,
            None,
            functools.partial(native.loop, export, LIBFFI_ITERATIONS),
            f"{what}, native (system libffi)",
            per_call=LIBFFI_ITERATIONS,
            unavailable=missing,
        )
        for name, export, what in LIBFFI_LOOPS
    ]
    return cases


NATIVE_PAIRS = tuple((f"libffi-{name}", f"libffi-native-{name}") for name, _, _ in LIBFFI_LOOPS)
