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
``differential``
    The same random sequence of a guest's closure syscalls, ``call_dynamic`` calls and memory
    writes, run on the native runtime core and on the pure-Python runtime: any difference in
    an errno, a trap, an exit code, a result, the memory, the table's size or the live
    closures is a finding. The guest's table holds host functions (``call_dynamic`` itself,
    ``closure_allocate``, ``proc_exit``, Python host functions, one raising) and callees that
    call ``proc_exit``, throw a wasm exception (called with and without a ``try_table``
    around), trap, grow the memory or the table, and call ``call_dynamic`` again.

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
TARGETS = ("loader", "syscalls", "interrupts", "differential")
BATCH = {"loader": 150, "syscalls": 60, "interrupts": 1, "differential": 20}  # iterations per child process
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


DIFF_PAGE = 65536
DIFF_TYPES = 1024  # type codes the guest's prepares read
DIFF_OUT = 1100  # where closure_allocate writes
# Table slots of the callees call_dynamic reaches (0 and 19 stay null).
(
    D_ADD,
    D_I64,
    D_MIXED,
    D_V128,
    D_EXITS,
    D_THROWS,
    D_TRAPS,
    D_GROW_MEMORY,
    D_GROW_TABLE,
    D_CALL_DYNAMIC,
    D_HOST_ADD,
    D_HOST_RAISE,
    D_ADD_ENV,
    D_ALLOCATE,
    D_NESTED,
    D_PROC_EXIT,
) = range(1, 17)
DIFF_TABLE = 20
DIFF_WAT = f"""
(module
  (import "wasix_32v1" "call_dynamic" (func $cd (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "wasix_32v1" "closure_allocate" (func $allocate (param i32) (result i32)))
  (import "wasix_32v1" "closure_prepare" (func $prepare (param i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (import "wasix_32v1" "closure_free" (func $free (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (import "host" "add" (func $host_add (param i32 i32) (result i32)))
  (import "host" "raise" (func $host_raise (param i32) (result i32)))
  (tag $boom (param i32))
  (memory (export "memory") 1 4)
  (table $t (export "__indirect_function_table") {DIFF_TABLE} funcref)
  (global (export "__stack_pointer") (mut i32) (i32.const {DIFF_PAGE}))
  (elem (i32.const {D_ADD}) $add $i64 $mixed $v128 $exits $throws $traps $grow_memory $grow_table
    $cd $host_add $host_raise $add_env $allocate $nested $proc_exit)
  (func $add (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func $i64 (param i64) (result i64) (i64.mul (local.get 0) (i64.const 3)))
  (func $mixed (param f64 f32 i32) (result f32 i64 f64)
    (f32.demote_f64 (local.get 0)) (i64.extend_i32_s (local.get 2)) (f64.promote_f32 (local.get 1)))
  (func $v128 (param v128) (result v128) (i32x4.add (local.get 0) (v128.const i32x4 1 2 3 4)))
  (func $exits (param i32) (result i32) (call $proc_exit (i32.and (local.get 0) (i32.const 63))) (unreachable))
  (func $throws (param i32) (result i32) (throw $boom (local.get 0)))
  (func $traps (unreachable))
  (func $grow_memory (param i32) (result i32) (memory.grow (i32.and (local.get 0) (i32.const 3))))
  (func $grow_table (param i32) (result i32) (table.grow $t (ref.null func) (i32.and (local.get 0) (i32.const 255))))
  (func $add_env (param $args i32) (param $res i32) (param $env i32)
    (i32.store (local.get $res)
      (i32.add (local.get $env) (i32.add (i32.load (local.get $args)) (i32.load offset=4 (local.get $args))))))
  ;; call_dynamic of the function in slot fp with one i32 argument, read back
  (func $nested (param $fp i32) (result i32)
    (i32.store (i32.const 1200) (local.get $fp))
    (drop (call $cd (local.get $fp) (i32.const 1200) (i32.const 4) (i32.const 1204) (i32.const 4) (i32.const 0)))
    (i32.load (i32.const 1204)))
  (func (export "_start"))
  (func (export "cd") (param i32 i32 i32 i32 i32 i32) (result i32)
    (call $cd (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4) (local.get 5)))
  ;; the same, with the thrown value + 1000000 for a $boom caught around it
  (func (export "cd_catch") (param i32 i32 i32 i32 i32 i32) (result i32)
    (block $caught (result i32)
      (try_table (catch $boom $caught)
        (return (call $cd (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4) (local.get 5))))
      (unreachable))
    (i32.const 1000000)
    (i32.add))
  (func (export "allocate") (param i32) (result i32) (call $allocate (local.get 0)))
  (func (export "prepare") (param i32 i32 i32 i32 i32 i32 i32) (result i32)
    (call $prepare (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4) (local.get 5) (local.get 6)))
  (func (export "free") (param i32) (result i32) (call $free (local.get 0)))
  (func (export "call_ii") (param i32 i32 i32) (result i32)
    (call_indirect (param i32 i32) (result i32) (local.get 1) (local.get 2) (local.get 0)))
)
"""


