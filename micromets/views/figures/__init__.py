"""Figures: every matplotlib drawing in micromets, one module per kind of figure.

- ``trials``: trial-outcome figures, drawn only from the evidence registry (``plot_trial``,
  ``plot_ibcsg``, ``plot_forest``, ``plot_score_trials``; ``show`` puts one in a notebook);
- ``cohort``: the ruleset comparison's bar chart of plan changes (``plot_cohort_diff``);
- ``class_report``: the class report's item difficulty and learner × question grid;
- ``staging``: chapter 01's staging ruler (a deposit drawn to scale over the class bands);
- ``projector``: a finished figure redrawn with larger text for the explorer's projector view;
- ``encode``: a finished figure as SVG or PNG bytes (the one ``savefig``), closing it, files only.

The data a figure shows is computed where it belongs (the registry, ``compare.cohort_diff``,
``exercises.report.class_summary``, the staging widget); a module here takes it and draws.
Plot helpers take ``ax=None`` (a new figure when not given) and return the Axes they drew; a
figure of several panels takes ``fig=None`` and returns the Figure. A test (tests/test_words.py)
fails if any module outside this folder imports matplotlib.

May import: ground, other views (the palette in ``display``, the figures' words in
``figure_index``) and matplotlib; never the exercises (the report hands over plain rows).
Only ``trials`` imports matplotlib when imported; the others import it inside the function
that draws, so importing the comparison, the class report or the widgets loads no plotting
stack. For the same reason this package imports ``trials`` on first use of one of its names:
``micromets.figures.plot_trial`` (the chapters' import path) still works.
"""

from __future__ import annotations

from importlib import import_module

__all__ = [
    "AXILLA_TRIALS",
    "PALETTE",
    "describe",
    "figure_for",
    "forest_alt",
    "has_figure",
    "plot_forest",
    "plot_ibcsg",
    "plot_percentages",
    "plot_ratios",
    "plot_score_trials",
    "plot_trial",
    "plottable",
    "show",
]


def __getattr__(name: str):
    # Any name the one-module ``figures`` had (this package was micromets/views/figures.py) is
    # answered by ``trials``, imported on first use.
    if name.startswith("__"):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    try:
        return getattr(import_module(f"{__name__}.trials"), name)
    except AttributeError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
