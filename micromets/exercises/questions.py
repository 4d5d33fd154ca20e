"""Questions as records: what is asked, the choices, the answer from the engine, and why.

The engine is the answer key: a question never stores its answer. Each kind of question is
one ``QuestionKind`` record in ``QUESTION_REGISTRY``; asking it about a patient under a ruleset gives an
``Asked`` (prompt, choices, accepted answers, cited feedback), which the quiz, the chapters'
self-check questions, the solution notebook and the grader all use. Adding a kind is adding
a record, not a branch in four functions. Every word around the engine's answer (a kind's
title and prompt, the feedback's phrases, "either ...; or ...", "A, B and C") is data: the
``questions:`` section of ``micromets/data/vocabulary.yaml`` (``ground.words.questions``).

>>> asked = ask("axilla", Patient(1.0, "pos", "pos", "neg", "post", "bcs"))
>>> asked.accepted, asked.grade("no_alnd").correct
(('no_alnd',), True)
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import permutations
from string import Template

from ..ground.datafiles import read_packaged
from ..ground.errors import InputError
from ..ground.evidence import registry
from ..ground.staging import NODAL_CATEGORIES
from ..ground.vocabulary import Vocabulary
from ..ground.words.patient import shipped_patient_words
from ..ground.words.questions import shipped_question_words
from ..pathway.engine import Plan, recommend
from ..pathway.patient import INPUT_FIELDS, Patient
from ..pathway.plan_model import plan_model
from ..pathway.prose import value_text, value_words
from ..pathway.ruleset import END, Ruleset, load_ruleset

ARTICLE = "seed-2025"  # the source article as written: answers are compared with it where they differ
_WORDS = shipped_question_words()  # titles, prompts, feedback phrases and joins (data)


# --------------------------------------------------------------------------- the records


@dataclass(frozen=True)
class Choice:
    """One answer a learner can pick: the stored ``value`` and the ``label`` they read."""

    value: str
    label: str


PARAGRAPH = "\n\n"  # between the paragraphs of a feedback text (the deciding step, the article's answer)


@dataclass(frozen=True)
class Feedback:
    """Why the engine answers as it does: the words a learner reads (each quoted step with its
    sources, as the plan model quotes it) and the registry ids behind them (for graders).

    Feedback added to feedback starts a new paragraph, so a quiz can set it as prose.
    """

    text: str
    citations: tuple[str, ...] = ()

    def line(self) -> str:
        """The feedback as one line (for files and terminals).

        >>> cited("Because.", ("ajcc-8",)).line().startswith("Because. [AJCC")
        True
        """
        return " ".join(self.paragraphs())

    def paragraphs(self) -> list[str]:
        """The feedback's paragraphs, in reading order.

        >>> (Feedback("One.") + Feedback("Two.")).paragraphs()
        ['One.', 'Two.']
        """
        return [part.strip() for part in self.text.split(PARAGRAPH) if part.strip()]

    def __add__(self, other: Feedback) -> Feedback:
        return Feedback(f"{self.text}{PARAGRAPH}{other.text}", tuple(dict.fromkeys(self.citations + other.citations)))


def cited(text: str, citations) -> Feedback:
    """Feedback that is not a plan step, with its sources in brackets as a step quote has them."""
    citations = tuple(citations)
    return Feedback(f"{text} [{cite_line(citations)}]" if citations else text, citations)


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


@dataclass(frozen=True)
class Asked:
    """One question put about one patient: what to show, what is accepted, and why.

    >>> a = ask("bone_agent", Patient(1.0, "pos", "pos", "neg", "post", "bcs"))
    >>> [c.value for c in a.choices], a.label("yes")
    (['yes', 'no'], 'yes')
    """

    kind: str
    prompt: str
    choices: tuple[Choice, ...]
    accepted: tuple[str, ...]
    feedback: Feedback
    part: str = ""

    def label(self, value: str) -> str:
        """The words shown for a choice value (the value itself if it is not a choice)."""
        return next((c.label for c in self.choices if c.value == value), value)

    def answer_words(self) -> str:
        """The accepted answers in words, joined by "or"."""
        return either(self.label(v) for v in self.accepted)

    def to_dict(self) -> dict:
        """The question as JSON-ready data (values and registry ids are machine codes)."""
        return {
            "question": self.kind,
            "prompt": self.prompt,
            "choices": [{"value": c.value, "label": c.label} for c in self.choices],
            "accepted": list(self.accepted),
            "feedback": self.feedback.line(),
            "citations": list(self.feedback.citations),
            "part": self.part,
        }

    def grade(self, answer: str | None) -> Grade:
        """Grade one answer (``None`` means not answered)."""
        return Grade(self.kind, answer, answer in self.accepted, self.accepted, self.feedback.line())


@dataclass
class Situation:
    """A patient under a ruleset, with the plan computed once for every question about it."""

    patient: Patient
    rules: Ruleset
    plan: Plan = field(init=False)

    def __post_init__(self):
        self.plan = recommend(self.patient, self.rules)

    def article_plan(self) -> Plan | None:
        """The source article's plan for the same patient (None when the set uses the article)."""
        if self.rules.id == ARTICLE:
            return None
        return recommend(self.patient, ARTICLE)


