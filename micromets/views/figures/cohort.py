"""The ruleset comparison's bar chart: the most common plan changes across a generated cohort.

The counts are computed by ``views.compare.cohort_diff``; this module only draws them.
matplotlib is imported inside the function: importing ``compare`` loads no plotting stack.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from ...ground.words.compare import shipped_compare_words
from ...ground.words.figures import shipped_figure_words
from ..display import PALETTE

if TYPE_CHECKING:
    from ..compare import CohortDiff


def plot_cohort_diff(diff: CohortDiff, *, top: int = 8, ax=None):
    """A horizontal bar chart of the most common plan changes; returns the Axes.

    >>> from micromets.views.compare import cohort_diff
    >>> ax = plot_cohort_diff(cohort_diff("seed-2025", "trials-2024", size=500))
    >>> ax.get_xlabel()
    'patients in a generated cohort (%)'
    """
    import matplotlib.pyplot as plt

    rows = diff.changes[:top]
    labels = [textwrap.fill(text, 70, break_on_hyphens=False) for text, _, _ in rows][::-1]
    # Each row is as tall as its label's lines, so a four-line label never runs into the next.
    heights = [max(1.0, 0.42 * (label.count("\n") + 1) + 0.3) for label in labels]
    centres = [sum(heights[:i]) + h / 2 for i, h in enumerate(heights)]
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 0.36 * sum(heights) + 1.4), layout="constrained")
    shares = [100 * count / diff.size for _, count, _ in rows][::-1]
    figure_words = shipped_figure_words()  # a share's percent sign is the trial figures' one
    bars = ax.barh(centres, shares, height=0.7, color=PALETTE[0])
    ax.bar_label(bars, labels=[figure_words.say("percent", value=f"{s:.1f}") for s in shares], padding=3, fontsize=8)
    ax.set_yticks(centres, labels, fontsize=8)
    ax.set_ylim(0, sum(heights) or 1)
    words = shipped_compare_words()  # the chart's words are the comparison's (compare in the vocabulary)
    ax.set_xlabel(words.say("chart_axis"))
    ax.set_title(
        words.say("chart_title", old=diff.old, new=diff.new)
        + "\n"
        + words.say("chart_subtitle", changed=f"{diff.changed:,}", size=f"{diff.size:,}"),
        fontsize=10,
        loc="left",
    )
    ax.set_xlim(0, max(shares + [1]) * 1.25)
    ax.spines[["top", "right"]].set_visible(False)
    return ax
