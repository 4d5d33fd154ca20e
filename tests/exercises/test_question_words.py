"""The words around the engine's answers come from the vocabulary file (``questions:``): each
kind's title and prompt, the feedback's phrases and the joins of alternatives and of trials.
Change the data and what a learner reads changes with it (the accepted answers never do);
break it and it is refused whole, naming the key."""

import copy

import pytest

from micromets import Patient
from micromets.exercises import questions
from micromets.exercises.questions import QUESTION_REGISTRY, ask, pathology_report
from micromets.ground.datafiles import read_packaged
from micromets.ground.words.questions import QUESTION_IDS, parse_question_words

from ..refusals import assert_refused_naming

# Premenopausal, HR-positive, micrometastasis with a counted cluster: the article and the trials
# differ on the bone agent, and the systemic answer has two alternatives.
CELLS = Patient(1.0, "pos", "pos", "neg", "pre", "bcs", cells=300)
# Postmenopausal after a mastectomy: the source article answers the systemic question otherwise.
DIFFERS = Patient(0.98, "pos", "neg", "neg", "post", "mastectomy", positive_nodes=2, recurrence_score=21, grade=2)
NEOADJUVANT = Patient(0.1, "neg", "neg", "pos", "pre", "bcs", neoadjuvant="yes", clinical_nodes="cn0")


def shipped_section() -> dict:
    return copy.deepcopy(read_packaged("data/vocabulary.yaml")["questions"])


def test_every_kind_of_question_has_its_words_and_they_read_as_before():
    assert tuple(QUESTION_REGISTRY) == QUESTION_IDS
    assert QUESTION_REGISTRY["stage_it"].title == "Stage it"
    assert ask("stage_it", CELLS).prompt == (
        "Stage it. Largest nodal deposit 1 mm; about 300 cells in the largest cluster of one cross-section; "
        "1 node involved; no systemic therapy before surgery. What is the nodal category?"
    )
    assert ask("nodal_category", CELLS).feedback.text.startswith(
        "AJCC 8th edition: a largest deposit of 1 mm with 300 cells is classed as micrometastasis; with 1 node "
        "involved that is pN1mi"
    )
    assert "involved after neoadjuvant therapy that is ypN0(i+)" in ask("nodal_category", NEOADJUVANT).feedback.text
    assert questions.either(["A", "B", "C"]) == "either A; or B; or C" and questions.and_list("ABC") == "A, B and C"


def test_an_instructors_question_words_change_prompts_and_feedback_without_a_code_change(monkeypatch):
    before = {kind: questions.try_ask(kind, CELLS, "trials-2024") for kind in QUESTION_IDS}
    section = shipped_section()
    section["kinds"]["stage_it"] = {"title": "Stage the nodes", "prompt": "Which pN?"}
    section["kinds"]["axilla"]["prompt"] = "What about the axilla?"
    section["joins"].update(alternatives=" / ", list=" + ", last=" & ", report=" | ", order=" ⇒ ")
    section["words"].update(
        {
            "yes": "Yes, weigh it",
            "no": "No, leave it",
            "no_option": "nothing systemic",
            "either": "any of: $alternatives",
            "staging": "AJCC: $size mm$cells = $deposit_class, $nodes$after: $category.",
            "staging_cells": "($cells cells)",
            "one_node": "one node",
            "report_nodes": "nodes: $nodes",
            "report_end": "!",
            "stage_it": "$report -- stage it.",
            "article_answers": "The article disagrees: $answer.",
            "pathway_says": "$title: $answer ($step)",
            "what_changed": "Since then: $sources.",
        }
    )
    monkeypatch.setattr(questions, "_WORDS", parse_question_words(section, "mine.yaml"))
    after = {kind: questions.try_ask(kind, CELLS, "trials-2024") for kind in QUESTION_IDS}
    for kind in QUESTION_IDS:  # the engine still answers: the same kinds apply with the same answers
        assert (before[kind] is None) == (after[kind] is None)
        if before[kind] is not None:
            assert after[kind].accepted == before[kind].accepted
            assert [c.value for c in after[kind].choices] == [c.value for c in before[kind].choices]
    assert (
        QUESTION_REGISTRY["stage_it"].title == "Stage the nodes" and after["axilla"].prompt == "What about the axilla?"
    )
    assert after["stage_it"].prompt == (
        "Largest nodal deposit 1 mm | about 300 cells in the largest cluster of one cross-section | nodes: one node"
        " | no systemic therapy before surgery! -- stage it."
    )
    assert pathology_report(CELLS).endswith("!")
    assert after["nodal_category"].feedback.text.startswith(
        "AJCC: 1 mm (300 cells) = micrometastasis, one node: pN1mi ("
    )
    assert [after["bone_agent"].label(v) for v in ("yes", "no")] == ["Yes, weigh it", "No, leave it"]
    assert after["systemic"].answer_words().startswith("any of: ") and " / " in after["systemic"].answer_words()
    assert questions.ask("systemic", DIFFERS).feedback.text.split("\n\n")[1].startswith("The article disagrees: ")
    said = questions.ask("article_or_trials", DIFFERS).feedback.text
    assert said.startswith("Treatment of breast micrometastasis, corrected and current")
    assert " Since then: " in said and "What changed it" not in said
    assert questions.and_list(["A", "B", "C"]) == "A + B & C"
    if after["order_treatment"] is not None:
        assert all(" ⇒ " in c.label for c in after["order_treatment"].choices)


