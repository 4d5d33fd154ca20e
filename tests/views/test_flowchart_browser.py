"""The flowchart widget in a real browser (Debian's Chromium driven by Playwright), at 1366x768:
every label of every view is at least 12 px as rendered and sits inside its box, a route
lights by classes, and a click (or Tab and Enter) shows the step, its evidence and its
sources, with the trial figure one click away. Served by Voila and by JupyterLab."""

import sys

import nbformat
import pytest

from ..browser import ARGS, CHROMIUM, free_port, serve
from ..conftest import REPO
from ..workbook.test_browser import (
    jupyterlab,  # noqa: F401 (a pytest fixture, used by name)
    need_chromium,
    open_in_lab,
)

ARTIFACTS = REPO / "test-artifacts"
VIEWPORT = {"width": 1366, "height": 768}
CELLS = [
    "from micromets import Patient, recommend\n"
    "from micromets.flowchart_widget import FlowchartWidget\n"
    'patient = Patient(1.2, "pos", "pos", "neg", "post", "bcs")',
    'seed = FlowchartWidget(ruleset="seed-2025", path=recommend(patient, "seed-2025").path)\nseed',
    'trials = FlowchartWidget(ruleset="trials-2024", stage="route", path=recommend(patient, "trials-2024").path)\n'
    "trials",
]

# Rendered size of each SVG label (font size times the SVG's scale on screen) and whether it
# lies inside the shape of its node or stub.
MEASURE = """(root) => {
  const out = [];
  for (const t of root.querySelectorAll("svg text")) {
    const box = t.getBoundingClientRect();
    if (box.width === 0) continue;
    const m = t.getScreenCTM();
    const px = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
    const shape = t.parentElement.querySelector(":scope > .mm-shape, :scope > rect");
    let inside = true;
    if (shape && t.closest(".mm-node, .mm-stub[data-stage]")) {
      const s = shape.getBoundingClientRect();
      inside = box.left >= s.left - 1 && box.right <= s.right + 1 && box.top >= s.top - 1 && box.bottom <= s.bottom + 1;
    }
    out.push([t.textContent, px, inside]);
  }
  return out;
}"""


def notebook(folder):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(c) for c in CELLS]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, folder / "flowchart.ipynb")
    return folder / "flowchart.ipynb"


@pytest.fixture
def voila_flowchart(tmp_path):
    need_chromium()
    port = free_port()
    page = notebook(tmp_path)
    command = [sys.executable, "-m", "voila", str(page), "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1"]
    with serve(command, "Voilà is running at", tmp_path):
        yield f"http://127.0.0.1:{port}/"


def check_every_view_is_legible(page, chart, name: str) -> None:
    from playwright.sync_api import expect

    buttons = chart.locator(".mm-fc-view")
    expect(buttons.first).to_be_visible(timeout=120_000)
    assert buttons.all_inner_texts() == ["Whole pathway", "This patient's route"]
    pick = chart.locator(".mm-fc-stage select")
    stage_ids = [v for v in pick.locator("option").evaluate_all("os => os.map(o => o.value)") if v]
    assert len(stage_ids) >= 3
    on_route = pick.locator("option", has_text="on this route")
    assert on_route.count() >= 3  # the route passes through the axilla, systemic and radiation stages
    views = [("button", 0), ("button", 1)] + [("stage", v) for v in stage_ids]
    for i, (kind, which) in enumerate(views):
        if kind == "button":
            buttons.nth(which).click()
            expect(buttons.nth(which)).to_have_attribute("aria-pressed", "true", timeout=30_000)
            shown = ["Flowchart: Treatment", "Route of this patient"][which]
        else:
            pick.select_option(which)
            shown = pick.locator(f"option[value='{which}']").inner_text().split("  ◆")[0]
        svg = chart.locator(f'svg.mm-chart[aria-label*="{shown}"]')  # the view asked for has arrived
        expect(svg).to_be_visible(timeout=30_000)
        labels = svg.evaluate(MEASURE)
        assert len(labels) > 5, shown
        small = [(text, round(px, 1)) for text, px, _ in labels if px < 12]
        assert not small, f"{name} / {shown}: labels under 12 px: {small[:5]}"
        cut = [text for text, _, inside in labels if not inside]
        assert not cut, f"{name} / {shown}: labels spill out of their box: {cut[:5]}"
        if i == 1:
            lit = chart.locator("svg.mm-route .mm-node.mm-lit")
            assert lit.count() >= 8  # the patient's route: every question and recommendation on it
        page.screenshot(path=str(ARTIFACTS / f"flowchart-{name}-{i}.png"))


