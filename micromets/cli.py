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


def _add_patient_flags(parser: argparse.ArgumentParser) -> None:
    required = {"deposit_mm", "er", "pr", "her2", "menopause", "surgery"}
    for name, spec in INPUT_FIELDS.items():
        metavar = "|".join(spec.choices) if spec.kind == "choice" else ("N" if spec.kind == "int" else "X")
        help_text = f"{spec.help or spec.label}; allowed: {spec.allowed()}"
        parser.add_argument(_flag(name), dest=name, metavar=metavar, required=name in required,
                            help=help_text + (" (required)" if name in required else ""))


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every sub-command.

    >>> build_parser().parse_args(["rulesets"]).command
    'rulesets'
    """
    parser = _Parser(prog="python -m micromets", description="micromets: " + DISCLAIMER,
                     epilog="Example: python -m micromets recommend --deposit-mm 1.2 --er pos --pr pos "
                            "--her2 neg --menopause post --surgery bcs --json")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    rec = commands.add_parser("recommend", help="recommend a plan for one patient",
                              description="Recommend a plan. " + DISCLAIMER)
    _add_patient_flags(rec)
    rec.add_argument("--ruleset", default="seed-2025",
                     help=f"a shipped ruleset ({', '.join(shipped_names())}) or a ruleset .yaml file; default seed-2025")
    rec.add_argument("--json", action="store_true", help="print the plan as JSON (the disclaimer goes to stderr)")
    commands.add_parser("rulesets", help="list the shipped rulesets with their titles")
    from .exercises.cli import add_exercise_commands  # the exercise tools register their own sub-commands

    add_exercise_commands(commands)
    return parser


def _recommend(args) -> int:
    values = {}
    for name in INPUT_FIELDS:
        raw = getattr(args, name)
        if raw is not None:
            values[name] = _parse_value(name, raw)
    patient = Patient(**values)
    try:
        rules = load_ruleset(args.ruleset)
    except DataFileError as error:
        raise UsageError(f"--ruleset: {error}") from None
    plan = recommend(patient, rules)
    if args.json:
        print(DISCLAIMER, file=sys.stderr)
        print(json.dumps(plan.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(DISCLAIMER)
        print()
        print(plan.text())
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
        return args.run(args)
    except UsageError as error:
        print(f"micromets: error: {error}", file=sys.stderr)
    except InputError as error:
        print(f"micromets: error: {_flag(error.field)}: {str(error).split(': ', 1)[1]}", file=sys.stderr)
    except DataFileError as error:
        print(f"micromets: error: {error}", file=sys.stderr)
    return 2
