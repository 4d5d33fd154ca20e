"""Hostile case files and learner names: built notebooks never run text as code, show it
literally, and the exercise commands never overwrite a file or hang on a huge count."""

import html
import json
import re

import nbformat
import pytest
import yaml
from nbclient import NotebookClient
from nbconvert import HTMLExporter

from micromets.exercises.cases import load_cases
from micromets.exercises.notebooks import data_literal, markdown_text

from ..conftest import run_cli

# Each would run code, break the cell or become live HTML if pasted into a notebook as text.
HOSTILE = [
    '"] if 0 else [*by_id.values()][0] if open("PWNED-id","w").write("x") else by_id["',
    "x'); open('PWNED-quote', 'w'); ('",
    "C:\\new \\N \\u12 trailing \\",
    "esc \x1b[31mred\x1b[0m nul \x00 bell \x07",
    "line one\n%run PWNED-magic.py\n!touch PWNED-shell\n%%bash\ntouch PWNED-cell",
    "<script>open('PWNED-script')</script><img src=x onerror=\"alert('PWNED-img')\">",
    "# heading *bold* _it_ [link](javascript:alert(1)) `code` | table | ~~gone~~ > quote",
    '"""\nimport os; os.system("touch PWNED-triple")\n"""',
]
PATIENT = {"deposit_mm": 1.2, "er": "pos", "pr": "pos", "her2": "neg", "menopause": "post", "surgery": "bcs"}
# Ids, titles and learner names are one line of text that can be shown (issue 21): the texts
# above with a control character or a new line are refused there, and go into vignettes instead.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
ONE_LINE = [t for t in HOSTILE if not CONTROL.search(t) and "\n" not in t]
SHOWABLE = [t for t in HOSTILE if not CONTROL.search(t.replace("\n", " "))]

LEARNER = HOSTILE[0] + HOSTILE[1]


def hostile_case_file(tmp_path):
    """A set made by ``exercise random --learner <hostile name>``, with hostile cases and title added."""
    path = tmp_path / "hostile.yaml"
    made = run_cli("exercise", "random", "--n", "1", "--seed", "4", "--learner", LEARNER, "-o", str(path))
    assert made.returncode == 0, made.stderr
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["cases"][0]["id"].endswith(LEARNER) and LEARNER in data["title"]
    data["cases"] += [
        {"id": text, "vignette": f"Vignette {i}: {SHOWABLE[-1 - i]}", "patient": PATIENT, "ask": ["axilla"]}
        for i, text in enumerate(ONE_LINE)
    ]
    data["title"] += " " + HOSTILE[5] + HOSTILE[6]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def shown(text: str) -> str:
    """What a learner should read for a text: control characters as visible escapes."""
    return re.sub(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", lambda m: repr(m.group())[1:-1], text)


def rendered_text(cell_html: str) -> str:
    """The visible text of rendered markdown: line breaks as newlines, tags dropped, entities decoded."""
    text = re.sub(r"<br\s*/?>", "\n", cell_html)
    text = re.sub(r"<a class=\"anchor-link\".*?</a>", "", text)
    return html.unescape(re.sub(r"<[^>]+>", "", text))


@pytest.mark.kernel
def test_hostile_ids_vignettes_and_titles_never_run_and_show_literally(tmp_path):
    path = hostile_case_file(tmp_path)
    out = tmp_path / "built"
    result = run_cli("exercise", "build", str(path), "-o", str(out))
    assert result.returncode == 0, result.stderr
    before = sorted(p.name for p in tmp_path.rglob("*"))
    cases = load_cases(path)
    printed = {}
    for name in ("student.ipynb", "solution.ipynb"):
        nb = nbformat.read(out / name, 4)
        # A cell of the test's own (not built from data) reports what the kernel received.
        report = "print(json.dumps([quiz.cases.title] + [c.id for c in quiz.cases.cases]))"
        if name == "solution.ipynb":
            report = report.replace("quiz.cases", "CASES")
        nb.cells.append(nbformat.v4.new_code_cell(report))
        NotebookClient(nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(out)}}).execute()
        errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
        assert errors == []
        printed[name] = json.loads(nb.cells[-1].outputs[0]["text"])
        exported, _ = HTMLExporter(template_name="basic").from_notebook_node(nb)
        assert "<script>open(" not in exported and "<img src=x" not in exported
        assert 'href="javascript' not in exported
        if name == "solution.ipynb":
            for case in cases.cases:
                assert shown(case.vignette) in rendered_text(exported)
                assert shown(case.id) in rendered_text(exported)
            assert shown(cases.title) in rendered_text(exported)
    # Nothing ran: no file appeared anywhere, and both kernels received every text unchanged.
    assert sorted(p.name for p in tmp_path.rglob("*")) == before
    assert not list(tmp_path.rglob("PWNED*"))
    expected = [cases.title] + [c.id for c in cases.cases]
    assert printed["student.ipynb"] == expected == printed["solution.ipynb"]
    assert expected[2:] == ONE_LINE and expected[1].endswith(LEARNER)


