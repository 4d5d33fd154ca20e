"""trials-2024, the corrected pathway: TAILORx/RxPONDER cut-offs, and one test per error of
issue 11 (named after the rule it checks, with the source it follows)."""

import pytest

from micromets import recommend

from ..conftest import patient

ENDO = (("endocrine",),)
CHEMO_ENDO = (("chemotherapy", "endocrine"),)
CHEMO_OR_ENDO = (("chemotherapy", "endocrine"), ("endocrine",))
CHEMO_OR_OFS = (("chemotherapy", "endocrine"), ("ovarian_suppression", "endocrine"))
CONSIDER_CHEMO_OR_OFS = (*CHEMO_OR_OFS, ("endocrine",))
ENDO_OR_CHEMO = (("endocrine",), ("chemotherapy", "endocrine"))


def plan(**fields):
    return recommend(patient(**fields), "trials-2024")


def options(**fields):
    return plan(**fields).options


def texts(p) -> str:
    return " ".join(s.text for s in p.steps)


# --- recurrence scores: TAILORx (node-negative) and RxPONDER (1-3 nodes) --------------------------


@pytest.mark.parametrize(
    "score, age, menopause, expected",
    [
        (0, 40, "pre", ENDO),
        (15, 40, "pre", ENDO),
        (16, 40, "pre", CONSIDER_CHEMO_OR_OFS),
        (25, 50, "pre", CONSIDER_CHEMO_OR_OFS),
        (22, 53, "pre", CONSIDER_CHEMO_OR_OFS),  # NCCN decides 16-25 by menopause, not by TAILORx's age split
        (25, 51, "post", ENDO),
        (20, 45, "post", ENDO),
        (16, 70, "post", ENDO),
        (26, 70, "post", CHEMO_ENDO),
        (26, 40, "pre", CHEMO_ENDO),
        (100, 60, "post", CHEMO_ENDO),
    ],
)
def test_node_negative_follows_tailorx(score, age, menopause, expected):
    """TAILORx (Sparano 2018) cut-offs, applied by menopausal status as NCCN does (issue 19): RS 0-15
    endocrine; 16-25 endocrine after menopause, before it chemotherapy or OFS considered with
    endocrine alone still an option; >=26 chemo."""
    assert options(deposit_mm=0, recurrence_score=score, age=age, menopause=menopause) == expected
    assert options(deposit_mm=0.1, recurrence_score=score, age=age, menopause=menopause) == expected  # ITC is pN0


def test_tailorx_uses_menopause_when_age_is_not_given():
    assert options(deposit_mm=0, recurrence_score=20, menopause="pre") == CONSIDER_CHEMO_OR_OFS
    assert options(deposit_mm=0, recurrence_score=20, menopause="post") == ENDO


@pytest.mark.parametrize(
    "score, menopause, expected",
    [
        (0, "post", ENDO),
        (25, "post", ENDO),
        (26, "post", CHEMO_ENDO),
        (0, "pre", CHEMO_OR_OFS),
        (25, "pre", CHEMO_OR_OFS),
        (26, "pre", CHEMO_ENDO),
    ],
)
def test_one_to_three_macrometastatic_nodes_follow_rxponder(score, menopause, expected):
    """RxPONDER (Kalinsky 2021): RS <=25 endocrine alone after menopause; before menopause chemo or OFS."""
    assert options(deposit_mm=3.0, positive_nodes=3, recurrence_score=score, menopause=menopause) == expected


@pytest.mark.parametrize(
    "score, menopause, expected",
    [
        (10, "pre", ENDO),
        (15, "post", ENDO),
        (20, "pre", CONSIDER_CHEMO_OR_OFS),
        (25, "post", ENDO),
        (26, "pre", CHEMO_ENDO),
    ],
)
def test_pn1mi_follows_the_node_negative_cut_offs_as_nccn_groups_it(score, menopause, expected):
    """NCCN groups pT1-3 pN0 or pN1mi for the 21-gene decision (v2.2015 BINV-6; v4.2024): pN1mi takes
    the TAILORx cut-offs, so a premenopausal score of 10 gets endocrine therapy alone (issue 19)."""
    pn1mi = plan(deposit_mm=1.0, age=45, recurrence_score=score, menopause=menopause)
    assert pn1mi.options == expected
    assert options(deposit_mm=0, age=45, recurrence_score=score, menopause=menopause) == expected
    assert "extrapolated" in " ".join(s.note for s in pn1mi.steps)


