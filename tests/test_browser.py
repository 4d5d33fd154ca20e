"""The explorer in a real browser: Voila serves the explorer page, headless Chromium drives it.

Under CI this test must run (it fails when Chromium is missing); on a learner's machine without
Chromium it skips and says how to install it.
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import time

import pytest

from .conftest import REPO

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = REPO / "test-artifacts"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def voila(tmp_path):
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing in CI: .ci/run installs it with apt-get install chromium")
        pytest.skip("needs Debian's Chromium: sudo apt-get install chromium (no browser download is used)")
    port = free_port()
    log = (tmp_path / "voila.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "voila", str(REPO / "notebooks" / "explorer.ipynb"), "--no-browser",
         f"--port={port}", "--Voila.ip=127.0.0.1", "--VoilaConfiguration.file_allowlist=['.*']"],
        stdout=log, stderr=subprocess.STDOUT, cwd=tmp_path)
    deadline = time.monotonic() + 90
    while "Voilà is running at" not in (tmp_path / "voila.log").read_text():
        if server.poll() is not None or time.monotonic() > deadline:
            server.kill()
            pytest.fail("Voila did not start:\n" + (tmp_path / "voila.log").read_text()[-2000:])
        time.sleep(0.2)
    yield f"http://127.0.0.1:{port}/"
    server.terminate()
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()
    log.close()


def test_slider_and_her2_change_the_plan_in_a_real_browser(voila, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1800})
        page.goto(voila, timeout=120_000)
        category = page.locator(".mm-category")
        expect(category).to_have_text("pN1mi", timeout=120_000)
        plan = page.locator(".mm-plan")
        expect(plan).to_contain_text("no axillary lymph node dissection")
        expect(page.locator(".mm-deposit-class")).to_contain_text("micrometastasis")

        handle = page.locator(".widget-slider .noUi-handle").first
        handle.focus()
        for _ in range(18):  # 1.20 mm in 0.05 mm steps, past the 2.0 mm boundary
            handle.press("ArrowRight")
        expect(category).to_have_text(re.compile(r"pN1a"), timeout=30_000)
        expect(page.locator(".mm-deposit-class")).to_contain_text("macrometastasis")
        expect(plan).to_contain_text("outside this workbook's focus")

        her2 = page.locator(".widget-toggle-buttons", has_text="HER2")
        her2.locator("button", has_text="pos").click()
        expect(plan).to_contain_text("trastuzumab", timeout=30_000)
        expect(plan).to_contain_text("pertuzumab")
        page.screenshot(path=str(ARTIFACTS / "explorer.png"), full_page=True)
        browser.close()
    assert (ARTIFACTS / "explorer.png").stat().st_size > 10_000
