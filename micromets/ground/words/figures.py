"""A trial figure's words, from the ``figures:`` section of the vocabulary file.

What a trial figure draws (its titles, axis labels, the forest plot's rows, the source line and
its notes, the mark on a number not yet checked), a registry number in text (``Endpoint.describe``),
the class report's two charts in words, and its text equivalent (its alt text: what a
screen reader says, and what shows where the figure does not) are English, so they are data: a
translation or an instructor's wording is an edit of ``micromets/data/vocabulary.yaml``.
``micromets/views/figures/`` draws them, ``micromets/views/figure_index.py`` fills in the text
equivalents.

>>> words = shipped_figure_words()
>>> words.number("DFS, ALND", "84.4%", "95%", (80.7, 88.1))
'DFS, ALND: 84.4% (95% CI 80.7 to 88.1)'
"""

from __future__ import annotations

from functools import cache

from ..datafiles import read_packaged
from .phrases import Phrasebook, parse_phrasebook

SOURCE = "micromets/data/vocabulary.yaml"
JOINS = ("what", "numbers", "citations", "missed")
# Every phrase the text equivalents ask for, with the $names each one must use.
PHRASES = {
    "entry": ("name", "design", "numbers"),
    "forest": ("title", "numbers"),
    "forest_title": (),
    "number": ("what", "value"),
    "number_ci": ("what", "value", "level", "low", "high"),
    "percent": ("value",),
    "unverified": ("number",),
    # A registry number in text (Endpoint.describe) and the unchecked mark.
    "unchecked": (),
    "text_unit": ("value", "unit"),
    "text_ci": ("value", "level", "low", "high"),
    "text_hr": ("value", "hr"),
    "text_mark": ("unchecked",),
    "text_marked": ("text", "mark"),
    # What the figures draw.
    "mark": (),
    "marked_label": ("label", "mark"),
    "marked_number": ("number", "mark"),
    "hollow_note": ("mark", "unchecked"),
    "pmid_note": ("mark", "unchecked"),
    "hollow_key": ("mark",),
    "source": ("citations",),
    "not_drawn": ("missing",),
    "missing": ("what", "note"),
    "all_patients": (),
    "trial_title": ("name", "design"),
    "percent_title": (),
    "percent_axis": (),
    "ratio_title": (),
    "ratio_axis": (),
    "ratio_ci": ("value", "level", "low", "high"),
    "margin": (),
    "forest_row": ("trial", "what"),
    "forest_arms": ("first", "second"),
    "forest_no_arms": (),
    "forest_axis": (),
    "forest_plot_title": (),
    "one_sided": (),
    "ibcsg_title": (),
    "ibcsg_survival": (),
    "ibcsg_morbidity": (),
    "morbidity_axis": (),
    "scores_title": (),
    "scores_tailorx": (),
    "scores_rxponder": (),
    "ruler_axis": (),
    "difficulty_title": (),
    "difficulty_axis": (),
    "grid_title": (),
    "glyph_right": (),
    "glyph_wrong": (),
    "glyph_missing": (),
    "key_right": ("glyph",),
    "key_wrong": ("glyph",),
    "key_missing": ("glyph", "no_answer"),
    "difficulty_alt": ("questions",),
    "difficulty_alt_item": ("question", "right", "learners"),
    "grid_alt": ("learners",),
    "grid_alt_learner": ("learner", "right", "asked"),
    "grid_alt_missed": ("score", "questions"),
    "not_drawn_class": ("learners", "questions", "cells", "limit"),
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

    def marked_label(self, label: str, verified: bool) -> str:
        """A drawn row's or ratio's name, with the mark when its number is not yet checked.

        >>> shipped_figure_words().marked_label("DFS, 5 y", False)
        'DFS, 5 y †'
        """
        return label if verified else self.say("marked_label", label=label, mark=self.say("mark"))

    def marked_number(self, number: str, verified: bool) -> str:
        """A drawn value, with the mark when it is not yet checked.

        >>> shipped_figure_words().marked_number("84.4%", False)
        '84.4%†'
        """
        return number if verified else self.say("marked_number", number=number, mark=self.say("mark"))

    def text_mark(self) -> str:
        """The mark an unchecked number or PMID carries in text (a figure draws ``mark`` instead).

        >>> shipped_figure_words().text_mark()
        '[not yet checked against the publication]'
        """
        return self.say("text_mark", unchecked=self.say("unchecked"))


def parse_figure_words(raw: object, source: str) -> FigureWords:
    """Check the ``figures:`` section; refuse it whole, naming the first key that is wrong (here
    the entry's phrase, missing from a section that has only its joins and a percent sign).

    >>> joins = {"what": ", ", "numbers": "; ", "citations": "; ", "missed": ", "}
    >>> parse_figure_words({"joins": joins, "percent": "%"}, "mine.yaml")
    Traceback (most recent call last):
    micromets.ground.errors.DataFileError: mine.yaml: figures.entry: needs a non-empty text
    """
    return parse_phrasebook(raw, PHRASES, JOINS, source, "figures", FigureWords)


@cache
def shipped_figure_words() -> FigureWords:
    """The shipped figure words, loaded once."""
    return parse_figure_words(read_packaged("data/vocabulary.yaml").get("figures"), SOURCE)
