"""The benchmark cases: the one list both ``wasm-closures bench`` and the pytest-benchmark suite
(``benches/bench_suite.py``) run.

A :class:`Case` has a group, a name, a parameter (the number of closure parameters, or
``None``) and a ``setup`` that does the untimed work and returns the zero-arg callable to time.
Groups:

- ``encode``: ``encode_closure_module`` with the Rust and the Python backend.
- ``prepare``: warm prepare, i.e. ``ClosureRuntime.prepare`` of an allocated, prepared slot
  with a signature the runtime has seen, with the ``pooled`` and the ``module`` strategy.
- ``prepare-cold``: the first prepare of a signature in a new engine (pooled strategy), without
  a disk cache (``nodisk``: encode and compile the pool module) and with a prefilled one
  (``disk``). One-shot: each timed call gets its own setup.
- ``cycle``: ``allocate`` + ``prepare`` + ``free`` of a closure (pooled).
- ``call``: ``N`` calls made inside wasm through a closure (``closure``: pooled trampoline, the
  default, which calls the backing function directly; ``closure-table``: pooled trampoline
  calling it through the table; ``closure-module``: the WASIX module's trampoline), directly
  to the backing function (``direct``), to a plain function of the closure's signature that
  computes the same without memory (``plain``), and none: the loop computing that inline
  (``inline``; ``plain - inline`` is what one more call costs); figures are per call
  (``per_call = N``).
- ``runtime``: the native runtime core against the pure-Python runtime
  (``WASM_CLOSURES_BACKEND=python``), pooled, ``(i32, i32) -> i32``: a warm prepare through the
  Python API with a ``Signature`` and with text (``prepare-signature``, ``prepare-text``),
  allocate + prepare + free through the Python API (``cycle-api``), and a guest's allocate +
  prepare + call + free through the WASIX syscalls (``cycle-guest``, loops of
  ``GUEST_CYCLES``; per cycle), and a guest's ``call_dynamic`` (``call_dynamic``, native;
  ``call_dynamic-module``: the same on the module strategy, whose call_dynamic the core serves).
  The guest loops are called with ``_ffi.FastCall``, as the ``libffi`` loops are: through
  wasmtime-py's ``Func.__call__`` (about 18 µs) a loop of 1,000 would count 18 ns of Python
  in each cycle.
  The issue's targets are ratios to ``anchor-ctypes-cfunctype`` (call_dynamic: <= 0.5 µs).
- ``anchor``: reference costs measured in the same run: creating a ``ctypes.CFUNCTYPE``
  callback (a native libffi closure) and compiling one trampoline module with Cranelift.
- ``call_dynamic``, ``libffi`` and ``libffi-native``: FFI for WASIX guests, see ``ffi_cases``.
- ``cpython``: Python's ctypes inside wasm against the host's, see ``cpython_cases``.
- ``startup`` and ``first-prepare``: a short run's fixed costs, in new processes, see
  ``startup_cases``.
- ``cli-startup``: the wall time of ``wasm-closures run`` of a small program, against
  ``python -c "import wasmtime"``, see ``cli_startup``.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import os
import tempfile
from collections.abc import Iterator, Sequence

import wasmtime

from .. import _ffi
from .._format.types import MemoryImport, Signature, ValType
from .._runtime import backend as _runtime_backend
from ..encoder import available_backends, encode_closure_module
from .case import Case, Op
from .cli_startup import cli_startup_cases
from .cpython_cases import cpython_cases
from .ffi_cases import ffi_cases
from .guest import DYNAMIC_WAT, load_guest
from .guest import WAT as WAT_CYCLES
from .program import ADD_ENV, PLAIN_ADD, PLAIN_ENV, RET_ENV, Program, load_program, program_wasm
from .startup_cases import startup_cases

PARAMS = (0, 2, 8, 32, 128)
"""The parameter counts of the encode and prepare cases."""
CALL_ITERATIONS = 100_000
"""Calls one run of a call loop makes inside wasm."""
CALL_ENV = PLAIN_ENV  # so that every call loop computes the same
MODULE_PREPARES_PER_STORE = 1000
"""The module strategy instantiates a module per prepare and a wasmtime Store refuses its
10,001st instance: the module-strategy case moves to a fresh program after this many."""
CYCLE_PARAMS = 2
GUEST_CYCLES = 1000
"""Cycles one call of a ``runtime-cycle-guest`` case makes inside wasm."""
RUNTIME_BACKENDS = _runtime_backend.BACKENDS
COMPILE_ANCHOR_PARAMS = 2
_MIXED = (ValType.I32, ValType.I64, ValType.F32, ValType.F64)


def signature(nparams: int) -> Signature:
    """The benchmarks' signature of ``nparams`` parameters: i32, i64, f32, f64 repeated, -> i32."""
    return Signature([_MIXED[i % 4] for i in range(nparams)], [ValType.I32])


