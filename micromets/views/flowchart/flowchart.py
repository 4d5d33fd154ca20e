"""The pathway flowchart as inline SVG, drawn from a ruleset's own graph.

Every label is SVG ``<text>`` (crisp at any zoom, selectable, searchable, read by screen
readers) at 13 CSS px, never scaled down. Each node and edge has a stable id, so a patient's
route is shown by toggling CSS classes; the drawing is laid out once per ruleset and view.

Interface (used by the explorer, the CLI and static pages; these names are kept):

- ``flowchart_svg(ruleset, path=(), stage=None) -> str``: a standalone SVG of the whole
  pathway (``stage=None``) or of one stage, the nodes of ``path`` lit.
- ``route_svg(plan) -> str``: the route view of one plan: each question, the answer taken,
  the branches not taken as short stubs, and the recommendations, in one column per stage.
- ``stages(ruleset) -> list[Stage]``: the views a pathway too big for one legible picture is
  shown by (nodal staging and axilla; systemic therapy by subtype; radiation and bone
  agents), derived from the graph; together they hold every node exactly once.
- ``show_flowchart(ruleset, path=(), view=None)``: the same as a notebook display object
  (``view`` = ``route``, a stage number or id); ``.save("x.svg" or "x.png")``.
- ``node_details(ruleset, node_id) -> dict``: the words shown when a node is clicked (its
  question and answers, or its step text, rationale, note, evidence grade and citations,
  each citation saying whether a trial figure exists).
- ids and classes in the SVG: root ``svg.mm-chart`` (``mm-has-path`` when a route is lit);
  node ``g#mm-node-<node id>.mm-node`` with one of ``mm-question``, ``mm-recommend``,
  ``mm-sequence`` (a step that orders or qualifies others, e.g. "chemotherapy first, then
  endocrine therapy": drawn dashed so it never reads as a competing recommendation), and
  ``data-node``; edge ``g#mm-edge-<from>-<to>.mm-edge``; lit parts add ``mm-lit``. In a
  stage view, links to other stages are ``g.mm-stub`` with ``data-stage``. In the route
  view node ids are ``mm-route-node-<id>`` and branches not taken are ``g.mm-stub``.

Colours are Okabe-Ito; the lit route also differs in outline weight and bold text, never
in colour alone. The matplotlib drawing (``draw_flowchart``, ``chart_for``) is still
importable from here for PNG export and older notebooks.

>>> svg = flowchart_svg("seed-2025", path=["deposit", "axilla_micro"])
>>> 'id="mm-node-deposit"' in svg and "mm-lit" in svg
True
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from html import escape

from ...ground.staging import DEPOSIT_CLASSES, nodal_category
from ...ground.vocabulary import FlowchartWords
from ...ground.vocabulary import shipped as shipped_words
from ...pathway.conditions import field_domain
from ...pathway.graph import END
from ...pathway.ruleset import Node, Ruleset, load_ruleset
from ..render import reasons_html
from .flowlayout import layered_layout
from .svgtext import FONT_FAMILY, text_width, tspans, wrap

FONT_PX = 13
EDGE_FONT_PX = 12
LINE_PX = 16
MAX_TEXT_PX = 150
PAD_X, PAD_Y, CUT = 10, 7, 9
# The largest picture a stage may be before it is split by its first question (by subtype):
# about what a 1366x768 screen shows next to the explorer's inputs with 13 px text.
STAGE_MAX_WIDTH, STAGE_MAX_HEIGHT = 1180, 640
MIN_VIEW_NODES = 4

# Okabe-Ito: sky blue and orange tints for unlit nodes, the full colours when lit.
STYLE = """
.mm-chart{font-family:FONT;background:#fff}
.mm-chart text{font-size:13px;fill:#1a1a1a}
.mm-chart .mm-heading{font-size:14px;font-weight:bold}
.mm-chart .mm-node{cursor:pointer}
.mm-chart .mm-node:focus{outline:none}
.mm-chart .mm-shape{stroke:#5a5a5a;stroke-width:1.2}
.mm-chart .mm-question>.mm-shape{fill:#DCEFFB}
.mm-chart .mm-recommend>.mm-shape{fill:#FBE5BD}
.mm-chart .mm-sequence>.mm-shape{fill:#fff;stroke-dasharray:5 3}
.mm-chart .mm-sequence text{font-style:italic}
.mm-chart .mm-edge path{fill:none;stroke:#9a9a9a;stroke-width:1.3;marker-end:url(#mm-arrow)}
.mm-chart .mm-edge text,.mm-chart .mm-stub text{font-size:12px;fill:#3d3d3d}
.mm-chart .mm-edge text{paint-order:stroke;stroke:#fff;stroke-width:4px;stroke-linejoin:round}
.mm-chart .mm-stub path{fill:none;stroke:#9a9a9a;stroke-width:1.2;stroke-dasharray:3 3}
.mm-chart .mm-stub rect{fill:#f4f4f4;stroke:#9a9a9a;stroke-dasharray:3 3}
.mm-chart .mm-stub[data-stage]{cursor:pointer}
.mm-chart.mm-has-path .mm-node:not(.mm-lit)>.mm-shape{fill:#f3f3f3;stroke:#b0b0b0}
.mm-chart.mm-has-path .mm-node:not(.mm-lit) text{fill:#555}
.mm-chart .mm-node.mm-lit>.mm-shape{stroke:#000;stroke-width:3}
.mm-chart .mm-question.mm-lit>.mm-shape{fill:#56B4E9}
.mm-chart .mm-recommend.mm-lit>.mm-shape{fill:#E69F00}
.mm-chart .mm-sequence.mm-lit>.mm-shape{fill:#fff;stroke-dasharray:6 3}
.mm-chart .mm-lit text{font-weight:bold;fill:#000}
.mm-chart .mm-edge.mm-lit path{stroke:#0072B2;stroke-width:3.5;marker-end:url(#mm-arrow-lit)}
.mm-chart .mm-edge.mm-lit text{fill:#000;font-weight:bold}
.mm-chart .mm-stub.mm-lit path{stroke:#0072B2;stroke-width:2.5;stroke-dasharray:none}
.mm-chart .mm-stub.mm-lit text{font-weight:bold;fill:#000}
.mm-chart .mm-continue{font-weight:bold;fill:#0072B2}
.mm-chart .mm-route-heading rect{fill:#E3ECF3;stroke:none}
.mm-chart .mm-alternative rect{fill:#FBE5BD;stroke:#000;stroke-width:1.5}
.mm-chart path.mm-fork{fill:none;stroke:#0072B2;stroke-width:2.5}
.mm-chart .mm-or{font-style:italic}
.mm-chart .mm-aside-link path{fill:none;stroke:#3d3d3d;stroke-width:1.5;stroke-dasharray:2 3}
.mm-chart .mm-node:focus>.mm-shape,.mm-chart .mm-node.mm-selected>.mm-shape{stroke:#CC79A7;stroke-width:4}
""".replace("FONT", FONT_FAMILY)
DEFS = (
    "<defs>"
    '<marker id="mm-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" markerHeight="9" '
    'markerUnits="userSpaceOnUse" orient="auto">'
    '<path d="M0,0L10,5L0,10z" fill="#9a9a9a"/></marker>'
    '<marker id="mm-arrow-lit" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="12" markerHeight="12" '
    'markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0L10,5L0,10z" fill="#0072B2"/></marker>'
    "</defs>"
)


# ----------------------------------------------------------------------------- node roles


def node_role(node: Node) -> str:
    """``question``, ``recommend`` (sets part of the plan) or ``sequence`` (a step that only
    orders or qualifies other recommendations).

    >>> rules = load_ruleset("seed-2025")
    >>> [node_role(rules.nodes[n]) for n in ("deposit", "axilla_micro", "endocrine_sequencing")]
    ['question', 'recommend', 'sequence']
    """
    if node.is_question:
        return "question"
    if node.sets or node.options is not None or node.consider:
        return "recommend"
    return "sequence"


def _words(rules: Ruleset) -> FlowchartWords:
    """The flowchart's words (stage headings, box names, patient groups) from the vocabulary."""
    return rules.vocabulary.flowchart or shipped_words().flowchart


def role_words(rules: Ruleset, node: Node) -> str:
    """What a box is called, from the vocabulary: Question, Recommendation or Sequencing note.

    >>> rules = load_ruleset("seed-2025")
    >>> role_words(rules, rules.nodes["endocrine_sequencing"])
    'Sequencing note'
    """
    return _words(rules).roles[node_role(node)]


@lru_cache(maxsize=32)
def _edges(rules: Ruleset) -> dict[tuple[str, str], list[str]]:
    """Every drawn edge with the branch labels it carries (in branch order)."""
    edges: dict[tuple[str, str], list[str]] = {}
    for node_id in rules.order():
        node = rules.nodes[node_id]
        if node.is_question:
            for branch in node.branches:
                if branch.next != END:
                    edges.setdefault((node_id, branch.next), []).append(branch.label)
        elif node.next != END:
            edges.setdefault((node_id, node.next), [])
    return edges


# ----------------------------------------------------------------------------- stages


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
    lay = _layout(rules, nodes)
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
    heading = _words(rules).stages[stage.kind]
    for branches, kn, nodes in merged:
        phrase = _patients_words(rules, entry, branches, kn)
        says = (*said, phrase) if phrase else said
        title = f"{heading}: {', '.join(says)}" if says else heading
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
        words = _words(rules).patients_words(question.ask, known[question.ask])
        if words is not None:
            return words
    return " / ".join(_answer_words(question, b) for b in branches)


def _answer_words(question: Node, branch) -> str:
    """A branch as a view's heading says it: a bare yes or no needs its question."""
    if branch.label.split(" ")[0].lower() in ("yes", "no"):
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
    order = rules.order()
    position = {n: i for i, n in enumerate(order)}
    cuts = _on_every_path(rules)
    reach: dict[str, set[str]] = {}
    for n in reversed(order):
        reach[n] = {n}.union(*(reach[s] for s in rules.nodes[n].successors() if s != END))
    segment = {n: max(i for i, c in enumerate(cuts) if n in reach[c]) for n in order}
    segments = [[n for n in order if segment[n] == i] for i in range(len(cuts))]
    kinds = [_kind(rules, s) for s in segments]
    headings = _words(rules).stages
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


# ----------------------------------------------------------------------------- drawing


@lru_cache(maxsize=512)
def _box(label: str, role: str) -> tuple[tuple[str, ...], float, float]:
    lines = tuple(wrap(label, FONT_PX, MAX_TEXT_PX))
    text_w = max(text_width(line, FONT_PX) for line in lines)
    extra = 2 * CUT if role == "question" else 0
    return lines, text_w + 2 * PAD_X + extra, len(lines) * LINE_PX + 2 * PAD_Y


def _shape(role: str, cx: float, cy: float, w: float, h: float) -> str:
    x0, x1, y0, y1 = cx - w / 2, cx + w / 2, cy - h / 2, cy + h / 2
    if role == "question":  # a flat hexagon: the usual mark of a decision
        points = [(x0, cy), (x0 + CUT, y0), (x1 - CUT, y0), (x1, cy), (x1 - CUT, y1), (x0 + CUT, y1)]
        d = "M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z"
        return f'<path class="mm-shape" d="{d}"/>'
    radius = 10 if role == "recommend" else 4
    return (
        f'<rect class="mm-shape" x="{x0:.1f}" y="{y0:.1f}" width="{w:.1f}" height="{h:.1f}" '
        f'rx="{radius}" ry="{radius}"/>'
    )


def _text(lines, cx: float, cy: float) -> str:
    first = -(len(lines) - 1) * LINE_PX / 2 + FONT_PX * 0.36
    body = tspans(list(lines), round(cx, 1), first, LINE_PX)
    return f'<text x="{cx:.1f}" y="{cy:.1f}" text-anchor="middle">{body}</text>'


def _curve(points: list[tuple[float, float]]) -> str:
    d = f"M{points[0][0]:.1f},{points[0][1]:.1f}"
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        mid = (y0 + y1) / 2
        d += f"C{x0:.1f},{mid:.1f} {x1:.1f},{mid:.1f} {x1:.1f},{y1:.1f}"
    return d


def _node_words(rules: Ruleset, node: Node) -> str:
    return f"{role_words(rules, node)}: {node.label}"


def _node_svg(
    rules: Ruleset, node_id: str, cx: float, cy: float, lit: bool, prefix: str = "mm-node", classes: str = "", extra=""
) -> str:
    node = rules.nodes[node_id]
    role = node_role(node)
    lines, w, h = _box(node.label, role)
    words = escape(_node_words(rules, node), quote=True)
    return (
        f'<g id="{prefix}-{node_id}" class="mm-node mm-{role}{_lit_class(lit)}{classes}" data-node="{node_id}" '
        f'tabindex="0" role="button" aria-label="{words}"><title>{words} (select for details)</title>'
        f"{_shape(role, cx, cy, w, h)}{_text(lines, cx, cy)}{extra}</g>"
    )


@dataclass(frozen=True)
class _Link:
    """A drawn edge: its layout keys, the ruleset edges it stands for and its label."""

    a: str
    b: str
    edges: tuple[tuple[str, str], ...]
    label: str


@dataclass(frozen=True)
class _View:
    """What one picture holds: nodes, stubs to other stages (layout key -> (label, nodes,
    stage id)) and links."""

    title: str
    nodes: tuple[str, ...]
    stubs: tuple[tuple[str, str, tuple[str, ...], str], ...]
    links: tuple[_Link, ...]


@lru_cache(maxsize=64)
def _view(rules: Ruleset, stage: str | None) -> _View:
    edges = _edges(rules)
    if stage is None:
        links = tuple(_Link(a, b, ((a, b),), " / ".join(labels)) for (a, b), labels in edges.items())
        return _View(rules.title, tuple(rules.order()), (), links)
    chosen = [s for s in stages(rules) if s.id == stage]
    if not chosen:
        allowed = ", ".join(s.id for s in stages(rules))
        raise ValueError(f"stage: {stage!r} is not a stage of {rules.id}; allowed: {allowed}")
    inside = set(chosen[0].nodes)
    stubs: dict[str, tuple[str, list[str], str]] = {}
    grouped: dict[tuple[str, str], list[tuple[str, str]]] = {}
    links = []
    for (a, b), labels in edges.items():
        if a in inside and b in inside:
            links.append(_Link(a, b, ((a, b),), " / ".join(labels)))
        elif b in inside:  # arrivals from another stage: one stub per stage they come from
            source = stage_of(rules, a)
            key = f"in:{source.id}"
            stubs.setdefault(key, (f"from {source.title}", [], source.id))[1].append(a)
            grouped.setdefault((key, b), []).append((a, b))
        elif a in inside:  # departures: one stub per node they lead to
            target = stage_of(rules, b)
            key = f"out:{b}"
            stubs.setdefault(key, (f"to {target.title}: {rules.nodes[b].label}", [b], target.id))
            links.append(_Link(a, key, ((a, b),), " / ".join(labels)))
    for (key, b), real in grouped.items():
        label = " / ".join(edges[real[0]]) if len(real) == 1 else ""
        links.insert(0, _Link(key, b, tuple(real), label))
    stub_items = tuple((k, label, tuple(dict.fromkeys(ns)), sid) for k, (label, ns, sid) in stubs.items())
    ordered = tuple(n for n in rules.order() if n in inside)
    return _View(f"{chosen[0].title} — {rules.id}", ordered, stub_items, tuple(links))


def _stub_lines(label: str) -> list[str]:
    return wrap(label, EDGE_FONT_PX, 190)


@lru_cache(maxsize=64)
def _view_layout(rules: Ruleset, stage: str | None):
    view = _view(rules, stage)
    sizes = {n: _box(rules.nodes[n].label, node_role(rules.nodes[n]))[1:] for n in view.nodes}
    for key, label, _, _ in view.stubs:
        lines = _stub_lines(label)
        sizes[key] = (max(text_width(line, EDGE_FONT_PX) for line in lines) + 16, len(lines) * 15 + 10)
    keys = [k for k, *_ in view.stubs if k.startswith("in:")] + list(view.nodes)
    keys += [k for k, *_ in view.stubs if k.startswith("out:")]
    return layered_layout(keys, [(link.a, link.b) for link in view.links], sizes)


@lru_cache(maxsize=64)
def _layout(rules: Ruleset, nodes: tuple[str, ...]):
    """The layout of a bare set of nodes and the edges among them (to size a stage)."""
    inside = set(nodes)
    sizes = {n: _box(rules.nodes[n].label, node_role(rules.nodes[n]))[1:] for n in nodes}
    return layered_layout(list(nodes), [e for e in _edges(rules) if e[0] in inside and e[1] in inside], sizes)


def _svg_open(width: float, height: float, classes: str, label: str, left: float = 0) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{classes}" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="{left:.0f} 0 {width:.0f} {height:.0f}" role="group" aria-label="{escape(label, quote=True)}">'
        f"<title>{escape(label)}</title><style>{STYLE}</style>{DEFS}"
    )


def _bezier_x_at(p0: tuple[float, float], p1: tuple[float, float], y: float) -> float:
    """x where the vertical-tangent cubic from p0 to p1 (as ``_curve`` draws it) reaches y."""
    (x0, y0), (x1, y1) = p0, p1
    lo, hi = 0.0, 1.0
    for _ in range(30):
        t = (lo + hi) / 2
        yt = y0 * (1 - t) ** 3 + 3 * ((y0 + y1) / 2) * (1 - t) * t + y1 * t**3
        lo, hi = (t, hi) if yt < y else (lo, t)
    t = (lo + hi) / 2
    return x0 + (x1 - x0) * (3 * t * t - 2 * t**3)


def _lit_class(lit: bool) -> str:
    return " mm-lit" if lit else ""


@lru_cache(maxsize=64)
def _chart_parts(rules: Ruleset, stage: str | None) -> tuple[str, tuple, tuple, tuple, float, float, float]:
    """The drawing with its lit state left open: (head, nodes, stubs, edges, left, width, height);
    nodes, stubs and edges are (lit keys, svg before class, svg after class)."""
    view = _view(rules, stage)
    lay = _view_layout(rules, stage)
    top = 30.0  # room for the heading
    labels: list[tuple[str, float, float, float]] = []
    edge_parts = []
    for link in view.links:
        (ax, ay), (aw, ah) = lay.centre[link.a], lay.size[link.a]
        (bx, by), (_, bh) = lay.centre[link.b], lay.size[link.b]
        siblings = [other.b for other in view.links if other.a == link.a]
        slot = siblings.index(link.b)
        spread = min(aw * 0.6, 18 * (len(siblings) - 1))
        port_x = ax - spread / 2 + (spread * slot / (len(siblings) - 1) if len(siblings) > 1 else spread / 2)
        points = [(port_x, ay + ah / 2 + top)]
        points += [(x, y + top) for x, y in lay.bends[(link.a, link.b)]]
        points += [(bx, by - bh / 2 - 1 + top)]
        body = f'<path d="{_curve(points)}"/>'
        if link.label:
            labels.append((link.label, points[0], points[1], text_width(link.label, EDGE_FONT_PX)))
            body += f"\x00{len(labels) - 1}\x00"
        a, b = link.edges[0]
        words = [f"{rules.nodes[a].label} {link.label} → {rules.nodes[b].label}".replace("  ", " ")]
        words += [f"{rules.nodes[x].label} → {rules.nodes[y].label}" for x, y in link.edges[1:]]
        ident = f"mm-edge-{a}-{b}" if len(link.edges) == 1 else f"mm-edge-{link.a.replace(':', '-')}-{link.b}"
        data = " ".join(f"{x}>{y}" for x, y in link.edges)
        edge_parts.append(
            (
                frozenset(link.edges),
                f'<g id="{ident}" class="mm-edge',
                f'" data-from="{a}" data-to="{b}" data-edges="{data}">'
                f"<title>{escape('; '.join(words))}</title>{body}</g>",
            )
        )
    boxes = [
        (x - w / 2 - 2, y + top - h / 2 - 2, x + w / 2 + 2, y + top + h / 2 + 2)
        for key, ((x, y), (w, h)) in ((k, (lay.centre[k], lay.size[k])) for k in lay.centre)
        if key in lay.size
    ]
    placed = _place_labels(labels, boxes)
    for i, (text, x, y) in enumerate(placed):
        tag = f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="middle">{escape(text)}</text>'
        edge_parts = [(k, before, after.replace(f"\x00{i}\x00", tag)) for k, before, after in edge_parts]
    node_parts = []
    for n in view.nodes:
        cx, cy = lay.centre[n]
        svg = _node_svg(rules, n, cx, cy + top, False)
        cut = svg.index('" data-node=')
        node_parts.append((frozenset([n]), svg[:cut], svg[cut:]))
    stub_parts = []
    for key, label, nodes, stage_id in view.stubs:
        (cx, cy), (w, h) = lay.centre[key], lay.size[key]
        cy += top
        lines = _stub_lines(label)
        first = -(len(lines) - 1) * 15 / 2 + EDGE_FONT_PX * 0.36
        stub_parts.append(
            (
                frozenset(nodes),
                f'<g id="mm-stub-{key.replace(":", "-")}" class="mm-stub',
                f'" data-nodes="{" ".join(nodes)}" data-stage="{stage_id}" tabindex="0" role="button" '
                f'aria-label="{escape(label, quote=True)}"><title>{escape(label)} (select to show that stage)</title>'
                f'<rect x="{cx - w / 2:.1f}" y="{cy - h / 2:.1f}" width="{w:.1f}" height="{h:.1f}" rx="6"/>'
                f'<text x="{cx:.1f}" y="{cy:.1f}" text-anchor="middle">'
                f"{tspans(lines, round(cx, 1), first, 15)}</text></g>",
            )
        )
    widths = [w for *_, w in labels]
    left = min([0.0] + [x - w / 2 - 4 for (_, x, _), w in zip(placed, widths, strict=True)])
    right = max([lay.width] + [x + w / 2 + 4 for (_, x, _), w in zip(placed, widths, strict=True)])
    width, height = right - left, lay.height + top
    heading = f'<text class="mm-heading" x="{left + 12:.0f}" y="20">{escape(view.title)}</text>'
    return heading, tuple(node_parts), tuple(stub_parts), tuple(edge_parts), left, width, height


def flowchart_svg(ruleset: str | Ruleset = "trials-2024", path=(), stage: str | None = None) -> str:
    """A standalone SVG of a ruleset's pathway (or of one of its ``stages``), ``path`` lit.

    The drawing is made once per ruleset and view; lighting a different path changes only
    ``class`` attributes.

    >>> svg = flowchart_svg("seed-2025", stage="deposit")
    >>> svg.startswith("<svg") and 'id="mm-node-axilla_micro"' in svg and 'id="mm-node-subtype"' not in svg
    True
    """
    rules = load_ruleset(ruleset)
    heading, nodes, stubs, edges, left, width, height = _chart_parts(rules, stage)
    path = tuple(path)
    on_path = set(path)
    lit_edges = set(zip(path, path[1:], strict=False))
    classes = "mm-chart" + (" mm-has-path" if path else "")
    out = [_svg_open(width, height, classes, f"Flowchart: {_view(rules, stage).title}", left), heading]
    out += [f"{before}{_lit_class(bool(keys & lit_edges))}{after}" for keys, before, after in edges]
    out += [f"{before}{_lit_class(bool(keys & on_path))}{after}" for keys, before, after in stubs]
    out += [f"{before}{_lit_class(bool(keys & on_path))}{after}" for keys, before, after in nodes]
    out.append("</svg>")
    return "".join(out)


def _place_labels(labels: list, boxes: list) -> list[tuple[str, float, float]]:
    """Edge labels in a band under their question, pushed apart sideways where they overlap;
    a label that then lies on a box (or an earlier label) slides further down its own edge."""
    xs, ys = [], []
    for _, p0, p1, _ in labels:
        ys.append(p0[1] + 19)
        xs.append(_bezier_x_at(p0, p1, p0[1] + 15))
    rows: dict[int, list[int]] = {}
    for i, y in enumerate(ys):
        rows.setdefault(round(y), []).append(i)
    for members in rows.values():
        members.sort(key=lambda i: xs[i])
        for _ in range(20):
            moved = False
            for i, j in zip(members, members[1:], strict=False):
                need = (labels[i][3] + labels[j][3]) / 2 + 8 - (xs[j] - xs[i])
                if need > 0.5:
                    xs[i] -= need / 2
                    xs[j] += need / 2
                    moved = True
            if not moved:
                break

    def rect(x: float, y: float, width: float) -> tuple[float, float, float, float]:
        return (x - width / 2 - 3, y - 11, x + width / 2 + 3, y + 3)

    def hits(r, others) -> bool:
        return any(r[0] < o[2] and o[0] < r[2] and r[1] < o[3] and o[1] < r[3] for o in others)

    taken = list(boxes)
    out = []
    for i, (text, p0, p1, width) in enumerate(labels):
        x, y = xs[i], ys[i]
        neighbours = [rect(xs[j], ys[j], labels[j][3]) for j in range(i + 1, len(labels))]
        if hits(rect(x, y, width), taken):
            for drop in (31, 43):
                if p0[1] + drop > p1[1] - 8:
                    break
                nx = _bezier_x_at(p0, p1, p0[1] + drop - 4)
                if not hits(rect(nx, p0[1] + drop, width), taken + neighbours):
                    x, y = nx, p0[1] + drop
                    break
        taken.append(rect(x, y, width))
        out.append((text, x, y))
    return out


# ----------------------------------------------------------------------------- route view

# The route view is one column of stages stacked top to bottom, as wide as the explorer's
# flowchart panel holds at 1366x768 (652 px less its scroll bar); given more width (a wide
# notebook, a slide) it wraps into as many columns as fit, like a newspaper.
ROUTE_WIDTH = 620
ROUTE_GAP = 26  # connector between two rows of a column (holds the answer taken)
STUB_PX = 17
COLUMN_GAP = 40
MARGIN = 10
HEADING_PX, HEADING_LINE = 14, 18
CHIP_TEXT_PX = 128  # an alternative's words wrap at this width
FORK_PX, JOIN_PX = 22, 18  # lines from a recommendation to its alternatives, and back together


def route_svg(plan, ruleset: str | Ruleset | None = None, width: int = ROUTE_WIDTH) -> str:
    """The route of one plan: its stages stacked under headings in words; each question with
    the answer taken (on the lit connector) and the branches not taken as short dashed stubs;
    each recommendation lit, its alternatives side by side ("or"), never one after the other;
    a note that qualifies the recommendation before it drawn beside it, not on the route.
    ``width``: the room in CSS px; the route wraps into columns when more than one fits.

    >>> from micromets import Patient, recommend
    >>> svg = route_svg(recommend(Patient(1.2, "pos", "pos", "neg", "post", "bcs"), "seed-2025"))
    >>> "micro 0.2–2 mm" in svg and 'class="mm-stub"' in svg and 'class="mm-alternative"' in svg
    True
    """
    if ruleset is None:  # the plan knows the ruleset that decided it (an instructor's file too)
        ruleset = getattr(plan, "rules", None) or plan.ruleset
    return route_svg_for_path(ruleset, plan.path, width)


@dataclass
class _Row:
    """One row of a route column: a stage heading or a step of the path (with what hangs on it)."""

    kind: str  # "heading" or "node"
    height: float
    title: str = ""
    at: int = -1  # the step's position in the path
    aside: int = -1  # a note drawn beside the step (its position in the path)
    column: int = 0
    top: float = 0.0


def _route_rows(rules: Ruleset, path: tuple[str, ...]) -> list[_Row]:
    """The path as rows: a heading where the stage changes (named for the route's patient: the
    last stage of that kind it passes), then its steps; notes beside the step they qualify."""
    kinds = [stage_of(rules, n).kind for n in path]
    rows: list[_Row] = []
    i = 0
    while i < len(path):
        if i == 0 or kinds[i] != kinds[i - 1]:
            run = [i]
            while run[-1] + 1 < len(path) and kinds[run[-1] + 1] == kinds[i]:
                run.append(run[-1] + 1)
            rows.append(_Row("heading", 0.0, title=_run_title(rules, path, run)))
        aside = i + 1 if _is_aside(rules, path, i + 1) else -1
        rows.append(_Row("node", 0.0, at=i, aside=aside))
        i += 2 if aside >= 0 else 1
    return rows


def _run_title(rules: Ruleset, path: tuple[str, ...], run: list[int]) -> str:
    """The heading of a run of steps of one kind: the title of the last stage the run enters
    (a stage split by subtype is entered at its first question), so it names this patient."""
    entered = [stage for stage in stages(rules) if stage.id in {path[i] for i in run}]
    last = max(entered, key=lambda stage: path.index(stage.id), default=stage_of(rules, path[run[0]]))
    return last.title


def _is_aside(rules: Ruleset, path: tuple[str, ...], i: int) -> bool:
    """A sequencing note right after a recommendation qualifies it ("chemotherapy first, then
    endocrine therapy"): drawn in the route, it would read as one more treatment after it."""
    if not 0 < i < len(path):
        return False
    before, note = rules.nodes[path[i - 1]], rules.nodes[path[i]]
    return node_role(note) == "sequence" and node_role(before) == "recommend"


def _alternatives(rules: Ruleset, node: Node) -> list[tuple[tuple[str, ...], float, float]]:
    """A recommendation's alternatives (two or more systemic options) as chips: lines, width, height."""
    if node.options is None or len(node.options) < 2:
        return []
    chips = []
    for option in node.options:
        lines = tuple(wrap(rules.vocabulary.option_label(option), FONT_PX, CHIP_TEXT_PX))
        width = max(text_width(line, FONT_PX) for line in lines) + 2 * PAD_X
        chips.append((lines, width, len(lines) * LINE_PX + 2 * PAD_Y))
    return chips


OR_PX = 30  # room for "or" between two alternatives


@lru_cache(maxsize=256)
def route_svg_for_path(ruleset: str | Ruleset, path: tuple[str, ...], width: int = ROUTE_WIDTH) -> str:
    """``route_svg`` from a ruleset and a path (what the widget has).

    >>> "mm-route-node-deposit" in route_svg_for_path("seed-2025", ("deposit", "axilla_itc"))
    True
    """
    rules = load_ruleset(ruleset)
    path = tuple(path)
    nodes = [rules.nodes[n] for n in path]
    box_w = max(_box(n.label, node_role(n))[1] for n in nodes)
    rows = _route_rows(rules, path)
    # The width a column needs: the boxes, then what hangs to their right (stubs, notes, alternatives).
    right = box_w
    for row in rows:
        if row.kind != "node":
            continue
        node = nodes[row.at]
        nxt = path[row.at + 1] if row.at + 1 < len(path) else END
        for branch in node.branches:
            if branch.next != nxt:
                right = max(right, box_w + 22 + text_width(branch.label, EDGE_FONT_PX))
        if row.aside >= 0:
            note = nodes[row.aside]
            right = max(right, box_w + 24 + _box(note.label, node_role(note))[1])
        chips = _alternatives(rules, node)
        if chips:
            right = max(right, sum(w for _, w, _ in chips) + OR_PX * (len(chips) - 1))
    col_w = right + 4
    heading_lines = {row.title: wrap(row.title, HEADING_PX, col_w - 16) for row in rows if row.kind == "heading"}
    for row in rows:
        if row.kind == "heading":
            row.height = len(heading_lines[row.title]) * HEADING_LINE + 10 + ROUTE_GAP
            continue
        node = nodes[row.at]
        _, _, h = _box(node.label, node_role(node))
        nxt = path[row.at + 1] if row.at + 1 < len(path) else END
        stubs = sum(1 for b in node.branches if b.next != nxt)
        body = max(h, stubs * STUB_PX + 4)
        if row.aside >= 0:
            note = nodes[row.aside]
            body = max(body, _box(note.label, node_role(note))[2])
        chips = _alternatives(rules, node)
        if chips:
            body = max(h, body) + FORK_PX + max(ch for *_, ch in chips) + JOIN_PX
        row.height = body + ROUTE_GAP
    columns = _newspaper(rows, max(1, int((width - 2 * MARGIN + COLUMN_GAP) // (col_w + COLUMN_GAP))))
    parts: list[str] = []
    bottom = 0.0
    for c, column in enumerate(columns):
        x0 = MARGIN + c * (col_w + COLUMN_GAP)
        cx = x0 + box_w / 2
        y = MARGIN
        for row in column:
            row.column, row.top = c, y
            y += row.height
        bottom = max(bottom, y)
        for k, row in enumerate(column):
            if row.kind == "heading":
                parts.append(_heading_svg(heading_lines[row.title], x0, row.top, col_w))
            else:
                parts.append(_route_step_svg(rules, path, row, x0, cx, box_w))
            # The lit connector to the next row: down the spine, or on to the next column.
            following = column[k + 1] if k + 1 < len(column) else None
            after = columns[c + 1][0] if following is None and c + 1 < len(columns) else None
            if following is not None or after is not None:
                parts.append(_connector_svg(rules, path, row, following, cx, x0))
    height = bottom + MARGIN - ROUTE_GAP + 8
    total_w = MARGIN * 2 + len(columns) * col_w + (len(columns) - 1) * COLUMN_GAP
    label = f"Route of this patient through {rules.id}"
    return _svg_open(total_w, height, "mm-chart mm-route mm-has-path", label) + "".join(parts) + "</svg>"


def _newspaper(rows: list[_Row], count: int) -> list[list[_Row]]:
    """Rows split into ``count`` columns of about equal height, breaking before a heading
    where one is near, and never leaving a heading at the foot of a column."""
    if count <= 1:
        return [rows]
    target = sum(r.height for r in rows) / count
    columns: list[list[_Row]] = [[]]
    used = 0.0
    for row in rows:
        early = row.kind == "heading" and used >= 0.7 * target  # a stage starts: a good place to turn
        if columns[-1] and len(columns) < count and (used + row.height > target * 1.08 or early):
            carried = [columns[-1].pop()] if columns[-1][-1].kind == "heading" else []
            columns.append(carried)
            used = sum(r.height for r in carried)
        columns[-1].append(row)
        used += row.height
    return [c for c in columns if c]


def _heading_svg(lines: list[str], x0: float, top: float, width: float) -> str:
    height = len(lines) * HEADING_LINE + 10
    body = tspans(lines, x0 + 8, HEADING_PX + 2, HEADING_LINE)
    return (
        f'<g class="mm-route-heading"><rect x="{x0:.1f}" y="{top:.1f}" width="{width:.1f}" height="{height:.1f}" '
        f'rx="4"/><text class="mm-heading" x="{x0 + 8:.1f}" y="{top:.1f}">{body}</text></g>'
    )


def _row_box(rules: Ruleset, path: tuple[str, ...], row: _Row) -> tuple[float, float]:
    """Where a row's spine enters (its top) and leaves (under its box, or its alternatives)."""
    if row.kind == "heading":
        return row.top, row.top + row.height - ROUTE_GAP
    return row.top, row.top + row.height - ROUTE_GAP


def _route_step_svg(rules: Ruleset, path: tuple[str, ...], row: _Row, x0: float, cx: float, box_w: float) -> str:
    node_id = path[row.at]
    node = rules.nodes[node_id]
    _, w, h = _box(node.label, node_role(node))
    y = row.top
    cy = y + h / 2
    out = []
    nxt = path[row.at + 1] if row.at + 1 < len(path) else END
    for s, branch in enumerate(b for b in node.branches if b.next != nxt):
        sy, sx = y + 8 + s * STUB_PX, x0 + box_w + 4
        to = rules.nodes[branch.next].label if branch.next != END else "the end of the pathway"
        out.append(
            f'<g class="mm-stub" data-from="{node_id}" data-to="{branch.next}"><title>'
            f"{escape(node.label)} {escape(branch.label)} → {escape(to)} (not taken)</title>"
            f'<path d="M{cx + w / 2:.1f},{cy:.1f}L{sx + 14:.1f},{sy:.1f}"/>'
            f'<text x="{sx + 18:.1f}" y="{sy + 4:.1f}">{escape(branch.label)}</text></g>'
        )
    chips = _alternatives(rules, node)
    extra = ""
    if chips:
        extra = _alternatives_svg(rules, node, chips, cx, y + h, row.top + row.height - ROUTE_GAP, x0)
    out.append(_node_svg(rules, node_id, cx, cy, True, prefix="mm-route-node", extra=extra))
    if row.aside >= 0:  # the note that qualifies this step, beside it, linked by a dotted line
        note_id = path[row.aside]
        note = rules.nodes[note_id]
        _, nw, nh = _box(note.label, node_role(note))
        nx = x0 + box_w + 24 + nw / 2
        out.append(
            f'<g id="mm-route-edge-{node_id}-{note_id}" class="mm-aside-link" data-from="{node_id}" '
            f'data-to="{note_id}" data-edges="{node_id}>{note_id}"><title>'
            f"{escape(note.label)}: a note on {escape(node.label)}</title>"
            f'<path d="M{cx + w / 2:.1f},{cy:.1f}L{x0 + box_w + 24:.1f},{y + nh / 2:.1f}"/></g>'
        )
        out.append(_node_svg(rules, note_id, nx, y + nh / 2, True, prefix="mm-route-node", classes=" mm-aside"))
    return "".join(out)


def _alternatives_svg(rules: Ruleset, node: Node, chips: list, cx: float, top: float, bottom: float, x0: float) -> str:
    """The alternatives of a recommendation side by side, "or" between them, forked from its box
    and joined again below, so they read as a choice, not as steps one after another."""
    total = sum(w for _, w, _ in chips) + OR_PX * (len(chips) - 1)
    left = max(x0, cx - total / 2)
    chip_h = max(ch for *_, ch in chips)
    chip_top = bottom - JOIN_PX - chip_h
    out = ['<g class="mm-alternatives">']
    x = left
    for k, (lines, w, _) in enumerate(chips):
        mid = x + w / 2
        out.append(
            f'<path class="mm-fork" d="{_curve([(cx, top), (mid, chip_top)])}"/>'
            f'<path class="mm-fork" d="{_curve([(mid, chip_top + chip_h), (cx, bottom)])}"/>'
            f'<g class="mm-alternative"><rect x="{x:.1f}" y="{chip_top:.1f}" width="{w:.1f}" height="{chip_h:.1f}" '
            f'rx="8"/>{_text(lines, mid, chip_top + chip_h / 2)}</g>'
        )
        x += w
        if k < len(chips) - 1:
            out.append(
                f'<text class="mm-or" x="{x + OR_PX / 2:.1f}" y="{chip_top + chip_h / 2 + 4:.1f}" '
                'text-anchor="middle">or</text>'
            )
            x += OR_PX
    out.append("</g>")
    return "".join(out)


def _connector_svg(
    rules: Ruleset, path: tuple[str, ...], row: _Row, following: _Row | None, cx: float, x0: float
) -> str:
    """The lit line from a row to the next one in its column, or, at the foot of a column, a
    short line and "continues in the next column"; a question's line carries the answer taken."""
    _, leave = _row_box(rules, path, row)
    if following is not None:
        end = following.top - 2
        tail = ""
    else:
        end = leave + ROUTE_GAP - 8
        tail = f'<text class="mm-continue" x="{x0:.1f}" y="{end + 16:.1f}">continues in the next column →</text>'
    if row.kind == "heading":
        return f'<g class="mm-edge mm-lit mm-spine"><path d="M{cx:.1f},{leave:.1f}L{cx:.1f},{end:.1f}"/></g>{tail}'
    at = row.aside if row.aside >= 0 else row.at
    if at + 1 >= len(path):
        return tail
    a, b = path[row.at], path[at + 1]
    node = rules.nodes[a]
    taken = " / ".join(br.label for br in node.branches if br.next == path[row.at + 1])
    edges = " ".join(f"{path[i]}>{path[i + 1]}" for i in range(row.at, at + 1))
    words = f"{node.label} {taken} → {rules.nodes[b].label}".replace("  ", " ")
    answer = f'<text x="{cx + 8:.1f}" y="{leave + ROUTE_GAP / 2 + 4:.1f}">{escape(taken)}</text>' if taken else ""
    return (
        f'<g id="mm-route-edge-{a}-{b}" class="mm-edge mm-lit" data-from="{a}" data-to="{b}" data-edges="{edges}">'
        f'<title>{escape(words)}</title><path d="M{cx:.1f},{leave:.1f}L{cx:.1f},{end:.1f}"/>{answer}</g>{tail}'
    )


# ----------------------------------------------------------------------------- details


def node_details(ruleset: str | Ruleset, node_id: str) -> dict:
    """The words to show when a node is selected.

    Keys: ``label``, ``kind`` (Question, Recommendation, Sequencing note), ``stage``; for a
    question ``answers`` (each branch's label and where it leads) and ``explain``; for an
    action ``decides`` (the plan parts it sets, in the ruleset's vocabulary), ``text``,
    ``rationale``, ``note``, ``evidence`` and ``citations`` (each with
    ``id``, ``name``, ``citation`` and ``figure``: whether a trial figure can be drawn).

    >>> d = node_details("seed-2025", "axilla_micro")
    >>> d["kind"], d["citations"][0]["name"], d["citations"][0]["figure"]
    ('Recommendation', 'IBCSG 23-01 (5-year)', True)
    """
    from ...ground.evidence import registry
    from ...pathway.plan_model import StepModel
    from ..figure_index import has_figure

    rules = load_ruleset(ruleset)
    if node_id not in rules.nodes:
        raise ValueError(f"node: {node_id!r} is not a node of {rules.id}")
    node = rules.nodes[node_id]
    details: dict = {
        "id": node_id,
        "label": node.label,
        "kind": role_words(rules, node),
        "stage": stage_of(rules, node_id).title,
    }
    if node.is_question:
        details["explain"] = node.explain
        details["answers"] = [
            {"label": b.label, "leads_to": rules.nodes[b.next].label if b.next != END else "end of the pathway"}
            for b in node.branches
        ]
        return details
    step = node.step
    reg = registry()
    # The same step model the plan renderings read, so a step's words agree everywhere.
    model = StepModel(
        number=0,
        text=step.text if step else "",
        why=step.rationale if step else "",
        caveat=step.note if step else "",
        evidence=step.evidence if step else "",
        citations=tuple(step.citations) if step else (),
        sources=tuple(reg[c].short_citation() for c in step.citations) if step else (),
        node_id=node_id,
    )
    words = rules.vocabulary
    decides = [f"{words.kind_label(kind)}: {words.text(kind, code)}" for kind, code in node.sets]
    if node.options is not None:
        decides.append(f"{words.kind_label('component')}: {words.options_text(node.options)}")
    decides += [f"{words.kind_label('consider')}: {words.text('consider', item)}" for item in node.consider]
    details.update(
        decides=decides,
        text=model.text,
        rationale=model.why,
        note=model.caveat,
        evidence=model.evidence,
        citations=[
            {"id": c, "name": reg[c].name, "citation": source, "figure": has_figure(c)}
            for c, source in zip(model.citations, model.sources, strict=True)
        ],
    )
    return details


def details_html(details: dict) -> str:
    """``node_details`` as HTML for the click panel (escaped; trial-figure buttons carry
    ``data-figure`` with the registry id).

    >>> "Why" in details_html(node_details("seed-2025", "axilla_micro"))
    True
    """
    out = [f"<div class='mm-details-kind'>{escape(details['kind'])} · {escape(details['stage'])}</div>"]
    out.append(f"<div class='mm-details-label'>{escape(details['label'])}</div>")
    if "answers" in details:
        if details["explain"]:
            out.append(f"<p>{escape(details['explain'])}</p>")
        items = "".join(f"<li><b>{escape(a['label'])}</b> → {escape(a['leads_to'])}</li>" for a in details["answers"])
        out.append(f"<ul class='mm-details-answers'>{items}</ul>")
        return "".join(out)
    if details["decides"]:
        items = "".join(f"<li>{escape(line)}</li>" for line in details["decides"])
        out.append(f"<ul class='mm-details-decides'>{items}</ul>")
    if details["text"]:
        out.append(f"<p class='mm-details-text'>{escape(details['text'])}</p>")
    out.append(reasons_html(details["rationale"], details["note"]))  # worded as in the plan
    if details["evidence"]:
        out.append(f"<p class='mm-details-evidence'><i>Evidence:</i> {escape(details['evidence'])}</p>")
    if details["citations"]:
        rows = []
        for c in details["citations"]:
            button = (
                f" <button type='button' class='mm-figure-button' data-figure='{escape(c['id'], quote=True)}'>"
                f"Show the {escape(c['name'])} figure</button>"
                if c["figure"]
                else ""
            )
            rows.append(f"<li>{escape(c['citation'])}{button}</li>")
        out.append(f"<div class='mm-details-sources'><i>Sources:</i><ul>{''.join(rows)}</ul></div>")
    return "".join(out)


# ----------------------------------------------------------------------------- static display


@dataclass(frozen=True)
class FlowchartSVG:
    """An SVG flowchart that shows itself in a notebook (inline, scrolling, never scaled
    below its 13 px text) and saves itself for slides; no widget, no kernel needed."""

    svg: str

    def _repr_html_(self) -> str:
        return f"<div class='mm-flowchart-static' style='overflow:auto;max-width:100%'>{self.svg}</div>"

    def save(self, filename: str) -> None:
        """Write the SVG (or, for a .png name, the same drawing through matplotlib)."""
        if filename.endswith(".png"):
            from .flowchart_png import svg_to_png

            svg_to_png(self.svg, filename)
        else:
            with open(filename, "w", encoding="utf-8") as handle:
                handle.write('<?xml version="1.0" encoding="UTF-8"?>\n' + self.svg)


def show_flowchart(ruleset: str | Ruleset = "trials-2024", path=(), view: str | None = None) -> FlowchartSVG:
    """A flowchart for a notebook cell: ``view`` is ``None`` (whole), ``route`` or a stage
    (number or id, as ``view_id`` takes it).

    >>> "mm-route-node-deposit" in show_flowchart("seed-2025", ("deposit", "axilla_itc"), "route")._repr_html_()
    True
    """
    rules = load_ruleset(ruleset)
    stage = view_id(rules, view)
    if stage == "route":
        return FlowchartSVG(route_svg_for_path(rules, tuple(path)))
    return FlowchartSVG(flowchart_svg(rules, path, stage))


# ----------------------------------------------------------------------------- the PNG drawing


def __getattr__(name: str):
    # The matplotlib drawing is imported only when asked for: the SVG needs no matplotlib.
    legacy = ("draw_flowchart", "chart_for", "layout", "chart_size", "Flowchart", "LIT_ACTION", "LIT_QUESTION")
    if name in legacy:
        from . import flowchart_png

        return getattr(flowchart_png, name)
    raise AttributeError(name)


def view_id(ruleset: str | Ruleset, view: str | None) -> str | None:
    """Resolve a view name: ``whole`` (or None), ``route``, a stage number (1 = the first of
    ``stages``) or a stage id. Returns None for the whole pathway.

    >>> view_id("seed-2025", "1"), view_id("seed-2025", "route"), view_id("seed-2025", "whole")
    ('deposit', 'route', None)
    """
    if view in (None, "", "whole"):
        return None
    if view == "route":
        return "route"
    listed = stages(ruleset)
    if view.isdigit() and 1 <= int(view) <= len(listed):
        return listed[int(view) - 1].id
    if view in {s.id for s in listed}:
        return view
    allowed = ", ".join(f"{i} ({s.title})" for i, s in enumerate(listed, 1))
    raise ValueError(f"got {view!r}; allowed: whole, route, or a stage number: {allowed}")


def export_flowchart(ruleset: str | Ruleset, path, out: str, view: str | None = None) -> None:
    """Write a flowchart to ``out`` (.svg: the SVG drawn here; .png: the same drawing through
    matplotlib), ``path`` lit; ``view`` as ``view_id`` takes it (``route`` needs a path)."""
    rules = load_ruleset(ruleset)
    stage = view_id(rules, view)
    if stage == "route":
        if not path:
            raise ValueError("the route view needs a patient: give the patient flags")
        svg = route_svg_for_path(rules, tuple(path))
    else:
        svg = flowchart_svg(rules, path, stage)
    if out.endswith(".svg"):
        with open(out, "w", encoding="utf-8") as handle:  # a file of its own: say its encoding
            handle.write('<?xml version="1.0" encoding="UTF-8"?>\n' + svg)
    else:
        from .flowchart_png import svg_to_png

        svg_to_png(svg, out)
