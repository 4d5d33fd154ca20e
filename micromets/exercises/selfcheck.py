"""Check-yourself questions for the chapters: pick an answer, get instant feedback with its source.

One question system: a self-check question is the same ``Asked`` record the exercises use
(prompt, choices, accepted answers, cited feedback), shown with the same feedback. Either ask
a kind of exercise question about a patient (``ask_about``: the engine answers it), or write
the prompt and pass an answer computed from the engine or the registry (``Question``), never
typed as a clinical fact, so a question cannot drift from what the workbook teaches.
"""

from __future__ import annotations

import html

import ipywidgets as w

from ..pathway.patient import Patient
from ..views.display import Displayed
from .questions import Asked, Choice, Feedback, ask, quiz_words
from .quiz import feedback_html


class Question(Displayed):
    """One multiple-choice question with instant feedback.

    >>> q = Question("2 + 2?", ["3", "4"], answer="4", why="Arithmetic.", cite=["ajcc-8"])
    >>> q.choose("3").correct, q.choose("4").correct
    (False, True)
    """

    def __init__(self, prompt: str, options=(), answer: str | None = None, why: str = "", cite=(), *, asked=None):
        if asked is None:
            options = list(options)
            if answer not in options:
                raise ValueError(f"answer {answer!r} is not among the options {options}")
            asked = Asked(
                "selfcheck", prompt, tuple(Choice(o, o) for o in options), (answer,), Feedback(why, tuple(cite))
            )
        self.asked: Asked = asked
        self.prompt, self.answer = asked.prompt, asked.accepted[0]
        self.buttons = w.ToggleButtons(
            options=[(c.label, c.value) for c in asked.choices], value=None, style={"button_width": "auto"}
        )
        self.result = w.HTML()
        self.correct: bool | None = None
        self.buttons.observe(lambda change: self.choose(change["new"]), names="value")

    def choose(self, option: str | None) -> Question:
        """Select an option (as a click would) and show the feedback."""
        if self.buttons.value != option:
            self.buttons.value = option
            return self
        if option is None:
            return self
        result = self.asked.grade(option)
        self.correct = result.correct
        self.result.value = feedback_html(self.asked, result)
        return self

    @property
    def widget(self) -> w.Widget:
        return w.VBox(
            [w.HTML(f"<b>{quiz_words('check_yourself')}</b> {html.escape(self.prompt)}"), self.buttons, self.result],
            layout=w.Layout(border="1px solid #ddd", padding="6px", margin="6px 0"),
        )


def ask_about(kind: str, patient: Patient, ruleset="trials-2024", prompt: str | None = None) -> Question:
    """A self-check question of any exercise kind about a patient, answered by the engine.

    >>> from micromets import Patient
    >>> q = ask_about("axilla", Patient(1.0, "pos", "pos", "neg", "post", "bcs"))
    >>> q.choose("no_alnd").correct
    True
    """
    asked = ask(kind, patient, ruleset)
    if prompt is not None:
        asked = Asked(asked.kind, prompt, asked.choices, asked.accepted, asked.feedback, asked.part)
    return Question(asked.prompt, asked=asked)
