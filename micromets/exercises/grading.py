"""Grade a class's answer files against a case set, counting the way an instructor expects.

The rules (each one a regression of a miscount seen in the field):

- the questions ASKED by the case set are the denominator; a question a learner left out
  counts as unanswered, never as absent;
- one answer per learner, case and question: when a learner answers the same question
  again (in one file or in two), the last answer counts and a note says so;
- a file given twice is read once;
- a learner is named by the file (``answers-NAME.json`` gives ``NAME``); a ``learner``
  field that disagrees, or is not text at all, is reported and never silently wins;
- rows for cases or questions the set does not ask are reported and left out; a file
  with no row for the set at all is refused (it was graded against the wrong set).

>>> from micromets.exercises.cases import cases_from_text
>>> SET = cases_from_text('''
... cases:
...   - id: one
...     vignette: v
...     patient: {deposit_mm: 1.2, er: pos, pr: pos, her2: neg, menopause: post, surgery: bcs}
...     ask: [nodal_category, axilla]
... ''')
>>> rows = [{"learner": "ana", "case": "one", "question": "nodal_category", "answer": "pN1a"},
...         {"learner": "ana", "case": "one", "question": "nodal_category", "answer": "pN1mi"}]
>>> book = grade_class(SET, [AnswerFile("answers-ana.json", rows)])
>>> book.score("ana"), book.notes[0].message
((1, 2), 'one · Nodal category: answered 2 times; the last answer counts')
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..ground.datafiles import printable, read_csv_rows, read_data
from ..ground.errors import DataFileError
from .cases import Case, CaseSet, check_answerable
from .questions import KINDS, Asked, Grade, ask

ANSWER_FILE = re.compile(r"^answers-(?P<name>.+)$")


def file_name_for(learner: str) -> str:
    """The answer file a learner's quiz saves (``answers-NAME.json``), NAME reduced to safe characters.

    >>> file_name_for("Ana López")
    'answers-AnaLópez.json'
    >>> file_name_for("../../etc")
    'answers-etc.json'
    """
    name = "".join(ch for ch in learner if ch.isalnum() or ch in "-_").strip("-_") or "learner"
    return f"answers-{name}.json"


def learner_from_path(path: str | Path) -> str:
    """The learner a file belongs to: ``NAME`` of ``answers-NAME.json``, else the file's stem.

    >>> learner_from_path("class/answers-ana.csv"), learner_from_path("ben.json")
    ('ana', 'ben')
    """
    stem = Path(path).stem
    match = ANSWER_FILE.match(stem)
    return match["name"] if match else stem


@dataclass(frozen=True)
class AnswerFile:
    """The rows of one answer file, as read (each a mapping with case, question, answer)."""

    path: str
    rows: list[dict]


@dataclass(frozen=True)
class Note:
    """Something the instructor should know about the answers: where, and what happened."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass(frozen=True)
class Answer:
    """A learner's graded answer to one asked question (``grade.given`` is None when left out)."""

    learner: str
    case: Case
    kind: str
    grade: Grade

    @property
    def answered(self) -> bool:
        return self.grade.given is not None


@dataclass
class Gradebook:
    """Every learner's graded answer to every question the set asks, plus notes on the input."""

    cases: CaseSet
    learners: list[str]
    answers: dict[tuple[str, str, str], Answer]
    records: dict[tuple[str, str], Asked]  # each question as the engine asks it: prompt, choices, answer, why
    notes: list[Note] = field(default_factory=list)

    @property
    def asked(self) -> list[tuple[Case, str]]:
        """The questions asked, in the order of the case set."""
        return [(case, kind) for case in self.cases.cases for kind in case.ask]

    def answer(self, learner: str, case_id: str, kind: str) -> Answer:
        return self.answers[(learner, case_id, kind)]

    def score(self, learner: str) -> tuple[int, int]:
        """(correct, asked) for a learner."""
        mine = [self.answer(learner, case.id, kind) for case, kind in self.asked]
        return sum(a.grade.correct for a in mine), len(mine)

    def answered(self, learner: str) -> int:
        return sum(self.answer(learner, case.id, kind).answered for case, kind in self.asked)

    def question(self, case_id: str, kind: str) -> list[Answer]:
        """Every learner's answer to one question."""
        return [self.answer(learner, case_id, kind) for learner in self.learners]

    def words(self, case_id: str, kind: str, value: str | None) -> str:
        """An answer as the learner saw it among the choices, never a bare code.

        >>> from micromets.exercises.cases import random_cases
        >>> book = grade_class(random_cases(1, seed=3), [])
        >>> book.words("case-01", "axilla", "no_alnd"), book.words("case-01", "axilla", None)
        ('no axillary lymph node dissection (sentinel node biopsy alone)', 'no answer')
        """
        if value is None:
            return "no answer"
        record = self.records[(case_id, kind)]
        if value not in {choice.value for choice in record.choices}:
            return f"{value} (not one of the choices)"
        return record.label(value)


def _text(value: object) -> str | None:
    """A row value as text, or None when it is missing, empty or not text (NaN, a number, a list)."""
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _describe(value: object) -> str:
    """A value for a one-line note: short, and safe for any type a JSON or CSV file can hold."""
    if isinstance(value, float) and math.isnan(value):
        return "NaN"
    if isinstance(value, str):
        return repr(value[:40] + ("…" if len(value) > 40 else ""))
    if isinstance(value, bool | float) or (isinstance(value, int) and value.bit_length() < 64):
        return str(value)  # (a huge int is never turned into text: that is slow, and refused past 4,300 digits)
    return f"a {type(value).__name__}"


