"""The one bounded reader for user files, and the output-path guard (issue 12 items 2 and 4).

Each hostile input listed in issue 12 that concerns reading files has a file in
``tests/fixtures/hostile/`` and a named test here.
"""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from micromets.ground.datafiles import (
    DataFileError,
    OutputPathError,
    parse_data,
    prepare_output,
    printable,
    read_csv_rows,
    read_data,
    read_text,
)
from micromets.pathway.ruleset import load_ruleset, shipped_path

from ..conftest import FIXTURES, REPO

HOSTILE = FIXTURES / "hostile"


def refusal(path_or_text, **kwargs) -> str:
    """The one-line message with which a file (a Path) or text is refused."""
    with pytest.raises(DataFileError) as caught:
        if isinstance(path_or_text, Path):
            read_data(path_or_text, **kwargs)
        else:
            parse_data(path_or_text, "t.yaml", **kwargs)
    message = str(caught.value)
    assert "\n" not in message
    return message


# --------------------------------------------------------------------------- the hostile files


def test_alias_bomb_is_refused_at_once_without_memory_growth():
    tracemalloc.start()
    message = refusal(HOSTILE / "alias-bomb.yaml")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert "alias-bomb.yaml: line " in message and "aliases" in message
    assert peak < 20_000_000  # the bomb expands to gigabytes; refusing it costs a few kB


def test_alias_bomb_as_a_ruleset_is_refused_by_load_ruleset():
    with pytest.raises(DataFileError, match="alias-bomb.yaml: line .*aliases"):
        load_ruleset(HOSTILE / "alias-bomb.yaml")


def test_reusing_a_text_with_an_alias_stays_allowed():
    # The shipped rulesets share a long note with &name / *name.
    assert "&" in shipped_path("seed-2025").read_text(encoding="utf-8")
    data = parse_data("a: &note Long text.\nb: *note\n", "t.yaml")
    assert data == {"a": "Long text.", "b": "Long text."}


def test_an_alias_to_data_that_contains_it_is_refused():
    assert "refers to data that contains it" in refusal("a: &a [1, *a]")


@pytest.mark.parametrize("name", ["deep-nesting.yaml", "deep-nesting.json"])
def test_nesting_1200_deep_is_refused_cleanly(name):
    assert f"{name}: " in refusal(HOSTILE / name) and "levels deep" in refusal(HOSTILE / name)


def test_aliases_cannot_nest_beyond_the_depth_bound():
    text = (
        "a: &a [[[[[[[[[[1]]]]]]]]]]\nb: &b [*a, [[[[[[[[[*a]]]]]]]]]]\nc: [[[[[[[[[[[[[[[[[[[[*b]]]]]]]]]]]]]]]]]]]]\n"
    )
    assert "levels deep" in refusal(text)


def test_non_utf8_file_is_refused_naming_file_and_line():
    assert refusal(HOSTILE / "not-utf8.yaml").startswith(f"{HOSTILE / 'not-utf8.yaml'}: line 2: is not UTF-8 text")


def test_duplicate_node_id_is_refused_not_silently_won():
    with pytest.raises(DataFileError, match=r"duplicate-node.yaml: line \d+: duplicate key 'wbrt'"):
        load_ruleset(HOSTILE / "duplicate-node.yaml")


def test_duplicate_json_key_is_refused():
    assert "duplicate key 'answers'" in refusal(HOSTILE / "duplicate-key.json")


def test_integer_over_4300_digits_in_answers_json_is_refused():
    assert "more than 4,300 digits" in refusal(HOSTILE / "huge-integer.json")


@pytest.mark.parametrize("text", ["x: 1" + "0" * 4400, "x: 0x" + "f" * 4000])
def test_integer_over_4300_digits_in_yaml_is_refused(text):
    assert "more than 4,300 digits" in refusal(text)


def test_nan_in_answers_json_is_refused():
    assert "NaN is not a number" in refusal(HOSTILE / "nan-answer.json")


@pytest.mark.parametrize("text", ["x: .nan", "x: -.inf", "x: 1.0e+400"])
def test_nan_and_infinite_numbers_in_yaml_are_refused(text):
    assert "not a finite number" in refusal(text)


