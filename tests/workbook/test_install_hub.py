"""The README's JupyterHub recipe, run as written: its environment runs every notebook and the Voila explorer.

The build and the checks are in tests/workbook/install_recipes.py; this module builds once and checks the result.
"""

import pytest

from ..conftest import REPO
from .install_recipes import (
    build,
    check_every_notebook_runs,
    check_installed_not_linked,
    check_voila_draws_the_explorer,
    hub_recipe,
    readme_hub_steps,
)


def test_the_readmes_hub_recipe_installs_the_pins_then_the_package_without_a_link():
    (command,) = readme_hub_steps()
    assert command == "pip install -r binder/requirements.txt && pip install --no-deps .", command


def test_running_a_session_gives_the_readmes_hub_recipe():
    source = (REPO / "notebooks" / "_source" / "instructor" / "running_a_session.py").read_text(encoding="utf-8")
    hub = source.split("JupyterHub", 1)[1].split("\n# - **", 1)[0].replace("\n# ", "\n")
    assert (hub_recipe(hub),) == readme_hub_steps()


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    return build("hub", readme_hub_steps(), tmp_path_factory.mktemp("install-hub"))


@pytest.mark.install
@pytest.mark.slow
def test_the_hub_recipe_installs_the_package_with_its_jupyter_settings(hub):
    check_installed_not_linked(hub)


@pytest.mark.install
@pytest.mark.slow
@pytest.mark.kernel
def test_every_notebook_runs_on_the_hub(hub):
    check_every_notebook_runs(hub)


@pytest.mark.install
@pytest.mark.slow
@pytest.mark.kernel
@pytest.mark.browser
def test_the_hubs_voila_draws_the_explorer(hub, tmp_path):
    check_voila_draws_the_explorer(hub, tmp_path)
