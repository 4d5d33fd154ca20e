"""Trial-outcome figures, drawn only from the evidence registry.

No number is typed here: every value, interval and citation comes from
``micromets/data/evidence.yaml``. Numbers not yet checked against their publication are
drawn hollow, marked (a dagger) and footnoted, so a learner can tell them apart. No word is typed
here either: titles, axis labels, rows, the source line and its notes are the vocabulary's
``figures:`` section (``ground/words/figures.py``). Colours are the Okabe-Ito colour-blind-safe palette.

Two kinds of helper, one signature each: a plot on one Axes (``plot_percentages``,
``plot_ratios``, ``plot_forest``, like the other modules of ``figures``) takes ``ax=None`` (a new
figure when not given) and returns the Axes it drew; a whole figure of several panels
(``plot_trial``, ``plot_ibcsg``, ``plot_score_trials``) takes ``fig=None`` and returns the Figure.
"""

from __future__ import annotations

import math
import re
import textwrap

import matplotlib.pyplot as plt
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.transforms import ScaledTranslation

from ...ground.evidence import Endpoint, Entry, registry
from ...ground.words.figures import shipped_figure_words
from ..display import PALETTE, ShownFigure
from ..figure_index import (
    COMPARED,
    _is_percent,
    _is_ratio,
    _ratio_value,
    comparison,
    describe,
    has_figure,
    plottable,
)

__all__ = ["PALETTE", "describe", "figure_for", "has_figure", "plot_trial", "plottable", "show"]
AXILLA_TRIALS = (
    "ibcsg-23-01",
    "ibcsg-23-01-10y",
    "aatrm-048",
    "z0011",
    "z0011-10y",
    "amaros",
    "amaros-10y",
    "sound",
    "insema",
    "insema-r2",
    "senomac",
)


def _label(e: Endpoint, with_arm: bool = False) -> str:
    words = shipped_figure_words()
    parts = [e.endpoint] + ([e.arm] if with_arm and e.arm else []) + ([e.timepoint] if e.timepoint else [])
    text = words.marked_label(words.joins["what"].join(parts), e.verified)
    return textwrap.fill(text, 42, break_on_hyphens=False)


def _source_text(entries: list[Entry], unverified: bool, extra: str = "") -> str:
    words = shipped_figure_words()
    mark = words.say("mark")
    citations = words.joins["citations"].join(e.short_citation(mark) for e in entries)
    lines = [words.say("source", citations=citations)]
    if unverified:
        lines.append(words.say("hollow_note", mark=mark, unchecked=words.say("unchecked")))
    if any(e.pmid and not e.pmid_verified for e in entries):  # the same mark, said of the PMID it follows
        lines.append(words.say("pmid_note", mark=mark, unchecked=words.say("unchecked")))
    if extra:
        lines.append(extra)
    return "\n".join(textwrap.fill(line, 140, break_on_hyphens=False) for line in lines)


def _add_source(fig: Figure, entries: list[Entry], unverified: bool, extra: str = "") -> None:
    # supxlabel, unlike free text, gets room from the constrained layout: the source never overlaps.
    fig.supxlabel(_source_text(entries, unverified, extra), fontsize=7, x=0.01, ha="left", color="#333333")


def _arm_of(e: Endpoint) -> str:
    """The arm a number is drawn under (everyone enrolled, worded by the vocabulary, when none)."""
    return e.arm or shipped_figure_words().say("all_patients")


def _arm_colours(endpoints: list[Endpoint]) -> dict[str, str]:
    arms = []
    for e in endpoints:
        if _arm_of(e) not in arms:
            arms.append(_arm_of(e))
    return {arm: PALETTE[i % len(PALETTE)] for i, arm in enumerate(arms)}


