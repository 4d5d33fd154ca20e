"""Submitted notebooks, graded without running them: the answer cells are read, never executed.

An nbgrader notebook (``exercise build --nbgrader``) asks each question in an answer cell
where the learner writes ``answer = N``. nbgrader's autograde runs those cells and then the
hidden checks *in the learner's kernel*, so code in an answer cell can rewrite the checks
(``AnswerSheet.check = lambda *a: print('✔ right')`` once gave 10/10 for ten wrong answers).
That score is formative. The grade ``exercise grade`` records reads each answer cell as
text instead:

- the only statement that counts is ``answer = <a number or a text>``, read with
  ``ast.literal_eval`` (a literal, never an expression that runs); the cell's
  ``sheet.record(…)`` line and the unanswered stub are recognised as such;
- anything else in the cell (an import, a call, an assignment to something else, a magic)
  is *flagged* for the instructor, and never run: the literal answer is still graded;
- a notebook that nbgrader has autograded (its checks carry outputs) also gives nbgrader's
  in-kernel score, so the report says when the two differ.

``answer_paths`` expands the arguments of ``exercise grade``: a folder (nbgrader's
``submitted/`` or ``autograded/``, laid out ``STUDENT/ASSIGNMENT/NOTEBOOK.ipynb``) gives
its notebooks, each named for its student; at most ``MAX_LEARNER_FILES`` files in all.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

from ..ground.datafiles import escaped_name, read_data
from ..ground.errors import DataFileError
from .cases import CaseSet
from .questions import ask

MAX_LEARNER_FILES = 500  # answer files or notebooks graded at once: a large class, and a bounded run
MAX_NOTEBOOK_BYTES = 8_000_000  # an autograded notebook carries outputs; still read whole through the reader
MAX_CELL_CHARS = 5_000  # an answer cell is two lines; a longer one is flagged, not parsed
_ANSWER_ID = re.compile(r"answer-(\d{1,4})")
NOTEBOOK_SUFFIX = ".ipynb"


@dataclass(frozen=True)
class Flag:
    """An answer cell that holds more than a literal answer: where, and what (never run)."""

    cell: int  # the question number the cell answers (1, 2, ...)
    message: str


@dataclass(frozen=True)
class Submission:
    """What a notebook's answer cells say, read as text: answer rows, flags, nbgrader's own score."""

    rows: list[dict]
    flags: list[Flag]
    kernel_score: tuple[int, int] | None  # (points, possible) nbgrader's checks gave in the kernel


def answer_paths(arguments: list[str]) -> list[tuple[str, str | None]]:
    """Each answer file to grade as (path, learner or None): a folder gives its notebooks.

    In a folder laid out as nbgrader's ``submitted/`` (``STUDENT/ASSIGNMENT/X.ipynb``) the
    learner is the student's folder name; otherwise (``None``) the file name names the
    learner, as for answer files. More than ``MAX_LEARNER_FILES`` is refused at once.

    >>> answer_paths(["answers-ana.json"])
    [('answers-ana.json', None)]
    """
    found: list[tuple[str, str | None]] = []

    def add(path: str, learner: str | None) -> None:
        found.append((path, learner))
        if len(found) > MAX_LEARNER_FILES:
            raise DataFileError(
                escaped_name(path), "", f"more than {MAX_LEARNER_FILES} answer files; grade at most that many at once"
            )

    for argument in arguments:
        folder = Path(argument)
        if not folder.is_dir() or folder.is_symlink():
            add(argument, None)
            continue
        notebooks = []
        for path in _notebooks_under(folder):
            notebooks.append(path)
            if len(notebooks) > MAX_LEARNER_FILES:
                break
        if not notebooks:
            raise DataFileError(escaped_name(argument), "", "holds no notebook (.ipynb) to grade")
        for path in sorted(notebooks):
            parts = path.relative_to(folder).parts
            add(str(path), parts[0] if len(parts) == 3 else None)
    return found


def _notebooks_under(folder: Path, depth: int = 3):
    """Notebooks at most ``depth`` levels down, never through a link, never in checkpoints."""
    stack = [(folder, 1)]
    while stack:
        here, level = stack.pop()
        for entry in sorted(here.iterdir()):
            if entry.is_symlink() or entry.name.startswith("."):
                continue
            if entry.is_dir() and level < depth:
                stack.append((entry, level + 1))
            elif entry.is_file() and entry.name.endswith(NOTEBOOK_SUFFIX):
                yield entry


def read_submission(path: str | Path, cases: CaseSet) -> Submission:
    """Read a submitted nbgrader notebook's answers for ``cases``, without running anything.

    >>> import json, tempfile
    >>> from micromets.exercises.cases import random_cases
    >>> cases = random_cases(1, seed=3)
    >>> cell = {"cell_type": "code", "source": "answer = 1\\nimport os", "outputs": [], "execution_count": None,
    ...         "metadata": {"nbgrader": {"grade_id": "answer-001", "solution": True}}}
    >>> path = Path(tempfile.mkdtemp()) / "answers-ana.ipynb"
    >>> _ = path.write_text(json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    >>> seen = read_submission(path, cases)
    >>> seen.rows[0]["question"], seen.flags[0].message
    ('nodal_category', 'flagged, not run: code besides the answer, line 2: import os')
    """
    source = escaped_name(path)
    data = read_data(path, what="submitted notebook", fmt="json", max_bytes=MAX_NOTEBOOK_BYTES)
    cells = data.get("cells") if isinstance(data, dict) else None
    if not isinstance(cells, list):
        raise DataFileError(source, "cells", "a notebook holds a list of cells")
    asked = [(i, case, kind) for i, case in enumerate(cases.cases) for kind in case.ask]
    rows, flags = [], []
    points = possible = 0
    ran = False
    for cell in cells:
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        meta = cell.get("metadata")
        meta = meta.get("nbgrader") if isinstance(meta, dict) else None
        meta = meta if isinstance(meta, dict) else {}
        if meta.get("grade") is True and not meta.get("solution"):
            ran = ran or cell.get("execution_count") is not None
            worth = meta.get("points")
            worth = worth if isinstance(worth, int) and not isinstance(worth, bool) and 0 <= worth <= 100 else 0
            outputs = cell.get("outputs") if isinstance(cell.get("outputs"), list) else []
            failed = any(isinstance(o, dict) and o.get("output_type") == "error" for o in outputs)
            possible += worth
            points += 0 if failed else worth
            continue
        grade_id = meta.get("grade_id")
        number = _ANSWER_ID.fullmatch(grade_id) if isinstance(grade_id, str) and meta.get("solution") is True else None
        if number is None:
            continue
        index = int(number.group(1))
        if not 1 <= index <= len(asked):
            flags.append(Flag(index, f"answers question {index}, which this set does not ask: left out"))
            continue
        case_index, case, kind = asked[index - 1]
        value, problems = read_answer_cell(_source(cell), case_index, kind)
        flags += [Flag(index, problem) for problem in problems]
        if value is not None:
            choices = [c.value for c in ask(kind, case.patient, cases.rules).choices]
            if isinstance(value, int) and 1 <= value <= len(choices):
                value = choices[value - 1]
            rows.append({"case": case.id, "question": kind, "answer": str(value)})
    if not rows and not flags and not possible:
        raise DataFileError(
            source,
            "cells",
            "holds no answer cell (answer-NNN): grade a quiz notebook's saved answers-NAME.json instead",
        )
    return Submission(rows, flags, (points, possible) if ran and possible else None)


def _source(cell: dict) -> str:
    source = cell.get("source", "")
    if isinstance(source, list):
        source = "".join(part for part in source if isinstance(part, str))
    return source if isinstance(source, str) else ""


def read_answer_cell(source: str, case_index: int, kind: str) -> tuple[int | str | None, list[str]]:
    """(the literal answer or None, what else the cell holds): the cell is parsed, never run.

    >>> read_answer_cell("answer = 2\\nsheet.record(0, 'axilla', answer)", 0, "axilla")
    (2, [])
    >>> read_answer_cell("# YOUR CODE HERE\\nraise NotImplementedError()", 0, "axilla")
    (None, [])
    >>> read_answer_cell("answer = 2\\nsheet.check = print", 0, "axilla")[1]
    ['flagged, not run: code besides the answer, line 2: sheet.check = print']
    """
    if len(source) > MAX_CELL_CHARS:
        return None, [f"flagged, not run: {len(source):,} characters, too long for an answer"]
    answer, problems, lines = None, [], source.splitlines()
    for number, line in enumerate(lines, 1):
        if line.lstrip().startswith(("%", "!")):  # IPython magics and shell lines: flagged, and left out
            problems.append(f"flagged, not run: a magic or shell line, line {number}: {_cut(line.strip())}")
            lines[number - 1] = ""
    source = "\n".join(lines)
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None, [*problems, "flagged, not run: not plain Python (a typo, or nesting too deep)"]
    for statement in tree.body:
        if _is_stub(statement) or _is_record(statement, case_index, kind):
            continue
        target = statement.targets[0] if isinstance(statement, ast.Assign) and len(statement.targets) == 1 else None
        if isinstance(target, ast.Name) and target.id == "answer":
            try:
                value = ast.literal_eval(statement.value)
            except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
                value = None
            if type(value) in (int, str):
                answer = value
                continue
            problems.append(
                f"flagged, not run: line {statement.lineno} sets answer to something not a number or a text"
            )
            continue
        text = ast.get_source_segment(source, statement) or type(statement).__name__
        problems.append(f"flagged, not run: code besides the answer, line {statement.lineno}: {_cut(text)}")
    return answer, problems


def _cut(code: str, limit: int = 50) -> str:
    """Code on one short line, escaped, for a note."""
    shown = " ".join(code.split())
    return escaped_name(shown if len(shown) <= limit else shown[: limit - 1] + "…")


def _is_stub(statement: ast.stmt) -> bool:
    """``raise NotImplementedError()``: nbgrader's stub for an unanswered cell."""
    if not isinstance(statement, ast.Raise) or statement.cause is not None:
        return False
    raised = statement.exc.func if isinstance(statement.exc, ast.Call) else statement.exc
    return isinstance(raised, ast.Name) and raised.id == "NotImplementedError"


def _is_record(statement: ast.stmt, case_index: int, kind: str) -> bool:
    """``sheet.record(CASE, 'KIND', answer)`` for exactly this question, as the notebook was built."""
    call = statement.value if isinstance(statement, ast.Expr) else None
    if not isinstance(call, ast.Call) or call.keywords or len(call.args) != 3:
        return False
    func = call.func
    if not (isinstance(func, ast.Attribute) and func.attr == "record" and isinstance(func.value, ast.Name)):
        return False
    first, second, third = call.args
    return (
        func.value.id == "sheet"
        and isinstance(first, ast.Constant)
        and type(first.value) is int
        and first.value == case_index
        and isinstance(second, ast.Constant)
        and second.value == kind
        and isinstance(third, ast.Name)
        and third.id == "answer"
    )
