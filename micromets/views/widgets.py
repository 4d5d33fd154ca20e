"""The explorer: vary a patient's features and watch the plan, the lit flowchart path and
the evidence change together, on one screen.

Widgets are thin: each change builds a ``Patient``, calls the engine and renders. The
controls are generated from ``INPUT_FIELDS`` (type, label, range, starting value, allowed
values), so a field is declared once; a value a control cannot show is refused with the
``Patient``'s own ``InputError``, never clamped. Which inputs are enabled is read from the
plan's own path (an input the route never asks about cannot change it), so no clinical rule
lives here. Every view is one widget updated in place, so nothing flickers or duplicates.
"""

from __future__ import annotations

import html
import math
import re
from pathlib import Path
from string import Template

import ipywidgets as w

from ..ground.errors import InputError
from ..ground.evidence import registry
from ..ground.staging import ITC_MAX_MM, MICROMETASTASIS_MAX_MM
from ..ground.vocabulary import shipped as shipped_words
from ..ground.words.explorer import shipped_explorer_words
from ..ground.words.phrases import fill_html
from ..pathway.engine import recommend
from ..pathway.patient import INPUT_FIELDS, InputField, Patient
from ..pathway.ruleset import load_ruleset, shipped_names
from .display import BAND_COLOURS, BAND_TEXT, Displayed, figure_html, img_html
from .figures.encode import figure_bytes
from .figures.projector import enlarge_text
from .figures.staging import plot_deposit_ruler
from .form import (
    button_values,
    choice_label,
    deposit_track,
    enabled_inputs,
    input_groups,
    is_button_row,
    patient_values,
    refusal_words,
    track_at,
)
from .range_input import RangeInput
from .render import PLAN_CSS, plan_summary_html, plan_text

_WORDS = shipped_explorer_words()  # the controls' own words (data: explorer in the vocabulary)

DEFAULT_RULESET = "trials-2024"
FLOWCHART = "flowchart"  # the "Show" choice that shows the chart rather than a trial figure
NOT_GIVEN = ""  # the "not given" value of a button row (a ToggleButtons value cannot be None)
LABEL_WIDTH = "130px"
CONTROL_WIDTH = "360px"

EXPLORER_CSS = (
    """
<style>
.mm-explorer { container-type: inline-size; font-size: 13px; }
.mm-explorer .mm-body { display: grid !important; gap: 6px 16px; align-items: start;
  grid-template-columns: 370px minmax(0, 1fr) 280px; grid-template-areas: "inputs chart plan"; }
@container (max-width: 1150px) {
  .mm-explorer .mm-body { grid-template-columns: 370px minmax(0, 1fr);
    grid-template-areas: "inputs chart" "inputs plan"; }
}
.mm-explorer .mm-inputs { grid-area: inputs; }
.mm-explorer .mm-chart-column { grid-area: chart; min-width: 0; }
.mm-explorer .mm-plan { grid-area: plan; min-width: 0; }
.mm-explorer .mm-group { font-weight: bold; margin: 6px 0 0 0; line-height: 18px; height: 18px; }
.mm-inputs .widget-inline-hbox { height: auto; min-height: 28px; margin-top: 1px; margin-bottom: 1px; }
.mm-inputs .widget-label { white-space: normal; line-height: 14px; height: auto; min-height: 14px;
  align-self: center; overflow: visible; text-overflow: clip; }
.mm-explorer { --mm-label-width: 130px; --mm-flowchart-height: calc(100vh - 250px); }
.mm-inputs .widget-toggle-buttons { display: flex; align-items: center; margin: 1px 0; }
.mm-inputs .widget-toggle-buttons > div { display: flex; flex-wrap: wrap; gap: 2px; }
.mm-inputs .widget-toggle-buttons .widget-label { text-align: right; padding-right: 6px;
  margin-right: 6px; box-sizing: border-box; flex: 0 0 auto; }
.mm-inputs .widget-toggle-buttons .widget-toggle-button { width: auto; min-width: 40px;
  padding: 0 7px; margin: 0; overflow: visible; text-overflow: clip; height: 26px; }
.mm-explorer .widget-html-content { line-height: 1.35; }
.mm-inputs .widget-label { text-align: right; }
.mm-inputs .widget-checkbox { width: auto; }
.mm-inputs .widget-checkbox .widget-label-basic { overflow: visible; }
.mm-explorer .mm-figure { overflow: auto; }
.mm-explorer .mm-error { color: #A33F00; font-weight: bold; }
"""
    + PLAN_CSS
    + "</style>\n"
)

