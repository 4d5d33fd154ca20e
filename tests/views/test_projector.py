"""Projector mode, as a room sees it: the explorer page in Voila in headless Chromium at 1024×768.

Pressing the control with the CSS class ``mm-present`` must give chart labels of at least 18 px, the
chart and the plan both on the first screen, and trial figures whose text is at least 14 px; pressing
it again gives the ordinary layout back. Screenshots at 1024×768 and 1366×768 go to ``test-artifacts/``.
"""

from __future__ import annotations

import base64
import re

import pytest

from ..workbook.test_browser import ARTIFACTS, explorer_page

PROJECTOR = {"width": 1024, "height": 768}

# Every visible label of the flowchart: its font size times the scale the page draws it at.
LABEL_SIZES = """(root) => [...root.querySelectorAll('svg text')]
  .filter(t => { const r = t.getBoundingClientRect(); return r.width > 0 && r.height > 0
                 && getComputedStyle(t).visibility !== 'hidden' && t.textContent.trim(); })
  .map(t => { const m = t.getScreenCTM();
              return {text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b)}; })"""

# A trial figure is an SVG <img>: each text's size in the SVG's own units, times the drawn scale.
FIGURE_TEXT_SIZES = """(img) => {
  const svg = new DOMParser().parseFromString(atob(img.src.split(',')[1]), 'image/svg+xml');
  const root = svg.documentElement; const box = root.viewBox.baseVal;
  const scale = img.getBoundingClientRect().width / box.width;
  return [...root.querySelectorAll('text')].filter(t => t.textContent.trim()).map(t => {
    const style = t.getAttribute('style') || ''; const m = style.match(/font(?:-size)?:\\s*([0-9.]+)px/);
    const own = m ? parseFloat(m[1]) : parseFloat(t.getAttribute('font-size') || '0');
    const tr = (t.getAttribute('transform') || '').match(/scale\\(([0-9.e-]+)/);
    return {text: t.textContent.trim().slice(0, 40), px: own * (tr ? parseFloat(tr[1]) : 1) * scale}; }); }"""


def box(page, selector: str) -> dict:
    return page.locator(selector).first.evaluate(
        "(el) => { const r = el.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, left: r.left,"
        " right: r.right, height: window.innerHeight, width: window.innerWidth}; }"
    )


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    """The explorer page served by Voila, loaded once (a page costs seconds on 2 cores)."""
    with explorer_page(tmp_path_factory.mktemp("projector"), PROJECTOR) as page:
        page.locator(".mm-explorer .mm-flowchart svg text").first.wait_for(timeout=60_000)
        yield page


def set_projector(page, on: bool) -> None:
    from playwright.sync_api import expect

    button = page.locator(".mm-explorer .mm-present")
    if ("mod-active" in (button.get_attribute("class") or "")) != on:
        button.click()
    explorer = page.locator(".mm-explorer").first
    presenting = re.compile(r"\bmm-presenting\b")
    if on:
        expect(explorer).to_have_class(presenting, timeout=30_000)
    else:
        expect(explorer).not_to_have_class(presenting, timeout=30_000)
    page.wait_for_timeout(1500)  # the route view is laid out again for the chart's new width
    page.evaluate("() => window.scrollTo(0, 0)")


@pytest.mark.browser
def test_the_projector_control_is_a_labelled_button(page):
    button = page.locator(".mm-explorer .mm-present")
    assert button.count() == 1 and button.is_visible()
    assert "Projector" in button.inner_text()


@pytest.mark.browser
def test_projector_mode_at_1024_has_18px_labels_and_the_chart_and_plan_on_the_first_screen(page):
    page.set_viewport_size(PROJECTOR)
    set_projector(page, False)
    before = page.locator(".mm-flowchart").evaluate(LABEL_SIZES)
    page.screenshot(path=str(ARTIFACTS / "projector-off-1024.png"))
    set_projector(page, True)
    page.screenshot(path=str(ARTIFACTS / "projector-on-1024.png"))
    sizes = page.locator(".mm-flowchart").evaluate(LABEL_SIZES)
    assert sizes, "the flowchart draws its labels as text"
    small = [s for s in sizes if s["px"] < 17.95]
    assert not small, f"labels below 18 px in projector mode: {small[:5]}"
    assert min(s["px"] for s in sizes) > min(s["px"] for s in before), "projector mode enlarged the labels"
    chart, plan = box(page, ".mm-explorer .mm-flowchart"), box(page, ".mm-explorer .mm-plan")
    for name, where in (("chart", chart), ("plan", plan)):
        assert where["top"] >= 0 and where["bottom"] <= where["height"], (
            f"the {name} is not on the first screen: {where}"
        )
        assert where["left"] >= 0 and where["right"] <= where["width"] + 1, f"the {name} runs off the side: {where}"
    summary = page.locator(".mm-explorer .mm-plan .mm-summary").evaluate(
        "(el) => parseFloat(getComputedStyle(el).fontSize)"
    )
    assert summary >= 17.5, f"the plan's words are {summary} px"
    page.set_viewport_size({"width": 1366, "height": 768})
    page.wait_for_timeout(1500)
    page.screenshot(path=str(ARTIFACTS / "projector-on-1366.png"))
    page.set_viewport_size(PROJECTOR)


