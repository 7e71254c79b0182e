"""The WASIX closure syscalls, as wasmtime host functions backed by a ClosureRuntime.

Every argument is an i32 that the syscalls take as unsigned: pointers, lengths, slot and
function indices are u32, reinterpreted before any check. Whatever the guest passes, the
answer is an errno: nothing it sends can raise through wasmtime, trap, or corrupt the table.

The syscalls are defined with ``_ffi.define_i32_func`` (raw i32 slots, about 1 µs of call
overhead) rather than wasmtime-py's ``Linker.define_func``, whose ``Val`` conversions cost
15-25 µs a call.
"""

from __future__ import annotations

import ctypes
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

import wasmtime

from . import _ffi, _runtime_backend
from ._types import MAX_SIGNATURE_TYPES, Signature
from .errors import ClosureError, Errno, InvalidValueError

if TYPE_CHECKING:
    from .runtime import ClosureRuntime

MODULE = "wasix_32v1"

_SUCCESS = int(Errno.SUCCESS)
# Signatures by their code bytes, so a warm prepare does not rebuild one. Only short ones are
# kept (a guest can pass any number of long type arrays), and at most this many.
_SIGNATURE_CACHE_SIZE = 256
_SIGNATURE_CACHE_MAX_TYPES = 32

Syscall = Callable[..., int]


def _out_of_memory(pointer: int, length: int, size: int) -> ClosureError:
    return ClosureError(
        f"guest range {pointer:#x}+{length} is outside memory ({size} bytes)", Errno.MEMVIOLATION
    )


def _errno_of(exc: Exception) -> int:
    """The errno a guest gets for a refused syscall."""
    if isinstance(exc, ClosureError):
        return int(exc.errno)
    if isinstance(exc, InvalidValueError):
        return int(Errno.INVAL)
    # wasmtime refused: a store limit (instances, table elements), memory exhausted, or a trap
    # in the runtime's own wasm (a guest that called us with its stack nearly exhausted).
    message = str(exc)
    import logging  # only here: importing it costs about 5 ms of the CLI's start-up

    logging.getLogger(__name__).debug("closure syscall refused by wasmtime: %s", message)
    return int(Errno.NOMEM if "limit exceeded" in message or "out of memory" in message else Errno.FAULT)


# What a syscall turns into an errno; anything else (a bug, InternalsUnavailableError) traps
# and is re-raised from the call into wasm.
_REFUSALS = (InvalidValueError, wasmtime.WasmtimeError, wasmtime.Trap)  # ClosureError is an InvalidValueError


def errno_for_guest(exc: BaseException) -> int | None:
    """The errno of a native syscall whose cold work in Python raised ``exc``; None when the
    syscall must trap and re-raise ``exc`` from the call into wasm, as these syscalls do."""
    return _errno_of(exc) if isinstance(exc, _REFUSALS) else None


