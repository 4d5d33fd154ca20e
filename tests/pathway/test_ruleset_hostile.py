"""Hostile rulesets (issue 12): refused whole with the file and key, never a traceback,
a hang or a silently stringified value; and the engine cannot loop."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from micromets import DataFileError, InputError, Patient, load_ruleset, recommend
from micromets.pathway.conditions import COVERED, compile_condition, uncovered_value
from micromets.pathway.graph import CycleError, topological_order
from micromets.pathway.ruleset import parse_ruleset

from ..conftest import FIXTURES

HOSTILE = FIXTURES / "hostile"
FIXTURE = FIXTURES / "instructor-ruleset.yaml"


def refusal(path: Path) -> DataFileError:
    with pytest.raises(DataFileError) as caught:
        load_ruleset(path)
    assert str(path) in str(caught.value) and "\n" not in str(caught.value)
    return caught.value


# --------------------------------------------------------------------------- the corpus, one test per input


@pytest.mark.parametrize(
    ("name", "key", "words"),
    [
        ("gap-threshold", "nodes.q.branches", "deposit_mm 1.00000025 matches no branch"),
        ("unhashable-cite", "nodes.a.step.cite[0]", "unknown citation id ['x']"),
        ("unhashable-ask", "nodes.q.ask", "unknown field [['axilla']]"),
        ("list-label", "nodes.a.label", "needs a non-empty text"),
        ("dict-description", "description", "needs a non-empty text"),
        ("huge-threshold", "nodes.q.branches[0].when.lt", "is not a value of deposit_mm"),
        ("extends-nodes-list", "nodes", "a mapping of node id to node"),
        ("extends-patch-list", "patch_nodes", "a mapping of node id to keys"),
        ("extends-remove-text", "remove_nodes", "a list of node ids"),
        ("extends-remove-number", "remove_nodes[0]", "1 is not text"),
        ("extends-warnings-list", "warnings", "a mapping of warning id to text"),
    ],
)
def test_hostile_ruleset_is_refused_with_the_key(name, key, words):
    error = refusal(HOSTILE / f"{name}.yaml")
    assert error.key == key
    assert words in str(error)


@pytest.mark.parametrize(("name", "words"), [("nan-threshold", "not a finite"), ("inf-threshold", "not a finite")])
def test_nan_and_infinite_thresholds_are_refused(name, words):
    assert words in str(refusal(HOSTILE / f"{name}.yaml"))


def test_mixed_number_and_text_node_ids_are_refused():
    assert "the key 1 is not text" in str(refusal(HOSTILE / "mixed-keys.yaml"))


def test_mixed_keys_through_the_python_api_are_refused_not_sorted():
    data = load_ruleset_data()
    data["nodes"][1] = data["nodes"]["wbrt"]
    with pytest.raises(DataFileError, match="the key 1 is not text|node ids are lower-case"):
        parse_ruleset(data, "api")


def test_nan_threshold_through_the_python_api_is_refused():
    with pytest.raises(DataFileError, match="nan is not a value of deposit_mm"):
        compile_condition({"lt": float("nan")}, "deposit_mm", "nodes.q.branches[0].when", "api")


def load_ruleset_data() -> dict:
    from micromets.ground.datafiles import read_data

    return read_data(FIXTURE)


# --------------------------------------------------------------------------- exact coverage


def conditions(field, *specs):
    return [compile_condition(spec, field, "w", "t") for spec in specs]


@pytest.mark.parametrize(
    ("field", "specs", "gap"),
    [
        ("deposit_mm", ({"le": 1.0}, {"ge": 1.0000005}), "between"),
        ("deposit_mm", ({"lt": 1.0}, {"gt": 1.0}), 1.0),
        ("deposit_mm", ({"lt": 2}, {"ge": 2}), COVERED),
        ("deposit_mm", ({"le": 2, "ge": 0}, {"gt": 2}), COVERED),
        ("deposit_mm", ({"lt": 0.5}, {"in": [0.5, 0.7]}, {"gt": 0.7}), 0.6),
        ("deposit_mm", ({"ne": 3}, {"eq": 3}), COVERED),
        ("deposit_mm", ({"not_in": [1, 2]}, {"eq": 1}), 2),
        ("recurrence_score", ({"lt": 26}, {"ge": 26, "le": 99}, {"missing": True}), 100),
        ("recurrence_score", ({"lt": 26}, {"ge": 26}), None),
        ("recurrence_score", ({"le": 100}, {"missing": True}), COVERED),
        ("positive_nodes", ({"lt": 2.5}, {"gt": 2.5}), COVERED),
        ("positive_nodes", ({"le": 1}, {"ge": 3}), 2),
        ("age", ({"lt": 18}, {"gt": 120}, {"missing": True}), 18),
        ("her2", ({"eq": "pos"},), "neg"),
    ],
)
def test_coverage_proof_is_exact(field, specs, gap):
    found = uncovered_value(field, conditions(field, *specs))
    if gap == "between":
        assert 1.0 < found < 1.0000005
    else:
        assert found == gap or (found is gap)


def test_the_gap_patient_is_refused_by_the_loader_not_looping_in_the_engine():
    error = refusal(HOSTILE / "gap-threshold.yaml")
    assert "gap-threshold.yaml: nodes.q.branches" in str(error)


# --------------------------------------------------------------------------- the engine cannot loop


def test_walk_raises_naming_node_and_value_when_no_branch_matches():
    rules = load_ruleset(FIXTURE)
    question = rules.nodes["her2"]
    only_pos = dataclasses.replace(question, branches=question.branches[:1])
    broken = dataclasses.replace(rules, nodes={**rules.nodes, "her2": only_pos})
    with pytest.raises(DataFileError, match=r"nodes.her2.branches: no branch matches her2 = 'neg'"):
        recommend(Patient(1.2, "pos", "pos", "neg", "post", "bcs"), broken)


def test_walk_refuses_to_revisit_a_node():
    rules = load_ruleset(FIXTURE)
    looping = dataclasses.replace(rules.nodes["wbrt"], next="her2")
    broken = dataclasses.replace(rules, nodes={**rules.nodes, "wbrt": looping})
    with pytest.raises(DataFileError, match="nodes.her2: is reached twice"):
        recommend(Patient(1.2, "pos", "pos", "neg", "post", "bcs"), broken)


def chain_text(count: int, loop: bool) -> str:
    lines = [f"id: chain\ntitle: {count} nodes\nstart: n0\nnodes:"]
    for i in range(count):
        nxt = f"n{i + 1}" if i < count - 1 else ("n0" if loop else "end")
        lines.append(
            f"  n{i}: {{set: {{axilla: no_alnd, radiation: whole_breast}}, options: [[endocrine]], next: {nxt}}}"
        )
    return "\n".join(lines) + "\n"


def test_a_chain_of_300_nodes_loads_and_is_walked(tmp_path):
    path = tmp_path / "chain.yaml"
    path.write_text(chain_text(300, loop=False), encoding="utf-8")
    rules = load_ruleset(path)
    assert len(rules.order()) == 300
    assert len(recommend(Patient(1.2, "pos", "pos", "neg", "post", "bcs"), rules).path) == 300


def test_a_chain_of_1500_nodes_is_refused_cleanly(tmp_path):
    path = tmp_path / "chain.yaml"
    path.write_text(chain_text(1500, loop=False), encoding="utf-8")
    error = refusal(path)
    assert error.key == "nodes" and "1,500 nodes; a ruleset has at most 300" in str(error)


def test_graph_proofs_are_iterative_far_beyond_the_recursion_limit():
    count = 20_000
    chain = {f"n{i}": [f"n{i + 1}" if i < count - 1 else "end"] for i in range(count)}
    assert topological_order(chain.__getitem__, "n0")[-1] == f"n{count - 1}"
    chain[f"n{count - 1}"] = ["n0"]
    with pytest.raises(CycleError):
        topological_order(chain.__getitem__, "n0")


def test_a_loop_is_refused_naming_the_cycle(tmp_path):
    path = tmp_path / "loop.yaml"
    path.write_text(chain_text(250, loop=True), encoding="utf-8")
    error = refusal(path)
    assert error.key == "nodes" and "cycle: n0 -> n1" in str(error) and "n249 -> n0" in str(error)


# --------------------------------------------------------------------------- patients


@pytest.mark.parametrize(
    "value", [10**400, 10**5000, float("inf"), float("nan")], ids=["1e400", "1e5000", "inf", "nan"]
)
def test_absurd_deposit_is_an_input_error_through_the_api(value):
    with pytest.raises(InputError, match="deposit_mm: got"):
        Patient(value, "pos", "pos", "neg", "post", "bcs")
