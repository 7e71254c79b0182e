"""Interrupts at random points: KeyboardInterrupts from a timer signal during ``allocate``,
``prepare``, ``free``, ``bind`` and the guest's closure syscalls, then a check that every
runtime is consistent.

An interrupted operation either happened or did not: the model keeps both outcomes possible
(``Model``) until it can ask the runtime, then checks what wasm sees. A closure answers with
one of the environments it may have (no closure runs with another's environment: no two share
a trampoline), no slot is handed out twice, a guest's syscall never answers SUCCESS without
doing its work, slots and trampolines are not lost (the runtime's live count matches, the
table and the pool instances stay within what the live closures need), and a runtime whose
``bind`` was interrupted is either bound or binds again.

Run by tests/test_embedder.py (in a subprocess: the runtime must not crash either) and by the
fuzz target's ``interrupts`` mode (tests/fuzz.py).
"""

from __future__ import annotations

import os
import random
import signal
import struct
import sys
import time
import traceback
from collections import Counter
from collections.abc import Callable
from typing import Any

import wasmtime
from syscall_program import ADD_ENV as GUEST_ADD_ENV
from syscall_program import OUT, SUCCESS, TYPES, Program
from wat_program import ADD_ENV, FIRST_FREE_SLOT, WAT

from wasm_closures import ClosureRuntime

MAX_LIVE = 12  # closures kept live at most: what the pools need stays small
BINDS_PER_BATCH = 10
TABLE_CHUNK = 100  # runtime.TABLE_CHUNK
SENTINEL = 0xFFFF_FFFF  # written where closure_allocate puts its result, before each call


class Inconsistent(AssertionError):
    """The runtime broke a guarantee."""


_armed = False


def _on_timer(signum: int, frame: object) -> None:
    global _armed
    if _armed:
        _armed = False  # one interrupt per attempt: the harness's own handler is never hit
        raise KeyboardInterrupt


class Interrupter:
    """Arms a one-shot timer before each operation; its signal raises KeyboardInterrupt only
    while the operation runs (``attempt``)."""

    def __init__(self, rng: random.Random, max_delay: float) -> None:
        self.rng = rng
        self.max_delay = max_delay
        self.interrupted = 0
        signal.signal(signal.SIGALRM, _on_timer)

    def attempt(
        self, operation: Callable[..., Any], *args: Any, max_delay: float | None = None
    ) -> tuple[bool, Any]:
        """(True, the result) or (False, None) if interrupted: then it may or may not have happened."""
        global _armed
        delay = self.rng.uniform(1e-6, max_delay or self.max_delay)
        try:
            _armed = True
            signal.setitimer(signal.ITIMER_REAL, delay)
            result = operation(*args)
            _armed = False
            return True, result
        except KeyboardInterrupt:
            _armed = False
            self.interrupted += 1
            return False, None

    @staticmethod
    def stop() -> None:
        global _armed
        _armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)


