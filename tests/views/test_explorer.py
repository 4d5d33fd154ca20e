"""The explorer in the kernel: controls built from INPUT_FIELDS, refusals instead of clamping,
an instructor's ruleset file offered by its title, inputs that change what they should, and a
plan summary in words with steps folded."""

import dataclasses
import re

import matplotlib

matplotlib.use("Agg")  # before pyplot is imported: tests draw off-screen

import pytest  # noqa: E402 (after matplotlib.use)

from micromets import Patient, recommend  # noqa: E402 (after matplotlib.use)
from micromets import patient as patient_module  # noqa: E402 (after matplotlib.use)
from micromets.ground.errors import InputError  # noqa: E402 (after matplotlib.use)
from micromets.views.widgets import Explorer, explore, plan_card  # noqa: E402 (after matplotlib.use)

from ..conftest import REPO  # noqa: E402 (after matplotlib.use)

INSTRUCTOR = REPO / "tests" / "fixtures" / "instructor-ruleset.yaml"


# Controls declared once -------------------------------------------------------------------


def test_every_declared_field_has_a_control_with_its_label_and_range():
    ex = Explorer()
    for name, spec in patient_module.INPUT_FIELDS.items():
        control = ex.controls[name].control
        assert control.description == spec.label
        if spec.kind == "choice":
            assert [value for _, value in control.options if value != ""] == list(spec.choices)
        elif hasattr(control, "min"):
            assert control.min == spec.minimum
            if spec.maximum is not None:
                assert control.max == spec.maximum


def test_a_range_changed_in_input_fields_is_followed_by_the_control(monkeypatch):
    fields = dict(patient_module.INPUT_FIELDS)
    fields["age"] = dataclasses.replace(fields["age"], minimum=30, maximum=70, label="Age at diagnosis")
    monkeypatch.setattr(patient_module, "INPUT_FIELDS", fields)
    monkeypatch.setattr("micromets.views.widgets.INPUT_FIELDS", fields)
    age = Explorer().controls["age"].control
    assert (age.min, age.max, age.description) == (30, 70, "Age at diagnosis")


def test_a_field_added_to_input_fields_gets_a_control_on_screen(monkeypatch):
    fields = dict(patient_module.INPUT_FIELDS)
    fields["ki67"] = patient_module.InputField("ki67", "Ki-67 index (%)", "int", minimum=0, maximum=100, optional=True)
    monkeypatch.setattr("micromets.views.widgets.INPUT_FIELDS", fields)
    monkeypatch.setattr("micromets.views.widgets.Patient", lambda ki67=None, **values: Patient(**values))
    ex = Explorer()
    shown = set(map(id, walk(ex.widget)))
    assert id(ex.controls["ki67"].control) in shown


def test_values_the_patient_accepts_are_shown_not_clamped():
    ex = Explorer(age=110, deposit_mm=7.5, tumor_mm=80)
    assert ex.values()["age"] == 110
    assert ex.values()["deposit_mm"] == 7.5 and ex.controls["deposit_mm"].control.max >= 7.5
    assert ex.values()["tumor_mm"] == 80
    assert ex.plan.deposit_class == "macrometastasis"


@pytest.mark.parametrize(
    "field, value",
    [("tumor_mm", 0), ("age", 130), ("age", 17), ("deposit_mm", -1), ("her2", "maybe"), ("grade", 4)],
)
def test_values_the_patient_refuses_are_refused_with_the_same_error(field, value):
    with pytest.raises(InputError) as from_patient:
        Patient(
            **{
                "deposit_mm": 1.0,
                "er": "pos",
                "pr": "pos",
                "her2": "neg",
                "menopause": "post",
                "surgery": "bcs",
                field: value,
            }
        )
    with pytest.raises(InputError) as at_start:
        Explorer(**{field: value})
    ex = Explorer()
    before = ex.values()
    with pytest.raises(InputError) as on_set:
        ex.set(**{field: value})
    assert str(at_start.value) == str(on_set.value) == str(from_patient.value)
    assert ex.values() == before  # nothing moved


def test_an_unknown_input_names_the_allowed_ones():
    with pytest.raises(InputError, match="allowed: .*deposit_mm"):
        Explorer(size=3)


# Instructor rulesets -----------------------------------------------------------------------


def test_a_ruleset_file_is_offered_by_its_title_and_drives_the_plan():
    ex = Explorer(ruleset=str(INSTRUCTOR))
    labels = {value: label for label, value in ex.ruleset.options}
    assert labels[str(INSTRUCTOR)].startswith("Instructor demo pathway")
    assert ex.plan.ruleset == "instructor-demo"
    ex.set(her2="pos")
    assert ex.plan.options == (("chemotherapy", "trastuzumab"),)
    ex.set(ruleset="seed-2025")
    assert ex.plan.ruleset == "seed-2025"
    ex.set(ruleset=str(INSTRUCTOR))
    assert ex.plan.ruleset == "instructor-demo" and len(ex.ruleset.options) == 3


