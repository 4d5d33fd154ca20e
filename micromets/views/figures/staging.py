"""Chapter 01's staging ruler: a deposit drawn to scale over the bands of the deposit classes.

The bands (their limits, words and colours) and the deposit's class come from the staging
widget (``views/widgets.py``), which reads them from ``ground/staging.py`` and the vocabulary;
this module only draws. matplotlib is imported inside the function: importing the widgets
loads no plotting stack.
"""

from __future__ import annotations

from ...ground.words.figures import shipped_figure_words


def plot_deposit_ruler(
    bands: list[tuple[float, float, str, str]], deposit_mm: float, colour: str, length_mm: float, ax=None
):
    """A ruler from 0 to ``length_mm`` with coloured bands (low, high, label, colour) and a
    deposit of diameter ``deposit_mm`` drawn to scale at its left end; returns the Axes.

    Given ``ax``, the ruler is drawn afresh on it (cleared first): the staging widget redraws one
    figure in place as a learner drags the slider.

    >>> ax = plot_deposit_ruler([(0, 0.2, "ITC", "#56B4E9"), (0.2, 3, "Micro", "#009E73")], 0.5, "#009E73", 3)
    >>> [float(x) for x in ax.get_xlim()], [t.get_text() for t in ax.texts], len(ax.patches)
    ([0.0, 3.0], ['ITC', 'Micro'], 3)
    """
    from matplotlib.figure import Figure
    from matplotlib.patches import Circle

    if ax is None:
        ax = Figure(figsize=(7.6, 1.7), layout="constrained").add_subplot()
    ax.clear()
    for low, high, label, band_colour in bands:
        ax.axvspan(low, high, color=band_colour, alpha=0.25)
        ax.text((low + high) / 2, 0.85, label, ha="center", fontsize=9)
    ax.add_patch(Circle((deposit_mm / 2, 0.4), deposit_mm / 2, color=colour, alpha=0.9))
    # Equal scales by the axes' box, never by the data limits: the axis starts at 0 mm.
    ax.set_xlim(0, length_mm)
    ax.set_ylim(0, 1.0)
    ax.set_aspect("equal", adjustable="box")
    ax.set_yticks([])
    ax.set_xlabel(shipped_figure_words().say("ruler_axis"))
    return ax
