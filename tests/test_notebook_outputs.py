"""What a learner sees under each cell: executed in a fresh kernel (a copy, so nothing is
written into the repository), no notebook shows a stderr box, an error, or a stray repr such
as ``<Figure size 640x480 with 0 Axes>`` or the character count a ``write_text`` returns.
Every picture carries alt text or a text equivalent."""

from __future__ import annotations

import re
import shutil

import nbformat
import pytest
from nbclient import NotebookClient

from .conftest import REPO

# session-output/ holds what the instructor notebooks write (built notebooks among them): not the workbook.
NOTEBOOKS = sorted(p for p in (REPO / "notebooks").rglob("*.ipynb") if not {"_source", "session-output"} & set(p.parts))
STRAY = [
    re.compile(r"^<(Figure|matplotlib\.[\w.]+|Axes)[ :].*>$"),  # a figure or artist repr
    re.compile(r"^-?\d+$"),  # a bare number left by e.g. Path.write_text as a cell's last line
    re.compile(r"^<[\w.]+ object at 0x[0-9a-f]+>$"),  # an object without a display
]


def executed(path, tmp_path) -> nbformat.NotebookNode:
    copy = tmp_path / "notebooks"
    shutil.copytree(REPO / "notebooks", copy, ignore=shutil.ignore_patterns("_source", "session-output", "*.pyc"))
    target = copy / path.relative_to(REPO / "notebooks")
    nb = nbformat.read(target, as_version=4)
    NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(target.parent)}}
    ).execute()
    return nb


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(REPO / "notebooks")))
def test_no_stderr_box_error_or_stray_repr_under_any_cell(path, tmp_path):
    nb = executed(path, tmp_path)
    problems = []
    for number, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            where = f"cell {number} ({cell.source.splitlines()[0][:50] if cell.source else ''})"
            if out.output_type == "stream" and out.name == "stderr":
                problems.append(f"{where}: stderr box: {out.text[:120]!r}")
            elif out.output_type == "error":
                problems.append(f"{where}: error {out.ename}: {out.evalue[:120]}")
            elif out.output_type in ("execute_result", "display_data"):
                data = out.get("data", {})
                text = data.get("text/plain", "").strip()
                only_text = set(data) <= {"text/plain"}
                if only_text and any(pattern.match(text) for pattern in STRAY):
                    problems.append(f"{where}: stray repr {text[:80]!r}")
                html = data.get("text/html", "")
                for img in re.findall(r"<img\b[^>]*>", html):
                    if not re.search(r'\balt="[^"]+"', img):
                        problems.append(f"{where}: a picture without alt text")
                if "image/png" in data and "text/html" not in data:
                    problems.append(f"{where}: a bare PNG (no alt text): show it with micromets.figures.show")
    assert problems == []