def test_the_treatment_order_picker_splits_a_choice_where_the_data_joined_it(monkeypatch):
    pytest.importorskip("ipywidgets")
    from micromets.exercises.quiz import InOrder

    section = shipped_section()
    section["joins"]["order"] = " then, "
    monkeypatch.setattr(questions, "_WORDS", parse_question_words(section, "mine.yaml"))
    asked = ask("order_treatment", Patient(1.0, "pos", "pos", "neg", "post", "bcs", recurrence_score=30))
    assert all(" then, " in c.label and " → " not in c.label for c in asked.choices)
    picker = InOrder(asked)
    assert sorted(picker.labels.values()) == ["chemotherapy", "endocrine therapy", "whole-breast radiation"]
    picker.value = asked.accepted[0]
    assert " then, " in picker.preview.value and picker.value == asked.accepted[0]


# Each broken questions section and the key its refusal names.
BROKEN = [
    (lambda s: s.update(colour="red"), "questions.colour"),
    (lambda s: s.pop("kinds"), "questions.kinds"),
    (lambda s: s["kinds"].pop("stage_it"), "questions.kinds.stage_it"),
    (lambda s: s["kinds"].update(riddle={"title": "R", "prompt": "?"}), "questions.kinds.riddle"),
    (lambda s: s["kinds"]["axilla"].pop("prompt"), "questions.kinds.axilla.prompt"),
    (lambda s: s["kinds"]["axilla"].update(prompt="Two\nlines"), "questions.kinds.axilla.prompt"),
    (lambda s: s["kinds"].update(axilla="Axilla"), "questions.kinds.axilla"),
    (lambda s: s["joins"].pop("last"), "questions.joins.last"),
    (lambda s: s["joins"].update(last=""), "questions.joins.last"),
    (lambda s: s["joins"].update(order=None), "questions.joins.order"),
    (lambda s: s["words"].pop("either"), "questions.words.either"),
    (lambda s: s["words"].update(either="either"), "questions.words.either"),  # the alternatives left out
    (lambda s: s["words"].update(staging="AJCC: $size $category $nodes"), "questions.words.staging"),
    (lambda s: s["words"].update(decided_at="At $where."), "questions.words.decided_at"),
    (lambda s: s["words"].update(no_option="none for $patient"), "questions.words.no_option"),
    (lambda s: s["words"].update(what_changed="What changed: ${sources"), "questions.words.what_changed"),
    (lambda s: s["words"].update(answer_no=""), "questions.words.answer_no"),
    (lambda s: s["words"].update(maybe="maybe"), "questions.words.maybe"),
    (lambda s: s.pop("quiz"), "questions.quiz"),
    (lambda s: s["quiz"].pop("check"), "questions.quiz.check"),
    (lambda s: s["quiz"].update(where="Case $number"), "questions.quiz.where"),  # the count left out
    (lambda s: s["quiz"].update(saved="Saved $path"), "questions.quiz.saved"),
    (lambda s: s["quiz"].update(correct="Yes\x07"), "questions.quiz.correct"),
    (lambda s: s.pop("notebooks"), "questions.notebooks"),
    (lambda s: s["notebooks"].update(student="Press **Check**."), "questions.notebooks.student"),
    (lambda s: s["notebooks"].update(right="right\nimport os"), "questions.notebooks.right"),
    (lambda s: s.pop("report"), "questions.report"),
    (lambda s: s["report"].pop("all_cases"), "questions.report.all_cases"),
    (lambda s: s["report"].update(by_case_caption="Each $learner, case by case"), "questions.report.by_case_caption"),
    (lambda s: s["report"].update(score="score\x1b[2J"), "questions.report.score"),
    (lambda s: s["report"].update(total="total"), "questions.report.total"),
    (lambda s: s["report"].update(why="why: $step"), "questions.report.why"),  # a name nobody gives
    (lambda s: s["report"].pop("at_a_glance"), "questions.report.at_a_glance"),
    (lambda s: s["report"].update(hardest="Hardest: $question$chose."), "questions.report.hardest"),  # counts lost
    (lambda s: s["report"].update(made_with="Made with <code>"), "questions.report.made_with"),  # no $command
    (lambda s: s["report"].update(graded_by="Graded by the engine."), "questions.report.graded_by"),  # no $ruleset
    (lambda s: s["report"].update(summary_scores="Scores:"), "questions.report.summary_scores"),  # the scores lost
    (lambda s: s["report"].update(flagged_many="Flagged: $n cells"), "questions.report.flagged_many"),
]


