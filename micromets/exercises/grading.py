"""Grade a class's answer files against a case set, counting the way an instructor expects.

The rules (each one a regression of a miscount seen in the field):

- the questions ASKED by the case set are the denominator; a question a learner left out
  counts as unanswered, never as absent;
- one answer per learner, case and question: when a learner answers the same question
  again (in one file or in two), the last answer counts and a note says so;
- a file given twice is read once;
- a learner is named by the file (``answers-NAME.json`` gives ``NAME``), exactly: two names
  that differ are two learners, and a name that cannot be shown on one line (a control
  character, a new line, a byte that is not UTF-8) is refused; a ``learner`` field that
  disagrees, or is not text at all, is reported and never silently wins;
- a submitted notebook (``.ipynb``) is graded from its answer cells read as text, never
  run (``submitted.py``); code besides an answer is flagged, and when nbgrader's in-kernel
  score differs from this grade a note says so;
- bounded: at most ``MAX_ANSWER_ROWS`` rows in a file, and ``NOTES_PER_FILE`` notes from one
  file (then one line that counts the rest);
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

from ..ground.datafiles import escaped_name, read_csv_rows, read_data, shown, unshowable
from ..ground.errors import DataFileError
from ..pathway.prose import subtype
from .cases import Case, CaseSet, check_answerable
from .questions import QUESTION_REGISTRY, Asked, Grade, ask, say

ANSWER_FILE = re.compile(r"answers-(?P<name>.+)")  # fullmatch: the whole stem
MAX_ANSWER_ROWS = 5_000  # a learner answers at most 500 cases x 10 kinds; more is not an answer file
NOTES_PER_FILE = 20


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
    match = ANSWER_FILE.fullmatch(stem)
    return match["name"] if match else stem


def learner_name(path: str | Path, learner: str | None = None) -> str:
    r"""The learner a file names (``learner_from_path``, or ``learner`` when given), exactly as
    written; refused when it cannot be shown on one line, so that no two names merge.

    >>> learner_name("answers-Ana López.json")
    'Ana López'
    >>> learner_name("answers-a\x1b.json")
    Traceback (most recent call last):
    micromets.ground.errors.DataFileError: answers-a\x1b.json: the learner name 'a\x1b' holds \x1b; rename the file
    """
    name = learner if learner is not None else learner_from_path(path)
    bad = unshowable(name, one_line=True)
    if bad is not None or not name.strip():
        holds = f"holds {bad}" if bad is not None else "is empty"
        raise DataFileError(
            escaped_name(path),
            "",
            f"the learner name {shown(name)} {holds}; rename the file",
        )
    return name


@dataclass(frozen=True)
class AnswerFile:
    """The rows of one answer file, as read (each a mapping with case, question, answer).

    A submitted notebook also brings its flagged cells, nbgrader's in-kernel score when it
    was autograded, and its learner when a folder named it (nbgrader's ``submitted/ana/``).
    """

    path: str
    rows: list[dict]
    flags: tuple = ()
    kernel_score: tuple[int, int] | None = None
    learner: str | None = None


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
    flagged: int = 0  # the first notes: submitted answer cells that held code besides an answer (never run)

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
            return say("no_answer")
        record = self.records[(case_id, kind)]
        if value not in {choice.value for choice in record.choices}:
            # The quiz lets a learner tick any treatments: a combination it does not offer, in words.
            parts, vocab = value.split("+"), self.cases.rules.vocabulary
            if record.part == "systemic" and all(vocab.has("component", part) for part in parts):
                return say("not_offered", answer=vocab.option_text(parts))
            return say("not_a_choice", answer=value)
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


def read_answer_file(path: str | Path, cases: CaseSet | None = None, learner: str | None = None) -> AnswerFile:
    """Read one quiz export, JSON ``{"answers": [...]}`` or CSV with the same columns, through
    the bounded reader (size, depth, huge integers, NaN and overlong CSV fields refused whole),
    or a submitted notebook (``.ipynb``, read for ``cases`` without running it); at most
    ``MAX_ANSWER_ROWS`` rows.

    >>> read_answer_file("missing.json")
    Traceback (most recent call last):
    micromets.ground.errors.DataFileError: missing.json: cannot be read (No such file or directory)
    """
    source = escaped_name(path)
    learner_name(path, learner)  # an unshowable name is refused before the file is read
    if str(path).lower().endswith(".ipynb"):
        if cases is None:
            raise ValueError("a submitted notebook is read for a case set: pass cases")
        from .submitted import read_submission

        seen = read_submission(path, cases)
        return AnswerFile(str(path), seen.rows, tuple(seen.flags), seen.kernel_score, learner)
    if str(path).lower().endswith(".csv"):
        rows: object = read_csv_rows(path, what="answer file", max_rows=MAX_ANSWER_ROWS)
    else:
        data = read_data(path, what="answer file", fmt="json")
        rows = data.get("answers") if isinstance(data, dict) else None
        if not isinstance(rows, list):
            raise DataFileError(source, "answers", "a list of answer rows")
    if len(rows) > MAX_ANSWER_ROWS:
        raise DataFileError(source, "answers", f"{len(rows):,} rows; an answer file holds at most {MAX_ANSWER_ROWS:,}")
    for i, row in enumerate(rows):
        if not isinstance(row, dict):
            raise DataFileError(source, f"answers[{i}]", "a row with learner, case, question and answer")
    return AnswerFile(str(path), rows, learner=learner)


def grade_class(cases: CaseSet, files: list[AnswerFile]) -> Gradebook:
    """Grade every learner's answers to every question the set asks (rules in the module docstring)."""
    check_answerable(cases)
    by_id = {case.id: case for case in cases.cases}
    records = {(c.id, kind): ask(kind, c.patient, cases.rules) for c in cases.cases for kind in c.ask}
    notes: list[Note] = []
    flagged: list[Note] = []  # answer cells holding more than an answer: listed first
    given: dict[tuple[str, str, str], str | None] = {}
    times: Counter = Counter()
    learners: list[str] = []
    read: set[str] = set()
    kernel: dict[str, list[tuple[str, tuple[int, int]]]] = {}
    for file in files:
        where_file = escaped_name(file.path)  # names reach the terminal: escaped, new lines included
        real = str(Path(file.path).resolve())
        if real in read:
            notes.append(Note(where_file, "given more than once; read once"))
            continue
        read.add(real)
        learner = learner_name(file.path, file.learner)
        for flag in file.flags:
            flagged.append(Note(f"{where_file} answer cell {flag.cell}", flag.message))
        if file.kernel_score is not None:
            kernel.setdefault(learner, []).append((where_file, file.kernel_score))
        usable, seen_learners = 0, set()
        mine: list[Note] = []
        for i, row in enumerate(file.rows):
            where = f"{where_file} answers[{i}]"
            _row_learner(where_file, i, row, learner, mine, seen_learners)
            case_id, kind = _text(row.get("case")), _text(row.get("question"))
            if case_id not in by_id:
                mine.append(Note(where, f"unknown case {_describe(row.get('case'))}; left out"))
                continue
            if kind not in by_id[case_id].ask:
                asked = ", ".join(by_id[case_id].ask)
                mine.append(
                    Note(where, f"{_describe(row.get('question'))} is not asked in case {case_id} (asked: {asked})")
                )
                continue
            usable += 1
            answer = row.get("answer")
            if answer not in (None, "") and _text(answer) is None:
                mine.append(Note(where, f"answer is not text (got {_describe(answer)}); counted as wrong"))
                answer = _describe(answer)
            key = (learner, case_id, kind)
            times[key] += 1
            given[key] = _text(answer)
        notes += mine[:NOTES_PER_FILE]
        if len(mine) > NOTES_PER_FILE:
            notes.append(
                Note(where_file, f"{len(mine) - NOTES_PER_FILE:,} more notes like these on this file, not listed")
            )
        if not usable and file.rows:
            raise DataFileError(
                where_file, "answers", f"no answer belongs to this case set ({cases.title}); wrong set?"
            )
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
    book = Gradebook(cases, learners, answers, records, flagged + notes, len(flagged))
    for learner, scores in kernel.items():
        correct, asked = book.score(learner)
        for where_file, (points, possible) in scores:
            if (points, possible) != (correct, asked):
                book.notes.insert(
                    len(flagged),
                    Note(
                        where_file,
                        f"nbgrader scored {points} / {possible} in the learner's kernel, but the answer cells read "
                        f"without running them score {correct} / {asked} (the grade recorded here); code in a "
                        "notebook can change what its own checks say",
                    ),
                )
    return book


# --------------------------------------------------------------------------- words for the report


def part_words(kind: str) -> str:
    """The kind of question, as its record names it.

    >>> part_words("bone_agent"), part_words("order_treatment")
    ('Bone agent', 'Order the treatment')
    """
    return QUESTION_REGISTRY[kind].title


def subtype_words(case: Case) -> str:
    """The receptor subtype of a case's patient, in the notation ``Patient.describe`` uses.

    >>> from micromets import Patient
    >>> subtype_words(Case("a", "v", Patient(1.0, "neg", "neg", "pos", "pre", "bcs"), ("axilla",)))
    'HR- HER2+'
    """
    return subtype(case.patient)
