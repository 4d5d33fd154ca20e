"""The explorer's own words, read from the ``explorer:`` section of the vocabulary file.

The controls around the patient's inputs and the plan (the ruleset and chart pickers, the
projector toggle, the hint under greyed-out inputs) and what chapter 01's staging ruler says of
a deposit are English, so they are data: a translation or an instructor's wording is an edit of
``micromets/data/vocabulary.yaml``. The explorer, the ruler and the static page read them here.

>>> shipped_explorer_words()["not_given"], shipped_explorer_words()["band"]
('Not given', '$size mm: $deposit_class')
"""

from __future__ import annotations

from functools import cache
from types import MappingProxyType

from ..datafiles import read_packaged
from .phrases import parse_phrases

SOURCE = "micromets/data/vocabulary.yaml"
# Every phrase the explorer asks for, with the $names each one must use.
PHRASES = {
    "not_given": (),
    "given": (),
    "pathway": (),
    "show": (),
    "flowchart": (),
    "trial": ("trial",),
    "projector": (),
    "projector_tip": (),
    "greyed_out": (),
    "band": ("size", "deposit_class"),
    "ruler_size": (),
    "ruler_cells": (),
    "ruler_alt": ("size", "ruler", "deposit_class"),
    "ruler_deposit": ("size",),
    "ruler_deposit_cells": ("size", "cells"),
    "ruler_verdict": ("deposit", "deposit_class", "category"),
    "ruler_cells_reason": (),
}


def parse_explorer_words(raw: object, source: str) -> MappingProxyType:
    """Check the ``explorer:`` section; refuse it whole, naming the key.

    >>> parse_explorer_words({"given": "given"}, "mine.yaml")
    Traceback (most recent call last):
    micromets.ground.errors.DataFileError: mine.yaml: explorer.not_given: needs a non-empty text
    """
    return parse_phrases(raw, PHRASES, source, "explorer")


@cache
def shipped_explorer_words() -> MappingProxyType:
    """The shipped explorer words, loaded once."""
    return parse_explorer_words(read_packaged("data/vocabulary.yaml").get("explorer"), SOURCE)