@dataclass(frozen=True)
class QuestionKind:
    """A kind of question: its id, which plan part, and how the engine answers it; its title
    and what it asks are words of the data (``questions.kinds``), read when they are shown.

    ``make`` returns ``None`` when the kind does not apply to a patient (no single change
    alters the plan; the article and the corrected pathway agree; nothing to order).
    """

    id: str
    part: str
    make: Callable[[Situation], Asked | None]
    default: bool = False

    @property
    def title(self) -> str:
        """The kind's short title (the quiz, the class report)."""
        return _WORDS.title(self.id)

    @property
    def prompt(self) -> str:
        """What the kind asks, as a learner reads it."""
        return _WORDS.prompt(self.id)


# --------------------------------------------------------------------------- shared helpers


def say(key: str, **names) -> str:
    """A phrase of the questions' words (data: ``questions.words``), its ``$names`` filled in.

    >>> say("no_answer"), say("not_a_choice", answer="maybe")
    ('no answer', 'maybe (not one of the choices)')
    """
    return _WORDS.say(key, **names)


def quiz_words(key: str, **html) -> str:
    """The quiz's own words (data: ``questions.quiz``) as HTML: escaped, each ``$name`` filled
    with the HTML given.

    >>> quiz_words("where", number="<b>2</b>", count=5)
    'Case <b>2</b> of 5'
    """
    return _WORDS.quiz_html(key, **html)


def quiz_label(key: str) -> str:
    """The quiz's own words as plain text, for a button or a field's label.

    >>> quiz_label("check")
    'Check my answers'
    """
    return _WORDS.quiz[key]


def notebook_words(key: str, **names) -> str:
    """The exercise notebooks' own words (data: ``questions.notebooks``), ``$names`` filled in.

    >>> notebook_words("question", number=3, prompt="HER2?")
    'Question 3. HER2?'
    """
    return Template(_WORDS.notebooks[key]).substitute(names)


def join_of(name: str) -> str:
    """One of the questions' joins (data: ``questions.joins``), as written.

    >>> join_of("ticked")
    ', '
    """
    return _WORDS.joins[name]


def cite_line(citations) -> str:
    """Short citations joined by semicolons (the one place a citation line is built here).

    >>> cite_line(["ajcc-8"]).startswith("AJCC")
    True
    """
    reg = registry()
    return _WORDS.joins["sources"].join(reg[c].short_citation() for c in citations)


def _codes_set(rules: Ruleset, part: str) -> list[str]:
    """The codes a learner chooses from for a plan part: those the ruleset sets, in graph
    order, then the other codes of that kind its vocabulary knows (as distractors)."""
    used = dict.fromkeys(v for n in rules.nodes.values() for k, v in n.sets if k == part)
    return list(used) + [c for c in rules.vocabulary.codes(part) if c not in used]


def _options(rules: Ruleset) -> list[tuple[str, ...]]:
    found = dict.fromkeys(o for n in rules.nodes.values() if n.options for o in n.options)
    return sorted(found, key=lambda o: (len(o), o))


def either(labels) -> str:
    """Alternatives in words: "A", or "either A; or B".

    >>> either(["endocrine therapy", "chemotherapy, then endocrine therapy"])
    'either endocrine therapy; or chemotherapy, then endocrine therapy'
    """
    labels = list(labels)
    return (
        labels[0] if len(labels) == 1 else _WORDS.say("either", alternatives=_WORDS.joins["alternatives"].join(labels))
    )


