"""A trial figure's text equivalent (its alt text) is worded by the vocabulary file (``figures:``):
an instructor's wording changes every figure's words with no code change (the numbers stay the
registry's); a broken section is refused whole, naming the key."""

import copy

import pytest

from micromets.ground.datafiles import read_packaged
from micromets.ground.figure_words import parse_figure_words
from micromets.views import figure_index

from ..refusals import assert_refused_naming


def shipped_section() -> dict:
    return copy.deepcopy(read_packaged("data/vocabulary.yaml")["figures"])


def instructors_words():
    section = shipped_section()
    section.update(
        entry="$name — $design — $numbers",
        number_ci="$what = $value (IC $level : $low à $high)",
        unverified="$number [à vérifier]",
        percent="$value %",
        forest="Graphique en forêt : $title. $numbers",
        forest_title="les essais axillaires",
    )
    section["joins"] = {"what": " / ", "numbers": " | "}
    return parse_figure_words(section, "mine.yaml")


def test_the_shipped_words_give_each_number_its_interval_and_mark():
    said = figure_index.describe("ibcsg-23-01-10y")
    assert said.startswith("IBCSG 23-01 (10-year) (randomised phase 3, non-inferiority (10-year update)). ")
    assert "DFS, no ALND, 10 y: 76.8% (95% CI 72.5 to 81) (unverified); " in said and said.endswith(".")


def test_an_instructors_figure_words_change_the_text_equivalents_without_code(monkeypatch):
    from micromets.views.figures import trials

    shipped = figure_index.describe("ibcsg-23-01-10y")
    monkeypatch.setattr(figure_index, "shipped_figure_words", instructors_words)
    monkeypatch.setattr(trials, "shipped_figure_words", instructors_words)
    said = figure_index.describe("ibcsg-23-01-10y")
    assert said.startswith("IBCSG 23-01 (10-year) — randomised phase 3, non-inferiority (10-year update) — ")
    assert "DFS / no ALND / 10 y = 76.8 % (IC 95% : 72.5 à 81) [à vérifier] | " in said
    assert "(unverified)" in shipped and "(unverified)" not in said and " CI " not in said
    forest = trials.forest_alt()
    assert forest.startswith("Graphique en forêt : les essais axillaires. IBCSG 23-01")
    assert "0.78 (IC 95% : 0.55 à 1.11)" in forest and "Forest plot" not in forest


BROKEN = [
    (lambda s: s.pop("percent"), "figures.percent"),
    (lambda s: s.update(colour="red"), "figures.colour"),
    (lambda s: s.update(number_ci="$what: $value ($level CI $low)"), "figures.number_ci"),  # the upper bound lost
    (lambda s: s.update(unverified="(unverified)"), "figures.unverified"),  # the number itself left out
    (lambda s: s.update(entry="$name: $numbers"), "figures.entry"),
    (lambda s: s.update(forest="Forest plot of $title: $rows"), "figures.forest"),
    (lambda s: s.update(percent="$value\t%"), "figures.percent"),
    (lambda s: s["joins"].update(numbers=""), "figures.joins.numbers"),
    (lambda s: s["joins"].update(between="; "), "figures.joins.between"),
    (lambda s: s.pop("joins"), "figures.joins"),
]


@pytest.mark.parametrize(("change", "key"), BROKEN)
def test_a_broken_figures_section_is_refused_naming_the_key(change, key):
    section = shipped_section()
    change(section)
    assert_refused_naming(parse_figure_words, section, key)
