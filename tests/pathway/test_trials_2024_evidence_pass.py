"""trials-2024 after the evidence pass of 2026-11-30: micrometastases in four or more nodes, where the
guidelines differ. One test per rule, named after it and citing the source it follows."""

from __future__ import annotations

import pytest

from micromets import recommend

from ..conftest import patient

CHEMO_THEN_ENDOCRINE = ("chemotherapy", "endocrine")


def many_micro_nodes(**overrides):
    """Micrometastases (1.5 mm, so pN1mi) in five nodes, HR+/HER2-, no germline variant."""
    return patient(deposit_mm=1.5, positive_nodes=5, gbrca="no", **overrides)


def deciding_step(plan):
    node_id = plan.decided_by("systemic")
    return next(s for s in plan.steps if s.id == node_id)


def test_four_or_more_micrometastatic_nodes_post_score_25_or_lower_offer_endocrine_alone_as_the_unsettled_alternative():
    """ASCO 2022 (Andre, JCO 2022, rec. 1.7): the recurrence score is insufficiently supported with more
    than 3 positive nodes, so chemotherapy then endocrine therapy stays the recommendation; NCCN groups
    pN1mi with pN0 (v2.2015 BINV-6), and AJCC pN1mi has no node count, so a postmenopausal score below
    26 gives endocrine therapy alone there. The plan offers both, chemotherapy first, and says the
    evidence is unsettled, citing both guidelines."""
    for score in (8, 25):
        plan = recommend(many_micro_nodes(recurrence_score=score), "trials-2024")
        assert plan.nodal_category == "pN1mi"
        assert plan.options == (CHEMO_THEN_ENDOCRINE, ("endocrine",))
        step = deciding_step(plan)
        assert "unsettled" in step.text and "unsettled" in step.evidence
        assert {"asco-2022-biomarkers", "nccn-2015", "ajcc-8"} <= set(step.citations)
        assert "cdk4_6_inhibitor" in plan.consider  # monarchE and NATALEE enrolled four or more nodes


@pytest.mark.parametrize("score", [26, 40, None])
def test_four_or_more_micrometastatic_nodes_post_high_or_missing_score_keep_chemotherapy_as_the_only_option(score):
    """With a score of 26 or more both guidelines give chemotherapy (NCCN pN0/pN1mi, ASCO rec. 1.5); with
    no score, ASCO does not recommend ordering one for more than 3 positive nodes (rec. 1.7), so no
    endocrine-alone alternative is offered on a score nobody has."""
    plan = recommend(many_micro_nodes(recurrence_score=score), "trials-2024")
    assert plan.options == (CHEMO_THEN_ENDOCRINE,)
    assert "genomic_testing" not in plan.consider


def test_four_or_more_macrometastatic_nodes_are_not_given_the_unsettled_alternative():
    """pN2a (a deposit >2.0 mm in 4-9 nodes, AJCC) is not pN1mi: NCCN's pN0/pN1mi grouping does not reach it
    and ASCO rec. 1.7 applies, so a low score changes nothing."""
    plan = recommend(patient(deposit_mm=3.0, positive_nodes=5, gbrca="no", recurrence_score=8), "trials-2024")
    assert plan.nodal_category == "pN2a"
    assert plan.options == (CHEMO_THEN_ENDOCRINE,)


def test_four_or_more_micrometastatic_nodes_premenopausal_keep_chemotherapy_in_every_option():
    """Before menopause RxPONDER found a chemotherapy benefit with 1-3 involved nodes whatever the score, and
    ASCO (rec. 1.6) advises against using the score there, so the count-based and the stage-based readings
    do not differ enough to offer endocrine therapy alone with four or more nodes."""
    plan = recommend(many_micro_nodes(menopause="pre", recurrence_score=8), "trials-2024")
    assert plan.options and all("chemotherapy" in option for option in plan.options)


def test_the_unsettled_micrometastatic_steps_carry_no_curator_note_in_learner_text():
    """DESIGN: learners read a caveat labelled for what it is, never a curator's record."""
    plan = recommend(many_micro_nodes(recurrence_score=8), "trials-2024")
    learner_text = " ".join(f"{s.text} {s.rationale or ''} {s.note or ''}" for s in plan.steps)
    assert "Evidence pass" not in learner_text and "Guideline Central" not in learner_text
