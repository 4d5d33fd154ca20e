"""The flowchart as a live widget: the SVG is sent once per view, a route only restyles it.

``FlowchartWidget`` (an ``anywidget``, so it needs no notebook extension build: anywidget
ships a prebuilt JupyterLab and Voila extension) shows a ruleset's pathway as inline SVG.
Python sends the SVG of the current view once; a new ``path`` is applied in the browser by
toggling CSS classes on the elements whose ``data-node`` / ``data-edges`` lie on it, which
costs a few milliseconds and no kernel work. Both shipped rulesets are drawn at first use
and kept, so switching ruleset only swaps cached strings.

Traits (synced with the browser):

- ``path``: node ids of the route to light (the engine's ``plan.path``);
- ``stage``: ``None`` (the whole pathway), ``"route"`` (the route view of ``path``) or the
  id of one of ``stages(ruleset)``;
- ``selected``: the node id the learner clicked or chose with the keyboard (Tab, then
  Enter); its step, rationale, evidence grade and citations show in a panel, each cited
  trial with a figure one click away (that sets ``figure`` to the registry id);
- ``ruleset``: the name of the ruleset shown; ``set_ruleset(name_or_ruleset)`` switches;
- ``room``: the panel's width in CSS px, reported by the browser: the route view is drawn to
  fit it (one column in the explorer, more where there is room).

The widget's root element has the CSS class ``mm-flowchart``.

>>> w = FlowchartWidget(ruleset="seed-2025")
>>> w.path = ["deposit", "axilla_micro"]
>>> w.stage = "route"; "mm-route-node-axilla_micro" in w.svg
True
"""

from __future__ import annotations

import threading
from functools import lru_cache

import anywidget
import traitlets as t

from ...ground.vocabulary import shipped as shipped_words
from ...pathway.ruleset import Ruleset, load_ruleset, shipped_names
from .details import details_html, node_details
from .panel import CSS, ESM, panel_words
from .roles import flowchart_words
from .route import ROUTE_WIDTH, answers_of, route_svg_for_path
from .stage_views import stages
from .svg import flowchart_svg

ROUTE = "route"


@lru_cache(maxsize=16)
def _details(rules: Ruleset) -> dict[str, str]:
    return {n: details_html(node_details(rules, n), rules.vocabulary.plan_words) for n in rules.nodes}


def _views(rules: Ruleset) -> list[list[str]]:
    words = flowchart_words(rules)
    return [["", words.say("whole"), []], [ROUTE, words.say("route"), []]] + [
        [s.id, s.title, list(s.nodes)] for s in stages(rules)
    ]


def warm(ruleset: str | Ruleset) -> None:
    """Draw every view of a ruleset and its click details now, so a switch later is instant.

    >>> warm("seed-2025")
    """
    rules = load_ruleset(ruleset)
    for stage in [None, *(s.id for s in stages(rules))]:
        flowchart_svg(rules, (), stage)
    _details(rules)


_WARMING: list[threading.Thread] = []


def _warm_shipped_in_background() -> None:
    if not _WARMING:  # once per process: the other shipped rulesets, without blocking the page
        thread = threading.Thread(target=lambda: [warm(name) for name in shipped_names()], daemon=True)
        _WARMING.append(thread)
        thread.start()


