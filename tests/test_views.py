"""Views read the engine: the flowchart lights exactly the plan's path, figures draw registry numbers,
and the explorer's inputs change the outputs they should."""

import matplotlib

matplotlib.use("Agg")  # before pyplot is imported: tests draw off-screen

import matplotlib.pyplot as plt  # noqa: E402 (after matplotlib.use)
import pytest  # noqa: E402 (after matplotlib.use)
from matplotlib.lines import Line2D  # noqa: E402 (after matplotlib.use)

from micromets import (  # noqa: E402 (after matplotlib.use)
    figures,
    load_ruleset,
    recommend,
    registry,
    shipped_names,
)
from micromets.views.flowchart.flowchart import LIT_ACTION, LIT_QUESTION, chart_for, draw_flowchart  # noqa: E402 (after matplotlib.use)

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
    chart = draw_flowchart("seed-2025", path=recommend(patient()).path)
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
