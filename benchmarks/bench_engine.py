"""Engine speed: plans per second over 100,000 generated patients, and the import time.

Baseline in the same process: the same walk, but assembling every plan from its path
anew (no per-path cache). Prints the speed ratio and the memory ratio (peak memory of
holding every plan), then the contract's last line: ``plans_per_second: N  import_ms: M``.

Run: python benchmarks/bench_engine.py [--patients 100000]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
import tracemalloc

from micromets import Patient, load_ruleset, recommend  # noqa: F401  (Patient: type in signatures)
from micromets.pathway.cohort import random_cohort
from micromets.pathway.engine import Plan, _body, _walk


def naive_recommend(patient: Patient, rules) -> Plan:
    """The baseline: walk, then assemble the plan from scratch every time."""
    path = _walk(rules, patient)
    return Plan(rules.id, patient, path, _body.__wrapped__(rules, path))


def rate(function, patients, rules) -> float:
    start = time.perf_counter()
    for p in patients:
        function(p, rules)
    return len(patients) / (time.perf_counter() - start)


def peak_kib(function, patients, rules) -> float:
    """Peak memory (KiB) of computing and keeping one plan per patient."""
    tracemalloc.start()
    plans = [function(p, rules) for p in patients]
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    del plans
    return peak / 1024


def import_ms(repeats: int = 5) -> float:
    """Median wall time of ``import micromets`` in a fresh interpreter (minus bare start-up)."""

    def run(code: str) -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        return time.perf_counter() - start

    bare = statistics.median(run("pass") for _ in range(repeats))
    full = statistics.median(run("import micromets") for _ in range(repeats))
    leaked = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, micromets; print(sorted(m for m in ('matplotlib', 'ipywidgets') if m in sys.modules))",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if leaked != "[]":
        raise SystemExit(f"import micromets pulled in {leaked}: views must stay out of the core")
    return max(full - bare, 0.0) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=100_000)
    args = parser.parse_args()
    patients = random_cohort(args.patients, seed=2025)
    for name in ("trials-2024", "seed-2025"):  # the default ruleset last: its rate is the one reported
        rules = load_ruleset(name)
        recommend(patients[0], rules)  # warm the loader
        fast = rate(recommend, patients, rules)
        naive = rate(naive_recommend, patients, rules)
        print(f"{name}: engine {fast:,.0f} plans/s, naive {naive:,.0f} plans/s, speed ratio {fast / naive:.2f}")
    sample = patients[:20_000]
    mem_fast, mem_naive = peak_kib(recommend, sample, rules), peak_kib(naive_recommend, sample, rules)
    print(
        f"memory for {len(sample):,} kept plans: engine {mem_fast:,.0f} KiB, naive {mem_naive:,.0f} KiB, "
        f"ratio {mem_naive / mem_fast:.2f}"
    )
    print(f"plans_per_second: {fast:.0f}  import_ms: {import_ms():.0f}")


if __name__ == "__main__":
    main()