@pytest.mark.browser
def test_projector_mode_at_1366_draws_the_route_across_the_chart(page):
    """At 1366 px the chart holds one column of the route with 18 px labels: the route is drawn larger
    to fill most of the chart's width instead of its left half, with no sideways scroll, and the chart
    and the plan stay on the first screen."""
    from playwright.sync_api import expect

    page.set_viewport_size({"width": 1366, "height": 768})
    set_projector(page, True)
    route = page.locator(".mm-flowchart .mm-fc-view", has_text="route")
    route.click()
    expect(route).to_have_attribute("aria-pressed", "true", timeout=30_000)
    page.wait_for_timeout(1000)
    canvas = page.locator(".mm-flowchart .mm-fc-canvas")
    used = canvas.evaluate(
        """(c) => ({route: c.querySelector('svg.mm-route').getBoundingClientRect().width,
                    chart: c.getBoundingClientRect().width, sideways: c.scrollWidth - c.clientWidth})"""
    )
    page.screenshot(path=str(ARTIFACTS / "projector-route-1366.png"))
    assert used["route"] >= 0.7 * used["chart"], f"the route leaves much of the chart empty: {used}"
    assert used["sideways"] <= 0, f"the route scrolls sideways: {used}"
    sizes = page.locator(".mm-flowchart").evaluate(LABEL_SIZES)
    assert min(s["px"] for s in sizes) >= 17.95
    for name in ("flowchart", "plan"):
        where = box(page, f".mm-explorer .mm-{name}")
        assert where["top"] >= 0 and where["bottom"] <= where["height"], f"the {name} is not on the first screen"
    page.set_viewport_size(PROJECTOR)


@pytest.mark.browser
def test_projector_mode_draws_trial_figures_with_14px_text(page):
    from playwright.sync_api import expect

    page.set_viewport_size(PROJECTOR)
    set_projector(page, True)
    choice = page.locator(".mm-explorer .widget-dropdown", has_text="Show").locator("select")
    trials = [o for o in choice.locator("option").all_inner_texts() if o.startswith("Trial")]
    assert trials, "this patient's plan offers trial figures"
    checked = {}
    figure = page.locator(".mm-explorer .mm-figure img")
    for trial in trials:
        choice.select_option(label="Flowchart")  # clears the figure, so the next one is this trial's
        expect(figure).to_have_count(0, timeout=60_000)
        choice.select_option(label=trial)
        page.wait_for_function(
            """() => { const img = document.querySelector('.mm-explorer .mm-figure img');
                 return img && img.complete && img.getBoundingClientRect().width > 0; }""",
            timeout=120_000,
        )
        sizes = figure.evaluate(FIGURE_TEXT_SIZES)
        assert sizes, f"{trial}: the figure keeps its text as text"
        checked[trial] = min(s["px"] for s in sizes)
        small = [s for s in sizes if s["px"] < 13.95]
        assert not small, f"{trial}: text below 14 px in projector mode: {small[:5]}"
        where = box(page, ".mm-explorer .mm-figure img")
        assert where["right"] <= where["width"] + 1, f"{trial}: the figure runs off the side: {where}"
        if trial == trials[0]:
            page.screenshot(path=str(ARTIFACTS / "projector-figure-1024.png"))
    choice.select_option(label="Flowchart")
    expect(page.locator(".mm-explorer .mm-flowchart svg text").first).to_be_visible(timeout=30_000)


@pytest.mark.browser
def test_pressing_again_gives_the_ordinary_layout_back(page):
    page.set_viewport_size({"width": 1366, "height": 768})
    set_projector(page, True)
    set_projector(page, False)
    inputs, chart = box(page, ".mm-explorer .mm-inputs"), box(page, ".mm-explorer .mm-flowchart")
    assert inputs["top"] < inputs["height"] - 100 and inputs["right"] <= chart["left"], (inputs, chart)
    sizes = page.locator(".mm-flowchart").evaluate(LABEL_SIZES)
    assert max(s["px"] for s in sizes) < 17, "the ordinary view is not zoomed"
    page.set_viewport_size(PROJECTOR)


def test_the_toggle_switches_one_layout_class_and_redraws_a_shown_figure_larger():
    from micromets.views.widgets import PRESENT_FIGURE_MIN_PT, Explorer

    explorer = Explorer()
    widget = explorer.widget
    trial = next(value for _, value in explorer.figure_choice.options if value != "flowchart")
    explorer.figure_choice.value = trial
    ordinary = explorer.figure_view.value
    explorer.present()
    assert "mm-presenting" in widget._dom_classes and "mm-showing-figure" in widget._dom_classes
    projected = explorer.figure_view.value
    assert projected != ordinary
    svg = base64.b64decode(re.search(r"base64,([^\"']+)", projected).group(1)).decode()
    sizes = [float(size) for size in re.findall(r"font-size: ([0-9.]+)px", svg)]
    assert sizes and min(sizes) >= PRESENT_FIGURE_MIN_PT, sorted(set(sizes))[:5]
    explorer.present(False)
    assert "mm-presenting" not in widget._dom_classes and explorer.figure_view.value == ordinary


