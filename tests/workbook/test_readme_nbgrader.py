"""The README's nbgrader commands, run as written: one shell session in a folder laid out like the clone
after the quick start (``.venv`` is this test run's environment), from the release to an autograde."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import REPO


def nbgrader_block() -> list[str]:
    """The README's nbgrader session: the bash block that starts by putting the venv's bin on PATH."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = [b for b in re.findall(r"```bash\n(.+?)\n\s*```", readme, flags=re.S) if b.startswith("export PATH=")]
    assert len(blocks) == 1, "the README has one nbgrader session block"
    lines = [line for line in blocks[0].splitlines() if line.strip()]
    assert any("nbgrader generate_assignment" in line for line in lines)
    assert any("nbgrader autograde" in line for line in lines)
    assert "micromets exercise grade" in lines[-1], "the block ends on the grade to record (read without running)"
    return lines


def test_the_nbgrader_block_puts_the_venvs_bin_first_on_path():
    # nbgrader runs `alembic` by name: without the venv's bin on PATH, generate_assignment fails.
    assert nbgrader_block()[0].startswith('export PATH="$PWD/.venv/bin:$PATH"')


@pytest.mark.slow
@pytest.mark.kernel
def test_the_readmes_nbgrader_commands_run_as_written(tmp_path):
    (tmp_path / ".venv").symlink_to(Path(sys.prefix), target_is_directory=True)
    made = subprocess.run(
        [".venv/bin/python", "-m", "micromets", "exercise", "random", "--n", "3", "--seed", "7", "-o", "week3.yaml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert made.returncode == 0, made.stderr
    lines = nbgrader_block()
    autograde = next(i for i, line in enumerate(lines) if "nbgrader autograde" in line)
    setup, grade = lines[:autograde], [lines[0], *lines[autograde:]]

    def session(commands):
        script = "set -euo pipefail\n" + "\n".join(commands)
        return subprocess.run(["bash", "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=900)

    released = session(setup)
    assert released.returncode == 0, released.stdout[-1500:] + released.stderr[-2500:]
    release = tmp_path / "course" / "release" / "week3" / "exercise.ipynb"
    assert release.exists() and "BEGIN SOLUTION" not in release.read_text(encoding="utf-8")
    # A learner hands the release back (unanswered: the score is not what this test is about).
    submitted = tmp_path / "course" / "submitted" / "ana" / "week3"
    submitted.mkdir(parents=True)
    shutil.copy(release, submitted / "exercise.ipynb")
    graded = session(grade)
    assert graded.returncode == 0, graded.stdout[-1500:] + graded.stderr[-2500:]
    assert (tmp_path / "course" / "autograded" / "ana" / "week3" / "exercise.ipynb").exists()
    # The grade to record is read from the submitted notebooks without running them.
    assert "ana" in (tmp_path / "week3-report" / "grades.csv").read_text(encoding="utf-8")
