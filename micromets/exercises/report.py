"""The class report after an exercise: who scored what, which questions the room got wrong and why.

``class_summary`` computes the numbers once; ``summary_text`` prints one screen for the
terminal; ``write_report`` writes ``report.html`` (tables and figures, self-contained),
``grades.csv`` (one row per learner, for a gradebook), ``answers.csv`` (one row per
answer) and ``grades.json``. Learners and questions are shown in words; the JSON keeps
the codes, as every machine-readable output of micromets does.
"""

from __future__ import annotations

import csv
import html
import io
import json
import statistics
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..ground.datafiles import escaped_name, printable, write_files
from ..ground.words.figures import shipped_figure_words
from ..ground.words.questions import shipped_question_words
from ..pathway.engine import DISCLAIMER
from .grading import Gradebook, part_words, subtype_words


@dataclass(frozen=True)
class QuestionStats:
    """How the class did on one question, with the words an instructor needs to revisit it."""

    case_id: str
    kind: str
    correct: int
    learners: int
    unanswered: int
    common_wrong: str | None  # the most chosen wrong answer, in words
    common_wrong_count: int
    right_answer: str
    why: str  # the deciding plan step and its trial, quoted
    subtype: str
    prompt: str

    @property
    def share(self) -> float:
        return self.correct / self.learners if self.learners else 0.0

    @property
    def label(self) -> str:
        return f"{self.case_id} · {part_words(self.kind)}"


@dataclass(frozen=True)
class GroupStats:
    """Correct answers over questions asked, for one plan part or one subtype."""

    name: str
    correct: int
    asked: int
    questions: int

    @property
    def share(self) -> float:
        return self.correct / self.asked if self.asked else 0.0


@dataclass(frozen=True)
class ClassSummary:
    """Every number the report shows, computed once from a gradebook."""

    book: Gradebook
    learners: list[tuple[str, int, int, int]]  # learner, correct, asked, answered
    questions: list[QuestionStats]
    parts: list[GroupStats]
    subtypes: list[GroupStats]

    @property
    def asked(self) -> int:
        return len(self.book.asked)


def _group(name: str, stats: list[QuestionStats]) -> GroupStats:
    return GroupStats(name, sum(q.correct for q in stats), sum(q.learners for q in stats), len(stats))


def class_summary(book: Gradebook) -> ClassSummary:
    """The report's numbers: per learner, per question, per plan part and per subtype.

    >>> from micromets.exercises.cases import random_cases
    >>> from micromets.exercises.grading import AnswerFile, grade_class
    >>> s = class_summary(grade_class(random_cases(2, seed=1), [AnswerFile("answers-ana.json", [])]))
    >>> s.learners[0], s.questions[0].unanswered
    (('ana', 0, 10, 0), 1)
    """
    questions = []
    for case, kind in book.asked:
        answers = book.question(case.id, kind)
        record = book.records[(case.id, kind)]
        wrong = Counter(a.grade.given for a in answers if a.answered and not a.grade.correct)
        common, count = wrong.most_common(1)[0] if wrong else (None, 0)
        questions.append(
            QuestionStats(
                case.id,
                kind,
                sum(a.grade.correct for a in answers),
                len(answers),
                sum(not a.answered for a in answers),
                book.words(case.id, kind, common) if common else None,
                count,
                record.answer_words(),
                record.feedback.line(),
                subtype_words(case),
                record.prompt,
            )
        )
    learners = [(name, *book.score(name), book.answered(name)) for name in book.learners]
    parts = [
        _group(part_words(kind), [q for q in questions if q.kind == kind])
        for kind in dict.fromkeys(q.kind for q in questions)
    ]
    subtypes = [
        _group(name, [q for q in questions if q.subtype == name])
        for name in dict.fromkeys(q.subtype for q in questions)
    ]
    return ClassSummary(book, learners, questions, parts, subtypes)


def _learners(count: int) -> str:
    return shipped_question_words().report_html("learners_one" if count == 1 else "learners_many", count=count)


def _percent(share: float) -> str:
    return f"{100 * share:.0f}%"


