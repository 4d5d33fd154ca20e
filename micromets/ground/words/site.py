"""The static page's own words, read from the ``site:`` section of the vocabulary file.

The page built by ``python -m micromets site`` has words no notebook shows: its title and
heading, the short guide and the steps it names while Python starts in the browser, what it says
when Python cannot start, and its footer. They are English, so they are data: a translation or an
instructor's wording is an edit of ``micromets/data/vocabulary.yaml``. The build writes them into
the page (the steps and failures into its manifest, for its script); where the notebook explorer
already has the same words (the pathway picker, the flowchart, the line under the deposit), the
page uses the ``explorer:`` ones.

>>> words = shipped_site_words()
>>> words["lang"], words["step_install"]
('en', 'Installing micromets…')
"""

from __future__ import annotations

import re
from functools import cache
from types import MappingProxyType

from ..checks import require
from ..datafiles import read_packaged
from .phrases import parse_phrases

SOURCE = "micromets/data/vocabulary.yaml"
# The page's steps while it starts, in order; its script says each (see app.js).
STEPS = ("step_python", "step_install", "step_engine", "step_plan")
# Every phrase the page asks for, with the $names each one must use.
PHRASES = {
    "lang": (),
    "title": (),
    "heading": (),
    "loading": (),
    "unset": (),
    "plan_region": (),
    "guide_title": (),
    "guide_inputs": (),
    "guide_chart": (),
    "guide_details": ("whole",),
    "plan_waiting": (),
    "footer": ("version",),
    **dict.fromkeys(STEPS, ()),
    "step_python": ("size",),  # what Python's start downloads, measured by the build
    "load_failed": ("file", "status"),
    "start_failed": ("error",),
}
# What the page's script says (sent in its manifest); the rest is written into the HTML.
SCRIPT_WORDS = (*STEPS, "load_failed", "start_failed")
# A language tag as <html lang> takes it (BCP 47's shape: "en", "fr", "pt-BR", "zh-Hant").
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*")


def parse_site_words(raw: object, source: str) -> MappingProxyType:
    """Check the ``site:`` section; refuse it whole, naming the key.

    >>> parse_site_words({"lang": "en"}, "mine.yaml")
    Traceback (most recent call last):
    micromets.ground.errors.DataFileError: mine.yaml: site.title: needs a non-empty text
    """
    words = parse_phrases(raw, PHRASES, source, "site")
    require(
        LANGUAGE_TAG.fullmatch(words["lang"]) is not None,
        source,
        "site.lang",
        f"got {words['lang']!r}; allowed: a language tag such as en, fr or pt-BR",
    )
    return words


@cache
def shipped_site_words() -> MappingProxyType:
    """The shipped page words, loaded once."""
    return parse_site_words(read_packaged("data/vocabulary.yaml").get("site"), SOURCE)
