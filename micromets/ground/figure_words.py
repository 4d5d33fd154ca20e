"""A trial figure's text equivalent, worded from the ``figures:`` section of the vocabulary file.

Every trial figure carries its numbers in words (its alt text: what a screen reader says, and
what shows where the figure does not). How those words are put together (the joins, the
interval, the mark on a number not yet checked) is English, so it is data: a translation or an
instructor's wording is an edit of ``micromets/data/vocabulary.yaml``.
``micromets/views/figure_index.py`` and the forest plot's text equivalent fill them in.

>>> words = shipped_figure_words()
>>> words.number("DFS, ALND", "84.4%", "95%", (80.7, 88.1))
'DFS, ALND: 84.4% (95% CI 80.7 to 88.1)'
"""

from __future__ import annotations

from functools import cache

from .datafiles import read_packaged
from .phrases import Phrasebook, parse_phrasebook

SOURCE = "micromets/data/vocabulary.yaml"
JOINS = ("what", "numbers")
# Every phrase the text equivalents ask for, with the $names each one must use.
PHRASES = {
    "entry": ("name", "design", "numbers"),
    "forest": ("title", "numbers"),
    "forest_title": (),
    "number": ("what", "value"),
    "number_ci": ("what", "value", "level", "low", "high"),
    "percent": ("value",),
    "unverified": ("number",),
}


class FigureWords(Phrasebook):
    """The text equivalents' phrases and joins (see the ``figures:`` comments in the vocabulary file)."""

    def number(self, what: str, value: str, level: str | None = None, ci: tuple | None = None) -> str:
        """One drawn number in words: what it is, its value and, when given, its interval.

        >>> shipped_figure_words().number("OS HR", "0.79")
        'OS HR: 0.79'
        """
        if not ci:
            return self.say("number", what=what, value=value)
        return self.say("number_ci", what=what, value=value, level=level, low=f"{ci[0]:g}", high=f"{ci[1]:g}")


def parse_figure_words(raw: object, source: str) -> FigureWords:
    """Check the ``figures:`` section; refuse it whole, naming the first key that is wrong (here
    the entry's phrase, missing from a section that has only its joins and a percent sign).

    >>> parse_figure_words({"joins": {"what": ", ", "numbers": "; "}, "percent": "%"}, "mine.yaml")
    Traceback (most recent call last):
    micromets.ground.errors.DataFileError: mine.yaml: figures.entry: needs a non-empty text
    """
    return parse_phrasebook(raw, PHRASES, JOINS, source, "figures", FigureWords)


@cache
def shipped_figure_words() -> FigureWords:
    """The shipped figure words, loaded once."""
    return parse_figure_words(read_packaged("data/vocabulary.yaml").get("figures"), SOURCE)
