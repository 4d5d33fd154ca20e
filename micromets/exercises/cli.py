"""The ``exercise`` sub-commands: build notebooks, generate random cases, grade answers."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ..engine import DISCLAIMER
from ..ruleset import shipped_names


def add_exercise_commands(commands) -> None:
    """Register ``exercise build|random|grade`` on the CLI's sub-command group.

    >>> from micromets.cli import build_parser
    >>> build_parser().parse_args(["exercise", "random", "--n", "2", "--seed", "1", "-o", "x.yaml"]).n
    2
    """
    exercise = commands.add_parser("exercise", help="build, generate and grade exercises")
    sub = exercise.add_subparsers(dest="exercise_command", required=True, parser_class=type(exercise))
    build = sub.add_parser("build", help="write student.ipynb and solution.ipynb for a case file")
    build.add_argument("cases", help="a case file (YAML)")
    build.add_argument("-o", "--out", required=True, help="folder for the two notebooks")
    build.add_argument(
        "--nbgrader", action="store_true", help="write an nbgrader source notebook instead (in course/source/NAME/)"
    )
    build.set_defaults(run=_build)
    rand = sub.add_parser("random", help="write a stratified random case file")
    rand.add_argument("--n", type=int, required=True, help="number of cases, 1 or more")
    rand.add_argument("--seed", type=int, required=True, help="seed: the same seed gives the same cases")
    rand.add_argument("--learner", default=None, help="a learner id for a per-learner variant of the set")
    rand.add_argument("--ruleset", default="seed-2025", choices=shipped_names(), help="default seed-2025")
    rand.add_argument("-o", "--out", required=True, help="the case file to write")
    rand.set_defaults(run=_random)
    grade = sub.add_parser("grade", help="grade collected answers (JSON or CSV from the quiz)")
    grade.add_argument("cases", help="the case file the answers belong to")
    grade.add_argument("answers", nargs="+", help="answer files (answers-NAME.json or .csv)")
    grade.add_argument("--json", action="store_true", help="print the grades as JSON")
    grade.add_argument("--report", metavar="FOLDER", help="write report.html, grades.csv, answers.csv, grades.json")
    grade.add_argument("--force", action="store_true", help="write the report into a folder that is not empty")
    grade.set_defaults(run=_grade)


def _build(args) -> int:
    from .cases import load_cases
    from .notebooks import build

    if args.nbgrader:
        from .nbgrader import build_nbgrader

        path = build_nbgrader(load_cases(args.cases), args.out)
        print(DISCLAIMER)
        print(f"wrote {path} (nbgrader source: run `nbgrader generate_assignment {Path(args.out).name}` in the course)")
        return 0

    student, solution = build(load_cases(args.cases), args.out)
    print(DISCLAIMER)
    print(f"wrote {student} (hand out) and {solution} (keep)")
    return 0


def _random(args) -> int:
    from .cases import random_cases

    cases = random_cases(args.n, args.seed, args.learner, args.ruleset)
    Path(args.out).write_text(f"# {DISCLAIMER}\n" + cases.to_yaml(), encoding="utf-8")
    print(DISCLAIMER)
    print(f"wrote {args.out}: {args.n} cases (seed {args.seed})")
    return 0


def _grade(args) -> int:
    from ..datafiles import prepare_output
    from .cases import load_cases
    from .grading import grade_class, read_answer_file
    from .report import class_summary, grades_json, summary_text, write_report

    cases = load_cases(args.cases)
    out = prepare_output(args.report, force=args.force, folder=True) if args.report else None
    book = grade_class(cases, [read_answer_file(path) for path in args.answers])
    summary = class_summary(book)
    if args.json:
        print(DISCLAIMER, file=sys.stderr)
        print(json.dumps(grades_json(summary), indent=2, ensure_ascii=False))
        return 0
    print(DISCLAIMER)
    print(summary_text(summary))
    if out is None:
        print("For the full report (HTML, CSV for a gradebook): add --report FOLDER")
        return 0
    command = " ".join(["python -m micromets exercise grade", args.cases, *args.answers, "--report", args.report])
    written = write_report(summary, out, command)
    print("Wrote " + ", ".join(str(p) for p in written))
    return 0
