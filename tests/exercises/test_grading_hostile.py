"""Issue 21: grades no learner code can raise, nothing lost on a failed run, bounded grading.

Each test reproduces a finding of the second hostile audit against ``exercise grade``,
``exercise build``, ``exercise random`` and ``flowchart`` (the CLI runs in-process through
the fuzz harness, which asserts exit 0 or one line and exit 2, and what was written).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import nbformat
import pytest

from micromets.exercises.cases import random_cases
from micromets.exercises.grading import MAX_ANSWER_ROWS
from micromets.exercises.nbgrader import nbgrader_notebook
from micromets.exercises.questions import ask
from micromets.exercises.submitted import MAX_LEARNER_FILES, read_answer_cell

from ..fuzzing import check_outcome, files_in, run_main

STUB = "# YOUR CODE HERE\nraise NotImplementedError()"
ATTACK = (
    "import micromets.exercises.nbgrader as _m\n"
    "_m.AnswerSheet.check = lambda self, i, k: print('✔ right')\n"
    "answer = {n}"
)


def cases_file(folder: Path, n: int = 2, seed: int = 6):
    cases = random_cases(n, seed=seed)
    (folder / "set.yaml").write_text(cases.to_yaml(), encoding="utf-8")
    return cases


def released(cases) -> nbformat.NotebookNode:
    """The notebook a learner receives from ``nbgrader generate_assignment``: solutions become stubs,
    hidden tests are removed (done here as nbgrader does it, without running nbgrader)."""
    nb = nbgrader_notebook(nbformat.v4.new_notebook(), cases)
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution"):
            head, _, rest = cell.source.partition("### BEGIN SOLUTION\n")
            _, _, tail = rest.partition("### END SOLUTION\n")
            cell.source = head + STUB + "\n" + tail
        if "### BEGIN HIDDEN TESTS" in cell.source:
            cell.source = cell.source.split("### BEGIN HIDDEN TESTS")[0].rstrip()
    return nb


def answered(cases, fill) -> nbformat.NotebookNode:
    """The released notebook with each answer cell's stub replaced by ``fill(number, case, kind)``."""
    nb = released(cases)
    asked = [(case, kind) for case in cases.cases for kind in case.ask]
    number = 0
    for cell in nb.cells:
        if STUB in cell.source:
            case, kind = asked[number]
            number += 1
            cell.source = cell.source.replace(STUB, fill(number, case, kind))
    return nb


def wrong_choice(cases, case, kind) -> int:
    asked = ask(kind, case.patient, cases.rules)
    values = [c.value for c in asked.choices]
    return next(i for i, v in enumerate(values, 1) if v not in asked.accepted)


def grade(folder: Path, *args, allowed=frozenset()) -> tuple:
    before = files_in(folder)
    outcome = run_main(["exercise", "grade", "set.yaml", *args], folder)
    check_outcome(outcome, folder, before, allowed_writes=allowed)
    return outcome


# --------------------------------------------------------------------------- 1. grades no learner code can raise


def test_code_in_an_answer_cell_cannot_raise_the_recorded_grade(tmp_path):
    """The finding: an answer cell rewrote AnswerSheet.check, and nbgrader gave 10/10 for ten wrong answers."""
    cases = cases_file(tmp_path)
    honest = answered(cases, lambda n, case, kind: f"answer = {wrong_choice(cases, case, kind)}")
    attack = answered(cases, lambda n, case, kind: ATTACK.format(n=wrong_choice(cases, case, kind)))
    nbformat.write(honest, tmp_path / "answers-honest.ipynb")
    nbformat.write(attack, tmp_path / "answers-attack.ipynb")
    outcome = grade(tmp_path, "answers-honest.ipynb", "answers-attack.ipynb", "--json")
    assert outcome.code == 0, outcome.stderr
    result = json.loads(outcome.stdout)
    scores = {row["learner"]: (row["correct"], row["asked"]) for row in result["learners"]}
    asked = sum(len(c.ask) for c in cases.cases)
    assert scores == {"honest": (0, asked), "attack": (0, asked)}
    flags = [n for n in result["notes"] if "answers-attack.ipynb answer cell" in n["where"]]
    assert len(flags) == 2 * asked and all(n["message"].startswith("flagged, not run") for n in flags)
    assert not [n for n in result["notes"] if "answers-honest" in n["where"]]


