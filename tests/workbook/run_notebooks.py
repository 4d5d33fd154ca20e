"""Execute notebooks top to bottom with the kernel of the Python that runs this script.

Used by tests/workbook/test_install_binder.py and test_install_hub.py inside an environment built
from the install recipes alone (Binder, the JupyterHub recipe): it needs only what that environment
holds (nbclient, nbformat, ipykernel), and the ``python3`` kernel it starts is this interpreter's
own. Prints one JSON object:
the kernel's ``sys.prefix`` and, per notebook, ``null`` (ran clean) or the error it stopped at.

    python tests/workbook/run_notebooks.py notebooks/00_start_here.ipynb notebooks/explorer.ipynb
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def run(path: Path) -> str | None:
    """Run one notebook in its own folder (as Lab and Voila do); the error text, or None."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    try:
        client.execute()
    except CellExecutionError as error:
        return str(error)[-3000:]
    return None


def kernel_prefix(folder: Path) -> str:
    """The ``sys.prefix`` that a ``python3`` kernel started from here reports."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import sys; print(sys.prefix)")])
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(folder)}}).execute()
    return nb.cells[0].outputs[0]["text"].strip()


def main(paths: list[str]) -> int:
    notebooks = [Path(p).resolve() for p in paths]
    report = {"kernel_prefix": kernel_prefix(notebooks[0].parent), "notebooks": {}}
    for path in notebooks:
        report["notebooks"][str(path)] = run(path)
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
