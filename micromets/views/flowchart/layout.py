"""A layered (Sugiyama-style) layout of a directed acyclic graph, in pure Python.

Used by the SVG flowchart: nodes have sizes in CSS pixels (from their measured labels), the
layout returns their centres and, for every edge, the points it bends through. Steps:

1. layers: longest path from the sources, then nodes slide between their parents and
   children to shorten edges (long edges clutter a chart and cross others);
2. long edges get a thin dummy point per layer they cross;
3. crossings: barycentre sweeps down and up, then adjacent swaps, keeping the best order;
4. x: each node is pulled towards its neighbours and then spread with the least total move
   that keeps the gaps (isotonic regression), a few rounds down and up.

No dependency: a learner's laptop and Binder need no Graphviz binary. The size of a box comes
from its label (``box_size``: measured text, wrapped at ``MAX_TEXT_PX``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ...pathway.ruleset import Ruleset, load_ruleset  # noqa: F401 (load_ruleset: the doctests)
from .roles import drawn_edges, node_role
from .svgtext import text_width, wrap

DUMMY_WIDTH = 8.0
# Labels: 13 CSS px on 16 px lines, wrapped at 150 px, inside this padding; a question's
# hexagon adds its cut corners.
FONT_PX = 13
EDGE_FONT_PX = 12
LINE_PX = 16
MAX_TEXT_PX = 150
PAD_X, PAD_Y, CUT = 10, 7, 9
# Layout work grows with the points laid out (boxes plus one bend point per layer a long arrow
# crosses), roughly with their square in the crossing reduction. The shipped trials-2024 chart
# needs about 260 points; 1,500 draw in a few seconds on a learner's laptop, and a ruleset past
# that is refused before any work rather than left to run for minutes.
LAYOUT_BUDGET = 1_500


class LayoutTooBig(ValueError):
    """A graph the layered layout cannot draw within ``LAYOUT_BUDGET``; the message says what is too big."""


def check_budget(nodes: list[str], edges: list[tuple[str, str]], layer: dict[str, int]) -> int:
    """The layout points of a layered graph; ``LayoutTooBig`` past ``LAYOUT_BUDGET``, naming the sizes.

    >>> check_budget(["a", "b"], [("a", "b")], {"a": 0, "b": 1})
    2
    """
    bends = sum(max(layer[b] - layer[a] - 1, 0) for a, b in edges)
    points = len(nodes) + bends
    if points > LAYOUT_BUDGET:
        raise LayoutTooBig(
            f"the flowchart is too big to lay out: {len(nodes):,} boxes and {len(edges):,} arrows need "
            f"{points:,} layout points (boxes, and bends where long arrows cross layers); at most "
            f"{LAYOUT_BUDGET:,} are laid out: give questions fewer branches or split the ruleset"
        )
    return points


@dataclass
class GraphLayout:
    """Centres of the nodes, bend points of the edges and the drawing's size (CSS px)."""

    centre: dict[str, tuple[float, float]]
    size: dict[str, tuple[float, float]]
    bends: dict[tuple[str, str], list[tuple[float, float]]]
    layer: dict[str, int]
    layer_y: list[float]
    width: float
    height: float
    crossings: int


def _layers(nodes: list[str], edges: list[tuple[str, str]]) -> dict[str, int]:
    parents: dict[str, list[str]] = {n: [] for n in nodes}
    children: dict[str, list[str]] = {n: [] for n in nodes}
    for a, b in edges:
        parents[b].append(a)
        children[a].append(b)
    layer: dict[str, int] = {}
    for n in nodes:  # nodes come in topological order
        layer[n] = max((layer[p] + 1 for p in parents[n]), default=0)
    # Slide each node within [max parent + 1, min child - 1] to the layer that makes its edges
    # shortest: a node with more children than parents moves down towards them, and vice versa.
    for _ in range(4):
        moved = False
        for n in reversed(nodes):
            if not parents[n] or not children[n]:
                continue
            low = max(layer[p] for p in parents[n]) + 1
            high = min(layer[c] for c in children[n]) - 1
            if low >= high and layer[n] == low:
                continue

            def span(k: int, n=n) -> int:
                return sum(k - layer[p] for p in parents[n]) + sum(layer[c] - k for c in children[n])

            best = min(range(low, high + 1), key=lambda k: (span(k), abs(k - layer[n])))
            if best != layer[n]:
                layer[n], moved = best, True
        if not moved:
            break
    for n in nodes:  # a sink sits right under its lowest parent, not at the bottom of the chart
        if not children[n] and parents[n]:
            layer[n] = max(layer[p] for p in parents[n]) + 1
    return layer


