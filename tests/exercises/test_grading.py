"""Grading a class: counts an instructor can trust (one regression per miscount seen in the field),
the class report (HTML, CSV, JSON) and the one-screen summary."""

import csv
import io
import json
import random

import pytest

from micromets import recommend
from micromets.exercises.cases import random_cases
from micromets.exercises.questions import ask

from ..conftest import THREE_CASES, run_cli

ASKED = 10  # questions asked by THREE_CASES: 5 + 3 + 2


@pytest.fixture
def case_file(tmp_path):
    path = tmp_path / "cases.yaml"
    path.write_text(THREE_CASES)
    return path


def answers_file(folder, name, rows, learner=None):
    path = folder / f"answers-{name}.json"
    learner = name if learner is None else learner
    path.write_text(json.dumps({"answers": [{"learner": learner, **row} for row in rows]}))
    return path


def row(case, question, answer):
    return {"case": case, "question": question, "answer": answer}


RIGHT = row("one", "nodal_category", "pN1mi")


def graded(*args):
    result = run_cli("exercise", "grade", *map(str, args), "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def learner(report, name):
    return next(entry for entry in report["learners"] if entry["learner"] == name)


def test_the_same_correct_row_three_times_counts_once_over_the_questions_asked(case_file, tmp_path):
    path = answers_file(tmp_path, "ana", [RIGHT, RIGHT, RIGHT])
    report = graded(case_file, path)
    ana = learner(report, "ana")
    assert (ana["correct"], ana["asked"], ana["answered"]) == (1, ASKED, 1)  # was "3 / 3", then "2 / 3"
    assert any("answered 3 times; the last answer counts" in n["message"] for n in report["notes"])


def test_the_last_of_two_answers_counts(case_file, tmp_path):
    wrong_then_right = [row("one", "nodal_category", "pN1a"), RIGHT]
    right_then_wrong = [RIGHT, row("one", "nodal_category", "pN1a")]
    assert learner(graded(case_file, answers_file(tmp_path, "ana", wrong_then_right)), "ana")["correct"] == 1
    assert learner(graded(case_file, answers_file(tmp_path, "ben", right_then_wrong)), "ben")["correct"] == 0


def test_the_same_file_passed_twice_does_not_double_the_score(case_file, tmp_path):
    path = answers_file(tmp_path, "ana", [RIGHT])
    report = graded(case_file, path, path, tmp_path / ".." / tmp_path.name / path.name)
    assert [(e["learner"], e["correct"], e["asked"]) for e in report["learners"]] == [("ana", 1, ASKED)]
    assert sum("given more than once; read once" in n["message"] for n in report["notes"]) == 2


def test_the_denominator_is_the_questions_asked_not_the_rows_submitted(case_file, tmp_path):
    report = graded(case_file, answers_file(tmp_path, "ana", [RIGHT, row("two", "axilla", "no_alnd")]))
    ana = learner(report, "ana")
    assert (ana["correct"], ana["asked"], ana["answered"]) == (2, ASKED, 2)
    unanswered = [a for a in ana["answers"] if a["answer"] is None]
    assert len(unanswered) == ASKED - 2 and not any(a["correct"] for a in unanswered)


def test_a_learner_field_that_disagrees_with_the_file_name_is_reported(case_file, tmp_path):
    report = graded(case_file, answers_file(tmp_path, "ana", [RIGHT], learner="ben"))
    assert [e["learner"] for e in report["learners"]] == ["ana"]  # the file names the learner
    (note,) = [n for n in report["notes"] if "learner" in n["where"]]
    assert "'ben'" in note["message"] and "'ana'" in note["message"] and "answers-ana.json" in note["where"]


def test_a_learner_field_matching_the_quiz_file_name_is_not_a_mismatch(case_file, tmp_path):
    # The quiz saves "Ana López" as answers-AnaLópez.json.
    report = graded(case_file, answers_file(tmp_path, "AnaLópez", [RIGHT], learner="Ana López"))
    assert report["notes"] == [] and report["learners"][0]["correct"] == 1


def test_a_nan_learner_field_does_not_make_rows_disappear(case_file, tmp_path):
    # NaN in JSON (as a pandas export writes it) refuses the file loudly: nothing vanishes in silence.
    path = tmp_path / "answers-ana.json"
    path.write_text(json.dumps({"answers": [{"learner": float("nan"), **RIGHT}]}))
    refused = run_cli("exercise", "grade", str(case_file), str(path))
    assert refused.returncode == 2 and "answers-ana.json" in refused.stderr and "NaN" in refused.stderr
    assert len(refused.stderr.splitlines()) == 1
    # In CSV a missing learner is empty or the text "NaN": the rows are graded under the file's name.
    table = tmp_path / "answers-ben.csv"
    table.write_text("learner,case,question,answer\nNaN,one,nodal_category,pN1mi\n,two,axilla,no_alnd\n")
    report = graded(case_file, table)
    assert learner(report, "ben")["correct"] == 2
    assert any("says 'NaN'" in n["message"] for n in report["notes"])


def test_answer_files_are_read_through_the_bounded_reader(case_file, tmp_path):
    huge = tmp_path / "answers-ana.json"
    huge.write_text('{"answers": [{"case": "one", "question": "axilla", "answer": ' + "9" * 5000 + "}]}")
    long = tmp_path / "answers-ben.csv"
    long.write_text("case,question,answer\none,axilla," + "x" * 140_000 + "\n")
    for path, message in [(huge, "4,300 digits"), (long, "field larger")]:
        result = run_cli("exercise", "grade", str(case_file), str(path))
        assert result.returncode == 2 and message in result.stderr and path.name in result.stderr, result.stderr
        assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr


@pytest.mark.parametrize("learner_value", [3, ["x"], {"a": 1}, True])
def test_an_odd_learner_field_is_reported_and_graded_under_the_file_name(case_file, tmp_path, learner_value):
    report = graded(case_file, answers_file(tmp_path, "ana", [RIGHT], learner=learner_value))
    assert learner(report, "ana")["correct"] == 1 and "is not text" in report["notes"][0]["message"]


def test_unknown_cases_and_questions_are_reported_and_left_out(case_file, tmp_path):
    rows = [RIGHT, row("nine", "axilla", "no_alnd"), row("three", "systemic", "endocrine"), row("one", 5, "x")]
    report = graded(case_file, answers_file(tmp_path, "ana", rows))
    assert learner(report, "ana")["correct"] == 1
    messages = " | ".join(n["message"] for n in report["notes"])
    assert "unknown case 'nine'" in messages and "'systemic' is not asked in case three" in messages
    assert "5 is not asked in case one" in messages


def test_a_file_with_no_answer_for_the_set_is_refused_in_one_line(case_file, tmp_path):
    path = answers_file(tmp_path, "ana", [row("nine", "axilla", "no_alnd")])
    result = run_cli("exercise", "grade", str(case_file), str(path))
    assert result.returncode == 2 and len(result.stderr.splitlines()) == 1
    assert "answers-ana.json" in result.stderr and "wrong set" in result.stderr and "Traceback" not in result.stderr


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(case_file, tmp_path):
    evil = '=HYPERLINK("http://x","click")'
    out = tmp_path / "out"
    path = answers_file(tmp_path, "-ana", [row("one", "axilla", evil), RIGHT])
    result = run_cli("exercise", "grade", str(case_file), str(path), "--report", str(out))
    assert result.returncode == 0, result.stderr
    for name in ("grades.csv", "answers.csv"):
        cells = [cell for r in csv.reader(io.StringIO((out / name).read_text())) for cell in r]
        assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")], name
    answers = list(csv.DictReader(io.StringIO((out / "answers.csv").read_text())))
    assert "'" + evil in [a["answer"] for a in answers] and "'-ana" in [a["learner"] for a in answers]


def test_report_refuses_a_folder_that_is_not_empty_without_force(case_file, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    path = answers_file(tmp_path, "ana", [RIGHT])
    refused = run_cli("exercise", "grade", str(case_file), str(path), "--report", str(out))
    assert refused.returncode == 2 and "--force" in refused.stderr and len(refused.stderr.splitlines()) == 1
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]
    forced = run_cli("exercise", "grade", str(case_file), str(path), "--report", str(out), "--force")
    assert forced.returncode == 0 and (out / "report.html").exists() and (out / "notes.txt").read_text() == "mine"
    a_file = run_cli("exercise", "grade", str(case_file), str(path), "--report", str(out / "notes.txt"))
    assert a_file.returncode == 2 and "is a file" in a_file.stderr


# --------------------------------------------------------------------------- a whole class


def make_class(folder, seed=4):
    """A class of answer files with duplicates and gaps, and the scores worked out independently."""
    cases = random_cases(4, seed=seed)
    set_path = folder / "set.yaml"
    set_path.write_text(cases.to_yaml())
    rng = random.Random(seed)
    expected, last = {}, {}
    for name in ["ana", "ben", "chloe", "dev", "eli", "fay"]:
        rows, mine = [], {}
        for case in cases.cases:
            for kind in case.ask:
                if rng.random() < 0.15:  # a gap: the question is left out
                    continue
                asked = ask(kind, case.patient, cases.ruleset)
                right = asked.accepted
                answer = rng.choice([right[0], rng.choice([c.value for c in asked.choices])])
                rows.append(row(case.id, kind, answer))
                mine[(case.id, kind)] = answer in right
                if rng.random() < 0.1:  # answered again: the last answer counts
                    again = rng.choice([c.value for c in asked.choices])
                    rows.append(row(case.id, kind, again))
                    mine[(case.id, kind)] = again in right
        expected[name] = sum(mine.values())
        last[name] = answers_file(folder, name, rows)
    asked = sum(len(c.ask) for c in cases.cases)
    return set_path, last, expected, asked


def test_a_class_is_graded_into_a_report_whose_numbers_add_up(tmp_path):
    set_path, files, expected, asked = make_class(tmp_path)
    out = tmp_path / "report"
    paths = [str(p) for p in files.values()] + [str(files["ana"])]  # one file handed in twice
    result = run_cli("exercise", "grade", str(set_path), *paths, "--report", str(out))
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) <= 24  # one screen, not a wall per learner
    assert "Hardest questions:" in result.stdout and "report.html" in result.stdout

    grades = {r["learner"]: r for r in csv.DictReader(io.StringIO((out / "grades.csv").read_text()))}
    assert {name: int(r["correct"]) for name, r in grades.items()} == expected
    assert {int(r["asked"]) for r in grades.values()} == {asked}
    ana_marks = [v for k, v in grades["ana"].items() if " · " in k]
    assert len(ana_marks) == asked and sum(v == "1" for v in ana_marks) == expected["ana"]

    data = json.loads((out / "grades.json").read_text())
    per_question = {(q["case"], q["question"]): q["correct"] for q in data["questions"]}
    assert sum(per_question.values()) == sum(expected.values())

    page = (out / "report.html").read_text()
    for name, score in expected.items():
        assert f"<td>{name}</td><td class='num'>{score} / {asked}</td>" in page
    assert "Item difficulty" in page and "Each learner" in page and "✓ right" in page and "✗ wrong" in page
    for code in ("no_alnd", "alnd_or_axillary_rt", "chemotherapy+endocrine", "whole_breast", "bone_agent"):
        assert code not in page, code  # learners' answers and questions are shown in words
    assert page.count("<svg") == 2 and "<script" not in page