@pytest.mark.parametrize(
    "score, old, new",
    [
        (17, ENDO, ENDO),
        (18, ENDO_OR_CHEMO, ENDO),
        (26, ENDO_OR_CHEMO, CHEMO_ENDO),
        (30, ENDO_OR_CHEMO, CHEMO_ENDO),
        (31, CHEMO_ENDO, CHEMO_ENDO),
    ],
)
def test_each_seed_boundary_against_trials_2024_postmenopausal_pn1mi(score, old, new):
    assert recommend(patient(recurrence_score=score), "seed-2025").options == old
    assert options(recurrence_score=score) == new


# --- issue 11, error 1: category 2B only for pN0/pN1mi ---------------------------------------------


def test_category_2b_small_tumour_rule_never_reaches_macrometastatic_nodes():
    """NCCN v2.2015 applied 2B to tumours <=0.5 cm with pN0 or pN1mi only; pN1a gets chemotherapy or OFS."""
    pn1a_pre = plan(deposit_mm=3.0, positive_nodes=2, tumor_mm=4, menopause="pre")
    assert pn1a_pre.options == CHEMO_OR_OFS
    assert "2B" not in texts(pn1a_pre)
    pn1a_post = plan(deposit_mm=3.0, positive_nodes=2, tumor_mm=4)
    assert ("chemotherapy", "endocrine") in pn1a_post.options and "2B" not in texts(pn1a_post)
    small_pn1mi = plan(tumor_mm=5.0)
    assert small_pn1mi.options == ENDO_OR_CHEMO and "category 2B" in texts(small_pn1mi)
    assert "only place" not in texts(small_pn1mi)  # no overclaim about NCCN's use of 2B
    large = plan(tumor_mm=5.1)
    assert "genomic_testing" in large.consider and "2B" not in texts(large)


# --- issue 11, error 2: the neoadjuvant setting ------------------------------------------------------


def test_neoadjuvant_residual_nodal_disease_gets_dissection_not_ibcsg_logic():
    """OH(CCO)/ASCO 2021 and NCCN: residual nodal disease after neoadjuvant therapy, ypN1mi included,
    gets completion ALND (axillary RT instead only in a trial such as Alliance A011202)."""
    residual = plan(deposit_mm=1.0, neoadjuvant="yes")
    assert residual.nodal_category == "ypN1mi"
    assert residual.axilla == "alnd_or_axillary_rt_in_trial"
    assert "residual_disease" in residual.warning_ids and "pitfall_alnd" not in residual.warning_ids
    assert "alliance-a011202" in residual.citations()
    assert plan(deposit_mm=0, neoadjuvant="yes").axilla == "no_alnd"


def test_neoadjuvant_isolated_tumour_cells_are_called_unsettled():
    """ypN0(i+) management is not settled: the step says so rather than inventing certainty."""
    itc = plan(deposit_mm=0.1, neoadjuvant="yes")
    assert itc.nodal_category == "ypN0(i+)" and itc.axilla == "itc_after_neoadjuvant_unsettled"
    assert "not settled" in texts(itc)


@pytest.mark.parametrize("er, her2, hr_option", [("pos", "pos", True), ("neg", "pos", False)])
def test_neoadjuvant_her2_residual_disease_gets_tdm1_katherine(er, her2, hr_option):
    """KATHERINE: T-DM1 replaces continued trastuzumab for residual invasive disease."""
    residual = plan(deposit_mm=1.0, er=er, pr=er, her2=her2, neoadjuvant="yes")
    expected = ("trastuzumab_emtansine", "endocrine") if hr_option else ("trastuzumab_emtansine",)
    assert residual.options == (expected,)
    assert "katherine" in residual.citations()
    assert all("trastuzumab" not in o for o in residual.options)


