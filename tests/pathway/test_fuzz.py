"""Fuzzing in CI (issue 12 item 6): structure-aware mutations of real rulesets and random
argument vectors for the main CLI, about 2,000 generated inputs per run in all.

Every run must end in exit 0, or exit 2 with one line on stderr; never a traceback, an
internal error, a hang (each run is time-limited) or a write outside the requested path
(each runs in a fresh folder that is compared before and after). A ruleset that loads
must give a plan to every patient (the coverage proof is exact). The harness is shared in
``tests/fuzzing.py`` for case-file and answer-file fuzzing.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import nbformat
import pytest
import yaml
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


# --------------------------------------------------------------------------- issue 21: the kept corpus

HOSTILE_DIR = FIXTURES / "hostile"
PATIENT_FLAGS = ["--deposit-mm", "1.2", "--er", "pos", "--pr", "pos", "--her2", "neg", "--menopause", "post"]
PATIENT_FLAGS += ["--surgery", "bcs", "--age", "40"]


@pytest.mark.parametrize(
    "path", sorted(HOSTILE_DIR.glob("*.yaml")) + sorted((HOSTILE_DIR / "heavy").glob("*.yaml")), ids=lambda p: p.name
)
def test_every_hostile_ruleset_in_the_corpus_is_refused_or_answered_in_time(path, tmp_path):
    """Each file of the corpus (tests/fixtures/hostile/) through recommend and a flowchart export:
    exit 0, or exit 2 in one line; within the harness's time limit; nothing written but the output."""
    for argv, out in (
        (["recommend", *PATIENT_FLAGS, "--ruleset", str(path), "--json"], None),
        (["flowchart", "-o", "chart.svg", "--ruleset", str(path), *PATIENT_FLAGS], "chart.svg"),
    ):
        before = files_in(tmp_path)
        outcome = run_main(argv, tmp_path, time_limit=60)
        check_outcome(outcome, tmp_path, before, allowed_writes={out} if out else frozenset())
    if path.parent.name == "heavy":
        assert run_main(["recommend", *PATIENT_FLAGS, "--ruleset", str(path)], tmp_path).code == 0


@pytest.mark.parametrize(
    "argv",
    [
        ["exercise", "grade", str(HOSTILE_DIR / "cases" / name), "answers-ana.json"]
        for name in sorted(p.name for p in (HOSTILE_DIR / "cases").glob("*.yaml"))
    ]
    + [
        ["exercise", "grade", str(HOSTILE_DIR / "notebooks" / "set.yaml"), str(path), "--report", "rep"]
        for path in sorted((HOSTILE_DIR / "answers").iterdir())
    ],
    ids=lambda argv: Path(argv[2] if argv[3] == "answers-ana.json" else argv[3]).name,
)
def test_every_hostile_case_or_answer_file_in_the_corpus_is_refused_in_one_line(argv, tmp_path):
    (tmp_path / "answers-ana.json").write_text('{"answers": []}', encoding="utf-8")
    before = files_in(tmp_path)
    outcome = run_main(argv, tmp_path, time_limit=60)
    check_outcome(outcome, tmp_path, before)
    assert outcome.code == 2 and not (tmp_path / "rep").exists()


def test_the_attack_notebook_in_the_corpus_scores_what_its_literal_answers_score(tmp_path):
    folder = HOSTILE_DIR / "notebooks"
    outcome = run_main(
        ["exercise", "grade", str(folder / "set.yaml"), str(folder / "answers-attack.ipynb"), "--json"], tmp_path
    )
    assert outcome.code == 0, outcome.stderr
    result = json.loads(outcome.stdout)
    assert [(r["learner"], r["correct"]) for r in result["learners"]] == [("attack", 0)]
    assert sum(n["message"].startswith("flagged, not run") for n in result["notes"]) == 20


# --------------------------------------------------------------------------- issue 21: generated attacks

EXTRA_CODE = [
    "import micromets.exercises.nbgrader as _m\n_m.AnswerSheet.check = lambda self, i, k: print('✔ right')",
    "open('PWNED', 'w').write('x')",
    "__import__('os').system('touch PWNED')",
    "%run PWNED.py",
    "!touch PWNED",
    "answer = __import__('os').system('touch PWNED')",
    "answer = 10**100",
    "answer = " + "9" * 5000,
    "(" * 300 + ")" * 300,
    "sheet.given = type('D', (dict,), {'get': lambda *a: 'no_alnd'})()",
    "answer = 1 if True else 2",
    "answer: int = 1",
    "def f():\n    return 1",
    "x" * 6000,
    "raise NotImplementedError()",
]