def test_the_report_escapes_what_learners_and_case_files_write(tmp_path):
    cases = random_cases(1, seed=2)
    text = cases.to_yaml().replace("case-01", "<script>alert(1)</script>")
    set_path = tmp_path / "set.yaml"
    set_path.write_text(text)
    path = answers_file(tmp_path, "ana", [row("<script>alert(1)</script>", "axilla", "<img src=x onerror=alert(1)>")])
    out = tmp_path / "out"
    assert run_cli("exercise", "grade", str(set_path), str(path), "--report", str(out)).returncode == 0
    page = (out / "report.html").read_text()
    assert "<script>" not in page and "<img" not in page and "&lt;script&gt;" in page


def test_the_terminal_summary_without_report_points_to_it(tmp_path):
    set_path, files, expected, asked = make_class(tmp_path, seed=9)
    result = run_cli("exercise", "grade", str(set_path), *map(str, files.values()))
    assert result.returncode == 0 and "--report FOLDER" in result.stdout
    assert f"ana {expected['ana']}/{asked}" in result.stdout
    assert len(result.stdout.splitlines()) <= 24


def test_a_case_set_from_the_quiz_round_trips_through_grading(tmp_path):
    from micromets.exercises.quiz import Quiz

    cases = random_cases(2, seed=5)
    quiz = Quiz(cases, learner="Ana López")
    plan = recommend(cases.cases[0].patient, cases.ruleset)
    quiz.answer("case-01", "axilla", ask("axilla", plan.patient, cases.ruleset).accepted[0])
    saved = quiz.export(tmp_path / "answers-AnaLópez.json")
    (tmp_path / "set.yaml").write_text(cases.to_yaml())
    report = graded(tmp_path / "set.yaml", saved)
    assert learner(report, "AnaLópez")["correct"] == 1 and report["notes"] == []


def test_a_60_question_report_leads_with_tables_grouped_by_case_and_by_part_of_the_plan():
    from micromets.exercises.grading import grade_class
    from micromets.exercises.report import class_summary, report_html

    from ..conftest import simulated_answers

    cases = random_cases(12, seed=7)  # 12 cases × 5 questions
    files = simulated_answers(cases, [f"l{i:02d}" for i in range(15)], 0.6, seed=3)
    page = report_html(class_summary(grade_class(cases, files)))
    glance = page.split("At a glance", 1)[1].split("<details>", 1)[0]
    assert "by case and part of the plan" in glance and "case by case" in glance
    assert glance.count("<tr>") >= 12 + 15 and "<svg" not in glance  # tables to read, not 60 tiny columns
    assert glance.count("<th scope='col'>Axilla</th>") == 1  # one column per part of the plan, not per question
    folded = page.split("<details><summary>Every answer", 1)[1]
    assert folded.count("<svg") == 2  # the full grid and the difficulty chart: a click away
