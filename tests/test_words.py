"""Learners read words, never node ids or raw codes; core modules import no view; only the figure
modules import matplotlib."""

import ast
import re
from pathlib import Path

import pytest

from micromets import Patient, load_ruleset, recommend, shipped_names
from micromets.ground.vocabulary import PLAN_KINDS, shipped
from micromets.pathway.engine import Plan, _body
from micromets.pathway.ruleset import END
from micromets.views.render import plan_summary_html

PACKAGE = Path(__file__).parent.parent / "micromets"
# The layers are the folders (DESIGN.md, layers): ground <- pathway <- views <- exercises <- faces.
# A module may import its own layer and the layers below it, never one above, not even inside
# a function; ground and pathway import no plotting, widget or notebook library either.
LAYERS = ["ground", "pathway", "views", "exercises"]
FACES = {"cli", "links", "audit", "__main__", "site"}  # site: the static explorer's build and page
FORBIDDEN_PACKAGES = {"matplotlib", "ipywidgets", "anywidget", "IPython", "PIL", "nbformat"}


def modules_in(layer: str) -> list[Path]:
    """Every module in a layer's folder, however deep, so a new module cannot slip past the check."""
    return sorted((PACKAGE / layer).rglob("*.py"))


def imported_names(path: Path, source: str | None = None) -> set[str]:
    """Every module name a file (or ``source`` said to live there) imports, relative imports
    resolved to ``micromets....``."""
    package = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1])
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8") if source is None else source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*parent, *([base] if base else [])])
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def layer_of(name: str) -> str | None:
    """The layer (or face) a ``micromets.*`` module name belongs to, or None for other packages."""
    parts = name.split(".")
    if parts[0] != "micromets" or len(parts) < 2:
        return None
    return parts[1] if parts[1] in LAYERS else "faces" if parts[1] in FACES else None


def test_no_module_imports_a_layer_above_its_own():
    for rank, layer in enumerate(LAYERS):
        allowed = set(LAYERS[: rank + 1])
        modules = modules_in(layer)
        assert len(modules) > 3, f"the {layer} folder holds modules"
        for path in modules:
            for name in imported_names(path):
                above = layer_of(name)
                assert above is None or above in allowed, f"{path.relative_to(PACKAGE)} ({layer}) imports {name}"
                if layer in {"ground", "pathway"}:
                    assert name.split(".")[0] not in FORBIDDEN_PACKAGES, f"{path.name} imports {name}"


def test_the_layers_are_the_folders():
    loose = sorted(p.stem for p in PACKAGE.glob("*.py") if p.stem not in {"__init__", "_aliases"})
    assert set(loose) <= FACES, f"modules outside a layer folder: {sorted(set(loose) - FACES)}"
    for layer in LAYERS:
        # the layer's own folder and every folder inside it (flowchart/, figures/, words/, ...)
        for init in sorted((PACKAGE / layer).rglob("__init__.py")):
            doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
            where = init.relative_to(PACKAGE)
            assert doc and "May import" in doc, f"{where} says what it holds and what it may import"


def test_the_import_check_would_catch_a_lazy_view_import():
    sneaky = PACKAGE / "pathway" / "sneaky.py"  # never written: the source is given
    source = "def text(plan):\n    from ..views.render import plan_text\n    import matplotlib.pyplot\n"
    names = imported_names(sneaky, source)
    assert {"micromets.views.render.plan_text", "matplotlib.pyplot"} <= names
    assert layer_of("micromets.views.render.plan_text") == "views"


# Every matplotlib drawing lives in the figure modules (issue 20): drawing, encoding and saving.
FIGURES = PACKAGE / "views" / "figures"


def matplotlib_imports(path: Path, source: str | None = None) -> list[str]:
    """The matplotlib modules a file imports, at its top or inside a function."""
    return sorted(name for name in imported_names(path, source) if name.split(".")[0] == "matplotlib")


