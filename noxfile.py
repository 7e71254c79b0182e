"""nox sessions: the test suite on the oldest and the newest supported CPython.

``nox`` runs the suite without the stress tests (``-m "not stress"``) on both; arguments after
``--`` go to pytest. The package comes from the wheel that ``WASM_CLOSURES_WHEEL`` names (CI
builds one abi3 wheel and tests it on both), else each session builds it from the tree.
The interpreters must be on PATH as ``python3.11`` and ``python3.13``.
"""

from __future__ import annotations

import os

import nox

PYTHONS = ["3.11", "3.13"]

nox.needs_version = ">=2024.3.2"
nox.options.error_on_missing_interpreters = True


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """Install the package with its test extras and run the non-stress suite."""
    wheel = os.environ.get("WASM_CLOSURES_WHEEL")
    session.install(f"{wheel}[test]" if wheel else ".[test]")
    session.run("python", "-m", "pytest", "-m", "not stress", *session.posargs)
