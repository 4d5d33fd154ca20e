"""Views read the engine: the flowchart lights exactly the plan's path, figures draw registry numbers,
and the explorer's inputs change the outputs they should."""

import matplotlib

matplotlib.use("Agg")  # before pyplot is imported: tests draw off-screen

import matplotlib.pyplot as plt  # noqa: E402 (after matplotlib.use)
import pytest  # noqa: E402 (after matplotlib.use)
from matplotlib.lines import Line2D  # noqa: E402 (after matplotlib.use)

from micromets import (  # noqa: E402 (after matplotlib.use)
    Patient,
    figures,
    load_ruleset,
    recommend,
    registry,
    shipped_names,
)
from micromets.flowchart import LIT_ACTION, LIT_QUESTION, chart_for, draw_flowchart  # noqa: E402 (after matplotlib.use)
from micromets.widgets import Explorer  # noqa: E402 (after matplotlib.use)

from .conftest import patient  # noqa: E402 (after matplotlib.use)
from .test_compare import FIXTURE  # noqa: E402 (after matplotlib.use)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


# Flowchart -------------------------------------------------------------------------------


@pytest.mark.parametrize("ruleset", [*shipped_names(), str(FIXTURE)])
def test_flowchart_draws_every_node_and_lights_exactly_the_path(ruleset):
    rules = load_ruleset(ruleset)
    chart = draw_flowchart(rules)
    assert set(chart.boxes) == set(rules.nodes)
    branches = sum(len({b.next for b in n.branches}) for n in rules.nodes.values() if n.is_question)
    actions = sum(1 for n in rules.nodes.values() if not n.is_question and n.next != "end")
    assert len(chart.edges) == branches + actions
    for p in (
        patient(),
        patient(deposit_mm=0.1, er="neg", pr="neg", her2="pos", surgery="mastectomy"),
        patient(deposit_mm=3, positive_nodes=5, recurrence_score=40, menopause="pre"),
    ):
        plan = recommend(p, rules)
        chart.highlight(plan.path)
        assert chart.lit_nodes() == list(plan.path)
        for node_id, box in chart.boxes.items():
            if node_id in plan.path:
                assert box.get_alpha() == 1
            else:
                assert box.get_alpha() < 0.5


def test_question_and_recommendation_nodes_have_distinct_shapes_and_colours():
    chart = draw_flowchart("seed-2025", path=recommend(patient(), "seed-2025").path)
    assert type(chart.boxes["deposit"]).__name__ == "Polygon"
    assert type(chart.boxes["axilla_micro"]).__name__ == "FancyBboxPatch"
    assert matplotlib.colors.to_hex(chart.boxes["deposit"].get_facecolor()) == LIT_QUESTION.lower()
    assert matplotlib.colors.to_hex(chart.boxes["axilla_micro"].get_facecolor()) == LIT_ACTION.lower()


def test_branch_labels_are_drawn_on_edges():
    chart = draw_flowchart("seed-2025")
    texts = [a.get_text() for artists in chart.edges.values() for a in artists if hasattr(a, "get_text")]
    assert "micro 0.2–2 mm" in texts and "not tested" in texts


def test_fast_render_matches_the_path_and_exports(tmp_path):
    chart = chart_for("seed-2025")
    plan = recommend(patient(deposit_mm=2.5), "seed-2025")
    png = chart.render(plan.path)
    assert png[:4] == b"\x89PNG" and chart.lit_nodes() == list(plan.path)
    for suffix in ("png", "svg"):
        out = tmp_path / f"chart.{suffix}"
        draw_flowchart("seed-2025", plan.path).save(str(out))
        assert out.stat().st_size > 1000
    assert "<svg" in (tmp_path / "chart.svg").read_text()[:500]


# Trial figures ----------------------------------------------------------------------------


def drawn_values(fig) -> set[float]:
    values = set()
    for ax in fig.axes:
        for line in ax.lines:
            if isinstance(line, Line2D) and line.get_gid():
                values.add(round(float(line.get_xdata()[0]), 4))
        for patch in ax.patches:
            values.add(round(float(patch.get_height()), 4))
    return values


def test_every_registry_number_that_can_be_plotted_is_drawn_with_its_source():
    for entry_id, entry in registry().items():
        numbers = figures.plottable(entry)
        if not numbers:
            continue
        fig = figures.plot_trial(entry_id)
        values = drawn_values(fig)
        plt.close(figures.figure_for(entry_id))  # the curated figure offered in the explorer renders too
        for e in numbers:
            assert round(float(figures._ratio_value(e) if figures._is_ratio(e) else e.value), 4) in values, (
                entry_id,
                e,
            )
        assert entry.short in fig.get_supxlabel()
        for ax in fig.axes:
            assert ax.get_xlabel() or ax.get_ylabel()
        plt.close(fig)


def test_unverified_numbers_are_drawn_hollow_and_footnoted():
    fig = figures.plot_ibcsg()
    markers = {line.get_gid(): line for line in fig.axes[0].lines if line.get_gid()}
    os_marker = markers["OS|no ALND|97.6"]
    dfs_marker = markers["DFS|no ALND|87.8"]
    assert os_marker.get_markerfacecolor() == "white"
    assert dfs_marker.get_markerfacecolor() != "white"
    assert "not yet checked against the publication" in fig.get_supxlabel()
    assert "Not drawn (no number in the registry): OS 10 y" in " ".join(fig.get_supxlabel().split())


