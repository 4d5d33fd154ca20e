"""Learners read words, never node ids or raw codes; core modules import no view."""

import ast
import re
from pathlib import Path

import pytest

from micromets import Patient, load_ruleset, recommend, shipped_names
from micromets.engine import Plan, _body
from micromets.render import plan_summary_html
from micromets.ruleset import END
from micromets.vocabulary import PLAN_KINDS, shipped

PACKAGE = Path(__file__).parent.parent / "micromets"
# Ground and core (DESIGN.md, layers): these never import a view, not even inside a function.
VIEWS = {"render", "compare", "figures", "widgets", "flowchart", "selfcheck", "exercises", "cli", "cohort"}
FORBIDDEN_PACKAGES = {"matplotlib", "ipywidgets", "IPython", "PIL", "nbformat"}


def core_modules() -> list[Path]:
    """The named ground and core modules plus every package module they import (the split
    ruleset modules included), so a new core module cannot slip past the check."""
    todo = ["staging", "evidence", "vocabulary", "datafiles", "patient", "ruleset", "engine", "plan_model"]
    seen: dict[str, Path] = {}
    while todo:
        name = todo.pop()
        path = PACKAGE / f"{name}.py"
        if name in seen or not path.exists():
            continue
        seen[name] = path
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                todo += [node.module] if node.module else [alias.name for alias in node.names]
    return list(seen.values())


def imported_names(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            names.add(base)
            names.update(f"{base}.{alias.name}" if base else alias.name for alias in node.names)
    return names


def test_core_and_ground_modules_import_no_view_anywhere():
    modules = core_modules()
    assert {p.stem for p in modules} >= {"staging", "evidence", "vocabulary", "patient", "engine", "plan_model"}
    assert len(modules) > 9, "the ruleset's own modules are found through its imports"
    for path in modules:
        for name in imported_names(path):
            parts = set(name.split("."))
            assert not parts & VIEWS, f"{path.name} imports the view {name}"
            assert name.split(".")[0] not in FORBIDDEN_PACKAGES, f"{path.name} imports {name}"


def test_the_import_check_would_catch_a_lazy_view_import(tmp_path):
    sneaky = tmp_path / "sneaky.py"
    sneaky.write_text("def text(plan):\n    from .render import plan_text\n    import matplotlib.pyplot\n")
    assert {"render.plan_text", "matplotlib.pyplot"} <= imported_names(sneaky)


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
