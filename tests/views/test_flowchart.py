"""The SVG flowchart: every node and edge drawn with a stable id, labels as text, a route lit by
classes only, stages that partition the pathway, a route view, and words instead of codes."""

import re
import xml.etree.ElementTree as ET

import pytest

from micromets import load_ruleset, recommend, shipped_names
from micromets.cli import main
from micromets.views.flowchart import (
    details_html,
    flowchart_svg,
    node_details,
    node_role,
    route_svg,
    show_flowchart,
    stage_of,
    stages,
    view_id,
)
from micromets.views.flowchart.layout import layered_layout

from ..conftest import patient
from .test_compare import FIXTURE

SVG = "{http://www.w3.org/2000/svg}"
RULESETS = [*shipped_names(), str(FIXTURE)]
PATIENTS = [
    patient(),
    patient(deposit_mm=0.1, er="neg", pr="neg", her2="pos", surgery="mastectomy"),
    patient(deposit_mm=3, positive_nodes=5, recurrence_score=40, menopause="pre"),
    patient(deposit_mm=0, er="neg", pr="neg", her2="neg", tumor_mm=4),
]


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def drawn_edges(rules) -> set[tuple[str, str]]:
    return {(n, nxt) for n, node in rules.nodes.items() for nxt in node.successors() if nxt != "end"}


def visible_text(root: ET.Element) -> list[str]:
    """Every string a reader sees: text and tspans (titles and aria-labels are checked apart)."""
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


@pytest.mark.parametrize("ruleset", RULESETS)
def test_every_node_and_edge_has_a_stable_id_and_a_title_in_words(ruleset):
    rules = load_ruleset(ruleset)
    root = parse(flowchart_svg(rules))
    groups = {g.get("id"): g for g in root.iter(f"{SVG}g") if g.get("id")}
    for node_id, node in rules.nodes.items():
        group = groups[f"mm-node-{node_id}"]
        assert node.label in group.find(f"{SVG}title").text
        assert group.get("tabindex") == "0" and node.label in group.get("aria-label")
        label_text = " ".join("".join(t.itertext()) for t in group.iter(f"{SVG}text"))
        assert label_text.split() == node.label.split()  # the label is SVG text, wrapped but whole
    for a, b in drawn_edges(rules):
        group = groups[f"mm-edge-{a}-{b}"]
        title = group.find(f"{SVG}title").text
        assert rules.nodes[a].label in title and rules.nodes[b].label in title


@pytest.mark.parametrize("ruleset", RULESETS)
def test_branch_labels_are_text_on_their_edges(ruleset):
    rules = load_ruleset(ruleset)
    root = parse(flowchart_svg(rules))
    answers = {g.get("data-answer-of"): g for g in root.iter(f"{SVG}g") if g.get("data-answer-of")}
    for node_id, node in rules.nodes.items():
        for branch in node.branches:
            if branch.next != "end":
                answer = answers[f"mm-edge-{node_id}-{branch.next}"]  # drawn above the arrows, lit with its own
                assert answer.get("data-edges") == f"{node_id}>{branch.next}"
                text = "".join(answer.find(f"{SVG}text").itertext())
                assert text == " / ".join(b.label for b in node.branches if b.next == branch.next)


def strip_classes(svg: str) -> str:
    return re.sub(r' class="[^"]*"', "", svg)


