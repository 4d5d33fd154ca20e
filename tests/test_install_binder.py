"""Binder as repo2docker builds it: an environment from binder/ alone runs every notebook and the Voila explorer.

The build and the checks are in tests/install_recipes.py; this module builds once (about 2 minutes
with a warm pip cache) and checks the result.
"""

import pytest

from .conftest import REPO
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
def test_every_notebook_runs_on_binder(binder):
    check_every_notebook_runs(binder)


@pytest.mark.install
@pytest.mark.slow
@pytest.mark.browser
def test_binders_voila_draws_the_explorer(binder, tmp_path):
    check_voila_draws_the_explorer(binder, tmp_path)
