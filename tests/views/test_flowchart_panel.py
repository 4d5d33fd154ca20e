"""The pathway in the explorer's panel (issue 18), measured in a real browser: the Voila explorer in
headless Chromium at 1366×768, as a learner meets it.

- The route view fits the panel's width (no sideways scroll), every label at least 12 px, and no
  heading, answer, stub, "continues" line or alternative overlaps another or a box.
- A new route opens at its top: the panel's scroll position resets when the route changes.
- "Whole pathway" opens on the lit route at reading size, zooms and pans by buttons, keys and
  Ctrl + wheel, and has a "fit" view that shows the whole drawing.
- seed-2025's "Endocrine alone (2B)" shows its alternatives side by side, and its sequencing note
  beside it, never as one more lit step.
"""

from __future__ import annotations

import pytest

from micromets.ruleset import load_ruleset

from ..workbook.test_browser import ARTIFACTS
from .test_explorer_page import explorer_page  # noqa: F401 (a pytest fixture, used by name)

pytestmark = pytest.mark.browser

# Every drawn thing a reader must see apart: its box on screen, and a name to report it by.
# Labels are checked against each other and against every box but their own.
PARTS = """(root) => {
  const groups = '.mm-alternative, .mm-node, .mm-stub, .mm-route-heading, .mm-edge';
  const all = [...root.querySelectorAll(groups)];
  const out = [];
  const add = (el, kind) => {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.height > 0) out.push({kind, text: (el.textContent || '').trim().slice(0, 40),
      left: r.left, top: r.top, right: r.right, bottom: r.bottom, owner: all.indexOf(el.closest(groups))});
  };
  for (const t of root.querySelectorAll('text')) add(t, 'label');
  const boxes = '.mm-node > .mm-shape, .mm-alternative > rect, .mm-route-heading > rect';
  for (const s of root.querySelectorAll(boxes)) add(s, 'box');
  return out;
}"""
LABEL_PX = """(root) => [...root.querySelectorAll('text')].map(t => {
  const m = t.getScreenCTM();
  return [t.textContent.trim(), parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b)]; })"""
TEXTS = "(els) => els.map(e => e.textContent.trim().replace(/\\s+/g, ' '))"
CANVAS = """(c) => { const s = c.querySelector('svg').getBoundingClientRect(), r = c.getBoundingClientRect();
  return {clientWidth: c.clientWidth, clientHeight: c.clientHeight, scrollWidth: c.scrollWidth,
          scrollLeft: c.scrollLeft, scrollTop: c.scrollTop, svgWidth: s.width, svgHeight: s.height,
          left: r.left, top: r.top}; }"""


@pytest.fixture(scope="module")
def page(explorer_page):  # noqa: F811 (the explorer page fixture, by name)
    """The explorer notebook served by Voila, open at 1366×768 (one server for this module)."""
    return explorer_page


def choose(page, ruleset: str, **toggles: str) -> None:
    """Pick a ruleset by its title and set toggle inputs by their label and button text, as a learner does."""
    from playwright.sync_api import expect

    select = page.locator(".mm-explorer .widget-dropdown", has_text="Pathway").locator("select")
    select.select_option(label=load_ruleset(ruleset).title)
    expect(page.locator(".mm-flowchart svg > title").first).to_contain_text(ruleset, timeout=30_000)
    for label, button in toggles.items():
        row = page.locator(".mm-inputs .widget-toggle-buttons", has=page.locator(".widget-label", has_text=label))
        row.locator("button", has_text=button).first.click()
    page.wait_for_timeout(600)  # the last restyle lands


def show(page, view: str) -> None:
    from playwright.sync_api import expect

    button = page.locator(".mm-flowchart .mm-fc-view", has_text=view)
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true", timeout=30_000)
    page.wait_for_timeout(400)


def overlaps(parts: list[dict]) -> list[tuple[str, str]]:
    """Pairs of a label and another label or a box (not its own) whose boxes intersect by more than 1 px."""
    found = []
    labels = [p for p in parts if p["kind"] == "label"]
    for i, a in enumerate(labels):
        for b in labels[i + 1 :] + [p for p in parts if p["kind"] == "box"]:
            if b["owner"] == a["owner"] and a["owner"] >= 0:
                continue  # a label inside its own box, or two lines of one group
            if min(a["right"], b["right"]) - max(a["left"], b["left"]) > 1 and (
                min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > 1
            ):
                found.append((a["text"], b["text"] or b["kind"]))
    return found


