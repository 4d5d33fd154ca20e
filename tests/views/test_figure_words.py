"""A trial figure's words, drawn and in its text equivalent (its alt text), are the vocabulary
file's (``figures:``): an instructor's wording changes every figure's words with no code change
(the numbers stay the registry's); a broken section is refused whole, naming the key."""

import copy

import pytest

from micromets.ground.datafiles import read_packaged
from micromets.ground.evidence import registry
from micromets.ground.words.figures import parse_figure_words
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
    section["joins"] = {"what": " / ", "numbers": " | ", "citations": " + ", "missed": " & "}
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


def drawn_texts(figure) -> list[str]:
    """Every text a figure draws: titles, axis and tick labels, annotations, legends, the source line."""
    from matplotlib.text import Text

    figure.canvas.draw()  # tick labels exist once drawn
    return [t.get_text() for t in figure.findobj(Text) if t.get_text()]


def instructors_drawing_words():
    section = shipped_section()
    section.update(
        mark="‡",
        hollow_note="$mark symbole creux : $unchecked.",
        pmid_note="$mark après un PMID : $unchecked.",
        hollow_key="creux $mark : à vérifier",
        source="Sources : $citations",
        percent_title="Résultats par bras",
        percent_axis="patientes (%)",
        ratio_title="Rapports",
        ratio_axis="rapport (échelle log ; 1 = pas de différence)",
        ratio_ci="$value (IC $level $low–$high)",
        forest_arms="$first contre $second : < 1 en faveur de $first",
        forest_axis="rapport (échelle log)",
        forest_plot_title="Essais axillaires : rapports de risque",
        margin="marge de non-infériorité",
        one_sided="Intervalle unilatéral tracé depuis le bord.",
        trial_title="$name — $design",
        all_patients="toutes les patientes",
    )
    section["joins"] = dict(section["joins"], citations=" + ")
    return parse_figure_words(section, "mine.yaml")


def test_an_instructors_figure_words_change_the_drawn_figures_without_code(monkeypatch):
    from micromets.views.figures import encode, trials

    shipped = drawn_texts(trials.plot_forest().figure) + drawn_texts(trials.plot_trial("z0011"))
    monkeypatch.setattr(trials, "shipped_figure_words", instructors_drawing_words)
    forest = drawn_texts(trials.plot_forest().figure)
    z0011 = drawn_texts(trials.plot_trial("z0011"))
    encode.close("all")
    said = "\n".join(forest + z0011)
    assert "Essais axillaires : rapports de risque" in forest and "rapport (échelle log)" in forest
    assert any("no ALND contre ALND : < 1 en faveur de no ALND" in t for t in forest)
    assert any(t.startswith("Sources : ") and " + " in t for t in forest)
    assert "marge de\nnon-infériorité" in forest, "the margin's words, wrapped at their longest word"
    assert "Intervalle unilatéral tracé depuis le bord." in said
    assert "Résultats par bras" in z0011 and "patientes (%)" in z0011 and "Rapports" in z0011
    assert any(t.startswith(registry()["z0011"].name + " — ") for t in z0011)
    assert "toutes les patientes" in z0011 and "creux ‡ : à vérifier" in z0011
    assert any("‡ symbole creux : not yet checked against the publication." in t for t in z0011)
    assert "‡" in said and "†" not in said, "the mark on an unchecked number is the instructor's"
    for english in ("Source:", "favours", "hollow marks", "Outcomes by arm", "non-inferiority\nmargin", "patients (%)"):
        assert any(english in t for t in shipped), english
        assert not any(english in t for t in forest + z0011), english


def test_the_shipped_words_draw_the_forest_rows_and_notes():
    from micromets.views.figures import encode, trials

    texts = drawn_texts(trials.plot_forest().figure)
    encode.close("all")
    assert "Axillary de-escalation trials: hazard ratios" in texts
    assert any(t.endswith("no ALND vs ALND: < 1 favours no ALND") for t in texts)
    assert any(t.startswith("Source: IBCSG 23-01") for t in texts)
    assert any("† after a PMID: not yet checked against the publication." in t for t in texts)


