"""The command line: ``python -m micromets recommend|rulesets|exercise ...``.

Bad input exits 2 with one line on stderr that names the flag (or file and key), and
never a traceback. Every output carries the educational-use disclaimer.
"""

from __future__ import annotations

import argparse
import json
import sys

from .engine import DISCLAIMER, recommend
from .errors import DataFileError, InputError
from .patient import INPUT_FIELDS, Patient
from .ruleset import load_ruleset, shipped_names


class UsageError(Exception):
    """A bad command line; the message is the one line shown on stderr."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse would print usage and a second line
        raise UsageError(message)


def _flag(field: str) -> str:
    return "--" + field.replace("_", "-")


def _parse_value(field: str, text: str):
    spec = INPUT_FIELDS[field]
    if spec.kind == "choice":
        return text
    try:
        number = float(text)
    except ValueError:
        raise InputError(field, f"got {text!r}; allowed: {spec.allowed()}") from None
    if spec.kind == "int":
        if not number.is_integer():
            raise InputError(field, f"got {text!r}; allowed: {spec.allowed()}")
        return int(number)
    return number


REQUIRED = ("deposit_mm", "er", "pr", "her2", "menopause", "surgery")


def _add_patient_flags(parser: argparse.ArgumentParser) -> None:
    required = set(REQUIRED)
    for name, spec in INPUT_FIELDS.items():
        metavar = "|".join(spec.choices) if spec.kind == "choice" else ("N" if spec.kind == "int" else "X")
        help_text = f"{spec.help or spec.label}; allowed: {spec.allowed()}"
        parser.add_argument(
            _flag(name),
            dest=name,
            metavar=metavar,
            required=name in required,
            help=help_text + (" (required)" if name in required else ""),
        )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every sub-command.

    >>> build_parser().parse_args(["rulesets"]).command
    'rulesets'
    """
    parser = _Parser(
        prog="python -m micromets",
        description="micromets: " + DISCLAIMER,
        epilog="Example: python -m micromets recommend --deposit-mm 1.2 --er pos --pr pos "
        "--her2 neg --menopause post --surgery bcs --json",
    )
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    rec = commands.add_parser(
        "recommend", help="recommend a plan for one patient", description="Recommend a plan. " + DISCLAIMER
    )
    _add_patient_flags(rec)
    rec.add_argument(
        "--ruleset",
        default="seed-2025",
        help=f"a shipped ruleset ({', '.join(shipped_names())}) or a ruleset .yaml file; default seed-2025",
    )
    rec.add_argument("--json", action="store_true", help="print the plan as JSON (the disclaimer goes to stderr)")
    commands.add_parser("rulesets", help="list the shipped rulesets with their titles")
    compare = commands.add_parser("compare", help="how two rulesets differ: as graphs and over a generated cohort")
    compare.add_argument("old", help="a shipped ruleset name or a ruleset .yaml file")
    compare.add_argument("new", help="a shipped ruleset name or a ruleset .yaml file")
    compare.add_argument("--n", type=int, default=100_000, help="generated patients (default 100000)")
    compare.add_argument("--seed", type=int, default=2025, help="cohort seed (default 2025)")
    chart = commands.add_parser(
        "flowchart",
        help="export a ruleset's flowchart (PNG or SVG), a patient's path lit",
        description="Export a flowchart. Give patient flags to light that patient's path.",
    )
    chart.add_argument("-o", "--out", required=True, help="the file to write: .png or .svg")
    chart.add_argument("--ruleset", default="seed-2025", help="a shipped ruleset or a ruleset .yaml file")
    chart.add_argument(
        "--view", default="whole", help="whole (default), route (the patient's route) or a stage number, e.g. 1"
    )
    for name in INPUT_FIELDS:
        chart.add_argument(_flag(name), dest=name, help=argparse.SUPPRESS)
    from .exercises.cli import add_exercise_commands  # the exercise tools register their own sub-commands

    add_exercise_commands(commands)
    return parser


def _patient_values(args) -> dict:
    """The patient fields given on the command line, parsed (absent flags left out)."""
    return {name: _parse_value(name, getattr(args, name)) for name in INPUT_FIELDS if getattr(args, name) is not None}


def _recommend(args) -> int:
    patient = Patient(**_patient_values(args))
    plan = recommend(patient, _load("--ruleset", args.ruleset))
    if args.json:
        print(DISCLAIMER, file=sys.stderr)
        print(json.dumps(plan.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(DISCLAIMER)
        print()
        print(plan.text())
    return 0


def _load(flag: str, name: str):
    try:
        return load_ruleset(name)
    except DataFileError as error:
        raise UsageError(f"{flag}: {error}") from None


def _compare(args) -> int:
    from .compare import cohort_diff, graph_diff

    if args.n < 1:
        raise InputError("n", f"got {args.n}; allowed: 1 or more")
    old, new = _load("old", args.old), _load("new", args.new)
    print(DISCLAIMER)
    print("\n".join(graph_diff(old, new).lines()))
    diff = cohort_diff(old, new, size=args.n, seed=args.seed)
    print(f"\n{diff.changed:,} of {diff.size:,} generated patients ({diff.changed / diff.size:.1%}) change plan:")
    for row in diff.table():
        print(f"{row['patients']:>8,}  {row['share']:>6}  {row['change']}")
    return 0


def _flowchart(args) -> int:
    from .flowchart import export_flowchart

    if not args.out.endswith((".png", ".svg")):
        raise UsageError(f"--out: got {args.out!r}; allowed: a file name ending in .png or .svg")
    rules = _load("--ruleset", args.ruleset)
    values = _patient_values(args)
    missing = [name for name in REQUIRED if name not in values]
    if values and missing:
        raise UsageError(f"{_flag(missing[0])}: required to light a patient's path")
    path = recommend(Patient(**values), rules).path if values else ()
    try:
        export_flowchart(rules, path, args.out, view=args.view)
    except ValueError as error:
        raise UsageError(f"--view: {error}") from None
    print(DISCLAIMER)
    print(f"wrote {args.out}" + (f" with the path {' -> '.join(path)}" if path else ""))
    return 0


def _rulesets(args) -> int:
    print(DISCLAIMER)
    for name in shipped_names():
        print(f"{name:<12} {load_ruleset(name).title}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit code (0 success, 2 bad input).

    >>> main(["rulesets"])  # doctest: +ELLIPSIS
    For education only...
    0
    """
    try:
        args = build_parser().parse_args(argv)
        if args.command == "recommend":
            return _recommend(args)
        if args.command == "rulesets":
            return _rulesets(args)
        if args.command == "compare":
            return _compare(args)
        if args.command == "flowchart":
            return _flowchart(args)
        return args.run(args)
    except UsageError as error:
        print(f"micromets: error: {error}", file=sys.stderr)
    except InputError as error:
        print(f"micromets: error: {_flag(error.field)}: {str(error).split(': ', 1)[1]}", file=sys.stderr)
    except DataFileError as error:
        print(f"micromets: error: {error}", file=sys.stderr)
    return 2
