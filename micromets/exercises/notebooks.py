"""Build the student and solution notebooks for a case set.

The student notebook carries the cases (vignettes, patient fields, questions) and no
answer in any form: its quiz runs the engine in the learner's kernel. The solution
notebook computes every answer with the same engine and shows its explanation and path.

No text from a case file is ever pasted into code: the set reaches the code cells as one
JSON document inside a Python string literal (``json.loads(<repr of the JSON>)``), and a
case is named by its position, never by its id. Markdown built from case text is escaped.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from ..ground.datafiles import write_files
from ..ground.errors import DataFileError
from ..ground.evidence import registry
from ..pathway.engine import DISCLAIMER, recommend
from ..pathway.plan_model import plan_model
from ..pathway.ruleset import load_ruleset
from .cases import Case, CaseSet, cases_from_data
from .questions import ask, notebook_words, quiz_label, say

KERNEL = {
    "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
    "language_info": {"name": "python"},
}
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~:$])")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def markdown_text(text: str) -> str:
    """User text made safe for a markdown cell: shown literally, never as HTML or markup.

    >>> print(markdown_text("<script>alert(1)</script> *bold* #1\\x1b"))
    &lt;script&gt;alert\\(1\\)&lt;/script&gt; \\*bold\\* \\#1\\\\x1b
    """
    shown = _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)  # an ESC or NUL is shown as \\x1b, \\x00
    shown = html.escape(shown, quote=False)
    shown = _MARKDOWN_SPECIAL.sub(r"\\\1", shown)
    return shown.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")


def data_literal(data: object, width: int = 96) -> str:
    """Python source for ``data``: ``json.loads`` of string literals made by ``repr`` of its JSON.

    The JSON is ASCII (every other character escaped), cut into pieces that are each
    written with ``repr``, so no quote, backslash, newline or magic in the data can end the
    literal or start a line of code.

    >>> source = data_literal({"id": 'x"]\\n%run evil'})
    >>> import json; eval(source, {"json": json})
    {'id': 'x"]\\n%run evil'}
    """
    text = json.dumps(data, ensure_ascii=True, sort_keys=False)
    pieces = [text[i : i + width] for i in range(0, len(text), width)] or [""]
    body = "\n".join(f"    {piece!r}" for piece in pieces)
    return f"json.loads(\n{body}\n)"


def _clean(nb) -> nbformat.NotebookNode:
    # Stable cell ids keep the generated files diff-friendly.
    for number, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{number:03d}"
    nb.metadata.update(KERNEL)
    return nb


def student_notebook(cases: CaseSet) -> nbformat.NotebookNode:
    """The learner's notebook: instructions, the cases inline as data, and the quiz. No answers.

    >>> from micromets.exercises.cases import shipped_bank
    >>> [c.cell_type for c in student_notebook(shipped_bank()).cells]
    ['markdown', 'code']
    """
    return _clean(
        new_notebook(
            cells=[
                new_markdown_cell(
                    f"# {markdown_text(cases.title)}\n\n> **{DISCLAIMER}**\n\n"
                    + notebook_words("student", check=quiz_label("check"), save=quiz_label("save"))
                ),
                new_code_cell(
                    "import json\n\nfrom micromets.exercises.quiz import quiz_from_data\n\n"
                    f"CASES = {data_literal(cases.to_dict(embed=True))}\n\nquiz = quiz_from_data(CASES)\nquiz",
                    metadata={"jupyter": {"source_hidden": True}},
                ),  # learners see the quiz, not the data
            ]
        )
    )


def solution_lines(case: Case, ruleset) -> list[str]:
    """The answers to a case's questions with their explanations, from the engine.

    >>> from micromets.exercises.cases import shipped_bank
    >>> bank = shipped_bank()
    >>> solution_lines(bank.cases[0], bank.rules)[0].startswith("Q: What is the AJCC")
    True
    """
    rules = load_ruleset(ruleset)
    plan = recommend(case.patient, rules)
    out = []
    for kind in case.ask:
        asked = ask(kind, case.patient, rules)
        out += [
            say("solution_question", prompt=asked.prompt),
            say("solution_answer", answer=asked.answer_words()),
            "   " + say("solution_why", why=asked.feedback.line()),  # under the answer
        ]
    model = plan_model(plan)
    out.append(f"{model.words.say('route')} {model.route_text()}")
    return out


def solution_notebook(cases: CaseSet) -> nbformat.NotebookNode:
    """The instructor's notebook: each case's answers, explanations and lit flowchart path.

    >>> from micromets.exercises.cases import shipped_bank
    >>> solution_notebook(shipped_bank()).cells[2].source.startswith("## bank\\\\-01")
    True
    """
    rules = cases.rules
    cells = [
        new_markdown_cell(
            f"# {notebook_words('solutions', title=markdown_text(cases.title))}\n\n> **{DISCLAIMER}**\n\n"
            + notebook_words("solutions_intro", ruleset=markdown_text(rules.title))
        ),
        new_code_cell(
            "import json\n\nfrom micromets import recommend\n"
            "from micromets.exercises.cases import cases_from_data\n"
            "from micromets.exercises.notebooks import solution_lines\n"
            "from micromets.flowchart import show_flowchart\n\n"
            f"CASES = cases_from_data({data_literal(cases.to_dict(embed=True))}, 'solution notebook')\n"
            "RULES = CASES.rules"
        ),
    ]
    for number, case in enumerate(cases.cases):
        cells += [
            new_markdown_cell(f"## {markdown_text(case.id)}\n\n{markdown_text(case.vignette)}"),
            new_code_cell(
                f"case = CASES.cases[{number}]\nprint('\\n'.join(solution_lines(case, RULES)))\n"
                "show_flowchart(RULES, recommend(case.patient, RULES).path, 'route')"
            ),
        ]
    sources = sorted({c for case in cases.cases for s in recommend(case.patient, rules).steps for c in s.citations})
    reg = registry()
    cells.append(
        new_markdown_cell(
            f"## {notebook_words('sources')}\n\n" + "\n".join(f"- {markdown_text(reg[c].citation)}" for c in sources)
        )
    )
    return _clean(new_notebook(cells=cells))


def check_buildable(cases: CaseSet) -> None:
    """Refuse a set whose notebooks would not work: every question must be answerable, and the
    data the notebooks carry must read back as the same set.

    >>> from micromets.exercises.cases import shipped_bank
    >>> check_buildable(shipped_bank())
    """
    from .cases import check_answerable

    check_answerable(cases)
    again = cases_from_data(json.loads(json.dumps(cases.to_dict(embed=True))), "built notebook")
    if again != cases:
        raise DataFileError(cases.source, "", "the case set does not read back unchanged from the notebook's data")


def build(cases: CaseSet, out_dir: str | Path) -> tuple[Path, Path]:
    """Write ``student.ipynb`` and ``solution.ipynb`` into ``out_dir``; returns their paths.

    The caller decides whether ``out_dir`` may be written (the CLI refuses a non-empty
    folder without ``--force``).

    >>> import tempfile
    >>> from micromets.exercises.cases import shipped_bank
    >>> [p.name for p in build(shipped_bank(), tempfile.mkdtemp())]
    ['student.ipynb', 'solution.ipynb']
    """
    check_buildable(cases)
    student_nb, solution_nb = student_notebook(cases), solution_notebook(cases)
    student, solution = write_files(
        out_dir, {"student.ipynb": nbformat.writes(student_nb), "solution.ipynb": nbformat.writes(solution_nb)}
    )  # both whole or neither: a failed run leaves the earlier notebooks as they were
    return student, solution
