"""Felt speed of the explorer in a real browser: Voila serves it, Debian's Chromium drives it,
against a baseline explorer measured in the same run.

Each input change is timed inside the page, from the input event (its ``timeStamp``) to the
last change of ``.mm-flowchart`` (a MutationObserver: the chart is in the document), and to the
end of the frame that follows it (the chart is laid out and painted), so the time covers the
message to the kernel, the callback, the message back and the browser's work. Changes that move
the route: receptor and menopause toggles and the deposit slider across 0.2 and 2.0 mm. The
kernel's own share is timed in-process over the same kind of changes (``Explorer.set``).
Also: the ruleset switch (change event to the chart's last change) and the first render
(navigation start to the first drawn chart).

Baseline: the same explorer at an earlier revision (default ``c4a7289``, the explorer before
the route view and its zoomable panel: the speed a learner had then, which later work must
keep), exported with ``git archive`` into a temporary folder and served by a second Voila.
Both pages run in the same process, change by change in alternating order, so both see the
same machine load. The ratio is this checkout's time over the baseline's: at most 1.0 means
no slower. Last line:
``browser_p95_ms: X  kernel_p95_ms: Y  baseline_p95_ms: Z  ratio_p50: R  ratio_p95: S``.

Run: python benchmarks/bench_browser.py [--changes 120] [--baseline REV_OR_FOLDER]
(needs /usr/bin/chromium, voila and playwright: the test requirements)

Seen on the shared 2-core machine (``--changes 80``: 60 changes timed per side; 30 Nov 2026).
Input to the chart's last change, p50 / p95 in ms, this checkout and the baseline of the same run:

====================  ===========  ===========  ==============  ===============  ============
this / baseline       this         baseline     switch (ms)     ratio p50 / p95  load average
====================  ===========  ===========  ==============  ===============  ============
2de46e0 / c4a7289     27.0 / 73.5  21.1 / 60.8  41 / 20         1.28 / 1.21      3.5 to 4.2
the fix / c4a7289     21.5 / 35.1  23.5 / 60.9  25 / 37         0.91 / 0.58      4.3 to 1.9
the fix / 2de46e0     19.7 / 62.1  26.1 / 79.0  22 / 51         0.75 / 0.79      4.1
====================  ===========  ===========  ==============  ===============  ============

Absolute times move with the machine's load, the ratio much less. The fix (after 2de46e0): a
route's drawing and its path reach the browser in one message, a ruleset switch draws once,
and the panel forces no layout in the middle of a change.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # the browser helpers are shared with the browser tests (tests/browser.py)

from tests.browser import CHROMIUM, chromium, open_explorer, voila_server  # noqa: E402 (after the path line above)

BASELINE = "c4a7289"
VIEWPORT = {"width": 1366, "height": 768}
# In the page: every input event stamps its time; every change under .mm-flowchart is logged, and
# the end of the frame after it (a message posted from requestAnimationFrame runs once the frame's
# style, layout and paint are done).
WATCH = """() => {
  window.__t0 = null; window.__muts = []; window.__painted = null;
  for (const kind of ['click', 'keydown', 'change']) {
    document.addEventListener(kind, e => {
      window.__t0 = e.timeStamp; window.__muts = []; window.__painted = null;
    }, true);
  }
  const chart = document.querySelector('.mm-flowchart');
  new MutationObserver(() => {
    const seen = window.__muts.push(performance.now());
    requestAnimationFrame(() => {
      const after = new MessageChannel();
      after.port1.onmessage = () => { if (window.__muts.length === seen) window.__painted = performance.now(); };
      after.port2.postMessage(null);
    });
  }).observe(chart, {subtree: true, childList: true, attributes: true, characterData: true});
}"""
QUIET_MS = 250  # no further change for this long: the update is complete
GIVE_UP_MS = 3000  # no change at all: this input did not move the route


def percentile(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def settle(page) -> tuple[float, float] | None:
    """Wait until the chart stops changing after the last input: its latency in ms, to the last
    change and to the end of the frame after it (None: the chart did not change)."""
    start = time.monotonic()
    while True:
        t0, last, painted, now = page.evaluate(
            "() => [window.__t0, window.__muts.length ? window.__muts.at(-1) : null, window.__painted,"
            " performance.now()]"
        )
        if last is not None and painted is not None and now - last > QUIET_MS:
            return last - t0, painted - t0
        waited = (time.monotonic() - start) * 1000
        if last is None and waited > GIVE_UP_MS:
            return None
        if waited > 60_000:
            raise RuntimeError("the chart changed but no frame was painted for a minute: is the page hidden?")
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


def baseline_checkout(baseline: str, into: Path) -> Path:
    """The baseline's files: a folder as given, or a revision of this repository exported into ``into``."""
    if Path(baseline).is_dir():
        return Path(baseline).resolve()
    archive = subprocess.run(["git", "-C", str(REPO), "archive", baseline], capture_output=True)
    if archive.returncode != 0:
        sys.exit(f"--baseline: {baseline!r} is neither a folder nor a revision of {REPO} ({archive.stderr.decode()})")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")
    return into


