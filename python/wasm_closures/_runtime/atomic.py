"""``atomically``: run a few C-level steps with no Python bytecode between them.

An asynchronous exception (a KeyboardInterrupt from a signal handler) is raised only where
the interpreter runs bytecode and checks for pending signals: at a call, a backward jump
and, on CPython 3.9, after most instructions. So a sequence of Python statements can be
interrupted between any two of them. ``atomically`` runs its steps inside one C-level loop
(``list(map(...))``): a signal arriving meanwhile is handled after the last step, so the
steps all happen or, if the exception strikes as ``atomically`` is entered, none does.

Every step must be a callable implemented in C that runs no Python code: a bound method of a
builtin (``list.append``, ``dict.__setitem__``), a ``functools.partial`` of one, or a ctypes
foreign function.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable

_CALL = operator.methodcaller("__call__")


def atomically(steps: Iterable[Callable[[], object]]) -> list[object]:
    """Call each of ``steps`` in order; return their results."""
    return list(map(_CALL, steps))
