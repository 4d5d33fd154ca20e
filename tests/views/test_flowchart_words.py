"""The flowchart's own words and joins come from the vocabulary file (``flowchart: joins:`` and
``flowchart: words:``): what a box, an arrow, a link to another stage and the drawing itself are
called, the route's headings and the view names. An instructor's wording changes the drawing
with no code change; the boxes, arrows and lit route stay the same."""

import copy
import dataclasses
import re

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
