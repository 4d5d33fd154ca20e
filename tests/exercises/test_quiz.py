"""The quiz as a learner works through it: one case at a time, a plan picked in a few clicks,
the engine still the judge, feedback set as prose with its sources apart."""

from __future__ import annotations

import pytest

from micromets.exercises.cases import Case, CaseSet, shipped_bank
from micromets.exercises.questions import ask
from micromets.exercises.quiz import InOrder, OneOf, Quiz, Treatments, feedback_html

from ..conftest import patient


def one_case_set(*patients, kinds=("nodal_category", "axilla", "systemic", "radiation", "bone_agent")) -> CaseSet:
    cases = tuple(Case(f"c{i}", f"Vignette {i}.", p, kinds) for i, p in enumerate(patients, 1))
    return CaseSet("Practice", "trials-2024", cases)


def shown_case(quiz: Quiz) -> str:
    (box,) = quiz.page.children
    return box.children[0].value


def test_the_quiz_shows_one_case_at_a_time_with_the_score_so_far():
    bank = shipped_bank()
    quiz = Quiz(bank)
    assert len(quiz.page.children) == 1 and "<h4>Case 1</h4>" in shown_case(quiz)
    assert quiz.previous.disabled and not quiz.next.disabled
    assert "Case <b>1</b> of 37" in quiz.where.value.replace(str(len(bank.cases)), "37")
    quiz.next.click()
    assert "<h4>Case 2</h4>" in shown_case(quiz) and not quiz.previous.disabled
    quiz.show(len(bank.cases) + 5)  # past the end: the last case, and no further
    assert f"<h4>Case {len(bank.cases)}</h4>" in shown_case(quiz) and quiz.next.disabled
    first = bank.cases[0]
    quiz.answer(first.id, "nodal_category", "pN1mi").check(first.id)
    assert f"Score so far: 1 / {len(quiz.asked)}" in quiz.summary.value
    assert "5 of" in quiz.summary.value  # every question of the checked case counts as checked


def test_headings_name_cases_by_position_never_by_id():
    quiz = Quiz(CaseSet("Mine", "trials-2024", (Case("case-02-your-name", "V.", patient(), ("axilla",)),)))
    shown = shown_case(quiz) + quiz.where.value + quiz.widget.children[0].value
    assert "case-02" not in shown and "your-name" not in shown and "Case 1" in shown


def test_a_systemic_plan_is_ticked_from_its_treatments_and_graded_by_the_engine():
    her2 = patient(er="neg", pr="neg", her2="pos")
    quiz = Quiz(one_case_set(her2))
    picker = quiz.inputs[("c1", "systemic")]
    asked = quiz.asked[("c1", "systemic")]
    assert isinstance(picker, Treatments)
    assert len(picker.boxes) < len(asked.choices)  # fewer clicks than one radio button per combination
    labels = [box.description for box in picker.boxes.values()]
    assert all("_" not in label for label in labels), labels  # words, not codes
    for box in picker.boxes.values():
        box.value = box.description in ("Chemotherapy", "Trastuzumab")
    assert picker.value in asked.accepted  # the ticks name an offered combination, in its order
    assert "chemotherapy with trastuzumab" in picker.preview.value
    assert quiz.check("c1")[2].correct
    picker.boxes["endocrine"].value = True  # not this patient's plan: the engine says so
    assert not quiz.check("c1")[2].correct


def test_the_order_of_treatment_is_clicked_part_by_part():
    asked = ask("order_treatment", patient(recurrence_score=30))
    picker = InOrder(asked)
    assert picker.value is None
    parts = list(picker.buttons)
    for part in reversed(parts):
        picker.buttons[part].click()
    assert picker.value == ">".join(reversed(parts)) and all(b.disabled for b in picker.buttons.values())
    assert picker.value in {c.value for c in asked.choices}
    assert len(picker.buttons) + 1 < len(asked.choices)  # fewer buttons than possible orders
    picker.value = asked.accepted[0]
    assert asked.grade(picker.value).correct
    assert " → " in picker.preview.value