class Side:
    """One explorer under test: its code (put first on the kernel's path), its Voila and its page."""

    def __init__(self, name: str, checkout: Path):
        self.name, self.checkout = name, checkout
        self.page = None
        self.first_render = 0.0
        self.updates: list[float] = []
        self.frames: list[float] = []
        self.unmoved = 0
        self.switches: list[float] = []

    def open(self, stack: ExitStack, browser, folder: Path) -> None:
        env = {**os.environ, "PYTHONPATH": str(self.checkout)}  # the kernel imports this side's micromets
        notebook = self.checkout / "notebooks" / "explorer.ipynb"
        url = stack.enter_context(voila_server(folder, notebook, env=env))
        self.page = open_explorer(browser, url, VIEWPORT)
        self.first_render = self.page.evaluate("() => performance.now()")
        self.page.evaluate(WATCH)

    def change(self, kind: str, target) -> None:
        if kind == "toggle":
            press_toggle(self.page, *target)
        else:
            slide_to(self.page, target)
        timed = settle(self.page)
        if timed is None:
            self.unmoved += 1
        else:
            self.updates.append(timed[0])
            self.frames.append(timed[1])

    def switch(self, title: str) -> None:
        chooser = self.page.locator(".widget-dropdown", has_text="Pathway").locator("select")
        chooser.select_option(label=title)
        timed = settle(self.page)
        if timed is not None:
            self.switches.append(timed[0])

    def summary(self) -> str:
        updates, frames = self.updates, self.frames
        return (
            f"{self.name}: to the chart's last change p50 {statistics.median(updates):.1f} ms, "
            f"p95 {percentile(updates, 95):.1f} ms; to the painted frame p50 {statistics.median(frames):.1f} ms, "
            f"p95 {percentile(frames, 95):.1f} ms ({len(updates)} input changes, {self.unmoved} did not move it)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--changes", type=int, default=120)
    parser.add_argument(
        "--baseline", default=BASELINE, help=f"a revision of this repository or a folder (default {BASELINE})"
    )
    args = parser.parse_args()
    if CHROMIUM is None:
        sys.exit("needs Debian's Chromium: apt-get install chromium")
    from micromets.pathway.ruleset import load_ruleset

    with tempfile.TemporaryDirectory(prefix="bench-browser-") as tmp, ExitStack() as stack:
        tmp = Path(tmp)
        for part in ("this", "baseline", "baseline-code"):
            (tmp / part).mkdir()
        this = Side("this checkout", REPO)
        base = Side(f"baseline {args.baseline}", baseline_checkout(args.baseline, tmp / "baseline-code"))
        browser = stack.enter_context(chromium())
        this.open(stack, browser, tmp / "this")
        base.open(stack, browser, tmp / "baseline")
        sides = [this, base]
        for i, (kind, target) in enumerate(changes(args.changes)):
            for side in sides if i % 2 == 0 else sides[::-1]:  # alternate who goes first
                side.change(kind, target)
        titles = [load_ruleset(name).title for name in ("seed-2025", "trials-2024")]
        for i, title in enumerate(titles * 3):
            for side in sides if i % 2 == 0 else sides[::-1]:
                side.switch(title)
    kernel = kernel_timings(args.changes)
    print(f"first render (navigation start to the first drawn chart): {this.first_render:.0f} ms, "
          f"{base.name} {base.first_render:.0f} ms")  # fmt: skip
    for side in sides:
        print(
            f"ruleset switch, {side.name}: median {statistics.median(side.switches):.0f} ms, "
            f"max {max(side.switches):.0f} ms ({len(side.switches)} switches)"
        )
    for side in sides:
        print(side.summary())
    print(f"kernel (Explorer.set in this process): p50 {statistics.median(kernel):.1f} ms")
    p95, base_p95 = percentile(this.updates, 95), percentile(base.updates, 95)
    ratio_p50 = statistics.median(this.updates) / statistics.median(base.updates)
    print(
        f"browser_p95_ms: {p95:.1f}  kernel_p95_ms: {percentile(kernel, 95):.1f}  baseline_p95_ms: {base_p95:.1f}  "
        f"ratio_p50: {ratio_p50:.2f}  ratio_p95: {p95 / base_p95:.2f}"
    )


if __name__ == "__main__":
    main()
