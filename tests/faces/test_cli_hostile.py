"""The main CLI under hostile arguments and files (issue 12 items 3-4): every bad argument
exits 2 with one line naming the flag, no file is overwritten without --force, and text
from data or arguments never reaches the terminal as control characters."""

from __future__ import annotations

import pytest
import yaml

from ..conftest import FIXTURES, run_cli
from ..fuzzing import check_outcome, files_in, run_main

HOSTILE = FIXTURES / "hostile"
PATIENT = ["--deposit-mm", "1.2", "--er", "pos", "--pr", "pos", "--her2", "neg", "--menopause", "post"]
PATIENT += ["--surgery", "bcs"]


def refused(tmp_path, *argv) -> str:
    before = files_in(tmp_path)
    outcome = run_main(list(argv), tmp_path)
    check_outcome(outcome, tmp_path, before)
    assert outcome.code == 2, outcome
    return outcome.stderr


@pytest.mark.parametrize(
    ("argv", "flag"),
    [
        (["recommend", *PATIENT, "--age=--"], "--age: needs a value"),
        (["recommend", *PATIENT, "--ruleset", "r" * 300], "--ruleset: "),
        (["recommend", *PATIENT, "--ruleset", "r" * 300 + ".yaml"], "--ruleset: "),
        (["recommend", *PATIENT, "--ruleset", "no-such-ruleset"], "--ruleset: no-such-ruleset: no such ruleset"),
        (["recommend", *PATIENT, "--ruleset", "bad\x00name"], "--ruleset: bad\\x00name"),
        (["recommend", *PATIENT, "--deposit-mm", "1e400"], "--deposit-mm: got a number beyond 1e15"),
        (["recommend", *PATIENT, "--cells", "9" * 5000], "--cells: got '999"),
        (["compare", "seed-2025", "trials-2024", "--n", "1e11"], "--n: got '1e11'; allowed: a whole number"),
        (["compare", "seed-2025", "trials-2024", "--n", "100000000000"], "--n: got '100000000000'"),
        (["compare", "seed-2025", "trials-2024", "--seed", "9" * 5000], "--seed: got '999"),
    ],
)
def test_bad_argument_is_one_line_naming_the_flag(tmp_path, argv, flag):
    assert flag in refused(tmp_path, *argv)


def test_output_that_exists_is_refused_without_force(tmp_path):
    slide = tmp_path / "slide.svg"
    slide.write_text("my edited slide", encoding="utf-8")
    assert "--out: slide.svg: exists; pass --force" in refused(tmp_path, "flowchart", "-o", "slide.svg")
    assert slide.read_text(encoding="utf-8") == "my edited slide"
    before = files_in(tmp_path)
    forced = run_main(["flowchart", "-o", "slide.svg", "--force"], tmp_path)
    check_outcome(forced, tmp_path, before, allowed_writes={"slide.svg"})
    assert forced.code == 0 and "<svg" in slide.read_text(encoding="utf-8")[:2000]


def test_output_in_a_missing_folder_or_on_a_folder_is_one_line(tmp_path):
    assert "does not exist; create it first" in refused(tmp_path, "flowchart", "-o", "missing/slide.svg")
    (tmp_path / "deck.svg").mkdir()
    assert "deck.svg: is a folder" in refused(tmp_path, "flowchart", "-o", "deck.svg")


@pytest.mark.parametrize(
    ("where", "text", "key"),
    [
        ("title", "Demo \x1b[2J", "title"),
        ("label", " \x1b[31mred\x9b1m", ".label"),
        ("step", " \x1b]0;pwned\x07", ".step.text"),
        ("label", "\u202eevil", ".label"),
        ("label", " two\nlines", ".label"),
    ],
)
def test_a_control_character_in_a_ruleset_text_is_refused_naming_the_key(tmp_path, where, text, key):
    """Issue 21: text that reaches a drawing, a page or a terminal holds no control character."""
    data = yaml.safe_load((HOSTILE.parent / "instructor-ruleset.yaml").read_text(encoding="utf-8"))
    if where == "title":
        data["title"] = text
    for node in data["nodes"].values():
        if where == "label":
            node["label"] += text
        if where == "step" and "step" in node:
            node["step"]["text"] += text
    (tmp_path / "ansi.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    for argv in (
        ["recommend", *PATIENT, "--ruleset", "ansi.yaml"],
        ["flowchart", "-o", "x.svg", "--ruleset", "ansi.yaml"],
    ):
        before = files_in(tmp_path)
        outcome = run_main(argv, tmp_path)
        check_outcome(outcome, tmp_path, before)  # exit 2, one line, no raw control character, nothing written
        assert outcome.code == 2 and key in outcome.stderr and "control character" in outcome.stderr


def test_ansi_in_an_argument_is_escaped(tmp_path):
    message = refused(tmp_path, "recommend", *PATIENT[:-1], "bcs\x1b[31m")
    assert "--surgery: got 'bcs\\x1b[31m'" in message


def test_hostile_ruleset_through_the_cli_is_one_line(tmp_path):
    for path in sorted(HOSTILE.glob("*.yaml")):
        message = refused(tmp_path, "recommend", *PATIENT, "--ruleset", str(path))
        assert str(path) in message


def test_python_m_micromets_gives_no_traceback_for_odd_argv(tmp_path):
    for argv in (["--age=--"], ["recommend", "--age=--"], ["flowchart", "-o", str(tmp_path)], ["\x1b[2J"]):
        result = run_cli(*argv, cwd=tmp_path)
        assert result.returncode == 2 and "Traceback" not in result.stderr
        assert len(result.stderr.splitlines()) == 1
