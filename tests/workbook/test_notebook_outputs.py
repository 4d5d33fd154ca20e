"""What a learner sees under each cell, read from the one run of the notebooks (nbval).

The notebooks execute once in the suite: nbval runs every cell of every stored notebook (see
``--nbval-lax`` in pyproject.toml), and the repository's top ``conftest.py`` hands each cell's
outputs from that run to ``output_problems``, which fails the cell on a stderr box, an error, a stray repr such as
``<Figure size 640x480 with 0 Axes>`` or the character count a ``write_text`` returns, or a picture
without alt text or a text equivalent. The tests below show the check catches each of those.
"""

from __future__ import annotations

import re

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
