"""The pathway flowchart as a matplotlib drawing (PNG), kept for slides and older notebooks.

The chart is laid out once per ruleset (layered top-down, Sugiyama style: longest-path
layers, dummy points for long edges, barycentre ordering to reduce crossings). Showing a
patient only restyles the artists along the engine's path, so the picture can never
disagree with the logic and an update costs one re-render, not a new layout.
"""

from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass, field
from functools import lru_cache

import matplotlib.pyplot as plt
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch, Polygon
from PIL import Image

from ...pathway.ruleset import END, Ruleset, load_ruleset
from ..figures import PALETTE

QUESTION_FILL, ACTION_FILL = "#D6E9F8", "#FBE3C0"
LIT_QUESTION, LIT_ACTION = PALETTE[4], PALETTE[1]
LIT_EDGE, DIM = PALETTE[0], "#BBBBBB"
BOX_W, BOX_H = 0.86, 0.56


@dataclass
class Layout:
    """Positions of nodes (and of the bends of long edges) in data units."""

    position: dict[str, tuple[float, float]]
    routes: dict[tuple[str, str], list[tuple[float, float]]]
    width: int
    depth: int


def _layers(rules: Ruleset) -> dict[str, int]:
    layer = {rules.start: 0}
    for node_id in rules.order():  # topological, so every parent is placed before its children
        for nxt in rules.nodes[node_id].successors():
            if nxt != END:
                layer[nxt] = max(layer.get(nxt, 0), layer[node_id] + 1)
    return layer


@lru_cache(maxsize=32)
def layout(rules: Ruleset, sweeps: int = 6) -> Layout:
    """A layered top-down layout of the ruleset's graph.

    >>> lay = layout(load_ruleset("seed-2025"))
    >>> lay.position["deposit"][1] == 0  # the start sits in the top layer
    True
    """
    layer = _layers(rules)
    edges = [(n, nxt) for n in rules.order() for nxt in dict.fromkeys(rules.nodes[n].successors()) if nxt != END]
    rows: dict[int, list[str]] = {}
    for node_id in rules.order():
        rows.setdefault(layer[node_id], []).append(node_id)
    chains: dict[tuple[str, str], list[str]] = {}
    parents: dict[str, list[str]] = {}
    for a, b in edges:
        chain = [a] + [f"{a}>{b}#{k}" for k in range(layer[a] + 1, layer[b])] + [b]
        for k, dummy in enumerate(chain[1:-1], start=layer[a] + 1):
            rows[k].append(dummy)
        chains[(a, b)] = chain
        for upper, lower in zip(chain, chain[1:], strict=False):
            parents.setdefault(lower, []).append(upper)
    children: dict[str, list[str]] = {}
    for lower, ups in parents.items():
        for upper in ups:
            children.setdefault(upper, []).append(lower)
    depth = max(rows) + 1
    index = {v: i for r in rows.values() for i, v in enumerate(r)}
    for sweep in range(sweeps):  # barycentre ordering, alternately downwards and upwards
        order = range(1, depth) if sweep % 2 == 0 else range(depth - 2, -1, -1)
        for k in order:
            near = parents if sweep % 2 == 0 else children

            def key(v, near=near):
                ns = near.get(v, [])
                return sum(index[n] for n in ns) / len(ns) if ns else index[v]

            rows[k].sort(key=key)
            index.update({v: i for i, v in enumerate(rows[k])})
    width = max(len(r) for r in rows.values())
    position = {}
    for k, row in rows.items():
        start = (width - len(row)) / 2
        for i, v in enumerate(row):
            position[v] = (start + i, -float(k))
    routes = {edge: [position[v] for v in chain] for edge, chain in chains.items()}
    return Layout({n: position[n] for n in rules.nodes}, routes, width, depth)


