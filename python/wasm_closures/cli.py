"""The ``wasm-closures`` command.

Each subcommand is one :class:`Subcommand` in :data:`SUBCOMMANDS`: a function that adds its
arguments to its parser and a function that runs it and returns the exit status. To add a
subcommand, write those two functions and add an entry to the table.

Exit status: 0 on success, 2 on a usage error or a bad value (a one-line message on stderr,
no traceback). ``run`` exits with the program's own code (``proc_exit`` or 0), 134 when the
program traps (as wasmtime's CLI: 128 + SIGABRT), which includes running out of ``--fuel``
and running past ``--timeout`` (each with its own one-line message), and 1 when WASI itself
fails (e.g. ``proc_exit`` with a code above 125).
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, BinaryIO, NamedTuple, NoReturn

import wasmtime

from ._runtime.choices import STRATEGIES
from ._runtime.facts import DEFAULT_MAX_CLOSURES
from ._version import package_version
from .errors import WasmClosuresError

# Each subcommand imports the modules it needs when it runs: starting `run` must not pay for
# the encoders, nor `encode` for the loader.
if TYPE_CHECKING:
    from .loader import Program

PROG = "wasm-closures"
EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_TRAP = 134  # as wasmtime's own CLI: 128 + SIGABRT
# Table slots beyond max_closures a program's table may hold (its own functions, generously).
TABLE_HEADROOM = 1 << 20
# The store limits of `run` besides the table's: wasmtime's default instance count, made explicit.
STORE_LIMITS = {"instances": 10_000, "tables": 10_000, "memories": 10_000}


class UsageError(Exception):
    """A bad command line or value: reported on one line, exit status 2."""


class Subcommand(NamedTuple):
    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's help formatter, finding the terminal's width without ``shutil``: argparse makes
    a formatter for every argument it adds, and importing ``shutil`` (which imports zlib, bz2
    and lzma) took about 2 ms of every start-up."""

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
        **kwargs: Any,
    ) -> None:
        if width is None:
            width = _terminal_columns() - 2  # as argparse subtracts from shutil's
        super().__init__(prog, indent_increment, max_help_position, width, **kwargs)


