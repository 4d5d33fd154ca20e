"""The pathway as a standalone SVG map: the whole pathway or one of its stages, drawn once per
ruleset and view by the layered layout; a route is lit by CSS classes only.

Every label is SVG ``<text>`` at 13 CSS px (12 on edges). Ids and classes: root
``svg.mm-chart`` (``mm-has-path`` when a route is lit); node ``g#mm-node-<node id>.mm-node``
with one of ``mm-question``, ``mm-recommend``, ``mm-sequence`` (a step that orders or qualifies
others: drawn dashed so it never reads as a competing recommendation), and ``data-node``; edge
``g#mm-edge-<from>-<to>.mm-edge`` with ``data-edges``, its answer (if any) drawn after every arrow
on an opaque ground as ``g.mm-edge.mm-answer`` with ``data-answer-of`` (the arrow's id) and the same
``data-edges``; lit parts add ``mm-lit``. In a stage
view, links to other stages are ``g.mm-stub`` with ``data-stage`` and ``data-nodes``.

May import: ground, pathway and this package (no drawing library).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from html import escape

from ...pathway.ruleset import Node, Ruleset, load_ruleset
from .layout import CUT, EDGE_FONT_PX, FONT_PX, LINE_PX, box_size, layered_layout
from .roles import drawn_edges, flowchart_words, node_role, role_words
from .stage_views import stage_of, stages
from .svgtext import FONT_FAMILY, text_width, tspans, wrap

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
.mm-chart .mm-stack{fill:#fff;stroke:#5a5a5a;stroke-width:1.2}
.mm-chart.mm-has-path .mm-node:not(.mm-lit)>.mm-stack{stroke:#b0b0b0}
.mm-chart .mm-node.mm-lit>.mm-stack{fill:#FBE5BD;stroke:#000;stroke-width:2}
.mm-chart .mm-sequence text{font-style:italic}
.mm-chart .mm-edge path{fill:none;stroke:#9a9a9a;stroke-width:1.3;marker-end:url(#mm-arrow)}
.mm-chart .mm-edge text,.mm-chart .mm-stub text{font-size:12px;fill:#3d3d3d}
.mm-chart .mm-edge text{paint-order:stroke;stroke:#fff;stroke-width:4px;stroke-linejoin:round}
.mm-chart .mm-answer rect{fill:#fff;stroke:none}
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
.mm-chart .mm-edge.mm-note path{stroke-dasharray:2 4;marker-end:none}
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


def shape(role: str, cx: float, cy: float, w: float, h: float) -> str:
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


def text_lines(lines, cx: float, cy: float) -> str:
    first = -(len(lines) - 1) * LINE_PX / 2 + FONT_PX * 0.36
    body = tspans(list(lines), round(cx, 1), first, LINE_PX)
    return f'<text x="{cx:.1f}" y="{cy:.1f}" text-anchor="middle">{body}</text>'


def curve(points: list[tuple[float, float]]) -> str:
    d = f"M{points[0][0]:.1f},{points[0][1]:.1f}"
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        mid = (y0 + y1) / 2
        d += f"C{x0:.1f},{mid:.1f} {x1:.1f},{mid:.1f} {x1:.1f},{y1:.1f}"
    return d


def _node_words(rules: Ruleset, node: Node) -> str:
    said = flowchart_words(rules).say("box", role=role_words(rules, node), label=node.label)
    if several_options(node):  # the label names one; the words read aloud and the tooltip name them all
        said = flowchart_words(rules).say("box_options", box=said, options=rules.vocabulary.options_label(node.options))
    return said


def several_options(node: Node) -> bool:
    """Whether a box holds alternatives (two or more systemic options): its label names only one."""
    return node.options is not None and len(node.options) > 1


STACK_OFFSET = 4  # a box holding several options is drawn as a stack: a second outline this far behind it


def node_svg(
    rules: Ruleset,
    node_id: str,
    cx: float,
    cy: float,
    lit: bool,
    prefix: str = "mm-node",
    classes: str = "",
    extra="",
    stack: bool = False,
) -> str:
    """A box: its shape, wrapped label, tooltip and words read aloud; with ``stack`` (a map's box that
    holds several options) a second outline behind it says there is more than its label names."""
    node = rules.nodes[node_id]
    role = node_role(node)
    lines, w, h = box_size(node.label, role)
    said = _node_words(rules, node)
    words = escape(said, quote=True)
    tip = escape(flowchart_words(rules).say("select_box", box=said), quote=True)
    behind = ""
    if stack:
        behind = shape(role, cx + STACK_OFFSET, cy + STACK_OFFSET, w, h).replace('class="mm-shape"', 'class="mm-stack"')
        classes += " mm-options"
    return (
        f'<g id="{prefix}-{node_id}" class="mm-node mm-{role}{lit_class(lit)}{classes}" data-node="{node_id}" '
        f'tabindex="0" role="button" aria-label="{words}"><title>{tip}</title>'
        f"{behind}{shape(role, cx, cy, w, h)}{text_lines(lines, cx, cy)}{extra}</g>"
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
    edges = drawn_edges(rules)
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
    words = flowchart_words(rules)
    answers = words.joins["answers"]
    for (a, b), labels in edges.items():
        if a in inside and b in inside:
            links.append(_Link(a, b, ((a, b),), answers.join(labels)))
        elif b in inside:  # arrivals from another stage: one stub per stage they come from
            source = stage_of(rules, a)
            key = f"in:{source.id}"
            stubs.setdefault(key, (words.say("from_stage", stage=source.title), [], source.id))[1].append(a)
            grouped.setdefault((key, b), []).append((a, b))
        elif a in inside:  # departures: one stub per node they lead to
            target = stage_of(rules, b)
            key = f"out:{b}"
            to = words.say("to_stage", stage=target.title, node=rules.nodes[b].label)
            stubs.setdefault(key, (to, [b], target.id))
            links.append(_Link(a, key, ((a, b),), answers.join(labels)))
    for (key, b), real in grouped.items():
        label = answers.join(edges[real[0]]) if len(real) == 1 else ""
        links.insert(0, _Link(key, b, tuple(real), label))
    stub_items = tuple((k, label, tuple(dict.fromkeys(ns)), sid) for k, (label, ns, sid) in stubs.items())
    ordered = tuple(n for n in rules.order() if n in inside)
    return _View(f"{chosen[0].title} — {rules.id}", ordered, stub_items, tuple(links))


def _stub_lines(label: str) -> list[str]:
    return wrap(label, EDGE_FONT_PX, 190)


@lru_cache(maxsize=64)
def _view_layout(rules: Ruleset, stage: str | None):
    view = _view(rules, stage)
    sizes = {n: box_size(rules.nodes[n].label, node_role(rules.nodes[n]))[1:] for n in view.nodes}
    for key, label, _, _ in view.stubs:
        lines = _stub_lines(label)
        sizes[key] = (max(text_width(line, EDGE_FONT_PX) for line in lines) + 16, len(lines) * 15 + 10)
    keys = [k for k, *_ in view.stubs if k.startswith("in:")] + list(view.nodes)
    keys += [k for k, *_ in view.stubs if k.startswith("out:")]
    return layered_layout(keys, [(link.a, link.b) for link in view.links], sizes)


def svg_open(width: float, height: float, classes: str, label: str, left: float = 0) -> str:
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


def lit_class(lit: bool) -> str:
    return " mm-lit" if lit else ""


@lru_cache(maxsize=64)
def _chart_parts(rules: Ruleset, stage: str | None) -> tuple[str, tuple, tuple, tuple, float, float, float]:
    """The drawing with its lit state left open: (head, nodes, stubs, edges, left, width, height);
    nodes, stubs and edges are (lit keys, svg before class, svg after class)."""
    view = _view(rules, stage)
    lay = _view_layout(rules, stage)
    said = flowchart_words(rules)
    arrow = said.joins["arrow"]
    top = 30.0  # room for the heading
    labels: list[tuple[str, float, float, float]] = []
    answers: list[tuple[frozenset, str, str]] = []  # per label: its edges, its arrow's id, data-edges
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
        body = f'<path d="{curve(points)}"/>'
        if link.label:
            labels.append((link.label, points[0], points[1], text_width(link.label, EDGE_FONT_PX)))
        a, b = link.edges[0]
        words = [f"{rules.nodes[a].label} {link.label}{arrow}{rules.nodes[b].label}".replace("  ", " ")]
        words += [f"{rules.nodes[x].label}{arrow}{rules.nodes[y].label}" for x, y in link.edges[1:]]
        ident = f"mm-edge-{a}-{b}" if len(link.edges) == 1 else f"mm-edge-{link.a.replace(':', '-')}-{link.b}"
        data = " ".join(f"{x}>{y}" for x, y in link.edges)
        if link.label:  # its answer is drawn apart, above every arrow (see below)
            answers.append((frozenset(link.edges), ident, data))
        # A sequencing note after a recommendation qualifies it: a dotted link, not one more step.
        note = len(link.edges) == 1 and node_role(rules.nodes[b]) == "sequence"
        note = note and node_role(rules.nodes[a]) == "recommend"
        edge_parts.append(
            (
                frozenset(link.edges),
                f'<g id="{ident}" class="mm-edge{" mm-note" if note else ""}',
                f'" data-from="{a}" data-to="{b}" data-edges="{data}">'
                f"<title>{escape(said.joins['arrows'].join(words))}</title>{body}</g>",
            )
        )
    boxes = [
        (x - w / 2 - 2, y + top - h / 2 - 2, x + w / 2 + 2, y + top + h / 2 + 2)
        for key, ((x, y), (w, h)) in ((k, (lay.centre[k], lay.size[k])) for k in lay.centre)
        if key in lay.size
    ]
    placed = _place_labels(labels, boxes)
    # The answers on the arrows: drawn after every arrow, each on an opaque ground, so no line (its
    # own, which it sits on, or another passing by) runs through its words. Each is lit with its arrow.
    for (text, x, y), (_, _, _, width), (keys, ident, data) in zip(placed, labels, answers, strict=True):
        ground = answer_ground(x, y, width)
        edge_parts.append(
            (
                keys,
                '<g class="mm-edge mm-answer',
                f'" data-answer-of="{ident}" data-edges="{data}">'
                f'<rect x="{ground[0]:.1f}" y="{ground[1]:.1f}" width="{ground[2] - ground[0]:.1f}" '
                f'height="{ground[3] - ground[1]:.1f}" rx="3"/>'
                f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="middle">{escape(text)}</text></g>',
            )
        )
    node_parts = []
    for n in view.nodes:
        cx, cy = lay.centre[n]
        svg = node_svg(rules, n, cx, cy + top, False, stack=several_options(rules.nodes[n]))
        cut = svg.index('" data-node=')
        node_parts.append((frozenset([n]), svg[:cut], svg[cut:]))
    stub_parts = []
    for key, label, nodes, stage_id in view.stubs:
        (cx, cy), (w, h) = lay.centre[key], lay.size[key]
        cy += top
        lines = _stub_lines(label)
        first = -(len(lines) - 1) * 15 / 2 + EDGE_FONT_PX * 0.36
        tip = said.say("select_stage", stage=label)
        stub_parts.append(
            (
                frozenset(nodes),
                f'<g id="mm-stub-{key.replace(":", "-")}" class="mm-stub',
                f'" data-nodes="{" ".join(nodes)}" data-stage="{stage_id}" tabindex="0" role="button" '
                f'aria-label="{escape(label, quote=True)}"><title>{escape(tip)}</title>'
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
    label = flowchart_words(rules).say("chart", view=_view(rules, stage).title)
    out = [svg_open(width, height, classes, label, left), heading]
    out += [f"{before}{lit_class(bool(keys & lit_edges))}{after}" for keys, before, after in edges]
    out += [f"{before}{lit_class(bool(keys & on_path))}{after}" for keys, before, after in stubs]
    out += [f"{before}{lit_class(bool(keys & on_path))}{after}" for keys, before, after in nodes]
    out.append("</svg>")
    return "".join(out)


# Two answers side by side under a question are this far apart (CSS px): enough that a reader sees
# two labels, each on its own arrow, not one phrase ("≥31 18–30 <18" read as a run).
LABEL_GAP = 16
FAN_DROP = 31  # how far under its question a fan's row of answers sits (a lone pair: 19)


def answer_ground(x: float, y: float, width: float) -> tuple[float, float, float, float]:
    """The box (left, top, right, bottom) an answer written at ``x`` (its middle), ``y`` (its baseline)
    and ``width`` wide takes, its ground included: what no arrow may show through, nor other words cover.

    >>> answer_ground(100, 50, 40)
    (77.0, 39, 123.0, 53)
    """
    return (x - width / 2 - 3, y - 11, x + width / 2 + 3, y + 3)


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
        # Three or more answers fan out of one question: their arrows part further down, so the row
        # sits lower there (where it can), each label nearer its own arrow and less pushed aside.
        if len(members) >= 3 and all(labels[i][2][1] - labels[i][1][1] >= FAN_DROP + 20 for i in members):
            for i in members:
                _, p0, p1, _ = labels[i]
                ys[i] = p0[1] + FAN_DROP
                xs[i] = _bezier_x_at(p0, p1, p0[1] + FAN_DROP - 4)
        members.sort(key=lambda i: xs[i])
        for _ in range(20):
            moved = False
            for i, j in zip(members, members[1:], strict=False):
                need = (labels[i][3] + labels[j][3]) / 2 + LABEL_GAP - (xs[j] - xs[i])
                if need > 0.5:
                    xs[i] -= need / 2
                    xs[j] += need / 2
                    moved = True
            if not moved:
                break

    rect = answer_ground

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
