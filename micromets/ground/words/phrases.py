"""What every words section of the vocabulary shares: a section of phrases read and checked in
one go (with its joins, for a section that has them: ``Phrasebook``), and a phrase filled in as
HTML (its words escaped, each ``$name`` given as HTML).

>>> words = parse_phrases({"case": "Case $number"}, {"case": ("number",)}, "mine.yaml", "quiz")
>>> fill_html(words["case"], number="<b>2</b>")
'Case <b>2</b>'
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from string import Template
from types import MappingProxyType

from ..checks import check_keys, join_of, phrase_of, require, section_of


def parse_phrases(raw: object, names: dict, source: str, where: str) -> MappingProxyType:
    """The phrases under ``where``: exactly the keys of ``names``, each using exactly its ``$names``;
    refused whole, naming the key.

    >>> parse_phrases({"case": "Case"}, {"case": ("number",)}, "mine.yaml", "quiz")
    Traceback (most recent call last):
    micromets.ground.errors.DataFileError: mine.yaml: quiz.case: needs $number (what a learner reads there)
    """
    require(isinstance(raw, dict), source, where, f"a mapping with {', '.join(names)}")
    check_keys(raw, set(names), source, where)
    return MappingProxyType({key: phrase_of(raw, key, wanted, source, where) for key, wanted in names.items()})


def fill_html(phrase: str, **html) -> str:
    """``phrase`` as HTML: its own words escaped, each ``$name`` filled with the HTML given (a
    bold answer, a file name in ``<code>``), so an instructor's ``<`` shows as text.

    >>> fill_html("Not quite <sigh>: $answer", answer="<b>pN1mi</b>")
    'Not quite &lt;sigh&gt;: <b>pN1mi</b>'
    """
    # The data holds no control character (refused on load), so these marks cannot clash.
    marked = Template(phrase).substitute({name: f"\x00{name}\x00" for name in html})
    out = escape(marked, quote=False)
    for name, value in html.items():
        out = out.replace(f"\x00{name}\x00", str(value))
    return out


@dataclass(frozen=True)
class Phrasebook:
    """A words section's phrases and its joins (the spaced texts between listed items)."""

    words: MappingProxyType
    joins: MappingProxyType

    def say(self, key: str, **names) -> str:
        """A phrase, its ``$names`` filled in (``string.Template``: no code runs)."""
        return Template(self.words[key]).substitute(names)

    def html(self, key: str, **html) -> str:
        """A phrase as HTML: its words escaped, each ``$name`` filled with the HTML given."""
        return fill_html(self.words[key], **html)


def parse_phrasebook(raw: object, names: dict, joins: tuple, source: str, where: str, kind=Phrasebook):
    """The section under ``where``: the phrases of ``names`` (as ``parse_phrases``) and, under
    ``joins``, exactly the joins listed; a ``kind`` of ``Phrasebook``. Refused whole, naming the key.

    >>> book = parse_phrasebook({"joins": {"and": " and "}, "both": "$a$b"}, {"both": ("a", "b")}, ("and",), "m", "x")
    >>> book.say("both", a="A", b=book.joins["and"] + "B")
    'A and B'
    """
    require(isinstance(raw, dict), source, where, "a mapping of phrases, with the joins under joins")
    listed = section_of(raw, "joins", joins, source, where)
    joined = MappingProxyType({key: join_of(listed, key, source, f"{where}.joins") for key in joins})
    phrases = {key: value for key, value in raw.items() if key != "joins"}
    return kind(parse_phrases(phrases, names, source, where), joined)