def test_an_attack_is_flagged_in_the_summary_and_the_report(tmp_path):
    cases = cases_file(tmp_path, n=1)
    attack = answered(cases, lambda n, case, kind: ATTACK.format(n=1))
    nbformat.write(attack, tmp_path / "answers-ana.ipynb")
    outcome = grade(tmp_path, "answers-ana.ipynb", "--report", "rep", allowed={f"rep/{n}" for n in REPORT})
    assert outcome.code == 0, outcome.stderr
    assert "Flagged: " in outcome.stdout and "never run" in outcome.stdout
    page = (tmp_path / "rep" / "report.html").read_text(encoding="utf-8")
    assert "answers-ana.ipynb answer cell 1" in page and "flagged, not run" in page


def test_the_report_says_when_nbgraders_score_differs(tmp_path):
    """An autograded notebook's checks carry outputs: nbgrader's in-kernel score is compared."""
    cases = cases_file(tmp_path, n=1)
    nb = nbgrader_notebook(nbformat.v4.new_notebook(), cases)  # the source: its hidden checks are present
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution"):  # every answer wrong, and every check "passed" as a rewritten check would
            case, kind = cases.cases[0], cell.source.split("'")[1]
            cell.source = f"answer = {wrong_choice(cases, case, kind)}\nsheet.record(0, {kind!r}, answer)"
        if meta.get("grade"):
            cell.execution_count = 1
            cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="✔ right\n")]
    folder = tmp_path / "autograded" / "ana" / "week3"
    folder.mkdir(parents=True)
    nbformat.write(nb, folder / "exercise.ipynb")
    outcome = grade(tmp_path, "autograded", "--json")
    assert outcome.code == 0, outcome.stderr
    result = json.loads(outcome.stdout)
    asked = len(cases.cases[0].ask)
    assert [(r["learner"], r["correct"]) for r in result["learners"]] == [("ana", 0)]
    differ = [n["message"] for n in result["notes"] if "nbgrader scored" in n["message"]]
    assert differ == [
        f"nbgrader scored {asked} / {asked} in the learner's kernel, but the answer cells read without running "
        f"them score 0 / {asked} (the grade recorded here); code in a notebook can change what its own checks say"
    ]


def test_an_nbgrader_submitted_folder_names_each_learner_by_their_folder(tmp_path):
    cases = cases_file(tmp_path, n=1)
    for name, choice in (("ana", "right"), ("ben", "wrong")):
        folder = tmp_path / "submitted" / name / "week3"
        folder.mkdir(parents=True)

        def fill(n, case, kind, choice=choice):
            asked = ask(kind, case.patient, cases.rules)
            values = [c.value for c in asked.choices]
            right = values.index(asked.accepted[0]) + 1
            return f"answer = {right if choice == 'right' else wrong_choice(cases, case, kind)}"

        nbformat.write(answered(cases, fill), folder / "exercise.ipynb")
    outcome = grade(tmp_path, "submitted", "--json")
    assert outcome.code == 0, outcome.stderr
    asked = len(cases.cases[0].ask)
    scores = {r["learner"]: r["correct"] for r in json.loads(outcome.stdout)["learners"]}
    assert scores == {"ana": asked, "ben": 0}


@pytest.mark.parametrize(
    ("source", "answer", "flagged"),
    [
        ("answer = 2", 2, 0),
        ("answer = 'no_alnd'", "no_alnd", 0),
        ("answer = 2\nsheet.record(0, 'axilla', answer)", 2, 0),
        ("answer = 2\nsheet.record(1, 'axilla', answer)", 2, 1),  # records for another question
        ("answer = int('2')", None, 1),
        ("answer = __import__('os').system('touch pwned')", None, 1),
        ("%time answer = 2", None, 1),
        ("answer = 2\nanswer = 3", 3, 0),
        ("answer = [2]", None, 1),
        ("answer = " + "9" * 5000, None, 1),
        ("answer = 2\n" + "(" * 500 + ")" * 500, None, 1),
        ("x = 1\nanswer = 2", 2, 1),
        (STUB, None, 0),
    ],
)
def test_an_answer_cell_is_parsed_never_run(tmp_path, source, answer, flagged):
    got, problems = read_answer_cell(source, 0, "axilla")
    assert (got, len(problems)) == (answer, flagged)
    assert not (tmp_path / "pwned").exists() and not Path("pwned").exists()


def test_a_quiz_notebook_without_answer_cells_is_refused_with_what_to_grade(tmp_path):
    from micromets.exercises.notebooks import student_notebook

    cases = cases_file(tmp_path, n=1)
    nbformat.write(student_notebook(cases), tmp_path / "answers-ana.ipynb")
    outcome = grade(tmp_path, "answers-ana.ipynb")
    assert outcome.code == 2 and "answers-NAME.json" in outcome.stderr


