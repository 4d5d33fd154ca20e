"""Compare two rulesets: as graphs (nodes added, removed, changed) and over a cohort
(which patients change plan, how, and how many).

The comparison never decides anything itself: it runs the engine on both rulesets.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..pathway.cohort import random_cohort
from ..pathway.engine import recommend
from ..pathway.ruleset import Node, Ruleset, load_ruleset


@dataclass(frozen=True)
class GraphDiff:
    """Node ids only in ``old``, only in ``new``, and in both but different (with what differs).

    The ids are for machines; ``labels`` names each node in words, and ``lines`` shows only words.
    """

    old: str
    new: str
    removed: tuple[str, ...]
    added: tuple[str, ...]
    changed: dict[str, tuple[str, ...]]
    labels: dict[str, str] = field(default_factory=dict)  # node id -> its label (the new ruleset's first)

    def label(self, node_id: str) -> str:
        """The node's label, as the flowchart shows it."""
        return self.labels.get(node_id, node_id)

    def lines(self) -> list[str]:
        """The difference as readable lines, nodes named by their labels.

        >>> graph_diff("seed-2025", "trials-2024").lines()[1].startswith("  + ")
        True
        """
        out = [
            f"{self.old} -> {self.new}: {len(self.added)} nodes added, {len(self.removed)} removed, "
            f"{len(self.changed)} changed"
        ]
        out += [f"  + {self.label(n)}" for n in self.added]
        out += [f"  - {self.label(n)}" for n in self.removed]
        out += [f"  ~ {self.label(n)} ({', '.join(parts)})" for n, parts in self.changed.items()]
        return out


def _node_signature(node: Node) -> dict[str, object]:
    return {
        "question asked": node.ask,
        "branches": tuple((str(b.condition.spec), b.next) for b in node.branches),
        "where it leads": node.next,
        "plan settings": (node.sets, node.options, node.consider),
        "warnings": node.warn,
        "step text": (node.step.text, node.step.note, node.step.rationale) if node.step else None,
        "citations": node.step.citations if node.step else None,
    }


def _node_names(rules: Ruleset) -> dict[str, str]:
    """Each node's label; a label used twice names the node before it too, so each name is unique."""
    counts = Counter(node.label for node in rules.nodes.values())
    before: dict[str, str] = {}
    for node_id in rules.order():
        for nxt in rules.nodes[node_id].successors():
            before.setdefault(nxt, node_id)
    names = {}
    for node_id, node in rules.nodes.items():
        came_from = before.get(node_id)
        ambiguous = counts[node.label] > 1 and came_from is not None
        names[node_id] = f"{node.label} (after “{rules.nodes[came_from].label}”)" if ambiguous else node.label
    return names


def graph_diff(old: str | Ruleset, new: str | Ruleset) -> GraphDiff:
    """Nodes and branches added, removed or changed between two rulesets.

    >>> d = graph_diff("seed-2025", "trials-2024")
    >>> "tailorx_score" in d.added, "score_low" in d.removed, "hrpos_node_status" in d.changed
    (True, True, True)
    """
    a, b = load_ruleset(old), load_ruleset(new)
    changed = {}
    for node_id in a.order():
        if node_id in b.nodes:
            sig_a, sig_b = _node_signature(a.nodes[node_id]), _node_signature(b.nodes[node_id])
            parts = tuple(k for k in sig_a if sig_a[k] != sig_b[k])
            if parts:
                changed[node_id] = parts
    return GraphDiff(
        old=a.id,
        new=b.id,
        removed=tuple(n for n in a.order() if n not in b.nodes),
        added=tuple(n for n in b.order() if n not in a.nodes),
        changed=changed,
        labels={**_node_names(a), **_node_names(b)},
    )


def _plan_summary(plan) -> tuple:
    return (plan.axilla, plan.options, plan.consider, plan.radiation)


