"""Fuzzing in CI (issue 12 item 6): structure-aware mutations of real rulesets and random
argument vectors for the main CLI, about 2,000 generated inputs per run in all.

Every run must end in exit 0, or exit 2 with one line on stderr; never a traceback, an
internal error, a hang (each run is time-limited) or a write outside the requested path
(each runs in a fresh folder that is compared before and after). A ruleset that loads
must give a plan to every patient (the coverage proof is exact). The harness is shared in
``tests/fuzzing.py`` for case-file and answer-file fuzzing.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from micromets import DataFileError, Patient, recommend
from micromets.ground.datafiles import parse_data
from micromets.pathway.patient import INPUT_FIELDS
from micromets.pathway.ruleset import parse_ruleset

from ..conftest import FIXTURES
from ..fuzzing import HOSTILE_TEXT, check_outcome, files_in, hostile_values, ruleset_mutations, run_main


def fuzz(examples: int):
    """Hypothesis settings for a fuzz test: a fixed number of examples, whatever the profile."""
    return settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck), database=None)


# Patients on and around every boundary a ruleset may draw, for the walk after loading.
EDGE_PATIENTS = [
    Patient(deposit_mm=d, er=er, pr=pr, her2=her2, menopause=m, surgery=s, cells=c, recurrence_score=rs, age=age)
    for d, c in [(0, None), (0.2, 200), (0.2000001, None), (1.0, 201), (1.0000002, None), (2.0, None), (7.5, None)]
    for er, pr, her2, m, s in [("pos", "pos", "neg", "post", "bcs"), ("neg", "neg", "pos", "pre", "mastectomy")]
    for rs, age in [(None, None), (25, 49), (26, 50), (100, 120)]
]


def patient_flags(draw) -> list[str]:
    flags = []
    for name, spec in INPUT_FIELDS.items():
        if draw(st.integers(0, 9)) == 0 and spec.optional:
            continue
        flag = "--" + name.replace("_", "-")
        if spec.kind == "choice":
            value = draw(st.sampled_from([*spec.choices, *HOSTILE_TEXT[:6]]))
        else:
            value = draw(
                st.one_of(
                    st.sampled_from(["0", "1", "1.2", "2", "18", "26", "-1", "1e400", "nan", "inf", "1_0", "", "--"]),
                    st.integers(-5, 200).map(str),
                    st.floats(allow_nan=True, allow_infinity=True).map(repr),
                )
            )
        flags += [f"{flag}={value}"] if draw(st.booleans()) else [flag, value]
    return flags


# --------------------------------------------------------------------------- rulesets through the CLI


@pytest.mark.slow
@fuzz(350)
@given(data=st.data(), text=ruleset_mutations())
def test_mutated_rulesets_through_the_cli(data, text):
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        (folder / "rules.yaml").write_bytes(text)
        command = data.draw(st.sampled_from(["recommend"] * 6 + ["compare", "recommend-json"]))
        if command == "compare":
            argv = ["compare", "rules.yaml", data.draw(st.sampled_from(["seed-2025", "rules.yaml"])), "--n", "40"]
        else:
            argv = ["recommend", *patient_flags(data.draw), "--ruleset", "rules.yaml"]
            argv += ["--json"] if command == "recommend-json" else []
        before = files_in(folder)
        check_outcome(run_main(argv, folder), folder, before)


@fuzz(12)
@given(text=ruleset_mutations(sources=("instructor",)), name=st.sampled_from(["out.svg", "out.png", "sub/out.svg"]))
def test_mutated_rulesets_through_flowchart_export(text, name):
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        (folder / "rules.yaml").write_bytes(text)
        before = files_in(folder)
        outcome = run_main(["flowchart", "-o", name, "--ruleset", "rules.yaml"], folder)
        check_outcome(outcome, folder, before, allowed_writes={name})


# --------------------------------------------------------------------------- rulesets through the loader


@pytest.mark.slow
@fuzz(700)
@given(text=ruleset_mutations())
def test_a_mutated_ruleset_is_refused_in_one_line_or_plans_every_patient(text):
    try:
        rules = parse_ruleset(parse_data(text.decode("utf-8", "surrogateescape"), "fuzz.yaml"), "fuzz.yaml")
    except DataFileError as error:
        assert "\n" not in str(error) and str(error).startswith("fuzz.yaml")
        return
    for patient in EDGE_PATIENTS:
        plan = recommend(patient, rules)  # the loader's proof: every patient reaches an end
        assert plan.path[0] == rules.start


@fuzz(300)
@given(data=hostile_values(depth=3))
def test_any_data_at_all_is_refused_in_one_line_or_loads(data):
    try:
        parse_ruleset(data, "api")
    except DataFileError as error:
        assert "\n" not in str(error)


# --------------------------------------------------------------------------- argument vectors


def argument(draw) -> str:
    return draw(
        st.one_of(
            st.sampled_from(["recommend", "rulesets", "compare", "flowchart", "seed-2025", "trials-2024"]),
            st.sampled_from(["--ruleset", "--json", "--n", "--seed", "-o", "--out", "--force", "--view", "-h"]),
            st.sampled_from(["--age=--", "--", "-", "=", "--deposit-mm", "--er", "pos", "1.2", "out.svg", "x.pdf"]),
            st.sampled_from(["existing.svg", "folder", "folder/x.svg", "missing/x.svg", "r" * 300, "a.yaml"]),
            st.sampled_from(HOSTILE_TEXT),
            st.text(max_size=8),
        )
    )


@pytest.mark.slow
@fuzz(700)
@given(data=st.data())
def test_random_argument_vectors(data):
    draw = data.draw
    shape = draw(st.sampled_from(["free", "recommend", "compare", "flowchart", "flowchart"]))
    if shape == "free":
        argv = [argument(draw) for _ in range(draw(st.integers(0, 6)))]
    elif shape == "recommend":
        argv = ["recommend", *patient_flags(draw)] + [argument(draw) for _ in range(draw(st.integers(0, 2)))]
    elif shape == "compare":
        argv = ["compare", *[draw(st.sampled_from(["seed-2025", "trials-2024", "nope", "a.yaml"])) for _ in "ab"]]
        argv += ["--n", draw(st.sampled_from(["1", "30", "0", "-5", "1e11", "100000000000", "x", ""]))]
        argv += [argument(draw) for _ in range(draw(st.integers(0, 2)))]
    else:  # output paths are where files get destroyed: aim at them
        out = draw(st.sampled_from(["existing.svg", "folder", "folder/x.svg", "missing/x.svg", "x.pdf", "", "r" * 300]))
        argv = ["flowchart", "-o", out] + [argument(draw) for _ in range(draw(st.integers(0, 2)))]
        # Drawing takes a while; most vectors are refused before it, the rest draw a small chart.
        argv += ["--ruleset", "a.yaml"]
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        (folder / "existing.svg").write_text("an instructor's slide", encoding="utf-8")
        (folder / "folder").mkdir()
        (folder / "folder" / "kept.txt").write_text("kept", encoding="utf-8")
        (folder / "a.yaml").write_bytes(INSTRUCTOR)
        before = files_in(folder)
        outcome = run_main(argv, folder)
        written = {a for a in argv if a.endswith((".svg", ".png"))} if "--force" in argv or outcome.code == 0 else set()
        check_outcome(outcome, folder, before, allowed_writes=written)
        if "--force" not in argv:
            assert (folder / "existing.svg").read_text(encoding="utf-8") == "an instructor's slide"


INSTRUCTOR = (FIXTURES / "instructor-ruleset.yaml").read_bytes()
