"""Exceptions raised by wasm-closures."""

from __future__ import annotations


class WasmClosuresError(Exception):
    """Base class of every error this package raises on purpose."""


class InvalidValueError(WasmClosuresError, ValueError):
    """A value passed to the API is out of range or of the wrong kind.

    The message always names the parameter and the offending value.
    """
