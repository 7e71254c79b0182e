"""``wasix_32v1.call_dynamic``: call a table function whose type the caller does not know.

``call_dynamic(function_id, values, values_len, results, results_len, strict) -> errno`` looks
``function_id`` up in the program's ``__indirect_function_table``, calls it with its own
signature, reading the arguments packed (no alignment, little endian: i32/f32 4 bytes,
i64/f64 8, v128 16) from ``values`` and writing the results the same way to ``results``. This is
Wasmer's ``call_dynamic`` (``lib/wasix/src/syscalls/wasix/call_dynamic.rs``), value by value:

* Arguments are read in order. One that does not fit in what is left of ``values_len`` is zero
  (``strict`` false; the read position stays put, so a later, smaller one may still fit) or
  INVAL (``strict`` true). With ``strict``, bytes left over are INVAL too: a strict
  ``values_len`` other than the params' size is INVAL, decided before anything is read (so
  before any MEMVIOLATION). All of this is before the call.
* Results are written in order; one that does not fit in what is left of ``results_len`` is
  dropped (again a later, smaller one may fit). With ``strict``, a ``results_len`` other than
  the results' size is INVAL, found after the call (the callee has run; the results that fit
  are written). This is docs/spec.md's rule ("call_dynamic"); Wasmer's code instead answers SUCCESS when the results
  it could write happen to fill ``results_len`` exactly (``results_len`` 0, say), silently
  dropping the others.
* A value read or written outside memory is MEMVIOLATION (only bytes actually read or written
  count: a non-strict ``values_len`` longer than the arguments is not checked past them).
* An index outside the table, a null slot, or a function with a reference-typed parameter or
  result is INVAL (Wasmer answers with its table lookup's error and panics on reference
  types). ``strict`` is true for any non-zero value.
* A trap in the callee is the guest's trap: it unwinds through this syscall unchanged, and so
  does any other failure (a WASI exit, a host function's exception).
* Calls nest at most ``MAX_DEPTH`` deep on a thread, as on the native runtime (where a guest
  that puts ``call_dynamic`` itself in its table would otherwise recurse host to host with no
  wasm frame to check the stack): the next one traps with wasmtime's "call stack exhausted".
  Here a call also traps so when Python's stack is nearly exhausted, so that the host
  functions the callee reaches always have room to run (and to report their own failures).

Why a caller module: wasmtime-py aborts the process when a v128 value or type reaches its
Python API, and converting values through ``Val`` is slow anyway. So for each signature the
host compiles (once per engine, through the module cache) a small *caller* module and
instantiates it once per store. It imports the program's table and owns one page of scratch
memory: its ``call(function_id)`` loads the arguments from scratch offset 0, does
``call_indirect`` with the signature, and stores the results after the arguments. The host
copies bytes between the guest's buffers and the scratch memory with ``memmove``, zero-filling
what Wasmer reads as zero, so values of every type, v128 included, only ever exist as bytes in
Python and as values inside wasm. The scratch is only used before the ``call_indirect`` (the
arguments are on the wasm stack by then) and after it returns, so a callee that calls
``call_dynamic`` again, even for the same signature, cannot disturb its caller.
"""

from __future__ import annotations

import ctypes
import sys
import threading
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, cast

import wasmtime

from .. import _ffi
from .._format import wasm as w
from .._format.types import Signature, ValType
from ..errors import ClosureError, Errno
from ..module_cache import module_cache_for
from .facts import CALL_DYNAMIC_TYPE_CACHE_SIZE, MAX_CALL_DEPTH, MESSAGES
from .guest_errno import REFUSALS, errno_of, guest_range_error
from .strategies import CompileBudget, trampoline_weight

if TYPE_CHECKING:
    from ..runtime import ClosureRuntime

CALL_EXPORT = "call"
SCRATCH_EXPORT = "scratch"
# Distinct signatures one store calls through call_dynamic; each is a caller instance, and a
# store refuses its 10,001st instance. A real program has a few dozen.
MAX_CALLER_SIGNATURES = 1024
# Function types remembered per store by function identity (a lookup costs a few µs): at most
# CALL_DYNAMIC_TYPE_CACHE_SIZE.
_KEPT_ATTRIBUTE = "_wasm_closures_dynamic_calls"  # on a Store: what its syscalls use
MAX_DEPTH = MAX_CALL_DEPTH  # call_dynamic calls one thread may have running at once
_nesting = threading.local()
# Calls left below Python's recursion limit under which a call_dynamic traps "call stack
# exhausted" instead of calling: a host function the callee reached with less room could not
# even start (ctypes then prints the RecursionError and answers success for it, its first
# argument as its result), and each nested call_dynamic takes several.
PYTHON_STACK_HEADROOM = 64
_SIZES: dict[int, int] = {int(t): t.size for t in ValType}  # by WASIX code