@pytest.mark.parametrize(
    ("ruleset", "toggles"),
    [("trials-2024", {}), ("trials-2024", {"HER2": "Pos"}), ("seed-2025", {"HER2": "Neg"})],
)
def test_the_route_fits_the_panel_with_legible_labels_and_nothing_overlapping(page, ruleset, toggles):
    choose(page, ruleset, **toggles)
    show(page, "route")
    canvas = page.locator(".mm-flowchart .mm-fc-canvas")
    box = canvas.evaluate(CANVAS)
    assert box["scrollWidth"] <= box["clientWidth"], f"the route scrolls sideways: {box}"
    assert box["svgWidth"] <= box["clientWidth"]
    route = canvas.locator("svg.mm-route")
    small = [(text, round(px, 1)) for text, px in route.evaluate(LABEL_PX) if text and px < 11.95]
    assert small == [], f"labels under 12 px: {small[:5]}"
    assert overlaps(route.evaluate(PARTS)) == []
    headings = route.locator(".mm-route-heading text").evaluate_all(TEXTS)
    assert len(headings) == 3 and not any("?" in h or "·" in h for h in headings), headings
    page.screenshot(path=str(ARTIFACTS / f"panel-route-{ruleset}-{'-'.join(toggles.values()) or 'default'}.png"))


def test_a_new_route_opens_at_its_top(page):
    from playwright.sync_api import expect

    choose(page, "trials-2024", HER2="Neg")
    show(page, "route")
    canvas = page.locator(".mm-flowchart .mm-fc-canvas")
    canvas.evaluate("c => { c.scrollTop = 500; c.scrollLeft = 40; }")
    assert canvas.evaluate("c => c.scrollTop") > 0  # the route is taller than the panel: there was somewhere to go
    before = canvas.locator("svg").inner_html()
    page.locator(".mm-inputs .widget-toggle-buttons", has=page.locator(".widget-label", has_text="HER2")).locator(
        "button", has_text="Pos"
    ).first.click()
    expect(canvas.locator("svg .mm-route-heading").nth(1)).to_contain_text("HER2-positive", timeout=30_000)
    assert canvas.locator("svg").inner_html() != before
    # By the first frame painted with the new route (the panel resets the scroll just before it).
    at_first_frame = "c => new Promise((done) => requestAnimationFrame(() => done([c.scrollTop, c.scrollLeft])))"
    assert canvas.evaluate(at_first_frame) == [0, 0]


