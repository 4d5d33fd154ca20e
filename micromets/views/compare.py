"""Compare two rulesets: as graphs (nodes added, removed, changed) and over a cohort
(which patients change plan, how, and how many).

The comparison never decides anything itself: it runs the engine on both rulesets. Its bar
chart is drawn by ``views/figures/cohort.py`` (``plot_cohort_diff``, also importable from here).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..ground.words.compare import shipped_compare_words
from ..pathway.cohort import random_cohort
from ..pathway.engine import recommend
from ..pathway.ruleset import Node, Ruleset, load_ruleset
from .display import Displayed
from .figures.cohort import plot_cohort_diff  # noqa: F401 (drawn with the figures; chapter 04 imports it from here)

_WORDS = shipped_compare_words()  # the comparison's own words (data: compare in the vocabulary)


@dataclass(frozen=True)
class GraphDiff(Displayed):
    """Node ids only in ``old``, only in ``new``, and in both but different (with what differs).

    The ids are for machines; ``labels`` names each node in words, and ``lines`` shows only words.
    """

    old: str
    new: str
    removed: tuple[str, ...]
    added: tuple[str, ...]
    changed: dict[str, tuple[str, ...]]
    labels: dict[str, str] = field(default_factory=dict)  # node id -> its name (the new ruleset's first)
    plain: dict[str, str] = field(default_factory=dict)  # node id -> its label alone (a name may add the node before)
    questions: frozenset[str] = frozenset()  # the ids of question nodes (in either ruleset)
    parts: dict[str, tuple[str, ...]] = field(default_factory=dict)  # node id -> the plan parts it sets, in words
    titles: tuple[str, str] = ("", "")  # the two rulesets' titles, for learners

    def label(self, node_id: str) -> str:
        """The node's label, as the flowchart shows it."""
        return self.labels.get(node_id, node_id)

    def lines(self) -> list[str]:
        """The difference as readable lines, nodes named by their labels.

        >>> graph_diff("seed-2025", "trials-2024").lines()[1].startswith("  + ")
        True
        """
        counts = {"added": len(self.added), "removed": len(self.removed), "changed": len(self.changed)}
        out = [_WORDS.say("lines", old=self.old, new=self.new, **counts)]
        out += [f"  + {self.label(n)}" for n in self.added]
        out += [f"  - {self.label(n)}" for n in self.removed]
        out += [f"  ~ {self.label(n)} ({_WORDS.joins['parts'].join(parts)})" for n, parts in self.changed.items()]
        return out

    def summary(self) -> list[str]:
        """The difference in a few sentences: counts, the questions that are new or gone, and
        which parts of the plan gained or lost recommendations (a chapter shows this, with the
        node lists folded away).

        >>> diff = graph_diff("seed-2025", "trials-2024")
        >>> diff.summary()[0].startswith(f"trials-2024 has {len(diff.added)} nodes that seed-2025 do")
        True
        """

        def asked(ids) -> list[str]:  # question labels, without the node before that tells repeats apart
            return _unique(self.plain.get(n, self.label(n)) for n in ids if n in self.questions)

        shared = [n for n in self.labels if n not in self.added and n not in self.removed]
        before, after = set(asked([*self.removed, *shared])), set(asked([*self.added, *shared]))
        new_questions = [q for q in asked(self.added) if q not in before]
        gone_questions = [q for q in asked(self.removed) if q not in after]
        say, joins = _WORDS.say, _WORDS.joins
        counts = {"added": len(self.added), "removed": len(self.removed), "changed": len(self.changed)}
        out = [say("summary", new=self.new, old=self.old, **counts)]
        if new_questions:  # each ends with its "?"
            out.append(say("new_questions", questions=joins["questions"].join(new_questions)))
        if gone_questions:
            out.append(say("gone_questions", old=self.old, questions=joins["questions"].join(gone_questions)))
        added = Counter(part for n in self.added for part in self.parts.get(n, ()))
        if added:
            shown = joins["parts"].join(say("part_count", part=p, count=c) for p, c in added.most_common())
            out.append(say("parts_added", parts=shown))
        what = Counter(part for parts in self.changed.values() for part in parts)
        if what:
            shown = joins["parts"].join(say("changed_count", part=p, count=c) for p, c in what.most_common())
            out.append(say("parts_changed", parts=shown))
        return out

    def render(self) -> tuple[str, str]:
        """The summary with the node lists folded (HTML), and the summary alone (plain text, never ids)."""
        from html import escape

        def folded(title: str, items: list[str]) -> str:
            rows = "".join(f"<li>{escape(item)}</li>" for item in items)
            return f"<details><summary>{escape(title)} ({len(items)})</summary><ul>{rows}</ul></details>"

        summary = "".join(f"<p style='margin:0 0 6px 0'>{escape(line)}</p>" for line in self.summary())
        return (
            f"<div class='mm-graph-diff' style='line-height:1.45;max-width:60em'>{summary}"
            + folded(_WORDS.say("nodes_added"), [self.label(n) for n in self.added])
            + folded(_WORDS.say("nodes_removed"), [self.label(n) for n in self.removed])
            + folded(
                _WORDS.say("nodes_changed"),
                [
                    _WORDS.say("node_changed", node=self.label(n), what=_WORDS.joins["parts"].join(parts))
                    for n, parts in self.changed.items()
                ],
            )
            + "</div>",
            "\n".join(self.summary()),
        )