class DiffBoom(Exception):
    """What the guest's Python host function ``host.raise`` raises."""


def _diff_ops(rng: random.Random) -> list[tuple]:
    """A random sequence of the guest's syscalls and call_dynamic calls, and memory writes."""
    edges = [0, 4, 1000, DIFF_PAGE - 8, DIFF_PAGE - 4, DIFF_PAGE, 2 * DIFF_PAGE - 4, 2**31, 2**32 - 4]

    def pointer() -> int:
        return rng.choice(edges) if rng.random() < 0.25 else rng.randrange(256, 1000, 4)

    def length() -> int:
        return rng.choice((0, 4, 8, 12, 16, 20, 24, 2**32 - 1)) if rng.random() < 0.8 else rng.getrandbits(32)

    def slot() -> int:
        pick = rng.random()
        return rng.randrange(DIFF_TABLE) if pick < 0.85 else rng.choice((DIFF_TABLE, 100, 2**32 - 1, 120))

    ops: list[tuple] = []
    for _ in range(rng.randrange(1, 30)):
        kind = rng.choice(
            ("write", "write", "cd", "cd", "cd", "cd_catch", "allocate", "prepare", "free", "call_ii")
        )
        if kind == "write":
            ops.append(("write", rng.randrange(256, 1100), rng.randbytes(rng.randrange(1, 48))))
        elif kind in ("cd", "cd_catch"):
            ops.append((kind, slot(), pointer(), length(), pointer(), length(), rng.randrange(2)))
        elif kind == "allocate":
            ops.append((kind, rng.choice((DIFF_OUT, DIFF_OUT, pointer()))))
        elif kind == "prepare":
            codes = rng.choice((2, 2, 3))
            ops.append(("write", DIFF_TYPES, bytes(rng.choice((0, 0, 1, 2, 3, 4, 9)) for _ in range(4))))
            ops.append(
                (
                    kind,
                    rng.choice((D_ADD_ENV, D_ADD_ENV, slot())),
                    rng.choice((100, 101, 102, slot())),
                    DIFF_TYPES,
                    codes,
                    DIFF_TYPES + codes,
                    1,
                    rng.getrandbits(32),
                )
            )
        elif kind == "free":
            ops.append((kind, rng.choice((100, 101, 102, slot()))))
        else:
            ops.append((kind, rng.choice((100, 101, 102, slot())), rng.getrandbits(32), rng.getrandbits(32)))
    return ops


def _failure(exc: BaseException) -> tuple:
    """What both runtimes must agree on about a failure (backtraces differ: not compared)."""
    import wasmtime

    if isinstance(exc, wasmtime.ExitTrap):
        return ("exit", exc.code)
    if isinstance(exc, wasmtime.Trap):
        lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
        return ("trap", exc.trap_code, None if exc.trap_code is not None else lines[-1])
    if isinstance(exc, wasmtime.WasmtimeError):
        return ("error", [line.strip() for line in str(exc).splitlines() if line.strip()][-1])
    return ("exception", type(exc).__name__, str(exc))


