"""The explorer's and the staging ruler's own words come from the vocabulary file (``explorer:``):
the controls, their hints and what the ruler says of a deposit. An instructor's wording changes
them with no code change (the class and category the ruler reports stay the engine's); a broken
section is refused whole, naming the key."""

import copy

import pytest

from micromets.ground.datafiles import read_packaged
from micromets.ground.words.explorer import parse_explorer_words

from ..refusals import assert_refused_naming

pytest.importorskip("ipywidgets")
from micromets.views import widgets  # noqa: E402 (needs ipywidgets)


def shipped_section() -> dict:
    return copy.deepcopy(read_packaged("data/vocabulary.yaml")["explorer"])


def test_the_ruler_says_a_small_deposit_with_many_cells_in_the_data_words(monkeypatch):
    shipped = widgets.StagingRuler(0.15, 250)
    assert shipped.verdict.value.endswith(
        ">0.15 mm, 250 cells → Micrometastasis (pN1mi) (small, but more than 200 cells in one cross-section)</b>"
    )
    section = shipped_section()
    section.update(
        ruler_deposit_cells="$cells cells in $size mm",
        ruler_verdict="$deposit: $deposit_class <$category>",
        ruler_cells_reason="(over 200 cells)",
        ruler_size="Size",
    )
    monkeypatch.setattr(widgets, "_WORDS", parse_explorer_words(section, "mine.yaml"))
    ruler = widgets.StagingRuler(0.15, 250)
    assert ruler.deposit_class == shipped.deposit_class == "micrometastasis"
    assert ruler.verdict.value.endswith(">250 cells in 0.15 mm: Micrometastasis &lt;pN1mi&gt; (over 200 cells)</b>")
    assert ruler.size.description == "Size"


def test_an_instructors_explorer_words_change_the_controls(monkeypatch):
    section = shipped_section()
    section.update(pathway="Ruleset", not_given="(blank)", greyed_out="Grey inputs are not asked <here>.")
    monkeypatch.setattr(widgets, "_WORDS", parse_explorer_words(section, "mine.yaml"))
    explorer = widgets.explore()
    assert explorer.ruleset.description == "Ruleset"
    shown = []

    def walk(widget):
        shown.append(getattr(widget, "value", None))
        shown.extend(label for label, _ in getattr(widget, "options", ()) if isinstance(label, str))
        for child in getattr(widget, "children", ()):
            walk(child)

    walk(explorer.widget)
    assert "<small>Grey inputs are not asked &lt;here&gt;.</small>" in shown and "(blank)" in shown
    assert "Not given" not in shown


BROKEN = [
    (lambda s: s.pop("given"), "explorer.given"),
    (lambda s: s.update(colour="red"), "explorer.colour"),
    (lambda s: s.update(trial="Trial"), "explorer.trial"),  # the trial's name left out
    (lambda s: s.update(band="$size mm"), "explorer.band"),
    (lambda s: s.update(ruler_alt="A $size mm deposit on a $length ruler: $deposit_class"), "explorer.ruler_alt"),
    (lambda s: s.update(projector_tip="Larger\ntype"), "explorer.projector_tip"),
    (lambda s: s.update(show=["Show"]), "explorer.show"),
]


@pytest.mark.parametrize(("change", "key"), BROKEN)
def test_a_broken_explorer_section_is_refused_naming_the_key(change, key):
    section = shipped_section()
    change(section)
    assert_refused_naming(parse_explorer_words, section, key)
