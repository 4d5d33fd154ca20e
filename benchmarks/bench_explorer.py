"""Explorer latency: time from an input change until every output is ready.

Drives the explorer's inputs through a scripted sequence of changes (at least 200) and
compares with a naive baseline in the same run: ``ipywidgets.interact`` recomputing the
plan and redrawing the same flowchart (the route view the explorer shows) from scratch on
every change: stages, layout and SVG with every cache emptied first.
Last line: ``explorer_p95_ms: X  naive_p95_ms: Y  speedup: Z``.

Run: python benchmarks/bench_explorer.py [--changes 240]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

import ipywidgets

from micromets import Patient, recommend
from micromets.views.flowchart import layout, roles, route, stage_views, svg
from micromets.views.render import plan_summary_html
from micromets.views.widgets import Explorer

# What the flowchart keeps between changes: emptied before each naive redraw.
CACHES = (stage_views.stages, svg._chart_parts, svg._view, svg._view_layout, layout.nodes_layout, layout.box_size)
CACHES += (roles.drawn_edges, route.route_svg_for_path)


def draw_from_scratch(ruleset: str, path: tuple[str, ...]) -> str:
    """The route view drawn as if for the first time: every cache of the drawing emptied."""
    for cached in CACHES:
        cached.cache_clear()
    return route.route_svg_for_path(ruleset, path)


def script(count: int, seed: int = 7) -> list[dict]:
    """A reproducible sequence of single-input changes, as a learner would make them."""
    rng = random.Random(seed)
    moves = [
        lambda: {"deposit_mm": rng.choice([0.0, 0.1, 0.15, 0.25, 0.8, 1.5, 1.95, 2.05, 3.0, 4.5])},
        lambda: {"her2": rng.choice(["pos", "neg"])},
        lambda: {"er": rng.choice(["pos", "neg"])},
        lambda: {"pr": rng.choice(["pos", "neg"])},
        lambda: {"menopause": rng.choice(["pre", "post"])},
        lambda: {"surgery": rng.choice(["bcs", "mastectomy"])},
        lambda: {"positive_nodes": rng.choice([1, 2, 3, 4, 6])},
        lambda: {"recurrence_score": rng.choice([None, 10, 17, 18, 25, 26, 31, 45])},
        lambda: {"age": rng.choice([None, 40, 50, 51, 65])},
        lambda: {"ruleset": rng.choice(["seed-2025", "trials-2024"])},
    ]
    return [rng.choice(moves)() for _ in range(count)]


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def time_explorer(changes: list[dict]) -> list[float]:
    explorer = Explorer()
    for name in ("seed-2025", "trials-2024"):  # warm both charts, as a first view would
        explorer.set(ruleset=name)
    timings = []
    for change in changes:
        start = time.perf_counter()
        explorer.set(**change)  # observers run synchronously: outputs are ready on return
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def time_naive(changes: list[dict]) -> list[float]:
    state = {
        "deposit_mm": 1.2,
        "positive_nodes": 1,
        "er": "pos",
        "pr": "pos",
        "her2": "neg",
        "menopause": "post",
        "surgery": "bcs",
        "recurrence_score": None,
        "age": None,
        "ruleset": "seed-2025",
    }
    out = ipywidgets.Output()

    def show(**values):
        ruleset = values.pop("ruleset")
        if values["deposit_mm"] == 0:
            values["positive_nodes"] = None
        plan = recommend(Patient(**values), ruleset)
        with out:  # outside a kernel clear_output only prints escapes, so the redraw is timed alone
            plan_summary_html(plan)
            draw_from_scratch(ruleset, plan.path)  # stages, layout and SVG, every time

    widget = ipywidgets.interactive(show, **{k: ipywidgets.fixed(v) for k, v in state.items()})
    timings = []
    for change in changes:
        state.update(change)
        start = time.perf_counter()
        _ = widget.kwargs_widgets  # the interact machinery stays in the loop
        show(**dict(state))
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=240)
    args = parser.parse_args()
    changes = script(args.changes)
    fast = time_explorer(changes)
    naive = time_naive(changes)
    print(
        f"changes: {len(changes)}  explorer p50 {statistics.median(fast):.1f} ms  "
        f"naive p50 {statistics.median(naive):.1f} ms"
    )
    p95, naive_p95 = percentile(fast, 95), percentile(naive, 95)
    print(f"explorer_p95_ms: {p95:.1f}  naive_p95_ms: {naive_p95:.1f}  speedup: {naive_p95 / p95:.1f}")


if __name__ == "__main__":
    main()
