"""trials-2024, third pass (issue 19): one test per finding, named after the rule it checks and the
source it follows. The grid-wide properties (options and text agree, scores never escalate, no
bone agent without systemic therapy) live in test_pathway_grid.py."""

from __future__ import annotations

import pytest

from micromets import Patient, recommend
from micromets.cli import main
from micromets.evidence import registry
from micromets.ruleset import load_ruleset

from ..conftest import patient


def plan(**fields):
    return recommend(patient(**fields), "trials-2024")


def texts(p) -> str:
    return " ".join(s.text for s in p.steps)


def notes(p) -> str:
    return " ".join(s.note for s in p.steps)


# --- Wrong 1: HER2-positive T1a - NCCN "consider" --------------------------------------------------


@pytest.mark.parametrize("deposit", [0, 1.0])
def test_her2_positive_t1a_offers_an_alternative_because_nccn_only_considers_chemotherapy(deposit):
    """NCCN (HER2+ pT1a pN0/pN1mi: consider chemotherapy with trastuzumab); ESMO T1abN0 exception."""
    hr_neg = plan(deposit_mm=deposit, er="neg", pr="neg", her2="pos", tumor_mm=4)
    assert hr_neg.options == (("chemotherapy", "trastuzumab"), ("no_adjuvant_systemic_therapy",))
    hr_pos = plan(deposit_mm=deposit, her2="pos", tumor_mm=4)
    assert hr_pos.options == (("chemotherapy", "trastuzumab", "endocrine"), ("endocrine",))
    assert "consider chemotherapy with trastuzumab" in texts(hr_pos)
    larger = plan(deposit_mm=deposit, her2="pos", tumor_mm=8)
    assert all("trastuzumab" in option for option in larger.options)  # T1b: no longer only considered


# --- Wrong 2: pN1mi scores - NCCN groups pN1mi with pN0 ------------------------------------------------


def test_premenopausal_pn1mi_with_a_low_score_gets_endocrine_alone_as_nccn_groups_pn1mi_with_pn0():
    """The issue's example: --deposit-mm 1.0 --menopause pre --age 45 --recurrence-score 10."""
    low = plan(deposit_mm=1.0, menopause="pre", age=45, recurrence_score=10)
    assert low.options == (("endocrine",),)
    unscored = plan(deposit_mm=1.0, menopause="pre", age=45, tumor_mm=4)
    assert ("endocrine",) in unscored.options  # more information never escalates


def test_premenopausal_score_16_to_25_is_decided_by_menopause_as_nccn_does_not_by_age():
    """NCCN decides 16-25 by menopausal status: a premenopausal 53-year-old with RS 22 is offered
    chemotherapy or OFS (considered) with endocrine alone still an option."""
    older_pre = plan(deposit_mm=0, menopause="pre", age=53, recurrence_score=22)
    assert older_pre.options[:2] == (("chemotherapy", "endocrine"), ("ovarian_suppression", "endocrine"))
    assert ("endocrine",) in older_pre.options
    assert plan(deposit_mm=0, menopause="post", age=48, recurrence_score=22).options == (("endocrine",),)


# --- Wrong 3 and Imprecise: CDK4/6 eligibility - NATALEE and monarchE ------------------------------------


def test_natalee_eligible_pn1mi_weighs_a_cdk4_6_inhibitor_and_reads_grade():
    """NATALEE: stage II-III (T2 N1mi is IIB by AJCC); monarchE: 1-3 nodes with grade 3 or >=5 cm."""
    example = plan(deposit_mm=1.2, tumor_mm=40, grade=3, recurrence_score=20)  # the issue's example
    assert "cdk4_6_inhibitor" in example.consider
    t1_grade3 = plan(deposit_mm=1.2, tumor_mm=15, grade=3, recurrence_score=20)
    assert "cdk4_6_inhibitor" in t1_grade3.consider and "grade" in t1_grade3.inputs_used()
    t1_grade2 = plan(deposit_mm=1.2, tumor_mm=15, grade=2, recurrence_score=20)
    assert "cdk4_6_inhibitor" not in t1_grade2.consider  # stage IB, outside both trials
    assert "separately" in notes(example) and "counted as positive" in texts(t1_grade3)


@pytest.mark.parametrize(
    "tumour, grade, score, expected",
    [
        (60, None, 10, True),
        (30, 3, 10, True),
        (30, 2, 30, True),
        (30, 2, 10, False),
        (30, 1, 30, False),
        (15, 3, 10, False),
    ],
)
def test_natalee_node_negative_risk_factors_decide_ribociclib(tumour, grade, score, expected):
    """NATALEE enrolled stage IIA N0 with grade 3, or grade 2 with high genomic risk, and stage IIB (T3 N0)."""
    p = plan(deposit_mm=0, tumor_mm=tumour, grade=grade, recurrence_score=score)
    assert ("cdk4_6_inhibitor" in p.consider) is expected


