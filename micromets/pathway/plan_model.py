"""The plan model: one structure of a plan's sections, in words, that every rendering reads.

A ``Plan`` holds codes and node ids (the machine contract). ``plan_model(plan)`` turns it
into what a learner reads, once: the summary by part, the warnings, each step with its
reason, limits of the evidence, evidence grade and citation line, and the route as node labels.
The plain-text rendering lives here too (``PlanModel.text``); the HTML rendering, the
ruleset comparison, quiz feedback and notebook questions read the same model, so no
renderer re-parses another's output. The joins and fixed words around the plan's own words
("Why:", "Steps:", " with ", "  OR  ") are data too (``plan:`` in the vocabulary file, read
from the plan's vocabulary). Core layer: imports only ground modules.

>>> from micromets import Patient, recommend
>>> model = plan_model(recommend(Patient(1.2, "pos", "pos", "neg", "post", "bcs"), "trials-2024"))
>>> model.part("axilla").text
'no axillary lymph node dissection (sentinel node biopsy alone)'
>>> model.deposit.label, model.category.label
('Micrometastasis', 'pN1mi')
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

from ..ground.evidence import registry
from ..ground.vocabulary import Vocabulary, shipped
from ..ground.words.plan import PlanWords

# The plan parts in the order a summary shows them.
SUMMARY_PARTS = ("axilla", "systemic", "consider", "radiation")


def _shipped_words() -> PlanWords:
    return shipped().plan_words


@dataclass(frozen=True)
class Part:
    """One part of the summary: its heading, a short label and the phrase for plan text.

    ``codes`` keeps the machine codes behind the words (never shown to a learner).
    """

    part: str
    heading: str
    label: str
    text: str
    codes: tuple = ()


@dataclass(frozen=True)
class StepModel:
    """A recommendation step as a learner reads it; ``citation_line`` is built once here.

    Its note (``caveat``) is labelled "Limits of the evidence" everywhere (``plan.words.caveat``):
    a statement about the evidence, never a curator's note (those live in a step's ``curation``
    field and the audit view).
    """

    number: int
    text: str
    why: str
    caveat: str
    evidence: str
    citations: tuple[str, ...]  # registry ids (machine)
    sources: tuple[str, ...]  # the short citation of each, in the same order
    node_id: str  # machine; never shown
    decides: tuple[str, ...] = ()  # the plan parts this step's node set ("axilla", "consider:bisphosphonate")
    # the joins and fixed words it is said with (the plan's vocabulary; the shipped ones by default)
    words: PlanWords = field(default_factory=_shipped_words, compare=False, repr=False)

    @property
    def sources_line(self) -> str:
        """The step's short citations joined (``plan.joins.sources``)."""
        return self.words.joins["sources"].join(self.sources)

    @property
    def citation_line(self) -> str:
        """Evidence grade and sources in one line.

        >>> StepModel(1, "t", "", "", "randomised", ("x",), ("X (Y 2020)",), "n").citation_line
        'Evidence: randomised. Sources: X (Y 2020)'
        """
        return self.words.say("citation_line", evidence=self.evidence, sources=self.sources_line)

    def quote(self) -> str:
        """The step quoted with its limits of the evidence and sources, for feedback on an answer.

        >>> StepModel(1, "Do it.", "", "IBCSG.", "randomised", ("x",), ("X (Y 2020)",), "n").quote()
        '“Do it.” Limits of the evidence: IBCSG. [X (Y 2020)]'
        """
        note = f" {self.words.say('caveat')} {self.caveat}" if self.caveat else ""
        return f"{self.words.say('quote', text=self.text)}{note} [{self.sources_line}]"


@dataclass(frozen=True)
class PlanModel:
    """Everything a learner reads about one plan, in words, section by section."""

    ruleset_id: str  # machine; shown to instructors only as the ruleset's title
    ruleset_title: str
    patient: str
    deposit: Part
    category: Part
    summary: tuple[Part, ...]
    warnings: tuple[str, ...]
    steps: tuple[StepModel, ...]
    route: tuple[str, ...]  # the path as node labels (question nodes with the answer taken)
    words: PlanWords = field(default_factory=_shipped_words, compare=False, repr=False)  # joins, fixed words

    def part(self, name: str) -> Part:
        """The summary part named ``axilla``, ``systemic``, ``consider`` or ``radiation``
        (``consider`` is absent when there is nothing to weigh: KeyError)."""
        for item in self.summary:
            if item.part == name:
                return item
        raise KeyError(f"no summary part {name!r}; this plan has {', '.join(p.part for p in self.summary)}")

    def step_deciding(self, part: str) -> StepModel | None:
        """The step whose node set ``part`` (``axilla``, ``radiation``, ``systemic`` or
        ``consider:ITEM``), or None when that node adds no step.

        >>> from micromets import Patient, recommend
        >>> plan = recommend(Patient(1.0, "pos", "pos", "neg", "post", "bcs"), "trials-2024")
        >>> "IBCSG 23-01" in plan_model(plan).step_deciding("axilla").quote()
        True
        """
        for step in self.steps:
            if part in step.decides:
                return step
        return None

    def headline(self) -> str:
        """Deposit and nodal category in one line.

        >>> from micromets import Patient, recommend
        >>> plan_model(recommend(Patient(0.1, "neg", "neg", "pos", "pre", "bcs"), "trials-2024")).headline()
        'Deposit: isolated tumour cells  |  nodal category: pN0(i+)'
        """
        return self.words.say(
            "headline", deposit_heading=self.deposit.heading, deposit=self.deposit.text, category=self.category.label
        )

    def summary_lines(self) -> list[str]:
        """The headline, then one line per plan part."""
        return [self.headline()] + [self.words.say("part", heading=p.heading, words=p.text) for p in self.summary]

    def route_text(self, arrow: str | None = None) -> str:
        """The route through the pathway as node labels, joined by ``arrow`` (``plan.joins.route``)."""
        return (self.words.joins["route"] if arrow is None else arrow).join(self.route)

    def text(self, width: int = 88) -> str:
        """The whole plan as plain text: summary, warnings, steps with reasons and sources, route.

        >>> from micromets import Patient, recommend
        >>> text = plan_model(recommend(Patient(1.0, "pos", "pos", "neg", "post", "bcs"), "trials-2024")).text()
        >>> "IBCSG 23-01" in text, "axilla_micro" in text
        (True, False)
        """

        def wrap(text: str, indent: str = "    ") -> str:
            return textwrap.fill(text, width, initial_indent=indent, subsequent_indent="    ")

        say = self.words.say
        out = [say("heading", ruleset=self.ruleset_title, patient=self.patient), ""]
        out += self.summary_lines()
        if self.warnings:
            out += ["", say("warnings")] + [wrap(w, "  ! ") for w in self.warnings]
        out += ["", say("steps")]
        for step in self.steps:
            out.append(wrap(step.text, f"{step.number:>2}. "))
            if step.why:
                out.append(wrap(f"{say('why')} {step.why}"))
            if step.caveat:
                out.append(wrap(f"{say('caveat')} {step.caveat}"))
            out.append(wrap(step.citation_line))
        out += ["", wrap(f"{say('route')} {self.route_text()}", "")]
        return "\n".join(out)