def plot_percentages(endpoints: list[Endpoint], ax=None, title: str = ""):
    """A dot plot of percentage endpoints by arm, with their confidence intervals; returns the Axes.

    Rows are endpoint and time point; arms are colours; hollow markers are unverified.

    >>> ax = plot_percentages(registry()["z0011"].endpoints[:4], title="Z0011")
    >>> ax.get_title(loc="left"), len(ax.get_yticklabels()) > 0
    ('Z0011', True)
    """
    words = shipped_figure_words()
    ax = ax or _new_axes(len(endpoints))
    rows: list[tuple[str, str | None]] = []
    for e in endpoints:
        key = (e.endpoint, e.timepoint)
        if key not in rows:
            rows.append(key)
    colours = _arm_colours(endpoints)
    offsets = {arm: (i - (len(colours) - 1) / 2) * 0.22 for i, arm in enumerate(colours)}
    for e in endpoints:
        arm = _arm_of(e)
        y = rows.index((e.endpoint, e.timepoint)) + offsets[arm]
        colour = colours[arm]
        if e.ci:
            ax.errorbar(
                e.value,
                y,
                xerr=[[e.value - e.ci[0]], [e.ci[1] - e.value]],
                fmt="none",
                ecolor=colour,
                elinewidth=1.4,
                capsize=3,
            )
        ax.plot(
            e.value,
            y,
            "o",
            ms=7,
            color=colour,
            mfc=colour if e.verified else "white",
            mew=1.6,
            label=arm,
            gid=f"{e.endpoint}|{e.arm}|{e.value}",
        )
        ax.annotate(
            words.marked_number(words.say("percent", value=e.value), e.verified),
            (e.ci[1] if e.ci else e.value, y),  # past the interval's end: the number never sits on its bar
            xytext=(5 if e.ci else 7, 0),
            textcoords="offset points",
            fontsize=7,
            va="center",  # on its own marker's line: arms a row apart never share a line of text
            color=colour,
        )
    ax.set_yticks(
        range(len(rows)),
        [
            words.marked_label(
                textwrap.fill(words.joins["what"].join(x for x in key if x), 30, break_on_hyphens=False),
                all(e.verified for e in endpoints if (e.endpoint, e.timepoint) == key),
            )
            for key in rows
        ],
        fontsize=8,
    )
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xlabel(words.say("percent_axis"))
    # One filled key per arm (an arm's first number may be an unverified, hollow one), and a
    # hollow key of its own when any number is unverified.
    keys = [Line2D([], [], ls="none", marker="o", ms=7, color=c, mfc=c, mew=1.6) for c in colours.values()]
    names = list(colours)
    if any(not e.verified for e in endpoints):
        keys.append(Line2D([], [], ls="none", marker="o", ms=7, color="#555555", mfc="white", mew=1.6))
        names.append(words.say("hollow_key", mark=words.say("mark")))
    # Below the axis label, never over the data: "best" still covered SOFT's 8-year points.
    below = ax.transAxes + ScaledTranslation(0, -0.42, ax.figure.dpi_scale_trans)
    ax.legend(keys, names, fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(0, 0), bbox_transform=below)
    ax.grid(axis="x", alpha=0.3)
    ax.set_title(title, fontsize=10, loc="left")
    low = min(min(e.value, e.ci[0] if e.ci else e.value) for e in endpoints)
    high = max(max(e.value, e.ci[1] if e.ci else e.value) for e in endpoints)
    # A fixed margin around the data: a 1-point difference must not look like a chasm.
    ax.set_xlim(max(0, math.floor(low / 5) * 5 - 5), min(100, high + 4) if high < 99 else 101)
    return ax