@pytest.mark.parametrize("ruleset", shipped_names())
def test_lighting_a_route_changes_classes_only_and_lights_exactly_the_path(ruleset):
    rules = load_ruleset(ruleset)
    for stage in [None, *(s.id for s in stages(rules))]:
        unlit = flowchart_svg(rules, (), stage)
        for p in PATIENTS:
            path = recommend(p, rules).path
            lit = flowchart_svg(rules, path, stage)
            assert strip_classes(lit) == strip_classes(unlit)
            root = parse(lit)
            lit_nodes = {g.get("data-node") for g in root.iter(f"{SVG}g") if "mm-lit" in g.get("class", "").split()}
            lit_nodes.discard(None)
            shown = {n for n in rules.nodes if f'"mm-node-{n}"' in lit}
            assert lit_nodes == set(path) & shown
            lit_edges = {
                g.get("id")
                for g in root.iter(f"{SVG}g")
                if g.get("id", "").startswith("mm-edge-") and "mm-lit" in g.get("class")
            }
            expected = {f"mm-edge-{a}-{b}" for a, b in zip(path, path[1:], strict=False)}
            assert lit_edges <= expected | {g for g in lit_edges if "-in-" in g}
            if stage is None:
                assert lit_edges == expected
                assert "mm-has-path" in root.get("class")


@pytest.mark.parametrize("ruleset", RULESETS)
def test_stages_partition_the_nodes_and_each_stage_view_draws_only_its_own(ruleset):
    rules = load_ruleset(ruleset)
    views = stages(rules)
    seen = [n for s in views for n in s.nodes]
    assert sorted(seen) == sorted(rules.nodes)  # every node exactly once
    for stage in views:
        svg = flowchart_svg(rules, (), stage.id)
        drawn = {n for n in rules.nodes if f'id="mm-node-{n}"' in svg}
        assert drawn == set(stage.nodes)


def test_shipped_stages_follow_the_pathway_by_what_nodes_decide():
    seed = [s.title for s in stages("seed-2025")]
    assert seed[0] == "Nodal staging and axilla" and seed[-1] == "Radiation and bone agents"
    assert any(t.startswith("Systemic therapy") for t in seed)
    trials = stages("trials-2024")
    first = trials[0]
    assert {"deposit", "axilla_micro"} <= set(first.nodes)
    systemic = [s for s in trials if s.title.startswith("Systemic therapy")]
    assert len(systemic) >= 2  # too big for one legible picture: shown by subtype
    # trials-2024 has one whole-breast radiation step per nodal situation (not one whole_breast_rt):
    # each is shown under the radiation heading, and the bone agent every subtype may reach is shown
    # once, with radiation, not inside one subtype's systemic view.
    whole_breast = [n for n in load_ruleset("trials-2024").nodes if n.startswith("whole_breast")]
    assert len(whole_breast) >= 2
    assert all(stage_with(trials, n).title.startswith("Radiation and bone agents") for n in whole_breast)
    assert stage_with(trials, "consider_bisphosphonate").title == "Radiation and bone agents"


def stage_with(views, node_id):
    return next(s for s in views if node_id in s.nodes)


@pytest.mark.parametrize("ruleset", shipped_names())
def test_sequencing_nodes_do_not_look_like_recommendations(ruleset):
    rules = load_ruleset(ruleset)
    svg = flowchart_svg(rules, recommend(patient(), rules).path)
    root = parse(svg)
    groups = {g.get("data-node"): g for g in root.iter(f"{SVG}g") if g.get("data-node")}
    assert node_role(rules.nodes["endocrine_sequencing"]) == "sequence"
    assert "mm-sequence" in groups["endocrine_sequencing"].get("class")
    for node_id, node in rules.nodes.items():
        role = node_role(node)
        assert f"mm-{role}" in groups[node_id].get("class")
        if role == "recommend":  # a recommendation decides part of the plan; a sequencing note decides none
            assert node.sets or node.options is not None or node.consider
    assert ".mm-sequence>.mm-shape{fill:#fff;stroke-dasharray" in svg  # dashed, unfilled: another look


def test_the_lit_route_differs_in_weight_not_colour_only():
    svg = flowchart_svg("seed-2025", recommend(patient(), "seed-2025").path)
    assert re.search(r"\.mm-node\.mm-lit>\.mm-shape\{stroke:#000;stroke-width:3\}", svg)
    assert ".mm-lit text{font-weight:bold" in svg
    assert re.search(r"\.mm-edge\.mm-lit path\{stroke:#0072B2;stroke-width:3\.5", svg)


