"""Build the student and solution notebooks for a case set.

The student notebook carries the cases (vignettes, patient fields, questions) and no
answer in any form: its quiz runs the engine in the learner's kernel. The solution
notebook computes every answer with the same engine and shows its explanation and path.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from ..engine import DISCLAIMER, recommend
from ..evidence import registry
from ..render import option_words, words
from .cases import Case, CaseSet
from .questions import QUESTION_KINDS, correct_answers, feedback

KERNEL = {
    "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
    "language_info": {"name": "python"},
}


def _clean(nb) -> nbformat.NotebookNode:
    # Stable cell ids keep the generated files diff-friendly.
    for number, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{number:03d}"
    nb.metadata.update(KERNEL)
    return nb


def student_notebook(cases: CaseSet) -> nbformat.NotebookNode:
    """The learner's notebook: instructions, the cases inline, and the quiz. No answers.

    >>> from micromets.exercises.cases import shipped_bank
    >>> [c.cell_type for c in student_notebook(shipped_bank()).cells]
    ['markdown', 'code']
    """
    text = cases.to_yaml().replace('"""', "'''")
    return _clean(
        new_notebook(
            cells=[
                new_markdown_cell(
                    f"# {cases.title}\n\n> **{DISCLAIMER}**\n\n"
                    "Run the cell below (Shift+Enter). For each case read the vignette, choose your answers "
                    "and press **Check my answers**: each answer is graded on the spot, with the plan step "
                    "and the trial behind it. Put your name in the box and press **Save my answers** to "
                    "write a file for your instructor."
                ),
                new_code_cell(
                    "from micromets.exercises.quiz import quiz_from_text\n\n"
                    f'CASES = """\n{text}"""\n\nquiz = quiz_from_text(CASES)\nquiz',
                    metadata={"jupyter": {"source_hidden": True}},
                ),  # learners see the quiz, not the YAML
            ]
        )
    )


def solution_lines(case: Case, ruleset: str) -> list[str]:
    """The answers to a case's questions with their explanations, from the engine.

    >>> from micromets.exercises.cases import shipped_bank
    >>> bank = shipped_bank()
    >>> solution_lines(bank.cases[0], bank.ruleset)[0].startswith("Q: What is the AJCC")
    True
    """
    plan = recommend(case.patient, ruleset)
    out = []
    for kind in case.ask:
        answers = correct_answers(kind, plan)
        if kind == "systemic":
            shown = " OR ".join(option_words(a.split("+")) for a in answers)
        elif kind in ("axilla", "radiation"):
            shown = " / ".join(words(a) for a in answers)
        else:
            shown = " / ".join(answers)
        out += [f"Q: {QUESTION_KINDS[kind]}", f"A: {shown}", f"   Why: {feedback(kind, plan, ruleset)}"]
    out.append("Path: " + " -> ".join(plan.path))
    return out


def solution_notebook(cases: CaseSet) -> nbformat.NotebookNode:
    """The instructor's notebook: each case's answers, explanations and lit flowchart path.

    >>> from micromets.exercises.cases import shipped_bank
    >>> solution_notebook(shipped_bank()).cells[2].source.startswith("## bank-01")
    True
    """
    text = cases.to_yaml().replace('"""', "'''")
    cells = [
        new_markdown_cell(
            f"# Solutions: {cases.title}\n\n> **{DISCLAIMER}**\n\n"
            "Keep this notebook for the instructor. Every answer below is computed by the micromets "
            "engine (ruleset `" + cases.ruleset + "`), so it always agrees with the students' grading."
        ),
        new_code_cell(
            "%matplotlib inline\nfrom micromets import recommend\nfrom micromets.exercises.cases import "
            "cases_from_text\nfrom micromets.exercises.notebooks import solution_lines\n"
            "from micromets.flowchart import draw_flowchart\n\n"
            f'CASES = cases_from_text("""\n{text}""")\n'
            "by_id = {case.id: case for case in CASES.cases}"
        ),
    ]
    for case in cases.cases:
        cells += [
            new_markdown_cell(f"## {case.id}\n\n{case.vignette}"),
            new_code_cell(
                f'case = by_id["{case.id}"]\nprint("\\n".join(solution_lines(case, CASES.ruleset)))\n'
                "chart = draw_flowchart(CASES.ruleset, recommend(case.patient, CASES.ruleset).path)"
            ),
        ]
    sources = sorted(
        {c for case in cases.cases for s in recommend(case.patient, cases.ruleset).steps for c in s.citations}
    )
    reg = registry()
    cells.append(
        new_markdown_cell(
            "## Sources cited in these solutions\n\n" + "\n".join(f"- {reg[c].citation}" for c in sources)
        )
    )
    return _clean(new_notebook(cells=cells))


def build(cases: CaseSet, out_dir: str | Path) -> tuple[Path, Path]:
    """Write ``student.ipynb`` and ``solution.ipynb`` into ``out_dir``; returns their paths.

    >>> import tempfile
    >>> from micromets.exercises.cases import shipped_bank
    >>> [p.name for p in build(shipped_bank(), tempfile.mkdtemp())]
    ['student.ipynb', 'solution.ipynb']
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    student, solution = out / "student.ipynb", out / "solution.ipynb"
    nbformat.write(student_notebook(cases), student)
    nbformat.write(solution_notebook(cases), solution)
    return student, solution