def plot_ratios(items: list[tuple[str, Endpoint]], ax=None, title: str = "", margins: dict | None = None):
    """A forest plot of hazard or risk ratios on a log axis; ``items`` are (row label, endpoint);
    returns the Axes.

    >>> e = registry()["insema"].find("iDFS HR")
    >>> ax = plot_ratios([("INSEMA iDFS", e)])
    >>> [t.get_text() for t in ax.get_yticklabels()], ax.get_xscale()
    (['INSEMA iDFS'], 'log')
    """
    words = shipped_figure_words()
    ax = ax or _new_axes(len(items))
    for y, (label, e) in enumerate(items):
        value = _ratio_value(e)
        colour = PALETTE[0] if e.verified else PALETTE[5]
        if e.ci:
            low = max(e.ci[0], 0.05)  # a one-sided interval (lower bound 0) is drawn from the axis edge
            ax.plot([low, e.ci[1]], [y, y], color=colour, lw=1.6)
        ax.plot(
            value, y, "s", ms=7, color=colour, mfc=colour if e.verified else "white", mew=1.6, gid=f"{label}|{value}"
        )
        shown = f"{value:.2f}"
        if e.ci:
            shown = words.say("ratio_ci", value=shown, level=e.ci_level, low=f"{e.ci[0]:.2f}", high=f"{e.ci[1]:.2f}")
        ax.annotate(
            shown,
            (value, y),
            xytext=(0, 6),
            textcoords="offset points",
            fontsize=7,
            ha="center",
            color=colour,
        )
    ax.set_xscale("log")
    ax.axvline(1, color="#555555", lw=1)
    for y, (label, _) in enumerate(items):
        margin = (margins or {}).get(label)
        if margin:
            ax.plot([margin, margin], [y - 0.35, y + 0.35], color=PALETTE[1], lw=2.2, ls="--")
            ax.annotate(
                # Two short lines beside the dashed line: wrapped at its longest word.
                textwrap.fill(words.say("margin"), max(map(len, words.say("margin").split())), break_on_hyphens=False),
                (margin, y + 0.35),
                fontsize=6.5,
                color=PALETTE[1],
                ha="left",
                va="top",
                xytext=(3, 0),
                textcoords="offset points",
            )
    ax.set_yticks(range(len(items)), [label for label, _ in items], fontsize=7.5)
    ax.set_ylim(len(items) - 0.4, -0.7)
    ax.set_xlabel(words.say("ratio_axis"))
    ticks = [0.25, 0.5, 0.75, 1, 1.5, 2, 3, 5]
    values = [v for _, e in items for v in ([_ratio_value(e)] + list(e.ci or [])) if v > 0]
    ax.set_xlim(min(values + [0.5]) * 0.8, max(values + [2]) * 1.25)
    ax.set_xticks([t for t in ticks if ax.get_xlim()[0] <= t <= ax.get_xlim()[1]])
    ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:g}"))
    ax.xaxis.set_minor_formatter(plt.NullFormatter())
    ax.grid(axis="x", alpha=0.3)
    ax.set_title(title, fontsize=10, loc="left")
    return ax


def _new_axes(rows: int):
    """Axes on a new figure sized for ``rows`` rows (a helper called without ``ax``)."""
    return plt.figure(figsize=(9, 0.45 * rows + 2), layout="constrained").subplots()


def plot_trial(entry_id: str, fig: Figure | None = None) -> Figure:
    """Every plottable number of one registry entry: percentages by arm and ratios, with the source.

    >>> fig = plot_trial("ibcsg-23-01")
    >>> [ax.get_xlabel() for ax in fig.axes][0]
    'patients (%)'
    """
    words = shipped_figure_words()
    entry = registry()[entry_id]
    percents = [e for e in entry.endpoints if _is_percent(e)]
    ratios = [e for e in entry.endpoints if _is_ratio(e)]
    panels = [p for p in (percents, ratios) if p]
    if not panels:
        raise ValueError(f"{entry_id}: the registry holds no plottable number for {entry.name}")
    # Height from the taller panel's rows (the panels sit side by side, not stacked).
    rows = max(len({(e.endpoint, e.timepoint) for e in percents}), len(ratios))
    # Room for each arm's line within a row, and for the legend of arms below the percentages.
    arms = len({e.arm for e in percents}) + any(not e.verified for e in percents)
    height = max(2.6, 0.5 * rows * max(1, arms / 2.5) + 1.6 + (0.17 * arms + 0.2 if percents else 0))
    fig = fig or plt.figure(figsize=(9, height), layout="constrained")
    axes = fig.subplots(1, len(panels), squeeze=False)[0]
    if percents:
        plot_percentages(percents, axes[0], words.say("percent_title"))
    if ratios:
        items = [(_label(e), e) for e in ratios]
        margins = {
            _label(e): entry.ni_margin for e in ratios if entry.ni_margin and "non-inferiority" in (e.note or "")
        }
        plot_ratios(items, axes[-1], words.say("ratio_title"), margins)
    fig.suptitle(words.say("trial_title", name=entry.name, design=entry.design), fontsize=11, x=0.01, ha="left")
    _add_source(fig, [entry], any(not e.verified for e in percents + ratios))
    return fig