def _run_diff(ops: list[tuple], backend: str, engine, module) -> list:
    import hashlib

    import wasmtime

    from wasm_closures import ClosureRuntime

    os.environ["WASM_CLOSURES_BACKEND"] = backend
    store = wasmtime.Store(engine)
    store.set_wasi(wasmtime.WasiConfig())
    linker = wasmtime.Linker(engine)
    linker.define_wasi()
    i32 = wasmtime.ValType.i32()

    def host_raise(value: int) -> int:
        raise DiffBoom(value)

    linker.define_func("host", "add", wasmtime.FuncType([i32, i32], [i32]), lambda a, b: a + b + 7)
    linker.define_func("host", "raise", wasmtime.FuncType([i32], [i32]), host_raise)
    runtime = ClosureRuntime(store)
    if runtime.backend != backend:
        raise AssertionError(f"asked for the {backend} runtime, got {runtime.backend}")
    runtime.define_wasix(linker)
    exports = linker.instantiate(store, module).exports(store)
    memory = exports["memory"]
    transcript: list = []
    for op in ops:
        if op[0] == "write":
            memory.write(store, op[2], op[1])
            continue
        try:
            transcript.append(
                (op[0], "ok", exports[op[0]](store, *(a - (1 << 32) if a >> 31 else a for a in op[1:])))
            )
        except Exception as exc:
            transcript.append((op[0], *_failure(exc)))
    data = memory.read(store, 0, memory.data_len(store))
    table = exports["__indirect_function_table"]
    transcript.append(
        ("end", hashlib.sha256(data).hexdigest(), len(data), table.size(store), runtime.stats.live)
    )
    return transcript


def _fuzz_differential(rng: random.Random, iterations: int, crash_file: Path) -> Counter:
    import wasmtime

    engine = wasmtime.Engine()
    module = wasmtime.Module(engine, DIFF_WAT)
    outcomes: Counter = Counter()
    saved = os.environ.get("WASM_CLOSURES_BACKEND")
    try:
        for _ in range(iterations):
            ops = _diff_ops(rng)
            crash_file.write_text(repr(ops))
            native = _run_diff(ops, "native", engine, module)
            python = _run_diff(ops, "python", engine, module)
            for step, (a, b) in enumerate(zip(native, python, strict=False)):
                if a != b:
                    raise AssertionError(
                        f"the runtimes differ at step {step}:\n  native {a}\n  python {b}\n  ops {ops!r}"
                    )
            for entry in native[:-1]:
                outcomes[f"{entry[0]}: {entry[1] if entry[1] != 'ok' else 'ok'}"] += 1
    finally:
        if saved is None:
            os.environ.pop("WASM_CLOSURES_BACKEND", None)
        else:
            os.environ["WASM_CLOSURES_BACKEND"] = saved
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
    elif args.target == "differential":
        outcomes = _fuzz_differential(rng, args.iterations, crash_file)
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
    took = dict.fromkeys(targets, 0.0)  # each target's last batch, in seconds
    deadline = None if seconds is None else time.monotonic() + seconds
    batch_seeds = random.Random(seed)
    spent = False
    while not spent:
        for target in targets:
            if iterations is not None and done[target] >= iterations:
                continue
            # Once every target ran, a batch that would end past the budget is not started.
            if deadline is not None and all(done.values()) and time.monotonic() + took[target] > deadline:
                spent = True
                break
            count = BATCH.get(target, 1)
            if iterations is not None:
                count = min(count, iterations - done[target])
            started = time.monotonic()
            totals[target] += run_batch(target, batch_seeds.getrandbits(32), count, crash_dir, corpus)
            took[target] = time.monotonic() - started
            done[target] += count
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
