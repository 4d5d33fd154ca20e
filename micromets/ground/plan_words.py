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

from .checks import check_keys, require, showable_text, text_of
from .errors import DataFileError

# Every join the code asks for (kept as written: spaces count).
JOINS = ("with", "and", "then", "label_with", "label_then", "or", "labels", "phrases", "sources", "route")
# Every fixed word the code asks for, with the $names each one must use (all of them: a name left
# out would silently drop what a learner reads, such as the sources of a step).
WORDS = MappingProxyType(
    {
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


def _join(raw: dict, key: str, source: str, where: str) -> str:
    # Spaces are part of a join (" with ", ", then "), so it is kept as written, never stripped.
    value = raw.get(key)
    require(isinstance(value, str) and value != "", source, f"{where}.{key}", "a non-empty text, spaces included")
    return showable_text(value, source, f"{where}.{key}", one_line=True)


def _word(raw: dict, key: str, source: str, where: str) -> str:
    text = text_of(raw, key, source, where, one_line=True)
    at = f"{where}.{key}"
    template = Template(text)
    require(template.is_valid(), source, at, "a $ starts a $name (write $$ for a dollar sign)")
    used, wanted = set(template.get_identifiers()), set(WORDS[key])
    if used - wanted:
        allowed = ", ".join(f"${n}" for n in WORDS[key]) or "none (write $$ for a dollar sign)"
        raise DataFileError(source, at, f"unknown ${sorted(used - wanted)[0]}; allowed names: {allowed}")
    if wanted - used:
        raise DataFileError(source, at, f"needs ${sorted(wanted - used)[0]} (what a learner reads there)")
    return text


def parse_plan_words(raw: object, source: str, where: str = "plan") -> PlanWords:
    """Check the ``plan:`` section and build its words; refuse it whole, naming the key, on any error.

    >>> parse_plan_words({"joins": {}, "words": {}}, "mine.yaml")
    Traceback (most recent call last):
    micromets.ground.errors.DataFileError: mine.yaml: plan.joins.with: a non-empty text, spaces included
    """
    require(isinstance(raw, dict), source, where, "a mapping with joins and words")
    check_keys(raw, {"joins", "words"}, source, where)
    sections = {}
    for name, keys in (("joins", JOINS), ("words", tuple(WORDS))):
        at = f"{where}.{name}"
        section = raw.get(name)
        require(isinstance(section, dict), source, at, f"a mapping with {', '.join(keys)}")
        check_keys(section, set(keys), source, at)
        read = _join if name == "joins" else _word
        sections[name] = MappingProxyType({key: read(section, key, source, at) for key in keys})
    return PlanWords(sections["joins"], sections["words"])
