"""What learners read never carries a curator's record, a node id or a raw code (issue 18 item 1).

Curators keep what they checked, where and what is left in ``curation`` fields (rulesets and
registry); learners read a step's note as "Limits of the evidence". These tests render every
path of both shipped rulesets (plan text and HTML), every node's detail panel and every trial
figure's footnote, and fail on curator wording or an identifier; the audit view shows the
curation records instead.
"""

from __future__ import annotations

import re

import matplotlib
import pytest

from micromets import Patient, recommend
from micromets.audit import audit_text, curation_records
from micromets.cli import main
from micromets.evidence import UNVERIFIED_MARK, registry
from micromets.flowchart import details_html, node_details
from micromets.ground.vocabulary import shipped
from micromets.render import plan_summary_html
from micromets.ruleset import load_ruleset, shipped_names

from ..pathway.test_pathway_grid import grid
from ..test_words import forbidden_tokens, leaks

matplotlib.use("Agg")

# Words that belong to a curator's record, not to a statement about the evidence.
CURATOR_WORDING = re.compile(
    r"from memory|not yet checked|not checked|to be checked|checked offline|cannot be checked|"
    r"\(?issue \d+|searched on|secondary (?:report|source|summar)|read in (?:the )?(?:abstract|secondary)|"
    r"Primary source|verbatim copy|quoted in a conference abstract",
    re.IGNORECASE,
)


def curator_words(text: str) -> list[str]:
    """The curator's phrases found in ``text``."""
    return CURATOR_WORDING.findall(text)


def test_the_wording_check_catches_a_curators_note():
    assert curator_words("The older NCCN wording is from memory and not yet checked (issue 11 item 8).")
    assert curator_words("Primary source: IBCSG 23-01")
    assert curator_words("Trials did not report how pN1mi was counted.") == []


@pytest.mark.slow  # every plan of a grid of thousands, rendered twice: seconds per pathway
@pytest.mark.parametrize("name", shipped_names())
def test_every_plan_of_the_grid_reads_without_curator_notes_ids_or_codes(name):
    tokens = forbidden_tokens([load_ruleset(n) for n in shipped_names()])
    distinct = {plan.path: plan for _, _, plan in grid(name)}  # one plan per route: the words are the route's
    assert len(distinct) > 100
    for path, plan in distinct.items():
        for shown in (plan.text(), plan_summary_html(plan)):
            # the learner's mark on an unchecked PMID (wrapped with the text) is not a curator's note
            unmarked = " ".join(shown.split()).replace(UNVERIFIED_MARK, "")
            assert curator_words(unmarked) == [], f"{name}: {' -> '.join(path)}"
            assert leaks(shown, tokens) == [], f"{name}: {' -> '.join(path)}"


@pytest.mark.parametrize("name", shipped_names())
def test_every_node_panel_reads_without_curator_notes_or_ids(name):
    rules = load_ruleset(name)
    tokens = forbidden_tokens([load_ruleset(n) for n in shipped_names()])
    for node_id in rules.nodes:
        html = details_html(node_details(name, node_id))
        assert curator_words(html.replace(UNVERIFIED_MARK, "")) == [], (
            f"{name}:{node_id}"
        )  # the PMID mark is for learners
        # the panel's figure buttons carry a registry id as data; the words shown must not
        shown = re.sub(r"data-figure='[^']*'", "", html)
        assert leaks(shown, tokens) == [], f"{name}:{node_id}"


def test_a_steps_note_is_labelled_as_limits_of_the_evidence():
    plan = recommend(Patient(1.2, "pos", "pos", "neg", "post", "bcs"), "trials-2024")
    assert f"{shipped().plan_words.say('caveat')} Most IBCSG 23-01 patients" in plan.text()
    assert "Primary source" not in plan_summary_html(plan)


def _figure_texts():
    import matplotlib.pyplot as plt

    from micromets.figure_index import has_figure
    from micromets.figures import figure_for, plot_forest, plot_ibcsg, plot_score_trials

    makers = [plot_ibcsg, plot_score_trials, lambda: plot_forest().figure]
    makers += [lambda entry_id=entry_id: figure_for(entry_id) for entry_id in registry() if has_figure(entry_id)]
    for make in makers:  # one figure open at a time
        fig = make()
        texts = [t.get_text() for t in fig.findobj(matplotlib.text.Text)]
        yield fig, "\n".join(texts)
        plt.close(fig)


@pytest.mark.slow
def test_every_figure_footnote_reads_without_curator_notes():
    seen = 0
    for _fig, text in _figure_texts():
        seen += 1
        # the evidence README's plain mark for an unchecked number is for learners; nothing else is
        assert curator_words(text.replace(UNVERIFIED_MARK, "")) == [], text
    assert seen > 5
    assert "hollow marks: " + UNVERIFIED_MARK in text_of_ibcsg()


def text_of_ibcsg() -> str:
    import matplotlib.pyplot as plt

    from micromets.figures import plot_ibcsg

    fig = plot_ibcsg()
    text = "\n".join(t.get_text() for t in fig.findobj(matplotlib.text.Text))
    plt.close(fig)
    return text


def test_the_audit_shows_every_curation_record_and_learners_see_none(capsys):
    records = curation_records()
    assert any(r.path.startswith("trials-2024:") for r in records)
    assert any(r.path.startswith("registry:") for r in records)
    assert main(["evidence", "--audit"]) == 0
    out = capsys.readouterr().out
    for record in records:
        assert record.text in out
    assert "from memory" in audit_text()  # the curators still see what is left to check


def test_registry_text_that_chapters_print_reads_without_curator_notes():
    """Chapters print a trial's population, its statements and its endpoints' notes; curators'
    records stay in ``curation``."""
    for entry in registry().values():
        shown = [entry.name, entry.short, entry.population or ""]
        shown += [s.get("text", "") for s in entry.statements if isinstance(s, dict)]
        shown += [e.describe() + " " + (e.note or "") for e in entry.endpoints]
        for text in shown:
            assert curator_words(text.replace(UNVERIFIED_MARK, "")) == [], (entry.id, text)
