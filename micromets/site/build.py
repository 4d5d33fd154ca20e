"""Build the static explorer folder: ``python -m micromets site -o DIR``.

What is fetched, and from where (nothing else; the page loads nothing from outside its folder):

- the Pyodide core from the npm registry (``npm pack pyodide@VERSION``), pinned by version and
  checked against its sha512 integrity hash, kept in the user's cache folder;
- a micromets wheel built here from this checkout (``pip wheel --no-deps``), and a pure-Python
  PyYAML wheel built from its source distribution (``PYYAML_FORCE_LIBYAML=0``), both cached.

What is done now so that the page starts fast (the page checks each against its source, so none
can change an answer): the packaged data the page reads is parsed and checked by its loaders and
put into the page's wheel as JSON, with each shipped ruleset's stages (``parsed_ahead_bundle``);
the modules the page imports are compiled to bytecode by the page's own Python, Pyodide run
under Node (``compile_bytecode``), into ``pyodide/python_stdlib.zip`` and ``micromets-bytecode.zip``.
Pyodide's memory snapshot would skip more of its start, but in 314.0.7 it is private API
(``_loadSnapshot``, marked ignore in its types), so it is not used.

The pathway views, the click details and the trial figures are drawn now, in CPython, by the
same ``micromets.flowchart`` and ``micromets.figures`` the notebooks use (matplotlib does not
run in the page); the route of each patient is drawn in the page by the same flowchart code.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from functools import partial
from importlib import resources
from pathlib import Path

from ..ground.datafiles import prepare_output
from ..ground.errors import InputError
from ..ground.words.explorer import shipped_explorer_words
from ..ground.words.phrases import fill_html
from ..ground.words.site import SCRIPT_WORDS, shipped_site_words
from ..pathway.engine import DISCLAIMER
from ..pathway.patient import INPUT_FIELDS, InputField
from ..pathway.ruleset import load_ruleset, shipped_names
from ..views.form import button_values, choice_label, deposit_track, input_groups, is_button_row

PYODIDE_VERSION = "314.0.7"
# The npm registry's integrity of pyodide-314.0.7.tgz (`npm view pyodide@314.0.7 dist.integrity`).
PYODIDE_INTEGRITY = "sha512-0YvXxEhfEdpLfb/XkM2BFAeMROq0iMUX2bzzH9pOttyMcWkwq+HbE5uyuGD82LN7y2q+SNvi/6V5JEsOlD2R1A=="
# The files of the npm package the page needs (the rest are docs, types and consoles).
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
PYYAML_VERSION = "6.0.3"
DEFAULT_RULESET = "trials-2024"
MARKER = ".micromets-site"  # says a folder was written by this command (so --force may clear it)
ASSETS = ("app.js", "style.css")


class SiteBuildError(Exception):
    """The site could not be built; the message says what is missing and how to get it."""


def cache_folder() -> Path:
    """Where downloads and built wheels are kept between builds (``$XDG_CACHE_HOME/micromets``)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    folder = Path(base) / "micromets"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def integrity_of(data: bytes) -> str:
    """The npm-style sha512 integrity string of some bytes.

    >>> integrity_of(b"")[:20]
    'sha512-z4PhNX7vuL3xV'
    """
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode("ascii")


def _run(command: list[str], what: str, env: dict | None = None, cwd: Path | None = None) -> None:
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=cwd)
    if result.returncode != 0:
        tail = (result.stderr or result.stdout).strip().splitlines()[-3:]
        raise SiteBuildError(f"{what} failed: {' / '.join(tail)}")


def pyodide_tarball(log=print) -> Path:
    """The pinned Pyodide npm tarball, from the cache or fetched with ``npm pack`` once;
    refused unless its bytes match ``PYODIDE_INTEGRITY``."""
    cached = cache_folder() / f"pyodide-{PYODIDE_VERSION}.tgz"
    if not cached.exists():
        npm = shutil.which("npm")
        if npm is None:
            raise SiteBuildError(
                "npm was not found on PATH; the site build fetches the Pyodide core from the npm registry once "
                "(install Node's npm, e.g. `apt-get install npm` on Debian, then run the command again)"
            )
        log(f"fetching pyodide {PYODIDE_VERSION} with npm (once; kept in {cache_folder()})")
        with tempfile.TemporaryDirectory() as scratch:
            _run([npm, "pack", f"pyodide@{PYODIDE_VERSION}", "--silent"], "npm pack pyodide", cwd=Path(scratch))
            packed = Path(scratch) / f"pyodide-{PYODIDE_VERSION}.tgz"
            if integrity_of(packed.read_bytes()) != PYODIDE_INTEGRITY:
                raise SiteBuildError(f"the pyodide {PYODIDE_VERSION} package does not match its pinned integrity hash")
            shutil.move(str(packed), cached)
    if integrity_of(cached.read_bytes()) != PYODIDE_INTEGRITY:
        cached.unlink()
        raise SiteBuildError(f"the cached {cached.name} did not match its pinned integrity hash; removed, run again")
    return cached


