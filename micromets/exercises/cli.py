"""The ``exercise`` sub-commands: build notebooks, generate random cases, grade answers."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

from ..engine import DISCLAIMER
from ..errors import DataFileError
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
    build.set_defaults(run=_build)
    rand = sub.add_parser("random", help="write a stratified random case file")
    rand.add_argument("--n", type=int, required=True, help="number of cases, 1 or more")
    rand.add_argument("--seed", type=int, required=True, help="seed: the same seed gives the same cases")
    rand.add_argument("--learner", default=None, help="a learner id for a per-learner variant of the set")
    rand.add_argument("--ruleset", default="trials-2024", choices=shipped_names(), help="default trials-2024")
    rand.add_argument("-o", "--out", required=True, help="the case file to write")
    rand.set_defaults(run=_random)
    grade = sub.add_parser("grade", help="grade collected answers (JSON or CSV from the quiz)")
    grade.add_argument("cases", help="the case file the answers belong to")
    grade.add_argument("answers", nargs="+", help="answer files (answers-NAME.json or .csv)")
    grade.add_argument("--json", action="store_true", help="print the grades as JSON")
    grade.set_defaults(run=_grade)


def _build(args) -> int:
    from .cases import load_cases
    from .notebooks import build

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


def read_answers(path: str) -> list[dict]:
    """Answer rows from a quiz export (JSON ``{"answers": [...]}`` or CSV with the same columns).

    >>> read_answers("missing.json")
    Traceback (most recent call last):
    micromets.errors.DataFileError: missing.json: cannot be read (No such file or directory)
    """
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as error:
        raise DataFileError(path, "", f"cannot be read ({error.strerror})") from None
    if file.suffix == ".csv":
        rows = list(csv.DictReader(text.splitlines()))
    else:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise DataFileError(path, f"line {error.lineno}", "not valid JSON") from None
        rows = data.get("answers") if isinstance(data, dict) else None
        if not isinstance(rows, list):
            raise DataFileError(path, "answers", "a list of answer rows")
    for i, row in enumerate(rows):
        for key in ("case", "question", "answer"):
            if not isinstance(row, dict) or key not in row:
                raise DataFileError(path, f"answers[{i}].{key}", "is required (learner, case, question, answer)")
    return rows


def _grade(args) -> int:
    from .cases import load_cases
    from .questions import grade

    cases = load_cases(args.cases)
    by_id = {c.id: c for c in cases.cases}
    results = []
    for path in args.answers:
        for i, row in enumerate(read_answers(path)):
            case = by_id.get(row["case"])
            if case is None:
                raise DataFileError(path, f"answers[{i}].case", f"unknown case {row['case']!r} for {args.cases}")
            if row["question"] not in case.ask:
                raise DataFileError(
                    path,
                    f"answers[{i}].question",
                    f"{row['question']!r} is not asked in case {case.id}; asked: {', '.join(case.ask)}",
                )
            answer = row["answer"] if row["answer"] not in ("", None) else None
            result = grade(row["question"], answer, case.patient, cases.ruleset)
            results.append({"learner": row.get("learner") or Path(path).stem, "case": case.id, **result.to_dict()})
    if args.json:
        print(DISCLAIMER, file=sys.stderr)
        print(json.dumps(results, indent=2, ensure_ascii=False))
        return 0
    print(DISCLAIMER)
    learners = dict.fromkeys(r["learner"] for r in results)
    for learner in learners:
        mine = [r for r in results if r["learner"] == learner]
        print(f"\n{learner}: {sum(r['correct'] for r in mine)} / {len(mine)} correct")
        for r in mine:
            mark = "✔" if r["correct"] else "✘"
            print(
                f"  {mark} {r['case']} {r['question']}: {r['answer']}"
                + ("" if r["correct"] else f" (accepted: {' or '.join(r['accepted'])})")
            )
            if not r["correct"]:
                print(f"      {r['feedback']}")
    return 0
