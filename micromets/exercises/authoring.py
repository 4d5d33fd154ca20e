"""The authoring check: validate a case set without building it, one line per problem.

Checks that every case is valid (the file is read and refused whole as ``load_cases``
does: fields, kinds, ids), that every question can be asked about its patient under the
set's ruleset (the engine can answer it), and that no patient is given twice. Whether the
cases together reach every recommendation of the ruleset is a property of a bank, not of a
weekly set: it is checked only when asked (``coverage=True``, ``exercise check --coverage``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..ground.errors import DataFileError
from ..pathway.engine import recommend
from .cases import CaseSet, load_cases, unanswerable


@dataclass(frozen=True)
class CheckReport:
    """What the check found: problem lines (empty when the set is ready) and a summary line."""

    problems: tuple[str, ...]
    summary: str


def coverage_gaps(cases: CaseSet) -> list[str]:
    """The recommendation nodes of the set's ruleset that no case reaches, as lines.

    >>> from micromets.exercises.cases import shipped_bank
    >>> coverage_gaps(shipped_bank())
    []
    """
    rules = cases.rules
    visited = {n for case in cases.cases for n in recommend(case.patient, rules).path}
    return [
        f"coverage: no case reaches the recommendation “{node.label}” ({node_id})"
        for node_id, node in rules.nodes.items()
        if not node.is_question and node.step is not None and node_id not in visited
    ]


def duplicate_patients(cases: CaseSet) -> list[str]:
    """Cases that give the same patient as an earlier case, as lines."""
    first: dict[tuple, int] = {}
    lines = []
    for i, case in enumerate(cases.cases):
        key = tuple(sorted(case.patient.inputs().items(), key=str))
        if key in first:
            j = first[key]
            lines.append(f"cases[{i}] ({case.id}).patient: the same patient as cases[{j}] ({cases.cases[j].id})")
        else:
            first[key] = i
    return lines


def recommendations(cases: CaseSet) -> int:
    """How many recommendation steps the set's ruleset has (what a bank's coverage counts)."""
    return sum(1 for node in cases.rules.nodes.values() if not node.is_question and node.step is not None)


def check_cases(cases: CaseSet, coverage: bool = False) -> CheckReport:
    """Check a loaded set: answerable questions and duplicated patients; with ``coverage``,
    also that the cases reach every recommendation of the ruleset (for a bank).

    >>> from micromets.exercises.cases import random_cases, shipped_bank
    >>> check_cases(random_cases(6, seed=7)).problems  # a weekly set need not visit the whole pathway
    ()
    >>> check_cases(shipped_bank(), coverage=True).summary.endswith("recommendations reached")
    True
    """
    problems = [f"{key}: {problem}" for key, problem in unanswerable(cases)]
    problems += duplicate_patients(cases)
    gaps = coverage_gaps(cases) if coverage else []
    problems += gaps
    questions = sum(len(c.ask) for c in cases.cases)
    if problems:
        summary = f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in {len(cases.cases)} cases"
    else:
        summary = f"OK: {len(cases.cases)} cases, {questions} questions, each answerable under {cases.rules.id}"
        if coverage:
            summary += f"; every one of its {recommendations(cases)} recommendations reached"
    return CheckReport(tuple(problems), summary)


def check_set(path: str | Path, coverage: bool = False) -> CheckReport:
    """Check a case file; a file that cannot be loaded is one problem line (file and key).

    >>> check_set("no-such-file.yaml").problems
    ('cannot be read (No such file or directory)',)
    """
    try:
        cases = load_cases(path)
    except DataFileError as error:
        line = str(error).removeprefix(f"{error.source}: ")
        return CheckReport((line,), "1 problem: the file is refused whole")
    return check_cases(cases, coverage)
