"""Check-yourself questions for the chapters: pick an answer, get instant feedback with its source.

Answers are passed in by the notebook, computed from the engine or the registry (never
typed as a clinical fact), so a question cannot drift from what the workbook teaches.
"""

from __future__ import annotations

import html

import ipywidgets as w

from .evidence import registry


class Question:
    """One multiple-choice question with instant feedback.

    >>> q = Question("2 + 2?", ["3", "4"], answer="4", why="Arithmetic.", cite=["ajcc-8"])
    >>> q.choose("3").correct, q.choose("4").correct
    (False, True)
    """

    def __init__(self, prompt: str, options, answer: str, why: str, cite=()):
        if answer not in options:
            raise ValueError(f"answer {answer!r} is not among the options {list(options)}")
        reg = registry()
        self.prompt, self.answer, self.why = prompt, answer, why
        self.sources = "; ".join(reg[c].short_citation() for c in cite)
        self.buttons = w.ToggleButtons(options=list(options), value=None, style={"button_width": "auto"})
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
        self.correct = option == self.answer
        verdict = (
            "<b style='color:#009E73'>✔ Right.</b>"
            if self.correct
            else f"<b style='color:#D55E00'>✘ Not quite</b> — the answer is <b>{html.escape(self.answer)}</b>."
        )
        source = f" <small>[{html.escape(self.sources)}]</small>" if self.sources else ""
        self.result.value = f"{verdict} {html.escape(self.why)}{source}"
        return self

    @property
    def widget(self) -> w.Widget:
        return w.VBox(
            [w.HTML(f"<b>Check yourself:</b> {html.escape(self.prompt)}"), self.buttons, self.result],
            layout=w.Layout(border="1px solid #ddd", padding="6px", margin="6px 0"),
        )

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)
