"""One list of what a learner's environment needs, and every install path checked against it.

The list is what the code imports: the package and the notebooks' sources are read (``ast``, every
``import``, including those inside functions), standard-library and own modules dropped, and each
module mapped to the distribution that provides it in this environment. Every such distribution must
be pinned in ``requirements.txt`` (the quick start and JupyterHub), pinned identically in
``binder/requirements.txt`` (Binder) and declared as a range that the pin meets in ``pyproject.toml``
(``pip install .`` alone).
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from ..conftest import REPO

# Dev tools, not part of a learner's environment: the notebook build script (jupytext, nbclient).
NOT_LEARNERS = {REPO / "notebooks" / "_source" / "build.py"}


def imported_modules(folder: Path) -> dict[str, Path]:
    """Top-level names of the modules the Python files under ``folder`` import, with one file each."""
    found: dict[str, Path] = {}
    for path in sorted(folder.rglob("*.py")):
        if path in NOT_LEARNERS or ".venv" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], path)
    return found


def needed_distributions() -> dict[str, str]:
    """Distribution (canonical name) -> the module and file that needs it, for the package and notebooks."""
    modules = {**imported_modules(REPO / "micromets"), **imported_modules(REPO / "notebooks" / "_source")}
    providers = packages_distributions()
    needed, unknown = {}, []
    for module, path in sorted(modules.items()):
        if module in sys.stdlib_module_names or module in ("micromets", "__future__"):
            continue
        if module not in providers:
            unknown.append(f"{module} ({path.relative_to(REPO)})")
            continue
        for dist in providers[module]:
            needed.setdefault(canonicalize_name(dist), f"import {module} in {path.relative_to(REPO)}")
    assert not unknown, f"imported but installed by no distribution here: {unknown}"
    return needed


def pins(path: Path) -> dict[str, str]:
    """``name==version`` lines of a requirements file, by canonical name (other lines are not pins)."""
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)==(\S+)", line.split("#", 1)[0].strip())
        if match:
            found[canonicalize_name(match.group(1))] = match.group(2)
    return found


def declared_ranges() -> dict[str, Requirement]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {canonicalize_name(r.name): r for r in map(Requirement, project["dependencies"])}


def test_the_scan_finds_what_the_explorer_and_the_figures_import():
    # The scan itself must see the packages whose absence broke Binder (anywidget) and the plots.
    needed = needed_distributions()
    assert {"anywidget", "ipywidgets", "matplotlib", "pyyaml", "nbformat"} <= set(needed), needed


def test_every_imported_package_is_pinned_for_the_quick_start_and_the_hub():
    learner = pins(REPO / "requirements.txt")
    missing = {d: why for d, why in needed_distributions().items() if d not in learner}
    assert not missing, f"requirements.txt lacks a pin for: {missing}"


def test_every_imported_package_is_pinned_for_binder():
    binder = pins(REPO / "binder" / "requirements.txt")
    missing = {d: why for d, why in needed_distributions().items() if d not in binder}
    assert not missing, f"binder/requirements.txt lacks a pin for: {missing}"


def test_every_imported_package_is_a_dependency_of_the_package():
    declared = declared_ranges()
    needed = needed_distributions()
    missing = {d: why for d, why in needed.items() if d not in declared}
    assert not missing, f"pyproject.toml's dependencies lack: {missing}"
    unused = sorted(set(declared) - set(needed))
    assert not unused, f"pyproject.toml depends on packages nothing imports: {unused}"


def test_binder_pins_are_the_learners_pins_exactly():
    # Binder and the hub recipe install binder/requirements.txt; the quick start installs requirements.txt.
    assert pins(REPO / "binder" / "requirements.txt") == pins(REPO / "requirements.txt")


def test_the_pins_meet_the_packages_ranges():
    learner = pins(REPO / "requirements.txt")
    for name, requirement in declared_ranges().items():
        assert name in learner, f"{name} is a dependency but requirements.txt does not pin it"
        assert requirement.specifier.contains(learner[name], prereleases=True), (
            f"pyproject.toml wants {requirement}; requirements.txt pins {learner[name]}"
        )


def test_the_learners_pins_hold_no_test_tool():
    learner = set(pins(REPO / "requirements.txt"))
    assert not learner & {"pytest", "nbval", "hypothesis", "playwright", "ruff", "nbgrader"}, learner


def test_the_programs_the_readme_runs_after_the_quick_start_are_pinned():
    # `.venv/bin/jupyter lab ...` and `.venv/bin/voila ...` must work after installing requirements.txt alone.
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    learner = pins(REPO / "requirements.txt")
    programs = {"jupyter lab": "jupyterlab", "voila": "voila"}
    for program, dist in programs.items():
        assert f".venv/bin/{program} " in readme, program
        assert dist in learner, f"the README runs .venv/bin/{program} but requirements.txt does not pin {dist}"
