"""The vocabulary: every code a plan or staging carries has words, and rulesets use only known codes."""

import textwrap
from pathlib import Path

import pytest

import micromets
from micromets import DataFileError, Patient, load_ruleset, recommend
from micromets.ground.staging import DEPOSIT_CLASSES, NODAL_CATEGORIES
from micromets.ground.vocabulary import shipped

from ..conftest import FIXTURES

FIXTURE = FIXTURES / "instructor-ruleset.yaml"

# The codes of the JSON contract in DESIGN.md: each must have learner-facing words.
CONTRACT = {
    "axilla": ["no_alnd", "no_alnd_z0011", "alnd_or_axillary_rt"],
    "radiation": ["whole_breast", "whole_breast_and_regional_nodes", "chest_wall_and_regional_nodes"],
    "component": [
        "chemotherapy",
        "endocrine",
        "ovarian_suppression",
        "trastuzumab",
        "pertuzumab",
        "trastuzumab_emtansine",
    ],
    "consider": [
        "chemotherapy",
        "pertuzumab",
        "bisphosphonate",
        "genomic_testing",
        "ovarian_suppression",
        "capecitabine",
        "olaparib",
        "pembrolizumab",
    ],
    "nodal_category": [*NODAL_CATEGORIES, "ypN0", "ypN0(i+)", "ypN1mi", "ypN1a", "ypN2a", "ypN3a"],
    "deposit_class": list(DEPOSIT_CLASSES),
}

TINY = """
id: tiny
title: Tiny
start: q
nodes:
  q:
    ask: her2
    label: HER2?
    branches:
      - {when: {eq: pos}, next: a}
      - {when: otherwise, next: a}
  a:
    set: {axilla: no_alnd, radiation: whole_breast}
    options: [[chemotherapy, endocrine]]
    step: {text: Plan., cite: [aphinity], evidence: randomised}
    next: end
"""