def option_value(option) -> str:
    """The stored value of a systemic option (components joined by ``+``)."""
    return "+".join(option)


def _step_feedback(rules: Ruleset, plan: Plan, part: str) -> Feedback:
    """The step that decided a plan part, quoted from the plan model with its sources."""
    step = plan_model(plan).step_deciding(part)
    if step is None:
        return Feedback(_WORDS.say("decided_at", node=rules.nodes[plan.decided_by(part)].label))
    return Feedback(step.quote(), step.citations)


def _why_not(rules: Ruleset, plan: Plan, adds) -> str:
    """The question on the path whose answer turned away from every node that ``adds`` the item."""
    targets = {n for n, node in rules.nodes.items() if adds(node)}
    reach: dict[str, bool] = {}
    for node_id in reversed(rules.order()):
        node = rules.nodes[node_id]
        reach[node_id] = node_id in targets or any(reach.get(n, False) for n in node.successors() if n != END)
    for here, taken in zip(plan.path, plan.path[1:], strict=False):
        node = rules.nodes[here]
        if node.is_question and not reach[taken] and reach[here]:
            branch = plan.branch_taken(here)  # the branch this patient matched, not a sibling to the same node
            return _WORDS.say("branch_never_reaches", question=node.label, answer=branch.label)
    return _WORDS.say("no_step_adds")


def _turn(rules: Ruleset, before: Plan, after: Plan) -> str:
    """Where two paths through one ruleset part: the question and the branch the second takes."""
    for here, (a, b) in zip(before.path, zip(before.path[1:], after.path[1:], strict=False), strict=False):
        if a != b:
            node = rules.nodes[here]
            branch = after.branch_taken(here) if node.is_question else None
            if branch is not None:
                return " " + _WORDS.say("turn", question=node.label, answer=branch.label)
    return ""


def _seeded(patient: Patient, kind: str) -> random.Random:
    # Choices are shuffled the same way on every machine for the same patient and kind.
    digest = hashlib.sha256(f"{kind}:{sorted(patient.inputs().items(), key=str)}".encode()).hexdigest()
    return random.Random(int(digest[:12], 16))


# --------------------------------------------------------------------------- what a plan part answers


@dataclass(frozen=True)
class AskedPart:
    """How one part of the plan is asked: its choices, its answers and their words.

    ``say(vocabulary, value)`` gives the words for a value in the ruleset's vocabulary
    (so an instructor's own codes are shown in their declared words).
    """

    part: str
    choices: Callable[[Ruleset], list[str]]
    answers: Callable[[Plan], tuple[str, ...]]
    say: Callable[[Vocabulary, str], str]

    def choice_list(self, rules: Ruleset) -> list[Choice]:
        return [Choice(v, self.say(rules.vocabulary, v)) for v in self.choices(rules)]


def _say_option(vocab: Vocabulary, value: str) -> str:
    return vocab.option_text(value.split("+")) if value else _WORDS.say("no_option")


# The parts of a plan a question asks about, by id (the bone agent is asked as one item to weigh).
ASKED_PARTS: dict[str, AskedPart] = {
    "axilla": AskedPart(
        "axilla",
        lambda rules: _codes_set(rules, "axilla"),
        lambda plan: (plan.axilla,),
        lambda vocab, code: vocab.text("axilla", code),
    ),
    "radiation": AskedPart(
        "radiation",
        lambda rules: _codes_set(rules, "radiation"),
        lambda plan: (plan.radiation,),
        lambda vocab, code: vocab.text("radiation", code),
    ),
    "systemic": AskedPart(
        "systemic",
        lambda rules: [option_value(o) for o in _options(rules)],
        lambda plan: tuple(option_value(o) for o in plan.options),
        _say_option,
    ),
    "consider:bisphosphonate": AskedPart(
        "consider:bisphosphonate",
        lambda rules: ["yes", "no"],
        lambda plan: ("yes" if "bisphosphonate" in plan.consider else "no",),
        lambda vocab, value: _WORDS.say(value),  # "yes" or "no" in words
    ),
}


