"""What every words section of the vocabulary shares: a section of phrases read and checked in
one go, and a phrase filled in as HTML (its words escaped, each ``$name`` given as HTML).

>>> words = parse_phrases({"case": "Case $number"}, {"case": ("number",)}, "mine.yaml", "quiz")
>>> fill_html(words["case"], number="<b>2</b>")
'Case <b>2</b>'
"""

from __future__ import annotations

from html import escape
from string import Template
from types import MappingProxyType

from .checks import check_keys, phrase_of, require


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
