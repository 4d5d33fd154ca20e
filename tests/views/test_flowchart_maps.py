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


# Each answer on a map's arrows, brought into view, hit-tested across its words every 3 px: what is
# drawn on top there (the answer itself, or a line or box drawn over it).
ON_TOP = """(svg) => { const c = document.getElementById('c'); c.innerHTML = svg; const found = [];
  for (const t of c.querySelectorAll('svg .mm-edge text')) {
    t.scrollIntoView({block: 'center', inline: 'center'}); const r = t.getBoundingClientRect();
    for (let x = r.left + 1; x < r.right - 1; x += 3) for (let y = r.top + 2; y < r.bottom - 1; y += 3) {
      const top = document.elementFromPoint(x, y);
      if (!top || top.closest('.mm-edge') !== t.closest('.mm-edge')) {
        found.push([t.textContent.trim(), top ? top.tagName + '.' + top.parentNode.getAttribute('class') : 'none']);
        break; } } }
  return found; }"""


@pytest.mark.parametrize(("ruleset", "stage"), maps())
def test_no_arrow_is_drawn_across_an_answers_words(blank, ruleset, stage):
    """An answer sits on its own arrow, and other arrows pass near it: none may run through its words
    ("no (surgery first)" under its question with the lit route drawn across it). Wherever an answer's
    words are, what shows on top is the answer, never a line."""
    drawn = blank.evaluate(ON_TOP, flowchart_svg(load_ruleset(ruleset), (), stage))
    assert drawn == [], f"arrows drawn across answers: {drawn[:5]}"


# Each box of a map: its label, tooltip, and where its outline and any outline behind it lie.
BOXES = """(svg) => { const c = document.getElementById('c'); c.innerHTML = svg;
  return [...c.querySelectorAll('svg .mm-node')].map(g => { const shape = g.querySelector(':scope > .mm-shape');
    const behind = g.querySelector(':scope > .mm-stack'); const r = shape.getBoundingClientRect();
    const b = behind ? behind.getBoundingClientRect() : null;
    return {node: g.dataset.node, tip: g.querySelector('title').textContent, said: g.getAttribute('aria-label'),
            shape: [r.left, r.top, r.right, r.bottom], behind: b && [b.left, b.top, b.right, b.bottom],
            shown: Boolean(b) && getComputedStyle(behind).visibility === 'visible'}; }); }"""


@pytest.mark.parametrize("ruleset", shipped_names())
def test_a_box_holding_several_options_says_so_on_the_map(blank, ruleset):
    """A map's box names one thing; when it holds several options (seed-2025's 'Endocrine alone (2B)':
    endocrine, or chemotherapy then endocrine) it is drawn as a stack, and its tooltip and the words
    read aloud name every option. A box with one option or none is drawn plain."""
    rules = load_ruleset(ruleset)
    several = {n for n, node in rules.nodes.items() if node.options is not None and len(node.options) > 1}
    assert several, f"{ruleset} has boxes holding several options"
    seen = set()
    for stage in [None, *(s.id for s in stages(rules))]:
        for box in blank.evaluate(BOXES, flowchart_svg(rules, (), stage)):
            node = rules.nodes[box["node"]]
            if box["node"] not in several:
                assert box["behind"] is None, f"{box['node']} holds one option but is drawn as a stack"
                continue
            seen.add(box["node"])
            left, top, right, bottom = box["shape"]
            b_left, b_top, b_right, b_bottom = box["behind"]
            assert box["shown"] and b_right > right + 2 and b_bottom > bottom + 2, f"{box['node']}: no stack shows"
            for option in node.options:
                words = rules.vocabulary.option_label(option)
                assert words in box["tip"] and words in box["said"], (box["node"], words, box["tip"])
    assert seen == several


def test_selecting_a_box_holding_several_options_lists_them_all():
    from micromets.views.flowchart.details import details_html, node_details

    rules = load_ruleset("seed-2025")
    shown = details_html(node_details(rules, "hrpos_no_score"), rules.vocabulary.plan_words)
    assert rules.vocabulary.options_text(rules.nodes["hrpos_no_score"].options) in shown.replace("&#x27;", "'")