# Per argument (or result): the guest offset it is read from (written to), or None: zero (dropped).
Plan = tuple[int | None, ...]


# The binary-format numbers the caller module needs (WebAssembly core spec, chapter 5).
_MAGIC_AND_VERSION = b"\x00asm\x01\x00\x00\x00"
_SEC_TYPE, _SEC_IMPORT, _SEC_FUNCTION, _SEC_MEMORY, _SEC_EXPORT, _SEC_CODE = 1, 2, 3, 5, 7, 10
_KIND_FUNC, _KIND_TABLE, _KIND_MEMORY = 0, 1, 2
_FUNCREF, _I32 = 0x70, 0x7F
_LOCAL_GET, _LOCAL_SET, _I32_CONST_0, _CALL_INDIRECT, _END = b"\x20", b"\x21", b"\x41\x00", b"\x11", b"\x0b"
# (load, store) opcodes of each type; v128's follow the 0xFD prefix.
_LOAD_STORE = {
    ValType.I32: (b"\x28", b"\x36"),
    ValType.I64: (b"\x29", b"\x37"),
    ValType.F32: (b"\x2a", b"\x38"),
    ValType.F64: (b"\x2b", b"\x39"),
    ValType.V128: (b"\xfd\x00", b"\xfd\x0b"),
}


def encode_caller(params: bytes, results: bytes) -> bytes:
    """The caller module of the signature with WASIX type codes ``params`` -> ``results``.

    Types: 0 is the signature, 1 is ``call``'s ``(i32) -> ()``. Import: the program's table as
    ``env.table`` (funcref, minimum 0, no maximum: any table links). Memory 0 is its own, one
    page: arguments packed from offset 0, results packed after them (at most 2 x 1000 v128
    values, 32,000 bytes); every access is unaligned (alignment hint 0). ``call`` keeps the
    results in locals 1.. while it stores them.
    """
    param_types = [ValType(c) for c in params]
    result_types = [ValType(c) for c in results]
    code = bytearray()
    offset = 0
    for t in param_types:  # i32.const 0; <t>.load align=0 offset=<offset>
        code += _I32_CONST_0 + _LOAD_STORE[t][0] + b"\x00" + w.uleb(offset)
        offset += t.size
    code += _LOCAL_GET + w.uleb(0) + _CALL_INDIRECT + w.uleb(0) + w.uleb(0)  # type 0, table 0
    for local in range(len(result_types), 0, -1):  # the last result is on top of the stack
        code += _LOCAL_SET + w.uleb(local)
    for local, t in enumerate(result_types, start=1):
        code += _I32_CONST_0 + _LOCAL_GET + w.uleb(local) + _LOAD_STORE[t][1] + b"\x00" + w.uleb(offset)
        offset += t.size
    code += _END
    body = w.vec(w.uleb(1) + bytes([t.wasm_code]) for t in result_types) + bytes(code)
    signature = w.func_type((t.wasm_code for t in param_types), (t.wasm_code for t in result_types))
    table = w.import_entry("env", "table", _KIND_TABLE, bytes([_FUNCREF]) + w.limits(0, None))
    exports = [w.export_entry(CALL_EXPORT, _KIND_FUNC, 0), w.export_entry(SCRATCH_EXPORT, _KIND_MEMORY, 0)]
    return b"".join(
        (
            _MAGIC_AND_VERSION,
            w.section(_SEC_TYPE, w.vec([signature, w.func_type([_I32], [])])),
            w.section(_SEC_IMPORT, w.vec([table])),
            w.section(_SEC_FUNCTION, w.vec([w.uleb(1)])),
            w.section(_SEC_MEMORY, w.vec([w.limits(1, 1)])),
            w.section(_SEC_EXPORT, w.vec(exports)),
            w.section(_SEC_CODE, w.vec([w.uleb(len(body)) + body])),
        )
    )