# --------------------------------------------------------------------------- 2. nothing lost on a failed run

REPORT = ("report.html", "grades.csv", "answers.csv", "grades.json")


def answers(folder: Path, name: str = "ana") -> str:
    path = folder / f"answers-{name}.json"
    path.write_text(json.dumps({"answers": []}), encoding="utf-8")
    return path.name


def test_a_learner_file_with_a_non_utf8_name_is_refused_up_front_and_nothing_is_lost(tmp_path):
    """The finding: exit 70 and an empty report.html (then blocking a rerun); the CSV and JSON kept the old run."""
    cases_file(tmp_path, n=1)
    first = grade(tmp_path, answers(tmp_path), "--report", "rep", allowed={f"rep/{n}" for n in REPORT})
    assert first.code == 0
    earlier = {n: (tmp_path / "rep" / n).read_bytes() for n in REPORT}
    bad = os.fsdecode(b"answers-\xff.json")
    (tmp_path / bad).write_text(json.dumps({"answers": []}), encoding="utf-8")
    again = grade(tmp_path, "answers-ana.json", bad, "--report", "rep", "--force")
    assert again.code == 2 and "not UTF-8" in again.stderr and "answers-\\udcff.json" in again.stderr
    assert {n: (tmp_path / "rep" / n).read_bytes() for n in REPORT} == earlier


def test_a_refused_report_run_leaves_no_empty_folder(tmp_path):
    cases_file(tmp_path, n=1)
    (tmp_path / "answers-ana.json").write_text("{not json", encoding="utf-8")
    outcome = grade(tmp_path, "answers-ana.json", "--report", "rep")
    assert outcome.code == 2 and not (tmp_path / "rep").exists()


@pytest.mark.parametrize("name", ["report.html", "grades.csv"])
def test_force_never_writes_through_a_planted_link(tmp_path, name):
    """The finding: --force wrote through rep/report.html -> ../victim.txt."""
    cases_file(tmp_path, n=1)
    (tmp_path / "victim.txt").write_text("kept", encoding="utf-8")
    (tmp_path / "rep").mkdir()
    (tmp_path / "rep" / name).symlink_to("../victim.txt")
    outcome = grade(tmp_path, answers(tmp_path), "--report", "rep", "--force")
    assert outcome.code == 2 and "symbolic link" in outcome.stderr
    assert (tmp_path / "victim.txt").read_text(encoding="utf-8") == "kept"
    assert sorted(p.name for p in (tmp_path / "rep").iterdir()) == [name]  # nothing else written either


@pytest.mark.parametrize("out", ["link.svg", "LINK.SVG"])
def test_flowchart_force_never_writes_through_a_link(tmp_path, out):
    (tmp_path / "victim.txt").write_text("kept", encoding="utf-8")
    (tmp_path / out).symlink_to("victim.txt")
    before = files_in(tmp_path)
    outcome = run_main(["flowchart", "-o", out, "--force", "--ruleset", "seed-2025"], tmp_path)
    check_outcome(outcome, tmp_path, before)
    assert outcome.code == 2 and "symbolic link" in outcome.stderr
    assert (tmp_path / "victim.txt").read_text(encoding="utf-8") == "kept"


def test_a_failed_flowchart_export_keeps_the_earlier_file(tmp_path):
    (tmp_path / "slide.svg").write_text("an instructor's slide", encoding="utf-8")
    before = files_in(tmp_path)
    outcome = run_main(["flowchart", "-o", "slide.svg", "--force", "--view", "99", "--ruleset", "seed-2025"], tmp_path)
    check_outcome(outcome, tmp_path, before, allowed_writes={"slide.svg"})
    assert outcome.code == 2 and (tmp_path / "slide.svg").read_text(encoding="utf-8") == "an instructor's slide"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["slide.svg"]  # no temporary file left behind


def test_random_and_build_never_write_through_a_link(tmp_path):
    (tmp_path / "victim.txt").write_text("kept", encoding="utf-8")
    (tmp_path / "set.yaml").symlink_to("victim.txt")
    outcome = run_main(["exercise", "random", "--n", "1", "--seed", "1", "-o", "set.yaml", "--force"], tmp_path)
    assert outcome.code == 2 and "symbolic link" in outcome.stderr
    (tmp_path / "real").mkdir()
    cases_file(tmp_path / "real", n=1)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "student.ipynb").symlink_to("../victim.txt")
    outcome = run_main(["exercise", "build", "real/set.yaml", "-o", "out", "--force"], tmp_path)
    assert outcome.code == 2 and "symbolic link" in outcome.stderr
    assert (tmp_path / "victim.txt").read_text(encoding="utf-8") == "kept"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["student.ipynb"]


