"""One way to draw any view of the flowchart, to show it in a notebook and to write it to a file.

``view_svg`` draws a view by name (the whole pathway, ``route`` or a stage); ``FlowchartSVG``
shows an SVG in a notebook cell (no widget, no kernel needed: it stays in a saved notebook)
and saves it; ``export_flowchart`` is what the CLI's ``flowchart -o`` calls. Files are SVG:
sharp at any size, opened by browsers and slide programs (PowerPoint, Keynote, LibreOffice).
No PNG is drawn: a second drawing would be a second picture to keep in step with this one.

May import: ground, pathway and this package (no drawing library).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ...ground.datafiles import write_files
from ...pathway.ruleset import Ruleset, load_ruleset
from ..display import Displayed
from .route import route_svg_for_path
from .stage_views import stages
from .svg import flowchart_svg

SLIDE_WIDTH = 1280  # a route exported for a slide wraps into the columns a 16:9 slide holds
NOTEBOOK_WIDTH = 900  # a notebook's output area at 1366x768 (JupyterLab with its side bar)
XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'


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


def view_svg(ruleset: str | Ruleset, path=(), view: str | None = None, width: int = SLIDE_WIDTH) -> str:
    """The SVG of a view (as ``view_id`` takes it), ``path`` lit; the route view needs a path
    and is drawn ``width`` px wide at most.

    >>> view_svg("seed-2025", ("deposit", "axilla_itc"), "route").startswith("<svg")
    True
    """
    rules = load_ruleset(ruleset)
    stage = view_id(rules, view)
    if stage != "route":
        return flowchart_svg(rules, path, stage)
    if not path:
        raise ValueError("the route view needs a patient: give the patient's inputs")
    return route_svg_for_path(rules, tuple(path), width)


def write_svg(svg: str, out: str | Path) -> Path:
    """Write an SVG drawn here to ``out`` (a name ending in .svg) as a file of its own.

    >>> import tempfile
    >>> write_svg(view_svg("seed-2025"), Path(tempfile.mkdtemp()) / "map.svg").read_text()[:5]
    '<?xml'
    """
    out = Path(out)
    if out.suffix.lower() != ".svg":
        raise ValueError(
            f"got {out.name!r}; allowed: a file name ending in .svg (slide programs and browsers open SVG)"
        )
    (written,) = write_files(None, {str(out): XML_HEAD + svg})  # whole or not at all; never through a link
    return written


@dataclass(frozen=True)
class FlowchartSVG(Displayed):
    """An SVG flowchart that shows itself in a notebook (inline, scrolling, never scaled
    below its 13 px text) and saves itself for slides; no widget, no kernel needed.

    >>> shown = FlowchartSVG(view_svg("seed-2025"))
    >>> sorted(shown._repr_mimebundle_())
    ['image/svg+xml', 'text/html', 'text/plain']
    """

    svg: str

    def render(self) -> tuple[str, str]:
        # HTML for Jupyter (inline, so it scrolls at reading size); the chart's own title as text.
        title = self.svg.split("<title>", 1)[1].split("</title>", 1)[0] if "<title>" in self.svg else "Flowchart"
        return f"<div class='mm-flowchart-static' style='overflow:auto;max-width:100%'>{self.svg}</div>", title

    def also_shown_as(self) -> dict:
        return {"image/svg+xml": self.svg}  # for viewers that show images only (GitHub, nbviewer)

    def save(self, filename: str | Path) -> Path:
        """Write the SVG to ``filename`` (ending in .svg)."""
        return write_svg(self.svg, filename)


def show_flowchart(ruleset: str | Ruleset = "trials-2024", path=(), view: str | None = None) -> FlowchartSVG:
    """A flowchart for a notebook cell: ``view`` is ``None`` (whole), ``route`` or a stage
    (number or id, as ``view_id`` takes it).

    >>> shown = show_flowchart("seed-2025", ("deposit", "axilla_itc"), "route")
    >>> "mm-route-node-deposit" in shown._repr_mimebundle_()["text/html"]
    True
    """
    return FlowchartSVG(view_svg(ruleset, path, view, NOTEBOOK_WIDTH))


def export_flowchart(ruleset: str | Ruleset, path, out: str | Path, view: str | None = None) -> Path:
    """Write a flowchart view to ``out`` (.svg), ``path`` lit; ``view`` as ``view_id`` takes it
    (``route`` needs a path). The CLI's ``flowchart -o`` and the instructor's slides call this."""
    return write_svg(view_svg(ruleset, path, view), out)
