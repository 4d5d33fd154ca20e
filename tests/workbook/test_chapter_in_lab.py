"""A chapter as a learner meets it in JupyterLab: headless Chromium, axe-core on micromets' output.

Its own module: ``test_explorer_page`` keeps one Playwright session open for its whole module
(a page load costs seconds on 2 cores), and Playwright's sync API refuses a second session
inside the first.
"""

from __future__ import annotations

from ..browser import ARGS, CHROMIUM, REPO
from .test_browser import ARTIFACTS, jupyterlab  # noqa: F401 (fixture)


def test_axe_finds_no_serious_violation_in_a_chapter_in_jupyterlab(jupyterlab):  # noqa: F811 (the fixture)
    """Chapter 01 (the staging ruler, trial figures, questions) run in JupyterLab: micromets' own
    output areas pass axe-core, and every picture has alt text."""
    import shutil

    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import expect, sync_playwright

    from .test_browser import open_in_lab

    url, folder = jupyterlab
    shutil.copy(REPO / "notebooks" / "01_nodal_staging.ipynb", folder / "chapter.ipynb")  # Lab autosaves
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        open_in_lab(page, url, "chapter.ipynb")
        expect(page.locator(".jp-OutputArea-output img[alt*='MIRROR']")).to_have_count(1, timeout=180_000)
        expect(page.locator(".jp-OutputArea-output .mm-range")).to_have_count(1, timeout=60_000)
        page.wait_for_timeout(1000)
        result = Axe().run(page, context={"include": [[".jp-OutputArea-output"]]})
        serious = [
            (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
            for v in result.response["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        without_alt = page.locator(".jp-OutputArea-output img:not([alt]), .jp-OutputArea-output img[alt='']").count()
        page.screenshot(path=str(ARTIFACTS / "chapter-01-lab.png"))
        browser.close()
    assert serious == []
    assert without_alt == 0