class Model:
    """What the closures of one runtime may be: slot -> the environments a call may add
    (None: not prepared, a call traps)."""

    def __init__(self, runtime: ClosureRuntime, call: Callable[[int], int | None]) -> None:
        self.runtime = runtime
        self.call = call  # closure -> env it adds, or None if the call traps
        self.closures: dict[int, set[int | None]] = {}
        self.maybe_freed: set[int] = set()
        self.next_env = 1000

    def env(self) -> int:
        self.next_env += 1
        return self.next_env

    def allocated(self, closure: int) -> None:
        if closure in self.maybe_freed:  # that interrupted free happened
            self.maybe_freed.discard(closure)
            del self.closures[closure]
        if closure in self.closures:
            raise Inconsistent(f"slot {closure} was handed out twice")
        self.closures[closure] = {None}

    def live_slots(self) -> set[int]:
        rt = self.runtime
        if rt._core is None:
            return set(rt._live)
        size = rt.table.size(rt.store) if rt.bound else FIRST_FREE_SLOT
        return {c for c in range(size) if rt._core.is_live(c)}

    def reconcile_and_check(self) -> None:
        """With interrupts off: learn what interrupted operations did, then check everything."""
        live = self.live_slots()
        for closure in self.maybe_freed:
            if closure not in live:
                self.closures.pop(closure, None)
            else:  # not freed, or freed then allocated again by an interrupted allocate
                self.closures[closure].add(None)
        self.maybe_freed.clear()
        for closure in live - set(self.closures):  # from an interrupted allocate
            self.closures[closure] = {None}
        if set(self.closures) != live:
            raise Inconsistent(
                f"the runtime's live slots {sorted(live)} != the model's {sorted(self.closures)}"
            )
        if self.runtime.stats.live != len(live):
            raise Inconsistent(f"stats.live {self.runtime.stats.live} != {len(live)} live slots")
        for closure, envs in self.closures.items():
            got = self.call(closure)
            if got not in envs:
                raise Inconsistent(f"closure {closure} runs with env {got}, expected one of {envs}")
            self.closures[closure] = {got}
        if self.runtime.bound:
            size = self.runtime.table.size(self.runtime.store)
            if size > FIRST_FREE_SLOT + 2 * TABLE_CHUNK:
                raise Inconsistent(f"the table grew to {size} slots for at most {MAX_LIVE} live closures")
        if self.runtime.stats.instantiations > 24:
            raise Inconsistent(
                f"{self.runtime.stats.instantiations} pool instances for at most {MAX_LIVE} live closures"
            )
        self._check_python_pools()

    def _check_python_pools(self) -> None:
        """The pure-Python runtime: every trampoline is free or live, once."""
        strategy = self.runtime._strategy
        if self.runtime._core is not None or not hasattr(strategy, "_table_pools"):
            return
        pools = [*strategy._table_pools.values(), *strategy._direct_pools.values()]
        seen: Counter = Counter()
        for pool in pools:
            seen.update(id(t) for t in pool._free)
        seen.update(id(t) for t in self.runtime._live.values() if t is not None)
        twice = [k for k, n in seen.items() if n > 1]
        if twice:
            raise Inconsistent(f"{len(twice)} trampolines are both free and live, or live twice")
        # Each pool instance (one ``configure``) has one of pool_sizes' counts of trampolines
        # here (1, 8 or 64 by default), indices 0..n-1.
        by_instance: dict[int, set[int]] = {}
        for pool in pools:
            for trampoline in pool._free:
                by_instance.setdefault(id(trampoline.configure), set()).add(trampoline.index)
        for trampoline in self.runtime._live.values():
            if trampoline is not None:
                by_instance.setdefault(id(trampoline.configure), set()).add(trampoline.index)
        for indices in by_instance.values():
            if indices != set(range(len(indices))) or len(indices) not in strategy.pool_sizes:
                raise Inconsistent(f"a pool instance has lost trampolines: it has {sorted(indices)}")


def _api_program(engine: wasmtime.Engine) -> tuple[Model, Callable[[], None]]:
    """A program driven through the Python API; returns its model and one random step."""
    module = wasmtime.Module(engine, wasmtime.wat2wasm(WAT.replace("{MEMORY_MAX}", "")))
    store = wasmtime.Store(engine)
    instance = wasmtime.Instance(store, module, [])
    runtime = ClosureRuntime(store)
    runtime.bind_exports(instance)
    call_ii_i = instance.exports(store)["call_ii_i"]

    def call(closure: int) -> int | None:
        try:
            return call_ii_i(store, closure, 1, 2) - 3  # type: ignore[operator]
        except wasmtime.Trap:
            return None

    return Model(runtime, call), store  # type: ignore[return-value]


def _guest_program() -> tuple[Model, Program]:
    program = Program()

    def call(closure: int) -> int | None:
        try:
            return program.call_ii_i(closure, 1, 2) - 3
        except wasmtime.Trap:
            return None

    return Model(program.runtime, call), program