def test_whole_pathway_opens_on_the_lit_route_and_zooms_pans_and_fits(page):
    choose(page, "trials-2024", HER2="Neg")
    show(page, "Whole pathway")
    chart = page.locator(".mm-flowchart")
    canvas = chart.locator(".mm-fc-canvas")
    level = chart.locator(".mm-fc-zoom-level")
    assert level.inner_text() == "100%"
    view = canvas.evaluate(CANVAS)
    # The lit route's first box is in the visible part of the panel, at reading size.
    first = canvas.locator("svg .mm-node.mm-lit").first.bounding_box()
    assert view["left"] <= first["x"] and first["x"] + first["width"] <= view["left"] + view["clientWidth"]
    assert view["top"] <= first["y"] and first["y"] + first["height"] <= view["top"] + view["clientHeight"]
    lit_px = [px for _, px in canvas.locator("svg .mm-node.mm-lit").first.evaluate(LABEL_PX)]
    assert min(lit_px) >= 12.9
    page.screenshot(path=str(ARTIFACTS / "panel-whole-opened.png"))
    # Fit: the whole drawing inside the panel.
    chart.locator(".mm-fc-zoom-fit").click()
    fitted = canvas.evaluate(CANVAS)
    assert fitted["svgWidth"] <= fitted["clientWidth"] + 1 and fitted["svgHeight"] <= fitted["clientHeight"] + 1
    assert fitted["scrollWidth"] <= fitted["clientWidth"] + 1
    page.screenshot(path=str(ARTIFACTS / "panel-whole-fit.png"))
    # Buttons zoom in steps of a quarter.
    chart.locator(".mm-fc-zoom-in").click()
    assert canvas.evaluate(CANVAS)["svgWidth"] == pytest.approx(fitted["svgWidth"] * 1.25, rel=0.02)
    # Keys: + and - zoom, 0 fits, arrows pan (the panel takes the keyboard when focused).
    canvas.focus()
    page.keyboard.press("+")
    page.keyboard.press("+")
    zoomed = canvas.evaluate(CANVAS)
    assert zoomed["svgWidth"] == pytest.approx(fitted["svgWidth"] * 1.25**3, rel=0.02)
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowDown")
    moved = canvas.evaluate(CANVAS)
    assert moved["scrollLeft"] > zoomed["scrollLeft"] and moved["scrollTop"] > zoomed["scrollTop"]
    page.keyboard.press("-")
    assert canvas.evaluate(CANVAS)["svgWidth"] == pytest.approx(zoomed["svgWidth"] / 1.25, rel=0.02)
    page.keyboard.press("0")
    assert canvas.evaluate(CANVAS)["svgWidth"] == pytest.approx(fitted["svgWidth"], rel=0.02)
    # Ctrl + wheel (a trackpad pinch sends the same) zooms about the pointer; a plain wheel scrolls.
    x, y = view["left"] + view["clientWidth"] / 2, view["top"] + view["clientHeight"] / 2
    page.mouse.move(x, y)
    page.keyboard.down("Control")
    page.mouse.wheel(0, -100)
    page.keyboard.up("Control")
    page.wait_for_timeout(200)
    assert canvas.evaluate(CANVAS)["svgWidth"] > fitted["svgWidth"] * 1.1
    # Route: back to reading size on the lit route.
    chart.locator(".mm-fc-zoom-route").click()
    assert level.inner_text() == "100%"
    first = canvas.locator("svg .mm-node.mm-lit").first.bounding_box()
    assert view["top"] <= first["y"] <= view["top"] + view["clientHeight"]
    show(page, "route")
    assert chart.locator(".mm-fc-zoom").is_hidden()  # the route view is always at reading size


def test_seed_alternatives_are_drawn_side_by_side_and_the_note_beside_them(page):
    choose(page, "seed-2025", HER2="Neg")
    show(page, "route")
    route = page.locator(".mm-flowchart svg.mm-route")
    options = route.locator("#mm-route-node-hrpos_no_score")
    chips = options.locator(".mm-alternative")
    assert chips.evaluate_all(TEXTS) == ["Endocrine", "Chemotherapy → endocrine"]
    first, second = chips.nth(0).bounding_box(), chips.nth(1).bounding_box()
    assert abs(first["y"] - second["y"]) < 1 and first["x"] + first["width"] < second["x"]  # one row: a choice
    word = options.locator(".mm-or").bounding_box()
    assert first["x"] + first["width"] <= word["x"] and word["x"] + word["width"] <= second["x"]
    shape = options.locator(":scope > .mm-shape").bounding_box()
    note = route.locator("#mm-route-node-endocrine_sequencing")
    assert "mm-aside" in note.get_attribute("class")
    beside = note.locator(".mm-shape").bounding_box()
    assert beside["x"] >= shape["x"] + shape["width"]  # beside the recommendation, not after it on the route
    assert abs(beside["y"] - shape["y"]) < 2
    note.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "panel-seed-alternatives.png"))