# Projector mode (the ``mm-present`` toggle): a layout class on the explorer and larger type, nothing
# else. The chart and the plan share the first screen, the inputs fold below them, and the flowchart
# is zoomed (CSS zoom: the chart reports its narrower unzoomed width, so the route view is laid out
# for it) until its 12-13 px labels read at 18 px or more from the back of a room.
PRESENT_ZOOM = 1.55  # the smallest chart label (12 px) reads at 18.6 px
# A room needs every label at 18 px, so a wide screen (1366 px) still holds one column of the route:
# the route is drawn up to this much larger to fill the chart's width rather than leave half of it empty.
PRESENT_ROUTE_GROW = 1.3  # the route's 12 px labels read at 24 px; 3 to 4 of its rows show
# A trial figure keeps its width (9-10 in: 864-960 px at its own size) and takes the whole row; its
# smallest text grows to 11 pt (14.7 px at its own size) and the figure grows taller to make room.
PRESENT_FIGURE_MIN_PT = 11.0
PRESENT_FIGURE_TALLER = 1.3
PRESENT_CSS = f"""
<style>
.mm-explorer.mm-presenting {{ font-size: 17px; }}
.mm-explorer.mm-presenting .mm-body {{ grid-template-columns: minmax(0, 1fr) minmax(250px, 32%);
  grid-template-areas: "chart plan" "inputs inputs"; }}
.mm-explorer.mm-presenting .mm-flowchart {{ zoom: {PRESENT_ZOOM}; --mm-route-grow: {PRESENT_ROUTE_GROW};
  --mm-flowchart-height: calc((100vh - 300px) / {PRESENT_ZOOM}); }}
.mm-explorer.mm-presenting .mm-plan, .mm-explorer.mm-presenting .mm-plan .widget-html-content {{ font-size: 18px; }}
.mm-explorer.mm-presenting .mm-plan .mm-headline {{ font-size: 21px; }}
.mm-explorer.mm-presenting .mm-inputs {{ border-top: 1px solid #ddd; padding-top: 6px; max-width: 370px; }}
.mm-explorer.mm-presenting.mm-showing-figure .mm-body {{ grid-template-columns: minmax(0, 1fr);
  grid-template-areas: "chart" "plan" "inputs"; }}
.mm-explorer .mm-present {{ margin-left: 12px; }}
/* A wide screen: the disclaimer and the chart's bar take one line each, so the chart may be taller. */
@container (min-width: 1200px) {{
  .mm-explorer.mm-presenting .mm-flowchart {{ --mm-flowchart-height: calc((100vh - 240px) / {PRESENT_ZOOM}); }}
}}
</style>
"""


# ------------------------------------------------------------------ words and rulers


def _words_html(key: str, **html_names) -> str:
    """An explorer phrase as HTML: its words escaped, each ``$name`` filled with the HTML given."""
    return fill_html(_WORDS[key], **html_names)


def _trial_words(entry_id: str) -> str:
    """A trial's figure as the chart picker offers it ("Trial: IBCSG 23-01")."""
    return Template(_WORDS["trial"]).substitute(trial=registry()[entry_id].name)


def class_label(deposit_class: str) -> str:
    """A deposit class as a learner reads it, capitalised.

    >>> class_label("micrometastasis")
    'Micrometastasis'
    """
    return shipped_words().label("deposit_class", deposit_class)


