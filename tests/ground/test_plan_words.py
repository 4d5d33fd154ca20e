"""How plan text is put together comes from the vocabulary file (``plan:``): the joins of a
systemic option, the alternatives, the items to weigh, the route, and the fixed words of the plan
text, the plan HTML and the flowchart's details panel. Change the data and what a learner reads
changes with it (the JSON codes never do); break it and it is refused whole, naming the key."""

import copy
import dataclasses

import pytest

from micromets import DataFileError, Patient, recommend
from micromets.ground.datafiles import read_packaged
from micromets.ground.vocabulary import parse_vocabulary
from micromets.pathway.ruleset import load_ruleset
from micromets.views.flowchart import details_html, node_details
from micromets.views.render import plan_summary_html


def shipped_data() -> dict:
    return copy.deepcopy(read_packaged("data/vocabulary.yaml"))


def ruleset_with(data: dict, name: str = "trials-2024"):
    """A shipped ruleset read with the words of ``data`` (an instructor's edited vocabulary file)."""
    return dataclasses.replace(load_ruleset(name), vocabulary=parse_vocabulary(data, "mine.yaml"))


# HR- and HER2-positive, a small tumour: two systemic alternatives, the first with trastuzumab
# started with the chemotherapy and endocrine therapy after it; items to weigh; steps with limits
# of the evidence.
PATIENT = Patient(0.0, "pos", "pos", "pos", "post", "bcs", recurrence_score=51, age=77, tumor_mm=4.9, grade=2)
MACRO = Patient(3.0, "pos", "pos", "pos", "post", "bcs", positive_nodes=4)  # a warning: outside the focus
HER2_OPTION = ("chemotherapy", "trastuzumab", "pertuzumab", "endocrine")


def test_the_shipped_plan_reads_as_before():
    plan = recommend(PATIENT, "trials-2024")
    text = plan.text()
    assert text.startswith("Plan under the ruleset “") and "\nSteps:\n" in text
    assert "Systemic: chemotherapy with trastuzumab, then endocrine therapy  OR  endocrine therapy\n" in text
    assert "\n    Why: " in text and "\n    Limits of the evidence: " in text and "\nRoute: " in text
    said = plan.vocabulary.option_text(HER2_OPTION)
    assert said == "chemotherapy with trastuzumab and pertuzumab, then endocrine therapy"
    html = plan_summary_html(plan)
    assert "then endocrine therapy <span class='mm-or'>or</span> Endocrine therapy</li>" in html
    assert "<summary>Steps, reasons and sources (" in html
    assert "<summary>⚠ Warnings (1)</summary>" in plan_summary_html(recommend(MACRO, "trials-2024"))


def test_an_instructors_plan_words_change_the_text_and_html_without_a_code_change():
    data = shipped_data()
    joins, words = data["plan"]["joins"], data["plan"]["words"]
    joins.update({"with": " together with ", "and": " plus ", "then": "; afterwards ", "or": " | ", "route": " > "})
    words.update(
        {
            "heading": "Plan for $patient (pathway: $ruleset)",
            "steps": "Reasoning:",
            "warnings": "Take care:",
            "why": "Because:",
            "caveat": "Caveat:",
            "route": "Path:",
            "or": "alternatively",
            "citation_line": "Grade: $evidence. Read: $sources",
            "steps_folded": "$count steps",
            "no_option": "no systemic therapy",
        }
    )
    mine = ruleset_with(data)
    plan, before = recommend(PATIENT, mine), recommend(PATIENT, "trials-2024")
    assert plan.to_dict() == before.to_dict()  # only words change, never the codes of the JSON contract
    text = plan.text()
    assert text.startswith(f"Plan for {PATIENT.describe()} (pathway: ")
    assert "Systemic: chemotherapy together with trastuzumab; afterwards endocrine therapy | endocrine" in text
    assert "\nReasoning:\n" in text and "\n    Because: " in text and "\n    Caveat: " in text
    assert "Grade: " in text and ". Read: " in text and "\nPath: " in text and " > " in text
    assert not any(old in text for old in ("Steps:", "Why:", "Limits of the evidence", "Evidence:", "Route:", " → "))
    assert mine.vocabulary.option_text(HER2_OPTION) == (
        "chemotherapy together with trastuzumab plus pertuzumab; afterwards endocrine therapy"
    )
    html = plan_summary_html(plan)
    assert "<i>Because:</i>" in html and "<i>Path:</i>" in html
    assert f"<summary>{len(plan.steps)} steps</summary>" in html
    assert "<span class='mm-or'>alternatively</span>" in html
    assert "\nTake care:\n" in recommend(MACRO, mine).text()
    assert mine.vocabulary.options_text([]) == "no systemic therapy"