def test_monarche_eligibility_is_taught_by_nodes_grade_and_size_not_ki67():
    """monarchE cohort 1 and the NCCN wording: >=4 nodes, or 1-3 nodes with grade 3 or a tumour >=5 cm."""
    pn1a = plan(deposit_mm=3.0, positive_nodes=2, recurrence_score=10)
    assert "grade 3 or a tumour of" in texts(pn1a) and "Ki-67" not in texts(pn1a)
    assert "node-positive stage II" not in texts(pn1a)  # NATALEE enrolled N0 too
    four_micro = plan(deposit_mm=1.0, positive_nodes=4)
    assert "cdk4_6_inhibitor" in four_micro.consider


# --- Misleading 1: radiation for older women - CALGB 9343, PRIME II, IMPORT LOW -----------------------


def test_radiation_omission_is_an_option_for_older_women_with_small_hr_positive_node_negative_tumours():
    """CALGB 9343 (>=70, T1) and PRIME II (>=65, <=3 cm), NCCN category 1 from 70, with endocrine therapy."""
    older = plan(deposit_mm=0, age=72, tumor_mm=15)
    assert older.radiation == "whole_breast_partial_breast_or_omission"
    assert {"calgb-9343", "prime-ii"} <= set(older.citations())
    assert plan(deposit_mm=0, age=72, tumor_mm=15, er="neg", pr="neg").radiation == "whole_breast"
    assert plan(deposit_mm=1.0, age=72, tumor_mm=15).radiation == "whole_breast"  # node-positive: not tested
    assert plan(deposit_mm=0, age=72, tumor_mm=40).radiation == "whole_breast"


def test_partial_breast_radiation_is_an_option_from_fifty_as_import_low_enrolled():
    assert plan(deposit_mm=0, age=55, tumor_mm=15).radiation == "whole_breast_or_partial_breast"
    assert plan(deposit_mm=0, age=45, tumor_mm=15).radiation == "whole_breast"


# --- Misleading 2: four or more micrometastatic nodes - IBCSG 23-01 covers few nodes ----------------------


def test_four_or_more_micrometastatic_nodes_state_that_the_axillary_evidence_covers_few_nodes():
    many = plan(deposit_mm=1.0, positive_nodes=5)
    evidence = " ".join(s.evidence for s in many.steps)
    assert "sufficient" not in texts(many) and "open question" in evidence and "unsettled" in evidence
    assert many.radiation == "whole_breast_and_regional_nodes"  # the text's "regional nodal radiation below"


# --- Misleading 3: KEYNOTE-522 and pertuzumab after neoadjuvant therapy -----------------------------------


@pytest.mark.parametrize("deposit", [0, 1.0])
def test_keynote_522_pembrolizumab_continues_whatever_the_response(deposit):
    p = plan(deposit_mm=deposit, er="neg", pr="neg", neoadjuvant="yes")
    assert p.options[0] == ("pembrolizumab",)


def test_her2_pertuzumab_continues_after_node_positive_disease_with_no_residual_nodes():
    """NCCN (node-positive at presentation: trastuzumab with pertuzumab to complete a year); APHINITY."""
    cn_pos = plan(deposit_mm=0, her2="pos", neoadjuvant="yes", clinical_nodes="cn_positive")
    assert cn_pos.options[0] == ("trastuzumab", "pertuzumab", "endocrine")
    cn0 = plan(deposit_mm=0, her2="pos", neoadjuvant="yes", clinical_nodes="cn0")
    assert all("pertuzumab" not in option for option in cn0.options)


# --- Misleading 4: the nodal status before neoadjuvant therapy - A011202, B-51 ------------------------------


def test_alliance_a011202_is_named_as_the_trial_only_for_patients_node_positive_before_treatment():
    cn_pos = plan(deposit_mm=1.0, neoadjuvant="yes", clinical_nodes="cn_positive")
    cn0 = plan(deposit_mm=1.0, neoadjuvant="yes", clinical_nodes="cn0")
    assert cn_pos.axilla == cn0.axilla == "alnd_or_axillary_rt_in_trial"
    assert "tested in exactly this group" in texts(cn_pos)
    assert "enrolled only patients who were node-positive" in texts(cn0)


