"""The standing fuzz target: hostile module bytes and syscall sequences, each batch in a subprocess.

Two targets, each run in batches in a child process so that a crash (a signal) is caught and
reported instead of killing the fuzzer:

``loader``
    Random and mutated module bytes (bit flips, interesting bytes, insertions, deletions,
    truncations, splices of two modules) from a corpus: ``examples/closures.wasm``, a few WAT
    programs and any ``--corpus`` files. Each goes to ``load_program`` (random strategy,
    closures on or off, with fuel so that nothing loops forever); what loads runs its
    ``_start``. Documented outcomes: ``WasmClosuresError`` (``LoadError``,
    ``InvalidModuleError``, ``InvalidValueError``, ``ProgramError``) from loading;
    ``wasmtime.ExitTrap`` (``proc_exit`` while starting); from running, ``wasmtime.Trap`` and
    ``wasmtime.WasmtimeError`` (a WASI function that fails).
``syscalls``
    Random sequences of the guest's ``closure_allocate`` / ``closure_prepare`` /
    ``closure_free`` calls with edge-case pointers, lengths and type codes (every call must
    return a WASIX errno), and random calls of the Python API (``allocate``, ``prepare``,
    ``free`` with values of every kind, a closed store): only ``InvalidValueError`` (and its
    ``ClosureError``) may escape.
``interrupts``
    The API and syscall sequences again, under KeyboardInterrupts from a timer signal at
    random points (``allocate``, ``prepare``, ``free``, ``bind``, the guest's syscalls), with
    forks at random points in between: the child goes on (more interrupts, a compile) and must
    exit cleanly in time. After each batch the runtimes must be consistent
    (tests/interrupt_storm.py says what is checked).

Anything else is a finding: the child writes the input to ``--crash-dir`` and the run fails.

Run it on demand with a longer budget, e.g. ``python tests/fuzz.py --seconds 600`` (or
``--iterations N``; ``--seed`` to replay a batch; ``--corpus FILE...`` to add modules). CI runs
a short budget through ``tests/test_fuzz.py``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

TESTS = Path(__file__).resolve().parent
EXAMPLE = TESTS.parent / "examples" / "closures.wasm"
TARGETS = ("loader", "syscalls", "interrupts")
BATCH = {"loader": 150, "syscalls": 60, "interrupts": 1}  # iterations per child process
STORM_SECONDS = 1.0  # one ``interrupts`` iteration
STORM_FORK_CHANCE = 0.3  # per batch of operations in a storm
FUEL = 2_000_000  # per loaded program: enough to start and run a little
INTERESTING_BYTES = (0x00, 0x01, 0x7F, 0x80, 0xFF, 0x40, 0x60, 0x70, 0x7B)


# --- the child's side --------------------------------------------------------------------------


def _corpus(extra: Sequence[str]) -> list[bytes]:
    import wasmtime
    from syscall_program import program_wat
    from wat_program import WAT

    modules = [EXAMPLE.read_bytes(), *(Path(p).read_bytes() for p in extra)]
    modules.append(wasmtime.wat2wasm(WAT.replace("{MEMORY_MAX}", "")))
    modules.append(wasmtime.wat2wasm(program_wat()))
    modules.append(
        wasmtime.wat2wasm(
            '(module (import "env" "memory" (memory 1)) (import "env" "__stack_pointer" (global (mut i32)))'
            ' (func (export "__wasm_call_ctors")) (func (export "_start")))'
        )
    )
    return modules


def _mutate(rng: random.Random, corpus: list[bytes]) -> bytes:
    data = bytearray(rng.choice(corpus))
    if rng.random() < 0.03:  # nothing to do with the corpus, behind a valid header
        return b"\0asm\1\0\0\0" + rng.randbytes(rng.randrange(0, 256))
    # Most inputs get a few in-place changes, which keep the section sizes and so reach
    # wasmtime's validation and the program itself; the rest are also resized and spliced.
    gentle = rng.random() < 0.6
    for _ in range(rng.choice((1, 1, 2, 3) if gentle else (1, 2, 4, 16))):
        where = rng.randrange(len(data)) if data else 0
        kind = rng.randrange(2 if gentle else 7)
        if kind == 0 and data:
            data[where] ^= 1 << rng.randrange(8)
        elif kind == 1 and data:
            data[where] = rng.choice(INTERESTING_BYTES)
        elif kind == 2:
            data[where:where] = rng.randbytes(rng.randrange(1, 9))
        elif kind == 3:
            del data[where : where + rng.randrange(1, 9)]
        elif kind == 4 and rng.random() < 0.3:
            del data[where:]
        elif kind == 5:  # a chunk of this or another module
            other = rng.choice(corpus)
            start = rng.randrange(len(other))
            data[where:where] = other[start : start + rng.randrange(1, 64)]
        elif kind == 6 and len(data) > 8:
            start = rng.randrange(8, len(data))
            data[where:where] = data[start : start + rng.randrange(1, 32)]
    return bytes(data)


def _fuzz_loader(
    rng: random.Random, iterations: int, crash_file: Path, corpus_files: Sequence[str]
) -> Counter:
    import wasmtime

    from wasm_closures import WasmClosuresError
    from wasm_closures.loader import load_program

    corpus = _corpus(corpus_files)
    outcomes: Counter = Counter()
    for _ in range(iterations):
        data = _mutate(rng, corpus)
        crash_file.write_bytes(data)  # what was running, should the process die
        stage = "load"
        try:
            program = load_program(
                data,
                strategy=rng.choice(("pooled", "module")),
                closures=rng.random() < 0.8,
                inherit_stdio=False,
                fuel=FUEL,
            )
            stage = "run"
            if program.has_export("_start"):
                program.run_start()
            outcomes["ran"] += 1
        except WasmClosuresError as exc:
            outcomes[f"{stage}: {type(exc).__name__}"] += 1
        except wasmtime.ExitTrap:
            outcomes[f"{stage}: ExitTrap"] += 1
        except (wasmtime.Trap, wasmtime.WasmtimeError) as exc:
            if stage == "load":
                raise  # load_program documents neither
            outcomes[f"run: {type(exc).__name__}"] += 1
    return outcomes


def _fuzz_syscalls(rng: random.Random, iterations: int, crash_file: Path) -> Counter:
    from syscall_program import ADD_ENV, MEMORY_SIZE, OUT, TYPES, Program

    from wasm_closures import Errno, InvalidValueError

    errnos = {int(e) for e in Errno}
    edges = [0, 1, 4, OUT, TYPES, MEMORY_SIZE - 4, MEMORY_SIZE - 1, MEMORY_SIZE, 2**31 - 1, 2**31, 2**32 - 1]

    def u32() -> int:
        pick = rng.random()
        return (
            rng.choice(edges) if pick < 0.4 else rng.randrange(0, 300) if pick < 0.7 else rng.getrandbits(32)
        )

    def anything() -> object:
        return rng.choice([u32(), -1, 2**64, 1.5, "5", None, [1], True, rng.randrange(4, 12)])

    outcomes: Counter = Counter()
    for _ in range(iterations):
        program = Program()
        # Random type codes after the program's own (i32, i32) -> i32 ones.
        program.write(TYPES + 3, bytes(rng.randrange(256) for _ in range(16)))
        calls = []
        for _ in range(rng.randrange(1, 40)):
            name = rng.choice(("allocate", "prepare", "prepare", "free"))
            if name == "allocate":
                args: tuple = (rng.choice((OUT, u32())),)
            elif name == "prepare":
                args = (
                    rng.choice((ADD_ENV, u32())),
                    rng.choice((rng.randrange(4, 12), u32())),
                    *rng.choice(((TYPES, 2, TYPES + 2, 1), (u32(), u32() % 1100, u32(), u32() % 1100))),
                    u32(),
                )
            else:
                args = (rng.choice((rng.randrange(4, 12), u32())),)
            calls.append((name, *args))
            crash_file.write_text(json.dumps(calls))
            errno = getattr(program, name)(*args)
            if errno not in errnos:
                raise AssertionError(f"{name}{args} returned {errno}, not a WASIX errno")
            outcomes[f"guest {name}: {Errno(errno).name}"] += 1
        runtime = program.runtime  # then the Python API, bound by the guest's calls or not
        for _ in range(rng.randrange(1, 20)):
            if rng.random() < 0.05:
                program.store.close()
            name = rng.choice(("allocate", "prepare", "free"))
            try:
                if name == "allocate":
                    runtime.allocate()
                elif name == "prepare":
                    signature = rng.choice(
                        ["(i32, i32) -> i32", "() -> ()", "(v128) -> f64", "(i32", 5, None]
                    )
                    runtime.prepare(anything(), anything(), signature, anything())  # type: ignore[arg-type]
                else:
                    runtime.free(anything())  # type: ignore[arg-type]
                outcomes[f"python {name}: ok"] += 1
            except InvalidValueError as exc:
                outcomes[f"python {name}: {type(exc).__name__}"] += 1
    return outcomes


def _fuzz_interrupts(rng: random.Random, iterations: int, crash_file: Path) -> Counter:
    from interrupt_storm import storm

    outcomes: Counter = Counter()
    for _ in range(iterations):
        seed = rng.getrandbits(32)
        crash_file.write_text(json.dumps({"storm_seed": seed}))
        outcomes += storm(random.Random(seed), STORM_SECONDS, fork_chance=STORM_FORK_CHANCE)
    return outcomes


def _child(args: argparse.Namespace) -> int:
    sys.path.insert(0, str(TESTS))
    rng = random.Random(args.seed)
    Path(args.crash_dir).mkdir(parents=True, exist_ok=True)
    crash_file = Path(args.crash_dir) / f"current-{os.getpid()}"
    if args.target == "loader":
        outcomes = _fuzz_loader(rng, args.iterations, crash_file, args.corpus)
    elif args.target == "syscalls":
        outcomes = _fuzz_syscalls(rng, args.iterations, crash_file)
    elif args.target == "interrupts":
        outcomes = _fuzz_interrupts(rng, args.iterations, crash_file)
    else:  # "abort": proves that the parent notices a crash
        os.abort()
    crash_file.unlink(missing_ok=True)
    print(json.dumps(outcomes))
    return 0


# --- the parent's side --------------------------------------------------------------------------


def run_batch(
    target: str,
    seed: int,
    iterations: int,
    crash_dir: Path,
    corpus: Sequence[str],
) -> Counter:
    """Run one batch in a child process; raise ``FuzzFinding`` if it crashed or failed."""
    command = [
        sys.executable,
        __file__,
        "--child",
        target,
        "--seed",
        str(seed),
        "--iterations",
        str(iterations),
        "--crash-dir",
        str(crash_dir),
        *(["--corpus", *corpus] if corpus else []),
    ]
    child = subprocess.run(command, capture_output=True, text=True, timeout=600)
    if child.returncode == 0:
        return Counter(json.loads(child.stdout.splitlines()[-1]))
    saved = None  # batches run one at a time: a leftover input is this batch's last
    for leftover in crash_dir.glob("current-*"):
        saved = leftover.replace(crash_dir / f"crash-{target}-{seed}")
    how = (
        f"died by {signal.Signals(-child.returncode).name}"
        if child.returncode < 0
        else f"exited {child.returncode}"
    )
    replay = f"python {__file__} --child {target} --seed {seed} --iterations {iterations} --crash-dir DIR"
    raise FuzzFinding(
        f"a {target} batch {how}; its last input is in {saved}; replay it: {replay}\n{child.stderr[-3000:]}"
    )


class FuzzFinding(Exception):
    """A batch crashed or raised an exception that is not documented."""


def fuzz(
    targets: Sequence[str],
    seconds: float | None,
    iterations: int | None,
    seed: int,
    crash_dir: Path,
    corpus: Sequence[str] = (),
) -> dict[str, Counter]:
    """Run batches of each target in turn until the time or iteration budget is spent."""
    totals: dict[str, Counter] = {target: Counter() for target in targets}
    done = dict.fromkeys(targets, 0)
    deadline = None if seconds is None else time.monotonic() + seconds
    batch_seeds = random.Random(seed)
    while True:
        for target in targets:
            if iterations is not None and done[target] >= iterations:
                continue
            count = BATCH.get(target, 1)
            if iterations is not None:
                count = min(count, iterations - done[target])
            totals[target] += run_batch(target, batch_seeds.getrandbits(32), count, crash_dir, corpus)
            done[target] += count
        if deadline is not None and time.monotonic() >= deadline:
            break
        if iterations is not None and all(done[t] >= iterations for t in targets):
            break
    for target in targets:
        totals[target]["iterations"] = done[target]
    return totals


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--targets", nargs="+", choices=(*TARGETS, "abort"), default=list(TARGETS))
    parser.add_argument("--seconds", type=float, help="time budget (default: 60 unless --iterations)")
    parser.add_argument("--iterations", type=int, help="inputs per target")
    parser.add_argument("--seed", type=int, help="seed of the batch seeds (default: random, printed)")
    parser.add_argument("--crash-dir", help="where findings are saved (default: a new temporary directory)")
    parser.add_argument("--corpus", nargs="*", default=[], help="more .wasm files to mutate")
    parser.add_argument("--child", choices=(*TARGETS, "abort"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        args.target = args.child
        return _child(args)
    seed = args.seed if args.seed is not None else random.randrange(2**32)
    seconds = args.seconds if args.seconds is not None or args.iterations is not None else 60.0
    crash_dir = Path(args.crash_dir or tempfile.mkdtemp(prefix="wasm-closures-fuzz-"))
    crash_dir.mkdir(parents=True, exist_ok=True)
    print(f"fuzzing {', '.join(args.targets)} with --seed {seed}; findings go to {crash_dir}", flush=True)
    started = time.monotonic()
    try:
        totals = fuzz(args.targets, seconds, args.iterations, seed, crash_dir, args.corpus)
    except FuzzFinding as finding:
        print(f"FINDING: {finding}", file=sys.stderr)
        return 1
    elapsed = time.monotonic() - started
    for target, outcomes in totals.items():
        n = outcomes.pop("iterations")
        print(f"{target}: {n} inputs in {elapsed:.0f} s ({n / elapsed:.1f}/s overall)")
        for outcome, count in outcomes.most_common():
            print(f"  {count:6d}  {outcome}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