def read_plan(codes: bytes, start: int, length: int, strict: bool) -> Plan | None:
    """Where each argument comes from, walking ``values`` as Wasmer does; ``None``: INVAL."""
    position, end = start, start + length
    plan: list[int | None] = []
    for code in codes:
        size = _SIZES[code]
        if position + size > end:
            if strict:
                return None
            plan.append(None)
        else:
            plan.append(position)
            position += size
    if strict and position != end:
        return None
    return tuple(plan)


def write_plan(codes: bytes, start: int, length: int) -> Plan:
    """Where each result goes (``None``: dropped), walking ``results`` as Wasmer does."""
    position, end = start, start + length
    plan: list[int | None] = []
    for code in codes:
        size = _SIZES[code]
        if position + size > end:
            plan.append(None)
        else:
            plan.append(position)
            position += size
    return tuple(plan)


class _Caller:
    """One signature's caller instance in one store."""

    __slots__ = ("call", "params", "params_size", "results", "results_size", "scratch", "scratch_address")

    def __init__(self, store: wasmtime.Store, table: wasmtime.Table, params: bytes, results: bytes) -> None:
        module = module_cache_for(store.engine).get(
            ("call_dynamic", params, results), lambda: encode_caller(params, results)
        )
        instance = wasmtime.Instance(store, module, [table])
        exports = instance.exports(store)
        self.call = _ffi.FastCall(store, cast(wasmtime.Func, exports[CALL_EXPORT]), "i", "")
        self.scratch = cast(wasmtime.Memory, exports[SCRATCH_EXPORT])
        # Its limits are one page minimum and maximum: it can never grow, so it never moves.
        self.scratch_address = _ffi.memory_address(store, self.scratch)[0]
        self.params = params
        self.results = results
        self.params_size = sum(_SIZES[c] for c in params)
        self.results_size = sum(_SIZES[c] for c in results)


class DynamicCalls:
    """The state ``call_dynamic`` keeps for one runtime's program: its caller instances.

    Held by the store (like the runtime), so it lives as long as the program can call. Each
    signature's caller module is charged to the runtime's compile budget once, weighing what
    one trampoline of that signature does (past the budget a new signature is NOMEM).
    """

    def __init__(self, store: wasmtime.Store, budget: CompileBudget) -> None:
        self.store = store
        self._budget = budget
        self._charged: set[tuple[bytes, bytes]] = set()
        self._table: _ffi.FastTable | None = None
        self._table_source: wasmtime.Table | None = None
        self._types: dict[bytes, tuple[bytes, bytes]] = {}
        self._callers: dict[tuple[bytes, bytes], _Caller] = {}

    def caller_for(self, table: wasmtime.Table, function_id: int) -> _Caller:
        """The caller instance for the function in slot ``function_id``; ClosureError if none."""
        fast = self._fast_table(table)
        try:
            identity = fast.slot_identity(function_id)
        except _ffi.OutOfBoundsError:
            raise ClosureError(
                MESSAGES["FUNCTION_OUTSIDE"].format(index=function_id, size=fast.size())
            ) from None
        if identity is None:
            raise ClosureError(MESSAGES["FUNCTION_NULL"].format(index=function_id))
        codes = self._types.get(identity)
        if codes is None:
            codes = fast.slot_type_codes(function_id)  # not None: the slot is not null
            assert codes is not None
            if max(codes[0] + codes[1], default=0) > ValType.V128:
                raise ClosureError(MESSAGES["FUNCTION_REFERENCE_TYPED"].format(index=function_id))
            if len(self._types) >= CALL_DYNAMIC_TYPE_CACHE_SIZE:
                self._types.clear()
            self._types[identity] = codes
        caller = self._callers.get(codes)
        if caller is None:
            if len(self._callers) >= MAX_CALLER_SIGNATURES:
                raise ClosureError(
                    f"call_dynamic already serves {MAX_CALLER_SIGNATURES} signatures in this store",
                    Errno.NOMEM,
                )
            if codes not in self._charged:
                self._charge(*codes)
                self._charged.add(codes)
            caller = self._callers[codes] = _Caller(self.store, table, *codes)
        return caller

    def _charge(self, params: bytes, results: bytes) -> None:
        signature = Signature([ValType(c) for c in params], [ValType(c) for c in results])
        self._budget.charge(trampoline_weight(signature), signature)

    def _fast_table(self, table: wasmtime.Table) -> _ffi.FastTable:
        if self._table is None or self._table_source is not table:
            self._table = _ffi.FastTable(self.store, table)
            self._table_source = table
        return self._table