def closure_syscalls(runtime: ClosureRuntime) -> tuple[Syscall, Syscall, Syscall]:
    """``closure_allocate``, ``closure_prepare`` and ``closure_free`` for ``runtime``.

    Each takes a ``wasmtime.Caller`` then its i32 arguments as unsigned ints (0 .. 2**32-1),
    and returns the errno. The memory's address and size are read once per syscall: nothing a
    syscall does between that and its last memory access runs wasm or grows the memory (a
    shared memory never moves; an unshared one moves only when it grows).

    The syscalls hold the runtime weakly: wasmtime keeps them until the store is dropped, so a
    strong reference would keep the store (and its memory) alive forever. The store holds the
    runtime instead (see ``ClosureRuntime.define_wasix``). A call from another store than the
    runtime's gets NOTSUP: the runtime serves one program.
    """
    runtime_ref = weakref.ref(runtime)
    memory_address = _ffi.memory_address
    signatures: dict[tuple[bytes, bytes], Signature] = {}

    def runtime_for(caller: wasmtime.Caller) -> ClosureRuntime:
        rt = runtime_ref()
        if rt is None or rt._store_closed.is_set() or not _ffi.same_store(rt.store, caller):
            raise ClosureError("these closure syscalls belong to another store's runtime", Errno.NOTSUP)
        if not rt.bound:
            rt.bind_exports(caller)
        return rt

    def closure_allocate(caller: wasmtime.Caller, out_ptr: int) -> int:
        try:
            runtime = runtime_for(caller)
            base, size = memory_address(runtime.store, runtime._program_memory)
            if out_ptr + 4 > size:  # before allocating, so a bad pointer leaks no slot
                raise _out_of_memory(out_ptr, 4, size)
            closure = runtime.allocate()  # grows the table only: the memory stays put
            ctypes.memmove(base + out_ptr, closure.to_bytes(4, "little"), 4)
            return _SUCCESS
        except _REFUSALS as exc:
            return _errno_of(exc)

    def closure_prepare(
        caller: wasmtime.Caller,
        backing: int,
        closure: int,
        args_ptr: int,
        args_len: int,
        results_ptr: int,
        results_len: int,
        env: int,
    ) -> int:
        try:
            runtime = runtime_for(caller)
            base, size = memory_address(runtime.store, runtime._program_memory)
            if args_ptr + args_len > size:
                raise _out_of_memory(args_ptr, args_len, size)
            if results_ptr + results_len > size:
                raise _out_of_memory(results_ptr, results_len, size)
            if args_len > MAX_SIGNATURE_TYPES or results_len > MAX_SIGNATURE_TYPES:  # before any work
                raise ClosureError(
                    f"{args_len} params, {results_len} results: at most {MAX_SIGNATURE_TYPES} each"
                )
            key = (
                ctypes.string_at(base + args_ptr, args_len) if args_len else b"",
                ctypes.string_at(base + results_ptr, results_len) if results_len else b"",
            )
            signature = signatures.get(key)
            if signature is None:
                signature = Signature.from_codes(*key)  # INVAL for an unknown type code
                if args_len + results_len <= _SIGNATURE_CACHE_MAX_TYPES:
                    if len(signatures) >= _SIGNATURE_CACHE_SIZE:
                        signatures.clear()
                    signatures[key] = signature
            runtime.prepare(closure, backing, signature, env)
            return _SUCCESS
        except _REFUSALS as exc:
            return _errno_of(exc)

    def closure_free(caller: wasmtime.Caller, closure: int) -> int:
        try:
            runtime_for(caller).free(closure)
            return _SUCCESS
        except _REFUSALS as exc:
            return _errno_of(exc)

    return closure_allocate, closure_prepare, closure_free


def define_closure_syscalls(linker: wasmtime.Linker, runtime: ClosureRuntime) -> None:
    """Define ``closure_allocate``, ``closure_prepare``, ``closure_free`` and ``call_dynamic`` in
    ``linker``: native host functions for a runtime the native core serves (rust/syscalls.rs,
    rust/call_dynamic.rs), else Python ones (above, and call_dynamic.py), with the native
    ``call_dynamic`` for the module strategy when a core could serve."""
    from .call_dynamic import call_dynamic_syscall

    _ffi.require()
    if runtime._core is not None:  # the native runtime: native host functions, call_dynamic too
        i32 = wasmtime.ValType.i32()
        types = [wasmtime.FuncType([i32] * n, [i32]) for n in (1, 7, 6)]
        try:
            cast(Any, _runtime_backend.NATIVE).define_closure_syscalls(
                runtime._core, _ffi.linker_address(linker), *map(_ffi.functype_address, types)
            )
        except RuntimeError as exc:  # wasmtime refused a definition: what Linker.define raises
            raise wasmtime.WasmtimeError(str(exc)) from None
        return
    allocate, prepare, free = closure_syscalls(runtime)
    python_syscalls: list[tuple[str, Syscall, int]] = [
        ("closure_allocate", allocate, 1),
        ("closure_prepare", prepare, 7),
        ("closure_free", free, 1),
    ]
    if runtime._call_dynamic_core is not None:  # the module strategy: call_dynamic is native
        six = wasmtime.FuncType([wasmtime.ValType.i32()] * 6, [wasmtime.ValType.i32()])
        try:
            cast(Any, _runtime_backend.NATIVE).define_call_dynamic(
                runtime._call_dynamic_core, _ffi.linker_address(linker), _ffi.functype_address(six)
            )
        except RuntimeError as exc:  # as above
            raise wasmtime.WasmtimeError(str(exc)) from None
    else:
        python_syscalls.append(("call_dynamic", call_dynamic_syscall(runtime), 6))
    for name, func, nparams in python_syscalls:
        _ffi.define_i32_func(linker, MODULE, name, nparams, func, access_caller=True)
