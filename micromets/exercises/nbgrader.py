"""An nbgrader source assignment from a case set, graded by the same engine as ``exercise grade``.

``exercise build SET -o course/source/week3 --nbgrader`` writes one notebook there. In it:

- a read-only setup cell holds the case set as a serialized literal (data, never code);
- each question has a solution cell (``answer = 2`` between nbgrader's solution markers,
  which ``nbgrader generate_assignment`` replaces by a stub for the learner) and a
  graded cell worth one point whose check is a hidden test, so learners cannot run
  the answer key before they hand in;
- the check grades with ``Asked.grade`` (``micromets.exercises.questions``), the method the class
  report uses, so nbgrader's total equals micromets' own count of right answers.

Learners answer with the number of a listed choice (or its code); the notebook never
shows a code a learner has to type.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from ..ground.datafiles import write_files
from ..pathway.engine import DISCLAIMER
from .cases import CaseSet, cases_from_data
from .notebooks import data_literal, markdown_text
from .questions import ask, notebook_words


def _literal(text: str) -> str:
    """``text`` as a double-quoted Python string literal for generated code (a JSON string is one)."""
    return json.dumps(text, ensure_ascii=False)


SCHEMA = 3  # nbgrader's cell-metadata schema version
NOTEBOOK = "exercise.ipynb"


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


class AnswerSheet:
    """The learner's answers inside an nbgrader notebook, graded by the micromets engine.

    >>> from micromets.exercises.cases import random_cases
    >>> sheet = AnswerSheet.from_data(random_cases(1, seed=3).to_dict())
    >>> sheet.record(0, "bone_agent", 1).given[(0, "bone_agent")]
    'yes'
    >>> sheet.check(0, "bone_agent")
    ✔ right
    """

    def __init__(self, cases: CaseSet):
        self.cases = cases
        self.given: dict[tuple[int, str], str | None] = {}

    @classmethod
    def from_data(cls, data: object) -> AnswerSheet:
        """The sheet for a case set carried as data (validated as any case file is)."""
        return cls(cases_from_data(data, "nbgrader notebook"))

    def _asked(self, case_index: int, kind: str):
        case = self.cases.cases[case_index]
        return ask(kind, case.patient, self.cases.rules)

    def record(self, case_index: int, kind: str, answer: object) -> AnswerSheet:
        """Keep an answer: a choice's number (1, 2, ...) or its value."""
        values = [choice.value for choice in self._asked(case_index, kind).choices]
        if isinstance(answer, int) and not isinstance(answer, bool) and 1 <= answer <= len(values):
            answer = values[answer - 1]
        self.given[(case_index, kind)] = answer if isinstance(answer, str) else None
        return self

    def check(self, case_index: int, kind: str) -> None:
        """Pass when the answer is the engine's; fail with the cited feedback otherwise (a hidden test)."""
        result = self._asked(case_index, kind).grade(self.given.get((case_index, kind)))
        if not result.correct:
            raise AssertionError(f"Not the pathway's answer. {result.feedback}")
        print("✔ right")


def hidden_check(index: int, kind: str, asked) -> str:
    """The hidden test of one question: it carries its own answer key and feedback (as data).

    It runs in the learner's kernel, so it is formative: code in an answer cell can change
    anything there. The grade to record is ``exercise grade``'s, which reads the answer
    cells without running them (``submitted.py``).

    >>> from micromets import Patient
    >>> print(hidden_check(0, "axilla", ask("axilla", Patient(1.0, "pos", "pos", "neg", "post", "bcs"))))
    ... # doctest: +ELLIPSIS
    # Formative: ...
    key = json.loads(
    ...
    assert sheet.given.get((0, 'axilla')) in key["accepted"], "Not the pathway's answer. " + key["feedback"]
    print("✔ right")
    """
    key = data_literal({"accepted": list(asked.accepted), "feedback": asked.feedback.line()})
    return (
        "# Formative: this check runs in your kernel. The grade your instructor records reads your answer\n"
        "# cells without running them (python -m micromets exercise grade SET submitted/).\n"
        f"key = {key}\n"
        f'assert sheet.given.get(({index}, {kind!r})) in key["accepted"], '
        f'{_literal(notebook_words("not_the_answer") + " ")} + key["feedback"]\n'
        f"print({_literal(notebook_words('right'))})"
    )


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
            f"# {markdown_text(cases.title)}\n\n> **{markdown_text(DISCLAIMER)}**\n\n" + notebook_words("nbgrader")
        ),
        new_code_cell(
            "import json\n\nfrom micromets.exercises.nbgrader import AnswerSheet\n\n"
            f"sheet = AnswerSheet.from_data({data_literal(cases.to_dict(embed=True))})",
            metadata=_meta("setup", locked=True),
        ),
    ]
    number = 0
    for index, case in enumerate(cases.cases):
        cells.append(new_markdown_cell(f"## {markdown_text(case.id)}\n\n{markdown_text(case.vignette)}"))
        for kind in case.ask:
            number += 1
            asked = ask(kind, case.patient, cases.rules)
            values = [choice.value for choice in asked.choices]
            right = values.index(asked.accepted[0]) + 1
            listed = "\n".join(f"{n}. {markdown_text(c.label)}" for n, c in enumerate(asked.choices, start=1))
            cells += [
                new_markdown_cell(
                    f"**{notebook_words('question', number=number, prompt=markdown_text(asked.prompt))}**\n\n{listed}",
                    metadata=_meta(f"question-{number:03d}", locked=True),
                ),
                new_code_cell(
                    f"### BEGIN SOLUTION\nanswer = {right}\n### END SOLUTION\nsheet.record({index}, {kind!r}, answer)",
                    metadata=_meta(f"answer-{number:03d}", solution=True),
                ),
                new_code_cell(
                    f"# {notebook_words('checked_when_graded', number=number)}\n"
                    f"### BEGIN HIDDEN TESTS\n{hidden_check(index, kind, asked)}\n### END HIDDEN TESTS",
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
    from .notebooks import check_buildable, student_notebook

    check_buildable(cases)
    nb = nbgrader_notebook(student if student is not None else student_notebook(cases), cases)
    (path,) = write_files(out_dir, {NOTEBOOK: nbformat.writes(nb)})
    return path