def _unique(items) -> list[str]:
    return list(dict.fromkeys(items))


def _parts_set(rules: Ruleset, node: Node) -> tuple[str, ...]:
    """The plan parts a node sets, in the vocabulary's words (axillary management, ...)."""
    kinds = [kind for kind, _code in node.sets]
    if node.options:
        kinds.append("component")
    if node.consider:
        kinds.append("consider")
    return tuple(rules.vocabulary.kind_text(kind) for kind in dict.fromkeys(kinds))


def _node_signature(node: Node) -> dict[str, object]:
    """What may differ in a node, named in the comparison's words (``compare`` in the vocabulary)."""
    said = {
        "question_asked": node.ask,
        "branches": tuple((str(b.condition.spec), b.next) for b in node.branches),
        "where_it_leads": node.next,
        "plan_settings": (node.sets, node.options, node.consider),
        "warnings": node.warn,
        "step_text": (node.step.text, node.step.note, node.step.rationale) if node.step else None,
        "citations": node.step.citations if node.step else None,
    }
    return {_WORDS.say(key): value for key, value in said.items()}


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
        said = _WORDS.say("after", label=node.label, before=rules.nodes[came_from].label) if ambiguous else ""
        names[node_id] = said or node.label
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
        plain={**{n: node.label for n, node in a.nodes.items()}, **{n: node.label for n, node in b.nodes.items()}},
        questions=frozenset(n for r in (a, b) for n, node in r.nodes.items() if node.is_question),
        parts={
            **{n: _parts_set(a, node) for n, node in a.nodes.items()},
            **{n: _parts_set(b, n_) for n, n_ in b.nodes.items()},
        },
        titles=(a.title, b.title),
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
    # Each plan speaks its own ruleset's codes (an instructor's ruleset may declare some); the
    # sentence around them is the new ruleset's (plan.words and plan.joins in the vocabulary).
    old_words, new_words = old_plan.vocabulary, new_plan.vocabulary
    said = new_words.plan_words
    joins = said.joins

    def changed(part: str, old: str, new: str) -> str:
        return said.say("changed", part=said.say(f"changed_{part}"), old=old, new=new)

    def options(words, opts) -> str:
        return joins["change_or"].join(words.option_text(o) for o in opts)

    parts = []
    if old_plan.axilla != new_plan.axilla:
        parts.append(
            changed("axilla", old_words.text("axilla", old_plan.axilla), new_words.text("axilla", new_plan.axilla))
        )
    if old_plan.options != new_plan.options:
        parts.append(changed("systemic", options(old_words, old_plan.options), options(new_words, new_plan.options)))
    gained = [c for c in new_plan.consider if c not in old_plan.consider]
    lost = [c for c in old_plan.consider if c not in new_plan.consider]
    if gained:
        parts.append(
            said.say("now_consider", items=joins["labels"].join(new_words.text("consider", c) for c in gained))
        )
    if lost:
        parts.append(
            said.say("no_longer_consider", items=joins["labels"].join(old_words.text("consider", c) for c in lost))
        )
    if old_plan.radiation != new_plan.radiation:
        old_rt, new_rt = (
            old_words.text("radiation", old_plan.radiation),
            new_words.text("radiation", new_plan.radiation),
        )
        parts.append(changed("radiation", old_rt, new_rt))
    return joins["changes"].join(parts)


@dataclass(frozen=True)
class CohortDiff(Displayed):
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

    def render(self) -> tuple[str, str]:
        from html import escape

        share = f"{self.changed / self.size:.1%}"
        names = {"size": f"{self.size:,}", "share": share, "old": self.old, "new": self.new}
        escaped = {key: escape(value) for key, value in names.items()}
        head = f"<p>{_WORDS.html('cohort', changed=f'<b>{self.changed:,}</b>', **escaped)}</p>"
        rows = "".join(
            f"<tr><td>{escape(r['change'])}</td><td style='text-align:right'>{r['patients']:,}</td>"
            f"<td style='text-align:right'>{r['share']}</td><td>{escape(r['example'])}</td></tr>"
            for r in self.table()
        )
        headings = "".join(f"<th>{escape(_WORDS.say(key))}</th>" for key in ("change", "patients", "share", "example"))
        html = head + f"<table><thead><tr>{headings}</tr></thead><tbody>{rows}</tbody></table>"
        lines = [
            _WORDS.say(
                "cohort_line", change=r["change"], patients=f"{r['patients']:,}", share=r["share"], example=r["example"]
            )
            for r in self.table()
        ]
        return html, "\n".join([_WORDS.say("cohort", changed=f"{self.changed:,}", **names), *lines])


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
