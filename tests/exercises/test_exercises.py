"""Exercises: case files refused whole when malformed, reproducible random sets, graded answers
with cited feedback, student notebooks that leak nothing, solution notebooks with the engine's answers."""

import json

import nbformat
import pytest
from nbclient import NotebookClient

from micromets import DataFileError, load_ruleset, recommend
from micromets.exercises.cases import load_cases, random_cases, shipped_bank
from micromets.exercises.notebooks import build, solution_lines
from micromets.exercises.questions import QUESTION_KINDS, ask, try_ask
from micromets.exercises.quiz import Quiz
from micromets.views.render import option_words, words

from ..conftest import THREE_CASES, run_cli

run = run_cli


@pytest.fixture
def case_file(tmp_path):
    path = tmp_path / "cases.yaml"
    path.write_text(THREE_CASES)
    return path


def test_case_file_loads(case_file):
    cases = load_cases(case_file)
    assert [c.id for c in cases.cases] == ["one", "two", "three"]
    assert cases.cases[0].ask == tuple(QUESTION_KINDS)


@pytest.mark.parametrize(
    "old, new, key",
    [
        ("deposit_mm: 1.2, er: pos", "deposit_mm: 1.2, er: maybe", "cases[0] (one).patient.er"),
        ("ask: [axilla, bone_agent]", "ask: [axilla, prognosis]", "cases[2] (three).ask"),
        (
            "patient: {deposit_mm: 0.1, er: neg",
            "patient: {deposit_mm: 0.1, size: 3, er: neg",
            "cases[1] (two).patient.size",
        ),
        ("positive_nodes: 2", "positive_nodes: 0", "cases[2] (three).patient.positive_nodes"),
        ("  - id: two", "  - id: one", "cases[1] (one).id"),
        ("title: Three cases", "title: Three cases\nanswers: {one: pN1mi}", "answers"),
        ("    vignette: A 45", "    hint: x\n    vignette: A 45", "cases[1] (two).hint"),
        ("surgery: mastectomy}", "}", "cases[1] (two).patient.surgery"),
    ],
)
def test_malformed_case_file_is_refused_whole_with_file_case_and_key(tmp_path, old, new, key):
    path = tmp_path / "bad.yaml"
    path.write_text(THREE_CASES.replace(old, new, 1))
    with pytest.raises(DataFileError) as error:
        load_cases(path)
    assert error.value.key == key and str(path) in str(error.value)


def test_hostile_case_file_is_refused(tmp_path):
    path = tmp_path / "evil.yaml"
    path.write_text(THREE_CASES.replace("title: Three cases", "title: !!python/object/apply:os.system ['touch pwned']"))
    with pytest.raises(DataFileError, match="refused"):
        load_cases(path)
    assert not (tmp_path / "pwned").exists()


def test_random_sets_are_reproducible_stratified_and_vary_per_learner():
    a, b = random_cases(12, seed=9), random_cases(12, seed=9)
    assert a.to_yaml() == b.to_yaml()
    assert random_cases(12, seed=10).to_yaml() != a.to_yaml()
    classes = {c.patient.deposit_class for c in a.cases}
    assert {"itc", "micrometastasis", "macrometastasis"} <= classes
    subtypes = {(c.patient.hr_status, c.patient.her2) for c in a.cases}
    assert len(subtypes) == 4
    ana, ben = random_cases(5, seed=9, learner="ana"), random_cases(5, seed=9, learner="ben")
    assert ana.to_yaml() != ben.to_yaml() and ana.to_yaml() == random_cases(5, seed=9, learner="ana").to_yaml()


def test_random_cli_writes_a_valid_reproducible_case_file(tmp_path):
    for name in ("a.yaml", "b.yaml"):
        assert run("exercise", "random", "--n", "6", "--seed", "3", "-o", str(tmp_path / name)).returncode == 0
    assert (tmp_path / "a.yaml").read_text() == (tmp_path / "b.yaml").read_text()
    assert len(load_cases(tmp_path / "a.yaml").cases) == 6


def test_shipped_bank_visits_every_recommendation_node_of_the_default_ruleset():
    bank = shipped_bank()
    assert len(bank.cases) >= 12 and bank.ruleset == "trials-2024"
    assert any(case.patient.neoadjuvant == "yes" for case in bank.cases)
    visited = {n for case in bank.cases for n in recommend(case.patient, bank.ruleset).path}
    rules = load_ruleset("trials-2024")
    leaves = {n for n, node in rules.nodes.items() if not node.is_question}
    assert leaves <= visited


def test_grading_accepts_engine_answers_and_cites_the_deciding_step(case_file):
    case = load_cases(case_file).cases[0]
    right = ask("axilla", case.patient).grade("no_alnd")
    wrong = ask("axilla", case.patient).grade("alnd_or_axillary_rt")
    assert right.correct and not wrong.correct
    assert "IBCSG 23-01" in wrong.feedback and "Sentinel lymph node biopsy alone" in wrong.feedback
    assert ask("systemic", case.patient).grade("chemotherapy+endocrine").correct  # any of the plan's options
    no_bone = ask("bone_agent", load_cases(case_file).cases[1].patient).grade("yes")
    assert not no_bone.correct and "Postmenopausal?" in no_bone.feedback and "pre" in no_bone.feedback