@pytest.mark.parametrize("ruleset", shipped_names())
def test_route_view_shows_each_question_the_answer_taken_the_stubs_and_the_recommendations(ruleset):
    rules = load_ruleset(ruleset)
    for p in PATIENTS:
        plan = recommend(p, rules)
        root = parse(route_svg(plan))
        groups = list(root.iter(f"{SVG}g"))
        nodes = {g.get("data-node"): g for g in groups if "mm-node" in g.get("class", "")}
        assert list(nodes) == list(plan.path)  # each step of the route, in order, and nothing else
        assert all("mm-lit" in g.get("class") for g in nodes.values())
        for a, b in zip(plan.path, plan.path[1:], strict=False):
            # every step of the path is drawn: on the lit spine, or as a dotted link to a note beside it
            edge = next(g for g in groups if f"{a}>{b}" in g.get("data-edges", "").split())
            node = rules.nodes[a]
            if node.is_question:  # the answer this patient's value matched, and every other as a stub
                taken = plan.branch_taken(a)
                assert "".join(edge.find(f"{SVG}text").itertext()) == taken.label
                stubs = [g for g in groups if g.get("class") == "mm-stub" and g.get("data-from") == a]
                assert sorted("".join(s.find(f"{SVG}text").itertext()) for s in stubs) == sorted(
                    br.label for br in node.branches if br is not taken
                )
        recommended = [n for n in plan.path if node_role(rules.nodes[n]) == "recommend"]
        assert recommended and all("mm-recommend" in nodes[n].get("class") for n in recommended)
        assert plan.decided_by("axilla") in recommended


def route_headings(root: ET.Element) -> list[str]:
    return [
        " ".join("".join(t.itertext()).split())
        for g in root.iter(f"{SVG}g")
        if g.get("class") == "mm-route-heading"
        for t in g.iter(f"{SVG}text")
    ]


def test_route_view_names_its_stages_in_words_for_this_patient():
    root = parse(route_svg(recommend(patient(), "trials-2024")))
    assert route_headings(root) == [
        "Nodal staging and axilla",
        "Systemic therapy: HR-positive, HER2-negative, node-positive",
        "Radiation and bone agents: breast-conserving surgery",
    ]
    node_negative = recommend(patient(deposit_mm=0.1, her2="pos", surgery="mastectomy"), "trials-2024")
    assert route_headings(parse(route_svg(node_negative)))[1:] == [
        "Systemic therapy: HR-positive, HER2-positive",
        "Radiation and bone agents: mastectomy",
    ]


def test_route_view_draws_alternatives_side_by_side_and_a_note_beside_what_it_qualifies():
    """seed-2025, HR+ HER2- pN1mi without a score: "Endocrine alone (2B)" offers endocrine therapy
    or chemotherapy then endocrine therapy; its note "Chemo first, then endocrine" must not read
    as one more treatment after it on the lit route."""
    plan = recommend(patient(), "seed-2025")
    assert "hrpos_no_score" in plan.path and "endocrine_sequencing" in plan.path
    root = parse(route_svg(plan))
    groups = {g.get("id"): g for g in root.iter(f"{SVG}g") if g.get("id")}
    options = groups["mm-route-node-hrpos_no_score"]
    chips = [
        " ".join("".join(c.itertext()).split()) for c in options.iter(f"{SVG}g") if c.get("class") == "mm-alternative"
    ]
    assert chips == ["Endocrine", "Chemotherapy → endocrine"]
    assert [t.text for t in options.iter(f"{SVG}text") if t.get("class") == "mm-or"] == ["or"]
    note = groups["mm-route-node-endocrine_sequencing"]
    assert "mm-aside" in note.get("class")
    link = groups["mm-route-edge-hrpos_no_score-endocrine_sequencing"]
    assert link.get("class") == "mm-aside-link"  # dotted, no arrow: not a step of the route
    # The lit spine goes from the recommendation straight on to the next step, past the note.
    spine = groups["mm-route-edge-hrpos_no_score-bone_menopause"]
    assert "mm-lit" in spine.get("class")
    assert spine.get("data-edges").split() == [
        "hrpos_no_score>endocrine_sequencing",
        "endocrine_sequencing>bone_menopause",
    ]


