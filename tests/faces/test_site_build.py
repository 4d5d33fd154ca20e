"""The static site's build and the page's Python, without a browser: what fails clearly, and
that micromets imports where the page runs it (no widget library, no matplotlib, no thread)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile

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


# ------------------------------------------------------------------ the page's data, parsed at build time

# The page's Python, installed from the site's own wheel: each line of stdin is one call, answered in JSON.
FROM_THE_WHEEL = """
import json, sys
if sys.argv[1] == "no-yaml":
    sys.modules["yaml"] = None  # importing PyYAML now raises: the page must never need to parse YAML
for name in ("ipywidgets", "anywidget", "matplotlib", "traitlets"):
    sys.modules[name] = None
import micromets.views.flowchart.layout as layout
def refuse(*args, **kwargs):
    raise AssertionError("a layout search ran at start")
if sys.argv[1] == "no-yaml":
    layout.layered_layout = refuse  # the stages come from the build
import micromets.site.page as page
from micromets.ground.datafiles import _parsed_ahead
out = {"file": page.__file__, "ahead": bool(_parsed_ahead()), "answers": []}
for line in sys.stdin:
    fields, ruleset = json.loads(line)
    plan = json.loads(page.recommend_json({**fields, "ruleset": ruleset}))
    out["answers"].append([json.loads(page.update(fields, ruleset)), plan])
print(json.dumps(out))
"""
PATIENTS = [
    {"deposit_mm": 1.2, "er": "pos", "pr": "pos", "her2": "neg", "menopause": "post", "surgery": "bcs"},
    {"deposit_mm": 0.1, "er": "neg", "pr": "neg", "her2": "neg", "menopause": "pre", "surgery": "mastectomy"},
    {"deposit_mm": 3.0, "positive_nodes": 4, "er": "pos", "pr": "neg", "her2": "pos", "menopause": "post",
     "surgery": "bcs", "neoadjuvant": "yes"},
]  # fmt: skip


def _page_from(site_packages, mode: str) -> dict:
    calls = "".join(json.dumps([p, r]) + "\n" for r in ("trials-2024", "seed-2025") for p in PATIENTS)
    result = subprocess.run(
        [sys.executable, "-c", FROM_THE_WHEEL, mode],
        input=calls,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=site_packages,
        env={**os.environ, "PYTHONPATH": str(site_packages)},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    out = json.loads(result.stdout)
    assert out["file"].startswith(str(site_packages)), out["file"]  # the wheel's copy, not the checkout's
    return out


@pytest.fixture(scope="module")
def site_wheel(tmp_path_factory):
    """The micromets wheel the site build writes (with the data parsed ahead), unpacked as the page does."""
    from micromets.ground.datafiles import PARSED_AHEAD

    bundle = json.dumps(build.parsed_ahead_bundle(), ensure_ascii=False)
    wheel = build.micromets_wheel(log=lambda _: None, extra={f"micromets/{PARSED_AHEAD}": bundle})
    folder = tmp_path_factory.mktemp("site-packages")
    zipfile.ZipFile(wheel).extractall(folder)
    return folder


@pytest.mark.install
@pytest.mark.slow
def test_the_sites_wheel_answers_as_the_checkout_without_yaml_or_a_layout_search(site_wheel):
    from micromets.site import page

    out = _page_from(site_wheel, "no-yaml")
    assert out["ahead"]
    expected = [
        [json.loads(page.update(p, r)), json.loads(page.recommend_json({**p, "ruleset": r}))]
        for r in ("trials-2024", "seed-2025")
        for p in PATIENTS
    ]
    assert out["answers"] == expected  # plans, route drawings and the CLI's JSON, to the character


@pytest.mark.install
@pytest.mark.slow
def test_data_parsed_ahead_is_not_used_once_a_file_it_was_made_from_changes(site_wheel, tmp_path):
    import shutil

    changed = tmp_path / "site-packages"
    shutil.copytree(site_wheel, changed)
    vocabulary = changed / "micromets" / "data" / "vocabulary.yaml"
    vocabulary.write_text(vocabulary.read_text(encoding="utf-8") + "\n# edited after the build\n", encoding="utf-8")
    out = _page_from(changed, "with-yaml")
    assert not out["ahead"]  # every file parsed afresh, and the stages derived again
    assert out["answers"] == _page_from(site_wheel, "no-yaml")["answers"]


@pytest.fixture
def fresh_loaders():
    """The packaged-data loaders' caches emptied before and after (a test feeds them other text)."""
    from micromets.ground import evidence, vocabulary
    from micromets.ground.words import patient
    from micromets.pathway import ruleset

    caches = [vocabulary.shipped, patient.shipped_patient_words, evidence.registry, ruleset._load_shipped]
    for loader in caches:
        loader.cache_clear()
    yield
    for loader in caches:
        loader.cache_clear()


