"""The explorer: vary a patient's features and watch the plan, the lit flowchart path and
the evidence change together.

Widgets are thin: each change builds a ``Patient``, calls the engine and renders. Which
inputs are enabled is read from the plan itself (an input the plan's path never asks
about cannot change it), so no clinical rule lives here. Every view has one output
widget updated in place (HTML and Image values), so nothing flickers or duplicates.
"""

from __future__ import annotations

import html

import ipywidgets as w

from .engine import DISCLAIMER, recommend
from .errors import InputError
from .evidence import registry
from .patient import INPUT_FIELDS, Patient
from .render import plan_html
from .ruleset import shipped_names
from .staging import ITC_MAX_MM, MICROMETASTASIS_MAX_MM, cells_decide

DEFAULTS = {
    "deposit_mm": 1.2,
    "cells": None,
    "positive_nodes": 1,
    "er": "pos",
    "pr": "pos",
    "her2": "neg",
    "menopause": "post",
    "surgery": "bcs",
    "recurrence_score": None,
    "age": None,
    "tumor_mm": None,
    "grade": None,
}
BAND_COLOURS = {"none": "#999999", "itc": "#56B4E9", "micrometastasis": "#009E73", "macrometastasis": "#D55E00"}
SLIDER_MAX_MM = 5.0


def deposit_band_html(size_mm: float, deposit_class: str) -> str:
    """A ruler under the deposit slider: the ITC, micro and macro bands with the value marked.

    >>> "micrometastasis" in deposit_band_html(1.0, "micrometastasis")
    True
    """

    def pct(mm: float) -> float:
        return 100 * min(mm, SLIDER_MAX_MM) / SLIDER_MAX_MM

    bands = [
        ("ITC ≤0.2", 0, ITC_MAX_MM, BAND_COLOURS["itc"]),
        ("micro ≤2.0", ITC_MAX_MM, MICROMETASTASIS_MAX_MM, BAND_COLOURS["micrometastasis"]),
        ("macro >2.0 mm", MICROMETASTASIS_MAX_MM, SLIDER_MAX_MM, BAND_COLOURS["macrometastasis"]),
    ]
    cells = "".join(
        f"<div title='{label}' style='position:absolute;left:{pct(a)}%;width:{pct(b) - pct(a)}%;height:14px;"
        f"background:{colour};opacity:0.75;color:white;font-size:10px;overflow:hidden;white-space:nowrap'>"
        f"&nbsp;{label}</div>"
        for label, a, b, colour in bands
    )
    marker = (
        f"<div style='position:absolute;left:calc({pct(size_mm)}% - 1px);top:-3px;width:3px;height:20px;"
        f"background:black'></div>"
    )
    return (
        f"<div style='position:relative;height:16px;margin:0 4px 2px 4px'>{cells}{marker}</div>"
        f"<div class='mm-deposit-class' style='font-size:12px'>{size_mm:g} mm: "
        f"<b style='color:{BAND_COLOURS[deposit_class]}'>{html.escape(deposit_class)}</b></div>"
    )


