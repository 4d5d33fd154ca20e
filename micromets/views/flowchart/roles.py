"""What each box of the flowchart is (a question, a recommendation or a sequencing note), what
it is called (from the vocabulary), and which edges the drawing has.

May import: ground and pathway (no drawing library).
"""

from __future__ import annotations

from functools import lru_cache

from ...ground.vocabulary import FlowchartWords
from ...ground.vocabulary import shipped as shipped_words
from ...pathway.graph import END
from ...pathway.ruleset import Node, Ruleset, load_ruleset  # noqa: F401 (load_ruleset: the doctests)


def node_role(node: Node) -> str:
    """``question``, ``recommend`` (sets part of the plan) or ``sequence`` (a step that only
    orders or qualifies other recommendations).

    >>> rules = load_ruleset("seed-2025")
    >>> [node_role(rules.nodes[n]) for n in ("deposit", "axilla_micro", "endocrine_sequencing")]
    ['question', 'recommend', 'sequence']
    """
    if node.is_question:
        return "question"
    if node.sets or node.options is not None or node.consider:
        return "recommend"
    return "sequence"


def flowchart_words(rules: Ruleset) -> FlowchartWords:
    """The flowchart's words (stage headings, box names, patient groups) from the vocabulary:
    the ruleset's own (an instructor's file may reword them), else the shipped ones.

    >>> flowchart_words(load_ruleset("seed-2025")).stages["radiation"]
    'Radiation and bone agents'
    """
    return rules.vocabulary.flowchart or shipped_words().flowchart


def role_words(rules: Ruleset, node: Node) -> str:
    """What a box is called, from the vocabulary: Question, Recommendation or Sequencing note.

    >>> rules = load_ruleset("seed-2025")
    >>> role_words(rules, rules.nodes["endocrine_sequencing"])
    'Sequencing note'
    """
    return flowchart_words(rules).roles[node_role(node)]


@lru_cache(maxsize=32)
def drawn_edges(rules: Ruleset) -> dict[tuple[str, str], list[str]]:
    """Every drawn edge with the branch labels it carries (in branch order).

    >>> drawn_edges(load_ruleset("seed-2025"))[("deposit", "axilla_micro")]
    ['micro 0.2–2 mm']
    """
    edges: dict[tuple[str, str], list[str]] = {}
    for node_id in rules.order():
        node = rules.nodes[node_id]
        if node.is_question:
            for branch in node.branches:
                if branch.next != END:
                    edges.setdefault((node_id, branch.next), []).append(branch.label)
        elif node.next != END:
            edges.setdefault((node_id, node.next), [])
    return edges
