"""``define_i32_func``: host functions ``(i32 x N) -> i32`` through the raw-slot C callback."""

from __future__ import annotations

import contextlib
import ctypes
import itertools
import typing
from collections.abc import Callable
from ctypes import POINTER, c_uint32, c_void_p
from typing import Any

import wasmtime

from ..errors import InvalidValueError
from ._capi import I32_MIN, U32_MAX, _c, _check_i32, _wasmtime_error, require
from .calls import PassedFailure

__all__ = ["define_i32_func"]


# Live host functions by the key wasmtime hands back to the callback (its ``env``): the entry
# is removed by the finalizer, which wasmtime runs once the linker and every store that
# instantiated through it have dropped the definition.
_HOST_FUNCS: dict[int, tuple[Callable[..., Any], Any, int, bool]] = {}
_HOST_KEYS = itertools.count(1)
# A trap made in advance (an owned ``wasm_trap_t*`` address), for an exception that strikes
# while the callback builds its trap; remade by the next ``define_i32_func``.
_SPARE_TRAP: list[int | None] = [None]
_MAX_HOST_PARAMS = 64
# One ``wasmtime_val_raw_t`` is 16 bytes: four u32, the i32 value in the first.
_U32_PER_RAW = 4


def define_i32_func(
    linker: wasmtime.Linker,
    module: str,
    name: str,
    nparams: int,
    func: Callable[..., int],
    *,
    access_caller: bool = False,
) -> None:
    """Define ``module.name`` of type ``(i32 x nparams) -> i32`` in ``linker``, run by ``func``.

    The fast equivalent of ``linker.define_func(module, name, FuncType([i32] * nparams,
    [i32]), func, access_caller)``: the definition goes through
    ``wasmtime_linker_define_func_unchecked``, whose callback gets the raw argument slots
    (``wasmtime_val_raw_t``), so no ``Val``/``ValType`` object is made per call. A call from
    wasm to an ``(i32) -> i32`` function costs about 0.7 µs (1.0 µs with ``access_caller``)
    instead of about 8 µs, and ``define_func``'s cost grows with every argument.

    * **Arguments are unsigned**: ``func`` gets each i32 as an int in 0 .. 2**32-1 (its 32
      bits; wasmtime-py's ``define_func`` passes them signed). Use
      ``x - (1 << 32) if x >> 31 else x`` for the signed value.
    * **The result** must be an int in -2**31 .. 2**32-1 (``bool`` and ``IntEnum`` included);
      its 32 bits are returned. Any other result is treated as an exception (below).
    * **Exceptions never reach wasmtime.** wasmtime calls the extension's native callback
      (rust/host_function.rs; the ctypes callback ``_host_trampoline`` without the
      extension), which calls ``func``. Python running out of stack (a ``RecursionError``,
      also as ``func`` is entered) is wasmtime's own "call stack exhausted" trap, as when
      wasm recurses too deep (a guest that recurses through these host functions on a deep
      Python stack). Any other ``BaseException`` raised by ``func`` (or a bad result, or an
      asynchronous exception as the call enters Python) becomes a trap "python exception",
      and the exception is kept where wasmtime-py keeps its own host functions' exceptions
      (``wasmtime._func.LAST_EXCEPTION``): the call
      into wasm that led here re-raises that exception, whether it was made with
      ``Func.__call__``, ``FastCall``, or by instantiation (a start function). Inside wasm
      it is a trap like any other.
    * **Caller.** With ``access_caller=True``, ``func`` gets a ``wasmtime.Caller`` first, for
      the calling instance's exports (``caller.get(name)``) and as a store for the duration
      of the call; it is invalidated when the call returns, as wasmtime-py does.
    * **Lifetime.** ``func`` is kept alive until wasmtime calls the definition's finalizer
      (when the linker and every store instantiated through it are gone), so it can never be
      collected while wasm can still call it. The C callback and finalizer are one shared
      pair, created once and never freed.

    ``nparams`` is 0 .. 64. Shadowing follows the linker (``allow_shadowing``): defining a
    name twice raises ``wasmtime.WasmtimeError`` otherwise, as ``define_func`` does.
    """
    require()
    if not isinstance(linker, wasmtime.Linker):
        raise TypeError(f"expected a wasmtime.Linker, got {type(linker).__name__}")
    if not isinstance(module, str) or not isinstance(name, str):
        raise TypeError(f"module and name must be str, got {module!r}, {name!r}")
    if isinstance(nparams, bool) or not isinstance(nparams, int) or not 0 <= nparams <= _MAX_HOST_PARAMS:
        raise InvalidValueError(f"nparams must be an int in 0..={_MAX_HOST_PARAMS}, got {nparams!r}")
    if not callable(func):
        raise TypeError(f"func must be callable, got {func!r}")
    if _SPARE_TRAP[0] is None:
        _SPARE_TRAP[0] = ctypes.cast(wasmtime.Trap("python exception")._consume(), c_void_p).value
    i32 = wasmtime.ValType.i32()
    functype = wasmtime.FuncType([i32] * nparams, [i32])
    # The slots wasmtime passes: max(nparams, nresults) raw values, read as u32 quadruples.
    slots = c_uint32 * (_U32_PER_RAW * max(nparams, 1))
    key = next(_HOST_KEYS)
    _HOST_FUNCS[key] = (func, slots, _U32_PER_RAW * nparams, bool(access_caller))
    native = _native_host_functions()
    if native is not None:
        try:
            native.define_host_function(
                ctypes.cast(linker.ptr(), c_void_p).value or 0,
                module,
                name,
                ctypes.cast(functype.ptr(), c_void_p).value or 0,
                key,
                _host_call,
                _HOST_FUNCS.pop,
            )
        except RuntimeError as exc:  # wasmtime refused the definition (and finalized it)
            _HOST_FUNCS.pop(key, None)
            raise wasmtime.WasmtimeError(str(exc)) from None
        return
    module_bytes = module.encode("utf-8")
    name_bytes = name.encode("utf-8")
    error = _c.wasmtime_linker_define_func_unchecked(
        linker.ptr(),
        module_bytes,
        len(module_bytes),
        name_bytes,
        len(name_bytes),
        functype.ptr(),
        _c.host_callback,
        key,
        _c.host_finalizer,
    )
    if error:
        # wasmtime has already run the finalizer if it took the definition; the pop is for
        # the paths that return before that (it is idempotent).
        _HOST_FUNCS.pop(key, None)
        raise _wasmtime_error(error)