def test_other_questions_stay_radio_buttons_whose_long_labels_can_wrap():
    quiz = Quiz(one_case_set(patient(surgery="mastectomy")))
    radio = quiz.inputs[("c1", "radiation")]
    assert isinstance(radio, OneOf) and radio.radio.layout.width == "100%"
    style = quiz.widget.children[0].value
    assert "white-space: normal" in style and "height: auto" in style  # not one fixed line per option


@pytest.mark.parametrize("kind", ["systemic", "bone_agent"])
def test_feedback_is_set_as_paragraphs_with_sources_on_their_own_line(kind):
    asked = ask(kind, patient(menopause="pre", recurrence_score=17))  # the article differs here
    shown = feedback_html(asked, asked.grade("no"))
    assert shown.count("<p") >= 3, shown  # verdict, the step, the article's answer
    assert ">Sources: " in shown and "line-height:1.45" in shown
    assert "would say" not in shown and "does not draw on" not in shown


def widget_words(widget) -> list[str]:
    """Every text a widget tree shows: HTML and labels, option labels, button and box descriptions."""
    import ipywidgets as w

    out = []
    if isinstance(widget, w.HTML | w.Label):
        out.append(widget.value)
    out += [str(label) for label in getattr(widget, "_options_labels", ())]
    if getattr(widget, "description", ""):
        out.append(widget.description)
    for child in getattr(widget, "children", ()):
        out += widget_words(child)
    return out


def test_every_case_of_the_bank_reads_in_words_with_no_answer_before_checking():
    from tests.workbook.test_notebook_outputs import words_problems

    quiz = Quiz(shipped_bank())
    texts = [text for box in quiz.boxes() for text in widget_words(box)] + widget_words(quiz.widget)
    assert len(texts) > 37 * 5
    problems = [problem for text in texts for problem in words_problems(text)]
    assert problems == []


def test_a_self_check_shows_its_question_and_choices_but_not_its_answer_until_chosen():
    from micromets.exercises.selfcheck import ask_about

    question = ask_about("axilla", patient())
    before = " ".join(widget_words(question.widget))
    assert "Check yourself" in before and "Correct" not in before and "The answer is" not in before
    question.choose("alnd_or_axillary_rt")
    assert "The answer is" in question.result.value


def test_an_order_half_clicked_says_how_many_parts_are_left_and_is_not_an_answer():
    asked = ask("order_treatment", patient(recurrence_score=30))
    picker = InOrder(asked)
    first = next(iter(picker.buttons))
    picker.buttons[first].click()
    assert picker.value is None and f"({len(picker.buttons) - 1} more to place)" in picker.preview.value
    assert "No answer yet" in feedback_html(asked, asked.grade(picker.value))


def test_a_combination_the_question_does_not_offer_is_graded_wrong_and_reported_in_words():
    from micromets.exercises.grading import AnswerFile, grade_class

    cases = one_case_set(patient(), kinds=("systemic",))
    quiz = Quiz(cases, learner="ana")
    picker = quiz.inputs[("c1", "systemic")]
    picker.value = "endocrine+capecitabine"
    assert set(picker.value.split("+")) == {"endocrine", "capecitabine"}
    assert not quiz.check("c1")[0].correct
    book = grade_class(cases, [AnswerFile("answers-ana.json", quiz.answers())])
    shown = book.words("c1", "systemic", picker.value)
    assert "capecitabine" in shown and "endocrine therapy" in shown and "+" not in shown


def test_a_bank_opens_with_one_case_made_and_every_question_counted():
    bank = shipped_bank()
    quiz = Quiz(bank)
    assert sum(box is not None for box in quiz._boxes) == 1  # one case sent to the page, not the whole bank
    assert quiz.score() == (0, sum(len(c.ask) for c in bank.cases))
    last = bank.cases[-1]
    quiz.answer(last.id, last.ask[0], quiz.asked[(last.id, last.ask[0])].accepted[0])  # made when answered
    assert quiz.check(last.id)[0].correct and len(quiz.answers()) == quiz.score()[1]
