"""Felt speed of the explorer in a real browser: Voila serves it, Debian's Chromium drives it.

Each input change is timed inside the page, from the input event (its ``timeStamp``) to the
last change of ``.mm-flowchart`` (a MutationObserver), so the time covers the message to the
kernel, the callback, the message back and the browser's restyle. Changes that move the
route: receptor and menopause toggles and the deposit slider across 0.2 and 2.0 mm. The
kernel's own share is timed in-process over the same kind of changes (``Explorer.set``).
Also: the ruleset switch (change event to the chart's last change) and the first render
(navigation start to the first drawn chart).

Last line: ``browser_p95_ms: X  kernel_p95_ms: Y``.
Run: python benchmarks/bench_browser.py [--changes 120]   (needs /usr/bin/chromium and voila)
"""

from __future__ import annotations

import argparse
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# In the page: every input event stamps its time; every change under .mm-flowchart is logged.
WATCH = """() => {
  window.__t0 = null; window.__muts = [];
  for (const kind of ['click', 'keydown', 'change']) {
    document.addEventListener(kind, e => { window.__t0 = e.timeStamp; window.__muts = []; }, true);
  }
  const chart = document.querySelector('.mm-flowchart');
  new MutationObserver(() => window.__muts.push(performance.now()))
    .observe(chart, {subtree: true, childList: true, attributes: true, characterData: true});
}"""
QUIET_MS = 250  # no further change for this long: the update is complete
GIVE_UP_MS = 3000  # no change at all: this input did not move the route


def percentile(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def settle(page) -> float | None:
    """Wait until the chart stops changing after the last input; its latency in ms (None: no change)."""
    start = time.monotonic()
    while True:
        state = page.evaluate(
            "() => [window.__t0, window.__muts.length ? window.__muts.at(-1) : null, performance.now()]"
        )
        t0, last, now = state
        if last is not None and now - last > QUIET_MS:
            return last - t0
        if last is None and (time.monotonic() - start) * 1000 > GIVE_UP_MS:
            return None
        time.sleep(0.02)


def changes(count: int):
    """A script of input changes that move the route, as (kind, target) pairs.

    A toggle's target is (field, value); the button is found by its label and words.
    """
    receptor_and_menopause = [
        ("toggle", ("er", "neg")),
        ("toggle", ("er", "pos")),
        ("toggle", ("her2", "pos")),
        ("toggle", ("her2", "neg")),
        ("toggle", ("pr", "neg")),
        ("toggle", ("er", "neg")),  # HR-negative now: a new route
        ("toggle", ("pr", "pos")),
        ("toggle", ("er", "pos")),
        ("toggle", ("menopause", "pre")),
        ("toggle", ("menopause", "post")),
    ]
    # Deposit: 1.2 mm → 2.05 (macro) → 1.95 (micro) → 0.15 (ITC) → 0.25 (micro) → 2.05 → 1.2.
    slider = [("slide", 2.05), ("slide", 1.95), ("slide", 0.15), ("slide", 0.25), ("slide", 2.05), ("slide", 1.2)]
    script = []
    while len(script) < count:
        script += receptor_and_menopause + slider
    return script[:count]


def press_toggle(page, field: str, value: str) -> None:
    """Click the button for ``value`` in the row of ``field``, found by their words on screen."""
    from micromets.pathway.patient import INPUT_FIELDS
    from micromets.views.form import choice_label

    spec = INPUT_FIELDS[field]
    row = page.locator(".mm-inputs .widget-toggle-buttons", has_text=spec.label).first
    row.get_by_role("button", name=choice_label(spec, value), exact=True).click()


def slide_to(page, value: float) -> None:
    """Move the deposit slider (a native range input) to ``value``: one input event."""
    page.locator(".mm-inputs input[type=range]").first.fill(f"{value:.2f}")


def kernel_timings(count: int) -> list[float]:
    """The kernel's share: the same kind of changes through Explorer.set, in this process."""
    import matplotlib

    matplotlib.use("Agg")
    from micromets.views.widgets import Explorer

    explorer = Explorer()
    out = []
    for kind, target in changes(count):
        change = {target[0]: target[1]} if kind == "toggle" else {"deposit_mm": target}
        start = time.perf_counter()
        explorer.set(**change)
        out.append((time.perf_counter() - start) * 1000)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=120)
    args = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("needs Debian's Chromium: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    from micromets.pathway.ruleset import load_ruleset

    folder = Path(tempfile.mkdtemp(prefix="bench-browser-"))
    port = free_port()
    log_path = folder / "voila.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "voila",
                str(REPO / "notebooks" / "explorer.ipynb"),
                "--no-browser",
                f"--port={port}",
                "--Voila.ip=127.0.0.1",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 120
        while "Voilà is running at" not in log_path.read_text():
            if server.poll() is not None or time.monotonic() > deadline:
                sys.exit(f"voila did not start:\n{log_path.read_text()[-2000:]}")
            time.sleep(0.2)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=ARGS)
            page = browser.new_page(viewport={"width": 1366, "height": 768})
            page.goto(f"http://127.0.0.1:{port}/", timeout=120_000)
            page.locator(".mm-flowchart svg").first.wait_for(timeout=120_000)
            first_render = page.evaluate("() => performance.now()")
            page.evaluate(WATCH)
            timings, unmoved = [], 0
            for kind, target in changes(args.changes):
                if kind == "toggle":
                    press_toggle(page, *target)
                else:
                    slide_to(page, target)
                latency = settle(page)
                if latency is None:
                    unmoved += 1
                else:
                    timings.append(latency)
            switch = []
            chooser = page.locator(".widget-dropdown", has_text="Pathway").locator("select")
            titles = [load_ruleset(name).title for name in ("seed-2025", "trials-2024")]
            for title in titles * 3:
                chooser.select_option(label=title)
                latency = settle(page)
                if latency is not None:
                    switch.append(latency)
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=15)
    kernel = kernel_timings(args.changes)
    print(f"first render: {first_render:.0f} ms (navigation start to the first drawn chart)")
    print(
        f"ruleset switch: median {statistics.median(switch):.0f} ms, max {max(switch):.0f} ms ({len(switch)} switches)"
    )
    print(
        f"input changes timed: {len(timings)} (did not move the chart: {unmoved}); "
        f"browser p50 {statistics.median(timings):.1f} ms, kernel p50 {statistics.median(kernel):.1f} ms"
    )
    print(f"browser_p95_ms: {percentile(timings, 95):.1f}  kernel_p95_ms: {percentile(kernel, 95):.1f}")


if __name__ == "__main__":
    main()