@pytest.mark.parametrize(
    ("relative", "edit", "expected"),
    [
        ("data/evidence.yaml", ("name:", "nmae:"), r"micromets/data/evidence\.yaml: .*nmae"),
        ("rulesets/seed-2025.yaml", ("cite:", "cites:"), r"micromets/rulesets/seed-2025\.yaml: nodes\.\w+\.step"),
        ("data/vocabulary.yaml", ("\n", "\n  bad: [\n", 1), r"micromets/data/vocabulary\.yaml: line \d+"),
    ],
)
def test_a_malformed_packaged_file_stops_the_build_naming_the_file_and_key(
    relative, edit, expected, fresh_loaders, monkeypatch
):
    from micromets.ground import datafiles

    real = datafiles.packaged_text

    def broken(name):
        text = real(name)
        return text.replace(*edit) if name == relative else text

    monkeypatch.setattr(datafiles, "packaged_text", broken)
    with pytest.raises(datafiles.DataFileError, match=expected) as caught:
        build.parsed_ahead_bundle()
    assert "\n" not in str(caught.value)


def test_without_node_the_build_says_the_page_will_compile_at_start(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # nothing compiled yet
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    wheel = build.cache_folder() / "wheels" / "micromets-x" / "micromets-0.1.0-py3-none-any.whl"
    said = []
    assert build.compile_bytecode(tmp_path, wheel, log=said.append) is None
    assert said == ["node was not found on PATH: the page will compile Python from source at every start (slower)"]


# ------------------------------------------------------------------ the page's words are data


def instructors_site_words():
    """The shipped ``site:`` words as an instructor rewrote them (a "<" in two of them, too)."""
    import copy

    from micromets.ground.datafiles import read_packaged
    from micromets.ground.words.site import parse_site_words

    section = copy.deepcopy(read_packaged("data/vocabulary.yaml")["site"])
    section.update(
        lang="fr",
        title="Micrométastases axillaires",
        heading="Explorer le parcours <pas à pas>",
        unset="vide",
        guide_title="Pendant que Python démarre :",
        plan_waiting="Le plan arrive dans quelques secondes.",
        guide_details="Cliquez une case ; « $whole » montre tout.",
        footer="Tout se passe dans votre navigateur (Pyodide $version).",
        step_python="Démarrage de Python ($size Mo)…",
        step_install="Installation…",
        step_engine="Le moteur démarre…",
        step_plan="Premier plan…",
        load_failed="$file introuvable ($status)",
        start_failed="Python ne démarre pas </script> ici : $error",
    )
    return parse_site_words(section, "mine.yaml")


def manifest_of(page: str) -> dict:
    """The manifest the page's script reads (as the browser's JSON.parse would)."""
    import re

    return json.loads(re.search(r'id="mm-manifest">(.*?)</script>', page, re.S).group(1))


def test_an_instructors_site_words_change_the_built_page_without_code():
    rulesets = [("trials-2024", "Trials")]
    shipped = build.page_html(rulesets, {"default_ruleset": "trials-2024"})
    page = build.page_html(rulesets, {"default_ruleset": "trials-2024"}, instructors_site_words())
    assert '<html lang="fr">' in page and "<title>Micrométastases axillaires</title>" in page
    assert "<h1>Explorer le parcours &lt;pas à pas&gt;</h1>" in page  # the instructor's "<" is text
    assert "Cliquez une case ; « <em>Whole pathway</em> » montre tout." in page  # the chart's own button
    assert f"Tout se passe dans votre navigateur (Pyodide {build.PYODIDE_VERSION})." in page
    assert "placeholder='vide'" in page and "placeholder='not given'" in shipped
    gone = ("explore the pathway", "runs here in your browser", "While Python starts", "Starting Python", "not given")
    for english in gone:
        assert english in shipped and english not in page
    # What the script says is in its manifest, whole: an instructor's "</script>" does not end it early.
    said = manifest_of(page)["words"]
    assert said["step_python"] == "Démarrage de Python ($size Mo)…" and said["step_plan"] == "Premier plan…"
    assert said["start_failed"] == "Python ne démarre pas </script> ici : $error"
    assert page.count("</script>") == shipped.count("</script>")
    assert manifest_of(shipped)["words"]["band"] == "$size mm: $deposit_class"  # the explorer's, one copy