def _terminal_columns() -> int:
    """What ``shutil.get_terminal_size().columns`` answers: ``$COLUMNS`` if it is a positive
    integer, else the width of standard output's terminal, else 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors raise UsageError instead of printing usage and exiting."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


class _SubcommandParser(_Parser):
    """A subcommand's parser, which adds its arguments when it first parses: only the subcommand
    on the command line pays for building its arguments (argparse formats each one as it is
    added)."""

    def __init__(
        self, *args: Any, add_arguments: Callable[[argparse.ArgumentParser], None], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._add_arguments: Callable[[argparse.ArgumentParser], None] | None = add_arguments

    def parse_known_args(  # type: ignore[override]  # typeshed's overloads, one signature here
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        if self._add_arguments is not None:
            add_arguments, self._add_arguments = self._add_arguments, None
            add_arguments(self)
        return super().parse_known_args(args, namespace)


def u32_argument(text: str) -> int:
    """An integer in decimal or with a 0x/0o/0b prefix (the encoder checks the u32 range)."""
    try:
        return int(text, 0)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {text!r}") from None


# --- encode -----------------------------------------------------------------------------------


def _add_encode_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "signature",
        metavar="SIGNATURE",
        help="the closure's signature, e.g. '(i32, i64) -> f64' or '() -> ()'",
    )
    parser.add_argument(
        "--closure",
        type=u32_argument,
        required=True,
        metavar="N",
        help="table slot that __wasm_call_ctors fills with the trampoline",
    )
    parser.add_argument(
        "--backing",
        type=u32_argument,
        required=True,
        metavar="N",
        help="table index of the backing function (args, results, env) -> ()",
    )
    parser.add_argument(
        "--env",
        type=u32_argument,
        required=True,
        metavar="N",
        help="the environment pointer passed to the backing function",
    )
    parser.add_argument(
        "--name",
        default="__wasix_closure_0",
        help="name of the trampoline's export and GOT.func import (default: %(default)s)",
    )
    parser.add_argument(
        "--no-shared",
        action="store_true",
        help="import an unshared memory (min 1 page, no maximum) instead of "
        "the reference's shared one (1 to 65536 pages)",
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="write the module to FILE instead of standard output"
    )
    parser.add_argument(
        "--backend",
        choices=("rust", "python"),
        default=None,
        help="encoder backend (default: rust when built, else python)",
    )


def _run_encode(args: argparse.Namespace) -> int:
    from ._format.types import DEFAULT_MEMORY, MemoryImport, Signature
    from .encoder import encode_closure_module

    memory = MemoryImport.unshared() if args.no_shared else DEFAULT_MEMORY
    module = encode_closure_module(
        args.name,
        args.closure,
        args.backing,
        args.env,
        Signature.parse(args.signature),
        memory=memory,
        backend=args.backend,
    )
    if args.output is None:
        _write_stdout(module)
    else:
        with open(args.output, "wb") as out:
            out.write(module)
    return EXIT_OK


def _write_stdout(data: bytes) -> None:
    stdout: BinaryIO = sys.stdout.buffer
    if stdout.isatty():
        raise UsageError("refusing to write a binary module to a terminal: use -o FILE or a pipe")
    try:
        stdout.write(data)
        stdout.flush()
    except BrokenPipeError:
        # The reader went away (e.g. `| head`); keep Python from complaining at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), stdout.fileno())


# --- run --------------------------------------------------------------------------------------


def _add_run_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = (
        f"Exit status: the program's own (proc_exit, or 0 when _start returns); {EXIT_TRAP} when it "
        f"traps, runs out of --fuel or runs past --timeout; {EXIT_FAILURE} when WASI fails; "
        f"{EXIT_USAGE} on a bad command line or a program that cannot be loaded. Options go before PROGRAM."
    )
    parser.add_argument(
        "--strategy",
        choices=STRATEGIES,
        default="pooled",
        help="how closures get their trampolines (default: %(default)s)",
    )
    parser.add_argument(
        "--fuel",
        type=_fuel_argument,
        metavar="N",
        help=f"stop the program after about N wasm instructions, its start included (exit {EXIT_TRAP})",
    )
    parser.add_argument(
        "--timeout",
        type=_seconds_argument,
        metavar="SECONDS",
        help=f"stop the program after SECONDS of wall time, its start included (exit {EXIT_TRAP}); "
        "a program blocked in a host call (reading stdin) stops when it returns to wasm",
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="compile the program and its trampoline modules without reading or writing the disk "
        "caches (by default both are kept under $WASM_CLOSURES_CACHE_DIR, see the README)",
    )
    parser.add_argument(
        "--dir",
        dest="dirs",
        action="append",
        default=[],
        type=_dir_argument,
        metavar="HOST[::GUEST]",
        help="give the program the host directory HOST, at GUEST (default: the same path); repeatable",
    )
    parser.add_argument(
        "--env",
        dest="environ",
        action="append",
        default=[],
        type=_env_argument,
        metavar="NAME[=VALUE]",
        help="set the program's environment variable NAME to VALUE (NAME alone: this process's value); "
        "repeatable",
    )
    parser.add_argument(
        "--max-closures",
        type=_max_closures_argument,
        default=DEFAULT_MAX_CLOSURES,
        metavar="N",
        help="closures the program may have live at once; past it closure_allocate is NOMEM "
        "(default: %(default)s); a table may hold N + 2**20 slots",
    )
    parser.add_argument("program", metavar="PROGRAM.wasm", help="a static wasi or PIE program")
    parser.add_argument(
        "rest",
        nargs=argparse.REMAINDER,
        metavar="ARGS",
        help="the program's arguments; or --invoke NAME [VALUES...] to call "
        "an export and print its results, one a line",
    )


def _run_run(args: argparse.Namespace) -> int:
    from . import dylink
    from .epoch_timer import EpochTimer
    from .loader import LoadError, default_engine, load_program

    invoke = bool(args.rest) and args.rest[0] == "--invoke"
    if invoke and len(args.rest) < 2:
        raise UsageError("--invoke needs the name of an exported function")
    argv = [os.path.basename(args.program)] + ([] if invoke else args.rest)
    for value in argv:
        _check_utf8(value, "the program's file name" if value is argv[0] else "an argument")
    engine, timer = None, None
    if args.timeout is not None:
        # The timer needs the engine before the program starts: make the one load_program would.
        info = dylink.parse_module(args.program)
        engine = default_engine(info, consume_fuel=args.fuel is not None, epoch_interruption=True)
        # It keeps bumping the epoch once the time is up: the store is made after the program
        # compiles, and its deadline counts from the epoch then.
        timer = EpochTimer(engine, args.timeout)
        timer.start()
    try:
        program = load_program(
            args.program,
            argv=argv,
            environ=dict(args.environ),
            preopen_dirs=args.dirs,
            strategy=args.strategy,
            engine=engine,
            fuel=args.fuel,
            epoch_deadline=None if timer is None else 1,
            runtime_options={"max_closures": args.max_closures, "disk_cache": not args.no_cache},
            store_limits={**STORE_LIMITS, "table_elements": args.max_closures + TABLE_HEADROOM},
            cache=not args.no_cache,
            closures="if-imported",
        )
        return _invoke(program, args.rest[1], args.rest[2:]) if invoke else program.run_start()
    except wasmtime.ExitTrap as exit_:  # proc_exit from an invoked function or while starting
        return exit_.code
    except wasmtime.Trap as trap:
        return _report_trap(trap, args)
    except wasmtime.WasmtimeError as error:  # a host function failed while the program ran
        print(f"{PROG}: error: {_last_line(error)}", file=sys.stderr)
        return EXIT_FAILURE
    except LoadError as error:
        if isinstance(error.__cause__, wasmtime.Trap):
            return _report_trap(error.__cause__, args, " while starting")
        raise
    finally:
        if timer is not None:
            timer.stop()


def _check_utf8(value: str, what: str) -> None:
    """WASI passes arguments as UTF-8: refuse one that is not (it holds surrogateescape'd bytes)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise UsageError(f"{what} {value!r} is not valid UTF-8, which WASI arguments must be") from None


def _utf8_argument(text: str) -> None:
    """WASI passes paths and variables as UTF-8: refuse an option value that is not."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise argparse.ArgumentTypeError(f"{text!r} is not valid UTF-8, which WASI needs") from None


def _dir_argument(text: str) -> tuple[str, str]:
    """``HOST[::GUEST]``, as wasmtime's CLI spells it; HOST must be a directory."""
    _utf8_argument(text)
    host, _, guest = text.partition("::")
    if not os.path.isdir(host):
        raise argparse.ArgumentTypeError(f"{host!r} is not a directory")
    return host, guest or host


def _env_argument(text: str) -> tuple[str, str]:
    """``NAME=VALUE``, or ``NAME`` for this process's value (as wasmtime's CLI)."""
    _utf8_argument(text)
    name, equals, value = text.partition("=")
    if not name or "\0" in text:
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    if not equals:
        if name not in os.environ:
            raise argparse.ArgumentTypeError(f"{name} is not set in this environment (use NAME=VALUE)")
        value = os.environ[name]
    return name, value


def _fuel_argument(text: str) -> int:
    try:
        value = int(text, 0)
    except ValueError:
        value = 0
    if not 0 < value < 1 << 64:
        raise argparse.ArgumentTypeError(f"the fuel must be a positive integer below 2**64, got {text!r}")
    return value


def _max_closures_argument(text: str) -> int:
    try:
        value = int(text, 0)
    except ValueError:
        value = -1
    if not 0 <= value < 1 << 31:
        raise argparse.ArgumentTypeError(f"--max-closures must be an integer in 0..2**31-1, got {text!r}")
    return value


def _seconds_argument(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not 0 < value < math.inf:
        raise argparse.ArgumentTypeError(f"the timeout must be a positive number of seconds, got {text!r}")
    return value


def _invoke(program: Program, name: str, texts: Sequence[str]) -> int:
    """Call export ``name`` with the values ``texts`` and print its results, one a line."""
    params = program.func_type(name).params
    if len(texts) != len(params):
        raise UsageError(f"{name} takes {len(params)} value(s), got {len(texts)}")
    results = program.invoke(name, *(_parse_value(t, code) for t, code in zip(texts, params, strict=True)))
    for value in results if isinstance(results, tuple) else () if results is None else (results,):
        print(repr(value) if isinstance(value, float) else value)
    return EXIT_OK


def _report_trap(trap: wasmtime.Trap, args: argparse.Namespace, when: str = "") -> int:
    """Print what stopped the program on one line (the trap's cause, without the backtrace)."""
    if trap.trap_code == wasmtime.TrapCode.OUT_OF_FUEL:
        message = f"the program ran out of fuel{when} (--fuel {args.fuel})"
    elif trap.trap_code == wasmtime.TrapCode.INTERRUPT and args.timeout is not None:
        message = f"the program ran past its time limit{when} (--timeout {args.timeout:g} s)"
    else:
        message = f"the program trapped{when}: {_last_line(trap)}"
    print(f"{PROG}: {message}", file=sys.stderr)
    return EXIT_TRAP


def _last_line(error: BaseException) -> str:
    """The cause of a wasmtime error: its message's last line, after the wasm backtrace."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return lines[-1] if lines else type(error).__name__


def _parse_value(text: str, valtype: int) -> object:
    """A command-line value for a parameter of wasm type ``valtype`` (a dylink type code)."""
    from . import dylink

    try:
        return float(text) if valtype in (dylink.F32, dylink.F64) else int(text, 0)
    except ValueError:
        raise UsageError(f"{text!r} is not a valid {dylink.valtype_name(valtype)}") from None


# --- bench ------------------------------------------------------------------------------------


def _add_bench_arguments(parser: argparse.ArgumentParser) -> None:
    from .benchmarks import command

    command.add_arguments(parser)


def _run_bench(args: argparse.Namespace) -> int:
    from .benchmarks import command

    return command.run(args)


def _add_include_arguments(parser: argparse.ArgumentParser) -> None:
    """``include`` takes no arguments."""


def _run_include(args: argparse.Namespace) -> int:
    from .c_headers import include_dir

    print(include_dir())
    return EXIT_OK


# --- the table of subcommands ------------------------------------------------------------------

SUBCOMMANDS: dict[str, Subcommand] = {
    "encode": Subcommand(
        help="write the WASIX closure (trampoline) module for a signature",
        add_arguments=_add_encode_arguments,
        run=_run_encode,
    ),
    "run": Subcommand(
        help="run a program that uses closures (its _start, or --invoke an export)",
        add_arguments=_add_run_arguments,
        run=_run_run,
    ),
    "bench": Subcommand(
        help="measure encoding, prepare and call costs and print a table (see docs/benchmarks.md)",
        add_arguments=_add_bench_arguments,
        run=_run_bench,
    ),
    "include": Subcommand(
        help="print the directory of the C headers <wasix/closure.h> and <wasix/call_dynamic.h> (for -I)",
        add_arguments=_add_include_arguments,
        run=_run_include,
    ),
}


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description="Closures for WebAssembly programs run with wasmtime.")
    parser.add_argument("--version", action="version", version=f"{PROG} {package_version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_SubcommandParser)
    commands.required = True
    for name, sub in SUBCOMMANDS.items():
        sub_parser = commands.add_parser(
            name, help=sub.help, description=sub.help, add_arguments=sub.add_arguments
        )
        sub_parser.set_defaults(_run=sub.run)
    return parser


def _one_line(message: object) -> str:
    return " ".join(str(message).split())


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line ``argv`` (default: ``sys.argv[1:]``); return the exit status."""
    args_list: list[str] = list(sys.argv[1:] if argv is None else argv)
    try:
        args = build_parser().parse_args(args_list)
        return int(args._run(args))
    except SystemExit as exit_:  # --help, --version
        return exit_.code if isinstance(exit_.code, int) else EXIT_OK
    except (UsageError, WasmClosuresError, OSError) as error:
        print(f"{PROG}: error: {_one_line(error)}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
