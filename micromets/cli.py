"""The command line: ``python -m micromets recommend|rulesets|exercise ...``.

Bad input exits 2 with one line on stderr that names the flag (or file and key), and
never a traceback; an existing output file is replaced only with ``--force``. Text
from files and arguments is shown with control characters escaped, so a hostile
ruleset cannot drive the terminal. Every output carries the educational-use disclaimer.
"""

from __future__ import annotations

import argparse
import sys

from .ground.datafiles import atomic_path, cut, prepare_output, printable, shown, terminal_json
from .ground.errors import DataFileError, InputError
from .pathway.engine import DISCLAIMER, recommend
from .pathway.patient import INPUT_FIELDS, Patient
from .pathway.plan_model import plan_model
from .pathway.ruleset import load_ruleset, shipped_names


class UsageError(Exception):
    """A bad command line; the message is the one line shown on stderr."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse would print usage and a second line
        raise UsageError(message)


def _whole_number(low: int, high: int):
    """An argparse type: a whole number from ``low`` to ``high`` (a short message otherwise)."""

    def parse(text: str) -> int:
        try:
            value = int(text) if len(text) <= 20 else None
        except ValueError:
            value = None
        if value is None or not low <= value <= high:
            raise argparse.ArgumentTypeError(f"got {shown(text)}; allowed: a whole number from {low:,} to {high:,}")
        return value

    parse.__name__ = "whole number"
    return parse


MAX_COHORT = 1_000_000  # a larger cohort would take minutes; 100,000 already shows every changed path


def _flag(field: str) -> str:
    return "--" + field.replace("_", "-")


def _parse_value(field: str, text: object):
    spec = INPUT_FIELDS[field]
    if not isinstance(text, str):  # argparse hands over a list for "--age=--"
        raise InputError(field, f"needs a value; allowed: {spec.allowed()}")
    if spec.kind == "choice":
        return text
    try:
        number = float(text)
    except ValueError:
        raise InputError(field, f"got {shown(text)}; allowed: {spec.allowed()}") from None
    if spec.kind == "int":
        if not number.is_integer():
            raise InputError(field, f"got {shown(text)}; allowed: {spec.allowed()}")
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
        default="trials-2024",
        help=f"a shipped ruleset ({', '.join(shipped_names())}) or a ruleset .yaml file; default trials-2024"
        " (the corrected pathway; seed-2025 is the source article as written)",
    )
    rec.add_argument("--json", action="store_true", help="print the plan as JSON (the disclaimer goes to stderr)")
    commands.add_parser("rulesets", help="list the shipped rulesets with their titles")
    compare = commands.add_parser("compare", help="how two rulesets differ: as graphs and over a generated cohort")
    compare.add_argument("old", help="a shipped ruleset name or a ruleset .yaml file")
    compare.add_argument("new", help="a shipped ruleset name or a ruleset .yaml file")
    compare.add_argument(
        "--n",
        type=_whole_number(1, MAX_COHORT),
        default=100_000,
        help=f"generated patients, 1 to {MAX_COHORT:,} (default 100000)",
    )
    compare.add_argument("--seed", type=_whole_number(0, 2**32 - 1), default=2025, help="cohort seed (default 2025)")
    chart = commands.add_parser(
        "flowchart",
        help="export a ruleset's flowchart as SVG, a patient's path lit",
        description="Export a flowchart. Give patient flags to light that patient's path.",
    )
    chart.add_argument("-o", "--out", required=True, help="the file to write: a name ending in .svg")
    chart.add_argument("--force", action="store_true", help="replace the output file if it exists")
    chart.add_argument("--ruleset", default="trials-2024", help="a shipped ruleset or a ruleset .yaml file")
    chart.add_argument(
        "--view", default="whole", help="whole (default), route (the patient's route) or a stage number, e.g. 1"
    )
    for name in INPUT_FIELDS:
        chart.add_argument(_flag(name), dest=name, help=argparse.SUPPRESS)
    from .exercises.cli import add_exercise_commands  # the exercise tools register their own sub-commands

    add_exercise_commands(commands)
    from .links import add_links_command

    add_links_command(commands)
    from .audit import add_evidence_command

    add_evidence_command(commands)
    from .site.build import add_site_command

    add_site_command(commands)
    return parser


def _patient_values(args) -> dict:
    """The patient fields given on the command line, parsed (absent flags left out)."""
    return {name: _parse_value(name, getattr(args, name)) for name in INPUT_FIELDS if getattr(args, name) is not None}


def _recommend(args) -> int:
    patient = Patient(**_patient_values(args))
    plan = recommend(patient, _load("--ruleset", args.ruleset))
    if args.json:
        print(DISCLAIMER, file=sys.stderr)
        print(terminal_json(plan.to_dict()))
    else:
        print(DISCLAIMER)
        print()
        print(printable(plan.text()))
    return 0


def _load(flag: str, name: str):
    try:
        return load_ruleset(name)
    except DataFileError as error:
        raise UsageError(f"{flag}: {error}") from None


def _compare(args) -> int:
    from .ground.words.compare import shipped_compare_words
    from .views.compare import cohort_diff, graph_diff

    old, new = _load("old", args.old), _load("new", args.new)
    print(DISCLAIMER)
    print(printable("\n".join(graph_diff(old, new).lines())))
    diff = cohort_diff(old, new, size=args.n, seed=args.seed)
    said = shipped_compare_words().say(
        "cohort_cli", changed=f"{diff.changed:,}", size=f"{diff.size:,}", share=f"{diff.changed / diff.size:.1%}"
    )
    print(f"\n{said}")
    for row in diff.table():
        print(printable(f"{row['patients']:>8,}  {row['share']:>6}  {row['change']}"))
    return 0


def _flowchart(args) -> int:
    from .views.flowchart import export_flowchart
    from .views.flowchart.layout import LayoutTooBig

    if not args.out.lower().endswith(".svg"):
        raise UsageError(
            f"--out: got {shown(args.out)}; allowed: a file name ending in .svg (slide programs and browsers open SVG)"
        )
    try:
        out = prepare_output(args.out, force=args.force)
    except DataFileError as error:
        raise UsageError(f"--out: {error}") from None
    rules = _load("--ruleset", args.ruleset)
    values = _patient_values(args)
    missing = [name for name in REQUIRED if name not in values]
    if values and missing:
        raise UsageError(f"{_flag(missing[0])}: required to light a patient's path")
    plan = recommend(Patient(**values), rules) if values else None
    path = plan.path if plan else ()
    try:
        with atomic_path(out) as partial:  # a failed drawing leaves the earlier file as it was
            export_flowchart(rules, path, str(partial), view=args.view)
    except DataFileError:
        raise
    except LayoutTooBig as error:
        raise UsageError(f"--ruleset: {printable(args.ruleset)}: {error}") from None
    except ValueError as error:
        raise UsageError(f"--view: {error}") from None
    print(DISCLAIMER)
    print(printable(f"wrote {out}" + (f" with the route: {plan_model(plan).route_text()}" if plan else "")))
    return 0


def _rulesets(args) -> int:
    print(DISCLAIMER)
    for name in shipped_names():
        print(printable(f"{name:<12} {load_ruleset(name).title}"))
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit code (0 success, 2 bad input).

    Any refusal is one line on stderr. An unexpected failure (a bug) is one line too,
    with exit code 70, so that it is noticed without a traceback.

    >>> main(["rulesets"])  # doctest: +ELLIPSIS
    For education only...
    0
    """
    try:
        return _run(argv)
    except BrokenPipeError:  # the reader (`| head`) closed the pipe: stop quietly (__main__ silences stdout)
        raise
    except UsageError as error:
        _fail(str(error))
    except InputError as error:
        _fail(f"{_flag(error.field)}: {str(error).split(': ', 1)[1]}")
    except DataFileError as error:
        _fail(str(error))
    except OSError as error:  # writing the output failed (disk full, permission denied)
        where = f"{error.filename}: " if error.filename else ""
        _fail(f"{where}{error.strerror or error}")
    except RecursionError:
        _fail("the input is nested too deeply")
    except KeyboardInterrupt:
        raise
    except Exception as error:  # a bug: say so in one line; tests treat exit 70 as a failure
        _fail(f"internal error ({type(error).__name__}); please report the command you ran")
        return 70
    return 2


ERROR_LINE_MAX = 400  # characters: one readable line, however long a value a file or flag carried


def _fail(message: str) -> None:
    print(cut(f"micromets: error: {printable(message)}".replace("\n", " "), ERROR_LINE_MAX), file=sys.stderr)


def _run(argv: list[str] | None) -> int:
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