class _HostCaller(wasmtime.Caller):
    """The ``wasmtime.Caller`` a ``define_i32_func`` function gets: it asks wasmtime for the
    store context only when first used (``get``, ``[name]``, as a store), which saves most of
    a Caller's cost (~0.8 µs) in calls that do not use it. Invalidated like any Caller."""

    def __init__(self, address: int) -> None:  # wasmtime.Caller.__init__ runs in _realize
        self._address: int | None = address

    def _realize(self) -> None:
        # Called only while ``self._address is not None``.
        address, self._address = typing.cast(int, self._address), None
        wasmtime.Caller.__init__(self, ctypes.cast(address, POINTER(_c.ffi.wasmtime_caller_t)))

    def get(self, name: str) -> Any:
        if self._address is not None:
            self._realize()
        return wasmtime.Caller.get(self, name)

    def _context(self) -> Any:
        if self._address is not None:
            self._realize()
        return wasmtime.Caller._context(self)

    def _invalidate(self) -> None:
        self._address = None
        wasmtime.Caller._invalidate(self)


# The Rust extension once ``_runtime.backend`` loaded it (``use_native_callback``): this layer
# sits below the backend choice and does not import it.
_NATIVE: list[Any] = []


def use_native_callback(native: Any) -> None:
    """Serve ``define_i32_func``'s functions with the extension's callback from now on."""
    _NATIVE[:] = [native]


def _native_host_functions() -> Any:
    """The Rust extension, whose callback cannot let an exception reach wasmtime (see
    rust/host_function.rs), or None when it cannot serve (then the ctypes callback does)."""
    return _NATIVE[0] if _NATIVE else None