def test_quiz_grades_scores_and_exports(case_file, tmp_path):
    quiz = Quiz(load_cases(case_file), learner="ana")
    quiz.answer("one", "nodal_category", "pN1mi").answer("one", "axilla", "alnd_or_axillary_rt")
    quiz.check("one")
    assert quiz.score() == (1, len(quiz.asked))
    assert "Correct" in quiz.feedback[("one", "nodal_category")].value
    assert "Not quite" in quiz.feedback[("one", "axilla")].value and "IBCSG" in quiz.feedback[("one", "axilla")].value
    exported = quiz.export(tmp_path / "answers-ana.json")
    rows = json.loads(exported.read_text())["answers"]
    assert {"learner": "ana", "case": "one", "question": "nodal_category", "answer": "pN1mi", "correct": True} in rows
    quiz.export(tmp_path / "answers-ana.csv")
    result = run("exercise", "grade", str(case_file), str(tmp_path / "answers-ana.csv"))
    assert result.returncode == 0 and "ana 1/10" in result.stdout
    graded = json.loads(run("exercise", "grade", str(case_file), str(exported), "--json").stdout)
    assert [(r["learner"], r["correct"], r["asked"]) for r in graded["learners"]] == [("ana", 1, 10)]


def test_grade_refuses_answers_for_unknown_cases(case_file, tmp_path):
    bad = tmp_path / "answers.json"
    bad.write_text(
        json.dumps({"answers": [{"learner": "x", "case": "nine", "question": "axilla", "answer": "no_alnd"}]})
    )
    result = run("exercise", "grade", str(case_file), str(bad))
    assert result.returncode == 2 and "wrong set" in result.stderr and len(result.stderr.splitlines()) == 1


def answer_texts(cases) -> set[str]:
    """Every answer a student notebook must not contain: codes, their words, and the deciding step texts."""
    texts = set()
    for case in cases.cases:
        plan = recommend(case.patient, cases.ruleset)
        for kind in case.ask:
            for answer in ask(kind, case.patient, cases.ruleset).accepted:
                if kind in ("axilla", "radiation", "nodal_category"):
                    texts.update({answer, words(answer)})
                elif kind == "systemic":
                    texts.update({answer, option_words(answer.split("+"))})
        texts.update(step.text for step in plan.steps)
    return texts


def test_build_writes_a_student_notebook_that_leaks_no_answer(case_file, tmp_path):
    result = run("exercise", "build", str(case_file), "-o", str(tmp_path / "out"))
    assert result.returncode == 0
    student = (tmp_path / "out" / "student.ipynb").read_text()
    cases = load_cases(case_file)
    leaked = [t for t in answer_texts(cases) if len(t) > 3 and t in student]
    assert leaked == []
    assert "pN1mi" not in student and "no_alnd" not in student and "whole_breast" not in student
    offered = (try_ask(kind, case.patient, cases.ruleset) for case in cases.cases for kind in QUESTION_KINDS)
    for value in {c.value for asked in offered if asked and asked.kind != "bone_agent" for c in asked.choices}:
        assert value not in student or value in ("endocrine",)  # the word may appear in a vignette only
    nb = nbformat.read(tmp_path / "out" / "student.ipynb", 4)
    assert all(not c.get("outputs") for c in nb.cells) and "widgets" not in nb.metadata


@pytest.mark.kernel
def test_solution_notebook_executes_and_shows_the_engine_answers(case_file, tmp_path):
    build(load_cases(case_file), tmp_path)
    nb = nbformat.read(tmp_path / "solution.ipynb", 4)
    NotebookClient(nb, timeout=120, kernel_name="python3").execute()
    printed = "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []))
    cases = load_cases(case_file)
    for case in cases.cases:
        for line in solution_lines(case, cases.ruleset):
            assert line in printed
    assert "A: pN1mi" in printed and "Route: Systemic therapy before surgery? " in printed
    # Each case's route, drawn as the one SVG flowchart (no second, matplotlib drawing).
    routes = [
        o["data"]["image/svg+xml"]
        for c in nb.cells
        for o in c.get("outputs", [])
        if "image/svg+xml" in o.get("data", {})
    ]
    assert len(routes) == len(cases.cases) == 3
    for case, svg in zip(cases.cases, routes, strict=True):  # each case's own route, lit
        assert 'class="mm-chart mm-route mm-has-path"' in svg
        assert all(f'id="mm-route-node-{n}"' in svg for n in recommend(case.patient, cases.ruleset).path)


@pytest.mark.kernel
def test_student_notebook_runs_and_its_quiz_grades_in_the_kernel(case_file, tmp_path):
    build(load_cases(case_file), tmp_path)
    nb = nbformat.read(tmp_path / "student.ipynb", 4)
    nb.cells.append(
        nbformat.v4.new_code_cell(
            'quiz.answer("one", "nodal_category", "pN1mi"); print(quiz.check("one")[0].correct, quiz.score())'
        )
    )
    NotebookClient(nb, timeout=120, kernel_name="python3").execute()
    assert "True (1, 10)" in nb.cells[-1].outputs[0]["text"]


def test_quiz_buttons_are_as_wide_as_their_words(case_file):
    # Fixed-width buttons cut "Check my answers" and "Save my answers" off in the page.
    quiz = Quiz(load_cases(case_file))
    quiz.boxes()  # every case's widgets (a case's are made when it is first shown)
    buttons = quiz.check_buttons
    save = quiz.widget.children[-1].children[0]
    assert len(buttons) == 3 and save.description == "Save my answers"
    for button in [*buttons, save]:
        assert button.layout.width == "auto" and button.layout.align_self == "flex-start"
