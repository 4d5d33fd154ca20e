"""The quiz widget: asks a case set's questions, grades each answer with the engine and
shows cited feedback, keeps a score, and exports the answers for the instructor.
"""

from __future__ import annotations

import csv
import html
import json
from pathlib import Path

import ipywidgets as w

from ..pathway.engine import DISCLAIMER
from ..views.display import Displayed
from .cases import CaseSet, cases_from_data
from .questions import Asked, Grade, ask

NO_ANSWER_HTML = "<div class='mm-feedback' style='margin:2px 0 8px 12px;color:#9a3b00'>" + (
    "No answer chosen: pick one and check again.</div>"
)


def feedback_html(asked: Asked, result: Grade) -> str:
    """The verdict and cited feedback a learner reads after checking one answer.

    The quiz and the chapters' self-check questions both show feedback this way.
    """
    if result.given is None:  # no feedback yet: it would give the answer away
        return NO_ANSWER_HTML
    if result.correct:
        verdict = "<span style='color:#009E73'><b>✔ Correct.</b></span>"
    else:
        verdict = (
            "<span style='color:#D55E00'><b>✘ Not quite.</b></span>"
            f" The answer is: <b>{html.escape(asked.answer_words())}</b>."
        )
    return f"<div class='mm-feedback' style='margin:2px 0 8px 12px'>{verdict} {html.escape(result.feedback)}</div>"


def auto_width_button(description: str, **kwargs) -> w.Button:
    """A button as wide as its words (the default fixed width cuts "Check my answers" off)."""
    layout = w.Layout(width="auto", min_width="max-content", align_self="flex-start")  # not stretched in a VBox
    return w.Button(description=description, layout=layout, **kwargs)


class Quiz(Displayed):
    """A graded quiz over a case set. Display it in a notebook; drive it with ``answer``/``check``.

    >>> from micromets.exercises.cases import random_cases
    >>> quiz = Quiz(random_cases(1, seed=3))
    >>> quiz.answer("case-01", "bone_agent", "no").check("case-01")[0].kind
    'nodal_category'
    """

    def __init__(self, case_set: CaseSet, learner: str = ""):
        self.cases = case_set
        self.learner = w.Text(value=learner, description="Your name or id", style={"description_width": "120px"})
        self.asked: dict[tuple[str, str], Asked] = {}
        self.inputs: dict[tuple[str, str], w.RadioButtons] = {}
        self.feedback: dict[tuple[str, str], w.HTML] = {}
        self.grades: dict[tuple[str, str], Grade] = {}
        self.summary = w.HTML()
        self.saved = w.HTML()
        self._boxes = []
        rules = case_set.rules
        for case in case_set.cases:
            rows = [w.HTML(f"<h4>{html.escape(case.id)}</h4><p>{html.escape(case.vignette)}</p>")]
            for kind in case.ask:
                key = (case.id, kind)
                asked = self.asked[key] = ask(kind, case.patient, rules)
                self.inputs[key] = w.RadioButtons(
                    options=[(c.label, c.value) for c in asked.choices], value=None, layout=w.Layout(width="auto")
                )
                self.feedback[key] = w.HTML()
                rows += [w.HTML(f"<b>{html.escape(asked.prompt)}</b>"), self.inputs[key], self.feedback[key]]
            button = auto_width_button("Check my answers", button_style="primary", icon="check")
            button.on_click(lambda _, case_id=case.id: self.check(case_id))
            rows.append(button)
            self._boxes.append(w.VBox(rows, layout=w.Layout(border="1px solid #ddd", padding="6px", margin="6px 0")))
        self._update_summary()

    def answer(self, case_id: str, kind: str, value: str | None) -> Quiz:
        """Choose an answer as a learner would."""
        self.inputs[(case_id, kind)].value = value
        return self

    def check(self, case_id: str) -> list[Grade]:
        """Grade a case's answers against the engine and show the feedback."""
        case = next(c for c in self.cases.cases if c.id == case_id)
        results = []
        for kind in case.ask:
            key = (case_id, kind)
            result = self.asked[key].grade(self.inputs[key].value)
            self.grades[key] = result
            results.append(result)
            self.feedback[key].value = feedback_html(self.asked[key], result)
        self._update_summary()
        return results

    def score(self) -> tuple[int, int]:
        """(correct answers, questions asked) over all checked and unchecked questions."""
        return sum(g.correct for g in self.grades.values()), len(self.inputs)

    def _update_summary(self) -> None:
        right, total = self.score()
        checked = len(self.grades)
        self.summary.value = f"<b>Score: {right} / {total}</b> <small>({checked} of {total} questions checked)</small>"

    def answers(self) -> list[dict]:
        """The learner's answers as rows, ready to collect (graded where checked)."""
        rows = []
        for (case_id, kind), widget in self.inputs.items():
            graded = self.grades.get((case_id, kind))
            rows.append(
                {
                    "learner": self.learner.value,
                    "case": case_id,
                    "question": kind,
                    "answer": widget.value,
                    "correct": graded.correct if graded else None,
                }
            )
        return rows

    def export(self, path: str | Path) -> Path:
        """Write the answers as JSON or CSV (by suffix) for the instructor's ``exercise grade``."""
        path = Path(path)
        rows = self.answers()
        if path.suffix == ".csv":
            with path.open("w", newline="", encoding="utf-8") as handle:
                writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
                writer.writeheader()
                writer.writerows(rows)
        else:
            path.write_text(json.dumps({"title": self.cases.title, "answers": rows}, indent=2), encoding="utf-8")
        return path

    def _save_clicked(self, _button) -> None:
        name = "".join(ch for ch in (self.learner.value or "learner") if ch.isalnum() or ch in "-_") or "learner"
        saved = self.export(f"answers-{name}.json")
        self.saved.value = f"Saved <code>{html.escape(saved.name)}</code>: hand this file to your instructor."

    @property
    def widget(self) -> w.Widget:
        """The whole quiz as one widget."""
        if not hasattr(self, "_widget"):
            save = auto_width_button("Save my answers", icon="save")
            save.on_click(self._save_clicked)
            self._widget = w.VBox(
                [
                    w.HTML(f"<h3>{html.escape(self.cases.title)}</h3><small><i>{html.escape(DISCLAIMER)}</i></small>"),
                    self.learner,
                    *self._boxes,
                    self.summary,
                    w.HBox([save, self.saved]),
                ]
            )
        return self._widget


def quiz_from_data(data: object, learner: str = "") -> Quiz:
    """A quiz from a case set carried as data (how a student notebook carries its cases).

    >>> from micromets.exercises.cases import shipped_bank
    >>> quiz_from_data(shipped_bank().to_dict(embed=True)).score()[0]
    0
    """
    return Quiz(cases_from_data(data, "student notebook"), learner)
