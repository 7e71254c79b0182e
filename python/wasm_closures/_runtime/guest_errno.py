"""What a guest gets when a syscall refuses: the one rule, for the closure syscalls and
``call_dynamic`` of both runtimes (the native syscalls ask ``errno_for_guest``, which
``_runtime.backend`` hands to the extension, about an exception their cold work raised)."""

from __future__ import annotations

import wasmtime

from ..errors import ClosureError, Errno, InvalidValueError
from .facts import MESSAGES, nomem_failure

# What a syscall turns into an errno; anything else (a bug, InternalsUnavailableError) traps
# and is re-raised from the call into wasm.
REFUSALS = (InvalidValueError, wasmtime.WasmtimeError, wasmtime.Trap)  # ClosureError is an InvalidValueError


def errno_of(exc: Exception) -> int:
    """The errno a guest gets for a refused syscall."""
    if isinstance(exc, ClosureError):
        return int(exc.errno)
    if isinstance(exc, InvalidValueError):
        return int(Errno.INVAL)
    # wasmtime refused: a store limit (instances, table elements), memory exhausted, or a trap
    # in the runtime's own wasm (a guest that called us with its stack nearly exhausted).
    message = str(exc)
    import logging  # only here: importing it costs about 5 ms of the CLI's start-up

    logging.getLogger("wasm_closures.wasix").debug("closure syscall refused by wasmtime: %s", message)
    return int(Errno.NOMEM if nomem_failure(message) else Errno.FAULT)


def errno_for_guest(exc: BaseException) -> int | None:
    """The errno of a native syscall whose cold work in Python raised ``exc``; None when the
    syscall must trap and re-raise ``exc`` from the call into wasm, as these syscalls do."""
    return errno_of(exc) if isinstance(exc, REFUSALS) else None


def guest_range_error(pointer: int, length: int, size: int) -> ClosureError:
    """MEMVIOLATION for ``length`` bytes at guest address ``pointer`` in ``size`` bytes of memory."""
    return ClosureError(
        MESSAGES["GUEST_RANGE"].format(pointer=f"{pointer:#x}", length=length, size=size), Errno.MEMVIOLATION
    )
