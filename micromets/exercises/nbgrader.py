"""An nbgrader source assignment from a case set, graded by the same engine as ``exercise grade``.

``exercise build SET -o course/source/week3 --nbgrader`` writes one notebook there. In it:

- a read-only setup cell holds the case set as a serialized literal (data, never code);
- each question has a solution cell (``answer = 2`` between nbgrader's solution markers,
  which ``nbgrader generate_assignment`` replaces by a stub for the learner) and a
  graded cell worth one point whose check is a hidden test, so learners cannot run
  the answer key before they hand in;
- the check grades with ``micromets.exercises.questions.grade``, the function the class
  report uses, so nbgrader's total equals micromets' own count of right answers.

Learners answer with the number of a listed choice (or its code); the notebook never
shows a code a learner has to type.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from ..engine import DISCLAIMER, recommend
from .cases import CaseSet, cases_from_text
from .questions import QUESTION_KINDS, choices, correct_answers

SCHEMA = 3  # nbgrader's cell-metadata schema version
NOTEBOOK = "exercise.ipynb"


def case_set_json(cases: CaseSet) -> str:
    """A case set as JSON text (which ``cases_from_text`` reads back, checking it as any case file).

    >>> from micromets.exercises.cases import random_cases
    >>> json.loads(case_set_json(random_cases(1, seed=3)))["cases"][0]["id"]
    'case-01'
    """
    data = {"title": cases.title, "ruleset": cases.ruleset, "cases": [case.to_dict() for case in cases.cases]}
    return json.dumps(data, ensure_ascii=False)


def _meta(grade_id: str, *, grade: bool = False, solution: bool = False, locked: bool = False) -> dict:
    meta = {
        "grade": grade,
        "grade_id": grade_id,
        "locked": locked,
        "schema_version": SCHEMA,
        "solution": solution,
        "task": False,
    }
    if grade:
        meta["points"] = 1
    return {"nbgrader": meta}


def _markdown_text(text: str) -> str:
    """User text shown literally in Markdown: HTML escaped, Markdown punctuation backslashed."""
    import html

    escaped = html.escape(text, quote=False)
    return "".join("\\" + ch if ch in "\\`*_{}[]()#+-.!|<>~" else ch for ch in escaped)


class AnswerSheet:
    """The learner's answers inside an nbgrader notebook, graded by the micromets engine.

    >>> from micromets.exercises.cases import random_cases
    >>> sheet = AnswerSheet.from_json(case_set_json(random_cases(1, seed=3)))
    >>> sheet.record(0, "bone_agent", 2).given[(0, "bone_agent")]
    'no'
    >>> sheet.check(0, "bone_agent")
    ✔ right
    """

    def __init__(self, cases: CaseSet):
        self.cases = cases
        self.given: dict[tuple[int, str], str | None] = {}

    @classmethod
    def from_json(cls, text: str) -> AnswerSheet:
        """The sheet for a case set serialized as JSON (validated as any case file is)."""
        return cls(cases_from_text(text, "nbgrader notebook"))

    def record(self, case_index: int, kind: str, answer: object) -> AnswerSheet:
        """Keep an answer: a choice's number (1, 2, ...) or its code."""
        values = [value for _, value in choices(kind, self.cases.ruleset)]
        if isinstance(answer, int) and not isinstance(answer, bool) and 1 <= answer <= len(values):
            answer = values[answer - 1]
        self.given[(case_index, kind)] = answer if isinstance(answer, str) else None
        return self

    def check(self, case_index: int, kind: str) -> None:
        """Pass when the answer is the engine's; fail with the cited feedback otherwise (a hidden test)."""
        from .questions import grade

        case = self.cases.cases[case_index]
        result = grade(kind, self.given.get((case_index, kind)), case.patient, self.cases.ruleset)
        if not result.correct:
            raise AssertionError(f"Not the pathway's answer. {result.feedback}")
        print("✔ right")


def _choice_lines(kind: str, ruleset: str) -> str:
    return "\n".join(f"{n}. {_markdown_text(label)}" for n, (label, _) in enumerate(choices(kind, ruleset), start=1))


def nbgrader_notebook(student: nbformat.NotebookNode, cases: CaseSet) -> nbformat.NotebookNode:
    """The nbgrader source version of a built student notebook (its metadata kept, the quiz
    replaced by answer and graded cells, because the quiz's instant feedback would give a
    graded answer away).

    >>> from micromets.exercises.cases import random_cases
    >>> nb = nbgrader_notebook(new_notebook(), random_cases(1, seed=3))
    >>> sum(c.metadata.get("nbgrader", {}).get("points", 0) for c in nb.cells)
    5
    """
    cells = [
        new_markdown_cell(
            f"# {_markdown_text(cases.title)}\n\n> **{_markdown_text(DISCLAIMER)}**\n\n"
            "Run the first code cell. For each question, replace the two lines under *YOUR CODE HERE* with "
            "`answer = N`, where N is the number of your choice, and run the cell. Each question is worth one "
            "point; the checks run when your notebook is graded, and the feedback then quotes the plan step "
            "and the trial behind each answer."
        ),
        new_code_cell(
            "from micromets.exercises.nbgrader import AnswerSheet\n\n"
            f"sheet = AnswerSheet.from_json({case_set_json(cases)!r})",
            metadata=_meta("setup", locked=True),
        ),
    ]
    number = 0
    for index, case in enumerate(cases.cases):
        plan = recommend(case.patient, cases.ruleset)
        cells.append(new_markdown_cell(f"## {_markdown_text(case.id)}\n\n{_markdown_text(case.vignette)}"))
        for kind in case.ask:
            number += 1
            values = [value for _, value in choices(kind, cases.ruleset)]
            right = values.index(correct_answers(kind, plan)[0]) + 1
            cells += [
                new_markdown_cell(
                    f"**Question {number}. {_markdown_text(QUESTION_KINDS[kind])}**\n\n"
                    + _choice_lines(kind, cases.ruleset),
                    metadata=_meta(f"question-{number:03d}", locked=True),
                ),
                new_code_cell(
                    f"### BEGIN SOLUTION\nanswer = {right}\n### END SOLUTION\n"
                    f"sheet.record({index}, {json.dumps(kind)}, answer)",
                    metadata=_meta(f"answer-{number:03d}", solution=True),
                ),
                new_code_cell(
                    f"# Question {number} is checked when your notebook is graded.\n"
                    f"### BEGIN HIDDEN TESTS\nsheet.check({index}, {json.dumps(kind)})\n### END HIDDEN TESTS",
                    metadata=_meta(f"check-{number:03d}", grade=True, locked=True),
                ),
            ]
    nb = new_notebook(cells=cells, metadata=dict(student.metadata))
    for n, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{n:03d}"
    return nb


def build_nbgrader(cases: CaseSet, out_dir: str | Path, student: nbformat.NotebookNode | None = None) -> Path:
    """Write the nbgrader source notebook into ``out_dir`` (e.g. ``course/source/week3``).

    >>> import tempfile
    >>> from micromets.exercises.cases import random_cases
    >>> build_nbgrader(random_cases(2, seed=1), tempfile.mkdtemp()).name
    'exercise.ipynb'
    """
    from .notebooks import student_notebook

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    path = out / NOTEBOOK
    nb = nbgrader_notebook(student if student is not None else student_notebook(cases), cases)
    nbformat.write(nb, path)
    return path