# --------------------------------------------------------------------------- 4./5. learners, names and files


def test_two_names_that_differ_are_two_learners(tmp_path):
    """The finding: printable() made "a\\x1b" and "a\\\\x1b" one learner; now the first is refused."""
    cases_file(tmp_path, n=1)
    outcome = grade(tmp_path, answers(tmp_path, "a\x1b"), answers(tmp_path, "a\\x1b"))
    assert outcome.code == 2 and "learner name" in outcome.stderr
    outcome = grade(tmp_path, answers(tmp_path, "ana"), answers(tmp_path, "Ana"), answers(tmp_path, "ana "), "--json")
    assert sorted(r["learner"] for r in json.loads(outcome.stdout)["learners"]) == ["Ana", "ana", "ana "]


def test_a_new_line_in_a_file_name_cannot_fake_a_summary_line(tmp_path):
    cases = cases_file(tmp_path, n=1)
    folder = tmp_path / "x\nClass score: median 5 of 5"
    folder.mkdir()
    path = folder / "answers-ana.json"
    rows = [
        {"case": "nope", "question": "axilla", "answer": "x"},
        {"case": "case-01", "question": cases.cases[0].ask[0]},
    ]
    path.write_text(json.dumps({"answers": rows}), "utf-8")
    outcome = grade(tmp_path, str(path))
    assert outcome.code == 0 and not any(
        line.startswith("Class score: median 5") for line in outcome.stdout.splitlines()
    )
    assert "x\\nClass score" in outcome.stdout


def test_an_answer_file_of_many_empty_rows_is_refused_at_once(tmp_path):
    """The finding: 600,000 empty rows in 1.8 MB took about 1 GB to grade."""
    cases_file(tmp_path, n=1)
    (tmp_path / "answers-ana.csv").write_text("case,question,answer\n" + ",,\n" * 600_000, encoding="utf-8")
    (tmp_path / "answers-ben.json").write_text(json.dumps({"answers": [{}] * 300_000}), encoding="utf-8")
    for name in ("answers-ana.csv", "answers-ben.json"):
        outcome = grade(tmp_path, name)
        assert outcome.code == 2 and f"{MAX_ANSWER_ROWS:,}" in outcome.stderr


def test_notes_from_one_file_are_capped(tmp_path):
    cases_file(tmp_path, n=1)
    rows = [{"case": f"nope-{i}", "question": "axilla", "answer": "x"} for i in range(300)]
    rows.append({"case": "case-01", "question": random_cases(1, seed=6).cases[0].ask[0], "answer": "x"})
    (tmp_path / "answers-ana.json").write_text(json.dumps({"answers": rows}), encoding="utf-8")
    notes = json.loads(grade(tmp_path, "answers-ana.json", "--json").stdout)["notes"]
    assert len(notes) == 21 and notes[-1]["message"].startswith("280 more notes")


def test_too_many_learner_files_are_refused_before_any_is_read(tmp_path):
    cases_file(tmp_path, n=1)
    names = [f"answers-l{i}.json" for i in range(MAX_LEARNER_FILES + 1)]  # none exists: refused before reading
    outcome = grade(tmp_path, *names)
    assert outcome.code == 2 and f"more than {MAX_LEARNER_FILES}" in outcome.stderr


def test_a_surrogate_escape_in_an_answer_file_is_refused_before_the_report(tmp_path):
    cases_file(tmp_path, n=1)
    (tmp_path / "answers-ana.json").write_text('{"answers": [{"case": "case-01", "answer": "\\udcff"}]}', "utf-8")
    outcome = grade(tmp_path, "answers-ana.json", "--report", "rep")
    assert outcome.code == 2 and "answers[0].answer" in outcome.stderr and not (tmp_path / "rep").exists()


def test_too_many_cases_in_a_set_are_refused(tmp_path):
    """The finding: 999 cases sharing one alias took 145 s; a set holds at most 500."""
    case = "{id: c, vignette: v, patient: {deposit_mm: 1, er: pos, pr: pos, her2: neg, menopause: post, surgery: bcs}}"
    text = "cases:\n" + "".join(f"  - {case.replace('id: c', f'id: c{i}')}\n" for i in range(501))
    (tmp_path / "set.yaml").write_text(text, encoding="utf-8")
    outcome = grade(tmp_path, answers(tmp_path))
    assert outcome.code == 2 and "at most 500" in outcome.stderr