def storm(rng: random.Random, seconds: float, max_delay: float = 60e-6, fork_chance: float = 0.0) -> Counter:
    """Run random operations under random interrupts for ``seconds``; check after each batch.

    With ``fork_chance``, after a batch the process forks that often: the child goes on for a
    batch (more interrupts, a new signature to compile, the checks) and must exit 0 within
    ``FORK_TIMEOUT`` seconds. Raises ``Inconsistent`` (or whatever the runtime raised that it
    must not).
    """
    outcomes: Counter = Counter()
    interrupter = Interrupter(rng, max_delay)
    engine = wasmtime.Engine()
    api, _store = _api_program(engine)
    guest, program = _guest_program()
    runtime = api.runtime
    signatures = ["(i32, i32) -> i32"]
    deadline = time.monotonic() + seconds
    try:
        while time.monotonic() < deadline:
            for _ in range(200):
                _api_step(rng, interrupter, api, runtime, signatures, outcomes)
                _guest_step(rng, interrupter, guest, program, outcomes)
            interrupter.stop()
            api.reconcile_and_check()
            guest.reconcile_and_check()
            _bind_step(rng, interrupter, engine, outcomes)
            interrupter.stop()
            if rng.random() < fork_chance:
                _fork_step(rng, interrupter, api, runtime, signatures, guest, program)
                outcomes["forks"] += 1
    finally:
        interrupter.stop()
    outcomes["interrupts"] = interrupter.interrupted
    return outcomes


def _api_step(
    rng: random.Random,
    interrupter: Interrupter,
    model: Model,
    runtime: ClosureRuntime,
    signatures: list[str],
    outcomes: Counter,
) -> None:
    closures = [c for c in model.closures if c not in model.maybe_freed]
    pick = rng.random()
    if pick < 0.3 and len(model.closures) < MAX_LIVE:
        ok, closure = interrupter.attempt(runtime.allocate)
        if ok:
            model.allocated(closure)
        outcomes[f"api allocate: {'ok' if ok else 'interrupted'}"] += 1
    elif pick < 0.75 and closures:
        closure = rng.choice(closures)
        env = model.env()
        ok, _ = interrupter.attempt(runtime.prepare, closure, ADD_ENV, signatures[0], env)
        model.closures[closure] = {env} if ok else model.closures[closure] | {env}
        outcomes[f"api prepare: {'ok' if ok else 'interrupted'}"] += 1
    elif closures:
        closure = rng.choice(closures)
        ok, _ = interrupter.attempt(runtime.free, closure)
        if ok:
            del model.closures[closure]
        else:
            model.maybe_freed.add(closure)
        outcomes[f"api free: {'ok' if ok else 'interrupted'}"] += 1


def _guest_step(
    rng: random.Random, interrupter: Interrupter, model: Model, program: Program, outcomes: Counter
) -> None:
    closures = [c for c in model.closures if c not in model.maybe_freed]
    pick = rng.random()
    if pick < 0.3 and len(model.closures) < MAX_LIVE:
        program.write(OUT, struct.pack("<I", SENTINEL))
        ok, errno = interrupter.attempt(program.allocate)
        if ok:
            if errno != SUCCESS:
                raise Inconsistent(f"closure_allocate answered {errno}")
            closure = program.read_u32(OUT)
            if closure == SENTINEL or closure not in model.live_slots():
                raise Inconsistent(f"closure_allocate answered SUCCESS but allocated nothing ({closure:#x})")
            model.allocated(closure)
        outcomes[f"guest allocate: {'ok' if ok else 'interrupted'}"] += 1
    elif pick < 0.75 and closures:
        closure = rng.choice(closures)
        env = model.env()
        ok, errno = interrupter.attempt(program.prepare, GUEST_ADD_ENV, closure, TYPES, 2, TYPES + 2, 1, env)
        if ok and errno != SUCCESS:
            raise Inconsistent(f"closure_prepare answered {errno}")
        model.closures[closure] = {env} if ok else model.closures[closure] | {env}
        outcomes[f"guest prepare: {'ok' if ok else 'interrupted'}"] += 1
    elif closures:
        closure = rng.choice(closures)
        ok, errno = interrupter.attempt(program.free, closure)
        if ok:
            if errno != SUCCESS:
                raise Inconsistent(f"closure_free answered {errno}")
            del model.closures[closure]
        else:
            model.maybe_freed.add(closure)
        outcomes[f"guest free: {'ok' if ok else 'interrupted'}"] += 1