def test_only_the_figure_modules_import_matplotlib():
    outside = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if FIGURES not in path.parents
        for name in matplotlib_imports(path)
    ]
    assert outside == [], "draw, encode or save a figure in views/figures/ and call it from here"
    inside = {name for path in FIGURES.rglob("*.py") for name in matplotlib_imports(path)}
    assert {"matplotlib.pyplot", "matplotlib.figure", "matplotlib.patches"} <= inside, "the figures draw"


def test_the_matplotlib_check_would_catch_a_drawing_inside_a_method():
    widget = PACKAGE / "views" / "widgets.py"  # the staging ruler's old home; the source is given
    source = "class Ruler:\n    def _draw(self):\n        from matplotlib.patches import Circle\n"
    assert matplotlib_imports(widget, source) == ["matplotlib.patches", "matplotlib.patches.Circle"]


def _paths_between(rules, start: str, stop: str) -> list[tuple[str, ...]]:
    """Every distinct path from ``start`` up to (not including) ``stop``."""
    paths: list[tuple[str, ...]] = []

    def walk(node_id: str, trail: tuple[str, ...]) -> None:
        if node_id == stop:
            paths.append(trail)
            return
        for nxt in dict.fromkeys(rules.nodes[node_id].successors()):
            walk(nxt, (*trail, node_id))

    walk(start, ())
    return paths


def _reaches_end_without(rules, banned: str) -> bool:
    seen, todo = set(), [rules.start]
    while todo:
        node_id = todo.pop()
        if node_id == END:
            return True
        if node_id == banned or node_id in seen:
            continue
        seen.add(node_id)
        todo.extend(rules.nodes[node_id].successors())
    return False


def path_segments(rules) -> list[list[tuple[str, ...]]]:
    """The graph cut at the nodes every route passes (the stage entries): for each stretch between
    two such nodes, every distinct sub-path. A route is one sub-path per stretch, so the words of
    every route are the words of these sub-paths (the count adds up instead of multiplying)."""
    cuts = [n for n in rules.order() if n == rules.start or not _reaches_end_without(rules, n)] + [END]
    return [_paths_between(rules, a, b) for a, b in zip(cuts[:-1], cuts[1:], strict=True)]


def every_path(rules) -> list[tuple[str, ...]]:
    """Routes that together hold every sub-path of every stretch (each other stretch takes its
    first sub-path): every node, branch and step a route can show, in len(sum) rather than
    len(product) routes.

    >>> len(every_path(load_ruleset("seed-2025"))) > 20
    True
    """
    segments = path_segments(rules)
    firsts = [paths[0] for paths in segments]
    routes = []
    for i, paths in enumerate(segments):
        for sub in paths:
            routes.append(tuple(node for part in (*firsts[:i], sub, *firsts[i + 1 :]) for node in part))
    return list(dict.fromkeys(routes))


def is_composed_of_segments(rules, path: tuple[str, ...]) -> bool:
    """Whether a real route is one sub-path of each stretch, in order."""
    rest = path
    for paths in path_segments(rules):
        match = next((sub for sub in paths if rest[: len(sub)] == sub), None)
        if match is None:
            return False
        rest = rest[len(match) :]
    return rest == ()


PATIENTS = [
    Patient(0, "neg", "neg", "neg", "pre", "bcs"),
    Patient(0.1, "pos", "neg", "pos", "post", "mastectomy", cells=50),
    Patient(1.2, "pos", "pos", "neg", "post", "bcs", recurrence_score=20, age=60, tumor_mm=12, grade=2),
    Patient(3.5, "neg", "neg", "pos", "pre", "mastectomy", positive_nodes=5),
]


def forbidden_tokens(rules_list) -> list[str]:
    """Node ids and plan codes that read as identifiers (an underscore or a hyphen)."""
    tokens = {node_id for rules in rules_list for node_id in rules.nodes if "_" in node_id}
    words = shipped()
    tokens |= {code for kind in PLAN_KINDS for code in words.codes(kind) if "_" in code or "-" in code}
    return sorted(tokens, key=len, reverse=True)


def leaks(text: str, tokens: list[str]) -> list[str]:
    words = set(re.findall(r"[\w-]+", text))  # identifier-like words, hyphens and underscores kept
    found = [t for t in tokens if t in words]
    found += re.findall(r"\b(?:itc|bcs)\b", text)  # lower-case codes that look like words
    return found


