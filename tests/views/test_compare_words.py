"""The ruleset comparison's own words come from the vocabulary file (``compare:``): what differs
in a node, the summary's sentences, the cohort table's headings and the chart's titles. An
instructor's wording changes them with no code change (the nodes and counts stay the engine's);
a broken section is refused whole, naming the key."""

import copy

import pytest

from micromets.ground.datafiles import read_packaged
from micromets.ground.words.compare import parse_compare_words
from micromets.views import compare

from ..refusals import assert_refused_naming


def shipped_section() -> dict:
    return copy.deepcopy(read_packaged("data/vocabulary.yaml")["compare"])


# An instructor's wording of the comparison.
REWORDED = {
    "step_text": "what the step says",
    "summary": "$old → $new: +$added −$removed ~$changed",
    "new_questions": "Asked now: $questions",
    "after": "$label [after $before]",
    "nodes_added": "Gained",
    "cohort": "$changed / $size patients ($share) differ between $old and $new.",
    "patients": "people",
}


def test_an_instructors_compare_words_change_the_comparison_without_a_code_change(monkeypatch):
    before = compare.graph_diff("seed-2025", "trials-2024")
    assert before.summary()[0].startswith("trials-2024 has ")
    section = shipped_section()
    section.update(REWORDED)
    section["joins"]["questions"] = " | "
    monkeypatch.setattr(compare, "_WORDS", parse_compare_words(section, "mine.yaml"))
    after = compare.graph_diff("seed-2025", "trials-2024")
    assert (after.added, after.removed, list(after.changed)) == (before.added, before.removed, list(before.changed))
    summary = after.summary()
    assert summary[0] == f"seed-2025 → trials-2024: +{len(after.added)} −{len(after.removed)} ~{len(after.changed)}"
    assert summary[1].startswith("Asked now: ") and " | " in summary[1]
    assert any("what the step says" in parts for parts in after.changed.values())
    assert any(" [after " in name for name in after.labels.values()) and not any(
        "(after “" in n for n in after.labels.values()
    )
    html, _ = after.render()
    assert "<summary>Gained (" in html and "Nodes added" not in html
    cohort = compare.cohort_diff("seed-2025", "trials-2024", size=300, seed=4)
    html, text = cohort.render()
    assert f"<p><b>{cohort.changed:,}</b> / 300 patients (" in html and "<th>people</th>" in html
    assert text.startswith(f"{cohort.changed:,} / 300 patients (") and "generated patients" not in text


BROKEN = [
    (lambda s: s.pop("joins"), "compare.joins"),
    (lambda s: s["joins"].update(parts=""), "compare.joins.parts"),
    (lambda s: s.pop("branches"), "compare.branches"),
    (lambda s: s.update(colour="red"), "compare.colour"),
    (lambda s: s.update(summary="$new has $added nodes"), "compare.summary"),  # the old ruleset left out
    (lambda s: s.update(after="$label after $node"), "compare.after"),
    (lambda s: s.update(chart_axis="patients\n(%)"), "compare.chart_axis"),
]


@pytest.mark.parametrize(("change", "key"), BROKEN)
def test_a_broken_compare_section_is_refused_naming_the_key(change, key):
    section = shipped_section()
    change(section)
    assert_refused_naming(parse_compare_words, section, key)