@pytest.mark.slow
def test_every_distinct_route_fits_the_panel_without_overlaps(page):
    """Every distinct route of both shipped pathways over a grid of patients (about 400), drawn in
    a page as wide as the explorer's panel: no sideways scroll, labels of 12 px or more, and no
    label over another label or a box."""
    import itertools

    from micromets import Patient, recommend
    from micromets.flowchart import ROUTE_WIDTH, route_svg

    routes = {}
    grid = itertools.product(
        ("seed-2025", "trials-2024"), (0, 0.1, 1.2, 3.0), ("pos", "neg"), ("pos", "neg"), ("pre", "post"),
        ("bcs", "mastectomy"), (None, 12, 20, 30), (1, 5), (None, 45), ("no", "yes"),
    )  # fmt: skip
    for ruleset, deposit, hr, her2, menopause, surgery, score, nodes, age, neoadjuvant in grid:
        if deposit == 0 and nodes != 1:
            continue
        patient = Patient(deposit, hr, hr, her2, menopause, surgery, recurrence_score=score,
                          positive_nodes=nodes if deposit else None, age=age, neoadjuvant=neoadjuvant)  # fmt: skip
        plan = recommend(patient, ruleset)
        routes.setdefault((ruleset, plan.path), route_svg(plan))
    assert len(routes) > 300
    measure = f"""(svgs) => {{ const c = document.getElementById('c'); const parts = {PARTS}, px = {LABEL_PX};
        return svgs.map(s => {{ c.innerHTML = s; const root = c.querySelector('svg');
          return [root.getBoundingClientRect().width, parts(root), px(root)]; }}); }}"""
    # A blank page of the module's browser: one sync Playwright session per process at a time.
    blank = page.context.browser.new_page(viewport={"width": 1366, "height": 768})
    try:
        blank.set_content(f"<div id='c' style='width:{ROUTE_WIDTH}px'></div>")
        drawn = blank.evaluate(measure, list(routes.values()))
    finally:
        blank.close()
    problems = []
    for (ruleset, path), (width, parts, sizes) in zip(routes, drawn, strict=True):
        small = [text for text, px in sizes if text and px < 11.95]
        if width > ROUTE_WIDTH or small or overlaps(parts):
            problems.append((ruleset, path[-1], width, small[:2], overlaps(parts)[:2]))
    assert problems == []


# Every lit label the panel shows on opening a map: its box against the panel's visible area.
LIT_LABELS_IN_VIEW = """(c) => { const r = c.getBoundingClientRect();
  const view = {left: r.left + c.clientLeft, top: r.top + c.clientTop};
  view.right = view.left + c.clientWidth; view.bottom = view.top + c.clientHeight;
  const labels = [...c.querySelectorAll('svg .mm-node.mm-lit text, svg .mm-stub.mm-lit text, svg .mm-edge.mm-lit text')]
    .map(t => { const b = t.getBoundingClientRect();
      return {text: t.textContent.trim(), left: b.left, right: b.right, top: b.top, bottom: b.bottom}; });
  return {view, labels}; }"""


def set_deposit(page, steps: int) -> None:
    """Move the largest-deposit slider by ``steps`` key presses (right: larger), as a keyboard user does."""
    from playwright.sync_api import expect

    handle = page.locator(".mm-inputs input[type=range]").first
    category = page.locator(".mm-category")
    before = category.inner_text()
    handle.focus()
    for _ in range(abs(steps)):
        handle.press("ArrowRight" if steps > 0 else "ArrowLeft")
    expect(category).not_to_have_text(before, timeout=30_000)
    page.wait_for_timeout(600)


@pytest.mark.parametrize(
    ("ruleset", "toggles", "deposit", "view"),
    [
        ("trials-2024", {}, 0, "Whole pathway"),
        ("seed-2025", {}, 20, "Whole pathway"),  # a macrometastasis: the route leaves by the axilla's side
        ("trials-2024", {"Breast surgery": "Mastectomy"}, 20, "Whole pathway"),
        ("seed-2025", {"HER2": "Neg"}, 0, "Systemic therapy"),  # a stage: the route runs right, past the score
    ],
)
def test_a_map_opens_with_every_label_of_the_routes_first_screen_whole(page, ruleset, toggles, deposit, view):
    """Opening a map on the lit route: the lit labels in the panel's rows are inside it from side to
    side (none cut at an edge, none lying off to a side), the first box's labels in full, and still
    readable (9 px or more)."""
    choose(page, ruleset, **toggles)
    if deposit:
        set_deposit(page, deposit)
    try:
        if view == "Whole pathway":
            show(page, view)
        else:
            pick = page.locator(".mm-flowchart .mm-fc-stage select")
            pick.select_option(label=next(o for o in pick.locator("option").all_inner_texts() if o.startswith(view)))
            page.wait_for_timeout(600)
        canvas = page.locator(".mm-flowchart .mm-fc-canvas")
        found = canvas.evaluate(LIT_LABELS_IN_VIEW)
        view_box, labels = found["view"], found["labels"]
        assert labels, "the route is lit on the map"
        rows = [t for t in labels if t["top"] < view_box["bottom"] and t["bottom"] > view_box["top"]]
        assert len(rows) >= 3, rows
        cut = [t["text"] for t in rows if t["left"] < view_box["left"] - 0.5 or t["right"] > view_box["right"] + 0.5]
        assert cut == [], f"lit labels cut or off to a side on opening: {cut}"
        first = min(labels, key=lambda t: t["top"])
        assert view_box["top"] <= first["top"] and first["bottom"] <= view_box["bottom"]
        sizes = [px for _, px in canvas.locator("svg .mm-node.mm-lit").first.evaluate(LABEL_PX)]
        assert min(sizes) >= 8.9
        level = page.locator(".mm-flowchart .mm-fc-zoom-level").inner_text()  # the zoom it opened at, said
        assert level == f"{round(sizes[0] / 13 * 100)}%", (level, sizes[0])
        page.screenshot(path=str(ARTIFACTS / f"panel-open-{ruleset}-{view.split()[0]}-{deposit}.png"))
    finally:
        show(page, "route")
        if deposit:
            set_deposit(page, -deposit)
        if toggles.get("Breast surgery") == "Mastectomy":
            choose(page, ruleset, **{"Breast surgery": "BCS"})