def test_neoadjuvant_triple_negative_residual_disease_escalates():
    """KEYNOTE-522: pembrolizumab continues after surgery whatever the response; CREATE-X capecitabine may
    be added or given alone; OlympiA olaparib for germline BRCA1/2 carriers (issue 19)."""
    residual = plan(deposit_mm=3.0, er="neg", pr="neg", neoadjuvant="yes")
    assert residual.options == (("pembrolizumab",), ("pembrolizumab", "capecitabine"), ("capecitabine",))
    assert "olaparib" in residual.consider  # germline status not known
    assert {"create-x", "olympia", "keynote-522"} <= set(residual.citations())
    carrier = plan(deposit_mm=3.0, er="neg", pr="neg", neoadjuvant="yes", gbrca="yes")
    assert carrier.options[0] == ("pembrolizumab", "olaparib") and ("olaparib",) in carrier.options
    no_variant = plan(deposit_mm=3.0, er="neg", pr="neg", neoadjuvant="yes", gbrca="no")
    assert "olaparib" not in no_variant.consider and all("olaparib" not in o for o in no_variant.options)
    clear = plan(deposit_mm=0, er="neg", pr="neg", neoadjuvant="yes")
    assert clear.options == (("pembrolizumab",), ("no_further_chemotherapy",)) and "capecitabine" in clear.consider


def test_neoadjuvant_hr_positive_residual_disease_states_its_uncertainty():
    residual = plan(deposit_mm=1.0, neoadjuvant="yes")
    assert residual.options == ENDO and {"olaparib", "cdk4_6_inhibitor"} <= set(residual.consider)
    assert "uncertain" in texts(residual)


# --- issue 11, error 3: nodal radiation ---------------------------------------------------------------


@pytest.mark.parametrize(
    "surgery, code", [("bcs", "whole_breast_and_regional_nodes"), ("mastectomy", "chest_wall_and_regional_nodes")]
)
def test_four_or_more_nodes_get_regional_nodal_radiation(surgery, code):
    """EBCTCG 2014, MA.20, EORTC 22922, ASCO/ASTRO/SSO 2016: regional nodal RT for >=4 nodes."""
    assert plan(deposit_mm=3.0, positive_nodes=4, surgery=surgery).radiation == code
    assert plan(deposit_mm=1.0, positive_nodes=5, surgery=surgery).radiation == code


def test_pmrt_for_one_to_three_nodes_is_considered_with_its_factors():
    """ASCO/ASTRO/SSO 2016: PMRT considered for T1-2 with 1-3 nodes, weighing the listed factors."""
    pn1a = plan(deposit_mm=3.0, positive_nodes=2, surgery="mastectomy")
    assert pn1a.radiation == "pmrt_considered_axillary_rt_if_no_alnd"
    assert "lymphovascular invasion" in texts(pn1a) and "AMAROS" in texts(pn1a)
    micro = plan(surgery="mastectomy")
    assert micro.radiation == "pmrt_depends_on_risk_factors"
    assert "individual decision" in texts(micro)


def test_amaros_alternative_names_axillary_radiation():
    """AMAROS: when axillary RT replaces dissection, the radiation line says so."""
    three = plan(deposit_mm=3.0, positive_nodes=3)
    assert three.axilla == "alnd_or_axillary_rt" and three.radiation == "whole_breast_and_axillary_rt_if_no_alnd"


# --- issue 11, error 4: small tumours by subtype --------------------------------------------------------


@pytest.mark.parametrize(
    "deposit, tumour, expected",
    [
        (0, 4, (("no_adjuvant_systemic_therapy",),)),  # pT1a pN0: no adjuvant chemotherapy
        (0, 8, (("chemotherapy",), ("no_adjuvant_systemic_therapy",))),  # T1b: consider
        (0, 15, (("chemotherapy",),)),  # T1c: chemotherapy
        (1.0, 4, (("chemotherapy",), ("no_adjuvant_systemic_therapy",))),  # T1a pN1mi: consider
        (3.0, 4, (("chemotherapy",),)),  # node-positive: chemotherapy
    ],
)
def test_triple_negative_small_tumours_follow_nccn_t_categories(deposit, tumour, expected):
    """NCCN: pT1a pN0 triple-negative no adjuvant chemotherapy; T1b consider; >=T1c or node-positive chemotherapy."""
    assert options(deposit_mm=deposit, er="neg", pr="neg", tumor_mm=tumour) == expected