def test_a_copied_ruleset_under_another_name_works(tmp_path):
    copy = tmp_path / "my pathway.yaml"
    copy.write_text((REPO / "micromets" / "rulesets" / "seed-2025.yaml").read_text(encoding="utf-8"))
    ex = explore(ruleset=copy, deposit_mm=0.1)
    assert ex.plan.nodal_category == "pN0(i+)"
    assert "my pathway.yaml" in {v: k for k, v in ex.ruleset.options}[str(copy)]


def test_the_instructor_rulesets_own_codes_show_in_their_declared_words():
    ex = Explorer(ruleset=str(INSTRUCTOR))
    words = ex.plan.vocabulary
    for surgery in ("bcs", "mastectomy"):
        ex.set(surgery=surgery)
        assert words.text("radiation", ex.plan.radiation)[1:] in ex.plan_view.value
        assert ex.plan.radiation not in re.sub(r"<[^>]+>", " ", ex.plan_view.value)


# Inputs change what they should -----------------------------------------------------------


def test_deposit_slider_across_the_boundaries_changes_category_plan_and_path():
    ex = Explorer(ruleset="seed-2025")
    seen = {}
    for size in (0.15, 0.25, 1.95, 2.05):
        ex.set(deposit_mm=size)
        seen[size] = (ex.plan.nodal_category, ex.plan.path[1])
        assert ex.plan.nodal_category in ex.plan_view.value
        assert ex.plan.vocabulary.label("deposit_class", ex.plan.deposit_class) in ex.band.value
        assert ex.lit_path == ex.plan.path
    assert seen[0.15] == ("pN0(i+)", "axilla_itc")
    assert seen[0.25] == ("pN1mi", "axilla_micro")
    assert seen[1.95] == ("pN1mi", "axilla_micro")
    assert seen[2.05][0] == "pN1a" and seen[2.05][1] == "macro_surgery"


@pytest.mark.parametrize(
    "change, check",
    [
        ({"her2": "pos"}, lambda p: "trastuzumab" in p.options[0]),
        ({"er": "neg", "pr": "neg"}, lambda p: p.options == (("chemotherapy",),)),
        ({"menopause": "pre"}, lambda p: "bisphosphonate" not in p.consider),
        ({"surgery": "mastectomy"}, lambda p: p.radiation == "pmrt_depends_on_risk_factors"),
        ({"recurrence_score": 35}, lambda p: p.options == (("chemotherapy", "endocrine"),)),
        ({"positive_nodes": 5}, lambda p: "micromets_many_nodes" in p.warning_ids),
        ({"deposit_mm": 0.1, "cells": 500}, lambda p: p.deposit_class == "micrometastasis"),
        ({"ruleset": "trials-2024", "recurrence_score": 20}, lambda p: p.options == (("endocrine",),)),
        (
            {"ruleset": "trials-2024", "recurrence_score": 20, "menopause": "pre", "age": 45},
            lambda p: ("ovarian_suppression", "endocrine") in p.options,  # SOFT/TEXT: an option, not an aside
        ),
        ({"ruleset": "trials-2024", "neoadjuvant": "yes"}, lambda p: p.axilla == "alnd_or_axillary_rt_in_trial"),
    ],
)
def test_each_input_changes_the_plan_it_should(change, check):
    ex = Explorer(ruleset="seed-2025")
    before, plan_before = ex.plan_view.value, ex.plan
    ex.set(**change)
    assert check(ex.plan)
    if ex.plan.to_dict()["steps"] != plan_before.to_dict()["steps"]:
        assert ex.plan_view.value != before


def test_inputs_that_cannot_change_the_plan_are_disabled_not_ignored():
    ex = Explorer(ruleset="seed-2025")
    score, cells, nodes, age = (ex.controls[n] for n in ("recurrence_score", "cells", "positive_nodes", "age"))
    assert score.given.disabled is False  # HR+/HER2- pN1mi: the score is asked
    assert cells.given.disabled is True  # 1.2 mm: cells cannot change the class
    ex.set(er="neg", pr="neg")
    assert score.given.disabled is True  # HR-negative: the score is never asked
    ex.set(deposit_mm=0.15)
    assert cells.given.disabled is False
    ex.set(deposit_mm=0)
    assert nodes.disabled is True
    ex.set(ruleset="trials-2024", er="pos", deposit_mm=0, recurrence_score=20)
    assert age.given.disabled is False  # TAILORx asks the age at scores 16-25