def _one_code_part(kind: str, code: str, words: Vocabulary) -> Part:
    """A part of the plan that one code decides (the axilla, radiation): its label and words."""
    return Part(kind, words.kind_label(kind), words.label(kind, code), words.text(kind, code), (code,))


def _summary(plan, words: Vocabulary) -> tuple[Part, ...]:
    joins = words.plan_words.joins
    parts = [
        _one_code_part("axilla", plan.axilla, words),
        Part(
            "systemic",
            words.kind_label("component"),
            words.options_label(plan.options),
            words.options_text(plan.options),
            tuple(plan.options),
        ),
    ]
    if plan.consider:
        parts.append(
            Part(
                "consider",
                words.kind_label("consider"),
                joins["labels"].join(words.label("consider", c) for c in plan.consider),
                joins["phrases"].join(words.text("consider", c) for c in plan.consider),
                tuple(plan.consider),
            )
        )
    parts.append(_one_code_part("radiation", plan.radiation, words))
    return tuple(parts)


def _route(plan) -> tuple[str, ...]:
    rules = plan.rules
    if rules is None:
        return ()
    shown = []
    for here in plan.path:
        node = rules.nodes[here]
        if node.is_question:  # the branch this patient matched, never a sibling leading to the same node
            branch = plan.branch_taken(here)
            shown.append(f"{node.label} {branch.label if branch is not None else ''}".strip())
        else:
            shown.append(node.label)
    return tuple(shown)


def plan_model(plan) -> PlanModel:
    """Build the plan model of a ``Plan``: every section in words, citation lines built once.

    >>> from micromets import Patient, recommend
    >>> plan_model(recommend(Patient(1.0, "pos", "pos", "neg", "post", "bcs"), "seed-2025")).route[0]
    'Largest nodal deposit? micro 0.2–2 mm'
    """
    words = plan.vocabulary
    reg = registry()
    decided: dict[str, list[str]] = {}
    for part, node_id in plan.body.decided_by:
        decided.setdefault(node_id, []).append(part)
    steps = tuple(
        StepModel(
            number=number,
            text=step.text,
            why=step.rationale,
            caveat=step.note,
            evidence=step.evidence,
            citations=tuple(step.citations),
            sources=tuple(reg[c].short_citation() for c in step.citations),
            node_id=step.id,
            decides=tuple(decided.get(step.id, ())),
            words=words.plan_words,
        )
        for number, step in enumerate(plan.steps, 1)
    )
    rules = plan.rules
    return PlanModel(
        ruleset_id=plan.ruleset,
        ruleset_title=rules.title if rules is not None else plan.ruleset,
        patient=plan.patient.describe(),
        deposit=Part(
            "deposit_class",
            words.kind_label("deposit_class"),
            words.label("deposit_class", plan.deposit_class),
            words.text("deposit_class", plan.deposit_class),
            (plan.deposit_class,),
        ),
        category=Part(
            "nodal_category",
            words.kind_label("nodal_category"),
            words.label("nodal_category", plan.nodal_category),
            words.text("nodal_category", plan.nodal_category),
            (plan.nodal_category,),
        ),
        summary=_summary(plan, words),
        warnings=tuple(plan.warnings),
        steps=steps,
        route=_route(plan),
        words=words.plan_words,
    )


def plan_text(plan, width: int = 88) -> str:
    """The whole plan as plain text (see ``PlanModel.text``).

    >>> from micromets import Patient, recommend
    >>> plan_text(recommend(Patient(0, "neg", "neg", "neg", "pre", "bcs"), "trials-2024")).splitlines()[2]
    'Deposit: no nodal deposit  |  nodal category: pN0'
    """
    return plan_model(plan).text(width)
