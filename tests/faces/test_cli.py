"""The command line as a user runs it: JSON contract, readable plans, clean errors."""

import json

import pytest

from micromets import DISCLAIMER

from ..conftest import run_cli

BASE = ["--deposit-mm", "1.2", "--er", "pos", "--pr", "pos", "--her2", "neg", "--menopause", "post", "--surgery", "bcs"]


run = run_cli


def test_json_follows_the_contract_and_disclaimer_goes_to_stderr():
    result = run("recommend", *BASE, "--json")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data["ruleset"] == "trials-2024"  # the corrected pathway is the default
    assert data["deposit_class"] == "micrometastasis" and data["nodal_category"] == "pN1mi"
    assert data["axilla"] == "no_alnd" and data["radiation"] == "whole_breast"
    assert data["systemic"]["options"] == [["endocrine"], ["chemotherapy", "endocrine"]]
    assert "bisphosphonate" in data["systemic"]["consider"]
    assert all(set(s) >= {"id", "text", "citations", "evidence"} for s in data["steps"])
    assert data["path"][:2] == ["setting", "deposit"]
    assert data["patient"]["neoadjuvant"] == "no"
    assert result.stderr.strip() == DISCLAIMER


def test_neoadjuvant_flag_gives_yp_categories_and_residual_disease_axilla():
    data = json.loads(run("recommend", *BASE, "--neoadjuvant", "yes", "--json").stdout)
    assert data["nodal_category"] == "ypN1mi" and data["axilla"] == "alnd_or_axillary_rt_in_trial"
    article = json.loads(run("recommend", *BASE, "--neoadjuvant", "yes", "--ruleset", "seed-2025", "--json").stdout)
    assert article["axilla"] == "no_alnd" and "outside_article_neoadjuvant" in article["warning_ids"]
    bad = run("recommend", *BASE, "--neoadjuvant", "maybe")
    assert bad.returncode == 2 and "--neoadjuvant" in bad.stderr and "Traceback" not in bad.stderr


def test_readable_plan_carries_disclaimer_reasons_and_sources():
    result = run("recommend", *BASE, "--recurrence-score", "35")
    assert result.returncode == 0
    assert result.stdout.startswith(DISCLAIMER)
    assert "chemotherapy, then endocrine therapy" in result.stdout
    assert "Sources:" in result.stdout and "Galimberti" in result.stdout


def test_optional_flags_change_the_plan():
    her2 = json.loads(run("recommend", *BASE[:6], "--her2", "pos", *BASE[8:], "--json").stdout)
    assert her2["systemic"]["options"] == [["chemotherapy", "trastuzumab", "endocrine"]]
    macro = json.loads(run("recommend", *BASE, "--deposit-mm", "3", "--positive-nodes", "4", "--json").stdout)
    assert macro["nodal_category"] == "pN2a" and macro["axilla"] == "alnd_or_axillary_rt"
    cells = json.loads(run("recommend", *BASE, "--deposit-mm", "0.1", "--cells", "250", "--json").stdout)
    assert cells["deposit_class"] == "micrometastasis"


@pytest.mark.parametrize(
    "args, flag",
    [
        (["--deposit-mm", "abc"], "--deposit-mm"),
        (["--er", "maybe"], "--er"),
        (["--recurrence-score", "150"], "--recurrence-score"),
        (["--grade", "2.5"], "--grade"),
        (["--positive-nodes", "0"], "--positive-nodes"),
        (["--cells", "-3"], "--cells"),
        (["--ruleset", "nope"], "--ruleset"),
        (["--menopause", "peri"], "--menopause"),
    ],
)
def test_bad_input_exits_2_with_one_line_naming_the_flag(args, flag):
    result = run("recommend", *BASE, *args, "--json")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and flag in lines[0]
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_missing_required_flag_and_unknown_flag_are_one_line_errors():
    for args in (["recommend", "--er", "pos"], ["recommend", *BASE, "--colour", "red"], ["frobnicate"]):
        result = run(*args)
        assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1


def test_rulesets_lists_names_and_titles():
    result = run("rulesets")
    assert result.returncode == 0 and "seed-2025" in result.stdout and "source article" in result.stdout


def test_help_explains_every_flag_with_allowed_values():
    text = " ".join(run("recommend", "--help").stdout.split())
    for flag in (
        "--deposit-mm",
        "--cells",
        "--positive-nodes",
        "--er",
        "--pr",
        "--her2",
        "--menopause",
        "--surgery",
        "--recurrence-score",
        "--age",
        "--tumor-mm",
        "--grade",
        "--ruleset",
        "--json",
    ):
        assert flag in text
    assert "pos or neg" in text and "bcs or mastectomy" in text and "0 to 100" in text


def test_compare_prints_graph_and_cohort_differences():
    result = run("compare", "seed-2025", "trials-2024", "--n", "3000")
    assert result.returncode == 0 and result.stdout.startswith(DISCLAIMER)
    assert "+ Recurrence score (TAILORx)?" in result.stdout and "- RS <18 – endocrine alone" in result.stdout
    assert "tailorx_score" not in result.stdout and "score_low" not in result.stdout  # words, not node ids
    assert "generated patients" in result.stdout and "now consider an adjuvant bisphosphonate" in result.stdout
    bad = run("compare", "seed-2025", "nope")
    assert bad.returncode == 2 and "nope" in bad.stderr and len(bad.stderr.splitlines()) == 1


def test_flowchart_export_lights_a_patients_path(tmp_path):
    out = tmp_path / "chart.svg"
    result = run("flowchart", "-o", str(out), *BASE)
    assert result.returncode == 0 and "SLNB alone – no ALND" in result.stdout  # the route in words
    assert "axilla_micro" not in result.stdout
    assert out.read_text().lstrip().startswith("<?xml") and "<svg" in out.read_text()[:1000]
    missing = run("flowchart", "-o", str(tmp_path / "x.svg"), "--deposit-mm", "1")
    assert missing.returncode == 2 and "--er" in missing.stderr
    wrong = run("flowchart", "-o", str(tmp_path / "x.pdf"))
    assert wrong.returncode == 2 and "--out" in wrong.stderr