def describe_change(old_plan, new_plan) -> str:
    """How one patient's plan moved, in words ('' when only the path changed).

    >>> from micromets import Patient
    >>> p = Patient(1.0, "pos", "pos", "neg", "post", "bcs", recurrence_score=20)
    >>> describe_change(recommend(p, "seed-2025"), recommend(p, "trials-2024"))
    'systemic: endocrine therapy OR chemotherapy, then endocrine therapy -> endocrine therapy'
    """
    # Each plan speaks its own ruleset's words (an instructor's ruleset may declare codes).
    old_words, new_words = old_plan.vocabulary, new_plan.vocabulary
    parts = []
    if old_plan.axilla != new_plan.axilla:
        parts.append(
            f"axilla: {old_words.text('axilla', old_plan.axilla)} -> {new_words.text('axilla', new_plan.axilla)}"
        )
    if old_plan.options != new_plan.options:

        def show(words, opts):
            return " OR ".join(words.option_text(o) for o in opts)

        parts.append(f"systemic: {show(old_words, old_plan.options)} -> {show(new_words, new_plan.options)}")
    gained = [c for c in new_plan.consider if c not in old_plan.consider]
    lost = [c for c in old_plan.consider if c not in new_plan.consider]
    if gained:
        parts.append("now consider " + ", ".join(new_words.text("consider", c) for c in gained))
    if lost:
        parts.append("no longer consider " + ", ".join(old_words.text("consider", c) for c in lost))
    if old_plan.radiation != new_plan.radiation:
        old_rt, new_rt = (
            old_words.text("radiation", old_plan.radiation),
            new_words.text("radiation", new_plan.radiation),
        )
        parts.append(f"radiation: {old_rt} -> {new_rt}")
    return "; ".join(parts)


@dataclass(frozen=True)
class CohortDiff:
    """How many patients of a cohort change plan between two rulesets, and how."""

    old: str
    new: str
    size: int
    changes: list[tuple[str, int, object]]  # (description, count, an example patient)

    @property
    def changed(self) -> int:
        return sum(count for _, count, _ in self.changes)

    def table(self) -> list[dict]:
        """Rows for display: change, patients, share of the cohort, an example patient."""
        return [
            {"change": text, "patients": count, "share": f"{count / self.size:.1%}", "example": example.describe()}
            for text, count, example in self.changes
        ]

    def _repr_html_(self) -> str:
        from html import escape

        head = (
            f"<p><b>{self.changed:,}</b> of {self.size:,} generated patients "
            f"({self.changed / self.size:.1%}) change plan from {self.old} to {self.new}.</p>"
        )
        rows = "".join(
            f"<tr><td>{escape(r['change'])}</td><td style='text-align:right'>{r['patients']:,}</td>"
            f"<td style='text-align:right'>{r['share']}</td><td>{escape(r['example'])}</td></tr>"
            for r in self.table()
        )
        return (
            head + "<table><thead><tr><th>change</th><th>patients</th><th>share</th><th>example patient</th>"
            f"</tr></thead><tbody>{rows}</tbody></table>"
        )


def cohort_diff(
    old: str | Ruleset, new: str | Ruleset, patients=None, *, size: int = 10_000, seed: int = 2025
) -> CohortDiff:
    """Run a cohort through both rulesets and count who changes plan, grouped by the change.

    >>> diff = cohort_diff("seed-2025", "seed-2025", size=200)
    >>> diff.changed
    0
    """
    a, b = load_ruleset(old), load_ruleset(new)
    cohort = patients if patients is not None else random_cohort(size, seed)
    counts: Counter = Counter()
    examples: dict[str, object] = {}
    for patient in cohort:
        plan_a, plan_b = recommend(patient, a), recommend(patient, b)
        if _plan_summary(plan_a) != _plan_summary(plan_b):
            text = describe_change(plan_a, plan_b)
            counts[text] += 1
            examples.setdefault(text, patient)
    changes = [(text, count, examples[text]) for text, count in counts.most_common()]
    return CohortDiff(a.id, b.id, len(cohort), changes)


def plot_cohort_diff(diff: CohortDiff, *, top: int = 8, ax=None):
    """A horizontal bar chart of the most common plan changes; returns the Axes.

    >>> ax = plot_cohort_diff(cohort_diff("seed-2025", "trials-2024", size=500))
    >>> ax.get_xlabel()
    'patients in a generated cohort (%)'
    """
    import textwrap

    import matplotlib.pyplot as plt

    from .figures import PALETTE

    rows = diff.changes[:top]
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 0.55 * max(len(rows), 1) + 1.6), layout="constrained")
    labels = [textwrap.fill(text, 70) for text, _, _ in rows][::-1]
    shares = [100 * count / diff.size for _, count, _ in rows][::-1]
    bars = ax.barh(range(len(rows)), shares, color=PALETTE[0])
    ax.bar_label(bars, labels=[f"{s:.1f}%" for s in shares], padding=3, fontsize=8)
    ax.set_yticks(range(len(rows)), labels, fontsize=8)
    ax.set_xlabel("patients in a generated cohort (%)")
    ax.set_title(
        f"Plan changes from {diff.old} to {diff.new}\n"
        f"({diff.changed:,} of {diff.size:,} generated patients change plan)",
        fontsize=10,
        loc="left",
    )
    ax.set_xlim(0, max(shares + [1]) * 1.25)
    ax.spines[["top", "right"]].set_visible(False)
    return ax
