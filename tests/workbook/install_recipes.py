"""Where a class runs, built as the class gets it: helpers for tests/workbook/test_install_binder.py and
tests/workbook/test_install_hub.py.

For each recipe a fresh virtual environment is built from a copy of the checkout with the recipe's
commands and nothing else (Binder: ``pip install -r binder/requirements.txt``, then ``binder/postBuild``,
as repo2docker runs them; the hub: the README's command, read from the README), with that
environment's ``bin`` folder first on ``PATH``. In it, the package must be a regular install (not a
link to the checkout) with its Jupyter settings, every notebook (chapters, explorer, instructor) must
run top to bottom with that environment's own kernel, and its Voila must serve an explorer that
Chromium draws. One build per recipe serves all its checks (a module-scoped fixture).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from ..conftest import REPO
from .test_browser import ARTIFACTS, explorer_page

# As repo2docker runs them (tests/workbook/test_binder.py checks that its Dockerfile has these two steps).
BINDER_STEPS = ("pip install -r binder/requirements.txt", "./binder/postBuild")
# What neither a hub image nor Binder holds: the developer's own folders.
NOT_COPIED = {".git", ".venv", "build", "test-artifacts", "session-output", "__pycache__", ".pytest_cache"}


def hub_recipe(text: str) -> str:
    """The JupyterHub install command in a text (the README or running_a_session), spaces normalised.

    >>> hub_recipe("install it with `pip install -r binder/requirements.txt && pip install --no-deps .` then")
    'pip install -r binder/requirements.txt && pip install --no-deps .'
    """
    found = re.findall(r"`(pip install -r [^`]+)`", text)
    assert len(found) == 1, f"expected one `pip install -r ...` command, found {found}"
    return re.sub(r"\s+", " ", found[0])


def readme_hub_steps() -> tuple[str, ...]:
    """The README's JupyterHub install command (the bullet "Larger classes: your own JupyterHub")."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    hub = readme.split("your own JupyterHub", 1)[1].split("\n- **", 1)[0]
    return (hub_recipe(hub),)


@dataclass
class Built:
    """An environment built by one recipe: its venv, the copy of the checkout it was built from, its variables."""

    recipe: str
    venv: Path
    repo: Path
    env: dict

    def python(self, *args: str, cwd: Path, timeout: int = 1800) -> subprocess.CompletedProcess:
        """Run this environment's python with this environment's variables."""
        command = [str(self.venv / "bin" / "python"), *args]
        return subprocess.run(command, cwd=cwd, env=self.env, capture_output=True, text=True, timeout=timeout)


def copy_checkout(target: Path) -> Path:
    """Copy the checkout (what a clone holds, and uncommitted edits) without the developer's folders."""

    def ignored(folder, names):
        return [n for n in names if n in NOT_COPIED or n.endswith(".egg-info")]

    shutil.copytree(REPO, target, ignore=ignored, symlinks=True)
    return target


def python_311() -> str:
    """The interpreter binder/runtime.txt asks for (python-3.11)."""
    found = shutil.which("python3.11")
    if found:
        return found
    assert sys.version_info[:2] == (3, 11), "needs Python 3.11 (binder/runtime.txt)"
    return sys.executable


def clean_env(venv: Path, home: Path) -> dict:
    """The variables of a fresh image: the venv's bin folder first on PATH, then the system's (nothing
    of the test run's own environment), and Jupyter, IPython and matplotlib folders of its own.
    The machine's PIP_* settings (how it reaches the package index) and HOME (pip's cache) are kept."""
    keep = {k: v for k, v in os.environ.items() if k.startswith("PIP_") or k in ("HOME", "LANG", "LC_ALL", "TMPDIR")}
    return {
        **keep,
        "PATH": os.pathsep.join([str(venv / "bin"), "/usr/local/bin", "/usr/bin", "/bin"]),
        "JUPYTER_CONFIG_DIR": str(home / "jupyter-config"),
        "JUPYTER_DATA_DIR": str(home / "jupyter-data"),
        "JUPYTER_RUNTIME_DIR": str(home / "jupyter-runtime"),
        "IPYTHONDIR": str(home / "ipython"),
        "MPLCONFIGDIR": str(home / "matplotlib"),
    }