def plot_ibcsg(fig: Figure | None = None) -> Figure:
    """IBCSG 23-01: 5- and 10-year DFS and OS by arm with 95% CIs, and surgical morbidity by arm.

    >>> fig = plot_ibcsg()
    >>> len(fig.axes)
    2
    """
    words = shipped_figure_words()
    five, ten = registry()["ibcsg-23-01"], registry()["ibcsg-23-01-10y"]
    survival = [e for entry in (five, ten) for e in entry.endpoints if e.endpoint in ("DFS", "OS")]
    shown = [e for e in survival if e.is_number and e.arm]
    missing = [e for e in survival if not e.is_number]  # e.g. 10-year OS: not reported in the registry
    morbidity = [e for e in five.endpoints if e.endpoint.endswith("any grade") and e.is_number]
    fig = fig or plt.figure(figsize=(10, 4.6), layout="constrained")
    left, right = fig.subplots(1, 2, width_ratios=[1.3, 1])
    plot_percentages(shown, left, words.say("ibcsg_survival"))
    colours = _arm_colours(morbidity)
    names = []
    for e in morbidity:
        if e.endpoint not in names:
            names.append(e.endpoint)
    for i, arm in enumerate(colours):
        values = [next((m for m in morbidity if m.endpoint == n and m.arm == arm), None) for n in names]
        xs = [j + (i - 0.5) * 0.38 for j in range(len(names))]
        bars = right.bar(
            xs,
            [v.value for v in values],
            width=0.36,
            color=colours[arm],
            label=arm,
            hatch=None if all(v.verified for v in values) else "//",
            edgecolor="white",
        )
        right.bar_label(
            bars,
            labels=[words.marked_number(words.say("percent", value=v.value), v.verified) for v in values],
            fontsize=7,
        )
    right.set_xticks(
        range(len(names)),
        [textwrap.fill(n.replace(" any grade", ""), 12, break_on_hyphens=False) for n in names],
        fontsize=8,
    )
    right.set_ylabel(words.say("morbidity_axis"))
    right.set_title(words.say("ibcsg_morbidity"), fontsize=10, loc="left")
    right.legend(fontsize=7, frameon=False)
    right.spines[["top", "right"]].set_visible(False)
    # Learner-facing notes only: a curator's record (``curation``) never reaches a figure; an
    # unchecked number is marked by its dagger and the footnote.
    whats = [" ".join(x for x in (e.endpoint, e.timepoint) if x) for e in missing]
    notes = [words.say("missing", what=w, note=e.note) if e.note else w for w, e in zip(whats, missing, strict=True)]
    extra = words.say("not_drawn", missing=words.joins["numbers"].join(notes)) if notes else ""
    fig.suptitle(words.say("ibcsg_title"), fontsize=11, x=0.01, ha="left")
    _add_source(fig, [five, ten], any(not e.verified for e in shown + morbidity), extra)
    return fig


def _forest_rows(entry_ids) -> tuple[list, dict, list]:
    words = shipped_figure_words()
    reg = registry()
    items, margins, used = [], {}, []
    for entry_id in entry_ids:
        entry = reg[entry_id]
        for e in entry.endpoints:
            if _is_ratio(e) and e.ci:
                arms = comparison(entry, e)
                # "DFS HR (no ALND vs ALND), median FU 5 y": the arms go to the second line, and no
                # space is left before the comma they leave behind.
                what = COMPARED.sub("", _label(e).replace("\n", " "))
                what = re.sub(r"\s+,", ",", re.sub(r"\s{2,}", " ", what)).strip(" ,")
                head = textwrap.fill(words.say("forest_row", trial=entry.name, what=what), 52, break_on_hyphens=False)
                side = words.say("forest_arms", first=arms[0], second=arms[1]) if arms else words.say("forest_no_arms")
                label = f"{head}\n{textwrap.fill(side, 56, break_on_hyphens=False)}"
                items.append((label, e))
                if entry.ni_margin and "non-inferiority" in (e.note or ""):
                    margins[label] = entry.ni_margin
                if entry not in used:
                    used.append(entry)
    return items, margins, used


