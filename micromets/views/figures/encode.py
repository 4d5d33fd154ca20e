"""A finished figure as bytes: the one place micromets saves a matplotlib figure.

SVG keeps text as text (searchable, sharp at any zoom) and comes out the same byte for byte
on every run (no date, a fixed hash salt); PNG only where a raster is asked for. Also: closing
a figure once it is encoded (so an inline backend does not show it a second time) and
switching matplotlib to files only, for a build that writes pictures.
matplotlib is imported inside each function: importing this module costs nothing.
"""

from __future__ import annotations

import io

PNG_DPI = 110  # crisp on a projector; trial figures are SVG anyway


def _save(fig, fmt: str, **options) -> bytes:
    import matplotlib

    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "micromets"}):
        fig.savefig(buffer, format=fmt, metadata={"Date": None} if fmt == "svg" else None, **options)
    return buffer.getvalue()


def figure_bytes(fig, fmt: str = "svg", dpi: int = PNG_DPI) -> bytes:
    """A matplotlib figure encoded as SVG (text kept as text) or PNG.

    >>> from matplotlib.figure import Figure
    >>> fig = Figure(figsize=(2, 1)); _ = fig.add_subplot().set_title("hi")
    >>> b"<text" in figure_bytes(fig), figure_bytes(fig, "png")[:4]
    (True, b'\\x89PNG')
    """
    return _save(fig, fmt, dpi=dpi)


def inline_svg(fig) -> str:
    """A figure as an ``<svg>`` element to paste into a page (no XML prolog), cropped to what is
    drawn with a margin: a browser may set the text a little wider than matplotlib measured it.

    >>> from matplotlib.figure import Figure
    >>> inline_svg(Figure(figsize=(1, 1)))[:4]
    '<svg'
    """
    text = _save(fig, "svg", bbox_inches="tight", pad_inches=0.4).decode("utf-8")
    return text[text.index("<svg") :]


def close(fig) -> None:
    """Forget a figure pyplot keeps (a no-op for a figure made without pyplot)."""
    import matplotlib.pyplot as plt

    plt.close(fig)


def off_screen() -> None:
    """Draw into files only, never a window: call before drawing in a build or a script."""
    import matplotlib

    matplotlib.use("Agg")
