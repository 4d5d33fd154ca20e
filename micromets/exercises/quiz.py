"""The quiz widget: asks a case set's questions one case at a time, grades each answer with the
engine and shows cited feedback, keeps a score, and exports the answers for the instructor.

What a learner meets on screen: a case at a time (Previous / Next, the score so far), each
question's options wrapping inside the cell, a plan picked in a few clicks (tick the
treatments; put the parts of the plan in order by clicking them), and feedback set as
paragraphs with its sources on their own line. The choosers only collect an answer value;
the engine still decides what is right.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path

import ipywidgets as w

from ..ground.datafiles import write_files
from ..pathway.engine import DISCLAIMER
from ..views.display import Displayed
from .cases import CaseSet, cases_from_data
from .questions import Asked, Grade, ask, join_of, order_join, quiz_label, quiz_words

NO_ANSWER_STYLE = "margin:2px 0 8px 12px;color:#9a3b00"  # before a question is answered: no feedback yet

# ipywidgets gives each radio label a fixed one-line height, so a long option printed over the
# next one and lost its button; HTML widgets get a 28 px line-height that double-spaces prose.
QUIZ_STYLE = """<style>
.mm-quiz .widget-radio-box label { height: auto; min-height: 20px; line-height: 1.35; white-space: normal;
  display: flex; flex-direction: row-reverse; justify-content: flex-end; align-items: flex-start; gap: 6px;
  margin: 0 0 6px 0; overflow-wrap: anywhere; }
