"""The notebooks as stored: generated from their sources, clean in git, and built like chapters of one course.

(They are executed under nbval by the same test command: see `--nbval-lax` in pyproject.toml.)
"""

import json
import re
import subprocess
import sys

import pytest

from ..conftest import REPO

NOTEBOOKS = sorted((REPO / "notebooks").rglob("*.ipynb"))
CHAPTERS = [p for p in NOTEBOOKS if p.parent.name == "notebooks" and p.name[:2].isdigit()]


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def test_the_course_has_its_chapters_and_instructor_notebooks():
    names = [p.name for p in CHAPTERS]
    assert [n[:2] for n in names] == ["00", "01", "02", "03", "04", "05", "06", "07"]
    assert {"running_a_session.ipynb", "building_exercises.ipynb"} <= {p.name for p in NOTEBOOKS}
    assert (REPO / "notebooks" / "explorer.ipynb").exists()


def test_every_chapter_is_in_the_map_of_chapter_00_and_the_readme_table():
    # A chapter nobody can find from the start page or the README is a chapter nobody reads.
    start = "\n".join("".join(c["source"]) for c in load(CHAPTERS[0])["cells"])
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for chapter in CHAPTERS[1:]:
        assert f"]({chapter.name})" in start, f"{chapter.name} is missing from the map in {CHAPTERS[0].name}"
        assert f"`{chapter.stem}`" in readme, f"{chapter.stem} is missing from the README's chapter table"


@pytest.mark.slow
def test_stored_notebooks_match_their_sources():
    result = subprocess.run(
        [sys.executable, str(REPO / "notebooks" / "_source" / "build.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_clean_in_git(path):
    nb = load(path)
    text = path.read_text(encoding="utf-8")
    assert "widgets" not in nb["metadata"], "widget state is stripped"
    assert not re.search(r"/(root|home|tmp|work|Users)/", text), "no machine paths"
    assert path.stat().st_size < 100_000, "no huge embedded outputs"
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        assert "NBVAL" not in source, "the nbval marker is a cell tag, not a comment a learner reads"
        if "nbval-check-output" in cell["metadata"].get("tags", []):
            assert cell["outputs"] and cell["execution_count"], "checked cells keep the output nbval compares"
            assert all(o["output_type"] != "display_data" for o in cell["outputs"])
        else:
            assert cell["outputs"] == [] and cell["execution_count"] is None, "no stray outputs or counts"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_each_chapter_reads_as_part_of_one_course(path):
    nb = load(path)
    markdown = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    assert "For education only" in markdown
    assert "Learning objectives" in markdown and "Key references" in markdown
    first, last = "".join(nb["cells"][0]["source"]), "".join(nb["cells"][-1]["source"])
    assert "navigation" in first and first == last and "Contents" in first
    assert "Question(" in code or "Quiz(" in code, "every chapter has check-yourself questions"
    checked = [c for c in nb["cells"] if "nbval-check-output" in c["metadata"].get("tags", [])]
    assert checked or path.name.startswith("05"), "a worked example is checked"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_every_self_check_keeps_its_code_and_answer_out_of_sight(path):
    # The code that builds a check-yourself question passes its answer (answer=, why=): in
    # JupyterLab it would sit in plain sight right above the question unless it is collapsed.
    cells = [c for c in load(path)["cells"] if c["cell_type"] == "code"]
    self_checks = [c for c in cells if any(call in "".join(c["source"]) for call in ("Question(", "ask_about("))]
    assert self_checks or path.name.startswith("05"), "every chapter has a self-check"
    for cell in self_checks:
        assert cell["metadata"].get("jupyter", {}).get("source_hidden") is True, "".join(cell["source"])[:80]


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_a_chapters_text_reads_in_words(path):
    # What a learner reads between the cells: no code, node id, citation id or curator's note (a
    # `command` in backticks is for typing, so it is left out).
    from .test_notebook_outputs import words_problems

    for number, cell in enumerate(load(path)["cells"]):
        if cell["cell_type"] == "markdown":
            text = re.sub(r"```.*?```|`[^`]*`", "", "".join(cell["source"]), flags=re.S)
            assert words_problems(text) == [], f"cell {number}"