def _crossings(rows: list[list[str]], down: dict[str, list[str]]) -> int:
    total = 0
    for upper, lower in zip(rows, rows[1:], strict=False):
        where = {v: i for i, v in enumerate(lower)}
        pairs = sorted((i, where[c]) for i, v in enumerate(upper) for c in down.get(v, ()) if c in where)
        ends = [b for _, b in pairs]
        # Count inversions among the lower ends (edges sorted by their upper end).
        for i in range(len(ends)):
            for j in range(i + 1, len(ends)):
                if pairs[i][0] != pairs[j][0] and ends[i] > ends[j]:
                    total += 1
    return total


def _order(rows: list[list[str]], up: dict[str, list[str]], down: dict[str, list[str]], sweeps: int) -> int:
    best = [list(r) for r in rows]
    best_cross = _crossings(rows, down)
    for sweep in range(sweeps):
        downward = sweep % 2 == 0
        indices = range(1, len(rows)) if downward else range(len(rows) - 2, -1, -1)
        for k in indices:
            ref = rows[k - 1] if downward else rows[k + 1]
            near = up if downward else down
            where = {v: i for i, v in enumerate(ref)}
            current = {v: i for i, v in enumerate(rows[k])}

            def key(v, near=near, where=where, current=current):
                ns = [where[n] for n in near.get(v, ()) if n in where]
                return (sum(ns) / len(ns) if ns else current[v], current[v])

            rows[k].sort(key=key)
        _transpose(rows, up, down)
        cross = _crossings(rows, down)
        if cross < best_cross:
            best, best_cross = [list(r) for r in rows], cross
        if best_cross == 0:
            break
    rows[:] = best
    return best_cross


def _transpose(rows: list[list[str]], up: dict[str, list[str]], down: dict[str, list[str]]) -> None:
    """Swap neighbours in a layer whenever that lowers the crossings of their own edges."""

    def pair(u: str, v: str, k: int) -> int:  # crossings among u's and v's edges with u left of v
        total = 0
        for near, ref in ((up, rows[k - 1] if k > 0 else []), (down, rows[k + 1] if k + 1 < len(rows) else [])):
            where = {n: i for i, n in enumerate(ref)}
            us = [where[n] for n in near.get(u, ()) if n in where]
            vs = [where[n] for n in near.get(v, ()) if n in where]
            total += sum(1 for a in us for b in vs if a > b)
        return total

    for _ in range(4):
        improved = False
        for k, row in enumerate(rows):
            for i in range(len(row) - 1):
                u, v = row[i], row[i + 1]
                if pair(v, u, k) < pair(u, v, k):
                    row[i], row[i + 1] = v, u
                    improved = True
        if not improved:
            return


