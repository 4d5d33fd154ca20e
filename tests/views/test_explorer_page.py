"""The explorer page as a learner and a projecting instructor meet it: Voila in headless Chromium.

One Voila server and one page serve every check here (a page load costs seconds on 2 cores).
For both shipped rulesets at 1366×768: inputs and flowchart in the first viewport, every
visible flowchart label at least 12 px, a clicked node shows its step and citations, and an
axe-core scan finds no serious or critical violation inside the explorer. Screenshots at
1366×768 and 1024×768 go to ``test-artifacts/`` (the README's pictures are drawn by
``tests/workbook/test_readme_pictures.py``).
"""

from __future__ import annotations

import pytest

from micromets.pathway.ruleset import load_ruleset

from ..workbook.test_browser import ARTIFACTS
from ..workbook.test_browser import explorer_page as open_explorer

RULESETS = ("trials-2024", "seed-2025")


@pytest.fixture(scope="module")
def explorer_page(tmp_path_factory):
    """A Voila explorer page at 1366×768, loaded once for the module."""
    with open_explorer(tmp_path_factory.mktemp("voila"), {"width": 1366, "height": 768}) as page:
        yield page


def choose_ruleset(page, name: str) -> None:
    """Pick a ruleset by its title, as a learner does, and wait for its route to be drawn."""
    from playwright.sync_api import expect

    select = page.locator(".mm-explorer .widget-dropdown", has_text="Pathway").locator("select")
    select.select_option(label=load_ruleset(name).title)  # the chooser shows each ruleset by its title
    expect(page.locator(".mm-flowchart svg > title").first).to_contain_text(name, timeout=30_000)
    page.wait_for_timeout(300)  # let the last restyle land


def in_first_viewport(page, selector: str) -> dict:
    """Where the element's box lies against the 768-px-high first screen (no scrolling)."""
    return page.locator(selector).first.evaluate(
        """(el) => { const r = el.getBoundingClientRect();
             return {top: r.top, left: r.left, bottom: r.bottom, right: r.right,
                     width: window.innerWidth, height: window.innerHeight, scrollY: window.scrollY}; }"""
    )


@pytest.mark.parametrize("ruleset", RULESETS)
def test_inputs_and_flowchart_are_on_the_first_screen(explorer_page, ruleset):
    page = explorer_page
    page.set_viewport_size({"width": 1366, "height": 768})
    page.evaluate("() => window.scrollTo(0, 0)")
    choose_ruleset(page, ruleset)
    for part in (".mm-inputs", ".mm-flowchart", ".mm-plan"):
        box = in_first_viewport(page, part)
        assert box["top"] >= 0 and box["left"] >= 0 and box["right"] <= box["width"], (part, box)
        assert box["top"] < box["height"] - 100, f"{part} starts below the first screen: {box}"
    inputs = in_first_viewport(page, ".mm-inputs")
    assert inputs["bottom"] <= inputs["height"], f"the inputs run below the first screen: {inputs}"
    chart = in_first_viewport(page, ".mm-flowchart")
    assert chart["bottom"] <= chart["height"], f"the flowchart runs below the first screen: {chart}"
    page.screenshot(path=str(ARTIFACTS / f"explorer-{ruleset}-1366.png"))
    page.set_viewport_size({"width": 1024, "height": 768})
    page.wait_for_timeout(300)
    for part in (".mm-inputs", ".mm-flowchart"):
        box = in_first_viewport(page, part)
        assert box["right"] <= box["width"] + 1 and box["top"] < box["height"] - 100, (part, box)
    page.screenshot(path=str(ARTIFACTS / f"explorer-{ruleset}-1024.png"))
    page.set_viewport_size({"width": 1366, "height": 768})


@pytest.mark.parametrize("ruleset", RULESETS)
def test_every_visible_flowchart_label_is_at_least_12px(explorer_page, ruleset):
    page = explorer_page
    choose_ruleset(page, ruleset)
    sizes = page.locator(".mm-flowchart").evaluate(
        """(root) => [...root.querySelectorAll('text')]
             .filter(t => { const r = t.getBoundingClientRect(); return r.width > 0 && r.height > 0
                            && getComputedStyle(t).visibility !== 'hidden' && t.textContent.trim(); })
             .map(t => { const svg = t.ownerSVGElement; const m = t.getScreenCTM();
                         const px = parseFloat(getComputedStyle(t).fontSize);
                         return {text: t.textContent, px: px * Math.hypot(m.a, m.b)}; })"""
    )
    assert sizes, "the flowchart draws its labels as text"
    small = [s for s in sizes if s["px"] < 11.95]
    assert small == [], f"labels below 12 px: {small[:5]}"


@pytest.mark.parametrize("ruleset", RULESETS)
def test_clicking_a_node_shows_its_step_and_citations(explorer_page, ruleset):
    from playwright.sync_api import expect

    page = explorer_page
    choose_ruleset(page, ruleset)
    node = page.locator(".mm-flowchart .mm-recommend.mm-lit").first  # a lit recommendation: it has a step
    node.click()
    details = page.locator(".mm-explorer .mm-flowchart .mm-fc-details")
    expect(details).to_be_visible(timeout=30_000)
    expect(details).to_contain_text("Evidence", timeout=30_000)
    expect(details).to_contain_text(".", timeout=30_000)
    text = details.inner_text()
    assert any(word in text for word in ("et al", "PMID", "Lancet", "N Engl J Med", "J Clin Oncol", "AJCC", "NCCN")), (
        text
    )


def test_axe_finds_no_serious_violation_in_the_explorer(explorer_page):
    from axe_playwright_python.sync_playwright import Axe

    page = explorer_page
    found = {}
    for ruleset in RULESETS:
        choose_ruleset(page, ruleset)
        result = Axe().run(page, context={"include": [[".mm-explorer"]]})
        found[ruleset] = [
            (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
            for v in result.response["violations"]
            if v["impact"] in ("serious", "critical")
        ]
    assert found == {name: [] for name in RULESETS}


def test_every_input_is_keyboard_operable_with_a_visible_label(explorer_page):
    page = explorer_page
    unlabelled = page.locator(".mm-inputs").evaluate(
        """(root) => [...root.querySelectorAll('input, select, button')]
             .filter(el => el.offsetParent !== null)
             .filter(el => {
               const own = [...(el.labels || [])].map(l => l.innerText).join(' ').trim();
               const row = el.closest('.widget-inline-hbox, .widget-checkbox, .widget-toggle-buttons');
               const text = own || (el.tagName === 'BUTTON' ? el.innerText.trim() : '')
                            || (row ? row.innerText.trim() : '');
               return !text || el.tabIndex < 0; })
             .map(el => el.outerHTML.slice(0, 80))"""
    )
    assert unlabelled == []
    from playwright.sync_api import expect

    handle = page.locator(".mm-inputs input[type=range]").first
    handle.focus()
    category = page.locator(".mm-category")
    before = category.inner_text()
    for _ in range(20):
        handle.press("ArrowRight")
    expect(category).not_to_have_text(before, timeout=30_000)  # the keyboard moved the slider and the plan
    for _ in range(20):
        handle.press("ArrowLeft")
    expect(category).to_have_text(before, timeout=30_000)
