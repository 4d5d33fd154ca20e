"""The flowchart's own words and joins come from the vocabulary file (``flowchart: joins:`` and
``flowchart: words:``): what a box, an arrow, a link to another stage and the drawing itself are
called, the route's headings and the view names. An instructor's wording changes the drawing
with no code change; the boxes, arrows and lit route stay the same."""

import copy
import dataclasses
import re

import pytest

from micromets import Patient, recommend
from micromets.ground.datafiles import read_packaged
from micromets.ground.vocabulary import parse_vocabulary
from micromets.pathway.ruleset import load_ruleset
from micromets.views.flowchart import flowchart_svg, route_svg_for_path, stages

PATIENT = Patient(1.0, "pos", "pos", "neg", "post", "bcs", recurrence_score=30)


def ruleset_worded(change, name: str = "trials-2024"):
    data = copy.deepcopy(read_packaged("data/vocabulary.yaml"))
    change(data["flowchart"])
    return dataclasses.replace(load_ruleset(name), vocabulary=parse_vocabulary(data, "mine.yaml"))


def structure(svg: str) -> list[str]:
    """What a drawing is made of, without its words: element names, ids, classes and data keys."""
    return re.findall(r'<[a-z]+|(?:id|class|data-[a-z]+)="[^"]*"', svg)


def test_an_instructors_flowchart_words_change_the_drawing_without_a_code_change():
    def reword(flowchart: dict) -> None:
        flowchart["joins"].update(arrow=" ⇒ ", answers=" | ", patients=" & ")
        flowchart["words"].update(
            {
                "box": "$label [$role]",
                "select_box": "$box: click for more",
                "chart": "Diagram of $view",
                "route_chart": "Path of the patient ($ruleset)",
                "stage_for": "$stage for $patients",
                "continued": "$stage, cont.",
                "continues": "more →",
                "not_taken": "$step: not this patient",
                "or": "either",
                "to_stage": "on to $stage ($node)",
            }
        )

    mine, shipped = ruleset_worded(reword), load_ruleset("trials-2024")
    path = tuple(recommend(PATIENT, shipped).path)
    assert path == tuple(recommend(PATIENT, mine).path)
    before, after = flowchart_svg(shipped, path), flowchart_svg(mine, path)
    assert structure(before) == structure(after)  # the same boxes, arrows and lit route
    assert "<title>Diagram of " in after and 'aria-label="HER2? [Question]"' in after
    assert "<title>HER2? [Question]: click for more</title>" in after and " ⇒ " in after
    assert "(select for details)" not in after and "Flowchart: " not in after
    assert after.count(" → ") < before.count(" → ")  # what is left is in the ruleset's own labels
    titles = [s.title for s in stages(mine)]
    assert "Systemic therapy for HR-positive & HER2-negative & node-positive" in titles
    stage = next(s.id for s in stages(mine) if s.kind == "systemic")
    assert "on to " in flowchart_svg(mine, (), stage)
    route = route_svg_for_path(mine, path, 900)  # columns: the route goes on in the next one
    assert "Path of the patient (trials-2024)" in route and ", cont.</" in route and ">more →</text>" in route
    assert ": not this patient</title>" in route and "(continued)" not in route and "(not taken)" not in route


def test_the_view_names_are_the_vocabularys():
    from micromets.views.flowchart.widget import _views

    mine = ruleset_worded(lambda f: f["words"].update(whole="Everything", route="Just this patient"))
    assert [name for _, name, _ in _views(mine)[:2]] == ["Everything", "Just this patient"]
    assert [name for _, name, _ in _views(load_ruleset("trials-2024"))[:2]] == ["Whole pathway", "This patient's route"]


def test_the_panel_sends_the_vocabularys_words_to_the_browser():
    from micromets.views.flowchart.panel import PANEL_WORDS, panel_words

    mine = ruleset_worded(lambda f: f["words"].update(zoom_in="Closer", panel_stage="Part:"))
    words = panel_words(mine)
    assert set(words) == set(PANEL_WORDS) and (words["zoom_in"], words["panel_stage"]) == ("Closer", "Part:")
    assert panel_words(load_ruleset("trials-2024"))["zoom_in"] == "Zoom in"


# The panel's browser side with a stand-in for its Python side (as the static page drives it).
STAND_IN = """
class PanelModel {
  constructor(values) { this.values = values; this.handlers = {}; }
  get(key) { return this.values[key]; }
  set(key, value) { this.values[key] = value; for (const h of this.handlers["change:" + key] || []) h(); }
  on(event, handler) { (this.handlers[event] ||= []).push(handler); }
  save_changes() {}
}
window.model = new PanelModel(window.STATE);
panel.render({ model: window.model, el: document.getElementById("el") });
window.done = true;
"""


@pytest.mark.browser
def test_an_instructors_panel_words_show_in_the_browser():
    from playwright.sync_api import sync_playwright

    from micromets.views.flowchart import details_html, node_details
    from micromets.views.flowchart.panel import CSS, ESM, panel_words

    from ..workbook.test_browser import ARGS

    def reword(flowchart: dict) -> None:
        flowchart["words"].update(
            zoom_in="Closer", fit="Whole", panel_stage="Part:", close="Shut <it>", on_route="(lit)"
        )

    mine = ruleset_worded(reword)
    path = list(recommend(PATIENT, mine).path)
    state = {
        "svg": flowchart_svg(mine, path),
        "path": path,
        "stage": "",
        "selected": "deposit",
        "details": {"deposit": details_html(node_details(mine, "deposit"), mine.vocabulary.plan_words)},
        "views": [["", "Whole", []], ["route", "Route", []]] + [[s.id, s.title, list(s.nodes)] for s in stages(mine)],
        "words": panel_words(mine),
        "figure_html": "",
        "room": 600,
    }
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        page.set_content(f"<style>{CSS}</style><div id='el' style='width:900px;height:700px'></div>")
        page.evaluate("(s) => { window.STATE = s; }", state)
        page.add_script_tag(
            content=ESM.replace("export default { render };", "const panel = { render };") + STAND_IN, type="module"
        )
        page.wait_for_function("window.done === true")
        assert page.locator(".mm-fc-zoom-in").get_attribute("aria-label") == "Closer"
        assert page.locator(".mm-fc-zoom-fit").inner_text() == "Whole"  # the class stays, the word changes
        assert page.locator(".mm-fc-stage").inner_text().startswith("Part:")
        assert page.locator(".mm-fc-close").get_attribute("aria-label") == "Shut <it>"
        assert page.locator(".mm-fc-stage option", has_text="(lit)").count() > 0
        browser.close()


def test_a_bare_answer_in_a_stage_heading_names_its_question_as_the_data_says():
    from types import SimpleNamespace

    from micromets.views.flowchart.stage_views import _answer_words

    question = SimpleNamespace(label="Neoadjuvant therapy given?")
    assert _answer_words(question, SimpleNamespace(label="yes"), ("yes", "no")) == "Neoadjuvant therapy given? yes"
    assert _answer_words(question, SimpleNamespace(label="HR+"), ("yes", "no")) == "HR+"
    mine = ruleset_worded(lambda f: f.update(bare_answers=["oui", "non"]))
    assert mine.vocabulary.flowchart.bare_answers == ("oui", "non")
    assert _answer_words(question, SimpleNamespace(label="Oui"), mine.vocabulary.flowchart.bare_answers).startswith(
        "Neoadjuvant therapy given? "
    )
