"""Ruleset comparison: graph differences and cohort differences find exactly what was planted."""

from micromets import Patient, load_ruleset
from micromets.pathway.cohort import random_cohort
from micromets.views.compare import cohort_diff, graph_diff, plot_cohort_diff

from ..conftest import FIXTURES

FIXTURE = FIXTURES / "instructor-ruleset.yaml"


def planted_variant(tmp_path):
    """The fixture with three planted differences: a changed option, a new node, a removed node."""
    text = FIXTURE.read_text()
    text = text.replace("options: [[endocrine]]", "options: [[chemotherapy, endocrine]]")
    text = text.replace(
        "{when: otherwise, next: pmrt, label: mastectomy}", "{when: otherwise, next: pmrt_axilla, label: mastectomy}"
    )
    text = text.replace(
        "  pmrt:\n    label: PMRT by risk\n    set: {radiation: pmrt_depends_on_risk_factors}",
        "  pmrt_axilla:\n    label: PMRT by axilla\n    set: {radiation: pmrt_depends_on_axillary_treatment}",
    )
    path = tmp_path / "variant.yaml"
    path.write_text(text.replace("id: instructor-demo", "id: instructor-variant"))
    return str(path)


def test_instructor_ruleset_loads(tmp_path):
    rules = load_ruleset(str(FIXTURE))
    assert rules.id == "instructor-demo" and rules.order()[0] == "her2"


def test_graph_diff_finds_exactly_the_planted_changes(tmp_path):
    diff = graph_diff(str(FIXTURE), planted_variant(tmp_path))
    assert diff.added == ("pmrt_axilla",)
    assert diff.removed == ("pmrt",)
    assert diff.changed == {"endocrine": ("plan settings",), "surgery": ("branches",)}


def test_cohort_diff_counts_exactly_the_patients_who_move(tmp_path):
    cohort = random_cohort(2000, seed=11)
    diff = cohort_diff(str(FIXTURE), planted_variant(tmp_path), cohort)
    her2_neg = sum(p.her2 == "neg" for p in cohort)
    mastectomy = sum(p.surgery == "mastectomy" for p in cohort)
    both = sum(p.her2 == "neg" and p.surgery == "mastectomy" for p in cohort)
    assert diff.changed == her2_neg + mastectomy - both
    kinds = {text for text, _, _ in diff.changes}
    assert kinds == {
        "systemic: endocrine therapy -> chemotherapy, then endocrine therapy",
        "radiation: post-mastectomy radiation: depends on the other risk factors -> "
        "post-mastectomy radiation: depends on how the axilla is treated",
        "systemic: endocrine therapy -> chemotherapy, then endocrine therapy; radiation: post-mastectomy "
        "radiation: depends on the other risk factors -> "
        "post-mastectomy radiation: depends on how the axilla is treated",
    }
    for _text, count, example in diff.changes:
        assert isinstance(example, Patient) and count > 0


def test_seed_versus_trials_era_shows_the_score_changes():
    diff = cohort_diff("seed-2025", "trials-2024", size=3000)
    texts = " | ".join(t for t, _, _ in diff.changes)
    assert "now consider an adjuvant bisphosphonate" in texts
    assert 0 < diff.changed < diff.size
    rows = diff.table()
    assert rows[0]["patients"] >= rows[-1]["patients"]
    ax = plot_cohort_diff(diff)
    assert len(ax.patches) == min(8, len(diff.changes))
    assert "seed-2025" in ax.get_title(loc="left") and "%" in ax.get_xlabel()


def test_the_graph_diff_reads_as_a_short_summary_with_the_node_lists_folded():
    diff = graph_diff("seed-2025", "trials-2024")
    summary = diff.summary()
    assert len(summary) <= 6 and len(diff.lines()) > 100  # a few sentences instead of ~130 lines
    assert summary[0].startswith(f"trials-2024 has {len(diff.added)} nodes")
    shown, plain = diff.render()
    assert plain == "\n".join(summary) and str(diff) == plain  # the plain-text view: the summary, no ids
    assert shown.count("<details>") == 3 and "<details open" not in shown  # every list folded
    visible = shown.split("<details>", 1)[0]
    assert visible.count("<li>") == 0 and len(visible) < 2500
    for node_id in [*diff.added, *diff.removed, *diff.changed]:  # words only: no node id is shown
        if "_" in node_id:
            assert node_id not in shown, node_id
