"""Headless Chromium and Voila on loopback: the one home of the browser helpers that the browser
tests (``tests/workbook/test_browser.py`` and the modules importing from it) and the browser
benchmark (``benchmarks/bench_browser.py``) share.

Debian's Chromium is launched with the flags proven on these machines (RECIPES.md), never a
downloaded browser; a server starts on a free loopback port, is waited for by its ready line
(each ``GET /`` of Voila starts a kernel, so it is not polled) and is stopped afterwards; the
explorer notebook opens under Voila until its flowchart is drawn.

Example (a benchmark or a test)::

    with voila_server(folder) as url, chromium() as browser:
        page = open_explorer(browser, url, {"width": 1366, "height": 768})
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXPLORER = REPO / "notebooks" / "explorer.ipynb"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
READY_VOILA = "Voilà is running at"
# The explorer's flowchart once drawn (in every version of the explorer: the benchmark's baseline too).
CHART = ".mm-flowchart svg"


def free_port() -> int:
    """A TCP port free on 127.0.0.1 now (the system picks it)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve(command: list[str], ready: str, folder: Path, env: dict | None = None):
    """Start a server in ``folder`` (with ``env``, default this process's), wait for ``ready`` in its
    log (``folder/server.log``), yield, then shut it down. A server that exits or stays silent for
    two minutes raises ``RuntimeError`` with the end of its log."""
    log_path = Path(folder) / "server.log"
    log = log_path.open("w")
    server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, cwd=folder, env=env)
    try:
        deadline = time.monotonic() + 120
        while ready not in log_path.read_text():
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"server did not start: {' '.join(command)}\n{log_path.read_text()[-2000:]}")
            time.sleep(0.2)
        yield
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


@contextmanager
def voila_server(folder: Path, notebook: Path = EXPLORER, command: list[str] | None = None, env: dict | None = None):
    """Voila serving ``notebook`` (default: the explorer) on a free loopback port: yields its URL.
    ``command`` starts Voila (default: this environment's, ``python -m voila``)."""
    port = free_port()
    voila = [*(command or [sys.executable, "-m", "voila"]), str(notebook), "--no-browser", f"--port={port}"]
    with serve([*voila, "--Voila.ip=127.0.0.1"], READY_VOILA, folder, env=env):
        yield f"http://127.0.0.1:{port}/"


@contextmanager
def chromium():
    """Debian's headless Chromium through Playwright: yields the browser, closed afterwards."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def open_explorer(browser, url: str, viewport: dict):
    """A new page of ``browser`` at ``viewport`` showing the explorer at ``url``, returned once its
    flowchart is drawn (a first render under load takes seconds: up to two minutes are allowed)."""
    page = browser.new_page(viewport=viewport)
    page.goto(url, timeout=120_000)
    page.locator(CHART).first.wait_for(timeout=120_000)
    return page