def _host_call(key: int, caller_address: int, raw: int) -> None:
    """Run the host function registered under ``key`` for the native callback: its result goes
    to slot 0; any exception (a bad result included) propagates, and the callback traps."""
    func, slots, stop, access_caller = _HOST_FUNCS[key]
    values = slots.from_address(raw)
    caller = None
    try:
        if access_caller:
            caller = _HostCaller(caller_address)
            result = func(caller, *values[0:stop:_U32_PER_RAW])
        else:
            result = func(*values[0:stop:_U32_PER_RAW])
    finally:
        if caller is not None:
            caller._invalidate()
    if type(result) is not int or not I32_MIN <= result <= U32_MAX:
        _check_i32(result, f"the result of host function {func!r}")  # raises unless fine
    values[0] = result  # c_uint32 keeps the low 32 bits; a float raises TypeError


def _host_trampoline(key: int | None, caller_ptr: int, raw: int, nraw: int) -> int | None:
    """The ``wasmtime_func_unchecked_callback_t`` of every ``define_i32_func`` function.

    Returns NULL (``None``) on success, with the result in slot 0, or an owned ``wasm_trap_t*``
    after an exception. Nothing may escape: ctypes would print it and return an uninitialised
    pointer. Only used without the Rust extension: an asynchronous exception striking as this
    function is entered (before its ``try``) cannot be caught here, which the native callback
    (rust/host_function.rs) rules out.
    """
    caller = None
    try:
        func, slots, stop, access_caller = _HOST_FUNCS[key]  # type: ignore[index]
        values = slots.from_address(raw)
        if access_caller:
            caller = _HostCaller(caller_ptr)
            result = func(caller, *values[0:stop:_U32_PER_RAW])
        else:
            result = func(*values[0:stop:_U32_PER_RAW])
        if type(result) is not int or not I32_MIN <= result <= U32_MAX:
            _check_i32(result, f"the result of host function {func!r}")  # raises unless fine
        values[0] = result  # c_uint32 keeps the low 32 bits; a float raises TypeError
        return None
    except PassedFailure as failure:  # a call's own failure, handed back to wasmtime as is
        try:
            return failure.trap_address()
        except BaseException:  # out of memory, a signal: still trap
            spare, _SPARE_TRAP[0] = _SPARE_TRAP[0], None
            return spare
    except BaseException as exc:  # must not reach ctypes (see above)
        if _exhausts_the_stack(exc):  # the guest's recursion, as wasm's own stack overflow
            try:
                return ctypes.cast(_c.ffi.wasmtime_trap_new_code(_STACK_OVERFLOW), c_void_p).value
            except BaseException:
                spare, _SPARE_TRAP[0] = _SPARE_TRAP[0], None
                return spare
        try:
            _c.func_module.LAST_EXCEPTION = exc
            return ctypes.cast(wasmtime.Trap("python exception")._consume(), c_void_p).value
        except BaseException:  # out of memory, a signal: still trap
            spare, _SPARE_TRAP[0] = _SPARE_TRAP[0], None
            return spare
    finally:
        if caller is not None:
            caller._invalidate()


_STACK_OVERFLOW = wasmtime.TrapCode.STACK_OVERFLOW.value


def _exhausts_the_stack(exc: BaseException) -> bool:
    """Whether ``exc`` says Python ran out of stack (a RecursionError, or ctypes' wrapper of
    one raised while it converted an argument)."""
    return isinstance(exc, RecursionError) or (
        isinstance(exc, ctypes.ArgumentError) and "RecursionError" in str(exc)
    )


def stack_overflow_trap() -> wasmtime.Trap:
    """wasmtime's own "call stack exhausted" trap (trap code STACK_OVERFLOW), for a host
    function to raise: the call into wasm re-raises it as the trap it is."""
    return wasmtime.Trap._from_ptr(_c.ffi.wasmtime_trap_new_code(_STACK_OVERFLOW))


def _host_finalize(key: int | None, _pop: Callable[..., Any] = _HOST_FUNCS.pop) -> None:
    """The finalizer of every ``define_i32_func`` definition: forget the Python function."""
    with contextlib.suppress(BaseException):
        _pop(key, None)


if _c is not None:
    _c.host_callback = _c.host_callback_type(_host_trampoline)
    _c.host_finalizer = _c.host_finalizer_type(_host_finalize)
    # Never freed, not even while the interpreter shuts down: wasmtime may run the finalizer
    # of a linker or store collected late, and a freed libffi closure there is a crash.
    for _callback in (_c.host_callback, _c.host_finalizer):
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(_callback))
    del _callback