@pytest.mark.parametrize(("change", "key"), BROKEN)
def test_a_broken_questions_section_is_refused_naming_the_key(change, key):
    section = shipped_section()
    change(section)
    assert_refused_naming(parse_question_words, section, key)


def test_the_solution_notebook_says_its_answers_in_the_data_words(monkeypatch):
    from micromets.exercises.cases import shipped_bank
    from micromets.exercises.notebooks import solution_lines

    bank = shipped_bank()
    shipped_lines = solution_lines(bank.cases[0], bank.rules)
    assert (
        shipped_lines[0].startswith("Q: ")
        and shipped_lines[1].startswith("A: ")
        and shipped_lines[-1].startswith("Route: ")
    )
    section = shipped_section()
    section["words"].update(
        solution_question="Question: $prompt", solution_answer="Answer: $answer", solution_why="Because $why"
    )
    monkeypatch.setattr(questions, "_WORDS", parse_question_words(section, "mine.yaml"))
    lines = solution_lines(bank.cases[0], bank.rules)
    assert lines[0] == "Question: " + shipped_lines[0].removeprefix("Q: ")
    assert lines[1].startswith("Answer: ") and lines[2].startswith("   Because ")


def test_an_instructors_quiz_words_change_the_quiz_without_a_code_change(monkeypatch):
    pytest.importorskip("ipywidgets")
    from micromets.exercises.cases import random_cases
    from micromets.exercises.quiz import Quiz

    section = shipped_section()
    section["quiz"].update(
        {
            "check": "Grade me",
            "where": "Patient $number / $count",
            "not_quite": "Not this time <sigh>.",
            "the_answer": "Accepted: $answer",
            "score": "$right right of $total",
            "your_plan": "Ticked: $plan",
        }
    )
    monkeypatch.setattr(questions, "_WORDS", parse_question_words(section, "mine.yaml"))
    cases = random_cases(2, seed=3)
    quiz = Quiz(cases)
    case = cases.cases[0]
    kind = case.ask[0]
    wrong = next(
        c.value for c in quiz.asked[(case.id, kind)].choices if c.value not in quiz.asked[(case.id, kind)].accepted
    )
    quiz.answer(case.id, kind, wrong)
    (grade, *_) = quiz.check(case.id)
    assert not grade.correct and quiz.check_buttons[0].description == "Grade me"
    assert quiz.where.value == "Patient <b>1</b> / 2" and "right of " in quiz.summary.value
    shown = quiz.feedback[(case.id, kind)].value
    assert "<b>Not this time &lt;sigh&gt;.</b></span> Accepted: <b>" in shown  # the words are escaped, the answer bold
    assert "Not quite" not in shown and "The answer is" not in shown


