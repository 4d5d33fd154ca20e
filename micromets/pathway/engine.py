"""The engine: walk a ruleset for a patient and return the plan with its path.

This is the only place a plan is decided. Views (flowchart, widgets, quizzes, CLI) call
``recommend`` and render what it returns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from ..ground.errors import DataFileError
from ..ground.vocabulary import Vocabulary, shipped
from .patient import Patient, inputs_behind
from .plan_model import plan_text
from .ruleset import END, Branch, Node, Ruleset, Step, load_ruleset

# Said before every plan, in every chapter and on the command line (data: plan.words.disclaimer).
DISCLAIMER = shipped().plan_words.say("disclaimer")


@dataclass(frozen=True)
class PlanBody:
    """Everything a path decides; identical for every patient who takes that path."""

    axilla: str
    radiation: str
    options: tuple[tuple[str, ...], ...]
    consider: tuple[str, ...]
    warnings: tuple[str, ...]
    warning_ids: tuple[str, ...]
    steps: tuple[Step, ...]
    asked: frozenset[str] = frozenset()
    decided_by: tuple[tuple[str, str], ...] = ()  # (plan part, node id): which node set each part
    rules: Ruleset | None = field(default=None, compare=False, repr=False)  # the ruleset that decided it


@dataclass(frozen=True)
class Plan:
    """A recommended plan for one patient under one ruleset, with its reasons and path.

    >>> plan = recommend(Patient(1.2, "pos", "pos", "neg", "post", "bcs"))
    >>> plan.axilla, plan.nodal_category, plan.radiation
    ('no_alnd', 'pN1mi', 'whole_breast')
    """

    ruleset: str
    patient: Patient
    path: tuple[str, ...]
    body: PlanBody

    axilla = property(lambda self: self.body.axilla, doc="Axillary management code.")
    radiation = property(lambda self: self.body.radiation, doc="Radiation code.")
    options = property(lambda self: self.body.options, doc="Systemic alternatives, preferred first.")
    consider = property(lambda self: self.body.consider, doc="Items to weigh.")
    warnings = property(lambda self: self.body.warnings, doc="Warning texts that apply.")
    warning_ids = property(lambda self: self.body.warning_ids, doc="Ids of those warnings.")
    steps = property(lambda self: self.body.steps, doc="Recommendation steps in path order.")

    @property
    def vocabulary(self) -> Vocabulary:
        """The words for this plan's codes: the shipped vocabulary plus its ruleset's own codes.

        >>> recommend(Patient(1.0, "pos", "pos", "neg", "post", "bcs")).vocabulary.label("axilla", "no_alnd")
        'SLNB alone'
        """
        return self.rules.vocabulary if self.rules is not None and self.rules.vocabulary else shipped()

    @property
    def rules(self) -> Ruleset | None:
        """The loaded ruleset that decided this plan (its node labels name the route)."""
        return self.body.rules

    def decided_by(self, part: str) -> str:
        """The node id that set a plan part (``axilla``, ``radiation``, ``systemic``, ``consider:ITEM``).

        >>> recommend(Patient(1.0, "pos", "pos", "neg", "post", "bcs")).decided_by("axilla")
        'axilla_micro'
        """
        return dict(self.body.decided_by)[part]

    def branch_taken(self, node_id: str) -> Branch | None:
        """The branch this patient took at a question node on the path (None for an action node).

        When several branches lead to the same node, this is the one whose condition matched
        (the first that does, as the walk chose it), so the route never names a sibling.

        >>> plan = recommend(Patient(0, "pos", "pos", "neg", "post", "bcs", recurrence_score=20))
        >>> plan.branch_taken("rt_node_negative_age").label
        'not given'
        """
        rules = self.rules
        if rules is None or node_id not in self.path:
            raise KeyError(f"{node_id!r} is not on this plan's path")
        node = rules.nodes[node_id]
        return matched_branch(node, self.patient) if node.is_question else None

    def inputs_used(self) -> set[str]:
        """The patient inputs this plan's decisions read; changing any other input cannot change it.

        >>> sorted(recommend(Patient(0, "neg", "neg", "neg", "pre", "bcs")).inputs_used())
        ['cells', 'deposit_mm', 'er', 'gbrca', 'her2', 'menopause', 'neoadjuvant', 'pr', 'surgery', 'tumor_mm']
        """
        return inputs_behind(self.body.asked)

    @property
    def deposit_class(self) -> str:
        return self.patient.deposit_class

    @property
    def nodal_category(self) -> str:
        return self.patient.nodal_category

    def citations(self) -> list[str]:
        """Every registry id the plan cites, in order of first appearance."""
        seen: dict[str, None] = {}
        for step in self.body.steps:
            seen.update(dict.fromkeys(step.citations))
        return list(seen)

    def to_dict(self) -> dict:
        """The plan as the JSON contract of DESIGN.md (more keys may follow).

        >>> recommend(Patient(0.1, "neg", "neg", "pos", "pre", "bcs")).to_dict()["nodal_category"]
        'pN0(i+)'
        """
        body = self.body
        return {
            "ruleset": self.ruleset,
            "deposit_class": self.patient.deposit_class,
            "nodal_category": self.patient.nodal_category,
            "axilla": body.axilla,
            "systemic": {"options": [list(o) for o in body.options], "consider": list(body.consider)},
            "radiation": body.radiation,
            "warnings": list(body.warnings),
            "steps": [s.to_dict() for s in body.steps],
            "path": list(self.path),
            "patient": self.patient.inputs(),
            "warning_ids": list(body.warning_ids),
            "disclaimer": DISCLAIMER,
        }

    def text(self, width: int = 88) -> str:
        """The plan as readable text: summary, then each step with its reasons and sources.

        >>> "→ Largest nodal deposit? none" in recommend(Patient(0, "neg", "neg", "neg", "pre", "bcs")).text()
        True
        """
        return plan_text(self, width)


def matched_branch(node: Node, patient: Patient) -> Branch | None:
    """The branch of a question node a patient takes: the first whose condition holds.

    >>> rules = load_ruleset("trials-2024")
    >>> matched_branch(rules.nodes["rt_node_negative_age"], Patient(0, "pos", "pos", "neg", "post", "bcs")).label
    'not given'
    """
    value = getattr(patient, node.ask)
    for branch in node.branches:
        if branch.condition.test(value):
            return branch
    return None


def _walk(ruleset: Ruleset, patient: Patient) -> tuple[str, ...]:
    # The loader proves every patient matches a branch and the graph has no cycle; the
    # checks here are defence in depth, so a hand-built Ruleset can never loop or crash.
    nodes = ruleset.nodes
    node_id = ruleset.start
    path: list[str] = []
    seen: set[str] = set()
    while node_id != END:
        node = nodes.get(node_id)
        if node is None or node_id in seen:
            problem = "is not a node" if node is None else "is reached twice: the pathway loops"
            raise DataFileError(ruleset.source, f"nodes.{node_id}", f"{problem} (path {' -> '.join(path)})")
        seen.add(node_id)
        path.append(node_id)
        if node.ask is None:
            node_id = node.next
            continue
        branch = matched_branch(node, patient)
        if branch is None:
            value = getattr(patient, node.ask)
            raise DataFileError(
                ruleset.source, f"nodes.{node_id}.branches", f"no branch matches {node.ask} = {value!r}"
            )
        node_id = branch.next
    return tuple(path)


@lru_cache(maxsize=4096)
def _body(ruleset: Ruleset, path: tuple[str, ...]) -> PlanBody:
    # A plan is fully decided by its path, so each distinct path is assembled once.
    parts: dict[str, str] = {}
    options: tuple = ()
    consider: dict[str, None] = {}
    warning_ids: dict[str, None] = {}
    steps = []
    asked: set[str] = set()
    decided: dict[str, str] = {}
    for node_id in path:
        node = ruleset.nodes[node_id]
        parts.update(node.sets)
        decided.update({part: node_id for part, _ in node.sets})
        if node.options is not None:
            decided["systemic"] = node_id
        decided.update({f"consider:{item}": node_id for item in node.consider})
        if node.options is not None:
            options = node.options
        consider.update(dict.fromkeys(node.consider))
        warning_ids.update(dict.fromkeys(node.warn))
        if node.step is not None:
            steps.append(node.step)
        if node.ask is not None:
            asked.add(node.ask)
    return PlanBody(
        axilla=parts["axilla"],
        radiation=parts["radiation"],
        options=options,
        consider=tuple(consider),
        warnings=tuple(ruleset.warnings[w] for w in warning_ids),
        warning_ids=tuple(warning_ids),
        steps=tuple(steps),
        asked=frozenset(asked),
        decided_by=tuple(decided.items()),
        rules=ruleset,
    )


def walk(patient: Patient, ruleset: str | Ruleset = "trials-2024") -> tuple[str, ...]:
    """The node ids a patient visits in a ruleset, start first.

    >>> walk(Patient(0, "pos", "pos", "neg", "post", "bcs"))[:2]
    ('setting', 'deposit')
    """
    return _walk(load_ruleset(ruleset), patient)


def recommend(patient: Patient, ruleset: str | Ruleset = "trials-2024") -> Plan:
    """Recommend a plan for ``patient`` under a ruleset (a shipped name, a file path or a Ruleset).

    >>> plan = recommend(Patient(1.2, "pos", "pos", "neg", "post", "bcs"))
    >>> plan.options[0], "bisphosphonate" in plan.consider
    (('endocrine',), True)
    """
    if not isinstance(patient, Patient):
        raise TypeError(f"recommend() takes a micromets.Patient, got {type(patient).__name__}")
    rules = load_ruleset(ruleset)
    path = _walk(rules, patient)
    return Plan(rules.id, patient, path, _body(rules, path))