FORK_TIMEOUT = 20


def _fork_step(
    rng: random.Random,
    interrupter: Interrupter,
    api: Model,
    runtime: ClosureRuntime,
    signatures: list[str],
    guest: Model,
    program: Program,
) -> None:
    """Fork; the child goes on under interrupts, compiles a new signature, checks, exits."""
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            for _ in range(100):
                _api_step(rng, interrupter, api, runtime, signatures, Counter())
                _guest_step(rng, interrupter, guest, program, Counter())
            interrupter.stop()
            api.reconcile_and_check()
            guest.reconcile_and_check()
            closure = runtime.allocate()  # a signature never compiled: compiled in the child
            runtime.prepare(closure, ADD_ENV, f"(i32, i32, i64, f{rng.choice((32, 64))}) -> i32", 0)
            runtime.free(closure)
            code = 0
        except BaseException:
            traceback.print_exc()
        finally:
            sys.stderr.flush()
            os._exit(code)
    deadline = time.monotonic() + FORK_TIMEOUT  # a hang fails the run instead of blocking it
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            raise Inconsistent(f"the forked child hung for {FORK_TIMEOUT} s")
        time.sleep(0.01)
    if status != 0:
        how = f"died by signal {status & 0x7F}" if status & 0x7F else f"exited {status >> 8}"
        raise Inconsistent(f"the forked child {how}")


def _bind_step(
    rng: random.Random, interrupter: Interrupter, engine: wasmtime.Engine, outcomes: Counter
) -> None:
    """Bind new runtimes under interrupts spread over a whole bind: then each is bound, or
    binding again works."""
    module = wasmtime.Module(engine, wasmtime.wat2wasm(WAT.replace("{MEMORY_MAX}", "")))
    started = time.perf_counter()
    _bound_runtime(engine, module)
    duration = time.perf_counter() - started
    for _ in range(BINDS_PER_BATCH):
        store, instance, runtime = _bound_runtime(engine, module, bind=False)
        ok, _ = interrupter.attempt(runtime.bind_exports, instance, max_delay=duration)
        interrupter.stop()
        outcomes[f"bind: {'ok' if ok else 'interrupted'}"] += 1
        if not runtime.bound:
            runtime.bind_exports(instance)  # must work: the interrupted bind did not happen
        closure = runtime.allocate()
        runtime.prepare(closure, ADD_ENV, "(i32, i32) -> i32", 7)
        got = instance.exports(store)["call_ii_i"](store, closure, 1, 2)  # type: ignore[operator]
        if got != 10:
            raise Inconsistent(f"a runtime bound after an interrupt computes {got}, not 10")


def _bound_runtime(
    engine: wasmtime.Engine, module: wasmtime.Module, bind: bool = True
) -> tuple[wasmtime.Store, wasmtime.Instance, ClosureRuntime]:
    store = wasmtime.Store(engine)
    instance = wasmtime.Instance(store, module, [])
    runtime = ClosureRuntime(store)
    if bind:
        runtime.bind_exports(instance)
    return store, instance, runtime


def main() -> int:
    import json

    seed = int(sys.argv[1])
    seconds = float(sys.argv[2])
    outcomes = storm(random.Random(seed), seconds)
    print(json.dumps(outcomes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