def _spread(desired: list[float], widths: list[float], gap: float) -> list[float]:
    """Centres as close as possible (least squares) to ``desired``, in order, never overlapping."""
    offsets = [0.0]
    for i in range(1, len(widths)):
        offsets.append(offsets[-1] + (widths[i - 1] + widths[i]) / 2 + gap)
    values = [d - o for d, o in zip(desired, offsets, strict=True)]
    blocks: list[list[float]] = []  # pool adjacent violators: [mean, count]
    for v in values:
        blocks.append([v, 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            m2, c2 = blocks.pop()
            m1, c1 = blocks.pop()
            blocks.append([(m1 * c1 + m2 * c2) / (c1 + c2), c1 + c2])
    fitted = [m for m, c in blocks for _ in range(int(c))]
    return [f + o for f, o in zip(fitted, offsets, strict=True)]


def layered_layout(
    nodes: list[str],
    edges: list[tuple[str, str]],
    size: dict[str, tuple[float, float]],
    gap_x: float = 28.0,
    gap_y: float = 46.0,
    margin: float = 12.0,
    sweeps: int = 16,
) -> GraphLayout:
    """Lay out a DAG top-down. ``nodes`` must be in topological order.

    >>> lay = layered_layout(["a", "b", "c"], [("a", "b"), ("a", "c")], {n: (60, 30) for n in "abc"})
    >>> lay.layer == {"a": 0, "b": 1, "c": 1}, lay.crossings
    (True, 0)
    """
    layer = _layers(nodes, edges)
    check_budget(nodes, edges, layer)  # before the crossing reduction, whose work grows fastest
    depth = max(layer.values(), default=0) + 1
    rows: list[list[str]] = [[] for _ in range(depth)]
    for n in nodes:
        rows[layer[n]].append(n)
    up: dict[str, list[str]] = {}
    down: dict[str, list[str]] = {}
    chains: dict[tuple[str, str], list[str]] = {}
    widths = {n: size[n][0] for n in nodes}
    for a, b in edges:
        chain = [a] + [f"{a}>{b}#{k}" for k in range(layer[a] + 1, layer[b])] + [b]
        for k, dummy in enumerate(chain[1:-1], start=layer[a] + 1):
            rows[k].append(dummy)
            widths[dummy] = DUMMY_WIDTH
        chains[(a, b)] = chain
        for upper, lower in zip(chain, chain[1:], strict=False):
            down.setdefault(upper, []).append(lower)
            up.setdefault(lower, []).append(upper)
    crossings = _order(rows, up, down, sweeps)

    heights = [max((size[v][1] for v in row if v in size), default=10.0) for row in rows]
    layer_y, y = [], margin
    for h in heights:
        layer_y.append(y + h / 2)
        y += h + gap_y
    x: dict[str, float] = {}
    for row in rows:  # start packed from the left, then let neighbours pull
        x.update(zip(row, _spread([0.0] * len(row), [widths[v] for v in row], gap_x), strict=True))
    for sweep in range(8):
        downward = sweep % 2 == 0
        order = range(len(rows)) if downward else range(len(rows) - 1, -1, -1)
        for k in order:
            row = rows[k]
            desired = []
            for v in row:
                ns = (up if downward else down).get(v, []) + (
                    [] if sweep < 2 else (down if downward else up).get(v, [])
                )
                desired.append(sum(x[n] for n in ns) / len(ns) if ns else x[v])
            gaps = [widths[v] for v in row]
            x.update(zip(row, _spread(desired, gaps, gap_x), strict=True))
    left = min(x[v] - widths[v] / 2 for v in x)
    shift = margin - left
    for v in x:
        x[v] += shift
    width = max(x[v] + widths[v] / 2 for v in x) + margin
    centre = {n: (x[n], layer_y[layer[n]]) for n in nodes}
    bends = {
        edge: [(x[v], layer_y[k]) for k, v in enumerate(chain[1:-1], start=layer[edge[0]] + 1)]
        for edge, chain in chains.items()
    }
    return GraphLayout(
        centre=centre,
        size={n: size[n] for n in nodes},
        bends=bends,
        layer=layer,
        layer_y=layer_y,
        width=width,
        height=y - gap_y + margin,
        crossings=crossings,
    )


@lru_cache(maxsize=512)
def box_size(label: str, role: str) -> tuple[tuple[str, ...], float, float]:
    """A box's wrapped label lines, width and height in CSS px.

    >>> lines, width, height = box_size("HER2?", "question")
    >>> lines, round(width), height
    (('HER2?',), 84, 30)
    """
    lines = tuple(wrap(label, FONT_PX, MAX_TEXT_PX))
    text_w = max(text_width(line, FONT_PX) for line in lines)
    extra = 2 * CUT if role == "question" else 0
    return lines, text_w + 2 * PAD_X + extra, len(lines) * LINE_PX + 2 * PAD_Y


@lru_cache(maxsize=64)
def nodes_layout(rules: Ruleset, nodes: tuple[str, ...]):
    """The layout of a bare set of nodes and the edges among them (to size a stage).

    >>> nodes_layout(load_ruleset("seed-2025"), ("deposit", "axilla_micro")).layer
    {'deposit': 0, 'axilla_micro': 1}
    """
    inside = set(nodes)
    sizes = {n: box_size(rules.nodes[n].label, node_role(rules.nodes[n]))[1:] for n in nodes}
    return layered_layout(list(nodes), [e for e in drawn_edges(rules) if e[0] in inside and e[1] in inside], sizes)