def test_route_view_is_one_column_for_the_explorer_panel_and_wraps_into_columns_when_wider():
    from micromets.flowchart import ROUTE_WIDTH

    plan = recommend(patient(), "trials-2024")
    narrow, wide = parse(route_svg(plan)), parse(route_svg(plan, width=1300))
    assert float(narrow.get("width")) <= ROUTE_WIDTH
    assert float(wide.get("width")) <= 1300 and float(wide.get("width")) > 2 * float(narrow.get("width"))
    assert float(wide.get("height")) < float(narrow.get("height")) / 2  # the same route, in columns
    assert "continues in the next column →" in visible_text(wide) and "continues" not in " ".join(visible_text(narrow))
    # a column that starts inside a stage names it again; the one column never needs to
    assert "Systemic therapy: HR-positive, HER2-negative, node-positive (continued)" in route_headings(wide)
    assert not any(h.endswith("(continued)") for h in route_headings(narrow))


@pytest.mark.parametrize("ruleset", RULESETS)
def test_no_node_id_or_raw_code_in_visible_text(ruleset):
    rules = load_ruleset(ruleset)
    ids = {n for n in rules.nodes if "_" in n}
    views = [flowchart_svg(rules, (), None)] + [flowchart_svg(rules, (), s.id) for s in stages(rules)]
    views += [route_svg(recommend(p, rules)) for p in PATIENTS]  # an instructor's file too: the plan knows it
    for svg in views:
        root = parse(svg)
        texts = visible_text(root) + [t.text for t in root.iter(f"{SVG}title")]
        texts += [g.get("aria-label") for g in root.iter(f"{SVG}g") if g.get("aria-label")]
        for text in texts:
            assert "_" not in text, text  # no code (codes are words joined by _), hence no such node id
            assert not any(re.search(rf"\b{i}\b", text) for i in ids), text


@pytest.mark.parametrize("ruleset", shipped_names())
def test_node_details_give_step_rationale_evidence_and_citations_in_words(ruleset):
    rules = load_ruleset(ruleset)
    for node_id, node in rules.nodes.items():
        details = node_details(rules, node_id)
        html = details_html(details)
        assert node.label.replace("<", "&lt;").replace(">", "&gt;") in html
        if node.is_question:
            assert [a["label"] for a in details["answers"]] == [b.label for b in node.branches]
        elif node.step is not None:
            assert details["text"] == node.step.text and details["evidence"] == node.step.evidence
            assert [c["id"] for c in details["citations"]] == list(node.step.citations)
            assert all(c["citation"] in html.replace("&amp;", "&") for c in details["citations"])
        assert "_" not in re.sub(r"<[^>]*>", "", html)  # no code or node id in what is shown
    micro = node_details(rules, "axilla_micro")
    assert micro["decides"] == ["Axilla: no axillary lymph node dissection (sentinel node biopsy alone)"]
    assert any(c["figure"] for c in micro["citations"])  # a trial figure is one click away
    assert "data-figure='ibcsg-23-01'" in details_html(micro)


def test_unknown_stage_or_node_is_refused_with_the_allowed_values():
    with pytest.raises(ValueError, match="stage: 'nowhere' is not a stage of seed-2025; allowed: deposit"):
        flowchart_svg("seed-2025", stage="nowhere")
    with pytest.raises(ValueError, match="node: 'nowhere'"):
        node_details("seed-2025", "nowhere")
    assert view_id("trials-2024", "route") == "route"
    with pytest.raises(ValueError, match="allowed: whole, route, or a stage number: 1 \\(Nodal staging"):
        view_id("trials-2024", "0")


