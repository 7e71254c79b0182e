"""What a benchmark case is (``Case``), apart from the lists of cases that import it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Op = Callable[[], Any]


@dataclass(frozen=True)
class Case:
    """One benchmark: ``setup()`` returns the zero-arg callable whose calls are timed."""

    group: str
    name: str
    param: int | None
    setup: Callable[[], Op]
    description: str
    one_shot: bool = False
    """The callable may be called once only: time one call after each ``setup()``."""
    per_call: int = 1
    """Operations one call makes: reported figures are per operation (time / per_call)."""
    self_timed: bool = False
    """(One-shot cases.) The callable times the operation itself and returns its nanoseconds
    (e.g. measured inside a new process, whose start is not part of it)."""
    unavailable: str | None = None
    """Why the case cannot run in this installation (``None``: it can)."""

    @property
    def id(self) -> str:
        """``group-name`` or ``group-name-param``, e.g. ``encode-rust-2``."""
        base = f"{self.group}-{self.name}"
        return base if self.param is None else f"{base}-{self.param}"