def test_a_set_asking_too_many_questions_is_refused(tmp_path):
    kinds = "[nodal_category, axilla, systemic, radiation, bone_agent, stage_it]"
    case = "{id: c, vignette: v, patient: {deposit_mm: 1, er: pos, pr: pos, her2: neg, menopause: post, surgery: bcs}}"
    text = f"kinds: {kinds}\ncases:\n" + "".join(f"  - {case.replace('id: c', f'id: c{i}')}\n" for i in range(420))
    (tmp_path / "set.yaml").write_text(text, encoding="utf-8")
    outcome = grade(tmp_path, answers(tmp_path))
    assert outcome.code == 2 and "2,520 questions asked; a set asks at most 2,500" in outcome.stderr
    outcome = run_main(
        ["exercise", "random", "--n", "450", "--seed", "1", "-o", "x.yaml", "--kinds", kinds[1:-1]], tmp_path
    )
    assert outcome.code == 2 and "more than 2,500 questions" in outcome.stderr and not (tmp_path / "x.yaml").exists()


def test_answers_graded_at_once_are_bounded_before_any_file_is_read(tmp_path):
    cases_file(tmp_path, n=120)  # 600 questions
    names = [f"answers-l{i}.json" for i in range(420)]  # none exists: refused before reading
    outcome = grade(tmp_path, *names)
    assert outcome.code == 2 and "at most 250,000 are graded at once" in outcome.stderr


def test_the_report_leaves_out_figures_too_big_to_draw_and_says_so(tmp_path):
    import time

    from micromets.exercises.grading import AnswerFile, grade_class
    from micromets.exercises.report import FIGURE_CELLS, class_summary, report_html

    cases = random_cases(40, seed=1)  # 200 questions
    files = [
        AnswerFile(f"answers-l{i}.json", [{"case": "case-01", "question": cases.cases[0].ask[0]}]) for i in range(30)
    ]
    summary = class_summary(grade_class(cases, files))
    assert len(summary.learners) * len(summary.questions) > FIGURE_CELLS
    start = time.perf_counter()
    page = report_html(summary)
    assert time.perf_counter() - start < 30 and "Not drawn: 30 learners × 200 questions" in page


@pytest.mark.parametrize("extra", [[], ["--json"]])
def test_a_learners_answer_never_drives_the_terminal(tmp_path, extra):
    """A learner's answer is quoted in the summary ("most chose …") and in the JSON: escaped, on one line."""
    cases = cases_file(tmp_path, n=1)
    answer = "\x1b[2J\x9b31m\u202eevil\nClass score: median 5 of 5"
    rows = [{"case": "case-01", "question": cases.cases[0].ask[0], "answer": answer}]
    (tmp_path / "answers-ana.json").write_text(json.dumps({"answers": rows}), encoding="utf-8")
    outcome = grade(tmp_path, "answers-ana.json", *extra)  # the harness refuses any raw control character
    assert outcome.code == 0 and "evil" in outcome.stdout
    assert not any(line.startswith("Class score: median 5") for line in outcome.stdout.splitlines())
    if extra:
        assert json.loads(outcome.stdout)["learners"][0]["answers"][0]["answer"] == answer


def test_a_very_long_learner_name_leaves_the_answer_grid_readable(tmp_path):
    """A learner's name is whatever their file said: cut to fit, it cannot squeeze the grid's cells
    to nothing (matplotlib warned "axes sizes collapsed to zero" for a 200-character name)."""
    import warnings

    from micromets.exercises.grading import AnswerFile, grade_class
    from micromets.exercises.report import class_summary, grid_figure

    cases = random_cases(1, seed=6)
    rows = [{"case": "case-01", "question": cases.cases[0].ask[0], "answer": "x"}]
    summary = class_summary(grade_class(cases, [AnswerFile("answers-a.json", rows, learner="a" * 200 + "-z")]))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a collapsed layout is a warning
        figure = grid_figure(summary)
        figure.canvas.draw()
    label = figure.axes[0].get_yticklabels()[0].get_text()
    assert label.startswith("aaa") and label.endswith("a-z") and "…" in label and len(label) <= 28
    cell = figure.axes[0].get_window_extent()
    assert cell.width > 100 and cell.height > 20  # pixels: the grid still has room for its cells