def _article_note(situation: Situation, part: AskedPart) -> Feedback | None:
    """What the source article would answer, when it differs, and the evidence behind the change."""
    article = situation.article_plan()
    if article is None:
        return None
    ours, theirs = part.answers(situation.plan), part.answers(article)
    if set(ours) == set(theirs):
        return None
    rules_a = load_ruleset(ARTICLE)
    said = either(part.say(rules_a.vocabulary, v) for v in theirs)
    step_a = plan_model(article).step_deciding(part.part)
    step = plan_model(situation.plan).step_deciding(part.part)
    cites_a = step_a.citations if step_a is not None else ()
    newer = [c for c in (step.citations if step is not None else ()) if c not in cites_a]
    reg = registry()
    text = _WORDS.say("article_answers", answer=said)
    if newer:
        rests_on = "rests_on_uncited" if step_a is not None else "rests_on"
        text += " " + _WORDS.say(rests_on, trials=and_list(reg[c].name for c in newer))
    if step_a is not None:  # last, so that its sources close the paragraph
        text += " " + _WORDS.say("article_step", quote=step_a.quote())
    return Feedback(text, tuple(dict.fromkeys(cites_a)))


def and_list(names) -> str:
    """Names joined as a sentence joins them.

    >>> and_list(["ABCSG-12"]), and_list(["ABCSG-12", "EBCTCG", "SOFT"])
    ('ABCSG-12', 'ABCSG-12, EBCTCG and SOFT')
    """
    names = list(names)
    joins = _WORDS.joins
    return names[0] if len(names) == 1 else joins["list"].join(names[:-1]) + joins["last"] + names[-1]


def _asked_part_kind(kind_id: str, part: AskedPart) -> QuestionKind:
    def make(situation: Situation) -> Asked:
        rules, plan = situation.rules, situation.plan
        accepted = part.answers(plan)
        options = part.choice_list(rules)
        known = {c.value for c in options}
        options += [Choice(v, part.say(rules.vocabulary, v)) for v in accepted if v not in known]  # e.g. no option
        if part.part == "consider:bisphosphonate" and accepted == ("no",):
            reason = Feedback(
                _WORDS.say("answer_no", why=_why_not(rules, plan, lambda n: "bisphosphonate" in n.consider))
            )
        else:
            reason = _step_feedback(rules, plan, part.part)
        note = _article_note(situation, part)
        if note is not None:
            reason = reason + note
        return Asked(kind_id, QUESTION_REGISTRY[kind_id].prompt, tuple(options), accepted, reason, part.part)

    return QuestionKind(kind_id, part.part, make, default=True)


# --------------------------------------------------------------------------- staging


def _categories_for(category: str) -> tuple[str, ...]:
    """The categories a learner chooses from: the ``yp`` set after neoadjuvant therapy."""
    if category in NODAL_CATEGORIES:
        return tuple(c for c in NODAL_CATEGORIES if not c.startswith("yp"))
    prefix = category.split("N", 1)[0]
    found = tuple(c for c in NODAL_CATEGORIES if c.startswith(prefix + "N"))
    return found or tuple(prefix + c[1:] for c in NODAL_CATEGORIES if c.startswith("pN"))


def _nodes_words(count: int) -> str:
    return _WORDS.say("one_node") if count == 1 else _WORDS.say("nodes", count=count)


def _staging_feedback(patient: Patient, vocab: Vocabulary) -> Feedback:
    say = _WORDS.say
    cells = " " + say("staging_cells", cells=patient.cells) if patient.cells is not None else ""
    after = " " + say("staging_after") if getattr(patient, "neoadjuvant", "no") == "yes" else ""
    text = say(
        "staging",
        size=f"{patient.deposit_mm:g}",
        cells=cells,
        deposit_class=vocab.text("deposit_class", patient.deposit_class),
        nodes=_nodes_words(patient.positive_nodes),
        after=after,
        category=vocab.text("nodal_category", patient.nodal_category),
    )
    return cited(text, ("ajcc-8",))