.mm-quiz .widget-radio-box input { flex: none; height: auto; margin: 3px 0 0 1px; }
.mm-quiz .widget-html-content { line-height: 1.45; }
.mm-quiz .mm-picks { flex-wrap: wrap; }
.mm-quiz .mm-picks .widget-checkbox { width: auto; margin-right: 14px; }
.mm-quiz .mm-picks .widget-button { margin: 0 6px 6px 0; }
</style>"""

SOURCES_STYLE = "margin:0 0 8px 0;font-size:0.88em;color:#555"  # inline: self-checks show feedback too
_SOURCES = re.compile(r"\s*\[([^\[\]]+)\]\s*$")  # a paragraph's sources, in brackets at its end


def prose_html(paragraphs) -> str:
    """Feedback paragraphs as HTML: each a paragraph, its bracketed sources on a line of their own.

    >>> shown = prose_html(["“Do it.” [IBCSG 23-01 (2013)]", "It differs."])
    >>> shown.count("<p"), "“Do it.”</p>" in shown, ">Sources: IBCSG 23-01 (2013)</p>" in shown
    (3, True, True)
    """
    out = []
    for paragraph in paragraphs:
        sources = _SOURCES.search(paragraph)
        body = paragraph[: sources.start()] if sources else paragraph
        out.append(f"<p style='margin:0 0 4px 0'>{html.escape(body)}</p>")
        if sources:
            out.append(f"<p style='{SOURCES_STYLE}'>{quiz_words('sources')} {html.escape(sources.group(1))}</p>")
    return "".join(out)


def feedback_html(asked: Asked, result: Grade) -> str:
    """The verdict and cited feedback a learner reads after checking one answer.

    The quiz and the chapters' self-check questions both show feedback this way.
    """
    if result.given is None:  # no feedback yet: it would give the answer away
        return f"<div class='mm-feedback' style='{NO_ANSWER_STYLE}'>{quiz_words('no_answer_yet')}</div>"
    if result.correct:
        verdict = f"<span style='color:#007a5a'><b>{quiz_words('correct')}</b></span>"
    else:
        answer = quiz_words("the_answer", answer=f"<b>{html.escape(asked.answer_words())}</b>")
        verdict = f"<span style='color:#b34700'><b>{quiz_words('not_quite')}</b></span> {answer}"
    return (
        "<div class='mm-feedback' style='margin:2px 0 8px 12px;line-height:1.45;max-width:60em'>"
        f"<p style='margin:0 0 4px 0'>{verdict}</p>{prose_html(asked.feedback.paragraphs())}</div>"
    )


def auto_width_button(description: str, **kwargs) -> w.Button:
    """A button as wide as its words (the default fixed width cuts "Check my answers" off)."""
    layout = w.Layout(width="auto", min_width="max-content", align_self="flex-start")  # not stretched in a VBox
    return w.Button(description=description, layout=layout, **kwargs)


# --------------------------------------------------------------------------- the choosers


class OneOf:
    """One answer from a list: radio buttons whose long labels wrap under their own button."""

    def __init__(self, asked: Asked):
        self.radio = w.RadioButtons(
            options=[(c.label, c.value) for c in asked.choices], value=None, layout=w.Layout(width="100%")
        )
        self.options = self.radio.options
        self.widget = self.radio

    @property
    def value(self) -> str | None:
        return self.radio.value

    @value.setter
    def value(self, value: str | None) -> None:
        self.radio.value = value


class Treatments:
    """A systemic plan picked by ticking its treatments (a few clicks, one screen) instead of
    one radio button per combination. The ticked set is matched to a combination the question
    offers; the engine grades it as before.

    >>> from micromets import Patient, load_ruleset
    >>> words = load_ruleset("trials-2024").vocabulary
    >>> picker = Treatments(ask("systemic", Patient(1.0, "neg", "neg", "pos", "post", "bcs")), words)
    >>> picker.value = "chemotherapy+trastuzumab"
    >>> picker.value, picker.chosen_words()
    ('chemotherapy+trastuzumab', 'chemotherapy with trastuzumab')
    """

    def __init__(self, asked: Asked, vocabulary):
        self.asked = asked
        self.combinations = {frozenset(c.value.split("+")): c for c in asked.choices if c.value}
        order = list(dict.fromkeys(part for c in asked.choices if c.value for part in c.value.split("+")))
        self.order = order
        self.boxes = {
            part: w.Checkbox(
                value=False,
                description=_capital(vocabulary.text("component", part)),
                indent=False,
                layout=w.Layout(width="auto"),
            )
            for part in order
        }
        self.preview = w.HTML()
        for box in self.boxes.values():
            box.observe(lambda _change: self._show(), names="value")
        picks = w.HBox(list(self.boxes.values()))
        picks.add_class("mm-picks")
        hint = w.HTML(f"<small>{quiz_words('tick_hint')}</small>")
        self.widget = w.VBox([hint, picks, self.preview])
        self._show()

    def _chosen(self) -> list[str]:
        return [part for part in self.order if self.boxes[part].value]

    @property
    def value(self) -> str | None:
        chosen = self._chosen()
        if not chosen:
            return None
        match = self.combinations.get(frozenset(chosen))
        return match.value if match else "+".join(chosen)

    @value.setter
    def value(self, value: str | None) -> None:
        wanted = set(value.split("+")) if value else set()
        for part, box in self.boxes.items():
            box.value = part in wanted

    def chosen_words(self) -> str:
        """The ticked plan in words (the offered combination's words when it is one)."""
        chosen = self._chosen()
        match = self.combinations.get(frozenset(chosen))
        if match is not None:
            return match.label
        return join_of("ticked").join(self.boxes[part].description for part in chosen)

    def _show(self) -> None:
        chosen = self.chosen_words()
        plan = f"<b>{html.escape(chosen)}</b>" if chosen else f"<i>{quiz_words('nothing_ticked')}</i>"
        self.preview.value = quiz_words("your_plan", plan=plan)


class InOrder:
    """The parts of a plan put in order by clicking them one after another (``Start again``
    clears), instead of one radio button per possible order.

    >>> from micromets import Patient
    >>> asked = ask("order_treatment", Patient(1.0, "pos", "pos", "neg", "post", "bcs", recurrence_score=30))
    >>> picker = InOrder(asked)
    >>> picker.value = asked.accepted[0]
    >>> picker.value == asked.accepted[0]
    True
    """

    def __init__(self, asked: Asked):
        first = asked.choices[0]
        self.labels = dict(zip(first.value.split(">"), first.label.split(order_join()), strict=True))
        self.order: list[str] = []
        self.buttons = {}
        for part, label in self.labels.items():
            button = auto_width_button(label)
            button.on_click(lambda _b, part=part: self._add(part))
            self.buttons[part] = button
        restart = auto_width_button(quiz_label("start_again"), icon="undo")
        restart.on_click(lambda _b: self._set([]))
        picks = w.HBox([*self.buttons.values(), restart])
        picks.add_class("mm-picks")
        self.preview = w.HTML()
        hint = w.HTML(f"<small>{quiz_words('order_hint')}</small>")
        self.widget = w.VBox([hint, picks, self.preview])
        self._set([])

    def _add(self, part: str) -> None:
        if part not in self.order:
            self._set([*self.order, part])

    def _set(self, order: list[str]) -> None:
        self.order = order
        for part, button in self.buttons.items():
            button.disabled = part in order
        shown = order_join().join(self.labels[p] for p in order)
        left = len(self.labels) - len(order)
        more = f" <i>{quiz_words('more_to_place', count=left)}</i>" if order and left else ""
        placed = f"<b>{html.escape(shown)}</b>{more}" if order else f"<i>{quiz_words('nothing_placed')}</i>"
        self.preview.value = quiz_words("your_order", order=placed)

    @property
    def value(self) -> str | None:
        return ">".join(self.order) if len(self.order) == len(self.labels) else None

    @value.setter
    def value(self, value: str | None) -> None:
        self._set([p for p in (value.split(">") if value else []) if p in self.labels])


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def chooser(asked: Asked, vocabulary):
    """The input for a question: ticks for a systemic plan, clicks in order for a sequence,
    radio buttons otherwise."""
    if asked.kind == "systemic" and len(asked.choices) > 4:
        return Treatments(asked, vocabulary)
    if asked.kind == "order_treatment" and len(asked.choices) > 2:
        return InOrder(asked)
    return OneOf(asked)


# --------------------------------------------------------------------------- the quiz


class Quiz(Displayed):
    """A graded quiz over a case set, one case at a time. Display it in a notebook; drive it
    with ``answer``/``check`` (and ``show`` to turn to a case).

    >>> from micromets.exercises.cases import random_cases
    >>> quiz = Quiz(random_cases(1, seed=3))
    >>> quiz.answer("case-01", "bone_agent", "no").check("case-01")[0].kind
    'nodal_category'
    """

    def __init__(self, case_set: CaseSet, learner: str = ""):
        self.cases = case_set
        self.learner = w.Text(value=learner, description=quiz_label("your_name"), style={"description_width": "120px"})
        self.asked: dict[tuple[str, str], Asked] = {}
        self.inputs: dict[tuple[str, str], object] = {}
        self.feedback: dict[tuple[str, str], w.HTML] = {}
        self.grades: dict[tuple[str, str], Grade] = {}
        self.summary = w.HTML()
        self.saved = w.HTML()
        # Every question is asked (by the engine) up front; a case's widgets are made when it is
        # first shown or answered, so a 50-case bank opens at once and sends one case to the page.
        self._boxes: list[w.VBox | None] = [None] * len(case_set.cases)
        self.check_buttons: list[w.Button] = []
        for case in case_set.cases:
            for kind in case.ask:
                self.asked[(case.id, kind)] = ask(kind, case.patient, case_set.rules)
        self.position = 0
        self.page = w.Box([], layout=w.Layout(display="block"))
        self.previous = auto_width_button(quiz_label("previous"), icon="arrow-left")
        self.next = auto_width_button(quiz_label("next"), icon="arrow-right")
        self.previous.on_click(lambda _: self.show(self.position - 1))
        self.next.on_click(lambda _: self.show(self.position + 1))
        self.where = w.HTML()
        self._update_summary()
        self.show(0)

    def _box(self, position: int) -> w.VBox:
        """The widgets of the case at ``position``, made on first use."""
        if self._boxes[position] is None:
            case, count, rules = self.cases.cases[position], len(self._boxes), self.cases.rules
            heading = quiz_words("case", number=position + 1)
            rows = [w.HTML(f"<h4>{heading}</h4><p>{html.escape(case.vignette)}</p>")]
            for kind in case.ask:
                key = (case.id, kind)
                self.inputs[key] = chooser(self.asked[key], rules.vocabulary)
                self.feedback[key] = w.HTML()
                prompt = w.HTML(f"<b>{html.escape(self.asked[key].prompt)}</b>")
                rows += [prompt, self.inputs[key].widget, self.feedback[key]]
            button = auto_width_button(quiz_label("check"), button_style="primary", icon="check")
            self.check_buttons.append(button)
            button.on_click(lambda _, case_id=case.id: self.check(case_id))
            onward = [button]
            if position + 1 < count:  # the next case is one click away from the feedback, not a scroll up
                turn = auto_width_button(quiz_label("next"), icon="arrow-right")
                turn.on_click(lambda _, after=position + 1: self.show(after))
                onward.append(turn)
            rows.append(w.HBox(onward))
            self._boxes[position] = w.VBox(
                rows, layout=w.Layout(border="1px solid #ddd", padding="6px", margin="6px 0")
            )
        return self._boxes[position]

    def boxes(self) -> list[w.VBox]:
        """Every case's widgets (all made now), in order."""
        return [self._box(i) for i in range(len(self._boxes))]

    def _built(self, case_id: str) -> None:
        self._box(next(i for i, c in enumerate(self.cases.cases) if c.id == case_id))

    def show(self, position: int) -> Quiz:
        """Turn to the case at ``position`` (0 is the first); out-of-range positions are clamped."""
        if not self._boxes:
            return self
        self.position = max(0, min(position, len(self._boxes) - 1))
        self.page.children = [self._box(self.position)]
        self.previous.disabled = self.position == 0
        self.next.disabled = self.position == len(self._boxes) - 1
        self.where.value = quiz_words("where", number=f"<b>{self.position + 1}</b>", count=len(self._boxes))
        return self

    def answer(self, case_id: str, kind: str, value: str | None) -> Quiz:
        """Choose an answer as a learner would."""
        self._built(case_id)
        self.inputs[(case_id, kind)].value = value
        return self

    def check(self, case_id: str) -> list[Grade]:
        """Grade a case's answers against the engine and show the feedback."""
        case = next(c for c in self.cases.cases if c.id == case_id)
        self._built(case_id)
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
        return sum(g.correct for g in self.grades.values()), len(self.asked)

    def _update_summary(self) -> None:
        right, total = self.score()
        checked = len(self.grades)
        score = quiz_words("score", right=right, total=total)
        self.summary.value = f"<b>{score}</b> <small>{quiz_words('checked', checked=checked, total=total)}</small>"

    def answers(self) -> list[dict]:
        """The learner's answers as rows, ready to collect (graded where checked)."""
        rows = []
        for case_id, kind in self.asked:
            widget = self.inputs.get((case_id, kind))
            graded = self.grades.get((case_id, kind))
            rows.append(
                {
                    "learner": self.learner.value,
                    "case": case_id,
                    "question": kind,
                    "answer": widget.value if widget is not None else None,
                    "correct": graded.correct if graded else None,
                }
            )
        return rows

    def export(self, path: str | Path) -> Path:
        """Write the answers as JSON or CSV (by suffix) for the instructor's ``exercise grade``."""
        path = Path(path)
        rows = self.answers()
        if path.suffix == ".csv":
            text = io.StringIO(newline="")
            writer = csv.DictWriter(text, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
            text = text.getvalue()
        else:
            text = json.dumps({"title": self.cases.title, "answers": rows}, indent=2)
        (written,) = write_files(None, {str(path): text})  # whole, or the earlier file kept
        return written

    def _save_clicked(self, _button) -> None:
        name = "".join(ch for ch in (self.learner.value or "learner") if ch.isalnum() or ch in "-_") or "learner"
        saved = self.export(f"answers-{name}.json")
        self.saved.value = quiz_words("saved", file=f"<code>{html.escape(saved.name)}</code>")

    @property
    def widget(self) -> w.Widget:
        """The whole quiz as one widget."""
        if not hasattr(self, "_widget"):
            save = auto_width_button(quiz_label("save"), icon="save")
            save.on_click(self._save_clicked)
            pager = w.HBox([self.previous, self.where, self.next, self.summary])
            pager.layout = w.Layout(align_items="center", flex_flow="row wrap", grid_gap="12px")
            self._widget = w.VBox(
                [
                    w.HTML(
                        f"{QUIZ_STYLE}<h3>{html.escape(self.cases.title)}</h3>"
                        f"<small><i>{html.escape(DISCLAIMER)}</i></small>"
                    ),
                    self.learner,
                    pager,
                    self.page,
                    w.HBox([save, self.saved]),
                ]
            )
            self._widget.add_class("mm-quiz")
        return self._widget


def quiz_from_data(data: object, learner: str = "") -> Quiz:
    """A quiz from a case set carried as data (how a student notebook carries its cases).

    >>> from micromets.exercises.cases import shipped_bank
    >>> quiz_from_data(shipped_bank().to_dict(embed=True)).score()[0]
    0
    """
    return Quiz(cases_from_data(data, "student notebook"), learner)
