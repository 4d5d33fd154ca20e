"""Binder and the README: one-click launch files that parse, pins that agree, links that point right."""

import os
import re
import subprocess
import sys
from pathlib import Path

from ..conftest import REPO


def pins(path: Path) -> dict[str, str]:
    found = {}
    for line in path.read_text().splitlines():
        match = re.match(r"^([A-Za-z0-9_.-]+)==(\S+)$", line.strip())
        if match:
            found[match.group(1).lower()] = match.group(2)
    return found


def test_binder_pins_agree_with_the_learners_requirements():
    binder, learner, tests = (
        pins(REPO / "binder/requirements.txt"),
        pins(REPO / "requirements.txt"),
        pins(REPO / "tests/requirements.txt"),
    )
    for name, version in binder.items():
        assert learner.get(name, tests.get(name)) == version, name
    assert {"jupyterlab", "ipywidgets", "matplotlib", "pyyaml", "voila"} <= set(binder)
    assert "playwright" not in binder, "the browser stack stays out of the learner's image"


def test_binder_runs_python_311_and_installs_the_package():
    assert (REPO / "binder/runtime.txt").read_text().strip() == "python-3.11"
    post = REPO / "binder/postBuild"
    assert os.access(post, os.X_OK) and "pip install --no-deps" in post.read_text()


def test_repo2docker_reads_the_binder_folder():
    result = subprocess.run(
        [sys.executable, "-m", "repo2docker", "--no-build", "--debug", str(REPO)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    dockerfile = result.stdout + result.stderr
    assert "python=3.11" in dockerfile and 'pip install --no-cache-dir -r "binder/requirements.txt"' in dockerfile
    assert "./binder/postBuild" in dockerfile


def test_readme_has_two_quick_start_commands_and_the_links():
    readme = (REPO / "README.md").read_text()
    # The two quick-start commands (install and open; install and test), before the developer's quick loop.
    quick = readme.split("## Quick start", 1)[1].split("## For trainees", 1)[0].split("quick loop", 1)[0]
    commands = re.findall(r"```bash\n(.+?)\n```", quick, flags=re.S)
    assert len(commands) == 2 and all("\n" not in c for c in commands)
    assert "jupyter lab notebooks/00_start_here.ipynb" in commands[0]
    assert "pytest" in commands[1]
    assert commands[1] in (REPO / ".ci/run").read_text(), ".ci/run runs the README's test command"
    assert "urlpath=lab/tree/notebooks/00_start_here.ipynb" in readme
    assert "urlpath=voila/render/notebooks/explorer.ipynb" in readme
    assert "nbgitpuller" in readme and "git-pull?repo=" in readme
    assert "For education only" in readme