def pathology_report(patient: Patient) -> str:
    """A pathology description of the nodes: size, cells, nodes and neoadjuvant therapy (no category).

    >>> pathology_report(Patient(0.15, "pos", "pos", "neg", "post", "bcs", cells=300))[:64]
    'Largest nodal deposit 0.15 mm; about 300 cells in the largest cl'
    """
    say = _WORDS.say
    parts = []
    if patient.deposit_mm == 0:
        parts.append(say("report_no_deposit"))
    else:
        parts.append(say("report_deposit", size=f"{patient.deposit_mm:g}"))
        if patient.cells is not None:
            parts.append(say("report_cells", cells=patient.cells))
        parts.append(say("report_nodes", nodes=_nodes_words(patient.positive_nodes)))
    neo = getattr(patient, "neoadjuvant", None)
    parts.append(say("report_neoadjuvant") if neo == "yes" else say("report_surgery_first"))
    return _WORDS.joins["report"].join(parts) + say("report_end")


def _nodal_category(situation: Situation) -> Asked:
    patient = situation.patient
    choices = tuple(Choice(c, c) for c in _categories_for(patient.nodal_category))
    return Asked(
        "nodal_category",
        QUESTION_REGISTRY["nodal_category"].prompt,
        choices,
        (patient.nodal_category,),
        _staging_feedback(patient, situation.rules.vocabulary),
        "nodal_category",
    )


def _stage_it(situation: Situation) -> Asked:
    patient = situation.patient
    category = patient.nodal_category
    # The same category with and without the y prefix: is this staging after neoadjuvant therapy?
    twin = category[1:] if category.startswith("y") else "y" + category
    choices = tuple(Choice(c, c) for c in (*_categories_for(category), twin))
    prompt = _WORDS.say("stage_it", report=pathology_report(patient))
    feedback_ = _staging_feedback(patient, situation.rules.vocabulary)
    return Asked("stage_it", prompt, choices, (patient.nodal_category,), feedback_, "nodal_category")


# --------------------------------------------------------------------------- what would change the plan?

# Sizes that land in each deposit class and node counts across pN1a/pN2a/pN3a: the values a
# single change of the pathology can take (read from the staging thresholds' neighbourhoods).
_DEPOSIT_PROBES = (0.0, 0.1, 1.0, 3.0)
_NODE_PROBES = (1, 2, 4, 10)
_DERIVED_INPUTS = {"deposit_class": "deposit_mm", "nodal_category": "positive_nodes", "hr_status": "er"}


def _numbers_named(rules: Ruleset) -> dict[str, set]:
    """For each input a ruleset compares with numbers, the numbers it names."""
    named: dict[str, set] = {}
    for node in rules.nodes.values():
        if node.ask is None:
            continue
        for branch in node.branches:
            spec = branch.condition.spec
            for key, value in spec.items():
                values = value if isinstance(value, list) else [value]
                if key in ("lt", "le", "gt", "ge", "eq", "ne", "in", "not_in"):
                    numbers = [v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)]
                    named.setdefault(node.ask, set()).update(numbers)
    return named


def _candidate_changes(situation: Situation) -> list[tuple[str, object]]:
    """Every single-input change worth asking about, as (field, new value)."""
    patient, rules = situation.patient, situation.rules
    named = _numbers_named(rules)
    asked = {n.ask for n in rules.nodes.values() if n.ask} | {"deposit_mm", "positive_nodes"}
    changes: list[tuple[str, object]] = []
    for name, spec in INPUT_FIELDS.items():
        fields_asked = {name} | {d for d, source in _DERIVED_INPUTS.items() if source == name}
        if name == "pr":
            fields_asked.add("hr_status")
        if not fields_asked & asked:
            continue
        now = getattr(patient, name)
        if spec.kind == "choice":
            values: list = [v for v in spec.choices if v != now]
        elif name == "deposit_mm":
            values = list(_DEPOSIT_PROBES)
        elif name == "positive_nodes":
            values = list(_NODE_PROBES)
        else:
            values = []
            for t in sorted(named.get(name, ())):
                values += [t - 1, t, t + 1]
            values = [int(v) if spec.kind == "int" else round(float(v), 1) for v in values]
        for value in dict.fromkeys(values):
            if value != now:
                changes.append((name, value))
    return changes


def _changed(situation: Situation, name: str, value) -> Situation | None:
    fields_ = situation.patient.inputs()
    fields_[name] = value
    if name == "deposit_mm" and value == 0:  # no deposit: no cells counted, no node involved
        fields_["cells"], fields_["positive_nodes"] = None, 0
    elif name == "deposit_mm" and situation.patient.deposit_mm == 0:  # a deposit found: in one node
        fields_["positive_nodes"] = 1
    try:
        patient = Patient(**fields_)
    except InputError:  # not a single change a real patient can have (e.g. nodes without a deposit)
        return None
    return Situation(patient, situation.rules)


