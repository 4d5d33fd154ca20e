"""Exercise questions: choices, the correct answer and cited feedback, all read from the engine.

The engine is the answer key: a question never stores its answer. Grading runs
``recommend`` on the case's patient and quotes the plan step (and its citation) that
decided the part asked about.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..engine import Plan, recommend
from ..evidence import registry
from ..patient import Patient
from ..render import option_words, words
from ..ruleset import END, Ruleset, load_ruleset
from ..staging import NODAL_CATEGORIES

QUESTION_KINDS = {
    "nodal_category": "What is the AJCC 8th-edition pathological nodal category?",
    "axilla": "How should the axilla be managed after the sentinel node biopsy?",
    "systemic": "Which adjuvant systemic therapy does the pathway recommend?",
    "radiation": "What does the pathway say about radiation?",
    "bone_agent": "Should an adjuvant bisphosphonate be considered?",
}


def choices(kind: str, ruleset: str | Ruleset = "seed-2025") -> list[tuple[str, str]]:
    """(label, value) choices for a question kind; codes come from the ruleset itself.

    >>> [v for _, v in choices("bone_agent")]
    ['yes', 'no']
    """
    rules = load_ruleset(ruleset)
    if kind == "nodal_category":
        return [(c, c) for c in NODAL_CATEGORIES]
    if kind == "axilla":
        return [(words(c), c) for c in rules.vocabulary.codes("axilla")]
    if kind == "radiation":
        codes = dict.fromkeys(v for n in rules.nodes.values() for k, v in n.sets if k == "radiation")
        return [(words(c), c) for c in codes]
    if kind == "systemic":
        options = dict.fromkeys(o for n in rules.nodes.values() if n.options for o in n.options)
        return [(option_words(o), "+".join(o)) for o in sorted(options, key=lambda o: (len(o), o))]
    if kind == "bone_agent":
        return [("yes", "yes"), ("no", "no")]
    raise KeyError(f"unknown question kind {kind!r}; allowed: {', '.join(QUESTION_KINDS)}")


def correct_answers(kind: str, plan: Plan) -> list[str]:
    """Every answer the engine accepts (for systemic therapy, any of the plan's options).

    >>> correct_answers("systemic", recommend(Patient(1.0, "pos", "pos", "neg", "post", "bcs")))
    ['endocrine', 'chemotherapy+endocrine']
    """
    if kind == "nodal_category":
        return [plan.nodal_category]
    if kind == "axilla":
        return [plan.axilla]
    if kind == "radiation":
        return [plan.radiation]
    if kind == "systemic":
        return ["+".join(o) for o in plan.options]
    if kind == "bone_agent":
        return ["yes" if "bisphosphonate" in plan.consider else "no"]
    raise KeyError(f"unknown question kind {kind!r}; allowed: {', '.join(QUESTION_KINDS)}")


def _why_not(rules: Ruleset, path: tuple[str, ...], adds) -> str:
    """The question on the path whose answer turned away from every node that ``adds`` the item."""
    targets = {n for n, node in rules.nodes.items() if adds(node)}
    reach: dict[str, bool] = {}
    for node_id in reversed(rules.order()):
        node = rules.nodes[node_id]
        reach[node_id] = node_id in targets or any(reach.get(n, False) for n in node.successors() if n != END)
    for here, taken in zip(path, path[1:], strict=False):
        node = rules.nodes[here]
        if node.is_question and not reach[taken] and reach[here]:
            branch = next(b for b in node.branches if b.next == taken)
            return f"At “{node.label}” this patient goes “{branch.label}”, a branch that never reaches it."
    return "No step on this patient's path adds it."


@dataclass(frozen=True)
class Grade:
    """One graded answer with the feedback a learner reads."""

    kind: str
    given: str | None
    correct: bool
    accepted: tuple[str, ...]
    feedback: str

    def to_dict(self) -> dict:
        return {
            "question": self.kind,
            "answer": self.given,
            "correct": self.correct,
            "accepted": list(self.accepted),
            "feedback": self.feedback,
        }


def feedback(kind: str, plan: Plan, ruleset: str | Ruleset = "seed-2025") -> str:
    """Why the engine answers as it does: the deciding step quoted with its citation.

    >>> "IBCSG 23-01" in feedback("axilla", recommend(Patient(1.0, "pos", "pos", "neg", "post", "bcs")))
    True
    """
    rules = load_ruleset(ruleset)
    reg = registry()
    if kind == "nodal_category":
        p = plan.patient
        cells = f" with {p.cells} cells" if p.cells is not None else ""
        kind_words = {
            "none": "no deposit",
            "itc": "isolated tumour cells",
            "micrometastasis": "a micrometastasis",
            "macrometastasis": "a macrometastasis",
        }[p.deposit_class]
        return (
            f"AJCC 8th edition: a largest deposit of {p.deposit_mm:g} mm{cells} is {kind_words}; with "
            f"{p.positive_nodes} node(s) involved that is {plan.nodal_category}. "
            f"[{reg['ajcc-8'].short_citation()}]"
        )
    if kind == "bone_agent" and "bisphosphonate" not in plan.consider:
        return "No. " + _why_not(rules, plan.path, lambda n: "bisphosphonate" in n.consider)
    part = {
        "axilla": "axilla",
        "radiation": "radiation",
        "systemic": "systemic",
        "bone_agent": "consider:bisphosphonate",
    }[kind]
    node = rules.nodes[plan.decided_by(part)]
    if node.step is None:
        return f"Decided at “{node.label}”."
    sources = "; ".join(reg[c].short_citation() for c in node.step.citations)
    note = f" Primary source: {node.step.note}" if node.step.note else ""
    return f"“{node.step.text}”{note} [{sources}]"


def grade(kind: str, answer: str | None, patient: Patient, ruleset: str | Ruleset = "seed-2025") -> Grade:
    """Grade one answer against the engine.

    >>> g = grade("nodal_category", "pN1mi", Patient(1.0, "pos", "pos", "neg", "post", "bcs"))
    >>> g.correct, g.accepted
    (True, ('pN1mi',))
    """
    plan = recommend(patient, ruleset)
    accepted = tuple(correct_answers(kind, plan))
    return Grade(kind, answer, answer in accepted, accepted, feedback(kind, plan, ruleset))