@fuzz(60)
@given(data=st.data())
def test_code_in_answer_cells_never_raises_the_grade_nor_runs(data):
    """Issue 21 item 1: whatever an answer cell holds, the static grade is that of its literal
    ``answer = ...`` lines alone, nothing in the cell runs, and anything else is flagged."""
    from micromets.exercises.cases import random_cases
    from micromets.exercises.questions import ask
    from micromets.exercises.submitted import read_submission

    from ..exercises.test_grading_hostile import STUB, answered

    cases = random_cases(1, seed=data.draw(st.integers(0, 50)))
    cells: dict[int, str] = {}

    def fill(number, case, kind):
        parts = []
        for _ in range(data.draw(st.integers(0, 3))):
            if data.draw(st.booleans()):
                parts.append(f"answer = {data.draw(st.sampled_from(['1', '2', '3', '9', repr('no_alnd'), repr('')]))}")
            else:
                parts.append(data.draw(st.sampled_from(EXTRA_CODE)))
        cells[number] = "\n".join(parts) or STUB
        return cells[number]

    nb = answered(cases, fill)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "answers-ana.ipynb"
        nbformat.write(nb, path)
        seen = read_submission(path, cases)
        assert list(Path(folder).iterdir()) == [path] and not Path("PWNED").exists()
    asked = [(i, case, kind) for i, case in enumerate(cases.cases) for kind in case.ask]
    expected, flagged = [], set()
    for number, (_, case, kind) in enumerate(asked, 1):
        value = _literal_answer(cells[number])  # worked out here from the text alone
        if value is not None:
            values = [c.value for c in ask(kind, case.patient, cases.rules).choices]
            expected.append(values[value - 1] if isinstance(value, int) and 1 <= value <= len(values) else str(value))
        plain = ("", "raise NotImplementedError()")
        if any(not (line in plain or line.startswith("#") or _literal(line)) for line in cells[number].splitlines()):
            flagged.add(number)
    assert [row["answer"] for row in seen.rows] == expected
    assert {flag.cell for flag in seen.flags} == flagged


def _literal_answer(cell: str):
    """The last literal ``answer = ...`` of a cell that parses (magic and shell lines left out)."""
    import ast

    code = "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in cell.splitlines())
    if len(cell) > 5000:
        return None
    try:
        ast.parse(code)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    found = [
        ast.literal_eval(line.partition("= ")[2])
        for line in cell.splitlines()
        if line.startswith("answer = ") and _literal(line)
    ]
    return found[-1] if found else None


def _literal(line: str) -> bool:
    import ast

    if not line.startswith("answer = "):
        return False
    try:
        return type(ast.literal_eval(line.partition("= ")[2])) in (int, str)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return False


@pytest.mark.slow
@fuzz(40)
@given(data=st.data())
def test_hostile_answer_files_and_planted_links_never_lose_a_report(data):
    """Issue 21 item 2: a report run either writes all four files or leaves the earlier ones;
    a link planted in the report folder is never written through, even with --force."""
    from micromets.exercises.cases import random_cases

    cases = random_cases(1, seed=6)
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        (folder / "set.yaml").write_text(cases.to_yaml(), encoding="utf-8")
        (folder / "victim.txt").write_text("kept", encoding="utf-8")
        names = []
        for _ in range(data.draw(st.integers(1, 3))):
            learner = data.draw(st.sampled_from(["ana", "ben", "Ana López", "a\x1bb", "x\ny", "", "a" * 200]))
            rows = data.draw(
                st.lists(
                    st.fixed_dictionaries(
                        {"case": st.sampled_from(["case-01", "nope", "", None]), "answer": hostile_values(1)},
                        optional={
                            "question": st.sampled_from([*cases.cases[0].ask, "x"]),
                            "learner": hostile_values(0),
                        },
                    ),
                    max_size=8,
                )
            )
            name = f"answers-{learner}.json"
            try:
                (folder / name).write_text(json.dumps({"answers": rows}), encoding="utf-8")
            except (OSError, ValueError, TypeError):
                continue
            names.append(name)
        report = folder / "rep"
        if data.draw(st.booleans()):
            report.mkdir()
            (report / "report.html").write_text("earlier", encoding="utf-8")
            if data.draw(st.booleans()):
                (report / data.draw(st.sampled_from(["grades.csv", "grades.json"]))).symlink_to("../victim.txt")
        force = data.draw(st.booleans())
        before = files_in(folder)
        outcome = run_main(
            ["exercise", "grade", "set.yaml", *names, "--report", "rep", *(["--force"] if force else [])], folder
        )
        written = {f"rep/{n}" for n in ("report.html", "grades.csv", "answers.csv", "grades.json")}
        check_outcome(outcome, folder, before, allowed_writes=written)
        assert (folder / "victim.txt").read_text(encoding="utf-8") == "kept"
        if outcome.code == 0:
            assert all((folder / n).stat().st_size > 0 for n in written)
        elif (report / "report.html").exists() and not (report / "report.html").is_symlink():
            assert (report / "report.html").read_text(encoding="utf-8") == "earlier"
        assert not [p for p in folder.rglob("*") if ".part" in p.name]  # no temporary file left


@fuzz(8)
@given(questions=st.integers(3, 300), ways=st.integers(2, 10))
def test_wide_rulesets_are_drawn_or_refused_within_the_time_limit(questions, ways):
    """Issue 21 item 3: the layout budget bounds drawing time whatever the graph's shape."""
    from ..faces.test_hostile_files import _wide_ruleset

    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        (folder / "wide.yaml").write_text(yaml.safe_dump(_wide_ruleset(questions, ways)), encoding="utf-8")
        before = files_in(folder)
        outcome = run_main(["flowchart", "-o", "wide.svg", "--ruleset", "wide.yaml"], folder, time_limit=60)
        check_outcome(outcome, folder, before, allowed_writes={"wide.svg"})
        assert outcome.code == 0 or "too big to lay out" in outcome.stderr