@dataclass
class Flowchart:
    """A drawn ruleset: the figure, its artists by node and edge, and the lit path."""

    rules: Ruleset
    figure: Figure
    ax: object
    boxes: dict[str, object] = field(default_factory=dict)
    labels: dict[str, object] = field(default_factory=dict)
    edges: dict[tuple[str, str], list] = field(default_factory=dict)
    path: tuple[str, ...] = ()
    _background: object = None

    def highlight(self, path) -> Flowchart:
        """Light the nodes and edges of ``path`` and dim the rest (restyling only; no redraw of layout).

        >>> chart = draw_flowchart("seed-2025")
        >>> chart.highlight(["deposit", "axilla_micro"]).lit_nodes()
        ['deposit', 'axilla_micro']
        """
        path = tuple(path)
        self._style(path, dim=bool(path))
        self.path = path
        return self

    def _style(self, path: tuple[str, ...], dim: bool) -> None:
        on_path = set(path)
        lit_edges = set(zip(path, path[1:], strict=False))
        any_path = dim
        for node_id, box in self.boxes.items():
            question = self.rules.nodes[node_id].is_question
            if node_id in on_path:
                box.set(facecolor=LIT_QUESTION if question else LIT_ACTION, edgecolor="black", linewidth=2.2, alpha=1)
                self.labels[node_id].set(alpha=1, fontweight="bold")
            else:
                box.set(
                    facecolor=QUESTION_FILL if question else ACTION_FILL,
                    edgecolor="#666666",
                    linewidth=0.8,
                    alpha=0.35 if any_path else 1,
                )
                self.labels[node_id].set(alpha=0.45 if any_path else 1, fontweight="normal")
        for edge, artists in self.edges.items():
            lit = edge in lit_edges
            for artist in artists:
                if hasattr(artist, "arrow_patch") and artist.arrow_patch is not None:
                    artist.arrow_patch.set(color=LIT_EDGE if lit else DIM, linewidth=2.4 if lit else 0.9)
                elif hasattr(artist, "set_color") and not hasattr(artist, "get_text"):
                    artist.set(color=LIT_EDGE if lit else DIM, linewidth=2.4 if lit else 0.9)
                else:
                    artist.set(
                        color=LIT_EDGE if lit else "#777777",
                        fontweight="bold" if lit else "normal",
                        alpha=1 if lit or not any_path else 0.5,
                    )

    def _lit_artists(self) -> list:
        edges = [a for edge in zip(self.path, self.path[1:], strict=False) for a in self.edges.get(edge, [])]
        boxes = [self.boxes[n] for n in self.path]
        labels = [self.labels[n] for n in self.path]
        return edges + boxes + labels

    def render(self, path, dpi: int = 60) -> bytes:
        """Light ``path`` and return PNG bytes, fast: the dimmed chart is rendered once and
        kept as a background; each call draws only the lit artists over it.

        >>> chart = chart_for("seed-2025")
        >>> chart.render(["deposit", "axilla_itc"])[:4] == b"\\x89PNG"
        True
        """
        canvas = self.figure.canvas
        if not isinstance(canvas, FigureCanvasAgg) or self.figure.dpi != dpi:
            canvas = FigureCanvasAgg(self.figure)
            self.figure.set_dpi(dpi)
            self._background = None
        if self._background is None:
            self._style((), dim=True)
            canvas.draw()
            self._background = canvas.copy_from_bbox(self.figure.bbox)
        self.highlight(path)
        if not self.path:
            canvas.draw()
        else:
            canvas.restore_region(self._background)
            for artist in self._lit_artists():
                self.ax.draw_artist(artist)
        width, height = canvas.get_width_height()
        image = Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
        buffer = io.BytesIO()
        image.save(buffer, format="png", compress_level=1)  # speed over a few kB for a live widget
        return buffer.getvalue()

    def lit_nodes(self) -> list[str]:
        """Node ids drawn lit, read back from the artists themselves (in path order)."""
        lit = {n for n, box in self.boxes.items() if box.get_linewidth() > 2}
        return [n for n in self.path if n in lit] + sorted(lit - set(self.path))

    def png(self, dpi: int = 60) -> bytes:
        """The chart as PNG bytes (for an image widget)."""
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png", dpi=dpi)
        return buffer.getvalue()

    def save(self, filename: str, dpi: int = 110) -> None:
        """Export to PNG or SVG (chosen by the file's suffix)."""
        self.figure.savefig(filename, dpi=dpi)

    def _repr_png_(self) -> bytes:
        return self.png(dpi=70)


def _question_shape(x: float, y: float) -> Polygon:
    w, h, cut = BOX_W / 2, BOX_H / 2, 0.12
    return Polygon(
        [
            (x - w, y),
            (x - w + cut, y + h),
            (x + w - cut, y + h),
            (x + w, y),
            (x + w - cut, y - h),
            (x - w + cut, y - h),
        ],
        closed=True,
    )


