"""A student notebook's quiz in a real browser (Voila, headless Chromium, 1024×768): options wrap
under their own button and never print over the next one, one case shows at a time, the
treatments fit one screen, and feedback reads as prose (single-spaced)."""

from __future__ import annotations

import sys

import pytest

from ..browser import ARGS, CHROMIUM, free_port, serve
from ..conftest import run_cli
from ..workbook.test_browser import ARTIFACTS, need_chromium

pytestmark = pytest.mark.browser

CASES = """
title: Long options
cases:
  - id: long-one
    vignette: A 58-year-old woman after mastectomy with a 1.2 mm deposit in one sentinel node.
    patient: {deposit_mm: 1.2, er: pos, pr: pos, her2: neg, menopause: post, surgery: mastectomy, recurrence_score: 30}
    ask: [axilla, systemic, radiation, order_treatment]
  - id: second
    vignette: A 45-year-old woman with isolated tumour cells.
    patient: {deposit_mm: 0.1, er: neg, pr: neg, her2: neg, menopause: pre, surgery: bcs}
    ask: [nodal_category]
"""

OVERLAPS = """() => {
  const boxes = [];
  const problems = [];
  for (const group of document.querySelectorAll('.mm-quiz .widget-radio-box')) {
    const labels = [...group.querySelectorAll('label')].map(l => [l, l.getBoundingClientRect()]);
    for (const [label, r] of labels) {
      const input = label.querySelector('input').getBoundingClientRect();
      const quiz = document.querySelector('.mm-quiz').getBoundingClientRect();
      if (input.width === 0 || input.left > r.left + 4) problems.push('button not first: ' + label.textContent);
      if (r.right > quiz.right + 1) problems.push('runs out of the quiz: ' + label.textContent);
      boxes.push([label.textContent, r]);
    }
    for (let i = 1; i < labels.length; i++) {
      if (labels[i][1].top < labels[i - 1][1].bottom - 1) problems.push('overlaps: ' + labels[i][0].textContent);
    }
  }
  return problems;
}"""


@pytest.fixture
def student_page(tmp_path):
    need_chromium()
    (tmp_path / "week.yaml").write_text(CASES)
    built = run_cli("exercise", "build", "week.yaml", "-o", "week", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    port = free_port()
    command = [sys.executable, "-m", "voila", "week/student.ipynb", "--no-browser", f"--port={port}"]
    with serve([*command, "--Voila.ip=127.0.0.1"], "Voilà is running at", tmp_path):
        yield f"http://127.0.0.1:{port}/"


def test_quiz_options_wrap_one_case_shows_and_feedback_reads_as_prose(student_page):
    from playwright.sync_api import expect, sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1024, "height": 768})  # a projector
        page.goto(student_page, timeout=120_000)
        quiz = page.locator(".mm-quiz")
        expect(quiz.locator("h4", has_text="Case 1")).to_be_visible(timeout=120_000)
        assert quiz.locator("h4").count() == 1  # one case at a time
        long_option = quiz.locator(".widget-radio-box label", has_text="post-mastectomy radiation considered")
        assert long_option.bounding_box()["height"] > 30  # it wraps onto a second line ...
        assert page.evaluate(OVERLAPS) == []  # ... under its own button, over no other option
        picks = quiz.locator(".mm-picks").first.bounding_box()
        assert picks["height"] < 120 and picks["width"] <= 1024  # the treatments: a few lines, one screen
        quiz.locator(".mm-picks label", has_text="Endocrine therapy").click()
        expect(quiz).to_contain_text("Your plan: endocrine therapy")
        quiz.get_by_role("button", name="Check my answers").click()
        feedback = quiz.locator(".mm-feedback p").nth(1)
        expect(feedback).to_be_visible(timeout=30_000)
        font, line = feedback.evaluate(
            "p => [parseFloat(getComputedStyle(p).fontSize), parseFloat(getComputedStyle(p).lineHeight)]"
        )
        assert line < 1.6 * font  # not double-spaced
        graded = quiz.locator(".mm-feedback", has_text="Not quite")
        expect(graded).to_contain_text("Sources:")
        page.screenshot(path=str(ARTIFACTS / "quiz-options.png"), full_page=True)
        quiz.get_by_role("button", name="Next case").first.click()
        expect(quiz.locator("h4", has_text="Case 2")).to_be_visible()
        assert quiz.locator("h4").count() == 1
        browser.close()