@pytest.mark.slow
@pytest.mark.parametrize("name", shipped_names())
def test_every_path_renders_in_words_without_ids_or_codes(name):
    rules = load_ruleset(name)
    tokens = forbidden_tokens([load_ruleset(n) for n in shipped_names()])
    paths = every_path(rules)
    assert {node for path in paths for node in path} == set(rules.nodes)  # every node is shown somewhere
    # Every path the engine takes for a real patient is made of the stretches rendered here.
    for patient in PATIENTS:
        assert is_composed_of_segments(rules, recommend(patient, rules).path)
    for number, path in enumerate(paths):
        patient = PATIENTS[number % len(PATIENTS)]
        plan = Plan(rules.id, patient, path, _body(rules, path))
        for shown in (plan.text(), plan_summary_html(plan)):
            assert leaks(shown, tokens) == [], f"{name}: path {' -> '.join(path)}"


def test_the_leak_check_finds_ids_codes_and_lowercase_itc():
    tokens = forbidden_tokens([load_ruleset("seed-2025")])
    assert leaks("Path: deposit -> axilla_micro", tokens) == ["axilla_micro"]
    assert leaks("Axilla: no_alnd_z0011", tokens) == ["no_alnd_z0011"]
    assert leaks("Deposit: itc", tokens) == ["itc"]
    assert leaks("Deposit: ITC; no axillary lymph node dissection; chemotherapy", tokens) == []


def test_plan_html_keeps_its_classes_and_folds_the_steps():
    html = plan_summary_html(recommend(Patient(1.2, "pos", "pos", "neg", "post", "bcs"), "trials-2024"))
    for css in ("mm-headline", "mm-deposit", "mm-category", "mm-step", "mm-summary", "mm-warnings"):
        assert f"class='{css}'" in html
    assert "<details class='mm-steps'>" in html and "<details open" not in html
    assert ">Micrometastasis<" in html and ">pN1mi<" in html
    assert "<i>Why:</i>" in html and "Route:" in html  # reasons and the route, in words, under the fold


def test_json_keeps_ids_and_codes():
    plan = recommend(Patient(1.2, "pos", "pos", "neg", "post", "bcs"), "trials-2024")
    data = plan.to_dict()
    assert data["axilla"] == "no_alnd" and data["path"][0] == load_ruleset("trials-2024").start
    assert "axilla_micro" in data["path"]
    assert data["steps"][0]["id"] == "axilla_micro"