def check_a_click_shows_the_step_and_its_sources(page, chart) -> None:
    from playwright.sync_api import expect

    pick = chart.locator(".mm-fc-stage select")
    # The first stage, nodal staging and axilla (trials-2024 opens it at the treatment setting, not
    # at the deposit question, so it is chosen as the learner would: by its place in the list).
    first = next(v for v in pick.locator("option").evaluate_all("os => os.map(o => o.value)") if v)
    pick.select_option(first)
    expect(pick.locator("option:checked")).to_contain_text("Nodal staging and axilla")
    node = chart.locator("#mm-node-axilla_micro")
    assert "mm-lit" in node.get_attribute("class")  # the route is lit in this view too
    node.click()
    details = chart.locator(".mm-fc-details")
    expect(details).to_contain_text("Sentinel lymph node biopsy alone for micrometastases", timeout=60_000)
    expect(details).to_contain_text("randomised, non-inferiority")  # the evidence grade
    expect(details).to_contain_text("Galimberti")  # a citation
    expect(details).to_contain_text("Why:")
    details.locator("[data-figure]").first.click()
    expect(details.locator("img[alt^='Trial figure']")).to_be_visible(timeout=60_000)
    page.screenshot(path=str(ARTIFACTS / "flowchart-details.png"))
    page.keyboard.press("Escape")
    expect(details).to_be_hidden(timeout=30_000)
    # The keyboard reaches the same: focus a node (Tab order), then Enter.
    question = chart.locator("#mm-node-deposit")
    question.focus()
    page.keyboard.press("Enter")
    expect(details).to_contain_text("AJCC 8th edition", timeout=60_000)
    expect(details).to_contain_text("micro 0.2–2 mm")


def test_flowchart_widget_in_voila_is_legible_and_clickable(voila_flowchart):
    from playwright.sync_api import expect, sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport=VIEWPORT)
        page.goto(voila_flowchart, timeout=120_000)
        charts = page.locator(".mm-flowchart")
        expect(charts.nth(1).locator("svg")).to_be_visible(timeout=120_000)
        check_every_view_is_legible(page, charts.nth(0), "seed-2025")
        check_every_view_is_legible(page, charts.nth(1), "trials-2024")
        check_a_click_shows_the_step_and_its_sources(page, charts.nth(1))
        browser.close()


def test_flowchart_widget_in_jupyterlab_shows_details_on_click(jupyterlab):  # noqa: F811 (the fixture, by name)
    from playwright.sync_api import expect, sync_playwright

    url, folder = jupyterlab
    notebook(folder)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport=VIEWPORT)
        open_in_lab(page, url, "flowchart.ipynb")
        chart = page.locator(".mm-flowchart").nth(1)
        expect(chart.locator("svg.mm-route")).to_be_visible(timeout=120_000)
        chart.locator("#mm-route-node-axilla_micro").click()
        expect(chart.locator(".mm-fc-details")).to_contain_text("IBCSG 23-01", timeout=60_000)
        labels = chart.locator("svg.mm-chart").evaluate(MEASURE)
        assert labels and min(px for _, px, _ in labels) >= 12
        page.screenshot(path=str(ARTIFACTS / "flowchart-lab.png"))
        # The map's keys stay with the chart in Lab: "+" zooms, and "0 0" fits the view instead of
        # asking to restart the kernel (Lab's own shortcut in command mode).
        page.keyboard.press("Escape")
        whole = chart.locator(".mm-fc-view", has_text="Whole pathway")
        whole.click()
        expect(whole).to_have_attribute("aria-pressed", "true", timeout=30_000)
        expect(chart.locator("svg.mm-chart:not(.mm-route)")).to_be_visible(timeout=30_000)
        level = chart.locator(".mm-fc-zoom-level")
        expect(level).to_have_text("100%", timeout=30_000)
        chart.locator(".mm-fc-canvas").focus()
        page.keyboard.press("+")
        expect(level).to_have_text("125%")
        page.keyboard.press("0")
        page.keyboard.press("0")
        expect(level).not_to_have_text("125%")
        page.wait_for_timeout(500)
        assert page.locator(".jp-Dialog").count() == 0, "Lab took the keys: a restart dialog opened"
        active_cell = (
            "() => [...document.querySelectorAll('.jp-Notebook .jp-Cell')]"
            ".findIndex(c => c.classList.contains('jp-mod-active'))"
        )
        active = page.evaluate(active_cell)
        chart.locator(".mm-fc-zoom-route").click()  # reading size again: there is room to pan
        chart.locator(".mm-fc-canvas").focus()
        top = chart.locator(".mm-fc-canvas").evaluate("c => c.scrollTop")
        page.keyboard.press("ArrowDown")
        assert chart.locator(".mm-fc-canvas").evaluate("c => c.scrollTop") > top  # the chart panned
        assert page.evaluate(active_cell) == active  # the notebook did not take the arrow
        browser.close()