def load_text(tmp_path, text, name="rules.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text))
    return load_ruleset(str(path))


def test_every_contract_code_has_a_label_and_a_text():
    words = shipped()
    for kind, codes in CONTRACT.items():
        for code in codes:
            term = words.term(kind, code)
            assert term.label.strip() and term.text.strip()
            assert term.label[0] == term.label[0].upper() or term.label.startswith(("p", "yp"))


def test_labels_are_learner_words_not_codes():
    words = shipped()
    assert words.label("deposit_class", "itc") == "ITC"
    assert words.label("deposit_class", "micrometastasis") == "Micrometastasis"
    assert words.label("axilla", "no_alnd") == "SLNB alone"
    for kind in ("axilla", "radiation", "component", "consider"):
        for code in words.codes(kind):
            assert "_" not in words.label(kind, code) and "_" not in words.text(kind, code)


def test_sequencing_comes_from_the_data():
    words = shipped()
    assert words.option_text(["chemotherapy", "trastuzumab", "endocrine"]) == (
        "chemotherapy with trastuzumab, then endocrine therapy"
    )
    assert words.option_text(["trastuzumab_emtansine"]) == "trastuzumab emtansine (T-DM1)"
    assert words.option_label(["chemotherapy", "trastuzumab", "endocrine"]) == (
        "Chemotherapy + trastuzumab → endocrine"
    )


def test_a_ruleset_using_an_unknown_code_is_refused_with_file_and_key(tmp_path):
    for old, new, key in [
        ("radiation: whole_breast}", "radiation: partial_breast}", "nodes.a.set.radiation"),
        ("axilla: no_alnd,", "axilla: skip_it,", "nodes.a.set.axilla"),
        ("[[chemotherapy, endocrine]]", "[[chemotherapy, aspirin]]", "nodes.a.options[0]"),
        ("step: {text", "consider: [vitamin_d]\n    step: {text", "nodes.a.consider"),
    ]:
        with pytest.raises(DataFileError) as error:
            load_text(tmp_path, TINY.replace(old, new))
        assert error.value.key == key and "rules.yaml" in str(error.value)
        assert "codes." in str(error.value), "the message says how to declare a new code"


def test_an_instructor_ruleset_declares_a_code_with_its_words(tmp_path):
    rules = load_ruleset(str(FIXTURE))
    plan = recommend(Patient(1.0, "pos", "pos", "neg", "post", "bcs"), rules)
    assert plan.radiation == "whole_breast_with_boost"  # JSON keeps the code
    assert plan.to_dict()["radiation"] == "whole_breast_with_boost"
    text = plan.text()
    assert "whole-breast radiation with a tumour-bed boost" in text
    assert "whole_breast_with_boost" not in text
    # The declaration belongs to that ruleset only.
    assert not shipped().has("radiation", "whole_breast_with_boost")
    assert plan.vocabulary.label("radiation", "whole_breast_with_boost") == "Whole breast + boost"


def test_a_ruleset_may_reword_a_shipped_code_for_itself(tmp_path):
    reworded = TINY.replace(
        "start: q", "start: q\ncodes:\n  axilla:\n    no_alnd: {label: No ALND, text: sentinel node biopsy only}"
    )
    plan = recommend(Patient(1.0, "pos", "pos", "neg", "post", "bcs"), load_text(tmp_path, reworded))
    assert "Axilla: sentinel node biopsy only" in plan.text()
    assert shipped().label("axilla", "no_alnd") == "SLNB alone"


def test_an_extending_ruleset_keeps_and_adds_codes(tmp_path):
    base = load_ruleset("trials-2024")
    node_id, node = next((i, n) for i, n in base.nodes.items() if n.consider)
    items = ", ".join([*node.consider, "exercise_programme"])
    child = f"""
    id: my-trials
    title: My variant
    extends: trials-2024
    codes:
      consider:
        exercise_programme: {{label: Exercise, text: a supervised exercise programme}}
    patch_nodes:
      {node_id}:
        consider: [{items}]
    """
    rules = load_text(tmp_path, child)
    assert rules.vocabulary.text("consider", "exercise_programme") == "a supervised exercise programme"
    assert rules.nodes[node_id].consider[-1] == "exercise_programme"


@pytest.mark.parametrize(
    "codes, key, words",
    [
        ("radiation:\n    moon_beam: {label: Moon}", "codes.radiation.moon_beam.text", "non-empty text"),
        ("radiation:\n    Moon: {label: M, text: m}", "codes.radiation.Moon", "lower-case"),
        ("deposit_class:\n    huge: {label: Huge, text: huge}", "codes.deposit_class.huge", "fixed by staging"),
        ("weather:\n    sun: {label: Sun, text: sun}", "codes.weather", "unknown kind"),
        ("radiation:\n    x_ray: {label: X, text: x, colour: red}", "codes.radiation.x_ray.colour", "unknown key"),
    ],
)
def test_a_malformed_code_declaration_is_refused(tmp_path, codes, key, words):
    text = TINY.replace("start: q", "start: q\ncodes:\n  " + codes)
    with pytest.raises(DataFileError) as error:
        load_text(tmp_path, text)
    assert error.value.key == key and words in str(error.value)


def test_the_flowchart_words_come_from_the_vocabulary():
    from micromets.flowchart import node_details, stages

    words = shipped().flowchart
    assert [s.title for s in stages("seed-2025")] == [words.stages[k] for k in ("axilla", "systemic", "radiation")]
    assert node_details("seed-2025", "endocrine_sequencing")["kind"] == words.roles["sequence"]
    titles = [s.title for s in stages("trials-2024")]
    assert "Systemic therapy: HR-positive, HER2-negative, node-positive" in titles
    assert not any(mark in title for title in titles for mark in ("?", "·", " / "))  # words, not queries


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda f: f["stages"].pop("systemic"), "flowchart.stages"),
        (lambda f: f["roles"].update(question=""), "flowchart.roles.question"),
        (lambda f: f["patients"].update(her2=[{"values": [True], "words": "x"}]), "flowchart.patients.her2[0].values"),
        (lambda f: f["patients"].update(her2=[{"values": ["pos"]}]), "flowchart.patients.her2[0]"),
        (lambda f: f.pop("words"), "flowchart"),
        (lambda f: f.update(bare_answers=[True, False]), "flowchart.bare_answers"),  # yes and no unquoted
        (lambda f: f.update(bare_answers="yes"), "flowchart.bare_answers"),
        (lambda f: f["joins"].update(arrow=""), "flowchart.joins.arrow"),
        (lambda f: f["joins"].update(sideways=" ← "), "flowchart.joins.sideways"),
        (lambda f: f["words"].pop("whole"), "flowchart.words.whole"),
        (lambda f: f["words"].update(box="$label"), "flowchart.words.box"),  # the kind of box left out
        (lambda f: f["words"].update(chart="Chart: $title"), "flowchart.words.chart"),
        (lambda f: f["words"].update(route="Route\nmap"), "flowchart.words.route"),
    ],
)
def test_a_malformed_flowchart_section_is_refused_naming_the_key(change, where):
    import copy

    import yaml

    from micromets.vocabulary import parse_vocabulary

    data = yaml.safe_load((Path(micromets.__file__).parent / "data" / "vocabulary.yaml").read_text(encoding="utf-8"))
    data = copy.deepcopy(data)
    change(data["flowchart"])
    with pytest.raises(DataFileError) as error:
        parse_vocabulary(data, "words.yaml")
    assert str(error.value).startswith(f"words.yaml: {where}: ")
