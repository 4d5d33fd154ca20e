"""The ruleset comparison's own words, read from the ``compare:`` section of the vocabulary file.

What may differ in a node two rulesets share, the comparison's summary sentences, the cohort
table's headings and the bar chart's titles are English, so they are data: a translation or an
instructor's wording is an edit of ``micromets/data/vocabulary.yaml``.
``micromets/views/compare.py`` (and the chart and the command line) put them in order.

>>> words = shipped_compare_words()
>>> words.say("node_changed", node="HER2?", what="branches"), words.joins["parts"]
('HER2?: branches', ', ')
"""

from __future__ import annotations

from functools import cache

from ..datafiles import read_packaged
from .phrases import Phrasebook, parse_phrasebook

SOURCE = "micromets/data/vocabulary.yaml"
# What may differ in a node both rulesets share, in the order the comparison checks it.
DIFFERS = ("question_asked", "branches", "where_it_leads", "plan_settings", "warnings", "step_text", "citations")
JOINS = ("questions", "parts")
# Every phrase the comparison asks for, with the $names each one must use.
PHRASES = {
    **dict.fromkeys(DIFFERS, ()),
    "after": ("label", "before"),
    "lines": ("old", "new", "added", "removed", "changed"),
    "summary": ("new", "old", "added", "removed", "changed"),
    "new_questions": ("questions",),
    "gone_questions": ("old", "questions"),
    "part_count": ("part", "count"),
    "parts_added": ("parts",),
    "changed_count": ("part", "count"),
    "parts_changed": ("parts",),
    "nodes_added": (),
    "nodes_removed": (),
    "nodes_changed": (),
    "node_changed": ("node", "what"),
    "cohort": ("changed", "size", "share", "old", "new"),
    "cohort_cli": ("changed", "size", "share"),
    "change": (),
    "patients": (),
    "share": (),
    "example": (),
    "cohort_line": ("change", "patients", "share", "example"),
    "chart_title": ("old", "new"),
    "chart_subtitle": ("changed", "size"),
    "chart_axis": (),
}


class CompareWords(Phrasebook):
    """The comparison's phrases and joins (see the ``compare:`` comments in the vocabulary file)."""


def parse_compare_words(raw: object, source: str) -> CompareWords:
    """Check the ``compare:`` section; refuse it whole, naming the key.

    >>> parse_compare_words({"joins": {"questions": "; ", "parts": ""}}, "mine.yaml")
    Traceback (most recent call last):
    micromets.ground.errors.DataFileError: mine.yaml: compare.joins.parts: a non-empty text, spaces included
    """
    return parse_phrasebook(raw, PHRASES, JOINS, source, "compare", CompareWords)


@cache
def shipped_compare_words() -> CompareWords:
    """The shipped comparison words, loaded once."""
    return parse_compare_words(read_packaged("data/vocabulary.yaml").get("compare"), SOURCE)
