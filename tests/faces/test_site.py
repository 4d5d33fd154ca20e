"""The explorer with no server: ``python -m micromets site`` builds a static folder; served from
127.0.0.1 with nothing else reachable, headless Chromium runs the same engine in the page.

The build (npm's Pyodide, two wheels, the drawings) takes about a minute the first time and a
few seconds from the cache; it is done once for this module.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time

import pytest

from micromets import INPUT_FIELDS, Patient, recommend
from micromets.render import plan_summary_html

from ..browser import ARGS, CHROMIUM
from ..conftest import run_cli
from ..workbook.test_browser import need_chromium

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PORT = 8873  # this module's own port (the site engineer's range, 8870-8879)
READY_SECONDS = 120  # a cold start is about 5 s on an idle laptop; CI shares 2 cores with other work
BASE = {"deposit_mm": 1.2, "er": "pos", "pr": "pos", "her2": "neg", "menopause": "post", "surgery": "bcs"}

# Patients across the pathway's branches: deposit classes, subtypes, surgery, scores, neoadjuvant.
TABLE = [
    {},
    {"deposit_mm": 0},
    {"deposit_mm": 0.1},
    {"deposit_mm": 0.15, "cells": 250},
    {"deposit_mm": 2.5, "positive_nodes": 2},
    {"deposit_mm": 3.0, "positive_nodes": 4, "surgery": "mastectomy"},
    {"her2": "pos"},
    {"er": "neg", "pr": "neg"},
    {"er": "neg", "pr": "neg", "her2": "pos", "menopause": "pre", "age": 38},
    {"recurrence_score": 30, "menopause": "pre", "age": 45},
    {"recurrence_score": 12, "age": 62, "tumor_mm": 18, "grade": 2},
    {"surgery": "mastectomy", "positive_nodes": 3},
    {"neoadjuvant": "yes"},
    {"neoadjuvant": "yes", "deposit_mm": 0, "her2": "pos"},
    {"deposit_mm": 1.2, "ruleset": "seed-2025"},
    {"er": "neg", "pr": "neg", "ruleset": "seed-2025"},
]
# The clinical engineer's newer inputs, where they have landed.
if "gbrca" in INPUT_FIELDS:
    TABLE += [{"gbrca": "yes", "er": "neg", "pr": "neg"}, {"gbrca": "no"}]
if "clinical_nodes" in INPUT_FIELDS:
    TABLE += [{"neoadjuvant": "yes", "clinical_nodes": "cn_positive"}, {"neoadjuvant": "yes", "clinical_nodes": "cn0"}]


# The plan shown equals the renderer's HTML for that plan (both parsed by the browser, so quoting agrees).
SHOWS = """html => { const t = document.createElement('div'); t.innerHTML = html;
                    return document.querySelector('.mm-plan').innerHTML === t.innerHTML; }"""


def cli_json(fields: dict) -> dict:
    args = ["recommend", "--json"]
    for name, value in fields.items():
        args += [f"--{name.replace('_', '-')}", str(value)]
    result = run_cli(*args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    need_chromium()
    folder = tmp_path_factory.mktemp("site") / "out"
    build = subprocess.run(
        [sys.executable, "-m", "micromets", "site", "-o", str(folder)], capture_output=True, text=True, timeout=900
    )
    assert build.returncode == 0, build.stderr
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(PORT), "--bind", "127.0.0.1", "-d", str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while True:  # wait until the server answers (a busy machine starts Python slowly)
        try:
            socket.create_connection(("127.0.0.1", PORT), timeout=1).close()
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                pytest.fail(f"http.server did not start on 127.0.0.1:{PORT} (is the port taken?)")
            time.sleep(0.2)
    try:
        yield folder
    finally:
        server.terminate()
        server.wait(timeout=15)


@pytest.fixture(scope="module")
def browser(site):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def opened(browser):
    """The page at 1366x768, started, with every request and console message it made."""
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    seen = {"requests": [], "console": [], "errors": []}
    page.on("request", lambda r: seen["requests"].append(r.url))
    page.on("console", lambda m: seen["console"].append((m.type, m.text)))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.goto(f"http://127.0.0.1:{PORT}/index.html", wait_until="domcontentloaded")
    start = time.monotonic()
    page.wait_for_function("window.micromets && window.micromets.loadMs > 0", timeout=READY_SECONDS * 1000)
    seen["seconds"] = time.monotonic() - start
    yield page, seen
    context.close()


def test_the_page_shows_a_plan_in_time_after_a_loading_state(opened, site):
    page, seen = opened
    # Before any script runs, the page already shows its loading state and the inputs, held.
    first = (site / "index.html").read_text()
    assert '<progress id="mm-progress"' in first and "Loading the page…" in first
    assert '<fieldset id="mm-all" disabled>' in first
    said = page.evaluate("window.micromets.stages")
    assert said[0].startswith("Starting Python") and len(said) >= 4  # progress through each step
    # The size it names is what the first step downloads, measured on the built files (no stale "13 MB").
    core = sum(p.stat().st_size for p in (site / "pyodide").iterdir() if p.is_file())
    assert f"({round(core / 1e6)} MB the first time" in said[0], (said[0], core)
    # Each step is on the browser's own timeline too (performance marks), in order, for anyone profiling it.
    marks = "performance.getEntriesByType('mark').map(m => m.name).filter(n => n.startsWith('micromets:'))"
    steps = page.evaluate(marks)
    assert steps == ["micromets:python", "micromets:install", "micromets:engine", "micromets:plan", "micromets:ready"]
    assert seen["seconds"] < READY_SECONDS
    assert page.locator(".mm-loading").is_hidden()
    plan = page.locator(".mm-explorer .mm-plan")
    assert "Micrometastasis" in plan.inner_text() and "Axilla:" in plan.inner_text()
    for css in ("mm-explorer", "mm-inputs", "mm-flowchart", "mm-plan"):
        assert page.locator(f".{css}").count() == 1
    assert page.get_by_text("For education only").count() == 1  # the disclaimer, once


def test_an_instructors_site_words_are_what_the_page_says_without_code(site, browser):
    """The page built with an instructor's ``site:`` words (the folder's own manifest and script) says
    them: its title, each step while Python starts and, when a file is missing, why it cannot start."""
    from micromets.pathway.ruleset import load_ruleset
    from micromets.site.build import page_html

    from .test_site_build import instructors_site_words, manifest_of

    manifest = manifest_of((site / "index.html").read_text())
    rulesets = [(name, load_ruleset(name).title) for name in manifest["rulesets"]]
    (site / "mine.html").write_text(page_html(rulesets, manifest, instructors_site_words()), encoding="utf-8")
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.goto(f"http://127.0.0.1:{PORT}/mine.html", wait_until="domcontentloaded")
    page.wait_for_function("window.micromets && window.micromets.loadMs > 0", timeout=READY_SECONDS * 1000)
    assert page.title() == "Micrométastases axillaires"
    said = page.evaluate("window.micromets.stages")
    size = manifest["python_size"]
    assert said == [f"Démarrage de Python ({size} Mo)…", "Installation…", "Le moteur démarre…", "Premier plan…"]
    assert page.locator("#mm-class").inner_text() == "1.2 mm: Micrometastasis"  # the explorer's band, filled in
    assert "Micrometastasis" in page.locator(".mm-plan").inner_text()  # the engine answers as on the shipped page
    context.close()
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    wheel = manifest["wheels"][-1]
    context.route(f"**/{wheel}", lambda route: route.fulfill(status=404, body=""))
    page = context.new_page()
    page.goto(f"http://127.0.0.1:{PORT}/mine.html", wait_until="domcontentloaded")
    page.wait_for_function("document.querySelector('.mm-spinner').hidden", timeout=READY_SECONDS * 1000)
    failed = page.locator("#mm-progress-text").inner_text()
    assert failed == f"Python ne démarre pas </script> ici : {wheel} introuvable (404)"
    context.close()


def test_page_plans_equal_the_cli_for_a_table_of_patients(opened):
    page, _ = opened
    for overrides in TABLE:
        fields = {**BASE, **overrides}
        shown = page.evaluate("fields => window.micromets.recommend(fields)", fields)
        assert shown == cli_json(fields), fields


def test_a_bad_field_is_refused_with_its_name(opened):
    page, _ = opened
    with pytest.raises(Exception, match=r"her2: got 'maybe'; allowed: pos or neg"):
        page.evaluate("fields => window.micromets.recommend(fields)", {**BASE, "her2": "maybe"})


def test_every_input_is_a_form_control_named_after_its_field(opened):
    page, _ = opened
    for name in INPUT_FIELDS:
        assert page.locator(f".mm-inputs [name='{name}']").count() >= 1, name
    titles = page.locator(".mm-inputs .mm-group > legend").all_inner_texts()
    assert titles == ["Pathology", "Tumour biology", "Patient and treatment"]


def test_changing_the_form_shows_the_cli_plan_and_lights_its_route(opened):
    page, _ = opened
    page.locator(".mm-field[data-field='her2'] .mm-choice", has_text="Pos").click()
    page.fill("input[name='deposit_mm']", "0.1")
    page.locator("input[name='deposit_mm']").dispatch_event("change")
    fields = {**BASE, "her2": "pos", "deposit_mm": 0.1}
    expected = plan_summary_html(recommend(Patient(**fields)))
    page.wait_for_function(SHOWS, arg=expected)
    assert page.locator("#mm-class").inner_text() == "0.1 mm: ITC"
    route = page.locator(".mm-fc-canvas svg.mm-route")
    assert route.count() == 1
    path = cli_json(fields)["path"]
    for node in path:
        assert page.locator(f".mm-fc-canvas #mm-route-node-{node}").count() == 1
    # The whole pathway lights the same route by CSS classes.
    page.get_by_role("button", name="Whole pathway").click()
    lit = page.locator(".mm-fc-canvas svg .mm-node.mm-lit").evaluate_all("gs => gs.map(g => g.dataset.node)")
    assert set(lit) == set(path)
    page.get_by_role("button", name="This patient's route").click()


def test_the_ruleset_chooser_switches_the_plan(opened):
    page, _ = opened
    page.select_option("#mm-ruleset", "seed-2025")
    page.wait_for_function("document.querySelector('.mm-plan').innerHTML.includes('mm-headline')")
    expected = plan_summary_html(recommend(Patient(**{**BASE, "her2": "pos", "deposit_mm": 0.1}), "seed-2025"))
    page.wait_for_function(SHOWS, arg=expected)
    page.select_option("#mm-ruleset", "trials-2024")


def test_a_refused_input_is_named_in_words_and_the_last_plan_stays(opened):
    page, _ = opened
    deposit = page.locator("input[name='deposit_mm']")
    deposit.fill("1.2")
    deposit.dispatch_event("change")  # a micrometastasis: the route asks how many nodes
    before = page.locator(".mm-plan").inner_html()
    box = page.locator("input[name='positive_nodes']")
    box.fill("0")
    box.dispatch_event("change")
    error = page.locator("#mm-error")
    assert error.inner_text().startswith("Nodes with a deposit:") and "positive_nodes" not in error.inner_text()
    assert page.locator(".mm-plan").inner_html() == before
    box.fill("1")
    box.dispatch_event("change")
    assert error.inner_text() == ""


def test_clicking_a_node_shows_its_step_reasons_and_a_trial_figure(opened):
    page, _ = opened
    page.locator("#mm-route-node-axilla_micro, .mm-fc-canvas .mm-recommend").first.click()
    panel = page.locator(".mm-fc-details")
    panel.wait_for(state="visible")
    assert "Why:" in panel.inner_text() and "Sources:" in panel.inner_text()
    button = panel.locator("[data-figure]").first
    button.click()
    image = panel.locator(".mm-fc-figure img")
    image.wait_for(state="visible")
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
    assert image.get_attribute("alt").strip()
    page.keyboard.press("Escape")
    assert panel.is_hidden()


def test_labels_are_at_least_12px_at_1366x768(opened):
    page, _ = opened
    small = page.evaluate(
        """() => [...document.querySelectorAll('body *')]
          .filter(el => [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
          .filter(el => el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden')
          .filter(el => !el.closest('script, style, title, option'))
          .map(el => [el.tagName, el.textContent.trim().slice(0, 30), parseFloat(getComputedStyle(el).fontSize)])
          .filter(([, , size]) => size < 12)"""
    )
    assert small == []


def test_every_request_stayed_on_127_0_0_1_and_no_console_error(opened):
    _, seen = opened
    assert seen["requests"] and all(url.startswith(f"http://127.0.0.1:{PORT}/") for url in seen["requests"])
    assert [text for kind, text in seen["console"] if kind == "error"] == []
    assert seen["errors"] == []


def test_the_folder_holds_what_the_page_needs_and_nothing_remote(site):
    names = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    assert {"index.html", "app.js", "style.css", "pyodide/pyodide.asm.wasm", "pyodide/python_stdlib.zip"} <= names
    assert any(n.startswith("micromets-") and n.endswith("-py3-none-any.whl") for n in names)
    assert any(n.startswith("pyyaml-") and n.endswith("-py3-none-any.whl") for n in names)
    for text_file in ("index.html", "app.js", "style.css"):
        text = (site / text_file).read_text()
        assert "https://" not in text and "http://" not in text, text_file
    size = sum((site / n).stat().st_size for n in names)
    assert size < 20e6


def test_axe_finds_no_serious_violation_in_the_page(opened):
    from axe_playwright_python.sync_playwright import Axe

    page, _ = opened
    result = Axe().run(page, context={"include": [[".mm-explorer"]]})
    serious = [
        (v["id"], [(n["target"], n.get("failureSummary", "")) for n in v["nodes"]][:3])
        for v in result.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []


# The page's Python (the site's own Pyodide, run by Node) with -vv: how each module it imports was found.
IMPORTS_JS = r"""
import { readFileSync } from "node:fs";
const site = process.argv[2];
const said = [];
const { loadPyodide } = await import(new URL("pyodide/pyodide.mjs", `file://${site}/`).href);
const pyodide = await loadPyodide({ indexURL: `${site}/pyodide/`, args: ["-vv"], stderr: (l) => said.push(l) });
const html = readFileSync(`${site}/index.html`, "utf8");
const manifest = JSON.parse(html.match(/id="mm-manifest">(.*?)<\/script>/s)[1]);
for (const name of manifest.wheels) pyodide.unpackArchive(new Uint8Array(readFileSync(`${site}/${name}`)), "wheel");
if (manifest.bytecode) pyodide.unpackArchive(new Uint8Array(readFileSync(`${site}/${manifest.bytecode}`)), "zip");
pyodide.runPython(`import micromets.site.page as page
shown = {"deposit_mm": 1.2, "er": "pos", "pr": "pos", "her2": "neg", "menopause": "post", "surgery": "bcs"}
page.update(shown, "trials-2024")`);
console.log(JSON.stringify(said));
"""


def test_every_module_the_page_imports_at_start_comes_as_bytecode(site, tmp_path):
    """Compiling Python from source was about half of each start (Pyodide's standard library ships as
    sources): the build compiles what the page imports, and the page's Python accepts every file of it."""
    import shutil
    import zipfile

    node = shutil.which("node")
    assert node, "the site build needs Node (it comes with npm) to compile the page's bytecode"
    script = tmp_path / "imports.mjs"
    script.write_text(IMPORTS_JS, encoding="utf-8")
    result = subprocess.run([node, str(script), str(site)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    said = json.loads(result.stdout.strip().splitlines()[-1])
    stdlib = set(zipfile.ZipFile(site / "pyodide" / "python_stdlib.zip").namelist())
    tried = "# trying /lib/python314.zip/"
    # zipimport tries a module's .pyc first and its .py only when there is no .pyc or Python refused it.
    from_source = [line[len(tried) :] for line in said if line.startswith(tried) and line[len(tried) :] in stdlib]
    from_source = [name for name in from_source if name.endswith(".py")]
    compiled = [line for line in said if line.startswith("# code object from") and line.endswith(".py'")]
    assert any("micromets/site/__pycache__/page.cpython-314.pyc" in line for line in said)
    assert from_source == [] and compiled == []
