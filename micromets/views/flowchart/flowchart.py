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

from ...pathway.conditions import field_domain
from ...pathway.graph import END
from ...pathway.plan_model import CAVEAT_LABEL
from ...pathway.ruleset import Node, Ruleset, load_ruleset
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
# Names of the three kinds of stage, by what their nodes decide (UI headings, not codes).
STAGE_TITLES = {
    "axilla": "Nodal staging and axilla",
    "systemic": "Systemic therapy",
    "radiation": "Radiation and bone agents",
}


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


_ROLE_WORDS = {"question": "Question", "recommend": "Recommendation", "sequence": "Sequencing note"}


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
    """One view of a pathway: an id (the node id it starts at), a heading and its nodes."""

    id: str
    title: str
    nodes: tuple[str, ...]


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
    possible = known.get(node.ask, set(choices) | ({None} if optional else set()))
    taken: set = set()
    out = []
    for branch in node.branches:
        values = {v for v in possible - taken if branch.condition(v)}
        taken |= values
        if values:
            out.append((branch, {**known, node.ask: values}))
    return out


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


def _split(rules: Ruleset, stage: Stage, known: dict, depth: int) -> list[Stage]:
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
        else:
            merged.append(([branch], kn, list(nodes)))
    if len(merged) < 2:
        return [stage]
    rest = [n for n in stage.nodes if n not in claimed]
    out: list[Stage] = []
    for branches, kn, nodes in merged:
        answers = " / ".join(_answer_words(entry, b) for b in branches)
        sub = Stage(branches[0].next, f"{stage.title} · {answers}", tuple(sorted(nodes, key=order.get)))
        out.extend(_split(rules, sub, kn, depth + 1) if len(branches) == 1 else [sub])
    # The question that splits the stage (and anything no branch claimed) opens the first view.
    first = out[0]
    out[0] = Stage(stage.id, first.title, tuple(sorted([stage.id, *first.nodes, *rest], key=order.get)))
    return out


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
        stage = Stage(nodes[0], STAGE_TITLES.get(kind or "", "Pathway"), tuple(nodes))
        out.extend(_split(rules, stage, {}, 0))
        if tail:  # drugs to consider once treatment is chosen, for every subtype: shown once, with radiation
            out.append(Stage(tail[0], STAGE_TITLES["radiation"], tuple(tail)))
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


def _node_words(node: Node) -> str:
    return f"{_ROLE_WORDS[node_role(node)]}: {node.label}"