def build(recipe: str, steps: tuple[str, ...], folder: Path) -> Built:
    """A fresh venv in ``folder``, then each of ``steps`` run by bash in a copy of the checkout."""
    repo = copy_checkout(folder / "repo")
    venv = folder / "venv"
    subprocess.run([python_311(), "-m", "venv", str(venv)], check=True, timeout=300)
    env = clean_env(venv, folder / "home")
    for step in steps:
        result = subprocess.run(["bash", "-c", step], cwd=repo, env=env, capture_output=True, text=True, timeout=1800)
        assert result.returncode == 0, f"{recipe}: `{step}` failed:\n{result.stderr[-3000:]}"
    return Built(recipe, venv, repo, env)


def check_installed_not_linked(built: Built) -> None:
    """The package imports from the venv (not the checkout) and its Jupyter settings are installed."""
    where = built.python("-c", "import micromets; print(micromets.__file__)", cwd=built.venv)
    assert where.returncode == 0, where.stderr[-2000:]
    assert Path(where.stdout.strip()).is_relative_to(built.venv), f"{built.recipe}: imports {where.stdout}"
    settings = built.venv / "etc" / "jupyter" / "jupyter_server_config.json"
    assert settings.exists(), f"{built.recipe}: the package's Jupyter settings were not installed"
    assert json.loads(settings.read_text())["ServerApp"]["allow_root"] is True


def check_every_notebook_runs(built: Built) -> None:
    """Every notebook runs top to bottom with the environment's own ``python3`` kernel."""
    notebooks = sorted(p for p in (built.repo / "notebooks").rglob("*.ipynb") if "_source" not in p.parts)
    names = {p.name for p in notebooks}
    assert {"00_start_here.ipynb", "explorer.ipynb", "running_a_session.ipynb", "building_exercises.ipynb"} <= names
    result = built.python(str(REPO / "tests" / "workbook" / "run_notebooks.py"), *map(str, notebooks), cwd=built.repo)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert Path(report["kernel_prefix"]).resolve() == built.venv.resolve(), report["kernel_prefix"]
    failed = {Path(p).name: error for p, error in report["notebooks"].items() if error}
    assert not failed, f"{built.recipe}: {len(failed)} of {len(notebooks)} notebooks failed:\n" + "\n\n".join(
        f"{name}:\n{error}" for name, error in failed.items()
    )


def check_voila_draws_the_explorer(built: Built, folder: Path) -> None:
    """The environment's own Voila serves the explorer page; Chromium draws its plan and flowchart."""
    from playwright.sync_api import expect

    errors: list[str] = []
    voila = [str(built.venv / "bin" / "voila")]
    explorer = built.repo / "notebooks" / "explorer.ipynb"
    with explorer_page(folder, {"width": 1366, "height": 768}, voila, explorer, built.env) as page:
        page.on("pageerror", lambda error: errors.append(str(error)))
        expect(page.locator(".mm-explorer .mm-plan .mm-category")).to_contain_text("pN", timeout=120_000)
        nodes = page.locator(".mm-explorer .mm-flowchart svg .mm-node")
        expect(nodes.first).to_be_visible(timeout=60_000)
        drawn = nodes.count()
        body = page.locator("body").inner_text()
        page.screenshot(path=str(ARTIFACTS / f"install-{built.recipe}-explorer.png"))
    assert drawn >= 3, f"{built.recipe}: the flowchart drew {drawn} boxes"
    assert "Error displaying widget" not in body and "ModuleNotFoundError" not in body, body[:2000]
    assert not errors, errors
