"""A wall-clock limit for programs run on an engine with ``Config.epoch_interruption``.

A store's epoch deadline is relative to the engine's epoch when it is set: a timer that bumps
the epoch once misses every store made after it fired (say, while a slow module compiled), and
the program runs on. :class:`EpochTimer` keeps bumping the epoch every few milliseconds once its
time is up, until it is stopped, so any store of the engine with ``epoch_deadline=1``, made
before or after the timer fired, traps at its next epoch check.
"""

from __future__ import annotations

import threading
from types import TracebackType

import wasmtime

__all__ = ["EpochTimer"]

TICK_SECONDS = 0.005
"""How often an expired timer bumps the epoch again."""


class EpochTimer:
    """Interrupt a program that runs past ``seconds`` of wall time.

    Usage, with an engine from ``default_engine(info, epoch_interruption=True)``::

        with EpochTimer(engine, 10):
            program = load_program(path, engine=engine, epoch_deadline=1)
            program.run_start()  # wasmtime.Trap with trap_code INTERRUPT past 10 s

    The time counts from :meth:`start` (entering the ``with`` block). Once it is up, the timer
    thread calls ``engine.increment_epoch()`` every :data:`TICK_SECONDS` until :meth:`stop`
    (leaving the block), which also waits for the thread to end.
    """

    def __init__(self, engine: wasmtime.Engine, seconds: float) -> None:
        self._engine = engine
        self._seconds = seconds
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name="wasm-closures-epoch-timer", daemon=True)

    def start(self) -> None:
        """Start counting."""
        self._thread.start()

    def stop(self) -> None:
        """Stop the timer (whether or not its time is up) and wait for its thread."""
        self._stopped.set()
        if self._thread.is_alive():
            self._thread.join()

    def _run(self) -> None:
        if self._stopped.wait(self._seconds):
            return
        while True:
            self._engine.increment_epoch()
            if self._stopped.wait(TICK_SECONDS):
                return

    def __enter__(self) -> EpochTimer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
