"""Which registry numbers a trial figure can draw, said in words: no matplotlib here.

The explorer asks "does this cited trial have a figure?" and needs a figure's text
equivalent on every change; importing the plotting stack for that would cost seconds on
the first render, so these live apart from ``figures`` (which draws).
"""

from __future__ import annotations

import re

from ..ground.evidence import Endpoint, Entry, registry
from ..ground.words.figures import shipped_figure_words

RATIO_WORDS = ("HR", "RR")


def _is_ratio(e: Endpoint) -> bool:
    return e.hr is not None or (e.is_number and e.unit is None and any(w in e.endpoint for w in RATIO_WORDS))


def _is_percent(e: Endpoint) -> bool:
    return e.is_number and e.unit == "%"


def _ratio_value(e: Endpoint) -> float:
    return e.hr if e.hr is not None else e.value


def plottable(entry: Entry) -> list[Endpoint]:
    """The entry's endpoints a figure can draw: percentages and ratios.

    >>> len(plottable(registry()["mirror"]))
    3
    """
    return [e for e in entry.endpoints if _is_percent(e) or _is_ratio(e)]


COMPARED = re.compile(r"\(([^()]+?) vs\.? ([^()]+?)\)")


def comparison(entry: Entry, e: Endpoint) -> tuple[str, str] | None:
    """Which arm a ratio compares with which (first, second), as the registry states it.

    A ratio below 1 means fewer events in the first-named arm. ``None`` when the registry
    does not say.

    >>> reg = registry()
    >>> comparison(reg["ibcsg-23-01"], reg["ibcsg-23-01"].find("DFS HR (no ALND vs ALND)"))
    ('no ALND', 'ALND')
    >>> [comparison(reg["amaros-10y"], e) for e in reg["amaros-10y"].endpoints if e.comparison][0]
    ('axillary RT', 'ALND')
    """
    # The registry's own field first (evidence schema: "first arm vs second arm"), then the arm
    # or endpoint wording for entries that do not fill it.
    for stated in (e.comparison, e.arm):
        if stated and " vs " in stated:
            first, second = stated.split(" vs ", 1)
            return first.strip(), second.strip()
    found = COMPARED.search(e.endpoint) or COMPARED.search(entry.name)
    return (found.group(1).strip(), found.group(2).strip()) if found else None


def describe(entry_id: str) -> str:
    """A text equivalent of an entry's figure (its alt text): every drawn number in words, worded
    by the vocabulary's ``figures:`` section.

    >>> describe("ibcsg-23-01").startswith("IBCSG 23-01")
    True
    """
    entry = registry()[entry_id]
    words = shipped_figure_words()
    parts = []
    for e in plottable(entry):
        what = words.joins["what"].join(x for x in (e.endpoint, e.arm, e.timepoint) if x)
        value = words.say("percent", value=e.value) if _is_percent(e) else f"{_ratio_value(e):g}"
        number = words.number(what, value, e.ci_level, e.ci)
        parts.append(number if e.verified else words.say("unverified", number=number))
    return words.say("entry", name=entry.name, design=entry.design, numbers=words.joins["numbers"].join(parts))


def has_figure(entry_id: str) -> bool:
    """Whether the registry holds a number to draw for this entry.

    >>> has_figure("nccn-2015"), has_figure("mirror")
    (False, True)
    """
    return bool(plottable(registry()[entry_id]))