def _python_stack_nearly_exhausted() -> bool:
    """Whether fewer than ``PYTHON_STACK_HEADROOM`` calls fit below the recursion limit.

    Host calls also count C-level calls that no Python frame shows, at most one per frame, so
    a stack of fewer frames than a third of the limit has room (``sys._getframe`` walks them in
    C); a deeper one is probed by recursing (a few microseconds)."""
    limit = sys.getrecursionlimit()
    if limit >= 3 * PYTHON_STACK_HEADROOM:
        try:
            sys._getframe(limit // 3)
        except ValueError:  # not that many frames
            return False
    try:
        _descend(PYTHON_STACK_HEADROOM)
    except RecursionError:
        return True
    return False


def _descend(calls: int) -> int:
    return _descend(calls - 1) if calls else 0


def call_dynamic_syscall(runtime: ClosureRuntime) -> Callable[..., int]:
    """``call_dynamic`` for the program of ``runtime`` (a ``define_i32_func`` function).

    It uses the runtime's binding to the program (memory and table, bound from the caller's
    exports at the first syscall as the closure syscalls do) and holds the runtime weakly,
    for the reason ``wasix.closure_syscalls`` gives.
    """

    runtime_ref = weakref.ref(runtime)
    state = DynamicCalls(runtime.store, runtime._strategy.budget)
    kept = getattr(runtime.store, _KEPT_ATTRIBUTE, None)
    if kept is None:
        kept = []
        setattr(runtime.store, _KEPT_ATTRIBUTE, kept)
    kept.append(state)
    state_ref = weakref.ref(state)
    memory_address = _ffi.memory_address
    memmove = ctypes.memmove
    success = int(Errno.SUCCESS)
    inval = int(Errno.INVAL)

    def call_dynamic(
        caller: wasmtime.Caller,
        function_id: int,
        values: int,
        values_len: int,
        results: int,
        results_len: int,
        strict_flag: int,
    ) -> int:
        strict = strict_flag != 0
        try:
            rt = runtime_ref()
            calls = state_ref()
            if rt is None or calls is None or not _ffi.same_store(rt.store, caller):
                raise ClosureError("this call_dynamic belongs to another store's runtime", Errno.NOTSUP)
            if not rt.bound:
                rt.bind_exports(caller)
            target = calls.caller_for(rt.table, function_id)
            store = calls.store
            base, size = memory_address(store, rt._program_memory)
            scratch = target.scratch_address
            params_size = target.params_size
            if values_len >= params_size and (values_len == params_size or not strict):
                if params_size:  # every argument fits: read them in one go
                    if values + params_size > size:
                        raise guest_range_error(values, params_size, size)
                    memmove(scratch, base + values, params_size)
            else:
                plan = read_plan(target.params, values, values_len, strict)
                if plan is None:
                    return inval
                into = scratch
                for code, source in zip(target.params, plan, strict=True):
                    width = _SIZES[code]
                    if source is None:
                        ctypes.memset(into, 0, width)
                    elif source + width > size:
                        raise guest_range_error(source, width, size)
                    else:
                        memmove(into, base + source, width)
                    into += width
        except REFUSALS as exc:
            return errno_of(exc)
        # Outside the try: a trap in the callee (or an exit) is the guest's, never an errno.
        depth = getattr(_nesting, "depth", 0)
        if depth >= MAX_DEPTH or _python_stack_nearly_exhausted():
            raise _ffi.stack_overflow_trap()
        _nesting.depth = depth + 1
        try:
            # A failure passes through as itself (a wasm exception stays catchable by the guest).
            target.call.call_passing_failures(function_id)
        finally:
            _nesting.depth = depth
        try:
            base, size = memory_address(store, rt._program_memory)  # the callee may have grown it
            results_at = target.scratch_address + params_size
            results_size = target.results_size
            fits = results_len == results_size or (results_len > results_size and not strict)
            if fits and results + results_size <= size:  # every result written in one go
                if results_size:
                    memmove(base + results, results_at, results_size)
                return success
            plan = write_plan(target.results, results, results_len)
            source = results_at
            for code, destination in zip(target.results, plan, strict=True):
                width = _SIZES[code]
                if destination is not None:
                    if destination + width > size:
                        raise guest_range_error(destination, width, size)
                    memmove(base + destination, source, width)
                source += width
            return inval if strict and results_len != results_size else success
        except REFUSALS as exc:
            return errno_of(exc)

    return call_dynamic
