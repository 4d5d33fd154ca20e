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

from dataclasses import dataclass
from functools import cache
from string import Template
from types import MappingProxyType

from .checks import join_of, require, section_of
from .datafiles import read_packaged
from .phrases import fill_html, parse_phrases

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


@dataclass(frozen=True)
class CompareWords:
    """The comparison's phrases and joins (see the ``compare:`` comments in the vocabulary file)."""

    words: MappingProxyType
    joins: MappingProxyType

    def say(self, key: str, **names) -> str:
        """A phrase, its ``$names`` filled in (``string.Template``: no code runs)."""
        return Template(self.words[key]).substitute(names)

    def html(self, key: str, **html) -> str:
        """A phrase as HTML: its words escaped, each ``$name`` filled with the HTML given."""
        return fill_html(self.words[key], **html)


def parse_compare_words(raw: object, source: str) -> CompareWords:
    """Check the ``compare:`` section; refuse it whole, naming the key.

    >>> parse_compare_words({"joins": {"questions": "; ", "parts": ""}}, "mine.yaml")
    Traceback (most recent call last):
    micromets.ground.errors.DataFileError: mine.yaml: compare.joins.parts: a non-empty text, spaces included
    """
    require(isinstance(raw, dict), source, "compare", "a mapping of phrases, with the joins under joins")
    joins = section_of(raw, "joins", JOINS, source, "compare")
    joined = MappingProxyType({key: join_of(joins, key, source, "compare.joins") for key in JOINS})
    phrases = {key: value for key, value in raw.items() if key != "joins"}
    return CompareWords(parse_phrases(phrases, PHRASES, source, "compare"), joined)


@cache
def shipped_compare_words() -> CompareWords:
    """The shipped comparison words, loaded once."""
    return parse_compare_words(read_packaged("data/vocabulary.yaml").get("compare"), SOURCE)
