"""Questions as records: every kind answered by the engine (a test per kind), one question
system for the quiz and the chapters, the article's answer stated where it differs, grammatical
vignettes, the authoring check, and an instructor's ruleset in a case file."""

import json
import random
import re
import shutil

import nbformat
import pytest
import yaml
from nbclient import NotebookClient

from micromets import Patient, recommend
from micromets.exercises.authoring import check_set
from micromets.exercises.cases import load_cases, random_cases, vignette
from micromets.exercises.questions import QUESTION_KINDS, QUESTION_REGISTRY, ask, treatment_order, try_ask
from micromets.exercises.quiz import Quiz, feedback_html
from micromets.exercises.selfcheck import ask_about
from micromets.pathway.patient import INPUT_FIELDS

from ..conftest import patient, run_cli

FIXTURE = "tests/fixtures/instructor-ruleset.yaml"
# Premenopausal pN1mi with a score of 17: the article says endocrine therapy alone (below 18); trials-2024
# weighs chemotherapy or OFS (NCCN, TAILORx cut-offs for pN1mi, issue 19).
PRE_PN1MI_RS17 = patient(menopause="pre", recurrence_score=17, age=44)


def rows_in(data) -> list[dict]:
    """Every graded row in the grader's JSON, wherever the report nests it."""
    if isinstance(data, dict):
        return [data] * ("question" in data) + [r for v in data.values() for r in rows_in(v)]
    if isinstance(data, list):
        return [r for v in data for r in rows_in(v)]
    return []


def changed(p: Patient, value: str) -> Patient:
    name, _, text = value.partition("=")
    spec = INPUT_FIELDS[name]
    fields = p.inputs()
    fields[name] = text if spec.kind == "choice" else (int(float(text)) if spec.kind == "int" else float(text))
    if name == "deposit_mm" and fields[name] == 0:
        fields["cells"], fields["positive_nodes"] = None, 0
    elif name == "deposit_mm" and p.deposit_mm == 0:
        fields["positive_nodes"] = 1
    return Patient(**fields)


@pytest.mark.parametrize("kind, part", [("change_axilla", "axilla"), ("change_systemic", "options")])
def test_what_would_change_the_plan_is_enumerated_by_the_engine(kind, part):
    tried = 0
    for case in random_cases(24, seed=11, ask=(kind,)).cases:
        asked = try_ask(kind, case.patient)
        if asked is None:
            continue
        tried += 1
        before = getattr(recommend(case.patient, "trials-2024"), part)
        for choice in asked.choices:
            after = getattr(recommend(changed(case.patient, choice.value), "trials-2024"), part)
            assert (set(after) != set(before) if part == "options" else after != before) == (
                choice.value in asked.accepted
            )
        assert len(asked.accepted) == 1 and len(asked.choices) >= 3
        assert "Of these changes only" in asked.feedback.line() and "[" in asked.feedback.line()
        assert not re.search(r"\b[a-z]+_[a-z_]+\b", asked.feedback.line() + " ".join(c.label for c in asked.choices))
    assert tried >= 12


def test_order_the_treatment_accepts_only_orders_the_sources_allow():
    asked = ask("order_treatment", patient(recurrence_score=30))  # chemotherapy, endocrine, whole-breast RT
    position = {v: [g.split("+")[0] for g in v.split(">")] for v in (c.value for c in asked.choices)}
    assert len(asked.choices) == 6
    for value, order in position.items():
        assert (value in asked.accepted) == (order.index("chemotherapy") < order.index("endocrine"))
    assert "NCCN" in asked.feedback.line()
    assert all("→" in c.label and "_" not in c.label for c in asked.choices)
    # Anti-HER2 antibodies start with the chemotherapy: one step, never ordered apart.
    her2 = ask("order_treatment", patient(her2="pos"))
    assert any("chemotherapy with trastuzumab" in c.label for c in her2.choices)
    assert set(treatment_order()["cite"]) <= set(her2.feedback.citations)
    # Nothing to order when every order is acceptable (chemotherapy and radiation only).
    assert try_ask("order_treatment", patient(er="neg", pr="neg")) is None


def test_article_or_trials_names_the_right_answer_and_quotes_both_steps_and_the_trial():
    asked = ask("article_or_trials", PRE_PN1MI_RS17)
    assert asked.accepted == ("trials-2024",) and {c.value for c in asked.choices} == {"trials-2024", "seed-2025"}
    text = asked.feedback.line()
    for ruleset in ("trials-2024", "seed-2025"):
        deciding = recommend(PRE_PN1MI_RS17, ruleset)
        step = next(s for s in deciding.steps if s.id == deciding.decided_by("systemic"))
        assert step.text in text
    assert "What changed it: TAILORx" in text
    assert ask("article_or_trials", PRE_PN1MI_RS17).grade("seed-2025").correct is False
    assert try_ask("article_or_trials", patient(deposit_mm=0)) is None  # both pathways agree
    assert try_ask("article_or_trials", PRE_PN1MI_RS17, "seed-2025") is None  # nothing to compare with


