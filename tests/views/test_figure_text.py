"""Every figure the chapters draw reads cleanly: no text over other text, no legend over the
data, nothing cut at the figure's edge, no label shortened to "[...]" or broken at a hyphen.

The boxes are measured as matplotlib draws them (``get_window_extent`` after a draw), so the
test sees what a learner sees in the PNG.
"""

from __future__ import annotations

import re

import matplotlib
import pytest

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402 (after matplotlib.use)
from matplotlib.legend import Legend  # noqa: E402 (after matplotlib.use)
from matplotlib.lines import Line2D  # noqa: E402 (after matplotlib.use)
from matplotlib.text import Text  # noqa: E402 (after matplotlib.use)

from micromets.views.compare import cohort_diff, plot_cohort_diff  # noqa: E402 (after matplotlib.use)
from micromets.views.figures import plot_forest, plot_ibcsg, plot_score_trials, plot_trial  # noqa: E402 (after matplotlib.use)

from ..conftest import REPO  # noqa: E402 (after matplotlib.use)

ESCALATION = ["katherine", "create-x", "olympia", "keynote-522"]
FIGURES = {  # every kind of figure a chapter draws, as the chapter draws it
    "plot_ibcsg()": lambda: plot_ibcsg(),
    "plot_forest()": lambda: plot_forest().figure,
    "plot_forest(escalation)": lambda: plot_forest(ESCALATION, title="Residual disease: hazard ratios").figure,
    "plot_score_trials()": lambda: plot_score_trials(),
    "plot_cohort_diff(diff)": lambda: (
        plot_cohort_diff(cohort_diff("seed-2025", "trials-2024", size=20_000, seed=2025)).figure
    ),
}
TRIALS = sorted(
    set(
        re.findall(
            r"plot_trial\(\"([\w-]+)\"\)",
            "".join(p.read_text(encoding="utf-8") for p in (REPO / "notebooks" / "_source").rglob("*.py")),
        )
    )
)


def test_the_list_covers_every_kind_of_figure_the_chapters_draw():
    sources = "".join(p.read_text(encoding="utf-8") for p in (REPO / "notebooks" / "_source").rglob("*.py"))
    drawn = set(re.findall(r"\b(plot_\w+)\(", sources)) - {"plot_trial"}
    assert drawn <= {name.split("(")[0] for name in FIGURES}, drawn
    assert len(TRIALS) >= 10


def drawn_texts(fig) -> list[Text]:
    """The texts matplotlib actually draws: visible, non-empty, tick labels only for ticks in view."""
    hidden = set()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            low, high = sorted(axis.get_view_interval())
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                if not low - 1e-9 <= tick.get_loc() <= high + 1e-9:
                    hidden.update((tick.label1, tick.label2))
    return [
        t
        for t in fig.findobj(Text)
        if t.get_visible() and t.get_text().strip() and t not in hidden and t.get_figure(root=True) is fig
    ]


def problems_in(fig) -> list[str]:
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    page = fig.bbox
    texts = [(t, t.get_window_extent(renderer)) for t in drawn_texts(fig)]
    out = []
    for text, box in texts:
        shown = text.get_text()
        if box.x0 < page.x0 - 1 or box.y0 < page.y0 - 1 or box.x1 > page.x1 + 1 or box.y1 > page.y1 + 1:
            out.append(f"cut at the edge: {shown!r}")
        if "[...]" in shown or re.search(r"\w-\n\w", shown) or re.search(r"\b\w+ ,", shown):
            out.append(f"cut or broken label: {shown!r}")
    for i, (a, box_a) in enumerate(texts):
        for b, box_b in texts[i + 1 :]:
            width = min(box_a.x1, box_b.x1) - max(box_a.x0, box_b.x0)
            height = min(box_a.y1, box_b.y1) - max(box_a.y0, box_b.y0)
            if width > 1.5 and height > 1.5:
                out.append(f"overlap: {a.get_text()!r} and {b.get_text()!r}")
    legends = list(fig.findobj(Legend))
    for legend in legends:
        box = legend.get_window_extent(renderer)
        own = set(legend.get_lines()) | set(legend.legend_handles)
        for line in fig.findobj(Line2D):
            if line in own or line.get_marker() in (None, "None", "", " ") or line.axes is None:
                continue
            for x, y in line.get_transform().transform(line.get_xydata()):
                if box.x0 < x < box.x1 and box.y0 < y < box.y1:
                    out.append(f"legend covers a data point of {line.get_gid() or line.get_label()!r}")
        for text, text_box in texts:
            if text in legend.get_texts() or text is legend.get_title():
                continue
            width = min(box.x1, text_box.x1) - max(box.x0, text_box.x0)
            height = min(box.y1, text_box.y1) - max(box.y0, text_box.y0)
            if width > 1.5 and height > 1.5:
                out.append(f"legend covers the text {text.get_text()!r}")
    return out


@pytest.mark.parametrize("name", list(FIGURES) + [f'plot_trial("{t}")' for t in TRIALS])
def test_figure_text_neither_overlaps_nor_runs_off_the_figure(name):
    fig = FIGURES[name]() if name in FIGURES else plot_trial(name.split('"')[1])
    try:
        assert problems_in(fig) == []
    finally:
        plt.close(fig)


def test_a_figure_source_line_marks_an_unchecked_pmid_with_the_dagger_and_footnotes_it():
    # Every figure a chapter draws, with the real registry: a dagger follows exactly the PMIDs nobody has
    # tied to the publication, and the footnote saying what a dagger after a PMID means is there when one is.
    from micromets.evidence import UNVERIFIED_MARK, registry

    checked = {e.pmid: e.pmid_verified for e in registry().values() if e.pmid}
    footnote = f"† after a PMID: {UNVERIFIED_MARK}."
    drawn = {**FIGURES, **{f"plot_trial({t!r})": (lambda t=t: plot_trial(t)) for t in TRIALS}}
    marked_somewhere = False
    for name, draw in drawn.items():
        fig = draw()
        source = " ".join(fig.get_supxlabel().split())
        plt.close(fig)
        pmids = re.findall(r"PMID (\d+)( †)?", source)
        for pmid, dagger in pmids:
            assert bool(dagger) is not checked[pmid], (name, pmid, source)
        marked = any(dagger for _, dagger in pmids)
        assert (footnote in source) is marked, (name, source)
        marked_somewhere |= marked
    # the shipped registry still has unchecked PMIDs in the axilla forest plot; when none is left, drop this line
    assert marked_somewhere