def test_her2_positive_small_tumours_consider_and_apt_and_pertuzumab_only_when_node_positive():
    """NCCN: HER2+ T1a pN0 consider; APT regimen for small node-negative; pertuzumab for node-positive (APHINITY)."""
    t1a = plan(deposit_mm=0, her2="pos", tumor_mm=4)
    assert "consider chemotherapy with trastuzumab rather than require it" in texts(t1a)
    assert "pertuzumab" not in t1a.consider
    t1b = plan(deposit_mm=0, her2="pos", tumor_mm=8)
    assert "APT" in texts(t1b) and "pertuzumab" not in t1b.consider
    t1a_pn1mi = plan(her2="pos", tumor_mm=4)
    assert "rather than require it" in texts(t1a_pn1mi) and "pertuzumab" not in t1a_pn1mi.consider
    pn1mi = plan(her2="pos", tumor_mm=15)
    assert "pertuzumab" in pn1mi.consider and "not settled" in texts(pn1mi)
    assert "pertuzumab" in plan(deposit_mm=3.0, her2="pos", tumor_mm=15).consider
    assert "APT" not in texts(plan(deposit_mm=3.0, her2="pos", tumor_mm=15))  # the node-negative regimen


# --- issue 11, error 5: OFS and bisphosphonates ---------------------------------------------------------


def test_ovarian_suppression_is_an_option_before_menopause_never_after():
    """SOFT/TEXT: OFS + endocrine therapy is an evidence-based option before menopause only."""
    pre = plan(deposit_mm=3.0, menopause="pre", recurrence_score=10)
    assert ("ovarian_suppression", "endocrine") in pre.options
    young_post = plan(deposit_mm=0, recurrence_score=20, age=45, menopause="post")
    assert young_post.options == ENDO and "ovarian_suppression" not in young_post.consider


def test_bisphosphonate_offered_to_women_made_postmenopausal_by_ovarian_suppression():
    """ABCSG-12; EBCTCG 2015: the benefit is in postmenopausal women, naturally or by OFS."""
    pre = plan(deposit_mm=3.0, menopause="pre", recurrence_score=10)
    assert "bisphosphonate" in pre.consider and "abcsg-12" in pre.citations()
    assert "bisphosphonate" not in plan(menopause="pre", recurrence_score=30).consider  # no OFS offered


def test_bisphosphonate_for_every_postmenopausal_woman_on_systemic_therapy():
    for fields in ({"er": "neg", "pr": "neg"}, {"deposit_mm": 0}, {"positive_nodes": 6}, {"her2": "pos"}):
        assert "bisphosphonate" in plan(**fields).consider
    assert "bisphosphonate" not in plan(menopause="pre", recurrence_score=30).consider
    no_therapy = plan(deposit_mm=0, er="neg", pr="neg", tumor_mm=4)
    assert "bisphosphonate" not in no_therapy.consider  # no adjuvant systemic therapy, no bone agent


# --- issue 11, error 6: step text fits the patient -------------------------------------------------------


def test_step_text_fits_the_patient():
    """No "micrometastatic" sentence without a micrometastasis, no genomic testing for pN2a, no
    PMRT-planned ALND sentence on a micrometastasis mastectomy plan."""
    pn0 = plan(deposit_mm=0, er="neg", pr="neg")
    assert "micrometasta" not in texts(pn0).lower()
    pn2a = plan(deposit_mm=3.0, positive_nodes=5)
    assert "genomic_testing" not in pn2a.consider and "micrometasta" not in texts(pn2a).lower()
    micro_mastectomy = plan(surgery="mastectomy")
    assert "post-mastectomy or nodal radiation is planned" not in texts(micro_mastectomy)
    assert "regardless of micrometastatic status" not in texts(plan(deposit_mm=3.0))