def test_an_instructors_plan_words_change_the_flowchart_details_panel():
    data = shipped_data()
    data["plan"]["words"].update(
        {"evidence": "Grade:", "sources": "Read:", "figure_button": "Draw $trial", "why": "Because:"}
    )
    data["plan"]["joins"]["route"] = " leads to "
    mine = ruleset_with(data, "seed-2025")
    step = details_html(node_details(mine, "axilla_micro"), mine.vocabulary.plan_words)
    assert "<i>Grade:</i>" in step and "<i>Read:</i>" in step and ">Draw IBCSG 23-01 (5-year)</button>" in step
    assert "<i>Because:</i>" in step and "Evidence:" not in step and "Show the" not in step
    answers = details_html(node_details(mine, "deposit"), mine.vocabulary.plan_words)
    assert "<li><b>micro 0.2–2 mm</b> leads to " in answers and " → " not in answers


def _words(data: dict) -> dict:
    return data["plan"]["words"]


@pytest.mark.parametrize(
    ("change", "key"),
    [
        (lambda d: d.pop("plan"), "(top level)"),
        (lambda d: d.update(plan=["joins"]), "plan"),
        (lambda d: d["plan"].update(colour="red"), "plan.colour"),
        (lambda d: d["plan"].pop("joins"), "plan.joins"),
        (lambda d: d["plan"]["joins"].pop("then"), "plan.joins.then"),
        (lambda d: d["plan"]["joins"].update(then=""), "plan.joins.then"),
        (lambda d: d["plan"]["joins"].update(then=3), "plan.joins.then"),
        (lambda d: d["plan"]["joins"].update(route=" →\n"), "plan.joins.route"),
        (lambda d: d["plan"]["joins"].update(but=" but "), "plan.joins.but"),
        (lambda d: _words(d).pop("why"), "plan.words.why"),
        (lambda d: _words(d).update(why="  "), "plan.words.why"),
        (lambda d: _words(d).update(why=["Why:"]), "plan.words.why"),
        (lambda d: _words(d).update(steps="Steps\x1b[2J"), "plan.words.steps"),
        (lambda d: _words(d).update(heading="Plan for $patient"), "plan.words.heading"),  # the ruleset left out
        (lambda d: _words(d).update(steps_folded="Steps ($number)"), "plan.words.steps_folded"),
        (lambda d: _words(d).update(route="Route $"), "plan.words.route"),
        (lambda d: _words(d).update(why="Why $reason:"), "plan.words.why"),
        (lambda d: _words(d).update(citation_line="Sources: $sources"), "plan.words.citation_line"),
        (lambda d: _words(d).update(whence="From:"), "plan.words.whence"),
    ],
)
def test_a_broken_plan_section_is_refused_naming_the_key(change, key):
    data = shipped_data()
    change(data)
    with pytest.raises(DataFileError) as refused:
        parse_vocabulary(data, "mine.yaml")
    assert str(refused.value).startswith(f"mine.yaml: {key}" if key != "(top level)" else "mine.yaml: ")
    if key == "(top level)":
        assert "'plan'" in str(refused.value)


def test_an_instructors_plan_words_change_how_the_comparison_says_a_plan_changed():
    from micromets.views.compare import describe_change

    patient = Patient(1.0, "pos", "pos", "neg", "post", "bcs", recurrence_score=20)
    article = recommend(patient, "seed-2025")
    assert describe_change(article, recommend(patient, "trials-2024")) == (
        "systemic: endocrine therapy OR chemotherapy, then endocrine therapy -> endocrine therapy"
    )
    data = shipped_data()
    data["plan"]["words"].update(changed="$part now $new (was $old)", changed_systemic="systemic therapy")
    data["plan"]["joins"].update(change_or=" or else ")
    said = describe_change(article, recommend(patient, ruleset_with(data)))
    assert (
        said
        == "systemic therapy now endocrine therapy (was endocrine therapy or else chemotherapy, then endocrine therapy)"
    )
