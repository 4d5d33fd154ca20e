"""The pathway flowchart, drawn from a ruleset's own graph, so the picture cannot disagree
with the logic. Every label is SVG text (crisp at any zoom, searchable, read by screen
readers); a patient's route is lit by CSS classes on stable ids.

- ``roles``: what each box is (question, recommendation, sequencing note) and is called;
- ``layout``: box sizes from their labels and the layered layout (pure Python);
- ``stage_views``: the views a pathway is shown by (``stages``), with titles in words;
- ``svg``: the map of the whole pathway or of one stage (``flowchart_svg``);
- ``route``: one patient's route, stage by stage, fitting a panel (``route_svg``);
- ``details``: what a selected box shows (``node_details``, ``details_html``);
- ``export``: any view by name, shown in a notebook or written to an SVG file;
- ``panel`` and ``widget``: the live ``FlowchartWidget`` (anywidget) and its browser code.

Everything but ``widget`` imports without ipywidgets, anywidget or matplotlib (a static page
under Pyodide draws with it). May import: ground, pathway and other views; never the
exercises or the command line.

>>> svg = flowchart_svg("seed-2025", path=["deposit", "axilla_micro"])
>>> 'id="mm-node-deposit"' in svg and "mm-lit" in svg
True
"""

from .details import details_html, node_details
from .export import FlowchartSVG, export_flowchart, show_flowchart, view_id, view_svg, write_svg
from .roles import flowchart_words, node_role, role_words
from .route import ROUTE_WIDTH, route_svg, route_svg_for_path
from .stage_views import Stage, stage_of, stages
from .svg import flowchart_svg

__all__ = [
    "ROUTE_WIDTH",
    "FlowchartSVG",
    "Stage",
    "details_html",
    "export_flowchart",
    "flowchart_svg",
    "flowchart_words",
    "node_details",
    "node_role",
    "role_words",
    "route_svg",
    "route_svg_for_path",
    "show_flowchart",
    "stage_of",
    "stages",
    "view_id",
    "view_svg",
    "write_svg",
]


def __getattr__(name: str):
    # The widget needs anywidget: imported only when asked for, so the drawing never does.
    if name == "FlowchartWidget":
        from .widget import FlowchartWidget

        return FlowchartWidget
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
