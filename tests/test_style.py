"""The code keeps one style: ruff's lint rules and formatter, configured in pyproject.toml."""

import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import REPO


def _ruff() -> str:
    # The venv's ruff sits beside its python; tests/requirements.txt pins it.
    found = Path(sys.executable).with_name("ruff")
    return str(found) if found.exists() else (shutil.which("ruff") or "ruff")


def test_ruff_lint_passes():
    result = subprocess.run([_ruff(), "check", "--no-cache", "."], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_is_applied():
    result = subprocess.run([_ruff(), "format", "--check", "--no-cache", "."], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, "run `ruff format .`:\n" + result.stdout + result.stderr


def test_every_noqa_gives_its_reason():
    bare = []
    for path in REPO.glob("**/*.py"):
        if {".venv", "build"} & set(path.parts):  # a virtualenv, or the copy a wheel build leaves
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if "# noqa" in line and line.rstrip().endswith(("# noqa", "E402", "E731", "E501")):
                bare.append(f"{path.relative_to(REPO)}:{number}")
    assert not bare, "noqa without a reason: " + ", ".join(bare)
