"""AJCC 8th edition, breast pN: micrometastases in any number of nodes stay pN1mi, since pN1mi has no
node count and pN2a/pN3a need a deposit >2.0 mm (read in the NCI PDQ pN table, NBK65744, and Korean
J Radiol 2019, PMC6315072 Table 5; registry entry ajcc-8). The warning states the rule with its source,
and the plan says each point about four or more micrometastatic nodes once."""

from __future__ import annotations

import pytest

from micromets import recommend, registry

from ..conftest import patient

RULESETS = ("seed-2025", "trials-2024")


def learner_text(plan) -> str:
    """What a learner reads: the warnings, then each step with its reason and caveat."""
    steps = " ".join(f"{s.text} {s.rationale or ''} {s.note or ''}" for s in plan.steps)
    return " ".join(plan.warnings) + " " + steps


def many_nodes_warning(plan) -> str:
    return plan.warnings[plan.warning_ids.index("micromets_many_nodes")]


@pytest.mark.parametrize("ruleset", RULESETS)
@pytest.mark.parametrize("nodes", [4, 9, 10, 25])
def test_micrometastases_in_any_number_of_nodes_stay_pn1mi_per_ajcc_8th_pdq_nbk65744(ruleset, nodes):
    plan = recommend(patient(deposit_mm=2.0, positive_nodes=nodes), ruleset)
    assert plan.nodal_category == "pN1mi"
    warning = many_nodes_warning(plan)
    assert "stay pN1mi" in warning and "AJCC 8th edition" in warning and "larger than 2.0 mm" in warning
    # The caution that is still true stays; the deferral to the manual, now read, goes.
    assert "pathologist" in warning and "manual" not in warning and "before relying" not in warning
    # The staging rule is explained once, in the warning, not again in a step.
    assert learner_text(plan).count("pN3a") == 1


@pytest.mark.parametrize("ruleset", RULESETS)
@pytest.mark.parametrize(("nodes", "category"), [(4, "pN2a"), (9, "pN2a"), (10, "pN3a")])
def test_one_deposit_over_2_mm_in_four_or_more_nodes_is_pn2a_or_pn3a_per_ajcc_8th(ruleset, nodes, category):
    """The other side of the rule the warning states: the count decides once a deposit is >2.0 mm."""
    plan = recommend(patient(deposit_mm=2.1, positive_nodes=nodes), ruleset)
    assert plan.nodal_category == category
    assert "micromets_many_nodes" not in plan.warning_ids


def test_the_warning_states_a_rule_the_registry_marks_checked():
    """A warning may state the rule as fact only while ajcc-8 holds it verified."""
    statements = registry()["ajcc-8"].statements
    rule = next(s for s in statements if s["text"].startswith("pN1mi carries no node count"))
    assert rule["verified"] is True


def test_four_or_more_micrometastatic_nodes_give_each_guideline_reason_once_trials_2024():
    """trials-2024: NCCN sorts by the stage (pN1mi with pN0), ASCO 2022 rec. 1.7 by the count; the
    deciding step for a postmenopausal low score gives the consequence, not the reasons again."""
    plan = recommend(patient(deposit_mm=1.2, positive_nodes=5, gbrca="unknown", recurrence_score=8), "trials-2024")
    text = learner_text(plan)
    assert text.count("sorts by the stage") == 1 and text.count("sorts by the count") == 1
    assert text.count("places pN1mi with pN0") == 1
    ids = [s.id for s in plan.steps]
    assert ids.index("hrpos_n2_micro") < ids.index("micro_many_post_low_score")
    assert plan.options == (("chemotherapy", "endocrine"), ("endocrine",))
