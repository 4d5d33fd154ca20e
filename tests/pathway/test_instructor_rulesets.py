"""An instructor's ruleset file works everywhere a shipped name does: CLI, compare and flowchart,
and a new code is shown in the words its file declares."""

import json
import shutil
from pathlib import Path

from micromets import Patient, load_ruleset, recommend
from micromets.pathway.ruleset import shipped_path
from micromets.views.compare import cohort_diff, describe_change, graph_diff
from micromets.views.render import plan_summary_html

from ..conftest import FIXTURES, run_cli

FIXTURE = FIXTURES / "instructor-ruleset.yaml"
PATIENT = ["--deposit-mm", "1.2", "--er", "pos", "--pr", "pos", "--her2", "neg", "--menopause", "post"]


def copied_ruleset(tmp_path) -> Path:
    """trials-2024 saved by an instructor under another name, in a folder of their own."""
    folder = tmp_path / "my course"
    folder.mkdir()
    copy = folder / "our-pathway.yml"
    shutil.copy(shipped_path("trials-2024"), copy)
    return copy


def test_a_copied_ruleset_gives_the_same_plans_as_the_shipped_one(tmp_path):
    copy = copied_ruleset(tmp_path)
    patient = Patient(1.2, "pos", "pos", "neg", "post", "bcs", recurrence_score=20, age=45)
    mine, shipped = recommend(patient, str(copy)), recommend(patient, "trials-2024")
    assert mine.to_dict() == shipped.to_dict()
    assert mine.text() == shipped.text() and plan_summary_html(mine) == plan_summary_html(shipped)
    assert cohort_diff(str(copy), "trials-2024", size=300).changed == 0
    assert graph_diff(str(copy), "trials-2024").lines()[0].endswith("0 nodes added, 0 removed, 0 changed")


def test_the_cli_takes_ruleset_files_for_recommend_compare_and_flowchart(tmp_path):
    copy = copied_ruleset(tmp_path)
    text = run_cli("recommend", *PATIENT, "--surgery", "bcs", "--ruleset", str(copy))
    assert text.returncode == 0 and "Axilla: no axillary lymph node dissection" in text.stdout
    compared = run_cli("compare", str(FIXTURE), "trials-2024", "--n", "300")
    assert compared.returncode == 0 and "change plan" in compared.stdout
    assert "whole-breast radiation with a tumour-bed boost -> whole-breast radiation" in compared.stdout
    chart = tmp_path / "chart.svg"
    drawn = run_cli("flowchart", "-o", str(chart), "--ruleset", str(FIXTURE), *PATIENT, "--surgery", "bcs")
    assert drawn.returncode == 0 and chart.exists() and "Whole-breast RT and boost" in drawn.stdout
    assert "wbrt" not in drawn.stdout


def test_a_new_code_is_shown_in_the_words_its_ruleset_declares(tmp_path):
    result = run_cli("recommend", *PATIENT, "--surgery", "bcs", "--ruleset", str(FIXTURE))
    assert result.returncode == 0
    assert "Radiation: whole-breast radiation with a tumour-bed boost" in result.stdout
    assert "whole_breast_with_boost" not in result.stdout
    data = json.loads(run_cli("recommend", *PATIENT, "--surgery", "bcs", "--ruleset", str(FIXTURE), "--json").stdout)
    assert data["radiation"] == "whole_breast_with_boost" and data["ruleset"] == "instructor-demo"
    plan = recommend(Patient(1.2, "pos", "pos", "neg", "post", "bcs"), str(FIXTURE))
    html = plan_summary_html(plan)
    assert "Whole-breast radiation with a tumour-bed boost" in html and "whole_breast_with_boost" not in html
    change = describe_change(recommend(plan.patient, "trials-2024"), plan)
    assert "whole-breast radiation -> whole-breast radiation with a tumour-bed boost" in change
    assert load_ruleset(str(FIXTURE)).vocabulary.label("radiation", "whole_breast_with_boost") == "Whole breast + boost"


def test_a_ruleset_file_with_an_unknown_code_is_refused_by_the_cli(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(FIXTURE.read_text().replace("set: {radiation: whole_breast_with_boost}", "set: {radiation: moon}"))
    result = run_cli("recommend", *PATIENT, "--surgery", "bcs", "--ruleset", str(bad))
    assert result.returncode == 2 and len(result.stderr.splitlines()) == 1
    assert "bad.yaml" in result.stderr and "nodes.wbrt.set.radiation" in result.stderr and "moon" in result.stderr
