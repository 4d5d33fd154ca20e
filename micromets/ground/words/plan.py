"""How plan text is put together, read from the ``plan:`` section of the vocabulary file.

The joins between a plan's words ("chemotherapy with trastuzumab, then endocrine therapy",
"endocrine therapy  OR  ...") and the fixed words around them ("Why:", "Limits of the
evidence:", "Steps:", the plan's heading) are English, so they are data like the words for the
codes: a translation or an instructor's wording is an edit of ``micromets/data/vocabulary.yaml``.
The plan text, the plan HTML, the flowchart's details panel and quiz feedback put them in order;
this module reads them (``Vocabulary.plan_words``) and refuses a malformed section whole, naming the key.

>>> from micromets.ground.vocabulary import shipped
>>> words = shipped().plan_words
>>> words.joins["then"], words.say("citation_line", evidence="randomised", sources="IBCSG 23-01")
(', then ', 'Evidence: randomised. Sources: IBCSG 23-01')
"""

from __future__ import annotations

from dataclasses import dataclass
from string import Template
from types import MappingProxyType

from ..checks import check_keys, join_of, phrase_of, require, section_of

# Every join the code asks for (kept as written: spaces count).
JOINS = (
    "with",
    "and",
    "then",
    "label_with",
    "label_then",
    "or",
    "labels",
    "phrases",
    "sources",
    "route",
    "changes",
    "change_or",
)
# Every fixed word the code asks for, with the $names each one must use (all of them: a name left
# out would silently drop what a learner reads, such as the sources of a step).
WORDS = MappingProxyType(
    {
        "disclaimer": (),
        "or": (),
        "no_option": (),
        "no_option_label": (),
        "heading": ("ruleset", "patient"),
        "headline": ("deposit_heading", "deposit", "category"),
        "part": ("heading", "words"),
        "warnings": (),
        "steps": (),
        "warnings_folded": ("count",),
        "steps_folded": ("count",),
        "why": (),
        "caveat": (),
        "evidence": (),
        "sources": (),
        "route": (),
        "citation_line": ("evidence", "sources"),
        "quote": ("text",),
        "end": (),
        "figure_button": ("trial",),
        "changed": ("part", "old", "new"),
        "changed_axilla": (),
        "changed_systemic": (),
        "changed_radiation": (),
        "now_consider": ("items",),
        "no_longer_consider": ("items",),
    }
)


@dataclass(frozen=True)
class PlanWords:
    """The joins and fixed words of plan text (see the ``plan:`` comments in the vocabulary file)."""

    joins: MappingProxyType  # name -> the join, spaces included
    words: MappingProxyType  # name -> the words, $names to fill in

    def say(self, key: str, **names) -> str:
        """A fixed word of plan text, its ``$names`` filled in (``string.Template``: no code runs).

        >>> from micromets.ground.vocabulary import shipped
        >>> shipped().plan_words.say("steps_folded", count=3)
        'Steps, reasons and sources (3)'
        """
        return Template(self.words[key]).substitute(names)


def parse_plan_words(raw: object, source: str, where: str = "plan") -> PlanWords:
    """Check the ``plan:`` section and build its words; refuse it whole, naming the key, on any error.

    >>> parse_plan_words({"joins": {}, "words": {}}, "mine.yaml")
    Traceback (most recent call last):
    micromets.ground.errors.DataFileError: mine.yaml: plan.joins.with: a non-empty text, spaces included
    """
    require(isinstance(raw, dict), source, where, "a mapping with joins and words")
    check_keys(raw, {"joins", "words"}, source, where)
    joins = section_of(raw, "joins", JOINS, source, where)
    words = section_of(raw, "words", tuple(WORDS), source, where)
    return PlanWords(
        MappingProxyType({key: join_of(joins, key, source, f"{where}.joins") for key in JOINS}),
        MappingProxyType({key: phrase_of(words, key, names, source, f"{where}.words") for key, names in WORDS.items()}),
    )