def test_layout_removes_the_crossings_of_a_graph_that_has_an_order_without_any():
    # a -> (b, c); b -> e; c -> d: given in a crossing order, laid out without crossing.
    nodes = ["a", "c", "b", "d", "e"]
    edges = [("a", "b"), ("a", "c"), ("b", "e"), ("c", "d")]
    lay = layered_layout(nodes, edges, dict.fromkeys(nodes, (60, 30)))
    assert lay.crossings == 0
    left_of = lay.centre["b"][0] < lay.centre["c"][0]
    assert left_of == (lay.centre["e"][0] < lay.centre["d"][0])
    for a, b in edges:  # every edge spans one layer: no long edge where none is needed
        assert lay.layer[b] - lay.layer[a] == 1


@pytest.mark.parametrize("ruleset", shipped_names())
def test_shipped_charts_have_few_crossings_and_no_overlapping_boxes(ruleset):
    """Every box is readable (none overlaps another) and lines cross rarely.

    The 38-node seed pathway draws with at most one crossing per view. The 114-node trials-2024
    pathway has steps that many routes share (menopause, score, sequencing), so some crossings are
    unavoidable in a layered drawing; what a learner needs is that they stay few for the size of
    the picture: at most one per three boxes in the stage views, which learners read. The whole
    map of the 168-node pathway (issue 19 added the CDK4/6, olaparib, germline and radiation-omission
    branches) is an overview whose shared steps are reached from every subtype: at most one
    crossing per box there.
    """
    from micromets.views.flowchart.svg import _view_layout

    rules = load_ruleset(ruleset)
    for stage in [None, *(s.id for s in stages(rules))]:
        lay = _view_layout(rules, stage)
        bound = len(lay.centre) if stage is None else len(lay.centre) // 3
        assert lay.crossings <= (1 if ruleset == "seed-2025" else bound), (stage, lay.crossings)
        boxes = [
            (x - w / 2, y - h / 2, x + w / 2, y + h / 2)
            for (x, y), (w, h) in ((lay.centre[n], lay.size[n]) for n in lay.centre)
        ]
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]


