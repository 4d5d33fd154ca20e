"""One test per statement of the source article, as encoded by the seed-2025 ruleset."""

from micromets import recommend

from ..conftest import patient


def plan_of(**fields):
    return recommend(patient(**fields), "seed-2025")  # the article as written, not the default


def step_text(plan) -> str:
    return " ".join(f"{s.text} {s.rationale} {s.note}" for s in plan.steps)


# Surgical management ---------------------------------------------------------------


def test_slnb_alone_for_micrometastases_without_completion_dissection():
    plan = plan_of(deposit_mm=1.5)
    assert plan.axilla == "no_alnd"
    assert "ibcsg-23-01" in plan.citations()


def test_ibcsg_numbers_are_stated_with_the_publications_arm_labels():
    text = step_text(plan_of(deposit_mm=1.0))
    assert "87.8% without ALND vs 84.4% with ALND" in text
    assert "87.8% WITHOUT and 84.4% WITH" in text  # the article's order is corrected beside it


def test_regional_recurrence_claim_is_qualified():
    text = step_text(plan_of(deposit_mm=1.0))
    assert "6 regional first events among 931" in text


def test_applies_to_mastectomy_as_well_as_bcs():
    for surgery in ("bcs", "mastectomy"):
        plan = plan_of(deposit_mm=0.8, surgery=surgery)
        assert plan.axilla == "no_alnd"
    assert "mastectomy" in step_text(plan_of(deposit_mm=0.8, surgery="mastectomy"))


def test_itc_is_pn0_i_plus_and_also_spared_dissection():
    plan = plan_of(deposit_mm=0.1)
    assert plan.nodal_category == "pN0(i+)" and plan.axilla == "no_alnd"


# HR+/HER2- -------------------------------------------------------------------------


def test_hr_positive_pn1mi_endocrine_alone_category_2b_chemo_considered():
    plan = plan_of(deposit_mm=1.0)
    assert plan.options == (("endocrine",), ("chemotherapy", "endocrine"))
    assert "category 2B" in step_text(plan)
    assert "genomic_testing" in plan.consider


def test_category_2b_scope_is_corrected_beside_the_article():
    assert "<=0.5 cm or microinvasive" in step_text(plan_of(deposit_mm=1.0))


def test_node_negative_follows_the_same_branch():
    assert plan_of(deposit_mm=0).options == (("endocrine",), ("chemotherapy", "endocrine"))


def test_recurrence_score_below_18_endocrine_alone():
    assert plan_of(recurrence_score=17).options == (("endocrine",),)
    assert plan_of(recurrence_score=0).options == (("endocrine",),)


def test_recurrence_score_18_to_30_endocrine_or_chemo_then_endocrine():
    for score in (18, 24, 30):
        assert plan_of(recurrence_score=score).options == (("endocrine",), ("chemotherapy", "endocrine"))


def test_recurrence_score_31_or_more_chemo_then_endocrine():
    for score in (31, 100):
        assert plan_of(recurrence_score=score).options == (("chemotherapy", "endocrine"),)


def test_article_cutoffs_are_marked_as_pre_tailorx():
    assert "predate" in step_text(plan_of(recurrence_score=20)) or "pre-TAILORx" in step_text(
        plan_of(recurrence_score=20)
    )


# HR- and HER2+ -----------------------------------------------------------------------


def test_hr_negative_gets_chemotherapy_and_no_endocrine():
    plan = plan_of(er="neg", pr="neg")
    assert plan.options == (("chemotherapy",),)
    assert "curative intent" in step_text(plan)


def test_her2_positive_trastuzumab_with_non_anthracycline_chemo():
    plan = plan_of(her2="pos", er="neg", pr="neg")
    assert plan.options == (("chemotherapy", "trastuzumab"),)
    assert "non-anthracycline" in step_text(plan)


def test_her2_positive_hr_positive_adds_endocrine_after_chemotherapy():
    assert plan_of(her2="pos").options == (("chemotherapy", "trastuzumab", "endocrine"),)


def test_pertuzumab_considered_for_micrometastatic_not_node_negative():
    assert "pertuzumab" in plan_of(her2="pos", deposit_mm=1.0).consider
    assert "pertuzumab" in plan_of(her2="pos", deposit_mm=5.0).consider
    assert "pertuzumab" not in plan_of(her2="pos", deposit_mm=0).consider
    assert "pertuzumab" not in plan_of(her2="pos", deposit_mm=0.1).consider


# Sequencing, bone, radiation -----------------------------------------------------------


def test_chemotherapy_before_endocrine_and_rt_sequential_or_concurrent():
    plan = plan_of(recurrence_score=40)
    texts = step_text(plan)
    assert "endocrine therapy after chemotherapy" in texts
    assert "with radiation or after it" in texts


def test_bisphosphonate_for_postmenopausal_hr_positive_one_to_three_nodes():
    assert "bisphosphonate" in plan_of(positive_nodes=3).consider
    assert "bisphosphonate" not in plan_of(positive_nodes=4).consider
    assert "bisphosphonate" not in plan_of(menopause="pre").consider
    assert "bisphosphonate" not in plan_of(er="neg", pr="neg").consider
    assert "bisphosphonate" not in plan_of(deposit_mm=0.1).consider  # ITC nodes are not involved nodes


def test_bisphosphonate_scope_is_corrected_beside_the_article():
    assert "whatever the receptor or nodal status" in step_text(plan_of())


def test_whole_breast_radiation_after_bcs():
    assert plan_of(surgery="bcs").radiation == "whole_breast"


def test_mastectomy_radiation_code_says_what_it_depends_on():
    assert plan_of(surgery="mastectomy").radiation == "pmrt_depends_on_risk_factors"
    assert plan_of(surgery="mastectomy", deposit_mm=3).radiation == "pmrt_depends_on_axillary_treatment"


# Pitfalls -----------------------------------------------------------------------------


def test_the_three_pitfalls_warn_in_micrometastasis_plans():
    ids = plan_of(deposit_mm=1.0).warning_ids
    assert set(ids) >= {"pitfall_alnd", "pitfall_systemic", "pitfall_pathology"}


def test_pitfalls_do_not_warn_where_they_do_not_apply():
    assert plan_of(deposit_mm=0).warnings == ()
    assert "pitfall_alnd" not in plan_of(deposit_mm=0.1).warning_ids


# Macrometastases --------------------------------------------------------------------------


def test_macrometastases_z0011_for_bcs_with_one_or_two_nodes():
    assert plan_of(deposit_mm=3, positive_nodes=2).axilla == "no_alnd_z0011"
    assert plan_of(deposit_mm=3, positive_nodes=3).axilla == "alnd_or_axillary_rt"
    assert plan_of(deposit_mm=3, positive_nodes=1, surgery="mastectomy").axilla == "alnd_or_axillary_rt"


def test_macrometastases_are_marked_outside_the_focus():
    assert "outside_focus" in plan_of(deposit_mm=3).warning_ids


def test_micrometastases_in_four_or_more_nodes_warn_about_staging():
    plan = plan_of(deposit_mm=1, positive_nodes=5)
    assert plan.nodal_category == "pN1mi" and "micromets_many_nodes" in plan.warning_ids