class Explorer:
    """The interactive explorer. Display it in a notebook; drive it with ``set(...)`` in tests.

    >>> ex = Explorer()
    >>> ex.set(deposit_mm=2.5).plan.deposit_class
    'macrometastasis'
    """

    def __init__(self, ruleset: str = "trials-2024", **patient_fields):
        values = {**DEFAULTS, **patient_fields}
        style = {"description_width": "150px"}
        wide = w.Layout(width="420px")
        self.deposit = w.FloatSlider(
            value=values["deposit_mm"],
            min=0,
            max=SLIDER_MAX_MM,
            step=0.05,
            description="Largest deposit (mm)",
            style=style,
            layout=wide,
            readout_format=".2f",
        )
        self.cells_counted = w.Checkbox(
            value=values["cells"] is not None, description="cells counted", indent=False, layout=w.Layout(width="110px")
        )
        self.cells = w.BoundedIntText(
            value=values["cells"] or 150,
            min=0,
            max=100_000,
            description="Cells in cluster",
            style=style,
            layout=w.Layout(width="230px"),
        )
        self.nodes = w.IntSlider(
            value=values["positive_nodes"] or 1,
            min=1,
            max=15,
            description="Nodes with deposit",
            style=style,
            layout=wide,
        )
        toggles = {}
        for name in ("er", "pr", "her2", "menopause", "surgery"):
            spec = INPUT_FIELDS[name]
            toggles[name] = w.ToggleButtons(
                options=list(spec.choices),
                value=values[name],
                description=spec.label,
                style={**style, "button_width": "96px"},
            )
        self.er, self.pr, self.her2, self.menopause, self.surgery = (
            toggles[n] for n in ("er", "pr", "her2", "menopause", "surgery")
        )
        self.score_tested = w.Checkbox(
            value=values["recurrence_score"] is not None,
            description="tested",
            indent=False,
            layout=w.Layout(width="70px"),
        )
        self.score = w.IntSlider(
            value=values["recurrence_score"] or 20,
            min=0,
            max=100,
            description="Recurrence score",
            style=style,
            layout=wide,
        )
        self.age_known = w.Checkbox(
            value=values["age"] is not None, description="given", indent=False, layout=w.Layout(width="70px")
        )
        self.age = w.IntSlider(
            value=values["age"] or 55, min=18, max=95, description="Age (years)", style=style, layout=wide
        )
        self.size_known = w.Checkbox(
            value=values["tumor_mm"] is not None, description="given", indent=False, layout=w.Layout(width="70px")
        )
        self.tumor = w.FloatSlider(
            value=values["tumor_mm"] or 15,
            min=1,
            max=50,
            step=0.5,
            description="Tumour size (mm)",
            style=style,
            layout=wide,
        )
        # 0 stands for "not given": a Dropdown shows a None value as an empty box.
        self.grade = w.Dropdown(
            options=[("not given", 0), ("1", 1), ("2", 2), ("3", 3)],
            value=values["grade"] or 0,
            description="Grade",
            style=style,
            layout=w.Layout(width="260px"),
        )
        self.ruleset = w.Dropdown(
            options=shipped_names(), value=ruleset, description="Ruleset", style=style, layout=w.Layout(width="330px")
        )
        self.band = w.HTML(layout=w.Layout(width="216px"))
        self.plan_view = w.HTML()
        self.chart_view = w.Image(format="png", layout=w.Layout(width="100%", max_width="1000px"))
        self.figure_choice = w.Dropdown(description="Trial figure", style=style, layout=w.Layout(width="520px"))
        self.figure_view = w.Image(format="png", layout=w.Layout(width="100%", max_width="900px"))
        self.error = w.HTML()
        self.plan = None
        self._figure_cache: dict[str, bytes] = {}
        self._controls = [
            self.deposit,
            self.cells_counted,
            self.cells,
            self.nodes,
            *toggles.values(),
            self.score_tested,
            self.score,
            self.age_known,
            self.age,
            self.size_known,
            self.tumor,
            self.grade,
            self.ruleset,
        ]
        for control in self._controls:
            control.observe(self._changed, names="value")
        self.figure_choice.observe(self._show_figure, names="value")
        self.update()

    # ------------------------------------------------------------------ state

    def values(self) -> dict:
        """The patient fields the widgets currently describe."""
        size = round(self.deposit.value, 4)
        return {
            "deposit_mm": size,
            "cells": self.cells.value if self.cells_counted.value and size > 0 else None,
            "positive_nodes": self.nodes.value if size > 0 else None,
            "er": self.er.value,
            "pr": self.pr.value,
            "her2": self.her2.value,
            "menopause": self.menopause.value,
            "surgery": self.surgery.value,
            "recurrence_score": self.score.value if self.score_tested.value else None,
            "age": self.age.value if self.age_known.value else None,
            "tumor_mm": self.tumor.value if self.size_known.value else None,
            "grade": self.grade.value or None,
        }

    def set(self, **changes) -> Explorer:
        """Change inputs as a learner would (field names as in ``Patient``); returns self.

        ``recurrence_score``, ``age``, ``tumor_mm`` and ``cells`` accept None for "not given".
        """
        targets = {
            "deposit_mm": self.deposit,
            "positive_nodes": self.nodes,
            "er": self.er,
            "pr": self.pr,
            "her2": self.her2,
            "menopause": self.menopause,
            "surgery": self.surgery,
            "ruleset": self.ruleset,
        }
        if "grade" in changes:
            self.grade.value = changes.pop("grade") or 0
        optional = {
            "recurrence_score": (self.score_tested, self.score),
            "age": (self.age_known, self.age),
            "tumor_mm": (self.size_known, self.tumor),
            "cells": (self.cells_counted, self.cells),
        }
        for name, value in changes.items():
            if name in targets:
                targets[name].value = value
            elif name in optional:
                flag, slider = optional[name]
                if value is not None:
                    slider.value = value
                flag.value = value is not None
            else:
                raise InputError(name, f"not an explorer input; allowed: {', '.join([*targets, *optional])}")
        return self

    # ------------------------------------------------------------------ rendering

    def _changed(self, change) -> None:
        self.update()

    def update(self) -> None:
        """Recompute the plan and refresh every view in place."""
        try:
            patient = Patient(**self.values())
        except InputError as error:  # cannot happen from the widgets' ranges; shown, never raised
            self.error.value = f"<b style='color:#D55E00'>{html.escape(str(error))}</b>"
            return
        self.error.value = ""
        from .flowchart import chart_for

        plan = recommend(patient, self.ruleset.value)
        self.plan = plan
        self.band.value = deposit_band_html(patient.deposit_mm, patient.deposit_class)
        self.plan_view.value = plan_html(plan)
        self.chart_view.value = chart_for(self.ruleset.value).render(plan.path)
        self._enable(plan)
        self._offer_figures(plan)

    def _enable(self, plan) -> None:
        used = plan.inputs_used()
        size = self.deposit.value
        self.nodes.disabled = "positive_nodes" not in used or size == 0
        self.cells_counted.disabled = not cells_decide(size)
        self.cells.disabled = self.cells_counted.disabled or not self.cells_counted.value
        for name, flag, slider in (
            ("recurrence_score", self.score_tested, self.score),
            ("age", self.age_known, self.age),
            ("tumor_mm", self.size_known, self.tumor),
        ):
            flag.disabled = name not in used
            slider.disabled = flag.disabled or not flag.value
        self.grade.disabled = "grade" not in used
        for name in ("er", "pr", "her2", "menopause", "surgery"):
            getattr(self, name).disabled = name not in used

    def _offer_figures(self, plan) -> None:
        from .figures import has_figure

        reg = registry()
        options = [
            (f"{reg[c].name} – {step.text[:60]}…", c) for step in plan.steps for c in step.citations if has_figure(c)
        ]
        unique = list(dict.fromkeys(options))
        current = self.figure_choice.value
        self.figure_choice.options = [("(choose a step's trial)", None)] + unique
        self.figure_choice.value = current if current in [c for _, c in unique] else None

    def _show_figure(self, change) -> None:
        entry_id = change["new"]
        if entry_id is None:
            self.figure_view.value = b""
            return
        if entry_id not in self._figure_cache:
            import io

            import matplotlib.pyplot as plt

            from .figures import figure_for

            fig = figure_for(entry_id)
            buffer = io.BytesIO()
            fig.savefig(buffer, format="png", dpi=80)
            plt.close(fig)
            self._figure_cache[entry_id] = buffer.getvalue()
        self.figure_view.value = self._figure_cache[entry_id]

    # ------------------------------------------------------------------ layout

    @property
    def widget(self) -> w.Widget:
        """The whole explorer as one widget."""
        if not hasattr(self, "_widget"):
            disclaimer = w.HTML(f"<small><i>{html.escape(DISCLAIMER)}</i></small>")
            inputs = w.VBox(
                [
                    w.HTML("<b>Pathology</b>"),
                    self.deposit,
                    # The spacer puts the band ruler under the slider's track.
                    w.HBox([w.Box(layout=w.Layout(width="158px")), self.band]),
                    w.HBox([self.cells, self.cells_counted]),
                    self.nodes,
                    w.HTML("<b>Tumour biology</b>"),
                    self.er,
                    self.pr,
                    self.her2,
                    w.HBox([self.score, self.score_tested]),
                    w.HBox([self.tumor, self.size_known]),
                    self.grade,
                    w.HTML("<b>Patient and surgery</b>"),
                    self.menopause,
                    w.HBox([self.age, self.age_known]),
                    self.surgery,
                    self.ruleset,
                    w.HTML(
                        "<small>Greyed-out inputs cannot change this plan: the pathway never asks about them "
                        "on this patient's route.</small>"
                    ),
                ],
                layout=w.Layout(width="560px"),
            )
            plan = w.VBox([self.error, self.plan_view], layout=w.Layout(flex="1 1 400px", min_width="360px"))
            tabs = w.Tab(children=[self.chart_view, w.VBox([self.figure_choice, self.figure_view])])
            tabs.set_title(0, "Flowchart")
            tabs.set_title(1, "Trial figures")
            self._widget = w.VBox([disclaimer, w.HBox([inputs, plan], layout=w.Layout(flex_flow="row wrap")), tabs])
        return self._widget

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)