def test_an_instructors_words_change_the_class_report_charts_without_code(monkeypatch):
    from micromets.views.figures import class_report, encode

    def instructors():
        section = shipped_section()
        section.update(
            difficulty_title="Difficulté des questions",
            difficulty_axis="part de bonnes réponses",
            grid_title="Réponses de chaque élève",
            glyph_right="V",
            glyph_wrong="X",
            key_right="$glyph juste",
            key_wrong="$glyph faux",
            key_missing="$glyph ($no_answer)",
            percent="$value %",
        )
        return parse_figure_words(section, "mine.yaml")

    def grid():
        states = [["correct", "wrong"], ["missing", "correct"]]
        return class_report.plot_answer_grid(["ana", "ben"], ["q1", "q2"], states, ["1/2", "1/2"]).figure

    def difficulty():
        return class_report.plot_difficulty([("case-01 · Axilla", 0.25, "1/4")]).figure

    shipped = drawn_texts(grid()) + drawn_texts(difficulty())
    monkeypatch.setattr(class_report, "shipped_figure_words", instructors)
    mine_grid, mine_difficulty = drawn_texts(grid()), drawn_texts(difficulty())
    encode.close("all")
    assert {"✓ right", "✗ wrong", "– no answer", "Item difficulty (hardest at the top)", "100%"} <= set(shipped)
    assert [t for t in mine_grid if t[1:2] == " "] == ["V juste", "X faux", "– (no answer)"]
    assert mine_grid.count("V") == 2 and mine_grid.count("X") == 1, "the cells carry the legend's glyphs"
    assert "Réponses de chaque élève" in mine_grid and "✓" not in mine_grid
    assert {"Difficulté des questions", "part de bonnes réponses", "100 %"} <= set(mine_difficulty)


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
    # What the figures draw.
    (lambda s: s.pop("mark"), "figures.mark"),
    (lambda s: s.update(source="Source:"), "figures.source"),  # the citations left out
    (lambda s: s.update(hollow_note="hollow marks: $unchecked."), "figures.hollow_note"),  # the mark left out
    (lambda s: s.update(forest_arms="$first vs $second: < 1 favours $winner"), "figures.forest_arms"),
    (lambda s: s.update(ratio_axis="ratio $scale"), "figures.ratio_axis"),  # a name where none is given
    (lambda s: s.update(margin="non-inferiority\nmargin"), "figures.margin"),  # a new line: wrapped by code
    (lambda s: s.update(percent_title="Outcomes\x1b[31m by arm"), "figures.percent_title"),
    (lambda s: s.update(trial_title=["$name", "$design"]), "figures.trial_title"),
    (lambda s: s.update(forest_plot_title="$"), "figures.forest_plot_title"),
    (lambda s: s["joins"].pop("citations"), "figures.joins.citations"),
    # The class report's charts.
    (lambda s: s.update(key_missing="$glyph no answer"), "figures.key_missing"),  # the questions' words left out
    (lambda s: s.update(key_right="✓ right"), "figures.key_right"),  # a glyph apart from the cells'
    (lambda s: s.pop("glyph_wrong"), "figures.glyph_wrong"),
    # A registry number in text (Endpoint.describe) and its unchecked mark.
    (lambda s: s.pop("unchecked"), "figures.unchecked"),
    (lambda s: s.update(text_ci="$value ($level CI $low)"), "figures.text_ci"),  # the upper bound lost
    (lambda s: s.update(text_hr="$value; HR"), "figures.text_hr"),  # the ratio itself left out
    (lambda s: s.update(text_mark="[not yet checked]"), "figures.text_mark"),  # a second copy of unchecked
    (lambda s: s.update(text_marked="$text [$mark] $note"), "figures.text_marked"),  # a name nobody gives
    (lambda s: s.update(text_unit="$value\x07$unit"), "figures.text_unit"),  # a control character
    (lambda s: s.update(unchecked=None), "figures.unchecked"),
    # The class report's charts in words, and the sentence in their place for a very big class.
    (lambda s: s.update(difficulty_alt="Share of learners right"), "figures.difficulty_alt"),  # the counts lost
    (lambda s: s.update(grid_alt_missed="$score, missed $missed"), "figures.grid_alt_missed"),
    (lambda s: s.update(not_drawn_class="Not drawn: $cells cells"), "figures.not_drawn_class"),
    (lambda s: s["joins"].pop("missed"), "figures.joins.missed"),
]


