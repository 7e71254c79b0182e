"""The benchmark suite: one set of cases for ``wasm-closures bench`` and for pytest-benchmark.

- :mod:`.cases`: the cases (:func:`all_cases`), each a group, a name, a parameter and a setup
  that returns the zero-arg callable to time.
- :mod:`.runner`: the timer loop of ``wasm-closures bench`` (:func:`run_cases`).
- :mod:`.report`: the text table, ``benchmarks.json`` and ``benchmarks.png``.
- :mod:`.command`: the ``bench`` command line (``python -m wasm_closures.benchmarks``).
"""

from .case import Case
from .cases import PARAMS, all_cases, signature
from .runner import DEFAULT, QUICK, Result, Settings, measure, run_cases

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