def explore(ruleset: str = "trials-2024", **patient_fields) -> Explorer:
    """Build an explorer (display it as the last line of a cell).

    >>> explore(her2="pos").plan.options[0]
    ('chemotherapy', 'trastuzumab', 'endocrine')
    """
    return Explorer(ruleset, **patient_fields)


class StagingRuler:
    """An interactive ruler: set a deposit's size and cell count and see its AJCC class drawn to scale.

    >>> ruler = StagingRuler()
    >>> ruler.size.value = 0.15; ruler.cells.value = 250
    >>> ruler.deposit_class
    'micrometastasis'
    """

    def __init__(self, size_mm: float = 0.5, cells: int = 0):
        from .staging import classify_deposit

        self._classify = classify_deposit
        self.size = w.FloatSlider(
            value=size_mm,
            min=0.01,
            max=3.0,
            step=0.01,
            description="Deposit (mm)",
            readout_format=".2f",
            layout=w.Layout(width="420px"),
        )
        self.cells = w.BoundedIntText(
            value=cells,
            min=0,
            max=100_000,
            description="Cells (0 = not counted)",
            style={"description_width": "160px"},
            layout=w.Layout(width="300px"),
        )
        self.picture = w.Image(format="png", layout=w.Layout(width="100%", max_width="760px"))
        self.verdict = w.HTML()
        self.deposit_class = ""
        self._figure = None
        for control in (self.size, self.cells):
            control.observe(lambda _: self.update(), names="value")
        self.update()

    def _draw(self) -> bytes:
        import io

        from matplotlib.figure import Figure
        from matplotlib.patches import Circle

        if self._figure is None:
            self._figure = Figure(figsize=(7.6, 1.9), layout="constrained")
            self._ax = self._figure.add_subplot()
        ax = self._ax
        ax.clear()
        for (low, high, label), colour in zip(
            [
                (0, ITC_MAX_MM, "ITC"),
                (ITC_MAX_MM, MICROMETASTASIS_MAX_MM, "micrometastasis"),
                (MICROMETASTASIS_MAX_MM, 3.0, "macro"),
            ],
            ("itc", "micrometastasis", "macrometastasis"),
            strict=False,
        ):
            ax.axvspan(low, high, color=BAND_COLOURS[colour], alpha=0.25)
            ax.text((low + high) / 2, 0.85, label, ha="center", fontsize=8)
        size = self.size.value
        ax.add_patch(Circle((size / 2, 0.35), size / 2, color=BAND_COLOURS[self.deposit_class], alpha=0.9))
        ax.set_xlim(0, 3.0)
        ax.set_ylim(0, 1.0)
        ax.set_aspect("equal", adjustable="datalim")
        ax.set_yticks([])
        ax.set_xlabel("largest diameter of the deposit (mm), drawn to scale")
        buffer = io.BytesIO()
        self._figure.savefig(buffer, format="png", dpi=80)
        return buffer.getvalue()

    def update(self) -> None:
        cells = self.cells.value or None
        self.deposit_class = self._classify(self.size.value, cells)
        self.picture.value = self._draw()
        words_ = {
            "itc": "isolated tumour cells: pN0(i+), not counted as a positive node",
            "micrometastasis": "a micrometastasis: pN1mi",
            "macrometastasis": "a macrometastasis: pN1a or more",
        }
        reason = ""
        if self.deposit_class == "micrometastasis" and self.size.value <= ITC_MAX_MM:
            reason = " (small, but more than 200 cells in one cross-section)"
        self.verdict.value = (
            f"<b style='color:{BAND_COLOURS[self.deposit_class]}'>{self.size.value:.2f} mm"
            f"{f', {cells} cells' if cells else ''} → {words_[self.deposit_class]}{reason}</b>"
        )

    @property
    def widget(self) -> w.Widget:
        return w.VBox([w.HBox([self.size, self.cells]), self.verdict, self.picture])

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)
