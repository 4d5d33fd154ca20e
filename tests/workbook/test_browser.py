"""The explorer in a real browser: Voila serves the explorer page, headless Chromium drives it.

Under CI this test must run (it fails when Chromium is missing); on a learner's machine without
Chromium it skips and says how to install it.
"""

import os
import re
import shutil
import subprocess
import sys
from contextlib import contextmanager

import pytest

from ..browser import ARGS, CHROMIUM, EXPLORER, chromium, free_port, open_explorer, serve, voila_server
from ..conftest import REPO, THREE_CASES

ARTIFACTS = REPO / "test-artifacts"


def need_chromium() -> None:
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing in CI: .ci/run installs it with apt-get install chromium")
        pytest.skip("needs Debian's Chromium: sudo apt-get install chromium (no browser download is used)")


@contextmanager
def explorer_page(folder, viewport: dict, voila: list[str] | None = None, notebook=None, env: dict | None = None):
    """The explorer notebook served by Voila on loopback and loaded in headless Chromium at ``viewport``:
    yields the page once its plan shows. ``voila`` is the command (default: this environment's Voila)."""
    need_chromium()
    with voila_server(folder, notebook or EXPLORER, voila, env) as url, chromium() as browser:
        page = open_explorer(browser, url, viewport)
        page.locator(".mm-explorer .mm-category").wait_for(timeout=120_000)
        ARTIFACTS.mkdir(exist_ok=True)
        yield page


@pytest.fixture
def voila(tmp_path):
    need_chromium()
    with voila_server(tmp_path) as url:
        yield url


@pytest.fixture
def jupyterlab(tmp_path):
    need_chromium()
    port = free_port()
    with serve(
        [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            "--allow-root",
            f"--port={port}",
            "--ServerApp.ip=127.0.0.1",
            "--IdentityProvider.token=",
            "--ServerApp.password=",
            "--LabApp.expose_app_in_browser=True",
            f"--ServerApp.root_dir={tmp_path}",
        ],
        f"127.0.0.1:{port}/lab",
        tmp_path,
    ):
        yield f"http://127.0.0.1:{port}/", tmp_path


def drive_explorer(page) -> None:
    """Move the deposit slider across 2.0 mm and back across 0.2 mm, then make the tumour HER2-positive,
    checking at each step that category, plan and lit flowchart change together."""
    from playwright.sync_api import expect

    category = page.locator(".mm-category")
    expect(category).to_have_text("pN1mi", timeout=120_000)
    plan = page.locator(".mm-plan")
    expect(plan).to_contain_text("No axillary lymph node dissection")
    expect(page.locator(".mm-deposit-class")).to_contain_text("Micrometastasis")

    chart = page.locator(".mm-flowchart")
    micro_chart = chart.inner_html()
    handle = page.locator(".mm-inputs input[type=range]").first  # the deposit: a native, labelled slider
    handle.focus()
    for _ in range(18):  # 1.20 mm in 0.05 mm steps, past the 2.0 mm boundary
        handle.press("ArrowRight")
    expect(category).to_have_text(re.compile(r"pN1a"), timeout=30_000)
    expect(page.locator(".mm-deposit-class")).to_contain_text("Macrometastasis")
    expect(plan).to_contain_text("outside this workbook's focus")
    expect(chart).not_to_have_js_property("innerHTML", micro_chart)  # the lit path moved with the plan

    for _ in range(39):  # back down to 0.15 mm, past the 0.2 mm boundary
        handle.press("ArrowLeft")
    expect(category).to_have_text("pN0(i+)", timeout=30_000)
    expect(plan).to_contain_text("Isolated tumour cells")
    cells_row = page.locator(".mm-inputs .widget-hbox", has_text="Cells in largest cluster")
    cells_row.locator(".widget-checkbox input").check()  # enabled only at <=0.2 mm
    cells = cells_row.locator(".widget-text input")
    cells.fill("250")
    cells.press("Enter")
    expect(category).to_have_text("pN1mi", timeout=30_000)  # >200 cells: a micrometastasis however small
    for _ in range(21):  # up to 1.20 mm again
        handle.press("ArrowRight")
    expect(category).to_have_text("pN1mi", timeout=30_000)

    her2 = page.locator(".mm-inputs .widget-toggle-buttons", has_text="HER2")
    her2.locator("button", has_text="Pos").click()
    expect(plan).to_contain_text("trastuzumab", timeout=30_000)
    expect(plan).to_contain_text("pertuzumab")


def open_in_lab(page, url: str, notebook: str) -> None:
    """Open a notebook in JupyterLab, wait for its kernel, and run all cells."""
    from playwright.sync_api import expect

    page.goto(f"{url}lab/tree/{notebook}", timeout=120_000)
    # The kernel is ready once the status bar names it and says Idle (before that it reads "No Kernel").
    expect(page.locator(".jp-StatusBar-Widget", has_text=re.compile(r"Python 3.*Idle"))).to_be_visible(timeout=120_000)
    # Not awaited: the command's promise settles only when every cell has run.
    page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")


def test_explorer_page_in_voila(voila):
    ARTIFACTS.mkdir(exist_ok=True)
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        page.goto(voila, timeout=120_000)
        drive_explorer(page)
        page.screenshot(path=str(ARTIFACTS / "explorer.png"))
    assert (ARTIFACTS / "explorer.png").stat().st_size > 10_000


def test_explorer_in_jupyterlab(jupyterlab):
    from playwright.sync_api import sync_playwright

    url, folder = jupyterlab
    shutil.copy(REPO / "notebooks" / "explorer.ipynb", folder / "explorer.ipynb")  # Lab autosaves outputs
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1600})
        open_in_lab(page, url, "explorer.ipynb")
        drive_explorer(page)
        page.screenshot(path=str(ARTIFACTS / "explorer-lab.png"), timeout=30_000)
        browser.close()


def test_student_notebook_in_jupyterlab_grades_each_answer(jupyterlab):
    """An instructor's three-case file, built into a student notebook, answered and graded in JupyterLab."""
    from playwright.sync_api import expect, sync_playwright

    url, folder = jupyterlab
    (folder / "week.yaml").write_text(THREE_CASES)
    built = subprocess.run(
        [sys.executable, "-m", "micromets", "exercise", "build", "week.yaml", "-o", "week"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert built.returncode == 0, built.stderr
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1600})
        open_in_lab(page, url, "week/student.ipynb")
        cases = page.locator(".widget-vbox", has_text="Check my answers")
        first = page.locator(".widget-radio-box").first
        expect(first).to_be_visible(timeout=120_000)
        first.locator("label", has_text="pN1mi").click()
        page.locator(".widget-radio-box").nth(1).locator(
            "label", has_text="axillary dissection or axillary radiation"
        ).click()
        page.get_by_role("button", name="Check my answers").first.click()
        output = page.locator(".jp-OutputArea-output").first
        expect(output).to_contain_text("Correct", timeout=30_000)
        expect(output).to_contain_text("Not quite")
        expect(output).to_contain_text("IBCSG 23-01")
        expect(output).to_contain_text("Score so far: 1 / 10")
        assert cases.count() >= 1
        page.screenshot(path=str(ARTIFACTS / "student-notebook.png"), timeout=30_000)
        browser.close()
