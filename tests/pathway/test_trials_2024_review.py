"""trials-2024 after the third pass (issue 19): the independent clinical review's fixes, one test per
rule, named after it and citing the source it follows."""

from __future__ import annotations

import pytest

from micromets import recommend
from micromets.cli import main

from ..conftest import patient

BASE = ["recommend", "--er", "pos", "--pr", "pos", "--her2", "neg", "--surgery", "mastectomy"]


def consider_line(capsys, *flags: str) -> str:
    """The plan's 'Consider:' line as the CLI prints it to a learner."""
    assert main([*BASE, *flags]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith("Consider:")]
    assert lines, "the plan weighs something, so it has a Consider line"
    return lines[0]


@pytest.mark.parametrize(
    ("fields", "wrong_drug", "trial"),
    [
        # node-negative T2 grade 3: NATALEE's stage IIA N0 criteria; monarchE enrolled node-positive only
        ({"deposit_mm": 0, "tumor_mm": 30, "grade": 3}, "abemaciclib", "NATALEE"),
        # node-negative T3: NATALEE stage IIB; monarchE again node-positive only
        ({"deposit_mm": 0, "tumor_mm": 60, "grade": 1}, "abemaciclib", "NATALEE"),
        # pN1mi with T1 grade 3: anatomic stage IB, outside NATALEE (stage II-III); monarchE by grade 3
        ({"deposit_mm": 1.2, "tumor_mm": 15, "grade": 3}, "ribociclib", "monarchE"),
    ],
)
def test_cdk4_6_consider_line_never_names_a_drug_whose_trial_excluded_the_patient(capsys, fields, wrong_drug, trial):
    """NATALEE (Slamon, NEJM 2024: stage IIA N0 with grade 3 or grade 2 plus Ki-67/genomic risk,
    stage IIB incl. T3N0, stage III; T1N0 excluded) and monarchE (node-positive only: >=4 nodes,
    or 1-3 with grade 3 or >=5 cm). The summary line a learner reads first must not offer the
    other trial's drug; the step names the right trial."""
    flags = [f"--{name.replace('_', '-')}={value}" for name, value in fields.items()]
    line = consider_line(capsys, *flags, "--menopause", "post")
    assert "CDK4/6 inhibitor" in line
    assert wrong_drug not in line.lower()
    steps = " ".join(s.text for s in recommend(patient(**fields), "trials-2024").steps)
    assert trial in steps


@pytest.mark.parametrize(
    ("age", "radiation"), [(72, "whole_breast_partial_breast_or_omission"), (55, "whole_breast_or_partial_breast")]
)
def test_radiation_omission_and_partial_breast_name_clear_margins_as_prime_ii_and_import_low_required(age, radiation):
    """PRIME II (Kunkler, Lancet Oncol 2015; NEJM 2023) enrolled only women with clear margins;
    IMPORT LOW (Coles, Lancet 2017) likewise required clear margins; ASTRO's APBI suitability
    and NCCN's omission wording assume them. A step offering less radiation must say so."""
    p = recommend(patient(deposit_mm=0, age=age, tumor_mm=15), "trials-2024")
    assert p.radiation == radiation
    radiation_steps = [s.text for s in p.steps if "radiation" in s.text and "partial-breast" in s.text]
    assert radiation_steps and all("clear margins" in text for text in radiation_steps)


def test_pertuzumab_continued_after_surgery_is_given_with_trastuzumab_not_after_it(capsys):
    """APHINITY (von Minckwitz, NEJM 2017) and NCCN: pertuzumab is given together with
    trastuzumab; after neoadjuvant therapy for node-positive HER2+ disease with ypN0, the pair
    continues to complete a year. The plan must not read 'trastuzumab, then pertuzumab'."""
    flags = ["--deposit-mm", "0", "--neoadjuvant", "yes", "--clinical-nodes", "cn_positive", "--menopause", "post"]
    assert main(["recommend", "--er", "neg", "--pr", "neg", "--her2", "pos", "--surgery", "bcs", *flags]) == 0
    systemic = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("Systemic:"))
    assert "trastuzumab with pertuzumab" in systemic
    assert "then pertuzumab" not in systemic


def test_monarche_grade_unknown_pn1mi_says_the_grade_decides_instead_of_ruling_cdk4_6_out():
    """monarchE (Johnston, J Clin Oncol 2020): 1-3 positive nodes qualify with grade 3 (or >=5 cm).
    With T1 pN1mi and no grade given, the plan must not say 'no grade 3' and rule a CDK4/6
    inhibitor out; it says the grade decides, as the node-negative NATALEE branch does."""
    unknown = recommend(patient(deposit_mm=1.2, tumor_mm=15), "trials-2024")
    text = " ".join(s.text for s in unknown.steps)
    assert "grade not given" in text and "no grade 3" not in text
    assert "grade" in unknown.inputs_used()
    graded = recommend(patient(deposit_mm=1.2, tumor_mm=15, grade=2), "trials-2024")
    assert "no grade 3" in " ".join(s.text for s in graded.steps)


def test_residual_nodes_after_cn0_do_not_promise_a_trial_that_enrolled_only_cn1(capsys):
    """Alliance A011202 (registry: "cT1-3 N1" with a positive sentinel node after neoadjuvant
    chemotherapy) enrolled only node-positive patients; for a patient cN0
    before neoadjuvant therapy no trial tests axillary radiation instead of dissection. The
    'Axilla:' line shown for both must not say radiation is available 'within a trial'."""
    flags = ["--deposit-mm", "1.0", "--neoadjuvant", "yes", "--clinical-nodes", "cn0", "--menopause", "post"]
    assert main(["recommend", "--er", "neg", "--pr", "neg", "--her2", "neg", "--surgery", "bcs", *flags]) == 0
    out = capsys.readouterr().out
    axilla = next(line for line in out.splitlines() if line.startswith("Axilla:"))
    assert "completion axillary dissection" in axilla and "only within a trial" not in axilla
    assert "A011202 enrolled only" in " ".join(out.split())


def test_olympia_hr_positive_carrier_with_ypn0_weighs_olaparib_when_the_breast_has_residual_disease():
    """OlympiA (Tutt, NEJM 2021) and ESMO 2024 (footnote e): after neoadjuvant chemotherapy an
    HR-positive carrier qualifies without a pathological complete response (breast or nodes) and
    with CPS+EG >= 3; ypN0 does not rule out residual disease in the breast."""
    fields = {"deposit_mm": 0, "neoadjuvant": "yes", "clinical_nodes": "cn_positive"}
    carrier = recommend(patient(**fields, gbrca="yes"), "trials-2024")
    assert "olaparib" in carrier.consider
    assert "CPS+EG" in " ".join(s.text for s in carrier.steps)
    assert "olaparib" not in recommend(patient(**fields, gbrca="no"), "trials-2024").consider
