"""Binder as repo2docker builds it: an environment from binder/ alone runs every notebook and the Voila explorer.

The build and the checks are in tests/workbook/install_recipes.py; this module builds once (about 2 minutes
with a warm pip cache) and checks the result.
"""

import tomllib

import pytest

from ..conftest import REPO
from .install_recipes import (
    BINDER_STEPS,
    build,
    check_every_notebook_runs,
    check_installed_not_linked,
    check_voila_draws_the_explorer,
)


def test_post_build_installs_the_package_without_an_editable_link():
    post = (REPO / "binder" / "postBuild").read_text(encoding="utf-8")
    installs = [line.strip() for line in post.splitlines() if line.strip().startswith("pip install")]
    assert installs == ["pip install --no-deps ."], installs


@pytest.fixture(scope="module")
def binder(tmp_path_factory):
    return build("binder", BINDER_STEPS, tmp_path_factory.mktemp("install-binder"))


@pytest.mark.install
@pytest.mark.slow
def test_binder_installs_the_package_with_its_jupyter_settings(binder):
    check_installed_not_linked(binder)


@pytest.mark.install
@pytest.mark.slow
@pytest.mark.kernel
def test_every_notebook_runs_on_binder(binder):
    check_every_notebook_runs(binder)


@pytest.mark.install
@pytest.mark.slow
@pytest.mark.kernel
@pytest.mark.browser
def test_binders_voila_draws_the_explorer(binder, tmp_path):
    check_voila_draws_the_explorer(binder, tmp_path)


def test_ci_runs_the_install_tests():
    # .ci/run runs the README's test command; neither it nor the pytest settings may deselect these tests.
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    command = [line for line in ci.splitlines() if "pytest" in line and not line.startswith("#")]
    assert len(command) == 1, command
    pytest_args = command[0].split("-m pytest", 1)[1]
    assert " -m " not in pytest_args and " -k " not in pytest_args, pytest_args
    addopts = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"]
    assert " -m " not in f" {addopts['addopts']} " and "install" in " ".join(addopts["markers"])
