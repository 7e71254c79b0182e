"""The ``bench`` command: ``wasm-closures bench [--quick] [--out DIR] [-k TEXT]``.

``add_arguments`` and ``run`` are what ``wasm_closures.cli`` plugs into its subcommand table;
the suite itself is imported only when the command runs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HELP = "measure encoding, prepare and call costs and print a table"


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The ``bench`` options, for a parser or a subcommand parser."""
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a short run (about 10 seconds) instead of the thorough one (1-2 minutes)",
    )
    parser.add_argument(
        "--out", metavar="DIR", type=Path, help="also write DIR/benchmarks.json and DIR/benchmarks.png"
    )
    parser.add_argument(
        "-k",
        "--filter",
        metavar="TEXT",
        action="append",
        default=[],
        help="run only the cases whose id contains TEXT (e.g. encode, prepare-pooled, call); repeatable",
    )
    parser.add_argument(
        "--rounds",
        metavar="N",
        type=_positive_int,
        help="exactly N single-call rounds per case, without warmup: a smoke test of the suite, not a measurement",
    )
    parser.add_argument("--list", action="store_true", help="list the case ids and exit")


def run(args: argparse.Namespace) -> int:
    """Run the ``bench`` command for parsed ``args``; returns the exit status."""
    from .cases import all_cases
    from .report import format_table, interleave_cpython, interleave_with_cfunctype, machine, write_outputs
    from .runner import DEFAULT, QUICK, Progress, run_cases

    cases = all_cases()
    if args.filter:
        cases = [c for c in cases if any(text in c.id for text in args.filter)]
    if args.list:
        for case in cases:
            note = f"  [unavailable: {case.unavailable}]" if case.unavailable else ""
            print(f"{case.id:32} {case.description}{note}")
        return 0
    if not cases:
        print(
            f"no benchmark case id contains {' or '.join(map(repr, args.filter))} (see --list)",
            file=sys.stderr,
        )
        return 2
    settings = QUICK if args.quick else DEFAULT
    if args.rounds is not None:
        settings = settings.with_rounds(args.rounds)
    results = run_cases(cases, settings, Progress(len(cases)))
    interleave_with_cfunctype(results, settings)
    interleave_cpython(results, settings)
    print(format_table(results, settings, machine()), end="")
    if args.out is not None:
        json_path, png_path, problem = write_outputs(args.out, results, settings)
        print(f"wrote {json_path}", file=sys.stderr)
        if png_path is not None:
            print(f"wrote {png_path}", file=sys.stderr)
        else:
            print(problem, file=sys.stderr)
    return 1 if any(r.error for r in results) else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m wasm_closures.benchmarks", description=HELP)
    add_arguments(parser)
    return run(parser.parse_args(argv))