def test_stage_it_gives_the_pathology_and_grades_the_category():
    p = Patient(0.15, "neg", "neg", "pos", "pre", "bcs", cells=300, positive_nodes=2)
    asked = ask("stage_it", p)
    assert "0.15 mm" in asked.prompt and "300 cells" in asked.prompt and "2 nodes" in asked.prompt
    assert "pN1mi" not in asked.prompt and asked.accepted == ("pN1mi",)
    assert ask("stage_it", p).grade("pN0(i+)").correct is False and "AJCC" in asked.feedback.line()
    itc = ask("stage_it", Patient(0.1, "pos", "pos", "neg", "post", "bcs", positive_nodes=3))
    assert itc.accepted == ("pN0(i+)",) and "isolated tumour cells" in itc.feedback.line()
    assert "ypN0(i+)" in {c.value for c in itc.choices}  # the y prefix is part of what is asked


def test_stage_it_after_neoadjuvant_therapy_asks_for_the_yp_category():
    residual = Patient(1.0, "pos", "pos", "neg", "pre", "bcs", neoadjuvant="yes")
    asked = ask("stage_it", residual)
    assert "after neoadjuvant systemic therapy" in asked.prompt and asked.accepted == ("ypN1mi",)
    assert {"ypN0", "ypN1mi", "pN1mi"} <= {c.value for c in asked.choices}
    assert asked.grade("pN1mi").correct is False and asked.grade("ypN1mi").correct
    assert "after neoadjuvant therapy" in asked.feedback.line()


@pytest.mark.parametrize("kind", sorted(QUESTION_REGISTRY))
def test_every_kind_is_a_record_the_quiz_grades_and_the_solution_explains(kind):
    cases = random_cases(8, seed=3, ask=(kind,))
    quiz = Quiz(cases)
    for case in cases.cases:
        asked = quiz.asked[(case.id, kind)]
        assert asked.kind == kind and asked.accepted and set(asked.accepted) <= {c.value for c in asked.choices}
        quiz.answer(case.id, kind, asked.accepted[0])
        assert quiz.check(case.id)[0].correct
        assert "Correct" in quiz.feedback[(case.id, kind)].value
    assert quiz.score() == (len(cases.cases), len(cases.cases))


def test_the_article_answer_is_stated_where_it_differs():
    feedback = ask("systemic", PRE_PN1MI_RS17).grade("endocrine").feedback
    assert "The source article answers differently: endocrine therapy." in feedback
    assert "This pathway's answer rests on TAILORx" in feedback  # the evidence the article's step does not cite
    assert "Recurrence score below 18" in feedback  # the article's own step, quoted from the ruleset
    assert "does not draw on" not in feedback and "would say" not in feedback  # no machine-made sentence
    assert "answers differently" not in ask("systemic", PRE_PN1MI_RS17, "seed-2025").grade("endocrine").feedback
    assert "answers differently" not in ask("axilla", PRE_PN1MI_RS17).grade("no_alnd").feedback  # they agree


def test_self_check_questions_and_the_quiz_are_one_question_system():
    p = patient()
    question = ask_about("axilla", p)
    asked = ask("axilla", p)
    assert question.asked == asked
    question.choose("alnd_or_axillary_rt")
    assert question.correct is False
    assert question.result.value == feedback_html(asked, asked.grade("alnd_or_axillary_rt"))


def test_case_file_selects_question_kinds_per_set(tmp_path):
    path = tmp_path / "set.yaml"
    data = {
        "kinds": ["stage_it", "order_treatment"],
        "cases": [
            {"id": "a", "vignette": "v", "patient": patient(recurrence_score=30).inputs()},
            {"id": "b", "vignette": "v", "patient": patient().inputs(), "ask": ["axilla"]},
        ],
    }
    path.write_text(yaml.safe_dump(data))
    cases = load_cases(path)
    assert cases.cases[0].ask == ("stage_it", "order_treatment") and cases.cases[1].ask == ("axilla",)
    out = tmp_path / "r.yaml"
    made = run_cli(
        "exercise", "random", "--n", "4", "--seed", "2", "--kinds", "stage_it,change_systemic", "-o", str(out)
    )
    assert made.returncode == 0
    assert all(set(c.ask) <= {"stage_it", "change_systemic"} for c in load_cases(out).cases)
    bad = run_cli("exercise", "random", "--n", "4", "--seed", "2", "--kinds", "stage,x", "-o", str(tmp_path / "b.yaml"))
    assert bad.returncode == 2 and "--kinds" in bad.stderr and len(bad.stderr.splitlines()) == 1


def article_errors(text: str) -> list[str]:
    """Every "a"/"an" that does not fit the sound of the next word (figures as read aloud)."""
    wrong = []
    for article, word in re.findall(r"\b([Aa]n?) (\S+)", text):
        spoken_vowel = re.match(r"(8|11(?![\d])|18(?![\d]))", word) if word[0].isdigit() else word[0] in "aeioAEIO"
        vowel = bool(spoken_vowel)
        if (article.lower() == "an") != vowel:
            wrong.append(f"{article} {word}")
    return wrong


