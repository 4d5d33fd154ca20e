"""Ruleset files: the shipped ones load and are proven; malformed or hostile files are refused whole."""

import textwrap

import pytest

from micromets import DataFileError, Patient, load_ruleset, recommend, registry, shipped_names

MINIMAL = """
id: tiny
title: Tiny test ruleset
start: q
nodes:
  q:
    ask: her2
    label: HER2?
    branches:
      - {when: {eq: pos}, next: a}
      - {when: {eq: neg}, next: b}
  a:
    label: anti-HER2
    set: {axilla: no_alnd, radiation: whole_breast}
    options: [[chemotherapy, trastuzumab]]
    step: {text: HER2 positive., cite: [aphinity], evidence: randomised}
    next: end
  b:
    label: endocrine
    set: {axilla: no_alnd, radiation: whole_breast}
    options: [[endocrine]]
    step: {text: HER2 negative., cite: [nccn-2015], evidence: guideline}
    next: end
"""


def write(tmp_path, text, name="rules.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text))
    return path


def refused(tmp_path, text) -> DataFileError:
    path = write(tmp_path, text)
    with pytest.raises(DataFileError) as error:
        load_ruleset(str(path))
    assert str(path) in str(error.value), "the message names the file"
    return error.value


def test_shipped_rulesets_load_and_every_step_cites_known_registry_ids():
    known = registry()
    for name in shipped_names():
        rules = load_ruleset(name)
        steps = [n.step for n in rules.nodes.values() if n.step]
        assert steps
        for step in steps:
            assert step.citations and set(step.citations) <= set(known)


def test_an_instructors_ruleset_file_loads_and_drives_the_engine(tmp_path):
    path = write(tmp_path, MINIMAL)
    plan = recommend(Patient(1, "pos", "pos", "pos", "pre", "bcs"), str(path))
    assert plan.ruleset == "tiny" and plan.path == ("q", "a")


@pytest.mark.parametrize(
    "change, key, words",
    [
        (("ask: her2", "ask: tumour_size"), "nodes.q.ask", "unknown field"),
        (
            ("{when: {eq: pos}, next: a}", "{when: {eq: positive}, next: a}"),
            "nodes.q.branches[0].when.eq",
            "not a value of her2",
        ),
        (("{when: {eq: pos}, next: a}", "{when: {gt: 3}, next: a}"), "nodes.q.branches[0].when.gt", "use eq or in"),
        (("cite: [aphinity]", "cite: [made-up-trial]"), "nodes.a.step.cite[0]", "unknown citation id"),
        (("cite: [aphinity]", "cite: []"), "nodes.a.step.cite", "at least one"),
        (("next: end\n  b:", "next: q\n  b:"), "nodes", "cycle"),
        (("{when: {eq: neg}, next: b}", "{when: {eq: neg}, next: a}"), "nodes.b", "unreachable"),
        (("{when: {eq: neg}, next: b}", "{when: {eq: pos}, next: b}"), "nodes.q.branches", "matches no branch"),
        (("options: [[endocrine]]", "options: [[endocrine, aspirin]]"), "nodes.b.options[0]", "unknown component"),
        (
            ("set: {axilla: no_alnd, radiation: whole_breast}\n    options: [[endocrine]]", "options: [[endocrine]]"),
            "nodes.b.next",
            "without setting axilla, radiation",
        ),
        (("label: anti-HER2", "colour: red"), "nodes.a.colour", "unknown key"),
        (("next: end\n  b:", "next: nowhere\n  b:"), "nodes.a.next", "not a node"),
        (("start: q", "start: z"), "start", "names no node"),
    ],
)
def test_malformed_ruleset_is_refused_with_file_and_key(tmp_path, change, key, words):
    old, new = change
    assert old in MINIMAL
    error = refused(tmp_path, MINIMAL.replace(old, new, 1))
    assert error.key == key
    assert words in str(error)


def test_numeric_question_must_cover_every_value(tmp_path):
    text = (
        MINIMAL.replace("ask: her2", "ask: recurrence_score")
        .replace("{when: {eq: pos}, next: a}", "{when: {lt: 18}, next: a}")
        .replace("{when: {eq: neg}, next: b}", "{when: {gt: 18}, next: b}")
    )
    error = refused(tmp_path, text)
    assert "recurrence_score" in str(error) and "matches no branch" in str(error)
    covered = text.replace("{when: {gt: 18}, next: b}", "{when: {ge: 18}, next: b}")
    error = refused(tmp_path, covered)
    assert "not given" in str(error)  # an optional field must say what happens when it is missing


def test_a_python_object_tag_is_refused(tmp_path):
    hostile = MINIMAL.replace("title: Tiny test ruleset", "title: !!python/object/apply:os.system ['echo pwned']")
    error = refused(tmp_path, hostile)
    assert "line 3" in str(error) and "refused" in str(error)


def test_an_expression_string_is_never_evaluated(tmp_path):
    hostile = MINIMAL.replace(
        "{when: {eq: pos}, next: a}", "{when: \"__import__('os').system('x') or her2 == 'pos'\", next: a}"
    )
    error = refused(tmp_path, hostile)
    assert error.key == "nodes.q.branches[0].when" and "never evaluated" in str(error)


def test_a_dunder_field_name_is_just_an_unknown_field(tmp_path):
    error = refused(tmp_path, MINIMAL.replace("ask: her2", "ask: __class__"))
    assert error.key == "nodes.q.ask"


def test_not_yaml_at_all_is_refused(tmp_path):
    error = refused(tmp_path, "id: x\nnodes: [unclosed\n")
    assert "line" in str(error)


def test_unknown_ruleset_name_lists_the_shipped_ones():
    with pytest.raises(DataFileError, match="seed-2025"):
        load_ruleset("no-such-ruleset")


def test_whole_number_fields_are_probed_with_whole_numbers(tmp_path):
    # No patient has 2.5 positive nodes, so "< 2.5" and "> 2.5" together cover every count.
    text = (
        MINIMAL.replace("ask: her2", "ask: positive_nodes")
        .replace("{when: {eq: pos}, next: a}", "{when: {lt: 2.5}, next: a}")
        .replace("{when: {eq: neg}, next: b}", "{when: {gt: 2.5}, next: b}")
    )
    path = write(tmp_path, text)
    assert load_ruleset(str(path)).nodes["q"].ask == "positive_nodes"