def test_the_stage_list_is_as_wide_as_the_stage_it_shows(page):
    """The zoomed stage chooser does not stretch across the bar for its longest title: it is as wide
    as what it shows ("choose a stage…", then the chosen stage), within the bar."""
    choose(page, "trials-2024")
    show(page, "route")
    pick = page.locator(".mm-flowchart .mm-fc-stage select")
    bar = page.locator(".mm-flowchart .mm-fc-bar").bounding_box()
    width = "(s) => s.getBoundingClientRect().width"
    text = "(s) => { const c = document.createElement('canvas').getContext('2d'); c.font = getComputedStyle(s).font;"
    text += " return c.measureText(s.options[s.selectedIndex].text).width; }"
    empty = pick.evaluate(width)
    assert pick.evaluate(text) < empty < pick.evaluate(text) + 60, "as wide as 'choose a stage…' and its arrow"
    titles = pick.locator("option").all_inner_texts()
    longest = max(titles[1:], key=len)
    pick.select_option(label=longest)
    page.wait_for_timeout(600)
    chosen = pick.evaluate(width)
    assert chosen > empty + 100 and pick.evaluate(text) < chosen, "the chosen stage's title shows whole"
    box = pick.bounding_box()
    assert box["x"] + box["width"] <= bar["x"] + bar["width"] + 1
    show(page, "route")


def test_the_whole_pathway_follows_a_new_route_unless_moved_by_hand(page):
    """With "Whole pathway" shown, a new plan lights another route: the map brings that route's first
    screen into view whole, as it would open on it; once the learner has zoomed it by hand, a new
    plan leaves their view where it is."""
    from playwright.sync_api import expect

    choose(page, "trials-2024", **{"Breast surgery": "BCS"})
    show(page, "Whole pathway")
    canvas = page.locator(".mm-flowchart .mm-fc-canvas")
    before_surgery = page.locator(
        ".mm-inputs .widget-toggle-buttons", has=page.locator(".widget-label", has_text="before surgery")
    )
    plan = page.locator(".mm-explorer .mm-plan")

    def answer(button: str) -> None:  # neoadjuvant therapy leaves the first question by its other answer
        before = plan.inner_text()
        before_surgery.locator("button", has_text=button).first.click()
        expect(plan).not_to_have_text(before, timeout=30_000)
        page.wait_for_timeout(600)

    try:
        for button in ("Yes", "No"):
            answer(button)
            found = canvas.evaluate(LIT_LABELS_IN_VIEW)
            view, labels = found["view"], found["labels"]
            rows = [t for t in labels if t["top"] < view["bottom"] and t["bottom"] > view["top"]]
            assert len(rows) >= 3, rows
            cut = [t["text"] for t in rows if t["left"] < view["left"] - 0.5 or t["right"] > view["right"] + 0.5]
            assert cut == [], f"the new route's labels are cut or off to a side ({button}): {cut}"
        page.locator(".mm-flowchart .mm-fc-zoom-in").click()
        where = canvas.evaluate(CANVAS)
        answer("Yes")
        moved = canvas.evaluate(CANVAS)
        assert (moved["scrollLeft"], moved["scrollTop"], moved["svgWidth"]) == pytest.approx(
            (where["scrollLeft"], where["scrollTop"], where["svgWidth"]), abs=2
        ), "a view zoomed by hand was moved by a new plan"
    finally:
        answer("No")
        show(page, "route")
