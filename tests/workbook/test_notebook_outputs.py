"""What a learner sees under each cell, read from the one run of the notebooks (nbval).

The notebooks execute once in the suite: nbval runs every cell of every stored notebook (see
``--nbval-lax`` in pyproject.toml), and the repository's top ``conftest.py`` hands each cell's
outputs from that run to ``output_problems``, which fails the cell on a stderr box, an error, a stray repr such as
``<Figure size 640x480 with 0 Axes>`` or the character count a ``write_text`` returns, or a picture
without alt text or a text equivalent. The tests below show the check catches each of those.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pytest
from nbformat.v4 import new_output

STRAY = [
    re.compile(r"^<(Figure|matplotlib\.[\w.]+|Axes)[ :].*>$"),  # a figure or artist repr
    re.compile(r"^-?\d+$"),  # a bare number left by e.g. Path.write_text as a cell's last line
    re.compile(r"^<[\w.]+ object at 0x[0-9a-f]+>$"),  # an object without a display
]


def output_problems(outputs) -> list[str]:
    """What is wrong with one cell's outputs, as a learner would see it (an empty list: nothing).

    >>> output_problems([new_output("stream", name="stdout", text="N1mi\\n")])
    []
    >>> output_problems([new_output("execute_result", data={"text/plain": "42"})])
    ["stray repr '42'"]
    """
    problems = []
    for out in outputs:
        if out.output_type == "stream" and out.name == "stderr":
            problems.append(f"stderr box: {out.text[:120]!r}")
        elif out.output_type == "error":
            problems.append(f"error {out.ename}: {out.evalue[:120]}")
        elif out.output_type in ("execute_result", "display_data"):
            data = out.get("data", {})
            text = data.get("text/plain", "").strip()
            if set(data) <= {"text/plain"} and any(pattern.match(text) for pattern in STRAY):
                problems.append(f"stray repr {text[:80]!r}")
            for img in re.findall(r"<img\b[^>]*>", data.get("text/html", "")):
                if not re.search(r'\balt="[^"]+"', img):
                    problems.append("a picture without alt text")
            if "image/png" in data and "text/html" not in data:
                problems.append("a bare PNG (no alt text): show it with micromets.figures.show")
    return problems


# --------------------------------------------------------------------------- what a learner reads

ANSWER_SHOWN = re.compile(r"✔ Correct|✘ Not quite|The answer is:")


def is_learners_notebook(path) -> bool:
    """A chapter or the explorer page: read by learners (the instructor notebooks show codes on purpose)."""
    return path.parent.name == "notebooks" and (path.name[:2].isdigit() or path.stem == "explorer")


def shown_text(outputs) -> list[str]:
    """The words under a cell: streams and the text, HTML and markdown a front end shows (no images)."""
    texts = []
    for out in outputs:
        if out.output_type == "stream":
            texts.append(out.text)
        for mime in ("text/plain", "text/html", "text/markdown"):
            texts.append(re.sub(r"data:image/[^\"']+", "", out.get("data", {}).get(mime, "")))
    return texts


@lru_cache(maxsize=1)
def identifiers() -> tuple[str, ...]:
    """Node ids and plan codes that read as identifiers, and the registry's citation ids."""
    from micromets import registry
    from micromets.ruleset import load_ruleset, shipped_names
    from tests.test_words import forbidden_tokens

    tokens = forbidden_tokens([load_ruleset(n) for n in shipped_names()])
    return tuple(tokens + [entry_id for entry_id in registry() if re.search(r"\d", entry_id) and "-" in entry_id])


def words_problems(text: str) -> list[str]:
    """A raw code, node id or citation id, a curator's wording, or an answer given before it was asked for."""
    from micromets.evidence import UNVERIFIED_MARK
    from tests.test_words import leaks
    from tests.views.test_learner_text import curator_words

    tokens = list(identifiers())
    # † and the unchecked-PMID mark (wrapped with the text it follows) are for learners
    found = leaks(text, tokens) + curator_words(" ".join(text.split()).replace(UNVERIFIED_MARK, ""))
    problems = [f"{sorted(set(found))} in {text[:100]!r}"] if found else []
    if ANSWER_SHOWN.search(text):
        problems.append(f"an answer shown before any was chosen: {text[:100]!r}")
    return problems


def learner_problems(outputs) -> list[str]:
    """What a learner must not meet under a chapter's cell: codes, ids, curator notes, answers.

    >>> learner_problems([new_output("stream", name="stdout", text="Axilla: no axillary dissection")])
    []
    """
    return [problem for text in shown_text(outputs) for problem in words_problems(text)]


def test_codes_ids_curator_notes_and_answers_are_problems_for_a_learner():
    printed = new_output("stream", name="stdout", text="axilla = no_alnd_z0011\nibcsg-23-01, aatrm-048\n")
    note = new_output("display_data", data={"text/html": "<p>Primary source: from memory</p>"})
    answer = new_output("display_data", data={"text/html": "<b>✘ Not quite.</b> The answer is: x"})
    found = "\n".join(learner_problems([printed, note, answer]))
    assert "no_alnd_z0011" in found and "ibcsg-23-01" in found and "aatrm-048" in found
    assert "Primary source" in found and "answer shown" in found
    words = new_output("stream", name="stdout", text="IBCSG 23-01 (Galimberti et al., Lancet Oncol 2013)\n")
    assert learner_problems([words]) == []


def test_a_stderr_box_and_an_error_are_problems():
    warned = new_output("stream", name="stderr", text="UserWarning: FixedFormatter\n")
    failed = new_output("error", ename="KeyError", evalue="'axilla'", traceback=[])
    assert output_problems([warned, failed]) == [
        "stderr box: 'UserWarning: FixedFormatter\\n'",
        "error KeyError: 'axilla'",
    ]


def test_stray_reprs_are_problems_but_words_are_not():
    def shown(text):
        return new_output("execute_result", data={"text/plain": text}, execution_count=1)

    assert output_problems([shown("<Figure size 640x480 with 0 Axes>")]) == [
        "stray repr '<Figure size 640x480 with 0 Axes>'"
    ]
    assert output_problems([shown("<micromets.Thing object at 0x7f3a2c>")])
    assert output_problems([shown("1234")])
    assert output_problems([shown("'pN1mi: micrometastasis'")]) == []


def test_a_picture_needs_alt_text_or_a_text_equivalent():
    bare = new_output("display_data", data={"image/png": "iVBOR", "text/plain": "<Figure>"})
    unlabelled = new_output("display_data", data={"text/html": '<img src="data:image/svg+xml;base64,AA">'})
    labelled = new_output("display_data", data={"text/html": '<img alt="AMAROS: axillary recurrence" src="x">'})
    assert output_problems([bare]) == ["a bare PNG (no alt text): show it with micromets.figures.show"]
    assert output_problems([unlabelled]) == ["a picture without alt text"]
    assert output_problems([labelled]) == []


@pytest.mark.kernel
def test_a_student_notebook_shows_words_only_and_keeps_its_code_hidden(tmp_path):
    from nbclient import NotebookClient

    from micromets.exercises.cases import random_cases
    from micromets.exercises.notebooks import student_notebook

    nb = student_notebook(random_cases(4, seed=11, learner="ana"))
    assert all(c.metadata.get("jupyter", {}).get("source_hidden") for c in nb.cells if c.cell_type == "code")
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = [out for cell in nb.cells for out in cell.get("outputs", [])]
    assert outputs and learner_problems(outputs) == []
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert words_problems(markdown) == []