def test_the_exercise_notebooks_say_their_instructions_in_the_data_words(monkeypatch):
    from micromets.exercises.cases import random_cases
    from micromets.exercises.nbgrader import nbgrader_notebook
    from micromets.exercises.notebooks import solution_notebook, student_notebook

    cases = random_cases(1, seed=3)
    section = shipped_section()
    section["quiz"].update(check="Grade me", save="Keep it")
    section["notebooks"].update(
        question="Q$number: $prompt", not_the_answer="Not quite what the pathway says.", solutions="Key: $title"
    )
    monkeypatch.setattr(questions, "_WORDS", parse_question_words(section, "mine.yaml"))
    student = student_notebook(cases)
    assert "press **Grade me**" in student.cells[0].source and "press **Keep it**" in student.cells[0].source
    assert solution_notebook(cases).cells[0].source.startswith("# Key: ")
    graded = nbgrader_notebook(student, cases)
    sources = [cell.source for cell in graded.cells]
    assert any(source.startswith("**Q1: ") for source in sources)
    checks = [source for source in sources if "BEGIN HIDDEN TESTS" in source]
    assert checks and all('"Not quite what the pathway says. " + key["feedback"]' in check for check in checks)
    compile(checks[0], "check", "exec")  # the words land in code that still runs


def test_an_instructors_report_words_change_the_class_reports_grouped_tables_without_code(monkeypatch):
    """A set of many questions leads its class report with two tables grouped by case and by part of
    the plan: their captions and headings are the vocabulary's, an instructor's ``<`` shown as text."""
    from micromets.exercises import report
    from micromets.exercises.cases import random_cases
    from micromets.exercises.grading import AnswerFile, grade_class

    summary = report.class_summary(
        grade_class(random_cases(5, seed=2), [AnswerFile("answers-ana.json", []), AnswerFile("answers-ben.json", [])])
    )
    by_case, by_part = report.learner_by_case_table(summary), report.case_by_part_table(summary)
    assert "<caption>Each learner, case by case: questions right of the case's questions</caption>" in by_case
    assert "<th>learner</th>" in by_case and "<th>score</th>" in by_case
    assert "<th>case</th>" in by_part and "<th scope='row'>all cases</th>" in by_part
    section = shipped_section()
    section["report"].update(
        by_case_caption="Chaque élève, cas par cas <détail>",
        by_part_caption="Où la classe s'est trompée",
        learner="élève",
        score="note",
        case="cas",
        all_cases="tous les cas",
        at_a_glance="En un coup d'œil",
        hardest_first="Questions, les plus dures d'abord",
        pathways_answer="la réponse du parcours",
        card_median="note médiane",
        to_review="réponses à revoir",
    )
    section["words"]["no_answer"] = "sans réponse"
    mine = parse_question_words(section, "mine.yaml")
    monkeypatch.setattr(report, "shipped_question_words", lambda: mine)
    by_case, by_part = report.learner_by_case_table(summary), report.case_by_part_table(summary)
    assert "<caption>Chaque élève, cas par cas &lt;détail&gt;</caption>" in by_case
    assert "<th>élève</th>" in by_case and "<th>note</th>" in by_case and "learner" not in by_case
    assert "<caption>Où la classe s'est trompée</caption><thead><tr><th>cas</th>" in by_part
    assert "<th scope='row'>tous les cas</th>" in by_part and "all cases" not in by_part
    page = report.report_html(summary)
    for heading in ("<h2>En un coup d'œil</h2>", "<h2>Questions, les plus dures d'abord</h2>"):
        assert heading in page
    for words in (
        "<th>sans réponse</th>",
        "note médiane</div>",
        "<th>réponses à revoir</th>",
        "<th>la réponse du parcours</th>",
    ):
        assert words in page, words
    for english in ("At a glance", "Questions, hardest first", "median score", "answers to review", "no answer</th>"):
        assert english not in page, english