def test_forest_plot_holds_the_axillary_hazard_ratios_and_the_ibcsg_margin():
    ax = figures.plot_forest()
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert any("IBCSG 23-01" in label for label in labels) and any("AMAROS" in label for label in labels)
    assert ax.get_xscale() == "log"
    margin = registry()["ibcsg-23-01"].ni_margin
    assert any(list(line.get_xdata()) == [margin, margin] for line in ax.lines)


def test_figures_use_the_colour_blind_safe_palette():
    fig = figures.plot_score_trials()
    colours = {matplotlib.colors.to_hex(line.get_color()) for ax in fig.axes for line in ax.lines if line.get_gid()}
    assert colours <= {c.lower() for c in figures.PALETTE}


# Explorer -----------------------------------------------------------------------------------


def test_deposit_slider_across_the_boundaries_changes_category_plan_and_path():
    ex = Explorer()
    seen = {}
    for size in (0.15, 0.25, 1.95, 2.05):
        ex.set(deposit_mm=size)
        seen[size] = (ex.plan.nodal_category, ex.plan.path[2])  # after "setting" and "deposit"
        assert ex.plan.nodal_category in ex.plan_view.value
        assert ex.plan.deposit_class in ex.band.value
    assert seen[0.15] == ("pN0(i+)", "axilla_itc")
    assert seen[0.25] == ("pN1mi", "axilla_micro")
    assert seen[1.95] == ("pN1mi", "axilla_micro")
    assert seen[2.05][0] == "pN1a" and seen[2.05][1] == "macro_surgery"
    assert chart_for("trials-2024").lit_nodes() == list(ex.plan.path)


@pytest.mark.parametrize(
    "change, check",
    [
        ({"her2": "pos"}, lambda p: "trastuzumab" in p.options[0]),
        ({"er": "neg", "pr": "neg"}, lambda p: p.options == (("chemotherapy",),)),
        ({"menopause": "pre"}, lambda p: ("ovarian_suppression", "endocrine") in p.options),
        ({"surgery": "mastectomy"}, lambda p: p.radiation == "pmrt_depends_on_risk_factors"),
        ({"recurrence_score": 35}, lambda p: p.options == (("chemotherapy", "endocrine"),)),
        ({"positive_nodes": 5}, lambda p: "micromets_many_nodes" in p.warning_ids),
        ({"deposit_mm": 0.1, "cells": 500}, lambda p: p.deposit_class == "micrometastasis"),
        ({"ruleset": "trials-2024", "recurrence_score": 20}, lambda p: p.options == (("endocrine",),)),
        (
            {"ruleset": "trials-2024", "recurrence_score": 20, "menopause": "pre", "age": 45},
            lambda p: ("ovarian_suppression", "endocrine") in p.options,
        ),
    ],
)
def test_each_input_changes_the_plan_it_should(change, check):
    ex = Explorer()
    before = ex.plan_view.value
    ex.set(**change)
    assert check(ex.plan)
    assert ex.plan_view.value != before


def test_inputs_that_cannot_change_the_plan_are_disabled_not_ignored():
    ex = Explorer()
    assert ex.score_tested.disabled is False  # HR+/HER2- pN1mi: the score is asked
    assert ex.cells_counted.disabled is True  # 1.2 mm: cells cannot change the class
    ex.set(er="neg", pr="neg")
    assert ex.score_tested.disabled is True  # HR-negative: the score is never asked
    ex.set(deposit_mm=0.15)
    assert ex.cells_counted.disabled is False
    ex.set(deposit_mm=0)
    assert ex.nodes.disabled is True
    ex.set(ruleset="trials-2024", er="pos", deposit_mm=0, recurrence_score=20)
    assert ex.age_known.disabled is False  # TAILORx asks the age at scores 16-25


def test_each_step_offers_its_trial_figure_and_views_update_in_place():
    ex = Explorer()
    chart_widget, plan_widget = ex.chart_view, ex.plan_view
    offered = [value for _, value in ex.figure_choice.options if value]
    assert "ibcsg-23-01" in offered and "ebctcg-bisphosphonates" in offered
    ex.figure_choice.value = "ibcsg-23-01"
    assert ex.figure_view.value[:4] == b"\x89PNG"
    ex.set(deposit_mm=3.0)
    assert ex.chart_view is chart_widget and ex.plan_view is plan_widget
    assert "z0011" in [value for _, value in ex.figure_choice.options if value]


def test_every_input_control_is_shown_in_the_explorer():
    ex = Explorer()

    def shown(widget):
        yield widget
        for child in getattr(widget, "children", ()):
            yield from shown(child)

    on_screen = set(map(id, shown(ex.widget)))
    missing = [c.description for c in ex._controls if id(c) not in on_screen]
    assert missing == []
    assert id(ex.band) in on_screen and id(ex.chart_view) in on_screen and id(ex.figure_view) in on_screen


def test_explorer_patient_matches_the_engine_directly():
    ex = Explorer().set(deposit_mm=1.0, her2="pos", menopause="pre")
    direct = recommend(Patient(**ex.values()))
    assert ex.plan.to_dict() == direct.to_dict()
