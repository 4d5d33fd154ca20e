"""The README's pictures, made from the current pages: the explorer (Voila, 1366×768), the class
report (Chromium) and a trial figure (matplotlib).

Every run draws them into a temporary folder and checks them; on request they replace the
README's copies in ``notebooks/images/``:

    MICROMETS_UPDATE_PICTURES=1 .venv/bin/python -m pytest tests/workbook/test_readme_pictures.py
"""

from __future__ import annotations

import os
import shutil

import pytest

from ..browser import ARGS, CHROMIUM, REPO
from .test_browser import voila  # noqa: F401 (the fixture)

IMAGES = REPO / "notebooks" / "images"
UPDATE = os.environ.get("MICROMETS_UPDATE_PICTURES") == "1"


def a_class_report(folder):
    """The class report of a 4-case set answered by 8 learners (about 70% right), as HTML."""
    from micromets.exercises.cases import random_cases
    from micromets.exercises.grading import grade_class
    from micromets.exercises.report import class_summary, write_report

    from ..conftest import simulated_answers

    cases = random_cases(4, seed=7)
    names = ("ana", "ben", "chloé", "dev", "eli", "fatima", "gus", "hana")
    files = simulated_answers(cases, names, 0.7, seed=5)
    command = "python -m micromets exercise grade week3.yaml answers-*.json --report week3-report/"
    write_report(class_summary(grade_class(cases, files)), folder, command)
    return folder / "report.html"


def scaled(path, width: int) -> tuple[int, int]:
    """Scale a PNG in place to ``width`` pixels wide; return its new size."""
    from PIL import Image

    with Image.open(path) as image:
        height = round(image.height * width / image.width)
        image.convert("RGB").resize((width, height), Image.LANCZOS).save(path, optimize=True)
    return width, height


def colours(path) -> int:
    from PIL import Image

    with Image.open(path) as image:
        return len(image.convert("RGB").getcolors(maxcolors=1 << 20) or [])


@pytest.mark.browser
def test_the_readme_pictures_are_drawn_from_the_current_pages(voila, tmp_path):  # noqa: F811 (the fixture)
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from playwright.sync_api import expect, sync_playwright

    from micromets.views.figures import plot_ibcsg

    made = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        page.goto(voila, timeout=120_000)
        expect(page.locator(".mm-plan")).to_contain_text("No axillary lymph node dissection", timeout=120_000)
        expect(page.locator(".mm-flowchart svg").first).to_be_visible(timeout=60_000)
        page.wait_for_timeout(1500)  # the route's last transition
        made["explorer.png"] = tmp_path / "explorer.png"
        page.screenshot(path=str(made["explorer.png"]))

        report = a_class_report(tmp_path / "report")
        page = browser.new_page(viewport={"width": 1100, "height": 1000})
        page.goto(report.as_uri())
        expect(page.locator(".mm-figure svg").first).to_be_visible()
        made["class-report.png"] = tmp_path / "class-report.png"
        page.screenshot(path=str(made["class-report.png"]))
        browser.close()
    assert scaled(made["class-report.png"], 768)[1] > 500

    fig = plot_ibcsg()
    made["trial-figure.png"] = tmp_path / "trial-figure.png"
    fig.savefig(made["trial-figure.png"], dpi=80)
    plt.close(fig)

    for name, path in made.items():
        assert colours(path) > 50, f"{name} looks blank"
        if UPDATE:
            shutil.copy(path, IMAGES / name)
