"""Display plumbing shared by every view: the palette, pictures in a page and rich display.

One place decides how a picture reaches a page: a figure encoded by ``figures/encode.py``
(SVG, text kept as text and crisp at any zoom; PNG only where a raster is asked for) inside an
``<img>`` that carries alt text; and one way for any object to show itself in a notebook
(``Displayed``). No matplotlib here: drawing and encoding live in ``views/figures/``.
"""

from __future__ import annotations

import base64
import html

# Okabe & Ito (2008) colour-blind-safe palette.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
# Deposit classes on rulers and bands (light blue ITC, green micro, vermilion macro).
BAND_COLOURS = {"none": "#999999", "itc": "#56B4E9", "micrometastasis": "#009E73", "macrometastasis": "#D55E00"}
# Text on white must reach 4.5:1 (WCAG AA): the darker partner of each band colour.
BAND_TEXT = {"none": "#555555", "itc": "#1F6F99", "micrometastasis": "#006B4F", "macrometastasis": "#A33F00"}


def data_uri(data: bytes, fmt: str = "svg") -> str:
    """A ``data:`` URI for an encoded picture.

    >>> data_uri(b"<svg/>")
    'data:image/svg+xml;base64,PHN2Zy8+'
    """
    mime = {"svg": "image/svg+xml", "png": "image/png"}[fmt]
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def img_html(data: bytes, alt: str, fmt: str = "svg", css_class: str = "", max_width: str = "100%") -> str:
    """An ``<img>`` for an encoded picture, with alt text (its text equivalent for screen readers).

    >>> img_html(b"<svg/>", 'A "test" figure').startswith('<img alt="A &quot;test&quot; figure"')
    True
    """
    klass = f' class="{html.escape(css_class)}"' if css_class else ""
    return (
        f'<img alt="{html.escape(alt)}"{klass} src="{data_uri(data, fmt)}" '
        f'style="max-width:{max_width};height:auto;display:block">'
    )


def figure_html(fig, alt: str, fmt: str = "svg", close: bool = True, **kwargs) -> str:
    """A figure as an ``<img>`` with alt text; closes it (so inline backends do not draw it twice).

    >>> from matplotlib.figure import Figure
    >>> "alt=" in figure_html(Figure(figsize=(1, 1)), "empty")
    True
    """
    from .figures import encode

    data = encode.figure_bytes(fig, fmt)
    if close:
        encode.close(fig)
    return img_html(data, alt, fmt, **kwargs)


class Displayed:
    """Mixin for every object a notebook shows (as rich's ``JupyterMixin``): write one method.

    A view over a live widget sets ``widget``; any other view writes ``render()``, which returns
    its HTML and its plain text from one pass, so the page, ``print`` and a plain-text reader
    (a console, a text-only front end, nbval) say the same thing.

    >>> class Category(Displayed):
    ...     def render(self):
    ...         return "<b>pN1mi</b>", "pN1mi"
    >>> Category()._repr_mimebundle_(), str(Category())
    ({'text/html': '<b>pN1mi</b>', 'text/plain': 'pN1mi'}, 'pN1mi')
    """

    widget = None

    def render(self) -> tuple[str, str]:
        """This object as (HTML, plain text)."""
        raise NotImplementedError(f"{type(self).__name__} sets ``widget`` or writes ``render()``")

    def also_shown_as(self) -> dict:
        """More forms for front ends that show no HTML (``{"image/svg+xml": ...}``); none by default."""
        return {}

    def _repr_mimebundle_(self, include=None, exclude=None):
        widget = self.widget
        if widget is not None:
            return widget._repr_mimebundle_(include=include, exclude=exclude)
        html_text, plain = self.render()
        return {"text/html": html_text, **self.also_shown_as(), "text/plain": plain}

    def __str__(self) -> str:
        if type(self).render is Displayed.render:  # a widget view: its text is the widget's own
            return object.__repr__(self)
        return self.render()[1]


class ShownFigure(Displayed):
    """A figure shown in a notebook as SVG with alt text (the ``fig`` of a chapter cell).

    The matplotlib figure stays reachable as ``.figure`` (and its axes as ``.axes``).

    >>> from matplotlib.figure import Figure
    >>> shown = ShownFigure(Figure(figsize=(1, 1)), "an empty figure")
    >>> "text/html" in shown._repr_mimebundle_()
    True
    """

    def __init__(self, figure, alt: str):
        self.figure, self.alt = figure, alt
        self.axes = figure.axes
        self._html: str | None = None

    def render(self) -> tuple[str, str]:
        if self._html is None:  # encoded once: the figure is closed after it
            self._html = figure_html(self.figure, self.alt)
        return self._html, f"Figure: {self.alt}"


class Table(Displayed):
    """A small table for a notebook: HTML in the page, aligned text elsewhere.

    >>> t = Table(["Score", "Plan"], [[17, "Endocrine"], [31, "Chemotherapy → endocrine"]])
    >>> "<th>Score</th>" in t._repr_mimebundle_()["text/html"], str(t).splitlines()[0]
    (True, 'Score  Plan')
    """

    def __init__(self, header, rows, caption: str = ""):
        self.header = [str(h) for h in header]
        self.rows = [[str(c) for c in row] for row in rows]
        self.caption = caption

    def render(self) -> tuple[str, str]:
        esc = html.escape
        caption = f"<caption style='text-align:left'>{esc(self.caption)}</caption>" if self.caption else ""
        head = "".join(f"<th>{esc(h)}</th>" for h in self.header)
        body = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in self.rows)
        table = f"<table class='mm-table'>{caption}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        widths = [max(len(r[i]) for r in [self.header, *self.rows]) for i in range(len(self.header))]
        lines = [
            "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
            for row in [self.header, *self.rows]
        ]
        return table, "\n".join(([self.caption] if self.caption else []) + lines)

    def __repr__(self) -> str:
        return str(self)