def test_an_instructors_report_words_change_the_class_reports_sentences_without_code(monkeypatch):
    """The page's title, its hardest question, the shading key, the folded figures, a learner's
    count to review, the empty notes and the command line are the vocabulary's (filled as HTML)."""
    from micromets.exercises import report
    from micromets.exercises.cases import random_cases
    from micromets.exercises.grading import grade_class

    from ..conftest import simulated_answers

    cases = random_cases(5, seed=7)  # 25 questions: the grouped tables and their shading key lead
    summary = report.class_summary(grade_class(cases, simulated_answers(cases, ["ana", "ben", "cy"], 0.5, seed=3)))
    shipped = report.report_html(summary, "micromets report <x>")
    assert "<h1>Class report: " in shipped and "<p>Hardest question: <b>" in shipped and "; most chose “" in shipped
    assert "<code>micromets report &lt;x&gt;</code>" in shipped and "none: every file was read as given" in shipped
    assert " learners)</small>" in shipped or " learner)</small>" in shipped  # how many chose a wrong answer
    section = shipped_section()
    section["report"].update(
        title="Bilan <classe> : $title",
        hardest="Question la plus dure : $question ($right/$learners)$chose.",
        most_chose=", souvent « $answer »",
        shading="Couleurs : $high, $mid, $low.",
        shade_high="80 % et plus",
        every_answer="Toutes les réponses ($count questions)",
        missed_count="$count à revoir",
        no_notes="aucune",
        made_with="Fait avec $command",
        graded_by="Noté par le moteur, règles $ruleset.",
        learners_one="$count élève",
        learners_many="$count élèves",
    )
    monkeypatch.setattr(report, "shipped_question_words", lambda: parse_question_words(section, "mine.yaml"))
    page = report.report_html(summary, "micromets report <x>")
    assert page.count("Bilan &lt;classe&gt; : ") == 2  # the tab's title and the heading
    assert "<p>Question la plus dure : <b>" in page and ", souvent « " in page and "most chose" not in page
    assert "Couleurs : <span class='mm-high'>&nbsp;80 % et plus&nbsp;</span>, <span class='mm-mid'>" in page
    assert "<summary>Toutes les réponses (25 questions)</summary>" in page and " à revoir</summary>" in page
    assert "<p>Noté par le moteur, règles <b>trials-2024</b>.</p>" in page and " élève" in page
    assert "<li>aucune</li>" in page and "<small>Fait avec <code>micromets report &lt;x&gt;</code></small>" in page
    english_words = ("Class report:", "Hardest question", "Shading", "Every answer", "to review</summary>", "Made with")
    for english in (*english_words, "Graded by", " learner)", " learners)"):
        assert english not in page, english


def test_an_instructors_report_words_change_the_terminal_summary_without_code(monkeypatch):
    """The one screen ``python -m micromets report`` prints is worded by ``questions.report`` too."""
    import dataclasses

    from micromets.exercises import report
    from micromets.exercises.cases import random_cases
    from micromets.exercises.grading import AnswerFile, grade_class

    from ..conftest import simulated_answers

    cases = random_cases(2, seed=7)
    bad = [
        {"case": "nope", "question": "axilla", "answer": "x"},
        {"case": "case-01", "question": "axilla", "answer": "x"},
    ]
    files = simulated_answers(cases, ["ana", "ben"], 0.5, seed=3) + [
        AnswerFile(f"answers-bad{i}.json", bad) for i in range(7)
    ]
    summary = report.class_summary(dataclasses.replace(grade_class(cases, files), flagged=2))
    shipped = report.summary_text(summary).splitlines()
    assert shipped[0].endswith("(ruleset trials-2024): 9 learners, 10 questions asked")
    assert shipped[1].startswith("Class score: median ") and shipped[2] == "Hardest questions:"
    assert shipped[-1] == "  ... and 2 more (all in the report)"
    section = shipped_section()
    section["report"].update(
        learners_many="$count élèves",
        summary_head="$title — $learners, $asked questions ($ruleset)",
        summary_score="Note médiane : $median / $asked ($percent), de $low à $high",
        summary_hardest="Les plus dures :",
        summary_weakest="Partie la plus faible : $part",
        summary_scores="Notes — $scores",
        summary_score_item="$learner=$right sur $asked",
        flagged_many="Signalé : $count cellules avec du code",
        summary_notes="Remarques ($count) :",
        summary_more="… et $count autres",
    )
    monkeypatch.setattr(report, "shipped_question_words", lambda: parse_question_words(section, "mine.yaml"))
    mine = report.summary_text(summary).splitlines()
    assert mine[0].endswith(" — 9 élèves, 10 questions (trials-2024)")
    assert mine[1].startswith("Note médiane : ") and mine[2] == "Les plus dures :"
    assert any(line.startswith("Partie la plus faible : ") for line in mine)
    assert any(line.startswith("Notes — ana=") for line in mine)
    assert "Signalé : 2 cellules avec du code" in mine and "Remarques (7) :" in mine
    assert mine[-1] == "  … et 2 autres"
