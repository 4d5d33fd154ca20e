"""The grammar of patient prose, read from ``patient.grammar`` in the vocabulary file.

Which indefinite article goes before a word or a figure, the words a sentence starts with
instead of a figure, the word for a value not given and the separators of a list are English
grammar, so they are data, like the words themselves: a translation or an instructor's wording
is an edit of ``micromets/data/vocabulary.yaml``. ``micromets/pathway/prose.py`` applies these
rules; this module reads them and refuses a malformed section whole, naming the key.

>>> rule = {"article": "an", "words": ["a", "e"], "digits": ["8"], "numbers": [11, 18]}
>>> grammar = parse_grammar({"indefinite": [rule, {"article": "a"}], "sentence_numbers": ["One"],
...     "total": "A total of", "unknown": "unknown", "list_separator": ", ", "summary_separator": "; "}, "mine.yaml")
>>> sorted(grammar.articles[0].numbers), grammar.articles[-1].takes_every_word, grammar.list_separator
([11, 18], True, ', ')
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..checks import check_keys, require, showable_text, text_of
from ..errors import DataFileError

_KEYS = ("indefinite", "sentence_numbers", "total", "unknown", "list_separator", "summary_separator")
_TESTS = ("words", "digits", "numbers")
_DIGITS = re.compile(r"[0-9]+")


@dataclass(frozen=True)
class ArticleRule:
    """One indefinite article and the beginnings it goes before; with none, every word left.

    ``words`` are how a word begins, in lower case ("an adult"); a figure is matched by the
    number it is spoken as: ``digits`` are how that number begins ("an 80-year-old"),
    ``numbers`` the whole numbers it may be ("an 11 mm").
    """

    article: str
    words: tuple[str, ...] = ()
    digits: tuple[str, ...] = ()
    numbers: frozenset[int] = frozenset()

    @property
    def takes_every_word(self) -> bool:
        """Whether the rule names no beginning (the article for every word the others leave)."""
        return not (self.words or self.digits or self.numbers)


@dataclass(frozen=True)
class Grammar:
    """The rules patient prose follows (see the ``grammar:`` comments in the vocabulary file)."""

    articles: tuple[ArticleRule, ...]  # the first that fits a word is used; the last fits every word
    sentence_numbers: tuple[str, ...]  # the words for 1, 2, ... when a sentence starts with that figure
    total: str  # before any other figure a sentence starts with ("A total of 12 nodes")
    unknown: str  # a value the record leaves empty
    list_separator: str  # between the items of a list ("ER positive, PR negative")
    summary_separator: str  # between the parts of the one-line summary


def _texts(raw: object, source: str, where: str, what: str) -> tuple[str, ...]:
    require(isinstance(raw, list), source, where, f"a list of {what}")
    for i, item in enumerate(raw):
        require(isinstance(item, str) and item.strip() != "", source, f"{where}[{i}]", f"{what}: a non-empty text")
        showable_text(item, source, f"{where}[{i}]", one_line=True)
    return tuple(raw)


def _article_rule(raw: object, source: str, where: str) -> ArticleRule:
    require(
        isinstance(raw, dict), source, where, "a mapping {article: ..., words: [...], digits: [...], numbers: [...]}"
    )
    check_keys(raw, {"article", *_TESTS}, source, where)
    words = _texts(raw.get("words", []), source, f"{where}.words", "how a word begins")
    digits = _texts(raw.get("digits", []), source, f"{where}.digits", "how a number begins")
    for i, begins in enumerate(digits):
        require(_DIGITS.fullmatch(begins) is not None, source, f"{where}.digits[{i}]", "digits 0 to 9 only")
    numbers = raw.get("numbers", [])
    require(isinstance(numbers, list), source, f"{where}.numbers", "a list of whole numbers")
    for i, number in enumerate(numbers):
        whole = isinstance(number, int) and not isinstance(number, bool) and number >= 0
        require(whole, source, f"{where}.numbers[{i}]", "a whole number, 0 or more")
    article = text_of(raw, "article", source, where, one_line=True)
    return ArticleRule(article, tuple(w.lower() for w in words), digits, frozenset(numbers))


def _separator(raw: dict, key: str, source: str, where: str) -> str:
    # Spaces are part of a separator (", " or " ; "), so it is kept as written, never stripped.
    value = raw[key]
    require(isinstance(value, str) and value != "", source, f"{where}.{key}", "a non-empty text, spaces included")
    return showable_text(value, source, f"{where}.{key}", one_line=True)


def parse_grammar(raw: object, source: str, where: str = "patient.grammar") -> Grammar:
    """Check the grammar section and build it; refuse it whole, naming the key, on any error.

    >>> parse_grammar({"indefinite": [{"article": "a", "words": ["e"]}]}, "mine.yaml")
    Traceback (most recent call last):
    micromets.ground.errors.DataFileError: mine.yaml: patient.grammar.sentence_numbers: missing: the grammar needs it
    """
    require(isinstance(raw, dict), source, where, f"a mapping with {', '.join(_KEYS)}")
    check_keys(raw, set(_KEYS), source, where)
    for key in _KEYS:
        require(key in raw, source, f"{where}.{key}", "missing: the grammar needs it")
    at = f"{where}.indefinite"
    require(isinstance(raw["indefinite"], list) and raw["indefinite"] != [], source, at, "a list of articles")
    articles = tuple(_article_rule(rule, source, f"{at}[{i}]") for i, rule in enumerate(raw["indefinite"]))
    for i, rule in enumerate(articles):
        last = i == len(articles) - 1
        if rule.takes_every_word != last:
            says = "the last article goes before every word the others leave: give it no words, digits or numbers"
            raise DataFileError(
                source, f"{at}[{i}]", says if last else "only the last article may have no words, digits or numbers"
            )
    return Grammar(
        articles,
        tuple(w.strip() for w in _texts(raw["sentence_numbers"], source, f"{where}.sentence_numbers", "words")),
        text_of(raw, "total", source, where, one_line=True),
        text_of(raw, "unknown", source, where, one_line=True),
        _separator(raw, "list_separator", source, where),
        _separator(raw, "summary_separator", source, where),
    )
