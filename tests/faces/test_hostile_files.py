"""Issue 21, the second hostile audit: each finding reproduced, and refused or fixed.

Findings about the exercise commands (grades, reports, learner files) are in
``test_grading_hostile.py``; the fuzz suite that keeps covering them is ``test_fuzz.py``.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from micromets import DataFileError, Patient, recommend
from micromets.ground.datafiles import parse_data
from micromets.pathway.plan_model import plan_model
from micromets.pathway.ruleset import load_ruleset, parse_ruleset

from ..fuzzing import check_outcome, files_in, run_main

FIXTURES = Path(__file__).parents[1] / "fixtures" / "hostile"
PATIENT = ["--deposit-mm", "1.2", "--er", "pos", "--pr", "pos", "--her2", "neg", "--menopause", "post"]
PATIENT += ["--surgery", "bcs"]
TINY = {
    "id": "tiny",
    "title": "Tiny",
    "start": "q",
    "nodes": {
        "q": {
            "ask": "age",
            "label": "Age?",
            "branches": [{"when": {"lt": 50}, "next": "a"}, {"when": "otherwise", "next": "a"}],
        },
        "a": {"set": {"axilla": "no_alnd", "radiation": "whole_breast"}, "options": [["endocrine"]], "next": "end"},
    },
}


# --------------------------------------------------------------------------- 5. the route says what was asked


def test_the_route_names_the_branch_this_patient_matched_when_two_lead_to_one_node():
    """The finding: a patient with no age was shown as "Age over 50? ≤50" (two branches lead on)."""
    # trials-2024's radiation question on age: "<50" and "not given" both lead to whole-breast RT
    patient = Patient(0, "pos", "pos", "neg", "post", "bcs", recurrence_score=20)
    route = plan_model(recommend(patient, "trials-2024")).route_text()
    assert "Age (radiation trials)? not given" in route and "Age (radiation trials)? <50" not in route
    young = plan_model(recommend(Patient(0, "pos", "pos", "neg", "post", "bcs", recurrence_score=20, age=44)))
    assert "Age (radiation trials)? <50" in young.route_text()


def test_every_question_on_every_route_names_a_branch_whose_condition_holds():
    rules = load_ruleset("trials-2024")
    for age in (None, 30, 50, 51):
        for rs in (None, 10, 20, 30):
            plan = recommend(Patient(1.0, "pos", "pos", "neg", "post", "bcs", age=age, recurrence_score=rs), rules)
            for node_id in plan.path:
                node = rules.nodes[node_id]
                if node.is_question:
                    branch = plan.branch_taken(node_id)
                    assert branch.condition.test(getattr(plan.patient, node.ask))
                    assert node.branches.index(branch) == min(
                        i for i, b in enumerate(node.branches) if b.condition.test(getattr(plan.patient, node.ask))
                    )


# --------------------------------------------------------------------------- 5. ids match whole strings


@pytest.mark.parametrize("key", ["id", "node", "warning", "code"])
def test_an_id_with_a_trailing_new_line_is_refused(key):
    """The finding: `$` matches before a final new line, so a ruleset id "nl\\n" reached the JSON."""
    data = yaml.safe_load(yaml.safe_dump(TINY))
    if key == "id":
        data["id"] = "nl\n"
    elif key == "node":
        data["nodes"]["a\n"] = data["nodes"].pop("a")
        data["nodes"]["q"]["branches"][0]["next"] = data["nodes"]["q"]["branches"][1]["next"] = "a\n"
    elif key == "warning":
        data["warnings"] = {"w\n": "A warning."}
    else:
        data["nodes"]["a"]["set"]["axilla"] = "no_alnd\n"
    with pytest.raises(DataFileError):
        parse_ruleset(data, "nl.yaml")


# --------------------------------------------------------------------------- 4. explicit YAML tags


@pytest.mark.parametrize("tagged", ["!!bool maybe", "!!float abc", "!!int ''", "!!float ''", "!!bool ''", "!!int abc"])
def test_an_explicit_yaml_tag_is_refused_with_the_file_and_key(tmp_path, tagged):
    """The finding: these made the CLI exit 70 (``!!int abc`` with the wrong message)."""
    text = yaml.safe_dump(TINY, sort_keys=False).replace("lt: 50", f"lt: {tagged}")
    (tmp_path / "tagged.yaml").write_text(text, encoding="utf-8")
    before = files_in(tmp_path)
    outcome = run_main(["recommend", *PATIENT, "--ruleset", "tagged.yaml"], tmp_path)
    check_outcome(outcome, tmp_path, before)
    assert outcome.code == 2 and "tagged.yaml" in outcome.stderr and "nodes.q.branches[0].when.lt" in outcome.stderr
    assert "tag" in outcome.stderr


def test_an_explicit_tag_in_a_case_file_is_refused_with_the_file_and_key(tmp_path):
    path = tmp_path / "cases.yaml"
    path.write_text(
        "cases:\n  - id: a\n    vignette: v\n    patient: {deposit_mm: !!float '', er: pos, pr: pos, her2: neg,"
        " menopause: post, surgery: bcs}\n",
        encoding="utf-8",
    )
    before = files_in(tmp_path)
    outcome = run_main(["exercise", "grade", "cases.yaml", "answers-ana.json"], tmp_path)
    check_outcome(outcome, tmp_path, before)
    assert outcome.code == 2 and "cases[0].patient.deposit_mm" in outcome.stderr


def test_a_tag_anywhere_is_refused_by_the_reader_itself():
    for text in ("a: !!str x", "!!str a: 1", "a: [!!null '']", "a: !custom {}"):
        with pytest.raises(DataFileError, match="tag"):
            parse_data(text, "t.yaml")


# --------------------------------------------------------------------------- 3. bounded work


def _not_in_ruleset(values: int) -> str:
    data = yaml.safe_load(yaml.safe_dump(TINY))
    data["nodes"]["q"]["branches"][0] = {"when": {"not_in": [i * 0.5 + 0.25 for i in range(values)]}, "next": "a"}
    return yaml.safe_dump(data, default_flow_style=True, width=10**9)


def test_a_long_not_in_list_loads_in_linear_time():
    """The finding: 4,000 values took 27 s to load (quadratic); 40,000 ran past 2 minutes."""
    start = time.perf_counter()
    rules = parse_ruleset(parse_data(_not_in_ruleset(40_000), "long.yaml"), "long.yaml")
    assert time.perf_counter() - start < 20  # seconds, on a loaded 2-core machine; it was minutes
    assert recommend(Patient(1.2, "pos", "pos", "neg", "post", "bcs", age=40), rules).path == ("q", "a")


def test_the_coverage_proof_still_finds_a_gap_between_listed_values():
    data = yaml.safe_load(yaml.safe_dump(TINY))
    data["nodes"]["q"]["branches"] = [
        {"when": {"in": list(range(18, 60))}, "next": "a"},
        {"when": {"not_in": list(range(0, 61))}, "next": "a"},
        {"when": {"missing": True}, "next": "a"},
    ]
    with pytest.raises(DataFileError, match="age 60 matches no branch"):
        parse_ruleset(data, "gap.yaml")


def _wide_ruleset(questions: int, ways: int) -> dict:
    nodes = {}
    for i in range(questions):
        following = [f"q{j}" for j in range(i + 1, min(questions, i + 1 + ways))]
        if not following:
            nodes[f"q{i}"] = TINY["nodes"]["a"]
            continue
        branches = [{"when": {"eq": 20 + k}, "next": n} for k, n in enumerate(following[:-1])]
        branches.append({"when": "otherwise", "next": following[-1]})
        if len(branches) < 2:
            branches.insert(0, {"when": {"eq": 20}, "next": following[-1]})
        nodes[f"q{i}"] = {"ask": "age", "label": f"Question {i}?", "branches": branches}
    return {"id": "wide", "title": "Wide", "start": "q0", "nodes": nodes}


def test_a_ruleset_too_big_to_lay_out_is_refused_in_one_line_at_once(tmp_path):
    """The finding: 300 questions branching ten ways took minutes to draw (the node cap did not bound layout)."""
    (tmp_path / "wide.yaml").write_text(yaml.safe_dump(_wide_ruleset(300, 10)), encoding="utf-8")
    before = files_in(tmp_path)
    start = time.perf_counter()
    outcome = run_main(["flowchart", "-o", "wide.svg", "--ruleset", "wide.yaml"], tmp_path, time_limit=60)
    assert time.perf_counter() - start < 30
    check_outcome(outcome, tmp_path, before, allowed_writes={"wide.svg"})
    assert outcome.code == 2 and "too big to lay out" in outcome.stderr and "300 boxes" in outcome.stderr
    assert recommend(Patient(1.2, "pos", "pos", "neg", "post", "bcs"), load_ruleset(tmp_path / "wide.yaml"))


def test_a_small_wide_ruleset_is_still_drawn(tmp_path):
    (tmp_path / "wide.yaml").write_text(yaml.safe_dump(_wide_ruleset(12, 4)), encoding="utf-8")
    before = files_in(tmp_path)
    outcome = run_main(["flowchart", "-o", "wide.svg", "--ruleset", "wide.yaml"], tmp_path)
    check_outcome(outcome, tmp_path, before, allowed_writes={"wide.svg"})
    assert outcome.code == 0 and "<svg" in (tmp_path / "wide.svg").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- 5. readable error lines, closed pipes


def test_an_error_line_is_cut_to_a_readable_length(tmp_path):
    """The finding: some error lines echoed 5,000-character values."""
    before = files_in(tmp_path)
    outcome = run_main(["recommend", *PATIENT, "--ruleset", "x" * 5000 + ".yaml"], tmp_path)
    check_outcome(outcome, tmp_path, before)
    assert outcome.code == 2 and len(outcome.stderr.rstrip("\n")) <= 400


def test_a_closed_pipe_ends_quietly(tmp_path):
    """The finding: `exercise check … | head` printed "Broken pipe" and exited 2."""
    cases = tmp_path / "cases.yaml"
    made = run_main(["exercise", "random", "--n", "30", "--seed", "1", "-o", "cases.yaml"], tmp_path)
    assert made.code == 0
    for argv in (["exercise", "check", str(cases)], ["compare", "seed-2025", "trials-2024", "--n", "3000"]):
        # `true` exits before Python has started, so every write meets a closed pipe.
        shell = f"{sys.executable} -m micromets {' '.join(argv)} | true; echo ${{PIPESTATUS[0]}}"
        done = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, timeout=120)
        assert done.stderr == "" and done.stdout.strip() in ("0", "2"), done.stderr
