"""``FastCall``: calls into wasm through ``wasmtime_func_call`` with reused buffers."""

from __future__ import annotations

import ctypes
import typing
from collections.abc import Callable
from ctypes import POINTER, byref, c_void_p
from functools import partial
from typing import Any

import wasmtime

from ..errors import InvalidValueError
from ._capi import (
    _KIND_F32,
    _KIND_F64,
    _KIND_I32,
    _KIND_I64,
    F32,
    F64,
    I32,
    I32_MIN,
    I64,
    I64_MIN,
    OTHER,
    U32_MAX,
    U64_MAX,
    V128,
    UnsupportedTypeError,
    _c,
    _func_handle,
    _wasmtime_error,
    require,
)
from .type_codes import func_type_codes

__all__ = ["FastCall"]

# Signature letters: wasmtime value kind, WASIX code, ctypes union field, accepted range.
_LETTERS = {
    "i": (_KIND_I32, I32, "i32", (I32_MIN, U32_MAX)),
    "I": (_KIND_I64, I64, "i64", (I64_MIN, U64_MAX)),
    "f": (_KIND_F32, F32, "f32", None),
    "F": (_KIND_F64, F64, "f64", None),
}
_LETTER_OF_CODE = {I32: "i", I64: "I", F32: "f", F64: "F", V128: "v128", OTHER: "ref"}


def _letters(codes: bytes) -> str:
    return "".join(_LETTER_OF_CODE.get(code, "?") for code in codes)


_PASSED_FAILURE = "_wasm_closures_consume"


class PassedFailure(BaseException):
    """A call's failure for the host function that made the call to return to wasmtime as is;
    ``define_i32_func``'s callback does (see ``FastCall.call_passing_failures``)."""

    def __init__(self, consume: Callable[[], Any]) -> None:
        super().__init__("a failure passed on to wasmtime")
        self.consume = consume

    def trap_address(self) -> int:
        """The failure as an owned ``wasm_trap_t*`` (once)."""
        return ctypes.cast(self.consume(), c_void_p).value or 0