def _edge_exit(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
    return (a[0] + max(-0.3, min(0.3, (b[0] - a[0]) * 0.3)), a[1] - BOX_H / 2)


def chart_size(lay: Layout) -> tuple[float, float]:
    """Figure size in inches that keeps node text readable at notebook width.

    >>> chart_size(layout(load_ruleset("seed-2025")))[0] >= 6
    True
    """
    return (max(6.0, lay.width * 1.25), max(4.0, lay.depth * 0.78))


def draw_flowchart(ruleset: str | Ruleset = "trials-2024", path=(), ax=None) -> Flowchart:
    """Draw a ruleset's decision graph; question nodes are hexagons, recommendations rounded boxes.

    Pass the engine's ``plan.path`` to light the patient's route. Works for any valid
    ruleset, including an instructor's own file.

    >>> chart = draw_flowchart("seed-2025")
    >>> len(chart.boxes) == len(load_ruleset("seed-2025").nodes)
    True
    """
    rules = load_ruleset(ruleset)
    lay = layout(rules)
    if ax is None:
        fig = plt.figure(figsize=chart_size(lay))
        ax = fig.add_axes((0.01, 0, 0.98, 0.97))
    fig = ax.figure
    ax.set_xlim(-0.6, lay.width - 0.4)
    ax.set_ylim(-lay.depth + 0.4, 0.5)
    ax.set_axis_off()
    ax.set_title(f"{rules.id}: {rules.title}", fontsize=9, loc="left")
    chart = Flowchart(rules, fig, ax)
    for (a, b), points in lay.routes.items():
        branch_labels = [br.label for br in rules.nodes[a].branches if br.next == b]
        start = _edge_exit(points[0], points[-1])
        end = (points[-1][0], points[-1][1] + BOX_H / 2)
        bends = [start] + points[1:-1] + [end]
        artists = []
        if len(bends) > 2:
            line = ax.plot([p[0] for p in bends[:-1]], [p[1] for p in bends[:-1]], color=DIM, lw=0.9, zorder=1)[0]
            artists.append(line)
        arrow = ax.annotate(
            "",
            xy=bends[-1],
            xytext=bends[-2],
            zorder=1,
            arrowprops={"arrowstyle": "-|>", "color": DIM, "lw": 0.9, "shrinkA": 0, "shrinkB": 0},
        )
        artists.append(arrow)
        if branch_labels:
            mx, my = (bends[0][0] + bends[1][0]) / 2, (bends[0][1] + bends[1][1]) / 2
            text = ax.text(
                mx,
                my,
                " / ".join(branch_labels),
                fontsize=6,
                ha="center",
                va="center",
                color="#777777",
                zorder=3,
                bbox={"boxstyle": "round,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.85},
            )
            artists.append(text)
        chart.edges[(a, b)] = artists
    for node_id, (x, y) in lay.position.items():
        node = rules.nodes[node_id]
        if node.is_question:
            box = _question_shape(x, y)
        else:
            box = FancyBboxPatch(
                (x - BOX_W / 2, y - BOX_H / 2), BOX_W, BOX_H, boxstyle="round,pad=0,rounding_size=0.12"
            )
        box.set(zorder=2, gid=node_id)
        ax.add_patch(box)
        chart.boxes[node_id] = box
        chart.labels[node_id] = ax.text(
            x, y, textwrap.fill(node.label, 17), fontsize=6.3, ha="center", va="center", zorder=3
        )
    return chart.highlight(path)


_CHARTS: dict = {}  # Ruleset -> Flowchart, drawn once per process


def chart_for(ruleset: str | Ruleset) -> Flowchart:
    """A drawn chart per ruleset, drawn once and then only restyled (for live widgets).

    >>> chart_for("seed-2025") is chart_for("seed-2025")
    True
    """
    rules = load_ruleset(ruleset)
    if rules not in _CHARTS:
        # A bare Figure (not pyplot): inline backends never show it, so it cannot appear twice.
        figure = Figure(figsize=chart_size(layout(rules)))
        FigureCanvasAgg(figure)
        _CHARTS[rules] = draw_flowchart(rules, ax=figure.add_axes((0.01, 0, 0.98, 0.97)))
    return _CHARTS[rules]


# ----------------------------------------------------------------------------- the SVG as PNG

_SVG_NS = "{http://www.w3.org/2000/svg}"
_PT = 0.72  # points per CSS px when one px is 1/100 inch


def _path_points(d: str) -> list[list[tuple[float, float]]]:
    """Polylines approximating an SVG path of M, L, C and Z commands (the ones drawn here)."""
    import re

    tokens = re.findall(r"[MLCZ]|-?\d+(?:\.\d+)?", d)
    shapes: list[list[tuple[float, float]]] = []
    i, command = 0, ""
    while i < len(tokens):
        if tokens[i] in "MLCZ":
            command = tokens[i]
            i += 1
            if command == "Z":
                shapes[-1].append(shapes[-1][0])
                continue
        if command == "M":
            shapes.append([(float(tokens[i]), float(tokens[i + 1]))])
            i += 2
            command = "L"
        elif command == "L":
            shapes[-1].append((float(tokens[i]), float(tokens[i + 1])))
            i += 2
        elif command == "C":
            (x0, y0) = shapes[-1][-1]
            x1, y1, x2, y2, x3, y3 = (float(v) for v in tokens[i : i + 6])
            i += 6
            for k in range(1, 13):
                t = k / 12
                a, b, c, e = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t * t, t**3
                shapes[-1].append((a * x0 + b * x1 + c * x2 + e * x3, a * y0 + b * y1 + c * y2 + e * y3))
        else:
            i += 1
    return shapes


def _node_style(classes: set[str], dim: bool) -> dict:
    lit = "mm-lit" in classes
    fills = {
        "mm-question": ("#DCEFFB", "#56B4E9"),
        "mm-recommend": ("#FBE5BD", "#E69F00"),
        "mm-sequence": ("#fff", "#fff"),
    }
    role = next((c for c in fills if c in classes), "mm-recommend")
    fill = fills[role][1] if lit else ("#f3f3f3" if dim and role != "mm-sequence" else fills[role][0])
    edge = "#000" if lit else ("#b0b0b0" if dim else "#5a5a5a")
    return {
        "facecolor": fill,
        "edgecolor": edge,
        "linewidth": (3 if lit else 1.2) * _PT,
        "linestyle": (0, (5, 3)) if role == "mm-sequence" else "-",
    }


def svg_to_png(svg: str, out: str, scale: float = 2.0) -> None:
    """Draw an SVG made by ``micromets.flowchart`` with matplotlib and save it as PNG.

    Only what the flowchart writes is understood (rect, path with M/L/C/Z, text with tspans,
    the classes of its style sheet), so the PNG for slides matches the SVG.
    """
    import xml.etree.ElementTree as ET

    from matplotlib.patches import Polygon as MplPolygon
    from matplotlib.patches import Rectangle
    from matplotlib.patheffects import withStroke

    root = ET.fromstring(svg)
    left, _, width, height = (float(v) for v in root.get("viewBox").split())
    figure = Figure(figsize=(width / 100, height / 100), dpi=100 * scale)
    FigureCanvasAgg(figure)
    ax = figure.add_axes((0, 0, 1, 1))
    ax.set_xlim(left, left + width)
    ax.set_ylim(height, 0)
    ax.set_axis_off()
    dim = "mm-has-path" in (root.get("class") or "").split()

    def walk(element, classes: set[str]) -> None:
        tag = element.tag.replace(_SVG_NS, "")
        if tag in ("defs", "style", "title"):
            return
        here = classes | set((element.get("class") or "").split())
        if tag == "g":
            for child in element:
                walk(child, here)
        elif tag in ("rect", "path") and "mm-shape" in here:
            node = _node_style(here, dim)
            if tag == "rect":
                x, y, w, h = (float(element.get(k)) for k in ("x", "y", "width", "height"))
                ax.add_patch(Rectangle((x, y), w, h, **node, zorder=3))
            else:
                ax.add_patch(MplPolygon(_path_points(element.get("d"))[0], closed=True, **node, zorder=3))
        elif tag == "rect":  # a stub to another stage
            x, y, w, h = (float(element.get(k)) for k in ("x", "y", "width", "height"))
            ax.add_patch(
                Rectangle((x, y), w, h, facecolor="#f4f4f4", edgecolor="#9a9a9a", linestyle=(0, (3, 3)), zorder=3)
            )
        elif tag == "path":
            lit = "mm-lit" in here
            colour = "#0072B2" if lit else "#9a9a9a"
            stub = "mm-stub" in here
            for points in _path_points(element.get("d")):
                xs, ys = zip(*points, strict=True)
                style = (0, (3, 3)) if stub and not lit else "-"
                ax.plot(xs, ys, color=colour, linewidth=(3.5 if lit else 1.3) * _PT, linestyle=style, zorder=2)
                if not stub and len(points) > 1:
                    ax.annotate(
                        "",
                        xy=points[-1],
                        xytext=points[-2],
                        arrowprops={"arrowstyle": "-|>", "color": colour, "lw": 0, "mutation_scale": 12 if lit else 9},
                        zorder=2,
                    )
        elif tag == "text":
            heading = "mm-heading" in here or "mm-continue" in here
            small = ("mm-edge" in here or "mm-stub" in here) and not heading
            lit = "mm-lit" in here
            dimmed = dim and not lit and "mm-node" in here
            colour = "#0072B2" if "mm-continue" in here else ("#555" if dimmed else ("#000" if lit else "#1a1a1a"))
            x, y = float(element.get("x")), float(element.get("y"))
            anchor = {"middle": "center", "start": "left"}[element.get("text-anchor", "start")]
            lines = [(float(s.get("x", x)), float(s.get("dy", 0)), s.text or "") for s in element] or [
                (x, 0.0, element.text or "")
            ]
            for tx, dy, text in lines:
                y += dy
                ax.text(
                    tx,
                    y,
                    text,
                    ha=anchor,
                    va="baseline",
                    fontsize=(14 if heading else 12 if small else 13) * _PT,
                    fontweight="bold" if (lit or heading) else "normal",
                    fontstyle="italic" if "mm-sequence" in here else "normal",
                    color=colour,
                    zorder=4,
                    path_effects=[withStroke(linewidth=3, foreground="white")] if "mm-edge" in here else None,
                )

    for child in root:
        walk(child, set())
    figure.savefig(out, format="png", facecolor="white")