def param_letters(nparams: int) -> str:
    """``signature(nparams)``'s parameters as ``_ffi.FastCall`` type letters."""
    return "".join("iIfF"[i % 4] for i in range(nparams))


# --------------------------------------------------------------------------------------------
# encode
# --------------------------------------------------------------------------------------------


def _encode_setup(backend: str, nparams: int) -> Op:
    sig = signature(nparams)
    memory = MemoryImport.unshared()
    return functools.partial(
        encode_closure_module, "__wasix_closure_0", 5, ADD_ENV, 0, sig, memory=memory, backend=backend
    )


# --------------------------------------------------------------------------------------------
# prepare (warm)
# --------------------------------------------------------------------------------------------


class WarmPrepare:
    """Re-prepare one allocated closure with the same signature, a new ``env`` each call.

    After a call, the closure returns ``env`` (backing function ``RET_ENV``). The module
    strategy moves to a fresh program every ``MODULE_PREPARES_PER_STORE`` prepares.
    """

    def __init__(self, strategy: str, nparams: int, engine: wasmtime.Engine | None = None) -> None:
        self.strategy = strategy
        self.signature = signature(nparams)
        self.engine = engine if engine is not None else wasmtime.Engine()
        self.prepares = 0
        self.env = 0
        self._limit = MODULE_PREPARES_PER_STORE if strategy == "module" else None
        self._fresh_program()

    def _fresh_program(self) -> None:
        self.program: Program = load_program(self.engine, self.strategy)
        self._prepare = self.program.runtime.prepare
        self.closure = self.program.runtime.allocate()
        # The signature is now seen; pooled, a re-prepare (which takes a new trampoline before
        # it gives the old one back) then finds its pool grown past the first instance's one.
        self._in_store = 1 if self.strategy == "module" else 2
        for _ in range(self._in_store):
            self._prepare(self.closure, RET_ENV, self.signature, self.env)

    def __call__(self) -> None:
        if self._limit is not None and self._in_store >= self._limit:
            self._fresh_program()
        self.env = env = (self.env + 1) & 0x7FFF_FFFF
        self._prepare(self.closure, RET_ENV, self.signature, env)
        self._in_store += 1
        self.prepares += 1


# --------------------------------------------------------------------------------------------
# prepare (cold)
# --------------------------------------------------------------------------------------------


class _ColdSetup:
    """Per timed call: a new engine (so an empty in-memory module cache), the program in it,
    an allocated closure; with ``disk`` a DiskCache in a temporary directory filled once."""

    def __init__(self, nparams: int, disk: bool) -> None:
        self.signature = signature(nparams)
        self.disk = disk
        self._serialized: bytearray | None = None
        self._directory: tempfile.TemporaryDirectory[str] | None = None  # removed with this object

    def __call__(self) -> Op:
        if self._serialized is None:
            # Deserializing the program is cheaper than compiling it in each new engine.
            self._serialized = wasmtime.Module(wasmtime.Engine(), program_wasm()).serialize()
            if self.disk:
                self._directory = tempfile.TemporaryDirectory(prefix="wasm-closures-bench-")
                self._new_prepare()()  # fills the disk cache
        return self._new_prepare()

    def _new_prepare(self) -> Op:
        engine = wasmtime.Engine()
        module = wasmtime.Module.deserialize(engine, self._serialized)  # type: ignore[arg-type]
        disk = self._directory.name if self._directory is not None else None
        program = load_program(engine, "pooled", module=module, disk_cache=disk)
        closure = program.runtime.allocate()
        op = functools.partial(program.runtime.prepare, closure, RET_ENV, self.signature, 7)
        op.program = program  # type: ignore[attr-defined]
        op.closure = closure  # type: ignore[attr-defined]
        return op


# --------------------------------------------------------------------------------------------
# cycle, call, anchors
# --------------------------------------------------------------------------------------------


