"""The ``exercise`` sub-commands: build notebooks, generate random cases, check a set, grade answers."""

from __future__ import annotations

import argparse
import sys

from ..ground.datafiles import escaped_name, prepare_output, printable, shown, terminal_json, unshowable, write_files
from ..ground.errors import DataFileError
from ..pathway.engine import DISCLAIMER
from ..pathway.ruleset import shipped_names


def _case_count(text: str) -> int:
    from .cases import MAX_CASES

    try:
        count = int(text)
    except ValueError:
        count = None
    if count is None or not 1 <= count <= MAX_CASES:
        raise argparse.ArgumentTypeError(f"got {text!r}; allowed: a whole number of cases from 1 to {MAX_CASES}")
    return count


def _kinds(text: str) -> tuple[str, ...]:
    from .questions import QUESTION_REGISTRY

    kinds = tuple(k.strip() for k in text.split(",") if k.strip())
    unknown = [k for k in kinds if k not in QUESTION_REGISTRY]
    if unknown or not kinds:
        shown = printable(unknown[0]) if unknown else text
        raise argparse.ArgumentTypeError(
            f"got {shown!r}; allowed: a comma-separated list from {', '.join(QUESTION_REGISTRY)}"
        )
    return kinds


def _learner(text: str) -> str:
    """A learner id as ``--learner`` takes it: one line of text that can be shown and saved."""
    bad = unshowable(text, one_line=True)
    if bad is not None or not text.strip():
        found = "no name" if bad is None else f"the control character {bad}"
        if bad is not None and bad.startswith("\\ud"):  # a lone surrogate: a byte that was not UTF-8
            found = "a byte that is not UTF-8 text"
        raise argparse.ArgumentTypeError(
            f"got {shown(text)}, which holds {found}; a learner id is one line of printable text"
        )
    return text


def add_exercise_commands(commands) -> None:
    """Register ``exercise build|random|check|grade`` on the CLI's sub-command group.

    >>> from micromets.cli import build_parser
    >>> build_parser().parse_args(["exercise", "random", "--n", "2", "--seed", "1", "-o", "x.yaml"]).n
    2
    """
    from .cases import DEFAULT_RULESET, MAX_CASES
    from .questions import QUESTION_KINDS, QUESTION_REGISTRY

    exercise = commands.add_parser("exercise", help="build, generate, check and grade exercises")
    sub = exercise.add_subparsers(dest="exercise_command", required=True, parser_class=type(exercise))
    build = sub.add_parser("build", help="write student.ipynb and solution.ipynb for a case file")
    build.add_argument("cases", help="a case file (YAML)")
    build.add_argument("-o", "--out", required=True, help="folder for the two notebooks (new or empty)")
    build.add_argument("--force", action="store_true", help="write into a folder that is not empty")
    build.add_argument(
        "--nbgrader", action="store_true", help="write an nbgrader source notebook instead (in course/source/NAME/)"
    )
    build.set_defaults(run=_build)
    rand = sub.add_parser("random", help="write a stratified random case file")
    rand.add_argument("--n", type=_case_count, required=True, help=f"number of cases, 1 to {MAX_CASES}")
    rand.add_argument("--seed", type=int, required=True, help="seed: the same seed gives the same cases")
    rand.add_argument(
        "--learner", type=_learner, default=None, help="a learner id for a per-learner variant of the set"
    )
    rand.add_argument("--ruleset", default=DEFAULT_RULESET, choices=shipped_names(), help=f"default {DEFAULT_RULESET}")
    rand.add_argument(
        "--kinds",
        type=_kinds,
        default=tuple(QUESTION_KINDS),
        help=(
            f"questions to ask, comma-separated from: {', '.join(QUESTION_REGISTRY)} "
            f"(default: {', '.join(QUESTION_KINDS)})"
        ),
    )
    rand.add_argument("-o", "--out", required=True, help="the case file to write (a new file)")
    rand.add_argument("--force", action="store_true", help="replace an existing file")
    rand.set_defaults(run=_random)
    check = sub.add_parser(
        "check", help="validate a case file without building (fields, kinds, ids, answerable): one line per problem"
    )
    check.add_argument("cases", help="a case file (YAML)")
    check.add_argument(
        "--coverage",
        action="store_true",
        help="also require that the cases reach every recommendation of the ruleset (for a bank, not a weekly set)",
    )
    check.set_defaults(run=_check)
    grade = sub.add_parser("grade", help="grade collected answers (JSON or CSV from the quiz)")
    grade.add_argument("cases", help="the case file the answers belong to")
    grade.add_argument(
        "answers",
        nargs="+",
        help="answer files (answers-NAME.json or .csv), submitted notebooks (.ipynb: read, never run) or an "
        "nbgrader submitted/ folder",
    )
    grade.add_argument("--json", action="store_true", help="print the grades as JSON")
    grade.add_argument("--report", metavar="FOLDER", help="write report.html, grades.csv, answers.csv, grades.json")
    grade.add_argument("--force", action="store_true", help="write the report into a folder that is not empty")
    grade.set_defaults(run=_grade)