def deposit_band_html(size_mm: float, deposit_class: str, reach: float) -> str:
    """Under the deposit slider: the class boundaries marked in line with its track, and the class.

    >>> "Micrometastasis" in deposit_band_html(1.0, "micrometastasis", 5.0)
    True
    """
    ticks = "".join(
        f"<span style='position:absolute;left:{track_at(mm, reach)};transform:translateX(-50%);font-size:11px'>"
        f"{mm:g} mm</span>"
        for mm in (ITC_MAX_MM, MICROMETASTASIS_MAX_MM)
    )
    return (
        f"<div class='mm-band-ticks' aria-hidden='true' style='position:relative;height:14px;"
        f"margin:0 46px 0 136px'>{ticks}</div>"
        f"<div class='mm-deposit-class' style='margin-left:136px'>"
        + _words_html(
            "band",
            size=f"{size_mm:g}",
            deposit_class=f"<b style='color:{BAND_TEXT[deposit_class]}'>{html.escape(class_label(deposit_class))}</b>",
        )
        + "</div>"
    )


def _nice_step(spec: InputField, top: float) -> float:
    """A slider step: about a hundredth of the range on a 1-2-5 scale, landing on the minimum."""
    if spec.kind == "int":
        return 1
    raw = (top - (spec.minimum or 0)) / 100
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    ladder = sorted({m * 10.0**k for m in (1, 2, 5) for k in range(-4, 4)}, reverse=True)
    for smaller in (s for s in ladder if s <= step):
        # The steps must land on the minimum: tumour size from 0.1 mm moves by 0.1, not 0.5.
        if not spec.minimum or math.isclose(spec.minimum / smaller, round(spec.minimum / smaller)):
            return smaller
    return step
    return step


# ------------------------------------------------------------------ one control per field


class FieldControl:
    """One patient input shown as a control built from its ``InputField`` declaration.

    Choices and small whole-number ranges are a row of buttons; numbers are a slider over
    the declared range (or, with no maximum, up to the declared reach, growing to show a
    larger value) or, without a reach, a number box. An optional number gets a "given" box.

    >>> age = FieldControl(INPUT_FIELDS["age"])
    >>> int(age.control.min), int(age.control.max), age.get()
    (18, 120, None)
    >>> age.set(110).get()
    110
    """

    def __init__(self, spec: InputField, value: object = None):
        self.spec = spec
        self.given: w.Checkbox | None = None
        start = spec.check(value if value is not None else spec.default)
        if is_button_row(spec):
            values = button_values(spec)
            options = [(choice_label(spec, v) if spec.kind == "choice" else str(v), v) for v in values]
            if spec.optional:
                options = [(_WORDS["not_given"], NOT_GIVEN), *options]
            self.control = w.ToggleButtons(
                options=options,
                value=NOT_GIVEN if start is None else start,
                description=spec.label,
                tooltips=[spec.help or spec.label] * len(options),
                style={"description_width": LABEL_WIDTH},
            )
        else:
            resting = start if start is not None else (spec.typical if spec.typical is not None else spec.minimum)
            if spec.maximum is None and spec.reach is None:
                kind = w.IntText if spec.kind == "int" else w.FloatText
                self.control = kind(
                    value=resting,
                    description=spec.label,
                    style={"description_width": LABEL_WIDTH},
                    layout=w.Layout(width="250px"),
                )
            else:
                top = spec.maximum if spec.maximum is not None else max(spec.reach, resting)
                step = _nice_step(spec, spec.maximum if spec.maximum is not None else spec.reach)
                unit = re.search(r"\(([^)]*)\)$", spec.label)
                self.control = RangeInput(
                    value=resting,
                    min=spec.minimum,
                    max=top,
                    step=step,
                    digits=0 if spec.kind == "int" else max(0, -math.floor(math.log10(step) + 1e-9)),
                    description=spec.label,
                    help=spec.help or spec.label,
                    unit=unit.group(1) if unit else "",
                    layout=w.Layout(width="296px" if spec.optional else CONTROL_WIDTH),
                )
            if spec.optional:
                self.given = w.Checkbox(
                    value=start is not None, description=_WORDS["given"], indent=False, layout=w.Layout(width="64px")
                )
        self.widget = self.control if self.given is None else w.HBox([self.control, self.given])
        self.widgets = [self.control] + ([self.given] if self.given else [])

    def get(self) -> object:
        """The field's value as the control shows it (None: not given)."""
        if self.given is not None and not self.given.value:
            return None
        value = self.control.value
        if value == NOT_GIVEN and isinstance(value, str) and self.spec.kind != "choice":
            return None
        if value == NOT_GIVEN and self.spec.optional and self.spec.kind == "choice":
            return None
        if self.spec.kind == "float":
            return round(float(value), 6)  # a slider's float steps carry binary noise (0.15000000000000002)
        if self.spec.kind == "int" and isinstance(value, float):
            return int(value)
        return value

    def set(self, value: object) -> FieldControl:
        """Show ``value``; refuse one the patient would refuse (``InputError``), never clamp."""
        value = self.spec.check(value)
        if value is None:
            if self.given is not None:
                self.given.value = False
            else:
                self.control.value = NOT_GIVEN
            return self
        if hasattr(self.control, "max") and value > self.control.max:
            self.control.max = value  # only fields without a maximum get here (check() refused the rest)
        self.control.value = value
        if self.given is not None:
            self.given.value = True
        return self

    @property
    def disabled(self) -> bool:
        return self.control.disabled

    @disabled.setter
    def disabled(self, off: bool) -> None:
        if self.given is not None:
            self.given.disabled = off
            self.control.disabled = off or not self.given.value
        else:
            self.control.disabled = off