def test_vignettes_are_grammatical_for_every_generated_patient():
    for seed in range(40):
        for case in random_cases(12, seed=seed, learner=None if seed % 2 else f"l{seed}").cases:
            text = case.vignette
            assert article_errors(text) == [], text
            for sentence in re.split(r"(?<=[.;:])\s+", text):
                assert not sentence[:1].isdigit(), text
    rng = random.Random(0)
    for age in (18, 80, 81, 62, 11 + 7):
        text = vignette(patient(age=age, tumor_mm=8.0), rng)
        assert article_errors(text) == [], text


def test_authoring_check_reports_each_problem_on_its_own_line(tmp_path):
    good = tmp_path / "bank.yaml"
    shutil.copy("micromets/exercises/case-bank.yaml", good)
    ok = run_cli("exercise", "check", str(good), "--coverage")
    assert ok.returncode == 0 and "OK" in ok.stdout and "recommendations reached" in ok.stdout
    data = yaml.safe_load(good.read_text())
    data["cases"] = data["cases"][:3] + [dict(data["cases"][0], id="copy")]
    data["cases"][1]["ask"] = ["article_or_trials"]
    data["ruleset"] = "seed-2025"
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(data))
    result = run_cli("exercise", "check", str(bad), "--coverage")
    lines = result.stdout.splitlines()
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert any("cases[1]" in line and "article_or_trials" in line for line in lines)
    assert any("cases[3] (copy).patient: the same patient as cases[0]" in line for line in lines)
    assert sum("coverage:" in line for line in lines) == len(check_set(bad, coverage=True).problems) - 2
    without = run_cli("exercise", "check", str(bad)).stdout  # coverage is a bank's property: only when asked
    assert "coverage:" not in without and "cases[3] (copy)" in without
    assert all(line.startswith(str(bad)) for line in lines)
    broken = tmp_path / "broken.yaml"
    broken.write_text("cases: [{id: a}]")
    refused = run_cli("exercise", "check", str(broken))
    assert refused.returncode == 2 and len(refused.stdout.splitlines()) == 1 and "cases[0]" in refused.stdout


@pytest.mark.kernel
def test_a_case_file_with_an_instructor_ruleset_builds_runs_elsewhere_and_grades(tmp_path):
    folder = tmp_path / "course"
    folder.mkdir()
    shutil.copy(FIXTURE, folder / "my-pathway.yaml")
    cases_path = folder / "week1.yaml"
    cases_path.write_text(
        yaml.safe_dump(
            {
                "title": "Instructor pathway",
                "ruleset": "my-pathway.yaml",  # relative to the case file
                "cases": [
                    {"id": "a", "vignette": "HER2-negative, BCS.", "patient": patient().inputs()},
                    {"id": "b", "vignette": "HER2-positive, mastectomy.", "patient": patient(her2="pos").inputs()},
                ],
            }
        )
    )
    cases = load_cases(cases_path)
    assert cases.rules.id == "instructor-demo" and cases.cases[0].ask == tuple(QUESTION_KINDS)
    radiation = ask("radiation", cases.cases[0].patient, cases.rules)
    assert radiation.answer_words() == "whole-breast radiation with a tumour-bed boost"
    assert ask("radiation", cases.cases[0].patient, cases.rules).grade("whole_breast_with_boost").correct
    built = tmp_path / "built"
    assert run_cli("exercise", "build", str(cases_path), "-o", str(built)).returncode == 0
    answers = tmp_path / "answers-ana.json"
    row = {"learner": "ana", "case": "a", "question": "radiation", "answer": "whole_breast_with_boost"}
    answers.write_text(json.dumps({"answers": [row]}))
    graded = run_cli("exercise", "grade", str(cases_path), str(answers), "--json")
    assert graded.returncode == 0, graded.stderr
    assert any(
        r.get("question") == "radiation" and r.get("correct") is True for r in rows_in(json.loads(graded.stdout))
    )
    shutil.rmtree(folder)  # the notebooks carry the ruleset: they run where the file is not
    nb = nbformat.read(built / "student.ipynb", 4)
    nb.cells.append(
        nbformat.v4.new_code_cell(
            'quiz.answer("a", "radiation", "whole_breast_with_boost"); print(quiz.check("a")[3].correct)\n'
            'print([label for label, _ in quiz.inputs[("a", "radiation")].options])'
        )
    )
    NotebookClient(nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(built)}}).execute()
    printed = nb.cells[-1].outputs[0]["text"]
    assert printed.startswith("True") and "whole-breast radiation with a tumour-bed boost" in printed


@pytest.mark.parametrize("n", [1, 6, 12])
def test_every_set_exercise_random_makes_passes_exercise_check(tmp_path, n):
    # A weekly set is not a bank: it need not visit every recommendation of the pathway.
    week = tmp_path / "week.yaml"
    assert run_cli("exercise", "random", "--n", str(n), "--seed", "7", "-o", str(week)).returncode == 0
    checked = run_cli("exercise", "check", str(week))
    assert checked.returncode == 0 and checked.stdout.startswith(f"OK: {n} cases"), checked.stdout
    asked = run_cli("exercise", "check", str(week), "--coverage")  # asked for, the gaps are listed
    assert asked.returncode == 2 and "coverage: no case reaches" in asked.stdout