def _cycle_setup() -> Op:
    program = load_program(wasmtime.Engine(), "pooled")
    runtime = program.runtime
    sig = signature(CYCLE_PARAMS)
    warm = runtime.allocate()
    runtime.prepare(warm, RET_ENV, sig, 0)  # the signature is seen; its pool exists
    runtime.free(warm)
    allocate, prepare, free = runtime.allocate, runtime.prepare, runtime.free

    def cycle() -> int:
        closure = allocate()
        prepare(closure, RET_ENV, sig, 1)
        free(closure)
        return closure

    cycle.program = program  # type: ignore[attr-defined]
    return cycle


CALL_SIGNATURE = Signature([ValType.I32, ValType.I32], [ValType.I32])


_CALL_RUNTIME_OPTIONS = {
    "closure": {},
    "closure-table": {"direct_backing_calls": False},
    "closure-module": {"strategy": "module"},
    "direct": {},
    "plain": {},
    "inline": {},
}


def _call_setup(kind: str) -> Op:
    program = load_program(wasmtime.Engine(), **_CALL_RUNTIME_OPTIONS[kind])  # type: ignore[arg-type]
    if kind == "direct":
        loop = program.fast_call("loop_direct", "iii", "i")
        op = functools.partial(loop, ADD_ENV, CALL_ENV, CALL_ITERATIONS)
    elif kind == "plain":
        loop = program.fast_call("loop_closure", "ii", "i")
        op = functools.partial(loop, PLAIN_ADD, CALL_ITERATIONS)
    elif kind == "inline":
        loop = program.fast_call("loop_inline", "i", "i")
        op = functools.partial(loop, CALL_ITERATIONS)
    else:
        closure = program.runtime.allocate()
        program.runtime.prepare(closure, ADD_ENV, CALL_SIGNATURE, CALL_ENV)
        loop = program.fast_call("loop_closure", "ii", "i")
        op = functools.partial(loop, closure, CALL_ITERATIONS)
    op.program = program  # type: ignore[attr-defined]
    return op


@contextlib.contextmanager
def _runtime(backend: str) -> Iterator[None]:
    """Runtimes made in the block use ``backend`` (``WASM_CLOSURES_BACKEND``)."""
    saved = os.environ.get(_runtime_backend.ENV_VARIABLE)
    os.environ[_runtime_backend.ENV_VARIABLE] = backend
    try:
        yield
    finally:
        if saved is None:
            del os.environ[_runtime_backend.ENV_VARIABLE]
        else:
            os.environ[_runtime_backend.ENV_VARIABLE] = saved


def _runtime_setup(kind: str, backend: str) -> Op:
    with _runtime(backend):
        if kind in ("cycle-guest", "call_dynamic", "call_dynamic-module"):
            wat, export = (WAT_CYCLES, "cycles") if kind == "cycle-guest" else (DYNAMIC_WAT, "dynamic_calls")
            strategy = "module" if kind == "call_dynamic-module" else "pooled"
            store, cycles, runtime = load_guest(wasmtime.Engine(), wat, export, strategy)
            loop = functools.partial(_ffi.FastCall(store, cycles, "i", "i"), GUEST_CYCLES)
            if loop() != GUEST_CYCLES:  # warms the signature and the pool; checks the guest
                raise RuntimeError(f"the guest's {kind} loop failed")
            loop.runtime = runtime  # type: ignore[attr-defined]
            return loop
        program = load_program(wasmtime.Engine(), "pooled")
    runtime = program.runtime
    if runtime.backend != backend:
        raise RuntimeError(f"the {backend} runtime cannot serve: {runtime.backend_reason}")
    sig: Signature | str = CALL_SIGNATURE if kind != "prepare-text" else str(CALL_SIGNATURE)
    closure = runtime.allocate()
    runtime.prepare(closure, RET_ENV, sig, 0)  # the signature is seen; its pool exists
    allocate, prepare, free = runtime.allocate, runtime.prepare, runtime.free
    if kind == "cycle-api":

        def op() -> None:
            fp = allocate()
            prepare(fp, RET_ENV, sig, 1)
            free(fp)

    else:
        op = functools.partial(prepare, closure, RET_ENV, sig, 1)
    op.program = program  # type: ignore[attr-defined]
    return op


def _cfunctype_setup() -> Op:
    prototype = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_int, ctypes.c_int)

    def add(a: int, b: int) -> int:
        return a + b

    return functools.partial(prototype, add)