def _what_changes(kind_id: str, part: AskedPart) -> Callable[[Situation], Asked | None]:
    def make(situation: Situation) -> Asked | None:
        now = set(part.answers(situation.plan))
        changers, keepers = [], []
        for name, value in _candidate_changes(situation):
            other = _changed(situation, name, value)
            if other is None:
                continue
            (changers if set(part.answers(other.plan)) != now else keepers).append((name, value, other))
        if not changers or len(keepers) < 2:
            return None
        rng = _seeded(situation.patient, kind_id)
        right = rng.choice(changers)
        wrong = rng.sample(keepers, min(3, len(keepers)))
        shown = sorted([right, *wrong], key=lambda c: (c[0], str(c[1])))
        choices = tuple(
            Choice(f"{n}={v}", _WORDS.say("change_choice", change=value_words(n, v), now=_now(situation, n)))
            for n, v, _ in shown
        )
        name, value, other = right
        vocab = situation.rules.vocabulary
        then = either(part.say(vocab, v) for v in part.answers(other.plan))
        was = either(part.say(vocab, v) for v in part.answers(situation.plan))
        step = _step_feedback(situation.rules, other.plan, part.part)
        text = (
            _WORDS.say("changes_it", change=value_words(name, value), was=was, then=then)
            + _turn(situation.rules, situation.plan, other.plan)
            + " "
            + _WORDS.say("step_then", step=step.text)
        )
        return Asked(
            kind_id,
            QUESTION_REGISTRY[kind_id].prompt,
            choices,
            (f"{name}={value}",),
            Feedback(text, step.citations),
            part.part,
        )

    return make


def _now(situation: Situation, name: str) -> str:
    return value_text(name, getattr(situation.patient, name))


# --------------------------------------------------------------------------- order the treatment


@lru_cache(maxsize=1)
def treatment_order() -> dict:
    """The sequencing rules (data, with their sources) that "Order the treatment" grades by.

    >>> treatment_order()["after"]["chemotherapy"]
    ('endocrine',)
    """
    data = read_packaged("exercises/treatment-order.yaml")
    return {
        "after": {k: tuple(v) for k, v in data["comes_before"].items()},
        "radiation_given": tuple(data["radiation_given"]),
        "cite": tuple(data["cite"]),
        "note": data["note"],
    }


def _order_items(plan: Plan, vocab: Vocabulary) -> list[tuple[str, ...]]:
    """The plan's first systemic option and its radiation, as groups of parts given together
    (a component that starts with another, in the vocabulary, is one group with it)."""
    groups = vocab.started_together(plan.options[0]) if plan.options else []
    if plan.radiation in treatment_order()["radiation_given"]:
        groups.append(("radiation",))
    return groups


def order_join() -> str:
    """What stands between the parts of a treatment order as its choices say it (data:
    ``questions.joins.order``), so a view that splits a choice splits it where it was joined.

    >>> order_join()
    ' → '
    """
    return join_of("order")


def _order_ok(order: tuple[tuple[str, ...], ...]) -> bool:
    before = treatment_order()["after"]
    position = {item: i for i, group in enumerate(order) for item in group}
    return all(
        position[a] < position[b] for a, laters in before.items() for b in laters if a in position and b in position
    )


def _order_treatment(situation: Situation) -> Asked | None:
    plan, vocab = situation.plan, situation.rules.vocabulary
    groups = _order_items(plan, vocab)
    if len(groups) < 2:
        return None
    orders = list(permutations(groups))
    accepted_orders = [o for o in orders if _order_ok(o)]
    if len(accepted_orders) == len(orders):
        return None  # every order is acceptable: nothing to learn
    radiation = vocab.text("radiation", plan.radiation)

    def say(order) -> str:
        return order_join().join(radiation if g == ("radiation",) else vocab.option_text(g) for g in order)

    def value(order) -> str:
        return ">".join("+".join(g) for g in order)

    choices = tuple(Choice(value(o), say(o)) for o in sorted(orders, key=say))
    rules = treatment_order()
    return Asked(
        "order_treatment",
        QUESTION_REGISTRY["order_treatment"].prompt,
        choices,
        tuple(value(o) for o in accepted_orders),
        cited(rules["note"], rules["cite"]),
        "sequence",
    )


