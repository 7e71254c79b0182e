"""Exceptions raised by wasm-closures."""

from __future__ import annotations

import enum


class WasmClosuresError(Exception):
    """Base class of every error this package raises on purpose."""


class InvalidValueError(WasmClosuresError, ValueError):
    """A value passed to the API is out of range or of the wrong kind.

    The message always names the parameter and the offending value.
    """


class Errno(enum.IntEnum):
    """The WASIX errno values the closure syscalls return."""

    SUCCESS = 0
    FAULT = 21
    INVAL = 28
    NOMEM = 48
    NOTSUP = 58
    MEMVIOLATION = 78


class ClosureError(InvalidValueError):
    """A closure operation was refused; ``errno`` is what a guest gets for the same request."""

    def __init__(self, message: str, errno: Errno = Errno.INVAL) -> None:
        super().__init__(message)
        self.errno = errno


class InvalidModuleError(InvalidValueError):
    """The bytes are not a well-formed WebAssembly module (or ``dylink.0`` section)."""
