"""Generated patients: seeded, reproducible cohorts over the whole input space.

Used by the ruleset comparison, the random exercise cases and the benchmarks, so that
every part of the workbook samples patients the same way.
"""

from __future__ import annotations

import random

from .patient import Patient

# Deposit sizes weighted towards the staging boundaries and the workbook's focus.
DEPOSIT_BANDS = {
    "none": (0.0, 0.0),
    "itc": (0.05, 0.2),
    "micrometastasis": (0.21, 2.0),
    "macrometastasis": (2.1, 15.0),
}


def random_patient(
    rng: random.Random, deposit_class: str | None = None, hr: str | None = None, her2: str | None = None
) -> Patient:
    """One random valid patient; optionally pin the deposit class and the receptor subtype.

    >>> p = random_patient(random.Random(1), deposit_class="itc", hr="neg", her2="pos")
    >>> p.deposit_class, p.hr_status, p.her2
    ('itc', 'neg', 'pos')
    """
    cls = deposit_class or rng.choice(list(DEPOSIT_BANDS))
    low, high = DEPOSIT_BANDS[cls]
    size = round(rng.uniform(low, high), 2)
    if cls == "itc":
        size = min(size, 0.2)
    nodes = 0 if cls == "none" else rng.choice([1, 1, 1, 2, 3, 4, 6, 11])
    if hr is None:
        er, pr = rng.choice([("pos", "pos"), ("pos", "pos"), ("pos", "neg"), ("neg", "pos"), ("neg", "neg")])
    else:
        er, pr = rng.choice([("pos", "pos"), ("pos", "neg")]) if hr == "pos" else ("neg", "neg")
    age = rng.randint(28, 85)
    menopause = "post" if age > 55 else ("pre" if age < 45 else rng.choice(["pre", "post"]))
    return Patient(
        deposit_mm=size,
        positive_nodes=nodes,
        er=er,
        pr=pr,
        her2=her2 or rng.choice(["neg", "neg", "neg", "pos"]),
        menopause=menopause,
        surgery=rng.choice(["bcs", "bcs", "mastectomy"]),
        recurrence_score=rng.choice([None, rng.randint(0, 50), rng.randint(0, 100)])
        if er == "pos" or pr == "pos"
        else None,
        age=rng.choice([age, age, None]),
        tumor_mm=rng.choice([round(rng.uniform(2, 45), 1), None]),
        grade=rng.choice([1, 2, 3, None]),
    )


def random_cohort(count: int, seed: int = 2025) -> list[Patient]:
    """``count`` random patients, the same list for the same seed.

    >>> [p.inputs() for p in random_cohort(3, seed=7)] == [p.inputs() for p in random_cohort(3, seed=7)]
    True
    """
    rng = random.Random(seed)
    return [random_patient(rng) for _ in range(count)]