def plot_forest(entry_ids=AXILLA_TRIALS, ax=None, title: str | None = None):
    """Forest plot of every hazard ratio the registry holds for the given trials; returns the Axes.

    Each row says which arm is compared with which, and which side of 1 favours the first.
    ``title`` defaults to the vocabulary's ``forest_plot_title`` (the axillary trials).

    >>> ax = plot_forest()
    >>> ax.get_xscale(), "favours no ALND" in ax.get_yticklabels()[0].get_text()
    ('log', True)
    """
    words = shipped_figure_words()
    items, margins, used = _forest_rows(entry_ids)
    if ax is None:
        fig = plt.figure(figsize=(10, 0.5 * len(items) + 2.6), layout="constrained")
        ax = fig.subplots()
    plot_ratios(items, ax, title or words.say("forest_plot_title"), margins)
    ax.set_xlabel(words.say("forest_axis"))
    _add_source(ax.figure, used, any(not e.verified for _, e in items), words.say("one_sided"))
    return ax


def forest_alt(entry_ids=AXILLA_TRIALS, title: str | None = None) -> str:
    """The forest plot's text equivalent: each row's comparison, ratio and interval in words
    (worded by the vocabulary's ``figures:`` section, as ``describe``).

    ``title`` says what the plot shows (pass the plot's own title for other trials; default the
    vocabulary's ``forest_title``, the axillary trials).

    >>> "IBCSG 23-01" in forest_alt()
    True
    """
    words = shipped_figure_words()
    items, _, _ = _forest_rows(entry_ids)
    rows = [words.number(label.replace("\n", " "), f"{_ratio_value(e):g}", e.ci_level, e.ci) for label, e in items]
    numbers = words.joins["numbers"].join(rows)
    return words.say("forest", title=title or words.say("forest_title"), numbers=numbers)


def plot_score_trials(fig: Figure | None = None) -> Figure:
    """TAILORx and RxPONDER (by menopausal status): invasive disease-free survival by arm.

    >>> fig = plot_score_trials()
    >>> len(fig.axes)
    2
    """
    words = shipped_figure_words()
    tailorx, rxponder = registry()["tailorx"], registry()["rxponder"]
    fig = fig or plt.figure(figsize=(10, 4.2), layout="constrained")
    left, right = fig.subplots(1, 2)
    plot_percentages([e for e in tailorx.endpoints if _is_percent(e)], left, words.say("scores_tailorx"))
    plot_percentages([e for e in rxponder.endpoints if _is_percent(e)], right, words.say("scores_rxponder"))
    fig.suptitle(words.say("scores_title"), fontsize=11, x=0.01, ha="left")
    unverified = any(not e.verified for e in tailorx.endpoints + rxponder.endpoints if _is_percent(e))
    _add_source(fig, [tailorx, rxponder], unverified)
    return fig


def figure_for(entry_id: str) -> Figure:
    """The best figure for a cited registry entry (a curated one where it exists).

    >>> figure_for("ibcsg-23-01-10y").axes[0].get_title(loc="left")
    'Survival: no difference without dissection'
    """
    curated = {
        "ibcsg-23-01": plot_ibcsg,
        "ibcsg-23-01-10y": plot_ibcsg,
        "tailorx": plot_score_trials,
        "rxponder": plot_score_trials,
    }
    if entry_id in curated:
        return curated[entry_id]()
    return plot_trial(entry_id)


def show(figure_or_axes, *entry_ids: str, alt: str | None = None) -> ShownFigure:
    """Show a figure in a notebook as crisp SVG whose alt text gives every drawn number.

    End a cell with it; the alt text is ``alt`` or the registry's words for ``entry_ids``.

    >>> show(plot_trial("mirror"), "mirror").alt.startswith("MIRROR")
    True
    """
    figure = figure_or_axes if isinstance(figure_or_axes, Figure) else figure_or_axes.figure
    return ShownFigure(figure, alt or " ".join(describe(e) for e in entry_ids))
