"""Views read the engine: figures draw registry numbers, and the explorer's inputs change the
outputs they should (the flowchart, drawn once as SVG, is tested in test_flowchart)."""

import matplotlib

matplotlib.use("Agg")  # before pyplot is imported: tests draw off-screen

import matplotlib.pyplot as plt  # noqa: E402 (after matplotlib.use)
import pytest  # noqa: E402 (after matplotlib.use)
from matplotlib.lines import Line2D  # noqa: E402 (after matplotlib.use)

from micromets import (  # noqa: E402 (after matplotlib.use)
    figures,
    registry,
)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


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


@pytest.mark.slow
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