def summary_text(summary: ClassSummary, width: int = 100, notes_shown: int = 5) -> str:
    """One screen for the terminal: the class, the hardest questions, every learner's score, the notes.

    >>> from micromets.exercises.cases import random_cases
    >>> from micromets.exercises.grading import AnswerFile, grade_class
    >>> print(summary_text(class_summary(grade_class(random_cases(1, seed=1), [AnswerFile("ana.json", [])]))))
    ... # doctest: +ELLIPSIS
    Random cases (seed 1) (ruleset trials-2024): 1 learner, 5 questions asked
    Class score: median 0 / 5 (0%), range 0-0
    ...
    """
    words = shipped_question_words()
    say = words.report_phrase
    book = summary.book
    n = len(summary.learners)
    learners = say("learners_one" if n == 1 else "learners_many", count=n)
    title, ruleset = printable(book.cases.title), printable(book.cases.ruleset)
    lines = [say("summary_head", title=title, ruleset=ruleset, learners=learners, asked=summary.asked)]
    scores = [correct for _, correct, _, _ in summary.learners]
    if scores:
        median = statistics.median(scores)
        percent = _percent(median / summary.asked)
        low, high = min(scores), max(scores)
        lines.append(
            say("summary_score", median=f"{median:g}", asked=summary.asked, percent=percent, low=low, high=high)
        )
    hardest = sorted(summary.questions, key=lambda q: (q.share, -q.common_wrong_count))[:3]
    if hardest and n:
        lines.append(say("summary_hardest"))
        for q in hardest:
            chose = ""
            if q.common_wrong:
                chose = say("summary_chose", chose=say("most_chose", answer=q.common_wrong), count=q.common_wrong_count)
            said = say(
                "summary_question", question=printable(q.label), right=q.correct, learners=q.learners, chose=chose
            )
            lines.append(_fit(f"  {said}", width))
    lines.append(say("summary_weakest", part=_weakest(summary.parts)))
    marks = [say("summary_score_item", learner=name, right=c, asked=a) for name, c, a, _ in summary.learners]
    room = width - len(say("summary_scores", scores=""))  # the scores are cut to the width left by the words
    lines.append(say("summary_scores", scores=_fit(words.joins["list"].join(marks), room)))
    if book.flagged:
        lines.append(say("flagged_one" if book.flagged == 1 else "flagged_many", count=book.flagged))
    if book.notes:
        lines.append(say("summary_notes", count=len(book.notes)))
        lines += [_fit(f"  {note}", width) for note in book.notes[:notes_shown]]
        if len(book.notes) > notes_shown:
            lines.append(f"  {say('summary_more', count=len(book.notes) - notes_shown)}")
    return "\n".join(escaped_name(line) for line in lines)  # learners' answers are quoted: nothing drives the terminal


def _weakest(groups: list[GroupStats]) -> str:
    say = shipped_question_words().report_phrase
    if not groups:
        return say("weakest_none")
    low = min(groups, key=lambda g: g.share)
    return say("weakest_part", part=low.name, right=low.correct, asked=low.asked)


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


# --------------------------------------------------------------------------- files for a gradebook

CSV_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """A value safe to open in a spreadsheet: text starting with a formula character is quoted.

    >>> csv_cell('=HYPERLINK("http://x")'), csv_cell("-1"), csv_cell(3), csv_cell("ana")
    ('\\'=HYPERLINK("http://x")', "'-1", 3, 'ana')
    """
    if isinstance(value, str) and value.startswith(CSV_TRIGGERS):
        return "'" + value
    return value


