"""Shared test helpers: patient factories and a hypothesis strategy over the whole input space."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis import strategies as st

from micromets import Patient

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# A worktree sits one level deeper than the main clone: MICROMETS_SHARED points at shared/ from there.
SHARED = Path(os.environ.get("MICROMETS_SHARED") or REPO.parent / "shared")

settings.register_profile("ci", max_examples=10_000, deadline=None)
settings.register_profile("dev", max_examples=600, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


# An instructor's three-case file, as a new user would write it (exercise and browser tests).
THREE_CASES = """
title: Three cases
cases:
  - id: one
    vignette: A 60-year-old woman with a 1.2 mm sentinel node deposit, ER/PR positive, HER2 negative.
    patient: {deposit_mm: 1.2, er: pos, pr: pos, her2: neg, menopause: post, surgery: bcs, age: 60}
  - id: two
    vignette: A 45-year-old woman with isolated tumour cells, triple negative, mastectomy.
    patient: {deposit_mm: 0.1, er: neg, pr: neg, her2: neg, menopause: pre, surgery: mastectomy}
    ask: [nodal_category, axilla, systemic]
  - id: three
    vignette: A 52-year-old woman with a 3 mm deposit in two nodes, HER2 positive.
    patient: {deposit_mm: 3, positive_nodes: 2, er: pos, pr: neg, her2: pos, menopause: post, surgery: bcs}
    ask: [axilla, bone_agent]
"""


def run_cli(*args, cwd=None) -> subprocess.CompletedProcess:
    """Run ``python -m micromets ARGS`` as a user would, capturing its output."""
    return subprocess.run(
        [sys.executable, "-m", "micromets", *args], capture_output=True, text=True, timeout=120, cwd=cwd
    )


def simulated_answers(cases, names, share_right: float, seed: int) -> list:
    """Answer files of a class: each learner picks the engine's answer with chance ``share_right``,
    otherwise any offered choice (so some answers are wrong, as in a real room)."""
    import random

    from micromets.exercises.grading import AnswerFile
    from micromets.exercises.questions import ask

    rng = random.Random(seed)
    files = []
    for name in names:
        rows = []
        for case in cases.cases:
            for kind in case.ask:
                asked = ask(kind, case.patient, cases.rules)
                value = asked.accepted[0] if rng.random() < share_right else rng.choice(asked.choices).value
                rows.append({"case": case.id, "question": kind, "answer": value})
        files.append(AnswerFile(f"answers-{name}.json", rows))
    return files


def patient(**overrides) -> Patient:
    """A postmenopausal HR+/HER2- micrometastasis patient after BCS, with overrides."""
    fields = {"deposit_mm": 1.2, "er": "pos", "pr": "pos", "her2": "neg", "menopause": "post", "surgery": "bcs"}
    fields.update(overrides)
    return Patient(**fields)


@pytest.fixture
def make_patient():
    return patient


# Sizes cluster on the staging boundaries, where mistakes hide.
deposit_sizes = st.one_of(
    st.sampled_from([0.0, 0.05, 0.2, 0.2000001, 0.5, 1.99, 2.0, 2.0000001, 2.5, 10.0]),
    st.floats(min_value=0.001, max_value=30, allow_nan=False),
)


@st.composite
def patients(draw) -> Patient:
    size = draw(deposit_sizes)
    if size == 0:
        cells = draw(st.sampled_from([None, 0]))
        nodes = draw(st.sampled_from([None, 0]))
    else:
        cells = draw(st.one_of(st.none(), st.integers(0, 5000), st.sampled_from([199, 200, 201])))
        nodes = draw(st.one_of(st.none(), st.integers(1, 25), st.sampled_from([1, 2, 3, 4, 9, 10])))
    return Patient(
        deposit_mm=size,
        cells=cells,
        positive_nodes=nodes,
        er=draw(st.sampled_from(["pos", "neg"])),
        pr=draw(st.sampled_from(["pos", "neg"])),
        her2=draw(st.sampled_from(["pos", "neg"])),
        menopause=draw(st.sampled_from(["pre", "post"])),
        surgery=draw(st.sampled_from(["bcs", "mastectomy"])),
        recurrence_score=draw(st.one_of(st.none(), st.integers(0, 100), st.sampled_from([17, 18, 25, 26, 30, 31]))),
        age=draw(st.one_of(st.none(), st.integers(18, 110), st.sampled_from([50, 51]))),
        tumor_mm=draw(st.one_of(st.none(), st.floats(0.1, 80), st.sampled_from([5.0, 5.1]))),
        grade=draw(st.one_of(st.none(), st.integers(1, 3))),
        neoadjuvant=draw(st.sampled_from(["no", "yes"])),
        clinical_nodes=draw(st.sampled_from([None, "cn0", "cn_positive"])),
        gbrca=draw(st.sampled_from(["unknown", "no", "yes"])),
    )
