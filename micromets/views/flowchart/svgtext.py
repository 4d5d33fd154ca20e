"""Text measuring and wrapping for SVG drawn without a browser.

Widths are the advances of DejaVu Sans Bold (the font the SVG asks for first; Verdana, its
fallback elsewhere, is no wider), so a box sized here holds its label even when the label
is drawn bold on the lit path.
"""

from __future__ import annotations

from html import escape

_CHARS = (
    " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~≤≥–−±×·→…’“”µ°"
)
_ADVANCES = (
    "348 456 521 838 696 1002 872 306 457 457 523 838 380 415 380 365 696 696 696 696 696 696 696 696 696 696 "
    "400 400 838 838 838 580 1000 774 762 734 830 683 683 821 837 372 372 775 637 995 837 850 733 850 770 720 "
    "682 812 774 1103 771 724 725 457 365 457 838 500 500 675 716 593 716 678 435 716 712 343 343 665 343 1042 "
    "712 687 716 716 493 595 478 712 652 924 645 652 582 712 365 712 838 838 838 500 838 838 838 380 838 1000 "
    "380 657 657 736 500"
)
_WIDTH = dict(zip(_CHARS, (int(a) / 1000 for a in _ADVANCES.split()), strict=True))
FONT_FAMILY = "'DejaVu Sans', Verdana, 'Bitstream Vera Sans', sans-serif"


def text_width(text: str, size: float) -> float:
    """Width in px of ``text`` at font size ``size`` px (bold, an upper bound for regular).

    >>> round(text_width("HER2?", 10))
    36
    """
    return sum(_WIDTH.get(ch, 0.9) for ch in text) * size


def wrap(text: str, size: float, max_width: float) -> list[str]:
    """Break ``text`` at spaces into lines no wider than ``max_width`` px where it can; a
    single word wider than that keeps its own line.

    >>> wrap("Chemo + trastuzumab, then endocrine", 13, 180)
    ['Chemo + trastuzumab,', 'then endocrine']
    """
    words = text.split()
    lines: list[str] = []
    for word in words:
        if lines and text_width(f"{lines[-1]} {word}", size) <= max_width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def tspans(lines: list[str], x: float, first_dy: float, line_height: float) -> str:
    """``<tspan>`` elements for centred multi-line text (escaped), a space between lines so
    that the text reads (and copies, and is searched) as the words it wraps.

    >>> tspans(["a<b", "c"], 5, -3, 16)
    '<tspan x="5" dy="-3">a&lt;b</tspan> <tspan x="5" dy="16">c</tspan>'
    """
    out = []
    for i, line in enumerate(lines):
        dy = first_dy if i == 0 else line_height
        out.append(f'<tspan x="{x:g}" dy="{dy:g}">{escape(line)}</tspan>')
    return " ".join(out)