def _node_svg(rules: Ruleset, node_id: str, cx: float, cy: float, lit: bool, prefix: str = "mm-node") -> str:
    node = rules.nodes[node_id]
    role = node_role(node)
    lines, w, h = _box(node.label, role)
    words = escape(_node_words(node), quote=True)
    return (
        f'<g id="{prefix}-{node_id}" class="mm-node mm-{role}{" mm-lit" if lit else ""}" data-node="{node_id}" '
        f'tabindex="0" role="button" aria-label="{words}"><title>{words} (select for details)</title>'
        f"{_shape(role, cx, cy, w, h)}{_text(lines, cx, cy)}</g>"
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


def route_svg(plan, ruleset: str | Ruleset | None = None) -> str:
    """The route of one plan: one column per stage; each question with the answer taken
    (on the lit connector) and the branches not taken as short dashed stubs; each
    recommendation lit; sequencing notes dashed.

    >>> from micromets import Patient, recommend
    >>> svg = route_svg(recommend(Patient(1.2, "pos", "pos", "neg", "post", "bcs"), "seed-2025"))
    >>> "micro 0.2–2 mm" in svg and 'class="mm-stub"' in svg
    True
    """
    if ruleset is None:  # the plan knows the ruleset that decided it (an instructor's file too)
        ruleset = getattr(plan, "rules", None) or plan.ruleset
    return route_svg_for_path(ruleset, plan.path)


ROUTE_GAP = 26  # connector between two boxes of a column (holds the answer taken)
ROUTE_MAX_HEIGHT = 600  # a column taller than this wraps: the route fits a 768 px high screen
STUB_PX = 17


@lru_cache(maxsize=256)
def route_svg_for_path(ruleset: str | Ruleset, path: tuple[str, ...]) -> str:
    """``route_svg`` from a ruleset and a path (what the widget has).

    >>> "mm-route-node-deposit" in route_svg_for_path("seed-2025", ("deposit", "axilla_itc"))
    True
    """
    rules = load_ruleset(ruleset)
    path = tuple(path)
    columns: list[tuple[str, list[int]]] = []  # (stage title, positions in the path)
    used, base = 0.0, None
    for i, node_id in enumerate(path):
        title = _top_stage_title(rules, node_id)
        node = rules.nodes[node_id]
        room = max(_box(node.label, node_role(node))[2] + ROUTE_GAP, len(node.branches) * STUB_PX + 12)
        if title != base:
            columns.append((title, []))
            used, base = 0.0, title
        elif used + room > ROUTE_MAX_HEIGHT:  # a long stage wraps into another column, not off the screen
            columns.append((f"{title} (continued)", []))
            used = 0.0
        columns[-1][1].append(i)
        used += room
    parts = []
    x, top, bottom = 12.0, 30.0, 0.0
    for c, (title, positions) in enumerate(columns):
        box_w = max(_box(rules.nodes[path[i]].label, node_role(rules.nodes[path[i]]))[1] for i in positions)
        stub_w = max(
            [text_width(b.label, EDGE_FONT_PX) + 34 for i in positions for b in rules.nodes[path[i]].branches] or [0]
        )
        parts.append(f'<text class="mm-heading" x="{x:.0f}" y="{top - 10:.0f}">{escape(title)}</text>')
        y, cx = top, x + box_w / 2
        for k, i in enumerate(positions):
            n = path[i]
            node = rules.nodes[n]
            _, w, h = _box(node.label, node_role(node))
            cy = y + h / 2
            parts.append(_node_svg(rules, n, cx, cy, True, prefix="mm-route-node"))
            nxt = path[i + 1] if i + 1 < len(path) else END
            taken = " / ".join(b.label for b in node.branches if b.next == nxt)
            others = [b for b in node.branches if b.next != nxt]
            for s, branch in enumerate(others):
                sy, sx = y + 8 + s * STUB_PX, x + box_w + 4
                to = rules.nodes[branch.next].label if branch.next != END else "the end of the pathway"
                parts.append(
                    f'<g class="mm-stub" data-from="{n}" data-to="{branch.next}"><title>'
                    f"{escape(node.label)} {escape(branch.label)} → {escape(to)} (not taken)</title>"
                    f'<path d="M{cx + w / 2:.1f},{cy:.1f}L{sx + 14:.1f},{sy:.1f}"/>'
                    f'<text x="{sx + 18:.1f}" y="{sy + 4:.1f}">{escape(branch.label)}</text></g>'
                )
            room = max(h + ROUTE_GAP, len(others) * STUB_PX + 12)
            if nxt == END:
                y += room
                continue
            last_in_column = k == len(positions) - 1
            end_y = y + room - 2 if not last_in_column else y + h + ROUTE_GAP - 2
            edge_words = f"{node.label} {taken} → {rules.nodes[nxt].label}".replace("  ", " ")
            answer = (
                f'<text x="{cx + 8:.1f}" y="{y + h + ROUTE_GAP / 2 + 4:.1f}">{escape(taken)}</text>' if taken else ""
            )
            parts.append(
                f'<g id="mm-route-edge-{n}-{nxt}" class="mm-edge mm-lit" data-from="{n}" data-to="{nxt}" '
                f'data-edges="{n}>{nxt}"><title>{escape(edge_words)}</title>'
                f'<path d="M{cx:.1f},{y + h:.1f}L{cx:.1f},{end_y:.1f}"/>{answer}</g>'
            )
            if last_in_column:  # the route goes on in the next column
                follow = f"then {columns[c + 1][0]} →"
                parts.append(
                    f'<text class="mm-continue" x="{cx:.1f}" y="{end_y + 17:.1f}" text-anchor="middle">'
                    f"{escape(follow)}</text>"
                )
                y = end_y + 24
            else:
                y += room
        bottom = max(bottom, y)
        x += box_w + stub_w + 28
    label = f"Route of this patient through {rules.id}"
    return _svg_open(x, bottom + 6, "mm-chart mm-route mm-has-path", label) + "".join(parts) + "</svg>"


def _top_stage_title(rules: Ruleset, node_id: str) -> str:
    return stage_of(rules, node_id).title.split(" · ")[0]


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
        "kind": _ROLE_WORDS[node_role(node)],
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
    if details["rationale"]:
        out.append(f"<p><i>Why:</i> {escape(details['rationale'])}</p>")
    if details["note"]:
        out.append(f"<p><i>{CAVEAT_LABEL}:</i> {escape(details['note'])}</p>")
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