@pytest.mark.parametrize(("change", "key"), BROKEN)
def test_a_broken_figures_section_is_refused_naming_the_key(change, key):
    section = shipped_section()
    change(section)
    assert_refused_naming(parse_figure_words, section, key)


def test_an_instructors_words_change_a_registry_number_in_text_without_code():
    """The chapters print ``Endpoint.describe`` and the audit lists it: its interval, ratio, unit
    and the unchecked mark (and where it goes) are the vocabulary's, as is an unchecked PMID's mark."""
    from micromets.ground.evidence import Endpoint, Entry

    section = shipped_section()
    section.update(
        percent="$value %",
        number="$what = $value",
        unchecked="à vérifier dans la publication",
        text_unit="$value [$unit]",
        text_ci="$value (IC $level : $low à $high)",
        text_hr="$value, RR $hr",
        text_mark="($unchecked)",
        text_marked="$mark $text",
    )
    section["joins"]["what"] = " / "
    mine = parse_figure_words(section, "mine.yaml")
    dfs = registry()["ibcsg-23-01-10y"].find("DFS", "no ALND")
    assert dfs.describe() == "DFS, no ALND, 10 y: 76.8% (95% CI 72.5-81) [not yet checked against the publication]"
    assert dfs.describe(mine) == "DFS / no ALND / 10 y = (à vérifier dans la publication) 76.8 % (IC 95% : 72.5 à 81)"
    other = Endpoint("OS", 3, True, unit="months", hr=0.7)
    assert other.describe() == "OS: 3 months; HR 0.7"
    assert other.describe(mine) == "OS = 3 [months], RR 0.7"
    unchecked_pmid = Entry("x", "trial", "X", "B, J 2020", "A B. J 2020.", "randomised", (), pmid="123")
    assert unchecked_pmid.pmid_text() == "PMID 123 [not yet checked against the publication]"
    assert unchecked_pmid.pmid_text("†") == "PMID 123 †"


def test_an_instructors_words_change_the_class_report_in_words_without_code(monkeypatch):
    """The two charts' alt texts and the sentence shown instead of them for a very big class are
    the vocabulary's; an instructor's ``<`` in that sentence shows as text."""
    from micromets.exercises import report
    from micromets.exercises.cases import random_cases
    from micromets.exercises.grading import AnswerFile, grade_class

    section = shipped_section()
    section.update(
        difficulty_alt="Réussite par question : $questions",
        difficulty_alt_item="$question $right/$learners",
        grid_alt="Réponses : $learners",
        grid_alt_learner="$learner $right/$asked",
        grid_alt_missed="$score (à revoir : $questions)",
        not_drawn_class="Pas de figure <trop grand> : $learners × $questions = $cells > $limit.",
    )
    section["joins"].update(numbers=" | ", missed=" + ")
    mine = parse_figure_words(section, "mine.yaml")
    cases = random_cases(1, seed=1)
    small = report.class_summary(grade_class(cases, [AnswerFile("answers-ana.json", [])]))
    shipped = report.difficulty_alt(small), report.grid_alt(small)
    assert shipped[0].startswith("Share of learners right, hardest first: ") and "; " in shipped[0]
    assert shipped[1].startswith("Each learner's answers: ana 0 of 5, missed case-01 · ")
    monkeypatch.setattr(report, "shipped_figure_words", lambda: mine)
    difficulty, grid = report.difficulty_alt(small), report.grid_alt(small)
    assert difficulty.startswith("Réussite par question : case-01 · ") and " 0/1 | " in difficulty
    assert grid.startswith("Réponses : ana 0/5 (à revoir : case-01 · ") and " + case-01 · " in grid
    assert "Share" not in difficulty + grid and "missed" not in grid
    big = report.class_summary(
        grade_class(random_cases(40, seed=1), [AnswerFile(f"answers-l{i}.json", []) for i in range(30)])
    )
    said, _ = report.figure_svgs(big)
    assert said == "<p>Pas de figure &lt;trop grand&gt; : 30 × 200 = 6,000 &gt; 2,500.</p>"