def test_on_the_projector_a_trial_asked_for_in_the_click_panel_opens_in_the_figure_view():
    from micromets.views.widgets import Explorer

    explorer = Explorer().present()
    explorer.chart_view.selected = explorer.plan.path[-1]
    explorer.chart_view.figure = "ibcsg-23-01"  # the panel's figure button
    assert explorer.figure_choice.value == "ibcsg-23-01" and explorer.figure_view.value.startswith("<img")
    assert explorer.chart_view.selected == "" and explorer.chart_view.figure_html == ""
    explorer.present(False).figure_choice.value = "flowchart"
    explorer.chart_view.figure = "ibcsg-23-01"  # off the projector, the panel keeps its own figure
    assert explorer.chart_view.figure_html.startswith("<img") and explorer.figure_choice.value == "flowchart"


# Every lit label of the chart against the chart's visible area, both on screen (the projector view
# draws the chart with a CSS zoom: the panel's own sizes are multiplied by it on screen).
LIT_IN_VIEW = """(c) => { const r = c.getBoundingClientRect(); const k = r.width / c.offsetWidth;
  const view = {left: r.left + c.clientLeft * k, top: r.top + c.clientTop * k};
  view.right = view.left + c.clientWidth * k; view.bottom = view.top + c.clientHeight * k;
  const labels = [...c.querySelectorAll('svg .mm-node.mm-lit text, svg .mm-stub.mm-lit text, svg .mm-edge.mm-lit text')]
    .map(t => { const b = t.getBoundingClientRect();
      return {text: t.textContent.trim(), left: b.left, right: b.right, top: b.top, bottom: b.bottom}; });
  const width = c.querySelector('svg').getBoundingClientRect().width;
  return {view, labels, corner: [c.scrollLeft, c.scrollTop], width}; }"""


def lit_first_screen_whole(page) -> list[str]:
    """The lit labels in the chart's rows that are cut at a side or lie off to one (none: the
    route's first screen shows whole), after checking the route's first label shows at all."""
    found = page.locator(".mm-flowchart .mm-fc-canvas").evaluate(LIT_IN_VIEW)
    view, labels = found["view"], found["labels"]
    rows = [t for t in labels if t["top"] < view["bottom"] and t["bottom"] > view["top"]]
    assert len(rows) >= 3, rows
    first = min(labels, key=lambda t: t["top"])
    assert view["top"] <= first["top"] and first["bottom"] <= view["bottom"], (first, view)
    return [t["text"] for t in rows if t["left"] < view["left"] - 0.5 or t["right"] > view["right"] + 0.5]


@pytest.mark.browser
@pytest.mark.parametrize("width", [1024, 1366])
def test_projector_view_keeps_the_whole_pathways_lit_route_in_view(page, width):
    """With "Whole pathway" shown, pressing Projector view (a larger drawing in a chart of another
    size) and resizing the window keep the lit route's first screen whole, as the map opened; a view
    the learner has panned by hand is theirs: the same part of the drawing stays at the top left."""
    from playwright.sync_api import expect

    page.set_viewport_size({"width": width, "height": 768})
    set_projector(page, False)
    whole = page.locator(".mm-flowchart .mm-fc-view", has_text="Whole pathway")
    whole.click()
    expect(whole).to_have_attribute("aria-pressed", "true", timeout=30_000)
    page.wait_for_timeout(800)
    try:
        assert lit_first_screen_whole(page) == [], "the map opens on its route"
        set_projector(page, True)
        page.screenshot(path=str(ARTIFACTS / f"projector-whole-{width}.png"))
        assert lit_first_screen_whole(page) == [], f"projector view at {width} px cuts the lit route"
        other = 1366 if width == 1024 else 1024
        page.set_viewport_size({"width": other, "height": 768})
        page.wait_for_timeout(1500)
        page.evaluate("() => window.scrollTo(0, 0)")
        assert lit_first_screen_whole(page) == [], f"a window resized to {other} px cuts the lit route"
        set_projector(page, False)
        assert lit_first_screen_whole(page) == [], "leaving projector view cuts the lit route"
        # Panned by hand: a new size keeps the learner's view (the drawing's top left corner stays).
        canvas = page.locator(".mm-flowchart .mm-fc-canvas")
        canvas.focus()
        for key in ("ArrowRight", "ArrowRight", "ArrowDown", "ArrowDown", "ArrowDown"):
            page.keyboard.press(key)
        before = canvas.evaluate(LIT_IN_VIEW)
        set_projector(page, True)
        after = canvas.evaluate(LIT_IN_VIEW)
        assert after["width"] > before["width"] * 1.2, "the projector view draws the map larger"
        # The panel's scroll is counted in its own (unzoomed) pixels: the same point of the drawing.
        assert after["corner"] == pytest.approx(before["corner"], abs=3), "the learner's panned view was moved"
    finally:
        set_projector(page, False)
        route = page.locator(".mm-flowchart .mm-fc-view", has_text="route")
        route.click()
        page.set_viewport_size(PROJECTOR)
