"""A finished figure redrawn for a projector: no text smaller than a given size.

The explorer's projector view shows the same trial figure as the notebook, enlarged here.
matplotlib is imported inside the function: importing this module costs nothing.
"""

from __future__ import annotations


def enlarge_text(fig, min_points: float, taller: float = 1.0):
    """Redraw ``fig`` for a projector: no text smaller than ``min_points``, the figure ``taller``
    times its height to make room (its layout engine places the rest). Returns the figure.

    >>> from matplotlib.figure import Figure
    >>> fig = Figure(figsize=(10, 4)); ax = fig.add_subplot(); _ = ax.set_title("t", fontsize=7)
    >>> enlarge_text(fig, 11, taller=1.5).get_size_inches().tolist(), ax.title.get_fontsize()
    ([10.0, 6.0], 11.0)
    """
    from matplotlib.text import Text

    width, height = fig.get_size_inches()
    fig.set_size_inches(width, height * taller)
    for ax in fig.axes:  # tick labels made later (at the next draw) take the axes' own size
        for axis in (ax.xaxis, ax.yaxis):
            labels = axis.get_ticklabels()
            size = labels[0].get_fontsize() if labels else min_points
            axis.set_tick_params(labelsize=max(size, min_points))
    for text in fig.findobj(Text):
        if text.get_fontsize() < min_points:
            text.set_fontsize(min_points)
    # The figure's own lines (title, source) were wrapped for the smaller type: wrap at its edge now.
    for text in [*fig.texts, getattr(fig, "_suptitle", None), getattr(fig, "_supxlabel", None)]:
        if text is not None:
            text.set_wrap(True)
    return fig
