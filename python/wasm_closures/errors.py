"""Exceptions raised by wasm-closures."""

from __future__ import annotations

import enum

from ._runtime.facts import ERRNOS


class WasmClosuresError(Exception):
    """Base class of every error this package raises on purpose."""


class InvalidValueError(WasmClosuresError, ValueError):
    """A value passed to the API is out of range or of the wrong kind.

    The message always names the parameter and the offending value.
    """


class Errno(enum.IntEnum):
    """The WASIX errno values the closure syscalls return."""

    # The values are the shared table's (``_runtime.facts.ERRNOS``, the Rust core's own).
    SUCCESS = ERRNOS["SUCCESS"]
    FAULT = ERRNOS["FAULT"]
    INVAL = ERRNOS["INVAL"]
    NOMEM = ERRNOS["NOMEM"]
    NOTSUP = ERRNOS["NOTSUP"]
    MEMVIOLATION = ERRNOS["MEMVIOLATION"]


class ClosureError(InvalidValueError):
    """A closure operation was refused; ``errno`` is what a guest gets for the same request."""

    def __init__(self, message: str, errno: Errno = Errno.INVAL) -> None:
        super().__init__(message)
        self.errno = errno


class InvalidModuleError(InvalidValueError):
    """The bytes are not a well-formed WebAssembly module (or ``dylink.0`` section)."""