@pytest.mark.parametrize("text", [t for t in HOSTILE if t not in ONE_LINE])
@pytest.mark.parametrize("key", ["id", "title", "vignette"])
def test_a_control_character_in_a_case_file_is_refused_naming_the_key(tmp_path, key, text):
    """Issue 21: text that reaches a page or a terminal holds no control character (new lines only in a vignette)."""
    case = {"id": "one", "vignette": "v", "patient": PATIENT, "ask": ["axilla"]}
    data = {"title": "t", "cases": [case]}
    (data if key == "title" else case)[key] = text
    path = tmp_path / "cases.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    result = run_cli("exercise", "check", str(path))  # one line per problem, then the summary
    if key == "vignette" and not CONTROL.search(text):
        assert "control character" not in result.stdout and "refused" not in result.stderr  # lines are allowed
        return
    problem = result.stdout.splitlines()
    assert result.returncode == 2 and len(problem) == 1, result.stdout
    assert "control character" in problem[0] and key in problem[0] and not CONTROL.search(problem[0])


@pytest.mark.parametrize("learner", ["\udcff", "ana\nmicromets: error: fake", "a\x1b[2Jb", "\u202eana"])
def test_an_unshowable_learner_name_is_refused_in_one_line(tmp_path, learner):
    out = str(tmp_path / "x.yaml")
    result = run_cli("exercise", "random", "--n", "1", "--seed", "1", "--learner", learner, "-o", out)
    assert result.returncode == 2 and "--learner" in result.stderr and len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "x.yaml").exists()


@pytest.mark.parametrize("text", HOSTILE + ["", "\\", "'", '"', "\n"])
def test_data_literal_reads_back_exactly_and_starts_no_line_with_a_magic(text):
    source = data_literal({"t": text})
    assert eval(source, {"json": json}) == {"t": text}  # the test's own check of its own literal
    assert all(not line.lstrip().startswith(("%", "!", "?")) for line in source.splitlines())
    assert re.fullmatch(r"json\.loads\(\n(    '[ -~]*'\n)+\)", source)


def test_markdown_text_is_escaped():
    text = markdown_text("<b>x</b> *y* \x1b")
    assert "<b>" not in text and "*y*" not in text and "\x1b" not in text


@pytest.mark.slow
def test_build_refuses_a_non_empty_folder_unless_forced(tmp_path, case_file):
    out = tmp_path / "out"
    out.mkdir()
    (out / "solution.ipynb").write_text("my edited solutions")
    result = run_cli("exercise", "build", str(case_file), "-o", str(out))
    assert result.returncode == 2 and len(result.stderr.splitlines()) == 1 and "--force" in result.stderr
    assert (out / "solution.ipynb").read_text() == "my edited solutions"
    assert run_cli("exercise", "build", str(case_file), "-o", str(out), "--force").returncode == 0
    assert (out / "solution.ipynb").read_text() != "my edited solutions"


def test_random_refuses_an_existing_file_and_bad_paths_in_one_line(tmp_path):
    notes = tmp_path / "notes.yaml"
    notes.write_text("my notes")
    for out in (notes, tmp_path, tmp_path / "missing" / "x.yaml"):
        result = run_cli("exercise", "random", "--n", "2", "--seed", "1", "-o", str(out))
        assert result.returncode == 2 and len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
    assert notes.read_text() == "my notes"
    assert run_cli("exercise", "random", "--n", "2", "--seed", "1", "-o", str(notes), "--force").returncode == 0
    assert len(load_cases(notes).cases) == 2


@pytest.mark.parametrize("n", ["1e11", "100000000000", "0", "-3", "2.5"])
def test_random_refuses_an_unbounded_count_with_the_bound(tmp_path, n):
    result = run_cli("exercise", "random", "--n", n, "--seed", "1", "-o", str(tmp_path / "x.yaml"))
    assert result.returncode == 2 and "from 1 to 500" in result.stderr and len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "x.yaml").exists()


def test_build_does_not_say_hand_out_for_a_set_it_cannot_build(tmp_path):
    path = tmp_path / "bad.yaml"
    data = {
        "ruleset": "seed-2025",
        "cases": [{"id": "a", "vignette": "v", "patient": PATIENT, "ask": ["article_or_trials"]}],
    }
    path.write_text(yaml.safe_dump(data))
    result = run_cli("exercise", "build", str(path), "-o", str(tmp_path / "out"))
    assert result.returncode == 2 and "hand out" not in result.stdout and "cases[0] (a).ask" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.fixture
def case_file(tmp_path):
    from ..conftest import THREE_CASES

    path = tmp_path / "cases.yaml"
    path.write_text(THREE_CASES)
    return path
