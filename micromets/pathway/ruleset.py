"""Rulesets: the treatment pathway as data, loaded safely and proven complete.

A ruleset is a YAML file describing a decision graph. *Question* nodes ask a named
patient field and branch on declarative conditions; *action* nodes add plan steps
(text, rationale, citations, evidence grade) and set parts of the plan, then name the
next node or ``end``. Conditions are small mappings such as ``{eq: micrometastasis}``,
``{in: [pos]}`` or ``{ge: 18, le: 30}``: they are checked when the file loads and
compiled into comparisons; nothing in a file is ever evaluated as code.

Loading refuses a file whole, naming the file and the key, when it has unknown keys,
unknown fields or values, unknown citation ids, unreachable nodes, cycles, a question
that some patient could fall through, or a path that ends with an incomplete plan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from ..ground import vocabulary
from ..ground.checks import check_keys as _check_keys
from ..ground.checks import require as _require
from ..ground.checks import showable_text as _showable
from ..ground.checks import text_of as _text
from ..ground.datafiles import parse_data, printable, read_data, read_packaged, shown
from ..ground.errors import DataFileError
from ..ground.evidence import registry
from .conditions import (
    COVERED,
    Condition,
    askable_fields,
    compile_condition,
    condition_label,
    field_domain,
    uncovered_value,
)
from .graph import END, PLAN_PARTS, prove_graph, topological_order
from .merging import resolve_extends

__all__ = [
    "END",
    "PLAN_PARTS",
    "Branch",
    "Condition",
    "Node",
    "Ruleset",
    "Step",
    "askable_fields",
    "compile_condition",
    "field_domain",
    "load_ruleset",
    "parse_ruleset",
    "read_yaml",
    "safe_yaml",
    "shipped_names",
    "shipped_path",
]

_CODE = re.compile(r"[a-z][a-z0-9_]*")  # always fullmatch: `$` would let a trailing new line through
MAX_NODES = 300  # the shipped pathways have about 40; a cohort comparison walks every patient through them

_TOP_KEYS = {
    "id",
    "title",
    "description",
    "extends",
    "start",
    "warnings",
    "nodes",
    "remove_nodes",
    "patch_nodes",
    "codes",
}
_QUESTION_KEYS = {"ask", "label", "branches", "explain"}
_ACTION_KEYS = {"label", "step", "set", "options", "consider", "warn", "next"}
_STEP_KEYS = {"text", "rationale", "note", "curation", "cite", "evidence"}
_BRANCH_KEYS = {"when", "next", "label"}


@dataclass(frozen=True)
class Branch:
    condition: Condition
    next: str
    label: str


@dataclass(frozen=True)
class Step:
    """A recommendation step as shown to a learner, with its citations and grade."""

    id: str
    text: str
    citations: tuple[str, ...]
    evidence: str
    rationale: str = ""
    note: str = ""  # for learners: a statement about the limits of the evidence
    curation: str = ""  # for curators only (what was checked, where, what is left): never in a plan

    def to_dict(self) -> dict:
        """The step as JSON-ready data (contract keys first)."""
        data = {"id": self.id, "text": self.text, "citations": list(self.citations), "evidence": self.evidence}
        if self.rationale:
            data["rationale"] = self.rationale
        if self.note:
            data["note"] = self.note
        return data


@dataclass(frozen=True)
class Node:
    """A question (``ask`` + ``branches``) or an action (step, plan settings, ``next``)."""

    id: str
    label: str
    ask: str | None = None
    branches: tuple[Branch, ...] = ()
    step: Step | None = None
    sets: tuple[tuple[str, str], ...] = ()
    options: tuple[tuple[str, ...], ...] | None = None
    consider: tuple[str, ...] = ()
    warn: tuple[str, ...] = ()
    next: str | None = None
    explain: str = ""

    @property
    def is_question(self) -> bool:
        return self.ask is not None

    def successors(self) -> list[str]:
        """Node ids this node can lead to (``end`` included)."""
        return [b.next for b in self.branches] if self.is_question else [self.next]


@dataclass(frozen=True, eq=False)  # identity: a loaded ruleset is a value object keyed by itself
class Ruleset:
    """A loaded, proven decision graph. Build one with ``load_ruleset``."""

    id: str
    title: str
    description: str
    start: str
    nodes: dict[str, Node]
    warnings: dict[str, str]
    source: str
    extends: str | None = None
    vocabulary: vocabulary.Vocabulary = None  # the words for this ruleset's codes (shipped + its own)

    def order(self) -> list[str]:
        """Node ids in a topological order from ``start`` (for layout and comparison)."""
        return topological_order(lambda node_id: self.nodes[node_id].successors(), self.start)


# ----------------------------------------------------------------------------- loading


def _parse_step(raw: object, node_id: str, source: str, known: dict) -> Step:
    where = f"nodes.{node_id}.step"
    _require(isinstance(raw, dict), source, where, "a step is a mapping with text, cite and evidence")
    _check_keys(raw, _STEP_KEYS, source, where)
    cite = raw.get("cite")
    _require(
        isinstance(cite, list) and len(cite) > 0,
        source,
        f"{where}.cite",
        "every step cites at least one registry id, as a list",
    )
    for i, cid in enumerate(cite):
        _require(
            isinstance(cid, str) and cid in known,
            source,
            f"{where}.cite[{i}]",
            f"unknown citation id {shown(cid)}; registry ids include {', '.join(sorted(known)[:6])}, ...",
        )
    return Step(
        id=node_id,
        text=_text(raw, "text", source, where),
        citations=tuple(cite),
        evidence=_text(raw, "evidence", source, where),
        rationale=_text(raw, "rationale", source, where, False),
        note=_text(raw, "note", source, where, False),
        curation=_text(raw, "curation", source, where, False),
    )


def _parse_node(node_id: str, raw: object, source: str, known: dict, warnings: dict) -> Node:
    where = f"nodes.{node_id}"
    _require(
        isinstance(node_id, str) and bool(_CODE.fullmatch(node_id)) and node_id != END,
        source,
        where,
        "node ids are lower-case words joined by _ (and 'end' is reserved)",
    )
    _require(isinstance(raw, dict), source, where, "a node is a mapping")
    if "ask" in raw:
        _check_keys(raw, _QUESTION_KEYS, source, where)
        field_name = raw["ask"]
        _require(
            isinstance(field_name, str) and field_name in askable_fields(),
            source,
            f"{where}.ask",
            f"unknown field {shown(field_name)}; allowed: {', '.join(askable_fields())}",
        )
        branches_raw = raw.get("branches")
        _require(
            isinstance(branches_raw, list) and len(branches_raw) >= 2,
            source,
            f"{where}.branches",
            "a question needs a list of at least two branches",
        )
        branches = []
        for i, b in enumerate(branches_raw):
            at = f"{where}.branches[{i}]"
            _require(isinstance(b, dict), source, at, "a branch is a mapping with when and next")
            _check_keys(b, _BRANCH_KEYS, source, at)
            _require("when" in b and isinstance(b.get("next"), str), source, at, "a branch needs when and next")
            cond = compile_condition(b["when"], field_name, f"{at}.when", source)
            label = _text(b, "label", source, at, False, one_line=True) or condition_label(cond.spec)
            branches.append(Branch(cond, b["next"], label))
        node = Node(
            id=node_id,
            label=_text(raw, "label", source, where, one_line=True),
            ask=field_name,
            branches=tuple(branches),
            explain=_text(raw, "explain", source, where, False),
        )
        _check_coverage(node, source)
        return node
    _check_keys(raw, _ACTION_KEYS, source, where)
    _require(
        isinstance(raw.get("next"), str),
        source,
        f"{where}.next",
        "an action node names the next node, or 'end' (a question node needs 'ask')",
    )
    step = _parse_step(raw["step"], node_id, source, known) if "step" in raw else None
    sets = raw.get("set") or {}
    _require(isinstance(sets, dict), source, f"{where}.set", "set is a mapping such as {axilla: no_alnd}")
    for key, value in sets.items():
        _require(key in ("axilla", "radiation"), source, f"{where}.set.{key}", "allowed: axilla, radiation")
        _require(
            isinstance(value, str) and bool(_CODE.fullmatch(value)),
            source,
            f"{where}.set.{key}",
            "a plan code is a lower-case word joined by _",
        )
    options = None
    if "options" in raw:
        opts = raw["options"]
        _require(
            isinstance(opts, list)
            and opts
            and all(isinstance(o, list) and o and all(isinstance(c, str) for c in o) for o in opts),
            source,
            f"{where}.options",
            "options is a list of alternatives, each a non-empty list of components (words)",
        )
        options = tuple(tuple(o) for o in opts)
    consider = raw.get("consider") or []
    _require(
        isinstance(consider, list) and all(isinstance(c, str) for c in consider),
        source,
        f"{where}.consider",
        "a list of items to weigh, such as [bisphosphonate]",
    )
    warn = raw.get("warn") or []
    _require(isinstance(warn, list), source, f"{where}.warn", "a list of warning ids")
    for w in warn:
        _require(
            isinstance(w, str) and w in warnings,
            source,
            f"{where}.warn",
            f"unknown warning id {shown(w)}; defined: {', '.join(warnings)}",
        )
    label = _text(raw, "label", source, where, False, one_line=True) or (
        step.text.split(".")[0] if step else node_id.replace("_", " ")
    )
    _require(
        step is not None or sets or options or consider or warn,
        source,
        where,
        "an action node must add a step or set part of the plan",
    )
    return Node(
        id=node_id,
        label=label,
        step=step,
        sets=tuple(sets.items()),
        options=options,
        consider=tuple(consider),
        warn=tuple(warn),
        next=raw["next"],
    )


def _check_coverage(node: Node, source: str) -> None:
    value = uncovered_value(node.ask, (b.condition for b in node.branches))
    if value is not COVERED:
        shown_value = "not given" if value is None else repr(value)
        raise DataFileError(
            source,
            f"nodes.{node.id}.branches",
            f"a patient with {node.ask} {shown_value} matches no branch (add it, or end with 'when: otherwise')",
        )


def _read_base(name: str, source: str) -> dict:
    _require(
        name in shipped_names(),
        source,
        "extends",
        f"unknown ruleset {shown(name)}; shipped: {', '.join(shipped_names())}",
    )
    return read_yaml(shipped_path(name))


def parse_ruleset(data: object, source: str) -> Ruleset:
    """Check and build a ruleset from parsed YAML data; any error refuses it whole.

    >>> rs = parse_ruleset({"id": "tiny", "title": "Tiny", "start": "q", "nodes": {
    ...   "q": {"ask": "her2", "label": "HER2?", "branches": [
    ...          {"when": {"eq": "pos"}, "next": "a"}, {"when": "otherwise", "next": "a"}]},
    ...   "a": {"set": {"axilla": "no_alnd", "radiation": "whole_breast"}, "options": [["endocrine"]],
    ...         "next": "end"}}}, "tiny.yaml")
    >>> rs.order()
    ['q', 'a']
    """
    _require(isinstance(data, dict), source, "", "a ruleset file is a mapping with id, title, start and nodes")
    _check_keys(data, _TOP_KEYS, source, "")
    _require(
        "extends" in data or not (data.get("remove_nodes") or data.get("patch_nodes")),
        source,
        "remove_nodes" if data.get("remove_nodes") else "patch_nodes",
        "only a ruleset that extends another may use this",
    )
    data = resolve_extends(data, source, _read_base)
    for key in ("id", "title", "start"):
        _require(isinstance(data.get(key), str) and data[key].strip(), source, key, "required text is missing")
    _require(bool(_CODE.fullmatch(data["id"].replace("-", "_"))), source, "id", "lower-case letters, digits, - and _")
    _showable(data["title"], source, "title", one_line=True)
    warnings_raw = data.get("warnings") or {}
    _require(isinstance(warnings_raw, dict), source, "warnings", "a mapping {id: text}")
    for wid, text in warnings_raw.items():
        _require(
            isinstance(wid, str) and bool(_CODE.fullmatch(wid)), source, f"warnings.{wid}", "ids are lower-case words"
        )
        _require(isinstance(text, str) and text.strip(), source, f"warnings.{wid}", "needs a non-empty text")
        _showable(text, source, f"warnings.{wid}")
    nodes_raw = data.get("nodes")
    _require(isinstance(nodes_raw, dict) and nodes_raw, source, "nodes", "a mapping of node id to node")
    _require(
        len(nodes_raw) <= MAX_NODES,
        source,
        "nodes",
        f"{len(nodes_raw):,} nodes; a ruleset has at most {MAX_NODES} (a pathway that large cannot be taught: split it)",
    )
    known = registry()
    nodes = {nid: _parse_node(nid, raw, source, known, warnings_raw) for nid, raw in nodes_raw.items()}
    words = vocabulary.shipped().extended(data.get("codes"), source)  # this ruleset's own codes over the shipped
    vocabulary.check_ruleset_codes(nodes, words, source)
    prove_graph(nodes, data["start"], source)
    return Ruleset(
        id=data["id"],
        title=data["title"].strip(),
        description=_text(data, "description", source, "", False),
        start=data["start"],
        nodes=nodes,
        warnings={k: v.strip() for k, v in warnings_raw.items()},
        source=source,
        extends=data.get("extends"),
        vocabulary=words,
    )


def safe_yaml(text: str, source: str) -> object:
    """Parse YAML text as plain data through the bounded reader (``datafiles.parse_data``).

    >>> safe_yaml("a: !!python/object:os.system x", "demo.yaml")
    Traceback (most recent call last):
    micromets.ground.errors.DataFileError: demo.yaml: line 1: a: the tag '!!python/object:os.system' is refused (plain YAML data only; tags that build Python objects are refused and so are tags that retype a value); write the plain value
    """
    return parse_data(text, source, fmt="yaml")


def read_yaml(path: str | Path, what: str = "ruleset") -> object:
    """Read a YAML data file through the bounded reader; errors name the file and line.

    >>> read_yaml(shipped_path("seed-2025"))["id"]
    'seed-2025'
    """
    return read_data(path, what=what, fmt="yaml")


@cache
def shipped_names() -> tuple[str, ...]:
    """Names of the rulesets shipped in the package.

    >>> "seed-2025" in shipped_names()
    True
    """
    folder = resources.files("micromets").joinpath("rulesets")
    return tuple(sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml")))


def shipped_path(name: str) -> Path:
    """The file of a shipped ruleset.

    >>> shipped_path("trials-2024").name
    'trials-2024.yaml'
    """
    return Path(str(resources.files("micromets").joinpath(f"rulesets/{name}.yaml")))


@cache
def _load_shipped(name: str) -> Ruleset:
    relative = f"rulesets/{name}.yaml"
    return parse_ruleset(read_packaged(relative), f"micromets/{relative}")


def load_ruleset(name_or_path: str | Path | Ruleset = "trials-2024") -> Ruleset:
    """Load a shipped ruleset by name, or an instructor's ruleset file by path.

    >>> load_ruleset("seed-2025").start
    'deposit'
    """
    if isinstance(name_or_path, Ruleset):
        return name_or_path
    text = str(name_or_path)
    if text in shipped_names():
        return _load_shipped(text)
    if text.endswith((".yaml", ".yml")) or _is_file(text):
        return parse_ruleset(read_yaml(text), text)
    name = printable(text if len(text) <= 80 else text[:79] + "…")
    raise DataFileError(name, "", f"no such ruleset; shipped: {', '.join(shipped_names())}, or give a .yaml file path")


def _is_file(text: str) -> bool:
    try:
        return Path(text).is_file()
    except (OSError, ValueError):  # a name too long for the file system, or with a NUL byte
        return False
