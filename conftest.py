"""Suite-wide hooks: markers that follow from what a test uses, and the checks applied to the
one run of the notebooks (nbval). Test helpers and fixtures live in ``tests/conftest.py``.

Markers (listed in pyproject.toml): ``browser``, ``kernel``, ``install``, ``slow``. The quick loop,
``pytest -m "not browser and not kernel and not slow"``, stays quick because a test that starts a
kernel or a browser without its marker fails here, naming the marker it needs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

# Fixtures that start Voila or JupyterLab for Chromium (tests/workbook/test_browser.py and others).
BROWSER_FIXTURES = {"voila", "jupyterlab", "voila_flowchart", "explorer_page"}


def is_notebook_cell(item) -> bool:
    """An nbval item: one cell of a stored notebook, run in that notebook's kernel."""
    return type(item).__name__ == "IPyNbCell"


def pytest_collection_modifyitems(config, items):
    for item in items:
        if is_notebook_cell(item):
            item.add_marker(pytest.mark.kernel)
        elif BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """The notebooks execute once (nbval); each cell's outputs from that run are checked for what
    a learner would see (``tests/workbook/test_notebook_outputs.py`` says what is checked)."""
    result = yield
    if is_notebook_cell(item) and item.test_outputs is not None:
        from tests.workbook.test_notebook_outputs import is_learners_notebook, learner_problems, output_problems

        problems = output_problems(item.test_outputs)
        if is_learners_notebook(Path(str(item.fspath))):  # words only: no code, id, curator note or answer
            problems += learner_problems(item.test_outputs)
        assert not problems, f"{item.name}: " + "; ".join(problems)
    return result


@pytest.fixture(autouse=True)
def markers_tell_the_truth(request, monkeypatch):
    """A test that starts a kernel or drives a browser without its marker fails, naming the marker."""
    if request.node.get_closest_marker("kernel") is None:
        from nbclient import NotebookClient

        def refuse_kernel(*args, **kwargs):
            raise AssertionError("this test runs a Jupyter kernel: mark it @pytest.mark.kernel")

        monkeypatch.setattr(NotebookClient, "execute", refuse_kernel)
        monkeypatch.setattr(NotebookClient, "async_execute", refuse_kernel)
    if request.node.get_closest_marker("browser") is None:
        import playwright.sync_api

        def refuse_browser(*args, **kwargs):
            raise AssertionError("this test drives a browser: mark it @pytest.mark.browser")

        monkeypatch.setattr(playwright.sync_api, "sync_playwright", refuse_browser)
