"""The WASIX closure syscalls, as wasmtime host functions backed by a ClosureRuntime.

Every argument is an i32 that wasmtime-py hands over as a signed int; pointers and lengths
are unsigned, so they are reinterpreted before any check. Whatever the guest passes, the
answer is an errno: nothing it sends can raise through wasmtime, trap, or corrupt the table.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Callable

import wasmtime

from . import _ffi
from ._types import Signature
from .errors import ClosureError, Errno, InvalidValueError

if TYPE_CHECKING:
    from .runtime import ClosureRuntime

MODULE = "wasix_32v1"
_log = logging.getLogger(__name__)


def _u32(value: int) -> int:
    return value & 0xFFFF_FFFF


def _read_guest(runtime: "ClosureRuntime", pointer: int, length: int) -> bytes:
    _check_range(runtime, pointer, length)
    return _ffi.read(runtime.store, runtime.memory, pointer, length)


def _check_range(runtime: "ClosureRuntime", pointer: int, length: int) -> None:
    size = _ffi.memory_address(runtime.store, runtime.memory)[1]
    if pointer + length > size:
        raise ClosureError(f"guest range {pointer:#x}+{length} is outside memory ({size} bytes)", Errno.MEMVIOLATION)


def _as_errno(runtime: "ClosureRuntime", caller: wasmtime.Caller, call: Callable[[], None]) -> int:
    """Run one syscall, turning every refusal into the errno the guest gets."""
    try:
        if not runtime.bound:
            _bind_from_caller(runtime, caller)
        call()
        return Errno.SUCCESS
    except ClosureError as exc:
        return exc.errno
    except InvalidValueError:
        return Errno.INVAL
    except wasmtime.WasmtimeError as exc:
        # Instantiation refused by a store limit or out of memory, a trap in a constructor.
        _log.warning("closure syscall failed inside wasmtime: %s", exc)
        return Errno.NOMEM if "limit" in str(exc) or "memory" in str(exc) else Errno.FAULT


def _bind_from_caller(runtime: "ClosureRuntime", caller: wasmtime.Caller) -> None:
    parts = [caller.get(name) for name in ("memory", "__indirect_function_table", "__stack_pointer")]
    if not isinstance(parts[0], (wasmtime.Memory, wasmtime.SharedMemory)) or not isinstance(parts[1], wasmtime.Table) or not isinstance(parts[2], wasmtime.Global):
        raise ClosureError("the program exports no memory, function table or stack pointer", Errno.NOTSUP)
    runtime.bind(*parts)  # type: ignore[arg-type]


def define_closure_syscalls(linker: wasmtime.Linker, runtime: "ClosureRuntime") -> None:
    """Define ``closure_allocate``, ``closure_prepare`` and ``closure_free`` in ``linker``."""
    i32 = wasmtime.ValType.i32()

    def closure_allocate(caller: wasmtime.Caller, out_ptr: int) -> int:
        def call() -> None:
            pointer = _u32(out_ptr)
            _check_range(runtime, pointer, 4)  # before allocating, so a bad pointer leaks no slot
            closure = runtime.allocate()
            _ffi.write_u32(runtime.store, runtime.memory, pointer, closure)

        return _as_errno(runtime, caller, call)

    def closure_prepare(
        caller: wasmtime.Caller, backing: int, closure: int, args_ptr: int, args_len: int,
        results_ptr: int, results_len: int, env: int,
    ) -> int:
        def call() -> None:
            params = _read_guest(runtime, _u32(args_ptr), _u32(args_len))
            results = _read_guest(runtime, _u32(results_ptr), _u32(results_len))
            signature = Signature.from_codes(params, results)
            runtime.prepare(_u32(closure), _u32(backing), signature, _u32(env))

        return _as_errno(runtime, caller, call)

    def closure_free(caller: wasmtime.Caller, closure: int) -> int:
        return _as_errno(runtime, caller, lambda: runtime.free(_u32(closure)))

    for name, func, nparams in (
        ("closure_allocate", closure_allocate, 1),
        ("closure_prepare", closure_prepare, 7),
        ("closure_free", closure_free, 1),
    ):
        linker.define_func(MODULE, name, wasmtime.FuncType([i32] * nparams, [i32]), func, access_caller=True)