# ------------------------------------------------------------------ the plan beside the chart


def _ruleset_key(ruleset) -> str:
    return str(ruleset)


# ------------------------------------------------------------------ the explorer


class Explorer(Displayed):
    """The interactive explorer. Display it in a notebook; drive it with ``set(...)`` in tests.

    ``ruleset`` is a shipped name or an instructor's ruleset file; ``patient_fields`` start
    the inputs (as in ``Patient``). A value a control cannot show raises ``InputError``.

    >>> ex = Explorer()
    >>> ex.set(deposit_mm=2.5).plan.deposit_class
    'macrometastasis'
    >>> Explorer(age=110).values()["age"]
    110
    """

    def __init__(self, ruleset: str | Path = DEFAULT_RULESET, **patient_fields):
        unknown = [name for name in patient_fields if name not in INPUT_FIELDS]
        if unknown:
            raise InputError(unknown[0], f"not an explorer input; allowed: {', '.join(INPUT_FIELDS)}")
        self.controls: dict[str, FieldControl] = {
            name: FieldControl(spec, patient_fields.get(name)) for name, spec in INPUT_FIELDS.items()
        }
        self._rulesets: dict[str, object] = {}
        self.ruleset = w.Dropdown(
            options=[],
            description=_WORDS["pathway"],
            style={"description_width": "60px"},
            layout=w.Layout(width="640px"),
        )
        self._add_ruleset(DEFAULT_RULESET)
        for name in shipped_names():
            self._add_ruleset(name)
        self.ruleset.value = self._add_ruleset(ruleset)
        self.band = w.HTML()
        self.band.add_class("mm-band")
        self.plan_view = w.HTML()
        from .flowchart.widget import ROUTE, FlowchartWidget

        # The chart is drawn once per ruleset and view; a new route only restyles it in the browser.
        # It opens on this patient's route (legible at any size); the whole pathway and its
        # stages are one click away in its own bar.
        self.chart_view = FlowchartWidget(ruleset=self._rulesets[self.ruleset.value], stage=ROUTE)
        self.chart_view.add_class("mm-flowchart")
        self.figure_choice = w.Dropdown(description=_WORDS["show"], style={"description_width": "40px"})
        self.figure_view = w.HTML(layout=w.Layout(display="none"))
        self.figure_view.add_class("mm-figure")
        self.error = w.HTML()
        self.error.add_class("mm-error")
        self.present_toggle = w.ToggleButton(
            value=False,
            description=_WORDS["projector"],
            tooltip=_WORDS["projector_tip"],
            layout=w.Layout(width="auto"),
        )
        self.present_toggle.add_class("mm-present")
        self.present_toggle.observe(self._present_changed, names="value")
        self.chart_view.observe(self._panel_figure, names="figure")
        self.plan = None
        self._figure_cache: dict[str, str] = {}
        self._controls = [c for field in self.controls.values() for c in field.widgets] + [self.ruleset]
        for control in self._controls:
            control.observe(self._changed, names="value")
        self.figure_choice.observe(self._show_figure, names="value")
        self.update()

    def __getattr__(self, name):
        # ``ex.age`` etc.: the control of a field, for tests and notebooks.
        controls = self.__dict__.get("controls", {})
        if name in controls:
            return controls[name]
        raise AttributeError(name)

    # ------------------------------------------------------------------ state

    def _add_ruleset(self, ruleset) -> str:
        """Load a shipped name or a file once, offer it by its title; returns its key."""
        key = _ruleset_key(ruleset)
        if key not in self._rulesets:
            loaded = load_ruleset(ruleset)
            self._rulesets[key] = loaded
            label = loaded.title if key in shipped_names() else f"{loaded.title} ({Path(key).name})"
            self.ruleset.options = [*self.ruleset.options, (label, key)]
        return key

    def values(self) -> dict:
        """The patient fields the controls currently describe."""
        return patient_values({name: field.get() for name, field in self.controls.items()})

    def set(self, **changes) -> Explorer:
        """Change inputs as a learner would (field names as in ``Patient``, or ``ruleset``).

        Optional fields accept None for "not given". A value the patient would refuse raises
        the same ``InputError``, and the explorer keeps its previous state.
        """
        ruleset = changes.pop("ruleset", None)
        for name, value in changes.items():
            if name not in self.controls:
                raise InputError(name, f"not an explorer input; allowed: ruleset, {', '.join(INPUT_FIELDS)}")
            INPUT_FIELDS[name].check(value)  # refuse before anything moves
        self._hold = True
        try:
            if ruleset is not None:
                self.ruleset.value = self._add_ruleset(ruleset)
            for name, value in changes.items():
                self.controls[name].set(value)
        finally:
            self._hold = False
        self.update()
        return self

    # ------------------------------------------------------------------ rendering

    _hold = False

    def _changed(self, change) -> None:
        if not self._hold:
            self.update()

    def update(self) -> None:
        """Recompute the plan and refresh every view in place."""
        values = self.values()
        try:
            patient = Patient(**values)
        except InputError as error:  # e.g. 0 nodes with a micrometastasis: shown, never raised
            self.error.value = html.escape(refusal_words(error))
            return
        self.error.value = ""
        plan = recommend(patient, self._rulesets[self.ruleset.value])
        self.plan = plan
        deposit = self.controls["deposit_mm"].control
        deposit.band = deposit_track(deposit.max)
        self.band.value = deposit_band_html(patient.deposit_mm, patient.deposit_class, deposit.max)
        self.plan_view.value = plan_summary_html(plan)
        self._draw_chart(plan)
        self._enable(plan)
        self._offer_figures(plan)

    def _draw_chart(self, plan) -> None:
        rules = self._rulesets[self.ruleset.value]
        switch = self.chart_view.ruleset != rules.id or self._charted is not rules
        self._charted = rules
        # The path, the answer that matched at each question and, after a switch, the new ruleset.
        self.chart_view.show_plan(plan, rules if switch else None)
        self.lit_path = plan.path  # what the chart shows lit: the engine's path, nothing else

    _charted = None

    def _enable(self, plan) -> None:
        enabled = enabled_inputs(plan, self.controls["deposit_mm"].get())
        for name, field in self.controls.items():
            field.disabled = name not in enabled

    def _offer_figures(self, plan) -> None:
        from .figure_index import has_figure

        cited = [c for step in plan.steps for c in step.citations if has_figure(c)]
        options = [(_WORDS["flowchart"], FLOWCHART)] + [(_trial_words(c), c) for c in dict.fromkeys(cited)]
        current = self.figure_choice.value
        if [v for _, v in self.figure_choice.options] != [v for _, v in options]:
            self.figure_choice.options = options
            self.figure_choice.value = current if current in [v for _, v in options] else FLOWCHART

    def _show_figure(self, change=None) -> None:
        choice = self.figure_choice.value
        entry_id = None if choice in (FLOWCHART, None) else choice
        self.chart_view.layout.display = "none" if entry_id else None
        self.figure_view.layout.display = None if entry_id else "none"
        if hasattr(self, "_widget"):  # a projected figure takes the whole row
            (self._widget.add_class if entry_id else self._widget.remove_class)("mm-showing-figure")
        if entry_id is None:
            self.figure_view.value = ""  # hidden anyway; the next figure then never shows the last one first
            return
        key = (entry_id, self.presenting)
        if key not in self._figure_cache:
            from .figure_index import describe
            from .figures import figure_for

            figure = figure_for(entry_id)
            if self.presenting:  # the same figure, drawn for a projector: narrower, with larger text
                enlarge_text(figure, PRESENT_FIGURE_MIN_PT, PRESENT_FIGURE_TALLER)
            self._figure_cache[key] = figure_html(figure, describe(entry_id))
        self.figure_view.value = self._figure_cache[key]

    # ------------------------------------------------------------------ projector mode

    @property
    def presenting(self) -> bool:
        """Whether the projector view is on (the ``mm-present`` toggle)."""
        return self.present_toggle.value

    def present(self, on: bool = True) -> Explorer:
        """Switch the projector view on (or off): larger type, the chart and the plan on one screen.

        >>> Explorer().present().presenting
        True
        """
        self.present_toggle.value = bool(on)
        return self

    def _panel_figure(self, change) -> None:
        """On a projector the click panel's figure would be too small to read: the trial a learner asked
        for there is shown in the figure view instead, drawn for the projector."""
        entry_id = change["new"]
        if not (self.presenting and entry_id):
            return
        offered = [value for _, value in self.figure_choice.options]
        if entry_id not in offered:
            self.figure_choice.options = [
                *self.figure_choice.options,
                (_trial_words(entry_id), entry_id),
            ]
        self.chart_view.selected = ""  # close the panel: the figure takes the chart's place
        self.chart_view.figure = ""
        self.figure_choice.value = entry_id

    def _present_changed(self, change) -> None:
        if hasattr(self, "_widget"):
            (self._widget.add_class if change["new"] else self._widget.remove_class)("mm-presenting")
        self._show_figure()

    # ------------------------------------------------------------------ layout

    @property
    def widget(self) -> w.Widget:
        """The whole explorer as one widget (CSS classes ``mm-explorer``, ``mm-inputs``,
        ``mm-flowchart``, ``mm-plan``)."""
        if not hasattr(self, "_widget"):
            rows: list[w.Widget] = []
            for title, names in input_groups({name: INPUT_FIELDS[name] for name in self.controls}):
                heading = w.HTML(html.escape(title))
                heading.add_class("mm-group")
                rows.append(heading)
                for name in names:
                    rows.append(self.controls[name].widget)
                    if name == "deposit_mm":
                        rows.append(self.band)
            note = w.HTML(f"<small>{_words_html('greyed_out')}</small>")
            inputs = w.VBox([*rows, note, self.error])
            inputs.add_class("mm-inputs")
            chart_column = w.VBox([self.figure_choice, self.chart_view, self.figure_view])
            chart_column.add_class("mm-chart-column")
            plan = w.VBox([self.plan_view])
            plan.add_class("mm-plan")
            body = w.Box([inputs, chart_column, plan])
            body.add_class("mm-body")
            head = w.HBox([w.HTML(EXPLORER_CSS + PRESENT_CSS), self.ruleset, self.present_toggle])
            self._widget = w.VBox([head, body])
            self._widget.add_class("mm-explorer")
            if self.presenting:
                self._widget.add_class("mm-presenting")
            if self.figure_choice.value not in (FLOWCHART, None):
                self._widget.add_class("mm-showing-figure")
        return self._widget