def _source_root() -> Path:
    root = Path(__file__).resolve().parents[2]
    if not (root / "pyproject.toml").exists():
        raise SiteBuildError(
            "the site build needs a source checkout of micromets (it builds the wheel the page installs); "
            "run it from a clone (pip install -e .)"
        )
    return root


def _package_files(root: Path) -> list[Path]:
    skip = {"__pycache__", ".ipynb_checkpoints"}
    files = [p for p in (root / "micromets").rglob("*") if p.is_file() and not skip & set(p.parts)]
    return sorted(files) + [root / "pyproject.toml", root / "README.md"]


# The packaged data files the page reads (the vocabulary, the registry, the shipped rulesets).
AHEAD_DATA = ("data/vocabulary.yaml", "data/evidence.yaml")


def parsed_ahead_bundle() -> dict:
    """The page's packaged data parsed and checked now, with each shipped ruleset's stages, as the
    plain data ``datafiles.PARSED_AHEAD`` holds in the page's wheel (the page then parses no YAML
    and searches no layout at start). Every file is first read by its own loader (vocabulary,
    patient words, registry, ``load_ruleset``), so a malformed one stops the build with the
    loader's message, naming the file and the key.

    >>> bundle = parsed_ahead_bundle()
    >>> sorted(bundle), bundle["stages"]["seed-2025"][0][:2]
    (['data', 'made_from', 'stages'], ['deposit', 'Nodal staging and axilla'])
    """
    from ..ground.datafiles import PARSED_AHEAD, packaged_text, parse_data, text_digest
    from ..ground.evidence import registry
    from ..ground.vocabulary import shipped as shipped_vocabulary
    from ..ground.words.patient import shipped_patient_words
    from ..views.flowchart.stage_views import derive_stages

    if (resources.files("micromets") / PARSED_AHEAD).is_file():  # it would shadow the files it was made from
        raise SiteBuildError(f"micromets/{PARSED_AHEAD} is in the checkout; only the site's wheel may hold it")
    shipped_vocabulary(), shipped_patient_words(), registry()
    rulesets = {name: load_ruleset(name) for name in shipped_names()}
    files = [*AHEAD_DATA, *(f"rulesets/{name}.yaml" for name in rulesets)]
    texts = {relative: packaged_text(relative) for relative in files}
    return {
        "made_from": {relative: text_digest(text) for relative, text in texts.items()},
        "data": {relative: parse_data(text, f"micromets/{relative}") for relative, text in texts.items()},
        "stages": {
            name: [[s.id, s.title, list(s.nodes), s.kind] for s in derive_stages(rules)]
            for name, rules in rulesets.items()
        },
    }


def micromets_wheel(log=print, extra: dict[str, str] | None = None) -> Path:
    """A wheel of this checkout (``pip wheel --no-deps`` of a clean copy), cached by its content;
    ``extra`` adds files (path below the checkout -> text) to the copy, not to the checkout."""
    root = _source_root()
    extra = extra or {}
    digest = hashlib.sha256()
    for path in _package_files(root):
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    for name, text in sorted(extra.items()):
        digest.update(name.encode() + b"\0" + text.encode("utf-8"))
    folder = cache_folder() / "wheels" / f"micromets-{digest.hexdigest()[:16]}"
    found = sorted(folder.glob("micromets-*.whl")) if folder.exists() else []
    if found:
        return found[0]
    log("building the micromets wheel")
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "src"
        for path in _package_files(root):  # a copy, so the build leaves no build/ or egg-info in the checkout
            target = copy / path.relative_to(root)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
        for name, text in extra.items():
            (copy / name).write_text(text, encoding="utf-8")
        built = Path(scratch) / "out"
        _run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(built), str(copy)], "pip wheel .")
        folder.mkdir(parents=True, exist_ok=True)
        wheel = next(built.glob("micromets-*.whl"))
        shutil.move(str(wheel), folder / wheel.name)
    return folder / wheel.name


