"""The benchmark suite: one set of cases for ``wasm-closures bench`` and for pytest-benchmark.

- :mod:`.cases`: the cases (:func:`all_cases`), each a group, a name, a parameter and a setup
  that returns the zero-arg callable to time.
- :mod:`.runner`: the timer loop of ``wasm-closures bench`` (:func:`run_cases`).
- :mod:`.report`: the text table, ``benchmarks.json`` and ``benchmarks.png``.
- :mod:`.command`: the ``bench`` command line (``python -m wasm_closures.benchmarks``).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .case import Case
    from .cases import PARAMS, all_cases, signature
    from .runner import DEFAULT, QUICK, Result, Settings, measure, run_cases

# The names below, each from the submodule that defines it, imported on first use: the CLI
# imports ``.command`` to build its parser, and must not pay for the suite (wasmtime, ctypes).
_EXPORTS = {
    "PARAMS": "cases",
    "Case": "case",
    "all_cases": "cases",
    "signature": "cases",
    "DEFAULT": "runner",
    "QUICK": "runner",
    "Result": "runner",
    "Settings": "runner",
    "measure": "runner",
    "run_cases": "runner",
}

__all__ = [
    "DEFAULT",
    "PARAMS",
    "QUICK",
    "Case",
    "Result",
    "Settings",
    "all_cases",
    "measure",
    "run_cases",
    "signature",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{module}", __name__), name)
