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

import math
import operator
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from . import vocabulary
from .datafiles import parse_data, read_data
from .errors import DataFileError
from .evidence import registry
from .patient import INPUT_FIELDS
from .staging import DEPOSIT_CLASSES, NODAL_CATEGORIES

END = "end"

# Fields a question may ask: the patient's inputs plus the derived ones.
_DERIVED = {
    "deposit_class": ("choice", DEPOSIT_CLASSES),
    "nodal_category": ("choice", NODAL_CATEGORIES),
    "hr_status": ("choice", ("pos", "neg")),
}
PLAN_PARTS = ("axilla", "radiation", "systemic")
_CODE = re.compile(r"^[a-z][a-z0-9_]*$")

_COMPARATORS = {"lt": operator.lt, "le": operator.le, "gt": operator.gt, "ge": operator.ge}
_CONDITION_KEYS = ("eq", "ne", "in", "not_in", "lt", "le", "gt", "ge", "missing")
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
_STEP_KEYS = {"text", "rationale", "note", "cite", "evidence"}
_BRANCH_KEYS = {"when", "next", "label"}


def field_domain(name: str) -> tuple[str, tuple, bool]:
    """(kind, choices, optional) for a field a ruleset may ask about.

    >>> field_domain("deposit_class")[0], field_domain("recurrence_score")[2]
    ('choice', True)
    """
    if name in _DERIVED:
        kind, choices = _DERIVED[name]
        return kind, choices, False
    spec = INPUT_FIELDS.get(name)
    if spec is None:
        raise KeyError(name)
    optional = spec.optional and name != "positive_nodes"  # the patient fills positive_nodes in
    return spec.kind, spec.choices, optional


def askable_fields() -> list[str]:
    """Every field name a question node may ``ask``.

    >>> "hr_status" in askable_fields()
    True
    """
    return sorted(set(INPUT_FIELDS) | set(_DERIVED))


@dataclass(frozen=True, eq=False)
class Condition:
    """A compiled declarative condition; ``spec`` is the mapping as written."""

    spec: dict
    test: object  # callable(value) -> bool
    thresholds: tuple = ()

    def __call__(self, value) -> bool:
        return self.test(value)


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
    note: str = ""

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
        return _topological(self.nodes, self.start)


# ----------------------------------------------------------------------------- conditions


def _scalar_ok(kind: str, choices: tuple, value: object) -> bool:
    if kind == "choice":
        return value in choices
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def compile_condition(spec: object, field_name: str, where: str, source: str) -> Condition:
    """Compile a declarative condition on ``field_name``; refuse anything else.

    >>> c = compile_condition({"ge": 18, "le": 30}, "recurrence_score", "x", "demo.yaml")
    >>> c(18), c(31), c(None)
    (True, False, False)
    """
    if spec == "otherwise":
        return Condition({"otherwise": True}, lambda value: True)
    if isinstance(spec, str):
        raise DataFileError(
            source,
            where,
            f"got the text {spec!r}: a condition is a mapping such as "
            "{eq: micrometastasis} or {lt: 18}, or the word otherwise; expressions are never evaluated",
        )
    if not isinstance(spec, dict) or not spec:
        raise DataFileError(source, where, f"a condition is a mapping with keys from {', '.join(_CONDITION_KEYS)}")
    kind, choices, optional = field_domain(field_name)
    tests = []
    thresholds = []
    for key, value in spec.items():
        at = f"{where}.{key}"
        if key not in _CONDITION_KEYS:
            raise DataFileError(source, at, f"unknown comparison; allowed: {', '.join(_CONDITION_KEYS)}")
        if key == "missing":
            if not isinstance(value, bool):
                raise DataFileError(source, at, "missing takes true or false")
            if not optional:
                raise DataFileError(source, at, f"{field_name} is always known; 'missing' does not apply")
            tests.append((lambda v: v is None) if value else (lambda v: v is not None))
            continue
        if key in _COMPARATORS and kind == "choice":
            raise DataFileError(source, at, f"{field_name} has named values; use eq or in, not {key}")
        values = value if key in ("in", "not_in") else [value]
        if key in ("in", "not_in") and (not isinstance(value, list) or not value):
            raise DataFileError(source, at, f"{key} takes a non-empty list of values")
        for v in values:
            if not _scalar_ok(kind, choices, v):
                allowed = ", ".join(map(str, choices)) if kind == "choice" else "numbers"
                raise DataFileError(source, at, f"{v!r} is not a value of {field_name}; allowed: {allowed}")
        if kind != "choice":
            thresholds.extend(values)  # coverage probes straddle every number a condition names
        if key in _COMPARATORS:
            tests.append(lambda v, compare=_COMPARATORS[key], t=value: v is not None and compare(v, t))
        elif key == "eq":
            tests.append(lambda v, t=value: v == t)
        elif key == "ne":
            tests.append(lambda v, t=value: v is not None and v != t)
        elif key == "in":
            tests.append(lambda v, allowed_set=frozenset(value): v in allowed_set)
        else:
            tests.append(lambda v, barred=frozenset(value): v is not None and v not in barred)
    test = tests[0] if len(tests) == 1 else (lambda v, ts=tuple(tests): all(t(v) for t in ts))
    return Condition(dict(spec), test, tuple(thresholds))


