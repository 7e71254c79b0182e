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
from typing import TYPE_CHECKING

import wasmtime

from .. import _ffi
from .._format.types import Signature
from ..errors import ClosureError, Errno
from .call_dynamic import call_dynamic_syscall
from .facts import MAX_SIGNATURE_TYPES, MESSAGES, SIGNATURE_CACHE_SIZE, WASIX_MODULE
from .guest_errno import REFUSALS, errno_of, guest_range_error

if TYPE_CHECKING:
    from ..runtime import ClosureRuntime

MODULE = WASIX_MODULE

_SUCCESS = int(Errno.SUCCESS)
# Signatures by their code bytes, so a warm prepare does not rebuild one. Only short ones are
# kept (a guest can pass any number of long type arrays), and at most SIGNATURE_CACHE_SIZE.
_SIGNATURE_CACHE_MAX_TYPES = 32

Syscall = Callable[..., int]


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
                raise guest_range_error(out_ptr, 4, size)
            closure = runtime.allocate()  # grows the table only: the memory stays put
            ctypes.memmove(base + out_ptr, closure.to_bytes(4, "little"), 4)
            return _SUCCESS
        except REFUSALS as exc:
            return errno_of(exc)

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
                raise guest_range_error(args_ptr, args_len, size)
            if results_ptr + results_len > size:
                raise guest_range_error(results_ptr, results_len, size)
            if args_len > MAX_SIGNATURE_TYPES or results_len > MAX_SIGNATURE_TYPES:  # before any work
                raise ClosureError(
                    MESSAGES["TOO_MANY_TYPES"].format(
                        params=args_len, results=results_len, limit=MAX_SIGNATURE_TYPES
                    )
                )
            key = (
                ctypes.string_at(base + args_ptr, args_len) if args_len else b"",
                ctypes.string_at(base + results_ptr, results_len) if results_len else b"",
            )
            signature = signatures.get(key)
            if signature is None:
                signature = Signature.from_codes(*key)  # INVAL for an unknown type code
                if args_len + results_len <= _SIGNATURE_CACHE_MAX_TYPES:
                    if len(signatures) >= SIGNATURE_CACHE_SIZE:
                        signatures.clear()
                    signatures[key] = signature
            runtime.prepare(closure, backing, signature, env)
            return _SUCCESS
        except REFUSALS as exc:
            return errno_of(exc)

    def closure_free(caller: wasmtime.Caller, closure: int) -> int:
        try:
            runtime_for(caller).free(closure)
            return _SUCCESS
        except REFUSALS as exc:
            return errno_of(exc)

    return closure_allocate, closure_prepare, closure_free


def define_closure_syscalls(linker: wasmtime.Linker, runtime: ClosureRuntime) -> None:
    """Define ``closure_allocate``, ``closure_prepare``, ``closure_free`` and ``call_dynamic`` in
    ``linker``: native host functions for a runtime the native core serves (rust/syscalls.rs,
    rust/call_dynamic.rs), else Python ones (above, and _runtime/call_dynamic.py), with the native
    ``call_dynamic`` for the module strategy when a core could serve."""
    _ffi.require()
    if runtime._core is not None:  # the native runtime: native host functions, call_dynamic too
        from .. import _native  # importable: the native backend serves

        i32 = wasmtime.ValType.i32()
        unary, seven, six = (wasmtime.FuncType([i32] * n, [i32]) for n in (1, 7, 6))
        try:
            _native.define_closure_syscalls(
                runtime._core,
                _ffi.linker_address(linker),
                _ffi.functype_address(unary),
                _ffi.functype_address(seven),
                _ffi.functype_address(six),
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
        from .. import _native  # importable: the native backend serves

        six = wasmtime.FuncType([wasmtime.ValType.i32()] * 6, [wasmtime.ValType.i32()])
        try:
            _native.define_call_dynamic(
                runtime._call_dynamic_core, _ffi.linker_address(linker), _ffi.functype_address(six)
            )
        except RuntimeError as exc:  # as above
            raise wasmtime.WasmtimeError(str(exc)) from None
    else:
        python_syscalls.append(("call_dynamic", call_dynamic_syscall(runtime), 6))
    for name, func, nparams in python_syscalls:
        _ffi.define_i32_func(linker, MODULE, name, nparams, func, access_caller=True)