# Joins and fixed words that live in the vocabulary (plan:, questions:, flowchart:, explorer:,
# compare:, site:, figures:), so a translation or an instructor's wording is a data change: none
# of them may come back as a string in the code a learner's words pass through.
MOVED_JOINS = {" with ", ", then ", "  OR  ", " OR ", "either ", "; or "}
MOVED_WORDS = (
    "Limits of the evidence",
    "Plan under the ruleset",
    "Why:",
    "Route:",
    "Steps:",
    "Warnings:",
    "Evidence:",
    "Sources:",
    "nodal category:",
    "For education only",
    "no systemic therapy",
    "Decided at",
    "AJCC 8th edition:",
    "The answer is",
    "Not quite",
    "Check my answers",
    "Your plan",
    "Whole pathway",
    "select for details",
    "(continued)",
    "not taken",
    "Trial figure",
    "Zoom in",
    "Close the details",
    "Not given",
    "Greyed-out",
    "generated patients (",
    # A trial figure's text equivalent (figures:).
    "(unverified)",
    "Forest plot of",
    "axillary trials' ratios",
    # What a trial figure draws (figures:), and the staging ruler's axis.
    "Source: ",
    "hollow marks",
    "after a PMID",
    "Not drawn (no number",
    "all patients",
    "Outcomes by arm",
    "patients (%)",
    "log scale",
    "favours",
    "arms compared",
    "de-escalation trials",
    "one-sided interval",
    "Survival: no difference",
    "Morbidity: more",
    "any grade (%)",
    "Recurrence-score trials",
    "score 11–25",
    "drawn to scale",
    # A registry number in text (figures:, Endpoint.describe) and the unchecked mark.
    "not yet checked against",
    " CI ",
    "; HR ",
    # The class report's charts (figures:).
    "hardest at the top",
    "learners who answered right",
    "best score first",
    "✓ right",
    "✗ wrong",
    "– no answer",
    "hardest first:",
    "Each learner's answers",
    ", missed ",
    "a figure here shows",
    # The class report's grouped tables (questions.report).
    "case by case",
    "Where the class went wrong",
    "all cases",
    "At a glance",
    "By part of the plan",
    "By receptor subtype",
    "Questions, hardest first",
    "most common wrong answer",
    "answers to review",
    "median score",
    "notes on the files",
    "Class report:",
    "Hardest question:",
    "Shading:",
    "carry the same information",
    "Every answer, learner",
    "to review",
    "every file was read as given",
    "Made with",
    "Graded by the micromets engine",
    "Scores count the questions",
    "Class score: median",
    "Hardest questions:",
    "Weakest plan part",
    "more (all in the report)",
    "held code besides an answer",
    # The static page's own words (site:), in its build and its script.
    "explore the pathway",
    "micromets explorer:",
    "in your browser",
    "how this page works",
    "Loading the page",
    "Installing micromets",
    "Starting the engine",
    "Drawing the first plan",
    "could not start here",
    "could not load",
)
# Moved for the static page only: the pathway still words a condition on a missing input as
# "not given" (conditions.py, ruleset.py), so only the site is held to it.
SITE_ONLY_WORDS = ("not given",)


def _strings_outside_docstrings(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.lineno, node.value


def test_the_joins_and_fixed_words_moved_to_the_vocabulary_stay_there():
    found = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: {text!r}"
        for layer in LAYERS
        for path in modules_in(layer)
        for line, text in _strings_outside_docstrings(path)
        if text in MOVED_JOINS or any(words in text for words in MOVED_WORDS)
    ]
    assert found == [], "words in code; put them in micromets/data/vocabulary.yaml"


SITE = PACKAGE / "site"


def _javascript_without_comments(path: Path):
    """Each line of a script with its ``//`` comment cut off (a URL in a string has none here)."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        yield number, re.sub(r"(^|\s)//.*$", "", line)


def moved_words_in_the_site(site: Path = SITE) -> list[str]:
    """The moved words still written in the static page's build or its script, as file:line: text."""
    found = [
        f"{path.relative_to(site.parent)}:{line}: {text!r}"
        for path in sorted(site.rglob("*.py"))
        for line, text in _strings_outside_docstrings(path)
        if any(words in text for words in (*MOVED_WORDS, *SITE_ONLY_WORDS))
    ]
    found += [
        f"{path.relative_to(site.parent)}:{line}: {code.strip()!r}"
        for path in sorted(site.rglob("*.js")) + sorted(site.rglob("*.mjs"))
        for line, code in _javascript_without_comments(path)
        if any(words in code for words in (*MOVED_WORDS, *SITE_ONLY_WORDS))
    ]
    return found


def test_the_static_pages_words_stay_in_the_vocabulary():
    """The page's build and its script (app.js) write none of the words moved to ``site:``: the
    build fills them in and sends what the script says in the page's manifest."""
    assert moved_words_in_the_site() == [], "words in the site's code; put them in the vocabulary's site: section"


def test_the_site_check_would_catch_a_loading_step_written_back_into_the_script(tmp_path):
    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    (site / "assets" / "app.js").write_text(
        '// Installing micromets: said in words from the manifest\nprogress(70, "Installing micromets…", "install");\n'
    )
    (site / "build.py").write_text('"""Loading the page: the docstring may say it."""\nNOTE = "Loading the page…"\n')
    assert moved_words_in_the_site(site) == [
        "site/build.py:2: 'Loading the page…'",
        'site/assets/app.js:2: \'progress(70, "Installing micromets…", "install");\'',
    ]