def _probe_values(field_name: str, thresholds: list) -> list:
    """Values that exercise every region of the given thresholds (an exact coverage test
    for conditions built from comparisons with those thresholds)."""
    kind, choices, optional = field_domain(field_name)
    probes: list = [None] if optional else []
    if kind == "choice":
        return probes + list(choices)
    spec = INPUT_FIELDS.get(field_name)
    low = spec.minimum if spec else 0
    high = spec.maximum if spec and spec.maximum is not None else max([low, *thresholds]) + 1000
    points = {low, high}
    for t in thresholds:
        if kind == "int":  # only whole numbers occur: probe the integers around each threshold
            points.update({math.floor(t) - 1, math.floor(t), math.ceil(t), math.ceil(t) + 1})
        else:
            points.update({t - 1e-6, t, t + 1e-6})
    return probes + sorted(p for p in points if low <= p <= high)


# ----------------------------------------------------------------------------- loading


def _require(cond: bool, source: str, key: str, message: str) -> None:
    if not cond:
        raise DataFileError(source, key, message)


def _check_keys(raw: dict, allowed: set, source: str, where: str) -> None:
    unknown = sorted(set(raw) - allowed)
    if unknown:
        raise DataFileError(
            source,
            f"{where}.{unknown[0]}" if where else unknown[0],
            f"unknown key; allowed: {', '.join(sorted(allowed))}",
        )


def _text(raw: dict, key: str, source: str, where: str, required: bool = True) -> str:
    value = raw.get(key)
    if value is None and not required:
        return ""
    _require(isinstance(value, str) and value.strip() != "", source, f"{where}.{key}", "needs a non-empty text")
    return value.strip()


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
            cid in known,
            source,
            f"{where}.cite[{i}]",
            f"unknown citation id {cid!r}; registry ids include {', '.join(sorted(known)[:6])}, ...",
        )
    return Step(
        id=node_id,
        text=_text(raw, "text", source, where),
        citations=tuple(cite),
        evidence=_text(raw, "evidence", source, where),
        rationale=_text(raw, "rationale", source, where, False),
        note=_text(raw, "note", source, where, False),
    )