def _row_learner(file: str, i: int, row: dict, named: str, notes: list[Note], seen: set) -> None:
    """Report a row's ``learner`` field when it is not text or disagrees with the file name (once per value)."""
    if "learner" not in row or row["learner"] in (None, ""):
        return
    given = row["learner"]
    text = _text(given)
    key = _describe(given) if text is None else text
    if key in seen:
        return
    seen.add(key)
    if text is None:
        notes.append(Note(f"{file} answers[{i}].learner", f"is not text (got {key}); graded as {named!r}"))
    elif learner_from_path(file_name_for(text)) != named and text != named:
        notes.append(
            Note(
                f"{file} answers[{i}].learner",
                f"says {text!r} but the file is {named!r}'s; graded as {named!r} (rename the file to "
                f"{file_name_for(text)} if the field is right)",
            )
        )


def read_answer_file(path: str | Path) -> AnswerFile:
    """Read one quiz export, JSON ``{"answers": [...]}`` or CSV with the same columns, through
    the bounded reader (size, depth, huge integers, NaN and overlong CSV fields refused whole).

    >>> read_answer_file("missing.json")
    Traceback (most recent call last):
    micromets.ground.errors.DataFileError: missing.json: cannot be read (No such file or directory)
    """
    if str(path).lower().endswith(".csv"):
        rows: object = read_csv_rows(path, what="answer file")
    else:
        data = read_data(path, what="answer file", fmt="json")
        rows = data.get("answers") if isinstance(data, dict) else None
        if not isinstance(rows, list):
            raise DataFileError(printable(str(path)), "answers", "a list of answer rows")
    for i, row in enumerate(rows):
        if not isinstance(row, dict):
            raise DataFileError(printable(str(path)), f"answers[{i}]", "a row with learner, case, question and answer")
    return AnswerFile(str(path), rows)


def grade_class(cases: CaseSet, files: list[AnswerFile]) -> Gradebook:
    """Grade every learner's answers to every question the set asks (rules in the module docstring)."""
    check_answerable(cases)
    by_id = {case.id: case for case in cases.cases}
    records = {(c.id, kind): ask(kind, c.patient, cases.rules) for c in cases.cases for kind in c.ask}
    notes: list[Note] = []
    given: dict[tuple[str, str, str], str | None] = {}
    times: Counter = Counter()
    learners: list[str] = []
    read: set[str] = set()
    for file in files:
        shown = printable(file.path)  # names and paths reach the terminal: no control characters
        real = str(Path(file.path).resolve())
        if real in read:
            notes.append(Note(shown, "given more than once; read once"))
            continue
        read.add(real)
        learner = printable(learner_from_path(file.path))
        usable, seen_learners = 0, set()
        for i, row in enumerate(file.rows):
            where = f"{shown} answers[{i}]"
            _row_learner(shown, i, row, learner, notes, seen_learners)
            case_id, kind = _text(row.get("case")), _text(row.get("question"))
            if case_id not in by_id:
                notes.append(Note(where, f"unknown case {_describe(row.get('case'))}; left out"))
                continue
            if kind not in by_id[case_id].ask:
                asked = ", ".join(by_id[case_id].ask)
                notes.append(
                    Note(where, f"{_describe(row.get('question'))} is not asked in case {case_id} (asked: {asked})")
                )
                continue
            usable += 1
            answer = row.get("answer")
            if answer not in (None, "") and _text(answer) is None:
                notes.append(Note(where, f"answer is not text (got {_describe(answer)}); counted as wrong"))
                answer = _describe(answer)
            key = (learner, case_id, kind)
            times[key] += 1
            given[key] = _text(answer)
        if not usable and file.rows:
            raise DataFileError(shown, "answers", f"no answer belongs to this case set ({cases.title}); wrong set?")
        if learner not in learners:
            learners.append(learner)
    for (learner, case_id, kind), count in times.items():
        if count > 1:
            notes.append(
                Note(learner, f"{case_id} · {part_words(kind)}: answered {count} times; the last answer counts")
            )
    answers = {}
    for learner in learners:
        for case, kind in ((c, k) for c in cases.cases for k in c.ask):
            value = given.get((learner, case.id, kind))
            answers[(learner, case.id, kind)] = Answer(learner, case, kind, records[(case.id, kind)].grade(value))
    return Gradebook(cases, learners, answers, records, notes)


# --------------------------------------------------------------------------- words for the report


def part_words(kind: str) -> str:
    """The kind of question, as its record names it.

    >>> part_words("bone_agent"), part_words("order_treatment")
    ('Bone agent', 'Order the treatment')
    """
    return KINDS[kind].title


def subtype_words(case: Case) -> str:
    """The receptor subtype of a case's patient, in the notation ``Patient.describe`` uses.

    >>> from micromets import Patient
    >>> subtype_words(Case("a", "v", Patient(1.0, "neg", "neg", "pos", "pre", "bcs"), ("axilla",)))
    'HR- HER2+'
    """
    sign = {"pos": "+", "neg": "-"}
    return f"HR{sign[case.patient.hr_status]} HER2{sign[case.patient.her2]}"