class FastCall:
    """Call a wasm function with ~2 µs of overhead instead of ~45 µs.

    ``params`` and ``results`` are strings of type letters: ``i`` i32, ``I`` i64, ``f`` f32,
    ``F`` f64 (e.g. ``FastCall(store, f, "ii", "i")``); they must match the function's type,
    which is checked once here (v128 and reference types are refused). Calling returns ``None``,
    the value, or a tuple of values. i32/i64 arguments accept the signed and unsigned ranges
    and pass the bits; floats accept ints. A trap raises ``wasmtime.Trap`` and other failures
    ``wasmtime.WasmtimeError``, as ``Func.__call__`` does; an exception raised by a Python host
    function during the call is re-raised as wasmtime-py does.

    The argument and result buffers are reused; reentrant calls are fine (wasmtime reads the
    arguments before running and writes the results last), threads sharing one object are not.
    """

    __slots__ = (
        "_func",
        "_func_ref",
        "_nparams",
        "_nresults",
        "_param_fields",
        "_param_of",
        "_param_ranges",
        "_params",
        "_result_fields",
        "_result_of",
        "_results",
        "_store",
        "_trap_ref",
        "params",
        "results",
        "trap_out",
    )

    def __init__(self, store: Any, func: wasmtime.Func, params: str, results: str) -> None:
        require()
        for letters, what in ((params, "params"), (results, "results")):
            if not isinstance(letters, str):
                raise InvalidValueError(f"{what} must be a str of type letters, got {letters!r}")
            for letter in letters:
                if letter not in _LETTERS:
                    raise UnsupportedTypeError(
                        f"{what} {letters!r}: type letter {letter!r} is not one of i (i32), "
                        f"I (i64), f (f32), F (f64); v128 and reference types are not supported"
                    )
        handle = _func_handle(func)
        actual_params, actual_results = func_type_codes(store, func)
        wanted_params = bytes(_LETTERS[x][1] for x in params)
        wanted_results = bytes(_LETTERS[x][1] for x in results)
        if (actual_params, actual_results) != (wanted_params, wanted_results):
            unsupported = V128 in actual_params + actual_results or OTHER in actual_params + actual_results
            raise (UnsupportedTypeError if unsupported else InvalidValueError)(
                f"signature mismatch: the function is ({_letters(actual_params)}) -> "
                f"({_letters(actual_results)}), FastCall was given ({params}) -> ({results})"
            )
        self._store = store
        self.params = params
        self.results = results
        self._func = _c.ffi.wasmtime_func_t.from_buffer_copy(handle)
        self._func_ref = byref(self._func)
        self._nparams = len(params)
        self._nresults = len(results)
        val_t = _c.ffi.wasmtime_val_t
        # At least one element each so the buffers have an address even for () -> ().
        self._params = (val_t * max(1, len(params)))()
        self._results = (val_t * max(1, len(results)))()
        for i, letter in enumerate(params):
            self._params[i].kind = _LETTERS[letter][0]
        # Views of each value's union, and the field to use: set/read with setattr/getattr.
        self._param_of = tuple(self._params[i].of for i in range(len(params)))
        self._param_fields = tuple(_LETTERS[x][2] for x in params)
        self._param_ranges = tuple(_LETTERS[x][3] for x in params)
        self._result_of = tuple(self._results[i].of for i in range(len(results)))
        self._result_fields = tuple(_LETTERS[x][2] for x in results)
        # The wasm_trap_t* out-parameter; reset after each trap.
        self.trap_out = c_void_p()
        self._trap_ref = byref(self.trap_out)

    def load(self, *args: int | float) -> Callable[[], int | None]:
        """Check and set the arguments as a call does; return the C call itself, for a caller
        that makes it together with its own bookkeeping and with no bytecode between
        (``_atomic.atomically``, see PooledStrategy.install). It returns an error or None, and
        sets ``trap_out`` on a trap; ``finish`` then raises what calling would."""
        self._set_arguments(args)
        return partial(
            _c.wasmtime_func_call,
            self._store._context(),
            self._func_ref,
            self._params,
            self._nparams,
            self._results,
            self._nresults,
            self._trap_ref,
        )

    def finish(self, error: int | None) -> None:
        """After a ``load``ed call: raise its failure, as calling would."""
        if error or self.trap_out.value:
            self._raise_failure(error)

    def _set_arguments(self, args: tuple[int | float, ...]) -> None:
        if len(args) != self._nparams:
            raise TypeError(f"expected {self._nparams} arguments ({self.params}), got {len(args)}")
        for of, field, bounds, arg in zip(
            self._param_of, self._param_fields, self._param_ranges, args, strict=True
        ):
            if bounds is not None and not bounds[0] <= arg <= bounds[1]:
                raise InvalidValueError(
                    f"argument {arg!r} is outside the {field} range {bounds[0]} .. {bounds[1]}"
                )
            setattr(of, field, arg)

    def __call__(self, *args: int | float) -> Any:
        self._set_arguments(args)
        error = _c.wasmtime_func_call(
            self._store._context(),
            self._func_ref,
            self._params,
            self._nparams,
            self._results,
            self._nresults,
            self._trap_ref,
        )
        if error or self.trap_out.value:
            self._raise_failure(error)
        if self._nresults == 1:
            return getattr(self._result_of[0], self._result_fields[0])
        if self._nresults == 0:
            return None
        return tuple(
            getattr(of, field) for of, field in zip(self._result_of, self._result_fields, strict=True)
        )

    def call_passing_failures(self, *args: int | float) -> Any:
        """As ``__call__``, but a failure of the call (a trap, a thrown wasm exception, a WASI
        exit, a host function's exception) is raised as :class:`PassedFailure` holding the
        failure itself, for the host function that made this call to hand back to wasmtime
        unchanged (``define_i32_func`` functions do): wasmtime then rethrows a wasm exception
        into the guest, which can catch it, and the embedder gets an exit or an exception as
        itself (wasmtime-py's pending exception stays where it is, for the outer call)."""
        try:
            return self(*args)
        except PassedFailure:
            raise
        except BaseException as exc:
            pending = getattr(exc, _PASSED_FAILURE, None)
            if pending is None:  # a host function's exception re-raised: wasmtime-py's way
                raise
            raise PassedFailure(pending) from None

    def _raise_failure(self, error: int | None) -> None:
        ffi = _c.ffi
        if error:
            exception: wasmtime.WasmtimeError | wasmtime.Trap = _wasmtime_error(error)
        else:
            # Called only when ``error or self.trap_out.value``: without an error there is a trap.
            trap_address = typing.cast(int, self.trap_out.value)
            self.trap_out.value = None
            exception = wasmtime.Trap._from_ptr(ctypes.cast(trap_address, POINTER(ffi.wasm_trap_t)))
        # A Python host function that raised left its exception here; wasmtime-py re-raises it.
        if _c.func_module.LAST_EXCEPTION is None:
            # What call_passing_failures hands back: the failure as an owned wasm_trap_t*.
            # wasmtime 50's C API defines wasmtime_error_t and wasm_trap_t alike (a boxed
            # wasmtime::Error), so an error's address is a trap's (rust/capi.rs, error_into_trap).
            setattr(exception, _PASSED_FAILURE, exception._consume)
        _c.maybe_raise_last_exn()
        raise exception