def _compile_setup() -> Op:
    engine = wasmtime.Engine()
    wasm = encode_closure_module(
        "__wasix_closure_0", 5, ADD_ENV, 0, signature(COMPILE_ANCHOR_PARAMS), memory=MemoryImport.unshared()
    )
    return functools.partial(wasmtime.Module, engine, wasm)


# --------------------------------------------------------------------------------------------
# the list
# --------------------------------------------------------------------------------------------


def all_cases(params: Sequence[int] = PARAMS) -> list[Case]:
    """Every case, in report order. Cases this installation cannot run have ``unavailable`` set."""
    backends = available_backends()
    cases: list[Case] = []
    for backend in ("rust", "python"):
        missing = (
            None
            if backend in backends
            else ("the Rust extension wasm_closures._native is not built/installed")
        )
        for n in params:
            cases.append(
                Case(
                    "encode",
                    backend,
                    n,
                    functools.partial(_encode_setup, backend, n),
                    f"encode_closure_module(..., backend={backend!r}) for {n} params -> i32",
                    unavailable=missing,
                )
            )
    for strategy in ("pooled", "module"):
        for n in params:
            cases.append(
                Case(
                    "prepare",
                    strategy,
                    n,
                    functools.partial(WarmPrepare, strategy, n),
                    f"warm ClosureRuntime.prepare, strategy {strategy!r}, {n} params -> i32",
                )
            )
    for name, disk in (("nodisk", False), ("disk", True)):
        for n in params:
            cases.append(
                Case(
                    "prepare-cold",
                    name,
                    n,
                    _ColdSetup(n, disk),
                    f"first prepare of a {n}-param signature in a new engine (pooled), "
                    + ("with a warm disk cache" if disk else "no disk cache"),
                    one_shot=True,
                )
            )
    cases.append(
        Case(
            "cycle",
            "pooled",
            CYCLE_PARAMS,
            _cycle_setup,
            f"allocate + prepare + free, pooled, {CYCLE_PARAMS} params",
        )
    )
    native_missing = (
        None if _runtime_backend.NATIVE is not None else _runtime_backend.NATIVE_UNAVAILABLE_REASON
    )
    for kind, what in (
        ("prepare-signature", "warm prepare through the Python API, signature given as a Signature"),
        ("prepare-text", "warm prepare through the Python API, signature given as text"),
        ("cycle-api", "allocate + prepare + free through the Python API"),
        ("cycle-guest", "a guest's allocate + prepare + call + free through the WASIX syscalls"),
        ("call_dynamic", "a guest's call_dynamic of an (i32, i32) -> i32 function, strict"),
        ("call_dynamic-module", "the same on the module strategy"),
    ):
        # call_dynamic: the native runtime's (the Python one is another module's)
        for backend in RUNTIME_BACKENDS if not kind.startswith("call_dynamic") else ("native",):
            cases.append(
                Case(
                    "runtime",
                    f"{kind}-{backend}",
                    None,
                    functools.partial(_runtime_setup, kind, backend),
                    f"{what}, (i32, i32) -> i32, {backend} runtime",
                    per_call=1 if kind.startswith(("prepare", "cycle-api")) else GUEST_CYCLES,
                    unavailable=native_missing if backend == "native" else None,
                )
            )
    for kind, what in (
        ("closure", "through a pooled closure (the default: direct call of the backing function)"),
        ("closure-table", "through a pooled closure calling the backing function through the table"),
        ("closure-module", "through a module-strategy (WASIX) closure"),
        ("direct", "directly to the backing function, spilling by hand"),
        ("plain", "to a plain (i32, i32) -> i32 function computing the same without memory"),
        ("inline", "none: the same loop computing the plain function's result inline"),
    ):
        cases.append(
            Case(
                "call",
                kind,
                None,
                functools.partial(_call_setup, kind),
                f"one (i32, i32) -> i32 call made in wasm {what}",
                per_call=CALL_ITERATIONS,
            )
        )
    cases.append(
        Case(
            "anchor",
            "ctypes-cfunctype",
            None,
            _cfunctype_setup,
            "create a ctypes.CFUNCTYPE callback (a native libffi closure)",
        )
    )
    cases.append(
        Case(
            "anchor",
            "cranelift-compile",
            None,
            _compile_setup,
            f"compile one trampoline module ({COMPILE_ANCHOR_PARAMS} params) with Cranelift",
        )
    )
    cases += ffi_cases()
    cases += cpython_cases()
    cases += startup_cases()
    cases += cli_startup_cases()
    return cases