def _csv(rows: list[list[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerows([[csv_cell(v) for v in row] for row in rows])
    return out.getvalue()


def grades_csv(summary: ClassSummary) -> str:
    """One row per learner: score over the questions asked, then 1 / 0 / empty (no answer) per question."""
    book = summary.book
    header = ["learner", "correct", "asked", "percent", "answered"] + [q.label for q in summary.questions]
    rows: list[list[object]] = [header]
    for name, correct, asked, answered in summary.learners:
        marks = []
        for case, kind in book.asked:
            answer = book.answer(name, case.id, kind)
            marks.append(int(answer.grade.correct) if answer.answered else "")
        rows.append([name, correct, asked, round(100 * correct / asked, 1) if asked else 0, answered, *marks])
    return _csv(rows)


def answers_csv(summary: ClassSummary) -> str:
    """One row per learner and question asked, with the answer given and the answers accepted (codes)."""
    rows: list[list[object]] = [["learner", "case", "question", "answer", "correct", "accepted"]]
    for name, *_ in summary.learners:
        for case, kind in summary.book.asked:
            g = summary.book.answer(name, case.id, kind).grade
            rows.append([name, case.id, kind, g.given or "", int(g.correct), " | ".join(g.accepted)])
    return _csv(rows)


def _answer_json(answer) -> dict:
    g = answer.grade
    return {"case": answer.case.id, "question": answer.kind, "answer": g.given, "correct": g.correct}


def grades_json(summary: ClassSummary) -> dict:
    """Everything in machine form (codes kept): the set, the learners' answers, the questions, the notes."""
    book = summary.book
    return {
        "title": book.cases.title,
        "ruleset": book.cases.ruleset,
        "asked": [{"case": c.id, "question": k} for c, k in book.asked],
        "learners": [
            {
                "learner": name,
                "correct": correct,
                "asked": asked,
                "answered": answered,
                "answers": [_answer_json(book.answer(name, c.id, k)) for c, k in book.asked],
            }
            for name, correct, asked, answered in summary.learners
        ],
        "questions": [
            {
                "case": q.case_id,
                "question": q.kind,
                "correct": q.correct,
                "learners": q.learners,
                "unanswered": q.unanswered,
                "most_common_wrong": q.common_wrong,
                "most_common_wrong_count": q.common_wrong_count,
                "feedback": q.why,
            }
            for q in summary.questions
        ],
        "notes": [{"where": n.where, "message": n.message} for n in book.notes],
    }


# --------------------------------------------------------------------------- figures
# The report decides what the two charts say; views/figures/class_report.py draws them.


def difficulty_figure(summary: ClassSummary):
    """Item difficulty: the share of the class answering each question right, hardest first.
    Returns the matplotlib Figure (show it with ``micromets.figures.show``)."""
    from ..views.figures.class_report import plot_difficulty

    hardest = sorted(summary.questions, key=lambda q: (q.share, q.label))
    return plot_difficulty([(q.label, q.share, f"{q.correct}/{q.learners}") for q in hardest]).figure


def _state(answer) -> str:
    return "correct" if answer.grade.correct else ("wrong" if answer.answered else "missing")


def grid_figure(summary: ClassSummary):
    """A learner × question grid, best score first: ✓ right (blue), ✗ wrong (orange), – no answer (white).
    Returns the matplotlib Figure."""
    from ..views.figures.class_report import plot_answer_grid

    book = summary.book
    ranked = sorted(summary.learners, key=lambda r: (-r[1], r[0]))
    states = [[_state(book.answer(name, case.id, kind)) for case, kind in book.asked] for name, *_ in ranked]
    return plot_answer_grid(
        [name for name, *_ in ranked],
        [q.label for q in summary.questions],
        states,
        [f"{correct}/{asked}" for _, correct, asked, _ in ranked],
    ).figure


def difficulty_alt(summary: ClassSummary) -> str:
    """The item-difficulty figure in words (its alt text): every question's count right.

    >>> from micromets.exercises.cases import random_cases
    >>> from micromets.exercises.grading import AnswerFile, grade_class
    >>> difficulty_alt(class_summary(grade_class(random_cases(1, seed=1), [AnswerFile("ana.json", [])])))[:40]
    'Share of learners right, hardest first: '
    """
    words = shipped_figure_words()
    hardest = sorted(summary.questions, key=lambda q: (q.share, q.label))
    items = [words.say("difficulty_alt_item", question=q.label, right=q.correct, learners=q.learners) for q in hardest]
    return words.say("difficulty_alt", questions=words.joins["numbers"].join(items))


def grid_alt(summary: ClassSummary) -> str:
    """The learner × question grid in words (its alt text): each learner's score and misses."""
    words = shipped_figure_words()
    book = summary.book
    parts = []
    for name, correct, asked, _ in sorted(summary.learners, key=lambda r: (-r[1], r[0])):
        missed = [f"{c.id} · {part_words(k)}" for c, k in book.asked if not book.answer(name, c.id, k).grade.correct]
        score = words.say("grid_alt_learner", learner=name, right=correct, asked=asked)
        if missed:
            score = words.say("grid_alt_missed", score=score, questions=words.joins["missed"].join(missed))
        parts.append(score)
    return words.say("grid_alt", learners=words.joins["numbers"].join(parts))


# Drawing grows with the grid's cells (about 2 ms each with matplotlib); past this many the two
# figures are left out with a sentence, and the tables, grades.csv and answers.csv carry everything.
FIGURE_CELLS = 2_500


def figure_svgs(summary: ClassSummary) -> tuple[str, str]:
    """The two figures as inline SVG (text kept as text, so it stays searchable and sharp), or a
    sentence each when learners × questions exceeds ``FIGURE_CELLS`` (bounded work for a big class)."""
    cells = len(summary.learners) * len(summary.questions)
    if cells > FIGURE_CELLS:
        said = shipped_figure_words().html(
            "not_drawn_class",
            learners=f"{len(summary.learners):,}",
            questions=f"{len(summary.questions):,}",
            cells=f"{cells:,}",
            limit=f"{FIGURE_CELLS:,}",
        )
        words = f"<p>{said}</p>"
        return words, words
    from ..views.figures.encode import inline_svg

    return inline_svg(difficulty_figure(summary)), inline_svg(grid_figure(summary))


# --------------------------------------------------------------------------- grouped tables

# A set of 60 questions makes a learner × question grid of 60 columns and a difficulty chart of 60
# bars: past this many questions the report leads with tables grouped by case and by part of the
# plan, and folds the two full figures away.
GROUPED_ABOVE = 20


def _share_cell(right: int, asked: int) -> str:
    """A table cell with a count right, shaded by share (the number carries it; colour only helps)."""
    if not asked:
        return "<td class='num mm-none'>–</td>"
    share = right / asked
    shade = "mm-high" if share >= 0.8 else ("mm-mid" if share >= 0.5 else "mm-low")
    return f"<td class='num {shade}' title='{_percent(share)}'>{right}/{asked}</td>"


def _case_heading(case) -> str:
    return f"<th scope='col' title='{_e(subtype_words(case))}'>{_e(case.id)}</th>"


def learner_by_case_table(summary: ClassSummary) -> str:
    """Learners (best score first) × cases: how many of each case's questions each got right."""
    book = summary.book
    cases = [c for c in book.cases.cases if any(case.id == c.id for case, _ in book.asked)]
    rows = []
    for name, correct, total, _ in sorted(summary.learners, key=lambda r: (-r[1], r[0])):
        cells = []
        for case in cases:
            kinds = [k for c, k in book.asked if c.id == case.id]
            right = sum(book.answer(name, case.id, k).grade.correct for k in kinds)
            cells.append(_share_cell(right, len(kinds)))
        rows.append(
            f"<tr><th scope='row'>{_e(name)}</th>{''.join(cells)}<td class='num'><b>{correct}/{total}</b></td></tr>"
        )
    head = "".join(_case_heading(c) for c in cases)
    say = shipped_question_words().report_html
    return (
        f"<table class='mm-grouped'><caption>{say('by_case_caption')}</caption><thead><tr><th>{say('learner')}</th>"
        f"{head}<th>{say('score')}</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def case_by_part_table(summary: ClassSummary) -> str:
    """Cases × parts of the plan: how many learners got each question right (the item difficulty, grouped)."""
    kinds = list(dict.fromkeys(q.kind for q in summary.questions))
    by_key = {(q.case_id, q.kind): q for q in summary.questions}
    book = summary.book
    cases = [c for c in book.cases.cases if any(q.case_id == c.id for q in summary.questions)]
    rows = []
    for case in cases:
        cells = []
        for kind in kinds:
            q = by_key.get((case.id, kind))
            cells.append(_share_cell(q.correct, q.learners) if q else "<td class='mm-none'></td>")
        rows.append(
            f"<tr><th scope='row'>{_e(case.id)} <small>{_e(subtype_words(case))}</small></th>{''.join(cells)}</tr>"
        )
    totals = "".join(
        _share_cell(
            sum(q.correct for q in summary.questions if q.kind == k),
            sum(q.learners for q in summary.questions if q.kind == k),
        )
        for k in kinds
    )
    head = "".join(f"<th scope='col'>{_e(part_words(k))}</th>" for k in kinds)
    say = shipped_question_words().report_html
    return (
        f"<table class='mm-grouped'><caption>{say('by_part_caption')}</caption><thead><tr><th>{say('case')}</th>"
        f"{head}</tr></thead><tbody>{''.join(rows)}"
        f"<tr class='mm-total'><th scope='row'>{say('all_cases')}</th>{totals}</tr></tbody></table>"
    )


# --------------------------------------------------------------------------- the HTML report

STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:1100px;padding:16px 24px;
color:#1a1a1a;line-height:1.4}
h1{font-size:1.6em;margin:.2em 0} h2{font-size:1.25em;margin-top:1.6em;border-bottom:1px solid #ccc}
.mm-disclaimer{color:#6b4e00;background:#fff6dc;padding:4px 10px;border-radius:4px;display:inline-block}
.mm-cards{display:flex;gap:12px;flex-wrap:wrap;margin:12px 0}
.mm-card{border:1px solid #ccc;border-radius:6px;padding:8px 14px;min-width:150px}
.mm-card b{display:block;font-size:1.5em}
table{border-collapse:collapse;margin:8px 0;font-size:.93em}
th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f2f2f2} td.num{text-align:right;white-space:nowrap}
.mm-why{font-size:.9em;color:#333}
.mm-glance{display:flex;flex-wrap:wrap;gap:8px 24px;align-items:flex-start}
.mm-figure svg{max-width:100%;height:auto}
details{margin:4px 0} summary{cursor:pointer}
.mm-groups{display:flex;gap:32px;flex-wrap:wrap} .mm-groups h2{border:0}
.mm-notes li{font-family:ui-monospace,monospace;font-size:.88em}
table.mm-grouped{font-size:.88em} table.mm-grouped caption{text-align:left;font-weight:600;padding:4px 0}
table.mm-grouped td,table.mm-grouped th{padding:2px 6px} table.mm-grouped th small{color:#555;font-weight:normal}
.mm-high{background:#cfe9f8} .mm-mid{background:#fff3d6} .mm-low{background:#f6c88a} .mm-none{background:#fafafa}
.mm-total th,.mm-total td{border-top:2px solid #888}
.mm-scroll{overflow-x:auto;max-width:100%}
"""


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _table(header: list[str], rows: list[list[str]], numeric: set[int] = frozenset()) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in header)
    body = "".join(
        "<tr>"
        + "".join(f"<td class='num'>{c}</td>" if i in numeric else f"<td>{c}</td>" for i, c in enumerate(row))
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _question_header() -> list[str]:
    """The questions table's column headings (the vocabulary's ``questions.report``; a question left
    unanswered in the questions' own words)."""
    words = shipped_question_words()
    keys = ("question", "right", None, "most_common_wrong", "pathways_answer", "why")
    return [words.report[key] if key else words.say("no_answer") for key in keys]


def _why(feedback: str, lead: int = 120) -> str:
    """The deciding step, its first words shown and the whole quote (with its trials) a click away."""
    if len(feedback) <= lead:
        return f"<span class='mm-why'>{_e(feedback)}</span>"
    cut = feedback.rfind(" ", 0, lead)
    return f"<details class='mm-why'><summary>{_e(feedback[:cut])} …</summary>{_e(feedback[cut:])}</details>"


def report_html(summary: ClassSummary, command: str = "") -> str:
    """The class report as one self-contained HTML page (figures inline, every user text escaped)."""
    book = summary.book
    n, asked = len(summary.learners), summary.asked
    scores = [c for _, c, _, _ in summary.learners]
    median = statistics.median(scores) if scores else 0
    hardest = min(summary.questions, key=lambda q: q.share) if summary.questions and n else None
    said = shipped_question_words().report
    say = shipped_question_words().report_html
    cards = [
        (said["card_learners"], str(n)),
        (said["card_asked"], str(asked)),
        (said["card_median"], f"{median:g} / {asked}"),
        (said["card_range"], f"{min(scores)}–{max(scores)}" if scores else "–"),
        (said["card_notes"], str(len(book.notes))),
    ]
    difficulty, grid = figure_svgs(summary)
    figures = (
        f'<div class="mm-glance"><div class="mm-figure" role="img" aria-label="{_e(grid_alt(summary))}">{grid}</div>'
        f'<div class="mm-figure" role="img" aria-label="{_e(difficulty_alt(summary))}">{difficulty}</div></div>'
    )
    shades = {
        shade: f"<span class='mm-{shade}'>&nbsp;{say('shade_' + shade)}&nbsp;</span>"
        for shade in ("high", "mid", "low")
    }
    if len(summary.questions) > GROUPED_ABOVE:  # readable at 60 questions: grouped first, every answer folded
        glance = (
            f"<p><small>{say('shading', **shades)}</small></p>"
            f"<div class='mm-scroll'>{case_by_part_table(summary)}</div>"
            f"<div class='mm-scroll'>{learner_by_case_table(summary)}</div>"
            f"<details><summary>{say('every_answer', count=len(summary.questions))}</summary>{figures}</details>"
        )
    else:
        glance = figures
    by_difficulty = sorted(summary.questions, key=lambda q: (q.share, q.label))
    question_rows = [
        [
            f"<b>{_e(q.label)}</b><br><small>{_e(q.prompt)}</small>",
            f"{q.correct} / {q.learners}<br>({_percent(q.share)})",
            str(q.unanswered),
            f"{_e(q.common_wrong)} <small>({_learners(q.common_wrong_count)})</small>" if q.common_wrong else "–",
            _e(q.right_answer),
            _why(q.why),
        ]
        for q in by_difficulty
    ]
    group_rows = lambda groups: [  # noqa: E731 (a two-table helper reads best inline)
        [_e(g.name), str(g.questions), f"{g.correct} / {g.asked}", _percent(g.share)] for g in groups
    ]
    learner_rows = []
    for name, correct, total, answered in sorted(summary.learners, key=lambda r: (-r[1], r[0])):
        missed = [book.answer(name, c.id, k) for c, k in book.asked if not book.answer(name, c.id, k).grade.correct]
        detail = "".join(
            f"<li><b>{_e(a.case.id)} · {_e(part_words(a.kind))}</b>: "
            f"{_e(book.words(a.case.id, a.kind, a.grade.given))}</li>"
            for a in missed
        )
        learner_rows.append(
            [
                _e(name),
                f"{correct} / {total}",
                _percent(correct / total if total else 0),
                f"{answered} / {total}",
                f"<details><summary>{say('missed_count', count=len(missed))}</summary><ul>{detail}</ul></details>"
                if missed
                else "–",
            ]
        )

    def group_header(first: str) -> list[str]:
        return [first, said["questions"], said["right"], said["share"]]

    learner_header = [said[key] for key in ("learner", "score", "share", "answered", "to_review")]
    notes = "".join(f"<li>{_e(note)}</li>" for note in book.notes) or f"<li>{say('no_notes')}</li>"
    top = (
        "<p>"
        + say(
            "hardest",
            question=f"<b>{_e(hardest.label)}</b>",
            right=hardest.correct,
            learners=hardest.learners,
            chose=say("most_chose", answer=_e(hardest.common_wrong)) if hardest.common_wrong else "",
        )
        + "</p>"
        if hardest
        else ""
    )
    again = f"<p><small>{say('made_with', command=f'<code>{_e(command)}</code>')}</small></p>" if command else ""
    title = say("title", title=_e(book.cases.title))
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>{STYLE}</style></head>
<body class="mm-report">
<h1>{title}</h1>
<p class="mm-disclaimer">{_e(DISCLAIMER)}</p>
<p>{say("graded_by", ruleset=f"<b>{_e(book.cases.ruleset)}</b>")}</p>
<div class="mm-cards">{"".join(f"<div class='mm-card'><b>{_e(v)}</b>{_e(k)}</div>" for k, v in cards)}</div>
{top}
<h2>{say("at_a_glance")}</h2>
{glance}
<div class="mm-groups"><div><h2>{say("by_part")}</h2>
{_table(group_header(said["part_of_the_plan"]), group_rows(summary.parts), {1, 2, 3})}</div>
<div><h2>{say("by_subtype")}</h2>
{_table(group_header(said["subtype"]), group_rows(summary.subtypes), {1, 2, 3})}</div></div>
<h2>{say("hardest_first")}</h2>
{_table(_question_header(), question_rows, {1, 2})}
<h2>{say("learners")}</h2>
{_table(learner_header, learner_rows, {1, 2, 3})}
<h2>{say("notes")}</h2>
<ul class="mm-notes">{notes}</ul>
{again}
</body></html>
"""


def write_report(summary: ClassSummary, out_dir: str | Path, command: str = "") -> list[Path]:
    """Write report.html, grades.csv, answers.csv and grades.json into ``out_dir``; return the paths.

    The caller checks that ``out_dir`` may be written (see ``prepare_out_dir``).
    """
    files = {
        "report.html": report_html(summary, command),
        "grades.csv": grades_csv(summary),
        "answers.csv": answers_csv(summary),
        "grades.json": json.dumps(grades_json(summary), indent=2, ensure_ascii=False) + "\n",
    }
    return write_files(out_dir, files)  # all four whole, or the earlier ones left as they were
