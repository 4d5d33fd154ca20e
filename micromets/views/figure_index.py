"""Which registry numbers a trial figure can draw, said in words: no matplotlib here.

The explorer asks "does this cited trial have a figure?" and needs a figure's text
equivalent on every change; importing the plotting stack for that would cost seconds on
the first render, so these live apart from ``figures`` (which draws).
"""

from __future__ import annotations

import re

from ..ground.evidence import Endpoint, Entry, registry

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
    """A text equivalent of an entry's figure (its alt text): every drawn number in words.

    >>> describe("ibcsg-23-01").startswith("IBCSG 23-01")
    True
    """
    entry = registry()[entry_id]
    parts = []
    for e in plottable(entry):
        what = ", ".join(x for x in (e.endpoint, e.arm, e.timepoint) if x)
        value = f"{e.value}%" if _is_percent(e) else f"{_ratio_value(e):g}"
        ci = f" ({e.ci_level} CI {e.ci[0]:g} to {e.ci[1]:g})" if e.ci else ""
        parts.append(f"{what}: {value}{ci}{'' if e.verified else ' (unverified)'}")
    return f"{entry.name} ({entry.design}). " + "; ".join(parts) + "."


def has_figure(entry_id: str) -> bool:
    """Whether the registry holds a number to draw for this entry.

    >>> has_figure("nccn-2015"), has_figure("mirror")
    (False, True)
    """
    return bool(plottable(registry()[entry_id]))