def test_nsabp_b51_is_cited_when_node_positive_disease_became_node_negative():
    cn_pos = plan(deposit_mm=0, neoadjuvant="yes", clinical_nodes="cn_positive")
    assert "nsabp-b51" in cn_pos.citations() and cn_pos.radiation == "whole_breast"
    assert "nsabp-b51" not in plan(deposit_mm=0, neoadjuvant="yes", clinical_nodes="cn0").citations()


def test_clinical_nodes_are_asked_only_after_neoadjuvant_therapy():
    upfront = plan(deposit_mm=0, clinical_nodes="cn_positive")
    assert "clinical_nodes" not in upfront.inputs_used()
    assert upfront.options == plan(deposit_mm=0).options


# --- Imprecise: olaparib for germline BRCA1/2 carriers after surgery first - OlympiA -----------------------


@pytest.mark.parametrize(
    "fields, expected",
    [
        ({"er": "neg", "pr": "neg", "deposit_mm": 3.0, "tumor_mm": 15}, True),  # TNBC node-positive
        ({"er": "neg", "pr": "neg", "deposit_mm": 0, "tumor_mm": 30}, True),  # TNBC pT2
        ({"er": "neg", "pr": "neg", "deposit_mm": 0, "tumor_mm": 15}, False),  # TNBC T1c N0: outside
        ({"deposit_mm": 3.0, "positive_nodes": 5}, True),  # HR+ with >=4 nodes
        ({"deposit_mm": 3.0, "positive_nodes": 2, "recurrence_score": 10}, False),  # HR+ 1-3 nodes: outside
    ],
)
def test_olympia_olaparib_is_weighed_for_high_risk_germline_brca_carriers(fields, expected):
    assert ("olaparib" in plan(gbrca="yes", **fields).consider) is expected
    assert "olaparib" not in plan(gbrca="no", **fields).consider


# --- Imprecise: guideline versions; Registry ------------------------------------------------------------


def test_present_day_steps_cite_a_named_guideline_version():
    rules = load_ruleset("trials-2024")
    cited = {c for node in rules.nodes.values() if node.step for c in node.step.citations}
    assert "nccn-2025" not in cited  # "the version current in 2025 (version number not checked)"
    assert "version 4.2024" in registry()["nccn-2024"].citation and "esmo-2024" in cited


def test_registry_fixes_named_in_issue_19():
    reg = registry()
    natalee = next(e for e in reg["natalee"].endpoints if e.is_ratio)
    # evidence pass 2026-11-30: one P value, as the NEJM paper reports it; the KATHERINE PMID is now checked
    assert natalee.note == "P=0.003" and "0.0014" not in natalee.note
    assert reg["katherine"].pmid == "30516102" and reg["katherine"].pmid_verified
    assert reg["keynote-522"].url.endswith("NEJMoa1910549")  # the paper PMID 32101663 names
    assert "1602-1610" in reg["eortc-22922"].citation
    assert "per-protocol" in reg["sound"].population


# --- the new inputs on the command line ------------------------------------------------------------------


def test_new_flags_reach_the_engine_and_bad_values_name_the_flag(capsys):
    args = ["recommend", "--deposit-mm", "1", "--er", "neg", "--pr", "neg", "--her2", "neg", "--menopause", "pre"]
    args += ["--surgery", "bcs", "--neoadjuvant", "yes", "--json"]
    assert main([*args, "--gbrca", "yes", "--clinical-nodes", "cn_positive"]) == 0
    assert '"olaparib"' in capsys.readouterr().out
    assert main([*args, "--gbrca", "maybe"]) == 2
    assert "--gbrca" in capsys.readouterr().err
    assert main([*args, "--clinical-nodes", "cn1"]) == 2
    assert "--clinical-nodes" in capsys.readouterr().err


def test_patient_defaults_germline_status_to_unknown():
    p = Patient(1.0, "pos", "pos", "neg", "post", "bcs")
    assert p.gbrca == "unknown" and p.clinical_nodes is None
    with pytest.raises(ValueError, match="gbrca"):
        Patient(1.0, "pos", "pos", "neg", "post", "bcs", gbrca="maybe")


def test_explorer_offers_the_new_inputs_and_greys_them_where_the_route_does_not_ask():
    from micromets.widgets import Explorer

    explorer = Explorer()
    enabled = {name: not explorer.controls[name].control.disabled for name in ("clinical_nodes", "gbrca")}
    assert enabled == {"clinical_nodes": False, "gbrca": False}  # surgery first, HR+ pN1mi: neither asked
    explorer.set(neoadjuvant="yes", er="neg", pr="neg")
    assert not explorer.controls["clinical_nodes"].control.disabled
    assert not explorer.controls["gbrca"].control.disabled
