"""The static site's build and the page's Python, without a browser: what fails clearly, and
that micromets imports where the page runs it (no widget library, no matplotlib, no thread)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from micromets.site import build


def test_a_missing_npm_is_one_clear_line(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # nothing cached: npm is needed
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(build.SiteBuildError, match=r"npm was not found on PATH.*apt-get install npm"):
        build.pyodide_tarball(log=lambda _: None)


def test_a_tampered_pyodide_download_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    tarball = build.cache_folder() / f"pyodide-{build.PYODIDE_VERSION}.tgz"
    tarball.write_bytes(b"not the package")
    with pytest.raises(build.SiteBuildError, match="integrity"):
        build.pyodide_tarball(log=lambda _: None)
    assert not tarball.exists()  # removed, so the next run fetches it again


def test_the_cli_refuses_a_folder_it_did_not_write(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    result = subprocess.run(
        [sys.executable, "-m", "micromets", "site", "-o", str(tmp_path)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 2 and "not empty" in result.stderr and "Traceback" not in result.stderr
    forced = subprocess.run(
        [sys.executable, "-m", "micromets", "site", "-o", str(tmp_path), "--force"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert forced.returncode == 2 and "did not write" in forced.stderr and (tmp_path / "notes.txt").exists()


PYODIDE_LIKE = """
import sys, threading
for name in ("ipywidgets", "anywidget", "matplotlib", "traitlets"):
    sys.modules[name] = None  # not installed in the page: importing them raises ImportError
before = threading.active_count()
import json, micromets, micromets.site.page as page, micromets.flowchart, micromets.render, micromets.form
out = json.loads(page.update({"deposit_mm": 1.2, "er": "pos", "pr": "pos", "her2": "neg",
                              "menopause": "post", "surgery": "bcs"}, "trials-2024"))
assert out["error"] == "" and out["route_svg"].startswith("<svg"), out
assert threading.active_count() == before, "a thread was started"
print("ok")
"""


def test_the_page_python_runs_without_widgets_matplotlib_or_threads():
    result = subprocess.run([sys.executable, "-c", PYODIDE_LIKE], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr


def test_the_pages_workflow_and_the_readme_run_the_same_build_command():
    import yaml

    from ..conftest import REPO

    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "pages.yml").read_text())
    steps = workflow["jobs"]["build"]["steps"]
    commands = [step.get("run", "") for step in steps]
    assert any("-m micromets site -o site/" in command for command in commands)
    assert any(step.get("uses", "").startswith("actions/upload-pages-artifact") and step["with"]["path"] == "site/"
               for step in steps)  # fmt: skip
    assert workflow["jobs"]["deploy"]["steps"][0]["uses"].startswith("actions/deploy-pages")
    readme = (REPO / "README.md").read_text()
    assert ".venv/bin/python -m micromets site -o site/" in readme and ".github/workflows/pages.yml" in readme