class FlowchartWidget(anywidget.AnyWidget):
    """The pathway flowchart: light a route with ``path``, pick a view with ``stage``, read the
    node a learner selected from ``selected``.

    >>> FlowchartWidget(stage="setting").svg.count("mm-node ") > 5
    True
    """

    _esm = ESM
    _css = CSS
    svg = t.Unicode("").tag(sync=True)
    path = t.List(t.Unicode()).tag(sync=True)
    stage = t.Unicode(None, allow_none=True).tag(sync=True)
    selected = t.Unicode("").tag(sync=True)
    ruleset = t.Unicode("trials-2024").tag(sync=True)
    details = t.Dict().tag(sync=True)
    views = t.List().tag(sync=True)
    figure = t.Unicode("").tag(sync=True)
    figure_html = t.Unicode("").tag(sync=True)
    room = t.Int(ROUTE_WIDTH).tag(sync=True)  # the panel's width in CSS px, as the browser reports it
    words = t.Dict().tag(sync=True)  # the panel's own words (flowchart.words in the vocabulary)
    answers = t.List()  # (question id, label of the branch taken): the route names the one that matched

    def __init__(self, ruleset: str | Ruleset = "trials-2024", stage: str | None = None, path=(), **kwargs):
        self._rules = load_ruleset(ruleset)
        super().__init__(ruleset=self._rules.id, stage=stage, path=list(path), **kwargs)
        self._show_ruleset()
        _warm_shipped_in_background()

    def set_ruleset(self, ruleset: str | Ruleset) -> FlowchartWidget:
        """Show another ruleset (a shipped name, a file path or a loaded ``Ruleset``); its
        drawings are cached, so this sends strings and lays nothing out again."""
        self._rules = load_ruleset(ruleset)
        with self.hold_sync():
            self.ruleset = self._rules.id
            self._show_ruleset()
        return self

    def _show_ruleset(self) -> None:
        rules = self._rules
        ids = {s.id for s in stages(rules)}
        with self.hold_sync():
            if self.stage not in (None, "", ROUTE) and self.stage not in ids:
                self.stage = None
            if self.selected not in rules.nodes:
                self.selected = ""
            self.views = _views(rules)
            self.words = panel_words(rules)
            # Click details need the evidence registry and the figure index (matplotlib):
            # fetched at the first click, not before the chart shows.
            self.details = _details(rules) if self.selected else {}
            self._draw()

    def _draw(self) -> None:
        if self.stage == ROUTE:
            known = [n for n in self.path if n in self._rules.nodes]
            width = max(self.room, 200)
            said = tuple((n, label) for n, label in self.answers if n in known)
            if known:
                self.svg = route_svg_for_path(self._rules, tuple(known), width, said)
            else:
                self.svg = flowchart_svg(self._rules)
        else:
            self.svg = flowchart_svg(self._rules, (), self.stage or None)

    @t.observe("ruleset")
    def _ruleset_changed(self, change) -> None:
        if change["new"] != self._rules.id:
            self.set_ruleset(change["new"])

    @t.validate("stage")
    def _valid_stage(self, proposal):
        value = proposal["value"]
        allowed = {s.id for s in stages(self._rules)} if hasattr(self, "_rules") else set()
        if value in (None, "", ROUTE) or value in allowed or not allowed:
            return value
        raise t.TraitError(
            f"stage: {value!r} is not a view of {self._rules.id}; allowed: route, {', '.join(sorted(allowed))}"
        )

    @t.observe("stage")
    def _stage_changed(self, change) -> None:
        if hasattr(self, "_rules"):
            self._draw()

    @t.observe("room")
    def _room_changed(self, change) -> None:
        if self.stage == ROUTE and hasattr(self, "_rules"):  # a wider panel may hold the route in more columns
            self._draw()

    def show_plan(self, plan, ruleset: str | Ruleset | None = None) -> FlowchartWidget:
        """Light a plan's route: its path and, at each question, the branch its patient took.
        With ``ruleset`` (the plan's, when it differs from the one shown) the chart switches to it
        in the same step: the route is drawn once, for the new ruleset.

        >>> from micromets import Patient, recommend
        >>> plan = recommend(Patient(1.2, "pos", "pos", "neg", "post", "bcs"), "seed-2025")
        >>> "micro 0.2–2 mm" in FlowchartWidget(ruleset="seed-2025", stage="route").show_plan(plan).svg
        True
        >>> chart = FlowchartWidget(ruleset="trials-2024", stage="route").show_plan(plan, "seed-2025")
        >>> chart.ruleset, "micro 0.2–2 mm" in chart.svg
        ('seed-2025', True)
        """
        # One drawing, and the route's path and drawing (and a new ruleset's views) reach the browser
        # in one message: it restyles once, instead of swapping the drawing and, a frame later, the path.
        with self.hold_sync(), self.hold_trait_notifications():
            self.answers = [list(pair) for pair in answers_of(plan)]
            self.path = list(plan.path)
            if ruleset is not None:  # drawn here, with the new path: no drawing of the old path in the new ruleset
                self.set_ruleset(ruleset)
        return self

    @t.observe("path", "answers")
    def _path_changed(self, change) -> None:
        if self.stage == ROUTE:  # the route view is laid out per route; every other view only restyles
            self._draw()

    @t.observe("selected")
    def _selected_changed(self, change) -> None:
        if change["new"] and change["new"] not in self.details:
            self.details = _details(self._rules)

    @t.observe("figure")
    def _figure_changed(self, change) -> None:
        self.figure_html = figure_html(change["new"]) if change["new"] else ""


def figure_html(entry_id: str) -> str:
    """A registry entry's trial figure as an ``<img>``, its alt text the figure's words and numbers
    (drawn by ``views/figures/trials.py``: every matplotlib drawing lives in ``views/figures/``).

    >>> figure_html("ibcsg-23-01").startswith('<img alt="Trial figure: IBCSG 23-01')
    True
    """
    from ..display import figure_html as picture
    from ..figure_index import describe
    from ..figures import figure_for

    return picture(figure_for(entry_id), shipped_words().flowchart.say("figure", trial=describe(entry_id)))
