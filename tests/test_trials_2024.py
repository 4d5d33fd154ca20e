"""trials-2024: recurrence-score boundaries by TAILORx and RxPONDER, and the evidence corrections."""

import pytest

from micromets import recommend

from .conftest import patient

ENDO = (("endocrine",),)
CHEMO_ENDO = (("chemotherapy", "endocrine"),)
CHEMO_OR_ENDO = (("chemotherapy", "endocrine"), ("endocrine",))


def options(**fields):
    return recommend(patient(**fields), "trials-2024").options


@pytest.mark.parametrize(
    "score, age, expected",
    [
        (0, 40, ENDO),
        (15, 40, ENDO),
        (16, 40, CHEMO_OR_ENDO),
        (25, 50, CHEMO_OR_ENDO),
        (25, 51, ENDO),
        (16, 70, ENDO),
        (26, 70, CHEMO_ENDO),
        (26, 40, CHEMO_ENDO),
        (100, 60, CHEMO_ENDO),
    ],
)
def test_node_negative_follows_tailorx(score, age, expected):
    assert options(deposit_mm=0, recurrence_score=score, age=age) == expected
    assert options(deposit_mm=0.1, recurrence_score=score, age=age) == expected  # ITC is node-negative


def test_tailorx_uses_menopause_when_age_is_not_given():
    assert options(deposit_mm=0, recurrence_score=20, menopause="pre") == CHEMO_OR_ENDO
    assert options(deposit_mm=0, recurrence_score=20, menopause="post") == ENDO


@pytest.mark.parametrize(
    "score, menopause, expected",
    [
        (0, "post", ENDO),
        (25, "post", ENDO),
        (26, "post", CHEMO_ENDO),
        (0, "pre", CHEMO_OR_ENDO),
        (25, "pre", CHEMO_OR_ENDO),
        (26, "pre", CHEMO_ENDO),
    ],
)
def test_pn1mi_and_one_to_three_nodes_follow_rxponder(score, menopause, expected):
    assert options(deposit_mm=1.0, recurrence_score=score, menopause=menopause) == expected
    assert options(deposit_mm=3.0, positive_nodes=3, recurrence_score=score, menopause=menopause) == expected


def test_premenopausal_low_score_considers_ovarian_suppression():
    plan = recommend(patient(menopause="pre", recurrence_score=10), "trials-2024")
    assert "ovarian_suppression" in plan.consider
    assert "placed with RxPONDER" in " ".join(s.note for s in plan.steps)


def test_four_or_more_nodes_lie_outside_the_score_trials():
    assert options(deposit_mm=3.0, positive_nodes=4, recurrence_score=5) == CHEMO_ENDO
    assert options(deposit_mm=1.0, positive_nodes=5, recurrence_score=5) == CHEMO_ENDO


@pytest.mark.parametrize(
    "score, old, new",
    [
        (17, ENDO, ENDO),
        (18, (("endocrine",), ("chemotherapy", "endocrine")), ENDO),
        (26, (("endocrine",), ("chemotherapy", "endocrine")), CHEMO_ENDO),
        (30, (("endocrine",), ("chemotherapy", "endocrine")), CHEMO_ENDO),
        (31, CHEMO_ENDO, CHEMO_ENDO),
    ],
)
def test_each_seed_boundary_against_trials_2024_postmenopausal_pn1mi(score, old, new):
    assert recommend(patient(recurrence_score=score)).options == old
    assert options(recurrence_score=score) == new


def test_category_2b_only_for_tumours_of_5_mm_or_less():
    small = recommend(patient(tumor_mm=5.0), "trials-2024")
    large = recommend(patient(tumor_mm=5.1), "trials-2024")
    assert "category 2B" in small.steps[1].text
    assert "genomic_testing" in large.consider and "2B" not in " ".join(s.text for s in large.steps)


def test_bisphosphonate_for_every_postmenopausal_woman_on_systemic_therapy():
    for fields in ({"er": "neg", "pr": "neg"}, {"deposit_mm": 0}, {"positive_nodes": 6}, {"her2": "pos"}):
        assert "bisphosphonate" in recommend(patient(**fields), "trials-2024").consider
    assert "bisphosphonate" not in recommend(patient(menopause="pre"), "trials-2024").consider


def test_small_hr_negative_or_her2_positive_pn1mi_chemotherapy_considered():
    tnbc = recommend(patient(er="neg", pr="neg", tumor_mm=4), "trials-2024")
    assert "tnbc_small_pn1mi" in tnbc.path and "considered rather than required" in tnbc.steps[1].text
    her2 = recommend(patient(her2="pos", tumor_mm=5), "trials-2024")
    assert "her2_small_pn1mi" in her2.path
    assert her2.options == (("chemotherapy", "trastuzumab", "endocrine"),)
    assert "tnbc_small_pn1mi" not in recommend(patient(er="neg", pr="neg", tumor_mm=6), "trials-2024").path