def explore(ruleset: str | Path = DEFAULT_RULESET, **patient_fields) -> Explorer:
    """Build an explorer (display it as the last line of a cell).

    >>> explore(her2="pos").plan.options[0]
    ('chemotherapy', 'trastuzumab', 'endocrine')
    """
    return Explorer(ruleset, **patient_fields)


# ------------------------------------------------------------------ chapter 01's ruler


class StagingRuler(Displayed):
    """An interactive ruler: set a deposit's size and cell count and see its AJCC class drawn to scale.

    >>> ruler = StagingRuler()
    >>> ruler.size.value = 0.15; ruler.cells.value = 250
    >>> ruler.deposit_class
    'micrometastasis'
    """

    RULER_MM = 3.0

    def __init__(self, size_mm: float = 0.5, cells: int = 0):
        from ..ground.staging import classify_deposit

        self._classify = classify_deposit
        self.size = RangeInput(
            value=size_mm,
            min=0.01,
            max=self.RULER_MM,
            step=0.01,
            digits=2,
            description=_WORDS["ruler_size"],
            unit="mm",
            band=deposit_track(self.RULER_MM),
            layout=w.Layout(width="460px"),
        )
        self.cells = w.BoundedIntText(
            value=cells,
            min=0,
            max=100_000,
            description=_WORDS["ruler_cells"],
            style={"description_width": "initial"},
            layout=w.Layout(width="330px"),
        )
        self.picture = w.HTML()
        self.verdict = w.HTML()
        self.deposit_class = ""
        self._ax = None
        for control in (self.size, self.cells):
            control.observe(lambda _: self.update(), names="value")
        self.update()

    def _draw(self) -> str:
        bands = [
            (0, ITC_MAX_MM, "itc"),
            (ITC_MAX_MM, MICROMETASTASIS_MAX_MM, "micrometastasis"),
            (MICROMETASTASIS_MAX_MM, self.RULER_MM, "macrometastasis"),
        ]
        size = self.size.value
        # One figure, redrawn in place on every change (``_ax`` is None before the first drawing).
        self._ax = plot_deposit_ruler(
            [(low, high, class_label(code), BAND_COLOURS[code]) for low, high, code in bands],
            size,
            BAND_COLOURS[self.deposit_class],
            self.RULER_MM,
            ax=self._ax,
        )
        alt = Template(_WORDS["ruler_alt"]).substitute(
            size=f"{size:.2f}", ruler=f"{self.RULER_MM:g}", deposit_class=class_label(self.deposit_class)
        )
        return img_html(figure_bytes(self._ax.figure, "svg"), alt, max_width="760px")

    def update(self) -> None:
        cells = self.cells.value or None
        self.deposit_class = self._classify(self.size.value, cells)
        self.picture.value = self._draw()
        from ..ground.staging import nodal_category

        reason = ""
        if self.deposit_class == "micrometastasis" and self.size.value <= ITC_MAX_MM:
            reason = " " + _words_html("ruler_cells_reason")
        category = nodal_category(self.deposit_class, 1)
        size = f"{self.size.value:.2f}"
        deposit = (
            _words_html("ruler_deposit_cells", size=size, cells=cells)
            if cells
            else _words_html("ruler_deposit", size=size)
        )
        verdict = _words_html(
            "ruler_verdict",
            deposit=deposit,
            deposit_class=html.escape(class_label(self.deposit_class)),
            category=html.escape(category),
        )
        self.verdict.value = f"<b style='color:{BAND_TEXT[self.deposit_class]}'>{verdict}{reason}</b>"

    @property
    def widget(self) -> w.Widget:
        return w.VBox(
            [w.HBox([self.size, self.cells], layout=w.Layout(flex_flow="row wrap")), self.verdict, self.picture]
        )


class PlanCard(Displayed):
    """A plan shown in a notebook as its short summary, with steps, reasons and sources folded.

    >>> from micromets import Patient, recommend
    >>> card = plan_card(recommend(Patient(1.0, "pos", "pos", "neg", "post", "bcs")))
    >>> "mm-plan" in card._repr_mimebundle_()["text/html"], "Sources: IBCSG 23-01" in str(card)
    (True, True)
    """

    def __init__(self, plan):
        self.plan = plan

    def render(self) -> tuple[str, str]:
        html_text = f"<div class='mm-plan' style='max-width:720px'>{EXPLORER_CSS}{plan_summary_html(self.plan)}</div>"
        return html_text, plan_text(self.plan)


def plan_card(plan) -> PlanCard:
    """Show a plan compactly in a notebook (end a cell with it)."""
    return PlanCard(plan)