def _parse_node(node_id: str, raw: object, source: str, known: dict, warnings: dict) -> Node:
    where = f"nodes.{node_id}"
    _require(
        isinstance(node_id, str) and bool(_CODE.match(node_id)) and node_id != END,
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
            f"unknown field {field_name!r}; allowed: {', '.join(askable_fields())}",
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
            label = b.get("label") or _condition_label(cond.spec)
            branches.append(Branch(cond, b["next"], str(label)))
        node = Node(
            id=node_id,
            label=_text(raw, "label", source, where),
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
            isinstance(value, str) and bool(_CODE.match(value)),
            source,
            f"{where}.set.{key}",
            "a plan code is a lower-case word joined by _",
        )
    options = None
    if "options" in raw:
        opts = raw["options"]
        _require(
            isinstance(opts, list) and opts and all(isinstance(o, list) and o for o in opts),
            source,
            f"{where}.options",
            "options is a list of alternatives, each a non-empty list of components",
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
        _require(w in warnings, source, f"{where}.warn", f"unknown warning id {w!r}; defined: {', '.join(warnings)}")
    label = raw.get("label") or (step.text.split(".")[0] if step else node_id.replace("_", " "))
    _require(
        step is not None or sets or options or consider or warn,
        source,
        where,
        "an action node must add a step or set part of the plan",
    )
    return Node(
        id=node_id,
        label=str(label),
        step=step,
        sets=tuple(sets.items()),
        options=options,
        consider=tuple(consider),
        warn=tuple(warn),
        next=raw["next"],
    )


def _condition_label(spec: dict) -> str:
    words = {"lt": "<", "le": "≤", "gt": ">", "ge": "≥", "eq": "", "ne": "≠"}
    if "otherwise" in spec:
        return "otherwise"
    parts = []
    for key, value in spec.items():
        if key in ("in", "not_in"):
            parts.append(("not " if key == "not_in" else "") + "/".join(map(str, value)))
        elif key == "missing":
            parts.append("not given" if value else "given")
        else:
            parts.append(f"{words[key]}{value}")
    return " ".join(parts)


def _check_coverage(node: Node, source: str) -> None:
    thresholds = [t for b in node.branches for t in b.condition.thresholds]
    for value in _probe_values(node.ask, thresholds):
        if not any(b.condition(value) for b in node.branches):
            shown = "not given" if value is None else repr(value)
            raise DataFileError(
                source,
                f"nodes.{node.id}.branches",
                f"a patient with {node.ask} {shown} matches no branch (add it, or end with 'when: otherwise')",
            )


def _topological(nodes: dict[str, Node], start: str) -> list[str]:
    order, state = [], {}

    def visit(node_id: str, trail: list[str]) -> None:
        if node_id == END:
            return
        if state.get(node_id) == "done":
            return
        if state.get(node_id) == "open":
            raise ValueError(" -> ".join(trail + [node_id]))
        state[node_id] = "open"
        for nxt in nodes[node_id].successors():
            visit(nxt, trail + [node_id])
        state[node_id] = "done"
        order.append(node_id)

    visit(start, [])
    return order[::-1]


def _prove_graph(nodes: dict[str, Node], start: str, source: str) -> None:
    _require(start in nodes, source, "start", f"names no node: {start!r}")
    for node in nodes.values():
        for nxt in node.successors():
            _require(
                nxt == END or nxt in nodes,
                source,
                f"nodes.{node.id}.next",
                f"leads to {nxt!r}, which is not a node (nor 'end')",
            )
    try:
        order = _topological(nodes, start)
    except ValueError as cycle:
        raise DataFileError(source, "nodes", f"cycle: {cycle}") from None
    unreachable = sorted(set(nodes) - set(order))
    _require(
        not unreachable,
        source,
        f"nodes.{unreachable[0] if unreachable else ''}",
        "unreachable from start (remove it or lead a branch to it)",
    )
    # Every path must set the whole plan: carry the parts set on *all* paths into each node.
    settled: dict[str, frozenset] = {start: frozenset()}
    for node_id in order:
        node = nodes[node_id]
        have = settled[node_id] | {k for k, _ in node.sets} | ({"systemic"} if node.options else set())
        for nxt in node.successors():
            if nxt == END:
                missing = [p for p in PLAN_PARTS if p not in have]
                _require(
                    not missing,
                    source,
                    f"nodes.{node_id}.next",
                    f"a path ends here without setting {', '.join(missing)} (a dead end)",
                )
            else:
                settled[nxt] = settled[nxt] & have if nxt in settled else frozenset(have)


def _merge(base: dict, child: dict, source: str) -> dict:
    merged = dict(base)
    for key in ("id", "title", "description", "start"):
        if key in child:
            merged[key] = child[key]
    merged["warnings"] = {**(base.get("warnings") or {}), **(child.get("warnings") or {})}
    merged["codes"] = vocabulary.merge_declarations(base.get("codes"), child.get("codes"))
    nodes = dict(base.get("nodes") or {})
    for node_id in child.get("remove_nodes") or []:
        _require(node_id in nodes, source, "remove_nodes", f"{node_id!r} is not a node of {child['extends']}")
        del nodes[node_id]
    for node_id, patch in (child.get("patch_nodes") or {}).items():
        _require(
            node_id in nodes and isinstance(patch, dict),
            source,
            f"patch_nodes.{node_id}",
            f"patches a node of {child['extends']} with a mapping of the keys to replace",
        )
        nodes[node_id] = {**nodes[node_id], **patch}
    nodes.update(child.get("nodes") or {})
    merged["nodes"] = nodes
    return merged


def _resolve(data: dict, source: str, depth: int = 0) -> dict:
    """Fold ``extends`` chains into one plain ruleset mapping."""
    if "extends" not in data:
        return data
    _require(
        depth < 4 and isinstance(data["extends"], str),
        source,
        "extends",
        "names one shipped ruleset (chains of at most four)",
    )
    base = _resolve(_shipped_raw(data["extends"], source), source, depth + 1)
    return {**_merge(base, data, source), "extends": data["extends"]}


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
    data = _resolve(data, source)
    for key in ("id", "title", "start"):
        _require(isinstance(data.get(key), str) and data[key].strip(), source, key, "required text is missing")
    _require(bool(_CODE.match(data["id"].replace("-", "_"))), source, "id", "lower-case letters, digits, - and _")
    warnings_raw = data.get("warnings") or {}
    _require(isinstance(warnings_raw, dict), source, "warnings", "a mapping {id: text}")
    for wid, text in warnings_raw.items():
        _require(isinstance(text, str) and text.strip(), source, f"warnings.{wid}", "needs a non-empty text")
    nodes_raw = data.get("nodes")
    _require(isinstance(nodes_raw, dict) and nodes_raw, source, "nodes", "a mapping of node id to node")
    known = registry()
    nodes = {nid: _parse_node(nid, raw, source, known, warnings_raw) for nid, raw in nodes_raw.items()}
    words = vocabulary.shipped().extended(data.get("codes"), source)  # this ruleset's own codes over the shipped
    vocabulary.check_ruleset_codes(nodes, words, source)
    _prove_graph(nodes, data["start"], source)
    return Ruleset(
        id=data["id"],
        title=data["title"].strip(),
        description=str(data.get("description") or "").strip(),
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
    micromets.errors.DataFileError: demo.yaml: line 1: could not determine a constructor for the tag 'tag:yaml.org,2002:python/object:os.system'; tags that build Python objects are refused (plain YAML data only)
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


def _shipped_raw(name: str, source: str) -> dict:
    _require(
        name in shipped_names(), source, "extends", f"unknown ruleset {name!r}; shipped: {', '.join(shipped_names())}"
    )
    return read_yaml(shipped_path(name))


@cache
def _load_shipped(name: str) -> Ruleset:
    path = shipped_path(name)
    return parse_ruleset(read_yaml(path), f"micromets/rulesets/{path.name}")


def load_ruleset(name_or_path: str | Path | Ruleset = "seed-2025") -> Ruleset:
    """Load a shipped ruleset by name, or an instructor's ruleset file by path.

    >>> load_ruleset("seed-2025").start
    'deposit'
    """
    if isinstance(name_or_path, Ruleset):
        return name_or_path
    text = str(name_or_path)
    if text in shipped_names():
        return _load_shipped(text)
    if text.endswith((".yaml", ".yml")) or Path(text).exists():
        return parse_ruleset(read_yaml(text), text)
    raise DataFileError(text, "", f"no such ruleset; shipped: {', '.join(shipped_names())}, or give a .yaml file path")
