"""The stages a pathway is shown by, derived from its graph: nodal staging and axilla,
systemic therapy (split by subtype where one picture would be too big to read) and radiation
and bone agents; together they hold every node exactly once. Their titles are words from the
vocabulary ("Systemic therapy: HR-positive, HER2-negative, node-positive").

May import: ground, pathway and this package's roles and layout (no drawing library).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ...ground.datafiles import parsed_ahead
from ...ground.staging import DEPOSIT_CLASSES, nodal_category
from ...pathway.conditions import field_domain
from ...pathway.graph import END
from ...pathway.ruleset import Node, Ruleset, load_ruleset, shipped_names
from .layout import nodes_layout
from .roles import flowchart_words

# The largest picture a stage may be before it is split by its first question (by subtype):
# about what a 1366x768 screen shows next to the explorer's inputs with 13 px text.
STAGE_MAX_WIDTH, STAGE_MAX_HEIGHT = 1180, 640
MIN_VIEW_NODES = 4


@dataclass(frozen=True)
class Stage:
    """One view of a pathway: an id (the node id it starts at), a heading in words, its nodes
    and its kind (``axilla``, ``systemic``, ``radiation`` or ``pathway``: what its nodes decide)."""

    id: str
    title: str
    nodes: tuple[str, ...]
    kind: str = "pathway"


def _on_every_path(rules: Ruleset) -> list[str]:
    order = rules.order()
    into = dict.fromkeys(order, 0)
    into[rules.start] = 1
    for n in order:
        for nxt in dict.fromkeys(rules.nodes[n].successors()):
            if nxt != END:
                into[nxt] += into[n]
    out: dict[str, int] = {}
    for n in reversed(order):
        out[n] = sum(1 if nxt == END else out[nxt] for nxt in dict.fromkeys(rules.nodes[n].successors()))
    total = out[rules.start]
    return [n for n in order if into[n] * out[n] == total]


def _kind(rules: Ruleset, nodes: list[str]) -> str | None:
    decided = {part for n in nodes for part, _ in rules.nodes[n].sets}
    if "axilla" in decided:
        return "axilla"
    if any(rules.nodes[n].options is not None for n in nodes):
        return "systemic"
    if "radiation" in decided or any(rules.nodes[n].consider for n in nodes):
        return "radiation"
    return None


def _branch_values(node: Node, known: dict) -> list[tuple[object, dict]]:
    """The branches of a question some patient can take given what earlier answers fixed,
    each with the knowledge that taking it adds (for fields with named values)."""
    kind, choices, optional = field_domain(node.ask)
    if kind != "choice":
        return [(b, known) for b in node.branches]
    possible = known.get(node.ask, _choices(node.ask, choices, known) | ({None} if optional else set()))
    taken: set = set()
    out = []
    for branch in node.branches:
        values = {v for v in possible - taken if branch.condition(v)}
        taken |= values
        if values:
            out.append((branch, {**known, node.ask: values}))
    return out


def _choices(field_name: str, choices: tuple, known: dict) -> set:
    """A field's values that earlier answers leave possible: the nodal category is staged from
    the deposit, the node count and the setting, so once the setting is known only its
    categories remain (``yp`` ones after neoadjuvant therapy, as staging names them)."""
    if field_name != "nodal_category" or "neoadjuvant" not in known:
        return set(choices)
    settings = {value == "yes" for value in known["neoadjuvant"]}
    return {nodal_category(c, n, s) for c in DEPOSIT_CLASSES for n in (1, 4, 10) for s in settings}


def _reach(rules: Ruleset, start: str, known: dict, inside: set[str]) -> list[str]:
    seen: dict[str, None] = {}
    stack = [(start, known)]
    visited: set = set()
    while stack:
        node_id, kn = stack.pop()
        key = (node_id, tuple(sorted((k, tuple(sorted(map(str, v)))) for k, v in kn.items())))
        if node_id == END or node_id not in inside or key in visited:
            continue
        visited.add(key)
        seen[node_id] = None
        node = rules.nodes[node_id]
        if node.is_question:
            stack.extend((b.next, k) for b, k in reversed(_branch_values(node, kn)))
        else:
            stack.append((node.next, kn))
    return list(seen)


def _fits(rules: Ruleset, nodes: tuple[str, ...]) -> bool:
    lay = nodes_layout(rules, nodes)
    return lay.width <= STAGE_MAX_WIDTH and lay.height <= STAGE_MAX_HEIGHT


def _split(rules: Ruleset, stage: Stage, known: dict, depth: int, said: tuple[str, ...] = ()) -> list[Stage]:
    entry = rules.nodes[stage.id]
    if depth >= 4 or not entry.is_question or _fits(rules, stage.nodes):
        return [stage]
    inside = set(stage.nodes)
    order = {n: i for i, n in enumerate(rules.order())}
    claimed: set[str] = {stage.id}
    groups = []
    for branch, kn in _branch_values(entry, known):
        if branch.next not in inside or branch.next in claimed:
            continue
        mine = [n for n in _reach(rules, branch.next, kn, inside) if n not in claimed]
        claimed |= set(mine)
        mine.sort(key=order.get)
        groups.append((branch, kn, mine))
    # A view of one or two boxes is not worth a button: it joins the answer before it.
    merged: list[tuple[list, dict, list[str]]] = []
    for branch, kn, nodes in groups:
        if merged and (len(nodes) < MIN_VIEW_NODES or len(merged[-1][2]) < MIN_VIEW_NODES):
            merged[-1][0].append(branch)
            merged[-1][2].extend(nodes)
            if entry.ask in kn and entry.ask in merged[-1][1]:  # the view holds the patients of both answers
                merged[-1][1][entry.ask] = merged[-1][1][entry.ask] | kn[entry.ask]
        else:
            merged.append(([branch], dict(kn), list(nodes)))
    if len(merged) < 2:
        return [stage]
    rest = [n for n in stage.nodes if n not in claimed]
    out: list[Stage] = []
    words = flowchart_words(rules)
    heading = words.stages[stage.kind]
    for branches, kn, nodes in merged:
        phrase = _patients_words(rules, entry, branches, kn)
        says = (*said, phrase) if phrase else said
        patients = words.joins["patients"].join(says)
        title = words.say("stage_for", stage=heading, patients=patients) if says else heading
        sub = Stage(branches[0].next, title, tuple(sorted(nodes, key=order.get)), stage.kind)
        out.extend(_split(rules, sub, kn, depth + 1, says) if len(branches) == 1 else [sub])
    # The question that splits the stage (and anything no branch claimed) opens the first view.
    first = out[0]
    out[0] = Stage(stage.id, first.title, tuple(sorted([stage.id, *first.nodes, *rest], key=order.get)), stage.kind)
    return out


def _patients_words(rules: Ruleset, question: Node, branches: list, known: dict) -> str:
    """The patients a view of some answers holds, in the vocabulary's words ("HR-positive",
    "node-positive"; "" when the data leaves them unsaid); the answers themselves otherwise."""
    if question.ask in known:
        words = flowchart_words(rules).patients_words(question.ask, known[question.ask])
        if words is not None:
            return words
    words = flowchart_words(rules)
    return words.joins["answers"].join(_answer_words(question, b, words.bare_answers) for b in branches)


def _answer_words(question: Node, branch, bare: tuple[str, ...]) -> str:
    """A branch as a view's heading says it: a bare answer (yes, no: ``flowchart.bare_answers``)
    needs its question."""
    if branch.label.split(" ")[0].lower() in bare:
        return f"{question.label} {branch.label}"
    return branch.label


@lru_cache(maxsize=32)
def stages(ruleset: str | Ruleset = "trials-2024") -> tuple[Stage, ...]:
    """The stages a pathway is shown by, derived from its graph.

    Nodes every route passes through cut the pathway into segments; a segment is named by
    what its nodes decide (the axilla, a systemic option, radiation or a drug to consider)
    and neighbours deciding the same kind are merged. A stage too big for one legible
    picture is split by its first question's answers (the systemic stage by subtype). Every
    node is in exactly one stage.

    >>> [s.title for s in stages("seed-2025")][:2]
    ['Nodal staging and axilla', 'Systemic therapy']
    """
    rules = load_ruleset(ruleset)
    ahead = _stages_ahead(rules)
    return ahead if ahead is not None else derive_stages(rules)


def _stages_ahead(rules: Ruleset) -> tuple[Stage, ...] | None:
    """A shipped ruleset's stages as the static site's build derived them (the search for stages
    that fit a screen lays out each candidate: about a second in a browser), or None."""
    if rules.id not in shipped_names() or rules is not load_ruleset(rules.id):
        return None  # an instructor's ruleset, even one named like a shipped one, is derived here
    listed = parsed_ahead("stages", rules.id)
    if listed is None:
        return None
    out = tuple(Stage(sid, title, tuple(nodes), kind) for sid, title, nodes, kind in listed)
    shown = [n for s in out for n in s.nodes]
    return out if sorted(shown) == sorted(rules.nodes) else None  # every node exactly once, or derive afresh


def derive_stages(rules: Ruleset) -> tuple[Stage, ...]:
    """The stages of a loaded ruleset, derived from its graph (what ``stages`` does when nothing was
    derived ahead of time; the static site's build calls it to do so).

    >>> derive_stages(load_ruleset("seed-2025")) == stages("seed-2025")
    True
    """
    order = rules.order()
    position = {n: i for i, n in enumerate(order)}
    cuts = _on_every_path(rules)
    reach: dict[str, set[str]] = {}
    for n in reversed(order):
        reach[n] = {n}.union(*(reach[s] for s in rules.nodes[n].successors() if s != END))
    segment = {n: max(i for i, c in enumerate(cuts) if n in reach[c]) for n in order}
    segments = [[n for n in order if segment[n] == i] for i in range(len(cuts))]
    kinds = [_kind(rules, s) for s in segments]
    headings = flowchart_words(rules).stages
    merged: list[tuple[str | None, list[str]]] = []
    for kind, nodes in zip(kinds, segments, strict=True):
        if merged and (kind is None or merged[-1][0] in (None, kind)):
            merged[-1] = (merged[-1][0] or kind, merged[-1][1] + nodes)
        else:
            merged.append((kind, nodes))
    out: list[Stage] = []
    for i, (kind, nodes) in enumerate(merged):
        nodes.sort(key=position.get)
        following = merged[i + 1][0] if i + 1 < len(merged) else None
        tail = _bone_tail(rules, nodes) if kind != "radiation" and following == "radiation" else []
        nodes = [n for n in nodes if n not in tail]
        stage = Stage(nodes[0], headings[kind or "pathway"], tuple(nodes), kind or "pathway")
        out.extend(_split(rules, stage, {}, 0))
        if tail:  # drugs to consider once treatment is chosen, for every subtype: shown once, with radiation
            out.append(Stage(tail[0], headings["radiation"], tuple(tail), "radiation"))
    return tuple(out)


def _bone_tail(rules: Ruleset, nodes: list[str]) -> list[str]:
    """The end of a segment that only leads to drugs to consider (a bone agent) before the next
    stage, where many routes join: most routes pass it, but one that skips it keeps it from
    being a cut of its own.
    Without this the bone agents would be drawn inside one subtype's systemic view."""
    inside = set(nodes)
    tail: set[str] = set()
    for n in reversed(nodes):
        node = rules.nodes[n]
        onward = [s for s in node.successors() if s in inside]
        if all(s in tail for s in onward) and (node.consider or (node.is_question and onward)):
            tail.add(n)
    # Only where many routes join (not a consider step on one subtype's own branch).
    into = {n: sum(n in rules.nodes[m].successors() for m in nodes) for n in tail}
    joined = {n for n in tail if into[n] >= 3}
    for n in nodes:
        if n in tail and any(n in rules.nodes[m].successors() for m in joined):
            joined.add(n)
    has_consider = any(rules.nodes[n].consider for n in joined)
    return [n for n in nodes if n in joined] if has_consider and len(joined) >= 2 else []


def stage_of(ruleset: str | Ruleset, node_id: str) -> Stage:
    """The stage a node is shown in.

    >>> stage_of("seed-2025", "whole_breast_rt").title
    'Radiation and bone agents'
    """
    return next(s for s in stages(ruleset) if node_id in s.nodes)