def test_each_step_offers_its_trial_figure_as_svg_with_alt_text():
    ex = Explorer(ruleset="seed-2025")
    chart_widget, plan_widget = ex.chart_view, ex.plan_view
    offered = [value for _, value in ex.figure_choice.options]
    assert "ibcsg-23-01" in offered and "ebctcg-bisphosphonates" in offered
    ex.figure_choice.value = "ibcsg-23-01"
    assert 'src="data:image/svg+xml;base64,' in ex.figure_view.value
    alt = re.search(r'alt="([^"]+)"', ex.figure_view.value).group(1)
    assert "IBCSG 23-01" in alt and "%" in alt  # the numbers in words, for a screen reader
    ex.set(deposit_mm=3.0)
    assert ex.chart_view is chart_widget and ex.plan_view is plan_widget
    assert "z0011" in [value for _, value in ex.figure_choice.options]


def walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


def test_every_input_control_is_shown_in_the_explorer_with_its_css_classes():
    ex = Explorer()
    on_screen = set(map(id, walk(ex.widget)))
    missing = [getattr(c, "description", c) for c in ex._controls if id(c) not in on_screen]
    assert missing == []
    assert id(ex.band) in on_screen and id(ex.chart_view) in on_screen and id(ex.figure_view) in on_screen
    classes = {cls for part in walk(ex.widget) for cls in getattr(part, "_dom_classes", ())}
    assert {"mm-explorer", "mm-inputs", "mm-flowchart", "mm-plan"} <= classes


def test_explorer_patient_matches_the_engine_directly():
    ex = Explorer().set(deposit_mm=1.0, her2="pos", menopause="pre")
    direct = recommend(Patient(**ex.values()), "trials-2024")
    assert ex.plan.to_dict() == direct.to_dict()


# What the chart sends to the browser ---------------------------------------------------------


def chart_updates(ex, monkeypatch) -> list[list[str]]:
    """The state keys of each update the explorer's chart sends to the browser, from now on."""
    sent = []
    monkeypatch.setattr(
        ex.chart_view.comm, "send", lambda data=None, buffers=None, **_: sent.append(sorted(data["state"]))
    )
    return sent


def test_a_new_route_reaches_the_browser_with_its_path_in_one_message(monkeypatch):
    """One message, one restyle: never the drawing first and its path a frame later."""
    ex = Explorer()
    sent = chart_updates(ex, monkeypatch)
    ex.set(er="neg", pr="neg")  # hormone-receptor negative: another route
    assert sent == [["path", "svg"]]
    assert "HR-negative" in ex.chart_view.svg


def test_a_ruleset_switch_sends_one_drawing_the_route_of_the_new_plan(monkeypatch):
    """No drawing of the old route in the new ruleset goes out (nor is laid out) before the right one."""
    ex = Explorer()
    shown = ex.chart_view.ruleset
    other = next(name for name in ("seed-2025", "trials-2024") if name != shown)
    sent = chart_updates(ex, monkeypatch)
    ex.set(ruleset=other)
    assert sent == [["path", "ruleset", "svg", "views"]]
    assert f"Route of this patient through {other}" in ex.chart_view.svg
    assert ex.chart_view.path == list(ex.plan.path)


# The plan beside the chart ------------------------------------------------------------------


def test_the_plan_is_a_short_list_in_words_with_steps_folded():
    ex = Explorer(ruleset="seed-2025", deposit_mm=0.1)
    view = ex.plan_view.value
    summary, _, folded = view.partition("<details")
    words = ex.plan.vocabulary
    assert "Isolated tumour cells" in summary or words.label("deposit_class", "itc") in summary
    for part in ("Axilla", "Systemic", "Radiation"):
        assert f"{part}:" in summary
    assert "<details" in view and "<details open" not in view  # steps, reasons and sources folded
    text = re.sub(r"<[^>]+>", " ", view)
    for node_id in ex.plan.path:
        assert not re.search(rf"\b{re.escape(node_id)}\b", text) or " " not in node_id and "_" not in node_id
    for code in (ex.plan.axilla, ex.plan.radiation):
        assert code not in text


def test_a_plan_card_shows_the_same_summary_in_a_notebook():
    plan = recommend(Patient(1.2, "pos", "pos", "neg", "post", "bcs"))
    html_ = plan_card(plan)._repr_mimebundle_()["text/html"]
    assert "mm-plan" in html_ and "Steps, reasons and sources" in html_ and "<details open" not in html_