def pyyaml_wheel(log=print) -> Path:
    """A pure-Python PyYAML wheel (no libyaml: Pyodide cannot load a C extension built here)."""
    folder = cache_folder() / "wheels"
    wheel = folder / f"pyyaml-{PYYAML_VERSION}-py3-none-any.whl"
    if wheel.exists():
        return wheel
    log(f"building a pure-Python PyYAML {PYYAML_VERSION} wheel (once)")
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        env = {**os.environ, "PYYAML_FORCE_LIBYAML": "0"}
        command = [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-binary=pyyaml"]
        _run([*command, "-w", scratch, f"pyyaml=={PYYAML_VERSION}"], "building the PyYAML wheel", env=env)
        built = next(Path(scratch).glob("*.whl"), None)
        if built is None or not built.name.endswith("-none-any.whl"):
            raise SiteBuildError("the PyYAML wheel was not pure Python (was PYYAML_FORCE_LIBYAML honoured?)")
        shutil.move(str(built), wheel)
    return wheel


def compile_bytecode(core: Path, wheel: Path, log=print) -> tuple[Path, Path] | None:
    """The modules the page imports compiled to bytecode by the page's own Python (Pyodide under
    Node, ``bytecode.mjs``): Pyodide's ``python_stdlib.zip`` with a .pyc beside each imported module,
    and a zip of micromets' ``__pycache__`` files. Cached beside the wheel. None, said in one line,
    when Node is missing: the page then compiles them at each start, as it did before (slower)."""
    folder = wheel.parent
    stdlib, ours = folder / f"python_stdlib-{PYODIDE_VERSION}.zip", folder / f"micromets-bytecode-{PYODIDE_VERSION}.zip"
    if stdlib.exists() and ours.exists():
        return stdlib, ours
    node = shutil.which("node")
    if node is None:
        log("node was not found on PATH: the page will compile Python from source at every start (slower)")
        return None
    log("compiling the page's modules to bytecode with Pyodide under Node")
    script = resources.files("micromets.site").joinpath("bytecode.mjs")
    with tempfile.TemporaryDirectory() as scratch:
        _run([node, str(script), str(core.resolve()), str(wheel), scratch], "compiling the page's bytecode")
        shutil.move(str(Path(scratch) / "python_stdlib.zip"), stdlib)
        shutil.move(str(Path(scratch) / "micromets-bytecode.zip"), ours)
    return stdlib, ours


# ------------------------------------------------------------------ what the page shows, drawn now


def chart_data(ruleset: str) -> dict:
    """The pathway views and click details of one shipped ruleset, drawn by the flowchart module.

    >>> data = chart_data("seed-2025")
    >>> data["views"][0][1], "mm-node" in data["svgs"][""], "Why" in data["details"]["axilla_micro"]
    ('Whole pathway', True, True)
    """
    from ..views.flowchart import details_html, flowchart_svg, flowchart_words, node_details, stages
    from ..views.flowchart.panel import panel_words

    rules = load_ruleset(ruleset)
    listed = stages(rules)
    said = flowchart_words(rules)
    views = [["", said.say("whole"), []], ["route", said.say("route"), []]]
    views += [[s.id, s.title, list(s.nodes)] for s in listed]
    svgs = {"": flowchart_svg(rules)} | {s.id: flowchart_svg(rules, (), s.id) for s in listed}
    details = {n: details_html(node_details(rules, n), rules.vocabulary.plan_words) for n in rules.nodes}
    words = panel_words(rules)  # the panel's own words, as the notebook widget sends them
    return {"id": rules.id, "title": rules.title, "views": views, "svgs": svgs, "details": details, "words": words}


def figure_ids(rulesets) -> list[str]:
    """The registry entries the shipped rulesets cite that have a trial figure.

    >>> "ibcsg-23-01" in figure_ids(["seed-2025"])
    True
    """
    from ..views.figure_index import has_figure

    cited: dict[str, None] = {}
    for name in rulesets:
        rules = load_ruleset(name)
        for node in rules.nodes.values():
            if node.step is not None:
                cited.update(dict.fromkeys(c for c in node.step.citations if has_figure(c)))
    return list(cited)


def write_figures(folder: Path, ids) -> dict[str, dict]:
    """Draw each trial figure as SVG into ``folder``; returns id -> file and alt text."""
    from ..ground.evidence import registry
    from ..views.figure_index import describe
    from ..views.figures import encode

    encode.off_screen()  # the build draws files; no window
    from ..views.figures.trials import figure_for

    folder.mkdir(parents=True, exist_ok=True)
    index = {}
    for entry_id in ids:
        figure = figure_for(entry_id)
        name = f"{entry_id}.svg"
        (folder / name).write_bytes(encode.figure_bytes(figure, "svg"))
        encode.close(figure)
        index[entry_id] = {"file": f"figures/{name}", "alt": describe(entry_id), "name": registry()[entry_id].name}
    return index


# ------------------------------------------------------------------ the form, from INPUT_FIELDS


def _field_html(spec: InputField, words) -> str:
    esc = html.escape
    help_text = esc(spec.help or spec.label, quote=True)
    if is_button_row(spec):
        values = button_values(spec)
        options = [("", shipped_explorer_words()["not_given"])] if spec.optional else []
        options += [(str(v), choice_label(spec, v) if spec.kind == "choice" else str(v)) for v in values]
        start = "" if spec.default is None else str(spec.default)
        buttons = "".join(
            f"<label class='mm-choice'><input type='radio' name='{spec.name}' value='{esc(value, quote=True)}'"
            f"{' checked' if value == start else ''}><span>{esc(text)}</span></label>"
            for value, text in options
        )
        return (
            f"<fieldset class='mm-field mm-buttons' data-field='{spec.name}' data-kind='{spec.kind}' "
            f"title='{help_text}'>"
            f"<legend>{esc(spec.label)}</legend><div class='mm-row'>{buttons}</div></fieldset>"
        )
    resting = spec.default if spec.default is not None else (spec.typical if spec.typical is not None else spec.minimum)
    top = spec.maximum if spec.maximum is not None else max(spec.reach or resting, resting)
    step = "1" if spec.kind == "int" else ("0.01" if (spec.reach or top) <= 10 else "0.1")
    value = "" if spec.default is None else f"{spec.default:g}"
    unset = " mm-unset" if spec.default is None else ""
    # The deposit's track shows the ITC, micro and macro bands to scale, as in the notebook explorer.
    band = f" style='background:{deposit_track(top)}'" if spec.name == "deposit_mm" else ""
    slider = (
        f"<input type='range' class='mm-slider{unset}' data-for='{spec.name}' min='{spec.minimum:g}' max='{top:g}' "
        f"step='{step}' value='{resting:g}' aria-label='{esc(spec.label, quote=True)} (slider)' tabindex='-1'{band}>"
        if spec.maximum is not None or spec.reach is not None
        else ""
    )
    row = "mm-row mm-range mm-banded" if band else "mm-row"
    maximum = f" max='{spec.maximum:g}'" if spec.maximum is not None else ""
    placeholder = f" placeholder='{esc(words['unset'], quote=True)}'" if spec.optional else ""
    return (
        f"<div class='mm-field mm-number' data-field='{spec.name}' data-kind='{spec.kind}' title='{help_text}'>"
        f"<label for='mm-in-{spec.name}'>{esc(spec.label)}</label><div class='{row}'>{slider}"
        f"<input type='number' id='mm-in-{spec.name}' name='{spec.name}' min='{spec.minimum:g}'{maximum} "
        f"step='any' value='{value}' data-resting='{resting:g}'{placeholder}></div></div>"
    )


def form_html(words=None) -> str:
    """The inputs as real form controls named after ``INPUT_FIELDS``, grouped as in the explorer
    (``words``: the page's, default the shipped ``site:`` words).

    >>> html_ = form_html()
    >>> "name='her2'" in html_ and "name='deposit_mm'" in html_ and "<legend>Pathology</legend>" in html_
    True
    """
    words = words or shipped_site_words()
    groups = []
    for title, names in input_groups():
        fields = "".join(
            _field_html(INPUT_FIELDS[name], words)
            # The deposit's class, in words, right under its control (filled in by the page).
            + ("<p class='mm-class' id='mm-class' aria-live='polite'></p>" if name == "deposit_mm" else "")
            for name in names
        )
        groups.append(f"<fieldset class='mm-group'><legend>{html.escape(title)}</legend>{fields}</fieldset>")
    return "".join(groups)


def page_html(rulesets: list[tuple[str, str]], manifest: dict, words=None, explorer=None) -> str:
    """The whole ``index.html``: loading state, inputs, chart and plan regions, disclaimer once.

    Its words are ``words`` (the ``site:`` section, default the shipped one) and ``explorer`` (the
    ``explorer:`` section, default the shipped one); what the page's script says goes into its
    manifest as ``words``, so no English is left in app.js.

    >>> page = page_html([("trials-2024", "Trials")], {"default_ruleset": "trials-2024"})
    >>> "<h1>Axillary micrometastases: explore the pathway</h1>" in page, '"step_install"' in page
    (True, True)
    """
    from ..views.flowchart import flowchart_words
    from ..views.flowchart.panel import CSS as FLOWCHART_CSS  # the notebook chart panel's look, shared
    from ..views.range_input import CSS as RANGE_CSS  # the banded deposit slider's look, shared
    from ..views.render import PLAN_CSS

    esc = html.escape
    text = partial(html.escape, quote=False)  # text between tags: an apostrophe stays one
    words = words or shipped_site_words()
    explorer = explorer or shipped_explorer_words()
    said = {key: words[key] for key in SCRIPT_WORDS} | {"band": explorer["band"]}
    # In a <script> element "</script>" would end it early: an instructor's "<" is sent as \u003c.
    manifest_json = json.dumps({**manifest, "words": said}).replace("<", "\\u003c")
    # The guide names the flowchart's own button, so a renamed button is renamed there too.
    whole = flowchart_words(load_ruleset(manifest["default_ruleset"])).say("whole")
    waiting = f'<p class="mm-waiting">{text(words["plan_waiting"])}</p>'
    options = "".join(
        f"<option value='{esc(name, quote=True)}'{' selected' if name == DEFAULT_RULESET else ''}>{esc(title)}</option>"
        for name, title in rulesets
    )
    return f"""<!doctype html>
<html lang="{esc(words["lang"], quote=True)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{text(words["title"])}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="style.css">
<style>{PLAN_CSS}{FLOWCHART_CSS}{RANGE_CSS}</style>
<script type="application/json" id="mm-manifest">{manifest_json}</script>
<script type="module" src="app.js"></script>
</head>
<body>
<main class="mm-explorer" aria-busy="true">
<header class="mm-head">
<h1>{text(words["heading"])}</h1>
<p class="mm-disclaimer" role="note">{esc(DISCLAIMER)}</p>
<label class="mm-ruleset">{text(explorer["pathway"])} <select name="ruleset" id="mm-ruleset">{options}</select></label>
<div class="mm-loading" role="status" aria-live="polite">
<span class="mm-spinner" aria-hidden="true"></span>
<progress id="mm-progress" max="100" value="2"></progress> <span id="mm-progress-text">{text(words["loading"])}</span>
</div>
</header>
<div class="mm-body">
<form class="mm-inputs" id="mm-form" autocomplete="off" onsubmit="return false">
<fieldset id="mm-all" disabled>{form_html(words)}</fieldset>
<p class="mm-note">{esc(explorer["greyed_out"])}</p>
<p class="mm-error" id="mm-error" role="alert"></p>
</form>
<section class="mm-flowchart" aria-label="{esc(explorer["flowchart"], quote=True)}"><div class="mm-waiting mm-guide">
<p>{text(words["guide_title"])}</p>
<ul>
<li>{text(words["guide_inputs"])}</li>
<li>{text(words["guide_chart"])}</li>
<li>{fill_html(words["guide_details"], whole=f"<em>{esc(whole)}</em>")}</li>
</ul></div></section>
<section class="mm-plan" aria-label="{esc(words["plan_region"], quote=True)}">{waiting}</section>
</div>
<footer class="mm-foot">{fill_html(words["footer"], version=PYODIDE_VERSION)}</footer>
</main>
</body>
</html>
"""


def download_size(folder: Path) -> str:
    """What the page's first step downloads (every file of the Pyodide core in ``folder``), in
    whole megabytes, as its loading step says it: measured at each build, so a Pyodide upgrade or
    a bigger bytecode zip never leaves a stale number on the page.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as scratch:
    ...     _ = (Path(scratch) / "pyodide.asm.wasm").write_bytes(bytes(2_600_000))
    ...     download_size(Path(scratch))
    '3'
    """
    return f"{sum(p.stat().st_size for p in folder.rglob('*') if p.is_file()) / 1e6:.0f}"


def build_site(out: str | Path, *, force: bool = False, log=print) -> Path:
    """Write the static explorer into ``out`` (a new or empty folder, or with ``force`` one this
    command wrote before). Returns the folder. Raises ``SiteBuildError`` naming what is missing."""
    started = time.perf_counter()
    target = Path(out)
    if force and target.is_dir() and any(target.iterdir()):
        if not (target / MARKER).exists():
            raise InputError("out", f"{target} holds files this command did not write; give an empty folder")
        shutil.rmtree(target)
    target = prepare_output(target, force=force, folder=True)
    target.mkdir(exist_ok=True)
    tarball = pyodide_tarball(log)
    from ..ground.datafiles import PARSED_AHEAD

    ahead = {f"micromets/{PARSED_AHEAD}": json.dumps(parsed_ahead_bundle(), ensure_ascii=False)}
    wheels = [pyyaml_wheel(log), micromets_wheel(log, ahead)]
    core = target / "pyodide"
    core.mkdir()
    with tarfile.open(tarball) as archive:
        for name in PYODIDE_FILES:
            member = archive.getmember(f"package/{name}")
            (core / name).write_bytes(archive.extractfile(member).read())
    for wheel in wheels:
        shutil.copy2(wheel, target / wheel.name)
    compiled = compile_bytecode(core, wheels[-1], log)
    if compiled is not None:
        stdlib, bytecode = compiled
        shutil.copy2(stdlib, core / "python_stdlib.zip")  # Pyodide's own, with the .pyc files added
        shutil.copy2(bytecode, target / "micromets-bytecode.zip")
    log("drawing the pathway views and trial figures")
    names = shipped_names()
    data = target / "data"
    data.mkdir()
    for name in names:
        (data / f"{name}.json").write_text(json.dumps(chart_data(name)), encoding="utf-8")
    figures = write_figures(target / "figures", figure_ids(names))
    (data / "figures.json").write_text(json.dumps(figures), encoding="utf-8")
    manifest = {
        "pyodide": PYODIDE_VERSION,
        "wheels": [w.name for w in wheels],
        "bytecode": "micromets-bytecode.zip" if compiled is not None else None,
        "python_size": download_size(core),  # filled into the step_python words by the page's script
        "rulesets": names,
        "default_ruleset": DEFAULT_RULESET,
        "fields": list(INPUT_FIELDS),
    }
    rulesets = [(name, load_ruleset(name).title) for name in names]
    (target / "index.html").write_text(page_html(rulesets, manifest), encoding="utf-8")
    from ..views.flowchart.panel import ESM

    # The flowchart panel's front end is the notebook widget's own module, not a copy kept here.
    (target / "flowchart.js").write_text(ESM, encoding="utf-8")
    assets = resources.files("micromets.site") / "assets"
    for name in ASSETS:
        (target / name).write_text(assets.joinpath(name).read_text(encoding="utf-8"), encoding="utf-8")
    (target / MARKER).write_text(f"written by python -m micromets site (pyodide {PYODIDE_VERSION})\n")
    size = sum(p.stat().st_size for p in target.rglob("*") if p.is_file())
    log(f"wrote {target} ({size / 1e6:.1f} MB) in {time.perf_counter() - started:.0f} s")
    return target


def add_site_command(commands) -> None:
    """Register ``site`` on the CLI's sub-command parser."""
    parser = commands.add_parser(
        "site",
        help="write the explorer as a static folder that runs in the browser (no server)",
        description="Write the explorer as a static folder (index.html, Pyodide, wheels) for any static host. "
        "Needs npm on PATH the first time (the Pyodide core comes from the npm registry). " + DISCLAIMER,
    )
    parser.add_argument("-o", "--out", required=True, help="the folder to write (new or empty)")
    parser.add_argument("--force", action="store_true", help="replace a folder this command wrote before")
    parser.set_defaults(run=_run_command)


def _run_command(args) -> int:
    try:
        build_site(args.out, force=args.force)
    except SiteBuildError as error:
        print(f"micromets: error: site: {error}", file=sys.stderr)
        return 2
    print(DISCLAIMER)
    return 0