# --------------------------------------------------------------------------- article or trials?


def _article_or_trials(situation: Situation) -> Asked | None:
    article = situation.article_plan()
    if article is None:
        return None
    for part in (ASKED_PARTS["axilla"], ASKED_PARTS["systemic"], ASKED_PARTS["radiation"]):
        ours, theirs = part.answers(situation.plan), part.answers(article)
        if set(ours) == set(theirs):
            continue
        rules_a = load_ruleset(ARTICLE)
        step_a = _step_feedback(rules_a, article, part.part)
        step = _step_feedback(situation.rules, situation.plan, part.part)
        newer = [c for c in step.citations if c not in step_a.citations]
        changed = " " + _WORDS.say("what_changed", sources=cite_line(newer)) if newer else ""
        said_a = either(part.say(rules_a.vocabulary, v) for v in theirs)
        said = either(part.say(situation.rules.vocabulary, v) for v in ours)
        choices = sorted([Choice(ARTICLE, said_a), Choice(situation.rules.id, said)], key=lambda c: c.label)
        text = (
            _WORDS.say("pathway_says", title=situation.rules.title, answer=said, step=step.text)
            + " "
            + _WORDS.say("article_says", answer=said_a, step=step_a.text)
            + changed
        )
        prompt = _WORDS.say("article_or_trials", part=shipped_patient_words().phrase("plan_parts", part.part))
        return Asked(
            "article_or_trials",
            prompt,
            tuple(choices),
            (situation.rules.id,),
            Feedback(text, tuple(dict.fromkeys(step.citations + step_a.citations))),
            part.part,
        )
    return None


# --------------------------------------------------------------------------- the kinds


# Every kind of question, by id: the one place a kind is defined (QUESTION_KINDS are the defaults).
QUESTION_REGISTRY: dict[str, QuestionKind] = {
    k.id: k
    for k in (
        QuestionKind("nodal_category", "nodal_category", _nodal_category, default=True),
        _asked_part_kind("axilla", ASKED_PARTS["axilla"]),
        _asked_part_kind("systemic", ASKED_PARTS["systemic"]),
        _asked_part_kind("radiation", ASKED_PARTS["radiation"]),
        _asked_part_kind("bone_agent", ASKED_PARTS["consider:bisphosphonate"]),
        QuestionKind("change_axilla", "axilla", _what_changes("change_axilla", ASKED_PARTS["axilla"])),
        QuestionKind("change_systemic", "systemic", _what_changes("change_systemic", ASKED_PARTS["systemic"])),
        QuestionKind("order_treatment", "sequence", _order_treatment),
        QuestionKind("article_or_trials", "", _article_or_trials),
        QuestionKind("stage_it", "nodal_category", _stage_it),
    )
}

# The kinds a case asks when it names none: one per plan part (kept for existing case files).
QUESTION_KINDS = {k.id: k.prompt for k in QUESTION_REGISTRY.values() if k.default}


def ask(kind: str, patient: Patient, ruleset: str | Ruleset = "trials-2024") -> Asked:
    """Ask one kind of question about a patient; ``NotAnswerable`` when it does not apply.

    >>> ask("stage_it", Patient(0.1, "neg", "neg", "pos", "pre", "bcs", positive_nodes=2)).accepted
    ('pN0(i+)',)
    """
    asked = try_ask(kind, patient, ruleset)
    if asked is None:
        raise NotAnswerable(
            kind, f"{QUESTION_REGISTRY[kind].title!r} does not apply to this patient under this ruleset"
        )
    return asked


def try_ask(kind: str, patient: Patient, ruleset: str | Ruleset = "trials-2024") -> Asked | None:
    """Like ``ask`` but ``None`` when the kind does not apply to this patient."""
    if kind not in QUESTION_REGISTRY:
        raise KeyError(f"unknown question kind {kind!r}; allowed: {', '.join(QUESTION_REGISTRY)}")
    return QUESTION_REGISTRY[kind].make(Situation(patient, load_ruleset(ruleset)))


class NotAnswerable(InputError):
    """A question kind that does not apply to a patient (e.g. both pathways agree)."""