def _build(args) -> int:
    from .cases import load_cases
    from .notebooks import build, check_buildable

    cases = load_cases(args.cases)
    check_buildable(cases)  # every question answerable before any folder is made
    out = prepare_output(args.out, force=args.force, folder=True)
    if args.nbgrader:
        from .nbgrader import build_nbgrader

        path = build_nbgrader(cases, out)
        print(DISCLAIMER)
        print(f"wrote {printable(path)} (nbgrader source: `nbgrader generate_assignment {printable(out.name)}`)")
        return 0
    student, solution = build(cases, out)
    print(DISCLAIMER)
    print(f"wrote {printable(student)} (hand out) and {printable(solution)} (keep)")
    return 0


def _random(args) -> int:
    from .cases import random_cases

    out = prepare_output(args.out, force=args.force)
    cases = random_cases(args.n, args.seed, args.learner, args.ruleset, args.kinds)
    write_files(None, {str(out): f"# {DISCLAIMER}\n" + cases.to_yaml()})
    print(DISCLAIMER)
    print(f"wrote {printable(out)}: {args.n} cases (seed {args.seed})")
    return 0


def _check(args) -> int:
    from .authoring import check_set

    report = check_set(args.cases, coverage=args.coverage)
    for line in report.problems:
        print(f"{printable(args.cases)}: {line}")
    print(report.summary, file=sys.stderr if report.problems else sys.stdout)
    return 2 if report.problems else 0


def _writable_name(name: str, flag: str) -> str:
    """A file name a report can carry: refused up front (exit 2) when it is not UTF-8 text."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        raise DataFileError(
            escaped_name(name), "", f"the {flag} name is not UTF-8 text (a byte that no report can show); rename it"
        ) from None
    return name


MAX_ANSWERS_GRADED = 250_000  # learner files x questions in one run: 100 learners x 2,500, 500 x 500


def _grade(args) -> int:
    from .cases import load_cases
    from .grading import grade_class, learner_name, read_answer_file
    from .report import class_summary, grades_json, summary_text, write_report
    from .submitted import answer_paths

    # Everything a report will carry is checked before anything is read or written.
    for name, flag in [(args.cases, "case file"), *((a, "answer file") for a in args.answers)]:
        _writable_name(name, flag)
    if args.report:
        _writable_name(args.report, "--report folder")
    paths = answer_paths(args.answers)
    for path, learner in paths:
        _writable_name(path, "answer file")
        learner_name(path, learner)
    cases = load_cases(args.cases)
    asked = sum(len(case.ask) for case in cases.cases)
    if len(paths) * asked > MAX_ANSWERS_GRADED:
        raise DataFileError(
            escaped_name(args.cases),
            "",
            f"{len(paths):,} answer files × {asked:,} questions make {len(paths) * asked:,} answers; at most "
            f"{MAX_ANSWERS_GRADED:,} are graded at once: grade the class in groups",
        )
    out = prepare_output(args.report, force=args.force, folder=True) if args.report else None
    book = grade_class(cases, [read_answer_file(path, cases, learner) for path, learner in paths])
    summary = class_summary(book)
    if args.json:
        print(DISCLAIMER, file=sys.stderr)
        print(terminal_json(grades_json(summary)))
        return 0
    print(DISCLAIMER)
    print(summary_text(summary))
    if out is None:
        print("For the full report (HTML, CSV for a gradebook): add --report FOLDER")
        return 0
    command = " ".join(["python -m micromets exercise grade", args.cases, *args.answers, "--report", args.report])
    written = write_report(summary, out, command)
    print("Wrote " + ", ".join(escaped_name(p) for p in written))
    return 0
