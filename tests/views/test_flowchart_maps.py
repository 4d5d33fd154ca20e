"""The pathway's maps (the whole pathway and each stage) as a reader sees them, rendered in headless
Chromium: the answers written on the arrows never cover one another or a box, and two answers side
by side stand clearly apart (a reader sees "≥31", "18–30", "<18" as labels of their own arrows, not
one phrase). Every map of both shipped rulesets, drawn in a blank page (no notebook server needed)."""

from __future__ import annotations

import pytest

from micromets.pathway.ruleset import load_ruleset, shipped_names
from micromets.views.flowchart.stage_views import stages
from micromets.views.flowchart.svg import flowchart_svg

from ..browser import chromium
from ..workbook.test_browser import need_chromium

pytestmark = pytest.mark.browser

# Two side-by-side answers closer than this read as one run of words.
CLEAR_GAP_PX = 12

# The answers on the arrows and the boxes of a map, as drawn on screen.
PARTS = """(svg) => { const c = document.getElementById('c'); c.innerHTML = svg; const root = c.querySelector('svg');
  const box = (el, text) => { const r = el.getBoundingClientRect();
    return {text, left: r.left, right: r.right, top: r.top, bottom: r.bottom}; };
  return {answers: [...root.querySelectorAll('.mm-edge text')].map(t => box(t, t.textContent.trim())),
          boxes: [...root.querySelectorAll('.mm-node > .mm-shape, .mm-stub > rect')]
            .map(s => box(s, s.parentNode.textContent.trim().slice(0, 40)))}; }"""


def maps() -> list[tuple[str, str | None]]:
    return [(name, stage) for name in shipped_names() for stage in [None, *(s.id for s in stages(name))]]


def crowded(answers: list[dict], boxes: list[dict]) -> list[tuple[str, str, float]]:
    """Pairs of answers on one line less than ``CLEAR_GAP_PX`` apart (or overlapping: a negative gap),
    and answers lying on a box."""
    found = []
    for i, a in enumerate(answers):
        for b in answers[i + 1 :]:
            if min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > 2:  # on one line
                gap = max(a["left"], b["left"]) - min(a["right"], b["right"])
                if gap < CLEAR_GAP_PX:
                    found.append((a["text"], b["text"], round(gap, 1)))
        for b in boxes:
            if min(a["right"], b["right"]) - max(a["left"], b["left"]) > 1 and (
                min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > 1
            ):
                found.append((a["text"], b["text"], 0.0))
    return found


@pytest.fixture(scope="module")
def blank():
    need_chromium()
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        page.set_content("<div id='c'></div>")
        yield page


@pytest.mark.parametrize(("ruleset", "stage"), maps())
def test_the_answers_on_a_maps_arrows_stand_apart(blank, ruleset, stage):
    drawn = blank.evaluate(PARTS, flowchart_svg(load_ruleset(ruleset), (), stage))
    assert drawn["answers"] or stage is not None, "the whole pathway writes its answers on the arrows"
    assert crowded(drawn["answers"], drawn["boxes"]) == []