def test_cli_exports_a_view_with_the_route_lit_as_svg_only(tmp_path, capsys):
    out = tmp_path / "chart.svg"
    flags = ["--deposit-mm", "1.2", "--er", "pos", "--pr", "pos", "--her2", "neg", "--menopause", "post"]
    flags += ["--surgery", "bcs", "--ruleset", "trials-2024"]
    assert main(["flowchart", "-o", str(out), "--view", "route", *flags]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<svg')
    assert 'id="mm-route-node-axilla_micro"' in text and "micro 0.2–2 mm" in text
    assert "continues in the next column" in text  # a slide is wide: the route wraps into columns
    assert main(["flowchart", "-o", str(tmp_path / "stage.svg"), "--view", "1", *flags]) == 0
    # One past the last stage of the default pathway (its size is the pathway's business, not the CLI's).
    past = str(len(stages()) + 1)
    assert main(["flowchart", "-o", str(tmp_path / "bad.svg"), "--view", past]) == 2
    assert f"--view: got '{past}'; allowed: whole, route" in capsys.readouterr().err
    # One drawing: no second picture is made for PNG; the refusal says what to use instead.
    assert main(["flowchart", "-o", str(tmp_path / "chart.png"), *flags]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--out: got" in err and "ending in .svg" in err
    assert not (tmp_path / "chart.png").exists()


def test_a_notebook_shows_a_flowchart_as_html_and_as_svg_and_saves_it(tmp_path):
    shown = show_flowchart("seed-2025", recommend(patient(), "seed-2025").path, "route")
    bundle = shown._repr_mimebundle_()
    assert bundle["image/svg+xml"] == shown.svg and shown.svg in bundle["text/html"]
    assert bundle["text/plain"] == "Route of this patient through seed-2025"
    assert shown.save(tmp_path / "route.svg").read_text(encoding="utf-8").endswith(shown.svg)
    with pytest.raises(ValueError, match=r"got 'route.png'; allowed: a file name ending in .svg"):
        shown.save(tmp_path / "route.png")


def test_widget_sends_the_svg_once_per_view_and_restyles_for_a_route():
    from micromets.views.flowchart.widget import FlowchartWidget

    widget = FlowchartWidget(ruleset="seed-2025", stage="deposit")
    drawn = widget.svg
    widget.path = list(recommend(patient(), "seed-2025").path)
    assert widget.svg is drawn  # a route in a drawn view costs no new SVG: the browser restyles
    widget.stage = "route"
    assert 'class="mm-chart mm-route' in widget.svg
    widget.set_ruleset("trials-2024")
    assert widget.ruleset == "trials-2024" and "Nodal staging" in widget.svg
    widget.stage = None
    widget.selected = "axilla_micro"
    assert "IBCSG 23-01" in widget.details["axilla_micro"]
    with pytest.raises(Exception, match="stage: 'x' is not a view of trials-2024"):
        widget.stage = "x"
    assert [v[:2] for v in widget.views[:2]] == [["", "Whole pathway"], ["route", "This patient's route"]]
    assert [v[0] for v in widget.views[2:]] == [s.id for s in stages("trials-2024")]


def test_route_names_the_answer_that_matched_where_two_lead_to_the_same_step():
    """trials-2024 asks the age for radiation after breast-conserving surgery: "<50" and "not given"
    both lead on to whole-breast radiation; the route says which one this patient's age matched,
    the others are stubs."""
    from micromets.flowchart import route_svg_for_path

    def answer_at_age(age):
        plan = recommend(patient(deposit_mm=0, recurrence_score=20, age=age), "trials-2024")
        assert "rt_node_negative_age" in plan.path
        root = parse(route_svg(plan))
        edge = next(
            g
            for g in root.iter(f"{SVG}g")
            if g.get("data-from") == "rt_node_negative_age" and "mm-edge" in g.get("class")
        )
        stubs = [
            g
            for g in root.iter(f"{SVG}g")
            if g.get("class") == "mm-stub" and g.get("data-from") == "rt_node_negative_age"
        ]
        return "".join(edge.find(f"{SVG}text").itertext()), sorted(
            "".join(s.itertext()).split("(not taken)")[-1] for s in stubs
        )

    assert answer_at_age(45) == ("<50", ["50–64", "not given", "≥65"])
    assert answer_at_age(None) == ("not given", ["50–64", "<50", "≥65"])
    # Without a plan (a path alone) the route can only say every answer leading on.
    path = recommend(patient(deposit_mm=0, recurrence_score=20), "trials-2024").path
    assert "&lt;50 / not given" in route_svg_for_path("trials-2024", path)  # escaped in the SVG


def test_in_the_map_a_note_after_a_recommendation_hangs_on_a_dotted_link_not_a_lit_arrow():
    plan = recommend(patient(), "seed-2025")  # Endocrine alone (2B), then its note "Chemo first, then endocrine"
    for stage in (None, stage_of("seed-2025", "hrpos_no_score").id):
        root = parse(flowchart_svg("seed-2025", plan.path, stage))
        groups = {g.get("id"): g for g in root.iter(f"{SVG}g") if g.get("id")}
        assert groups["mm-edge-hrpos_no_score-endocrine_sequencing"].get("class").split() == [
            "mm-edge",
            "mm-note",
            "mm-lit",
        ]
        assert "mm-note" not in groups["mm-edge-endocrine_sequencing-bone_menopause"].get("class", "")
    assert ".mm-edge.mm-note path{stroke-dasharray:2 4;marker-end:none}" in flowchart_svg("seed-2025")
