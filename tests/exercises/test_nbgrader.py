"""nbgrader: ``exercise build --nbgrader`` writes a source assignment that nbgrader itself releases and
autogrades, to the same score as micromets' own grading; hostile case text stays text."""

import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbgrader.api import Gradebook

from micromets.exercises.cases import Case, CaseSet, random_cases
from micromets.exercises.nbgrader import build_nbgrader
from micromets.exercises.questions import ask

from ..conftest import run_cli

STUB = "# YOUR CODE HERE\nraise NotImplementedError()"


def nbgrader(*args, cwd):
    # nbgrader runs its database migrations with the `alembic` script of its own environment.
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = subprocess.run(
        [sys.executable, "-m", "nbgrader", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return result


def test_source_notebook_carries_valid_nbgrader_metadata(tmp_path):
    cases = random_cases(3, seed=2)
    nb = nbformat.read(build_nbgrader(cases, tmp_path), as_version=4)
    meta = [c.metadata["nbgrader"] for c in nb.cells if "nbgrader" in c.metadata]
    ids = [m["grade_id"] for m in meta]
    assert len(ids) == len(set(ids))
    graded = [m for m in meta if m["grade"]]
    assert len(graded) == sum(len(c.ask) for c in cases.cases) and {m["points"] for m in graded} == {1}
    assert all(m["locked"] and not m["solution"] for m in graded)
    solutions = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution")]
    assert len(solutions) == len(graded) and all("### BEGIN SOLUTION" in c.source for c in solutions)
    assert all("### BEGIN HIDDEN TESTS" in c.source for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade"))


@pytest.mark.kernel
def test_source_notebook_runs_its_own_solutions_to_full_marks_and_keeps_hostile_text_as_text(tmp_path):
    # (control characters are refused in a case set since issue 21: test_exercise_safety covers them)
    hostile = '"] if open("pwned","w") else [" \\N \\u12 ``` <script>alert(1)</script> {x} %%bash'
    base = random_cases(1, seed=2)
    case = Case(hostile, hostile + "\nos.system('touch pwned')", base.cases[0].patient, base.cases[0].ask)
    path = build_nbgrader(CaseSet(hostile, base.ruleset, (case,)), tmp_path)
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    assert not (tmp_path / "pwned").exists()
    checks = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")]
    printed = ["".join(o.text for o in c.outputs if o.get("name") == "stdout") for c in checks]
    assert printed == ["✔ right\n"] * len(case.ask)
    assert not [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    heading = next(c.source for c in nb.cells if c.cell_type == "markdown" and c.source.startswith("## "))
    assert "<script>" not in heading and "&lt;script&gt;" in heading


@pytest.mark.slow
@pytest.mark.kernel
def test_nbgrader_releases_and_autogrades_to_micromets_score(tmp_path):
    course = tmp_path / "course"
    (course / "source").mkdir(parents=True)
    (course / "nbgrader_config.py").write_text('c = get_config()\nc.CourseDirectory.course_id = "micromets"\n')
    cases = random_cases(3, seed=6)
    set_path = tmp_path / "set.yaml"
    set_path.write_text(cases.to_yaml())
    built = run_cli("exercise", "build", str(set_path), "-o", str(course / "source" / "week3"), "--nbgrader")
    assert built.returncode == 0, built.stderr
    nbgrader("generate_assignment", "week3", cwd=course)
    release = nbformat.read(course / "release" / "week3" / "exercise.ipynb", as_version=4)
    assert "BEGIN SOLUTION" not in str(release) and "sheet.check" not in str(release)  # no answer key handed out

    # A learner answers: choice 1 everywhere except every third question, which is left out.
    asked = [(case, kind) for case in cases.cases for kind in case.ask]
    rows, number = [], 0
    for cell in release.cells:
        if STUB in cell.source:
            case, kind = asked[number]
            if number % 3 != 2:
                cell.source = cell.source.replace(STUB, "answer = 1")
                rows.append(
                    {
                        "case": case.id,
                        "question": kind,
                        "answer": ask(kind, case.patient, cases.ruleset).choices[0].value,
                    }
                )
            number += 1
    assert number == len(asked)
    submitted = course / "submitted" / "ana" / "week3"
    submitted.mkdir(parents=True)
    nbformat.write(release, submitted / "exercise.ipynb")
    # Issue 21: two learners answer every question wrong, with code in their answer cells. Ben
    # rewrites AnswerSheet.check (the audit's attack: the hidden checks no longer call it); Eve
    # makes every recorded answer compare equal to anything, which fools any check in her kernel.
    attacks = {
        "ben": "import micromets.exercises.nbgrader as _m\n_m.AnswerSheet.check = lambda self, i, k: print('ok')\n",
        "eve": "class _Any(str):\n    __eq__ = lambda self, other: True\n    __hash__ = str.__hash__\n"
        "sheet.given = type('D', (dict,), {'get': lambda self, *a: _Any()})()\n",
    }
    for name, attack in attacks.items():
        copy = nbformat.read(course / "release" / "week3" / "exercise.ipynb", as_version=4)
        number = 0
        for cell in copy.cells:
            if STUB in cell.source:
                case, kind = asked[number]
                asked_now = ask(kind, case.patient, cases.ruleset)
                wrong = next(i for i, c in enumerate(asked_now.choices, 1) if c.value not in asked_now.accepted)
                cell.source = cell.source.replace(STUB, f"{attack}answer = {wrong}")
                number += 1
        (course / "submitted" / name / "week3").mkdir(parents=True)
        nbformat.write(copy, course / "submitted" / name / "week3" / "exercise.ipynb")
    for name in ("ana", *attacks):
        nbgrader("db", "student", "add", name, cwd=course)
    nbgrader("autograde", "week3", cwd=course)
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        kernel = {name: gradebook.find_submission("week3", name).score for name in ("ana", *attacks)}
        possible = gradebook.find_submission("week3", "ana").max_score

    answers = tmp_path / "answers-ana.json"
    answers.write_text(json.dumps({"answers": rows}))
    graded = run_cli("exercise", "grade", str(set_path), str(answers), "--json")
    ana = json.loads(graded.stdout)["learners"][0]
    assert 0 < ana["correct"] < len(asked)  # a score that can tell a wrong count from a right one
    assert (kernel["ana"], possible) == (ana["correct"], ana["asked"])
    assert kernel["ben"] == 0 and kernel["eve"] == possible  # Eve fools nbgrader: its score is formative

    # The recorded grade reads the notebooks without running them: the same for Ana, nothing for the attacks.
    for folder in ("submitted", "autograded"):
        graded = run_cli("exercise", "grade", str(set_path), str(course / folder), "--json")
        assert graded.returncode == 0, graded.stderr
        result = json.loads(graded.stdout)
        scores = {row["learner"]: row["correct"] for row in result["learners"]}
        assert scores == {"ana": ana["correct"], "ben": 0, "eve": 0}
        flagged = {n["where"].split("/")[-3] for n in result["notes"] if n["message"].startswith("flagged")}
        assert flagged == {"ben", "eve"}
        differ = [n["where"] for n in result["notes"] if n["message"].startswith("nbgrader scored")]
        assert len(differ) == (1 if folder == "autograded" else 0) and (not differ or "/eve/" in differ[0])
