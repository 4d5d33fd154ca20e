"""The static page's own words come from the vocabulary file (``site:``): a broken section is
refused whole, naming the key, before any page is written."""

import copy

import pytest

from micromets.ground.datafiles import read_packaged
from micromets.ground.words.site import PHRASES, parse_site_words, shipped_site_words

from ..refusals import assert_refused_naming


def shipped_section() -> dict:
    return copy.deepcopy(read_packaged("data/vocabulary.yaml")["site"])


def test_the_shipped_section_names_every_phrase_the_page_asks_for():
    words = shipped_site_words()
    assert set(words) == set(PHRASES)
    assert words["footer"].startswith("micromets runs here in your browser (Pyodide $version);")


@pytest.mark.parametrize("tag", ["fr", "pt-BR", "zh-Hant", "de-CH-1996"])
def test_a_language_tag_is_taken(tag):
    section = shipped_section()
    section["lang"] = tag
    assert parse_site_words(section, "mine.yaml")["lang"] == tag


BROKEN = [
    (lambda s: s.pop("step_plan"), "site.step_plan"),  # the page would say nothing at its last step
    (lambda s: s.update(colour="red"), "site.colour"),
    (lambda s: s.update(footer="Runs in your browser."), "site.footer"),  # the Pyodide version left out
    (lambda s: s.update(guide_details="Press $pathway to see all."), "site.guide_details"),  # an unknown name
    (lambda s: s.update(load_failed="could not load $file"), "site.load_failed"),  # the status left out
    (lambda s: s.update(step_python="Starting Python (13 MB)…"), "site.step_python"),  # a typed size goes stale
    (lambda s: s.update(step_python="Starting Python ($size $unit)…"), "site.step_python"),  # the unit is words
    (lambda s: s.update(start_failed="Costs $ 5: $error"), "site.start_failed"),  # a lone $
    (lambda s: s.update(title="Two\nlines"), "site.title"),
    (lambda s: s.update(heading=["Explore"]), "site.heading"),
    (lambda s: s.update(lang="english please"), "site.lang"),
    (lambda s: s.update(lang='en" onload="alert(1)'), "site.lang"),  # it is written into an attribute
    (lambda s: s.update(lang=""), "site.lang"),
]


@pytest.mark.parametrize(("change", "key"), BROKEN)
def test_a_broken_site_section_is_refused_naming_the_key(change, key):
    section = shipped_section()
    change(section)
    assert_refused_naming(parse_site_words, section, key)


def test_a_missing_site_section_is_refused_naming_it():
    assert_refused_naming(parse_site_words, None, "site")
