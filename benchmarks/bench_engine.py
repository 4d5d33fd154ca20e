"""Engine speed: plans per second over 100,000 generated patients, and the import time.

Baseline in the same process: the same walk, but assembling every plan from its path
anew (no per-path cache). Prints the ratio, then the contract's last line:
``plans_per_second: N  import_ms: M``.

Run: python benchmarks/bench_engine.py [--patients 100000]
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import time

from micromets import Patient, load_ruleset, recommend
from micromets.engine import Plan, _body, _walk


def generate(count: int, seed: int = 2025) -> list[Patient]:
    """Random valid patients spread over every input field."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        size = rng.choice([0.0, 0.1, 0.2, 0.5, 1.0, 1.5, 2.0, 2.5, 5.0, rng.uniform(0.01, 10)])
        nodes = None if size == 0 else rng.choice([None, 1, 2, 3, 4, 10])
        out.append(Patient(
            deposit_mm=size, positive_nodes=nodes, cells=None if size == 0 else rng.choice([None, 150, 250]),
            er=rng.choice("pos neg".split()), pr=rng.choice("pos neg".split()), her2=rng.choice("pos neg".split()),
            menopause=rng.choice(["pre", "post"]), surgery=rng.choice(["bcs", "mastectomy"]),
            recurrence_score=rng.choice([None, rng.randint(0, 100)]), age=rng.choice([None, rng.randint(25, 85)]),
            tumor_mm=rng.choice([None, round(rng.uniform(1, 50), 1)]), grade=rng.choice([None, 1, 2, 3]),
        ))
    return out


def naive_recommend(patient: Patient, rules) -> Plan:
    """The baseline: walk, then assemble the plan from scratch every time."""
    path = _walk(rules, patient)
    return Plan(rules.id, patient, path, _body.__wrapped__(rules, path))


def rate(function, patients, rules) -> float:
    start = time.perf_counter()
    for p in patients:
        function(p, rules)
    return len(patients) / (time.perf_counter() - start)


def import_ms(repeats: int = 5) -> float:
    """Median wall time of ``import micromets`` in a fresh interpreter (minus bare start-up)."""
    def run(code: str) -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        return time.perf_counter() - start
    bare = statistics.median(run("pass") for _ in range(repeats))
    full = statistics.median(run("import micromets") for _ in range(repeats))
    leaked = subprocess.run([sys.executable, "-c", "import sys, micromets; print(sorted(m for m in "
                             "('matplotlib', 'ipywidgets') if m in sys.modules))"],
                            capture_output=True, text=True, check=True).stdout.strip()
    if leaked != "[]":
        raise SystemExit(f"import micromets pulled in {leaked}: views must stay out of the core")
    return max(full - bare, 0.0) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=100_000)
    args = parser.parse_args()
    patients = generate(args.patients)
    for name in ("seed-2025",):
        rules = load_ruleset(name)
        recommend(patients[0], rules)  # warm the loader
        fast = rate(recommend, patients, rules)
        naive = rate(naive_recommend, patients, rules)
        print(f"{name}: engine {fast:,.0f} plans/s, naive {naive:,.0f} plans/s, ratio {fast / naive:.2f}")
    print(f"plans_per_second: {fast:.0f}  import_ms: {import_ms():.0f}")


if __name__ == "__main__":
    main()