def test_csv_field_over_131072_characters_is_refused(tmp_path):
    path = tmp_path / "long-field.csv"
    path.write_text('case,question,answer\none,axilla,"' + "x" * 140_000 + '"\n', encoding="utf-8")
    with pytest.raises(DataFileError, match=r"long-field.csv: line 2: not valid CSV \(field larger"):
        read_csv_rows(path)


# --------------------------------------------------------------------------- plain data only


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1: x", "the key 1 is not text"),
        ("yes: x", "yes, no, on, off"),
        ("x: !!binary aGVsbG8=", "plain YAML data only"),
        ("x: !!set {a}", "plain YAML data only"),
        ("x: !!python/object/apply:os.system [id]", "tags that build Python objects are refused"),
        ("<<: {a: 1}", "merge keys"),
        ("x: *nowhere", "undefined alias"),
        ("a: [1\nb: 2", "line 2"),
        ("x: \x1b[31m", "not allowed in YAML"),
    ],
)
def test_yaml_that_is_not_plain_data_is_refused_with_a_line(text, expected):
    assert expected in refusal(text)


def test_dates_stay_text():
    assert parse_data("when: 2024-06-01", "t.yaml") == {"when": "2024-06-01"}


def test_every_shipped_data_file_reads_through_the_reader():
    folder = REPO / "micromets"
    for path in [*folder.glob("rulesets/*.yaml"), folder / "data/evidence.yaml", folder / "exercises/case-bank.yaml"]:
        assert isinstance(read_data(path), dict), path


def test_size_cap_gives_a_clear_message(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_text("x: " + "a" * 3_000_000, encoding="utf-8")
    assert refusal(big, what="case file").endswith("a case file may be at most 2 MB")


def test_a_folder_or_a_device_is_never_read(tmp_path):
    assert "is a folder" in refusal(tmp_path, what="ruleset")
    assert "not a regular file" in refusal(Path("/dev/zero"))


def test_csv_rows_keep_quoted_newlines_and_refuse_extra_fields(tmp_path):
    good = tmp_path / "a.csv"
    good.write_text('case,answer\none,"two\nlines"\ntwo\n', encoding="utf-8")
    assert read_csv_rows(good) == [{"case": "one", "answer": "two\nlines"}, {"case": "two", "answer": ""}]
    bad = tmp_path / "b.csv"
    bad.write_text("case,case\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="appears twice"):
        read_csv_rows(bad)


def test_read_text_drops_a_byte_order_mark(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfid: x\n")
    assert read_text(path) == "id: x\n"


# --------------------------------------------------------------------------- output guard


def test_existing_output_file_is_refused_unless_forced(tmp_path):
    out = tmp_path / "slide.svg"
    out.write_text("edited by hand", encoding="utf-8")
    with pytest.raises(OutputPathError, match="exists; pass --force"):
        prepare_output(out)
    assert prepare_output(out, force=True) == out
    assert out.read_text(encoding="utf-8") == "edited by hand"  # checking never writes


def test_bad_output_paths_give_one_line(tmp_path):
    with pytest.raises(OutputPathError, match="is a folder; give a file name"):
        prepare_output(tmp_path)
    with pytest.raises(OutputPathError, match="does not exist; create it first"):
        prepare_output(tmp_path / "missing" / "x.svg")
    with pytest.raises(OutputPathError, match="longer than 255 bytes"):
        prepare_output(tmp_path / ("x" * 300 + ".svg"))


def test_output_folder_is_checked_not_made_and_refused_when_not_empty(tmp_path):
    made = prepare_output(tmp_path / "out", folder=True)
    assert not made.exists()  # made with the outputs (write_files): a run refused later leaves no empty folder
    made.mkdir()
    (made / "solution.ipynb").write_text("{}", encoding="utf-8")
    with pytest.raises(OutputPathError, match="not empty; pass --force"):
        prepare_output(made, folder=True)
    assert prepare_output(made, folder=True, force=True) == made
    with pytest.raises(OutputPathError, match="is a file"):
        prepare_output(made / "solution.ipynb", folder=True)


def test_printable_escapes_terminal_controls():
    assert printable("ok\n\x1b]0;pwned\x07\r") == "ok\n\\x1b]0;pwned\\x07\\r"
