"""The vocabulary: every code a plan or staging can carry, with the words a learner reads.

The words live in one data file (``micromets/data/vocabulary.yaml``); this module reads
it, answers "what is this code called?" and checks that a ruleset uses only known codes.
An instructor's ruleset may declare new codes with their words (a ``codes:`` key of the
same shape); ``Vocabulary.extended`` merges them over the shipped words for that ruleset
only. Ground layer: imports nothing of micromets but ``errors``.

>>> words = shipped()
>>> words.label("axilla", "no_alnd"), words.text("radiation", "whole_breast")
('SLNB alone', 'whole-breast radiation')
>>> words.option_text(("chemotherapy", "trastuzumab", "endocrine"))
'chemotherapy with trastuzumab, then endocrine therapy'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from string import Template
from types import MappingProxyType

from .checks import join_of, phrase_of, section_of, showable_text
from .datafiles import read_packaged
from .errors import DataFileError
from .words.plan import PlanWords, parse_plan_words

# The kinds of code a plan carries; a ruleset may add codes of these kinds (staging kinds are fixed).
PLAN_KINDS = ("axilla", "radiation", "component", "consider")
# Every kind of code the vocabulary has words for: staging, plan, and the surgery and menopause values.
CODE_KINDS = ("deposit_class", "nodal_category", *PLAN_KINDS, "surgery", "menopause")
_TERM_KEYS = {"label", "text", "starts_with"}
_PLAN_CODE = re.compile(r"[a-z][a-z0-9_]*")  # always fullmatch: `$` would let a trailing new line through
SOURCE = "micromets/data/vocabulary.yaml"


@dataclass(frozen=True)
class Term:
    """One code and its words: ``label`` for charts and buttons, ``text`` for plan text."""

    kind: str
    code: str
    label: str
    text: str
    starts_with: str | None = None  # a component given together with this one (said as one phrase)


@dataclass(frozen=True)
class FlowchartWords:
    """The flowchart's own words: a heading per kind of stage, a name per kind of box, and
    groups of a patient field's values with the words that name such patients.

    >>> words = shipped().flowchart
    >>> words.stages["systemic"], words.roles["sequence"]
    ('Systemic therapy', 'Sequencing note')
    >>> words.patients_words("nodal_category", {"pN1mi", "pN1a"})
    'node-positive'
    """

    stages: MappingProxyType
    roles: MappingProxyType
    patients: MappingProxyType  # field -> ((frozenset of values, words), ...)
    joins: MappingProxyType  # name -> the join, spaces included
    words: MappingProxyType  # name -> the drawing's fixed words, $names to fill in
    bare_answers: tuple[str, ...] = ()  # first words of a branch label that need its question (lower case)

    def say(self, key: str, **names) -> str:
        """A fixed word of the flowchart, its ``$names`` filled in (``string.Template``).

        >>> shipped().flowchart.say("box", role="Question", label="HER2?")
        'Question: HER2?'
        """
        return Template(self.words[key]).substitute(names)

    def patients_words(self, field_name: str, values) -> str | None:
        """The words for patients whose ``field_name`` is one of ``values``: the smallest group
        holding them all ("" when the data leaves the field unsaid; None when no group does)."""
        values = set(values)
        groups = [(len(group), words) for group, words in self.patients.get(field_name, ()) if values <= group]
        return min(groups)[1] if groups else None


class Vocabulary:
    """Codes and their words, by kind, and how plan text joins them (``plan_words``: the
    ``plan:`` section). Get the shipped one with ``shipped()``."""

    def __init__(
        self,
        kinds: dict[str, Term],
        terms: dict[str, dict[str, Term]],
        plan_words: PlanWords,
        flowchart: FlowchartWords | None = None,
    ):
        self.kinds = MappingProxyType(dict(kinds))
        self._terms = {kind: MappingProxyType(dict(codes)) for kind, codes in terms.items()}
        self.plan_words = plan_words
        self.flowchart = flowchart

    def codes(self, kind: str) -> tuple[str, ...]:
        """The codes of a kind, in the vocabulary's order.

        >>> shipped().codes("axilla")[:3]
        ('no_alnd', 'no_alnd_z0011', 'alnd_or_axillary_rt')
        """
        return tuple(self._terms[self._kind(kind)])

    def has(self, kind: str, code: object) -> bool:
        """Whether ``code`` is a known code of ``kind``.

        >>> shipped().has("component", "trastuzumab_emtansine"), shipped().has("component", "aspirin")
        (True, False)
        """
        return code in self._terms.get(kind, {})

    def term(self, kind: str, code: str) -> Term:
        """The term for a code; KeyError naming the kind and the known codes when unknown.

        >>> shipped().term("deposit_class", "itc").label
        'ITC'
        """
        codes = self._terms[self._kind(kind)]
        if code not in codes:
            raise KeyError(f"no words for the {kind} code {code!r}; known: {', '.join(codes)}")
        return codes[code]

    def label(self, kind: str, code: str) -> str:
        """The short capitalised name of a code (charts, buttons, table cells).

        >>> shipped().label("deposit_class", "micrometastasis")
        'Micrometastasis'
        """
        return self.term(kind, code).label

    def text(self, kind: str, code: str) -> str:
        """The phrase for a code in plan text.

        >>> shipped().text("consider", "bisphosphonate")
        'an adjuvant bisphosphonate'
        """
        return self.term(kind, code).text

    def kind_label(self, kind: str) -> str:
        """The heading for a kind ("Axilla", "Radiation", ...).

        >>> shipped().kind_label("component")
        'Systemic'
        """
        return self.kinds[self._kind(kind)].label

    def kind_text(self, kind: str) -> str:
        """A kind in running text ("axillary management", "systemic therapy", ...).

        >>> shipped().kind_text("consider")
        'items to weigh'
        """
        return self.kinds[self._kind(kind)].text

    def started_together(self, option) -> list[tuple[str, ...]]:
        """An option's components grouped by what starts together (``starts_with`` in the data),
        each group led by the component the others start with, in the order they are given.

        >>> shipped().started_together(("chemotherapy", "trastuzumab", "pertuzumab", "endocrine"))
        [('chemotherapy', 'trastuzumab', 'pertuzumab'), ('endocrine',)]
        """
        option = list(option)

        def lead_of(component: str) -> str:
            # follow the chain (pertuzumab starts with trastuzumab, which starts with chemotherapy)
            # as far as the option goes, so after surgery trastuzumab still leads pertuzumab
            seen = {component}
            partner = self.term("component", component).starts_with
            while partner in option and partner not in seen:
                component, seen = partner, seen | {partner}
                partner = self.term("component", component).starts_with
            return component

        return [
            (lead, *(c for c in option if c != lead and lead_of(c) == lead)) for lead in option if lead_of(lead) == lead
        ]

    def option_text(self, option) -> str:
        """One systemic option as a phrase, components in the order they are given, joined by
        the ``plan.joins`` of the data (``with``, ``and``, ``then``).

        >>> shipped().option_text(("chemotherapy", "endocrine"))
        'chemotherapy, then endocrine therapy'
        >>> shipped().option_text(("chemotherapy", "trastuzumab", "pertuzumab"))
        'chemotherapy with trastuzumab and pertuzumab'
        >>> shipped().option_text(("trastuzumab", "pertuzumab"))
        'trastuzumab with pertuzumab'
        """
        joins = self.plan_words.joins
        phrases = []
        for lead, *partners in self.started_together(option):
            phrase = self.text("component", lead)
            if partners:
                phrase += joins["with"] + joins["and"].join(self.text("component", p) for p in partners)
            phrases.append(phrase)
        return joins["then"].join(phrases)

    def option_label(self, option) -> str:
        """One systemic option as a short label for charts and buttons.

        >>> shipped().option_label(("chemotherapy", "trastuzumab", "endocrine"))
        'Chemotherapy + trastuzumab → endocrine'
        """
        joins = self.plan_words.joins
        groups = [
            joins["label_with"].join(self.label("component", c) for c in group)
            for group in self.started_together(option)
        ]
        return _inline(joins["label_then"].join(groups))

    def options_text(self, options) -> str:
        """Systemic alternatives, preferred first ("none" when there are none).

        >>> shipped().options_text([("endocrine",), ("chemotherapy", "endocrine")])
        'endocrine therapy  OR  chemotherapy, then endocrine therapy'
        """
        return self._alternatives(options, self.option_text, "no_option")

    def options_label(self, options) -> str:
        """Systemic alternatives as short labels, preferred first ("None" when there are none).

        >>> shipped().options_label([("endocrine",), ("chemotherapy", "endocrine")])
        'Endocrine  OR  Chemotherapy → endocrine'
        """
        return self._alternatives(options, self.option_label, "no_option_label")

    def _alternatives(self, options, say, none: str) -> str:
        # joined by `plan.joins.or`; with no option, the plan's word for none
        options = list(options)
        return self.plan_words.joins["or"].join(map(say, options)) if options else self.plan_words.say(none)

    def extended(self, declared: object, source: str, where: str = "codes") -> Vocabulary:
        """A copy with a ruleset's declared codes merged over these words.

        >>> mine = shipped().extended({"radiation": {"partial_breast": {"label": "Partial-breast RT",
        ...     "text": "partial-breast radiation"}}}, "mine.yaml")
        >>> mine.text("radiation", "partial_breast"), shipped().has("radiation", "partial_breast")
        ('partial-breast radiation', False)
        """
        if not declared:
            return self
        terms = {kind: dict(codes) for kind, codes in self._terms.items()}
        for kind, codes in _parse_codes(declared, source, where, self).items():
            terms[kind].update(codes)
        return Vocabulary(dict(self.kinds), terms, self.plan_words, self.flowchart)

    def _kind(self, kind: str) -> str:
        if kind not in self._terms:
            raise KeyError(f"unknown kind {kind!r}; known: {', '.join(self._terms)}")
        return kind


def _inline(label: str) -> str:
    """Lower-case every word after the first unless it is an acronym (T-DM1, RT)."""
    first, *rest = label.split(" ")
    return " ".join([first] + [w if sum(ch.isupper() for ch in w) > 1 else w.lower() for w in rest])


def _text_field(raw: dict, key: str, source: str, where: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise DataFileError(source, f"{where}.{key}", "needs a non-empty text")
    return showable_text(value.strip(), source, f"{where}.{key}", one_line=key == "label")


def _parse_term(kind: str, code: object, raw: object, source: str, where: str) -> Term:
    if not isinstance(raw, dict):
        raise DataFileError(source, where, "a code's words are a mapping {label: ..., text: ...}")
    unknown = sorted(set(raw) - _TERM_KEYS)
    if unknown:
        raise DataFileError(source, f"{where}.{unknown[0]}", f"unknown key; allowed: {', '.join(sorted(_TERM_KEYS))}")
    starts_with = raw.get("starts_with")
    if starts_with is not None and (kind != "component" or not isinstance(starts_with, str)):
        raise DataFileError(source, f"{where}.starts_with", "only a component may name the component it starts with")
    return Term(
        kind, str(code), _text_field(raw, "label", source, where), _text_field(raw, "text", source, where), starts_with
    )


def _parse_codes(data: object, source: str, where: str, base: Vocabulary | None) -> dict[str, dict[str, Term]]:
    """Parse ``{kind: {code: {label, text}}}``; with ``base``, only plan kinds may gain codes."""
    if not isinstance(data, dict):
        raise DataFileError(source, where, "a mapping {kind: {code: {label: ..., text: ...}}}")
    out: dict[str, dict[str, Term]] = {}
    for kind, codes in data.items():
        at = f"{where}.{kind}"
        if kind not in CODE_KINDS:
            raise DataFileError(source, at, f"unknown kind; allowed: {', '.join(PLAN_KINDS if base else CODE_KINDS)}")
        if not isinstance(codes, dict) or not codes:
            raise DataFileError(source, at, "a mapping {code: {label: ..., text: ...}}")
        out[kind] = {}
        for code, raw in codes.items():
            here = f"{at}.{code}"
            if base is not None and not base.has(kind, code):
                if kind not in PLAN_KINDS:
                    raise DataFileError(
                        source, here, f"{kind} codes are fixed by staging; new codes: {', '.join(PLAN_KINDS)}"
                    )
                if not isinstance(code, str) or not _PLAN_CODE.fullmatch(code):
                    raise DataFileError(source, here, "a plan code is a lower-case word joined by _")
            out[kind][str(code)] = _parse_term(kind, code, raw, source, here)
    for kind, codes in out.items():
        for code, term in codes.items():
            known = term.starts_with is None or term.starts_with in codes or (base and base.has(kind, term.starts_with))
            if not known:
                raise DataFileError(
                    source, f"{where}.{kind}.{code}.starts_with", f"unknown component {term.starts_with!r}"
                )
    return out


def parse_vocabulary(data: object, source: str) -> Vocabulary:
    """Check and build a vocabulary from parsed YAML; refuse it whole on any error.

    >>> v = parse_vocabulary({"kinds": {"axilla": {"label": "Axilla", "text": "axillary management"}},
    ...     "codes": {"axilla": {"no_alnd": {"label": "SLNB alone", "text": "no dissection"}}},
    ...     "plan": read_packaged("data/vocabulary.yaml")["plan"]}, "demo.yaml")
    >>> v.label("axilla", "no_alnd")
    'SLNB alone'
    """
    # `patient`, `questions`, `explorer`, `compare`, `site` and `figures` have their own loaders
    sections = {"kinds", "codes", "plan", "flowchart", "patient", "questions", "explorer", "compare", "site", "figures"}
    if not isinstance(data, dict) or not {"kinds", "codes", "plan"} <= set(data) <= sections:
        raise DataFileError(
            source,
            "",
            "the vocabulary is a mapping with 'kinds', 'codes' and 'plan' "
            "(and 'flowchart', 'patient', 'questions', 'explorer', 'compare', 'site', 'figures')",
        )
    if not isinstance(data["kinds"], dict):
        raise DataFileError(source, "kinds", "a mapping {kind: {label: ..., text: ...}}")
    kinds = {}
    for kind, raw in data["kinds"].items():
        if kind not in CODE_KINDS:
            raise DataFileError(source, f"kinds.{kind}", f"unknown kind; allowed: {', '.join(CODE_KINDS)}")
        kinds[kind] = _parse_term("kind", kind, raw, source, f"kinds.{kind}")
    terms = _parse_codes(data["codes"], source, "codes", None)
    missing = [k for k in terms if k not in kinds] + [k for k in kinds if k not in terms]
    if missing:
        raise DataFileError(
            source, f"kinds.{missing[0]}", "every kind needs a heading under kinds and codes under codes"
        )
    flowchart = _parse_flowchart(data["flowchart"], source) if "flowchart" in data else None
    return Vocabulary(kinds, terms, parse_plan_words(data["plan"], source), flowchart)


_FLOWCHART_NAMES = {
    "stages": ("axilla", "systemic", "radiation", "pathway"),
    "roles": ("question", "recommend", "sequence"),
}
_FLOWCHART_JOINS = ("answers", "patients", "arrow", "arrows")
# The flowchart words the panel's browser side shows (its toolbar, zoom buttons, stage list).
PANEL_WORDS = (
    "panel_views",
    "panel_keys",
    "panel_zoom",
    "panel_details",
    "panel_stage",
    "panel_choose",
    "on_route",
    "zoom_out",
    "zoom_in",
    "fit",
    "fit_tip",
    "show_route",
    "show_route_tip",
    "close",
)
# The drawing's fixed words, each with the $names it must use.
_FLOWCHART_WORDS = {
    "whole": (),
    "route": (),
    "chart": ("view",),
    "route_chart": ("ruleset",),
    "box": ("role", "label"),
    "select_box": ("box",),
    "box_options": ("box", "options"),
    "select_stage": ("stage",),
    "from_stage": ("stage",),
    "to_stage": ("stage", "node"),
    "stage_for": ("stage", "patients"),
    "continued": ("stage",),
    "continues": (),
    "not_taken": ("step",),
    "end": (),
    "note_on": ("note", "node"),
    "or": (),
    "figure": ("trial",),
    **dict.fromkeys(PANEL_WORDS, ()),
}


def _parse_flowchart(raw: object, source: str) -> FlowchartWords:
    """The ``flowchart:`` section: stage headings, box names, patient groups, the joins and the
    fixed words of the drawing, all checked."""
    if not isinstance(raw, dict) or set(raw) != {*_FLOWCHART_NAMES, "patients", "bare_answers", "joins", "words"}:
        raise DataFileError(
            source, "flowchart", "a mapping with 'stages', 'roles', 'patients', 'bare_answers', 'joins' and 'words'"
        )
    bare = raw["bare_answers"]
    if not isinstance(bare, list) or not all(isinstance(word, str) and word.strip() for word in bare):
        raise DataFileError(source, "flowchart.bare_answers", 'a list of words (quote "yes" and "no")')
    for i, word in enumerate(bare):
        showable_text(word, source, f"flowchart.bare_answers[{i}]", one_line=True)
    named = {}
    for key, names in _FLOWCHART_NAMES.items():
        section = raw[key]
        if not isinstance(section, dict) or set(section) != set(names):
            raise DataFileError(source, f"flowchart.{key}", f"a mapping with exactly: {', '.join(names)}")
        named[key] = MappingProxyType({name: _text_field(section, name, source, f"flowchart.{key}") for name in names})
    if not isinstance(raw["patients"], dict):
        raise DataFileError(source, "flowchart.patients", "a mapping {field: [{values: [...], words: ...}]}")
    patients = {}
    for field_name, groups in raw["patients"].items():
        at = f"flowchart.patients.{field_name}"
        if not isinstance(groups, list) or not groups:
            raise DataFileError(source, at, "a list of {values: [...], words: ...}")
        parsed = []
        for i, group in enumerate(groups):
            ok = isinstance(group, dict) and set(group) == {"values", "words"} and isinstance(group["words"], str)
            if not ok or not isinstance(group["values"], list) or not group["values"]:
                raise DataFileError(source, f"{at}[{i}]", "a mapping {values: [a list of values], words: text}")
            if not all(isinstance(v, str) for v in group["values"]):
                raise DataFileError(source, f"{at}[{i}].values", 'values are texts (quote "yes" and "no")')
            parsed.append((frozenset(group["values"]), group["words"].strip()))
        patients[str(field_name)] = tuple(parsed)
    joins = section_of(raw, "joins", _FLOWCHART_JOINS, source, "flowchart")
    words = section_of(raw, "words", tuple(_FLOWCHART_WORDS), source, "flowchart")
    return FlowchartWords(
        named["stages"],
        named["roles"],
        MappingProxyType(patients),
        MappingProxyType({key: join_of(joins, key, source, "flowchart.joins") for key in _FLOWCHART_JOINS}),
        MappingProxyType(
            {key: phrase_of(words, key, names, source, "flowchart.words") for key, names in _FLOWCHART_WORDS.items()}
        ),
        tuple(word.strip().lower() for word in bare),
    )


@cache
def shipped() -> Vocabulary:
    """The shipped vocabulary, loaded once.

    >>> "pN1mi" in shipped().codes("nodal_category")
    True
    """
    return parse_vocabulary(read_packaged("data/vocabulary.yaml"), SOURCE)


def label(kind: str, code: str) -> str:
    """The shipped label of a code (use ``plan.vocabulary`` for a plan's own ruleset words).

    >>> label("deposit_class", "itc")
    'ITC'
    """
    return shipped().label(kind, code)


def text(kind: str, code: str) -> str:
    """The shipped plan-text phrase of a code.

    >>> text("axilla", "no_alnd_z0011")
    'no axillary dissection (Z0011 criteria met)'
    """
    return shipped().text(kind, code)


def merge_declarations(base: object, child: object) -> object:
    """Fold a child ruleset's ``codes:`` over its base's, kind by kind (for ``extends``).

    >>> merge_declarations({"radiation": {"a": 1}}, {"radiation": {"b": 2}})
    {'radiation': {'a': 1, 'b': 2}}
    """
    if not isinstance(base, dict) or not isinstance(child, dict):
        return child if child is not None else base
    merged = dict(base)
    for kind, codes in child.items():
        both = isinstance(merged.get(kind), dict) and isinstance(codes, dict)
        merged[kind] = {**merged[kind], **codes} if both else codes
    return merged


def check_ruleset_codes(nodes, words: Vocabulary, source: str) -> None:
    """Refuse a ruleset whose nodes use a code that has no words, naming the file and key.

    ``nodes`` maps node ids to parsed nodes (``sets``, ``options``, ``consider``).

    >>> from types import SimpleNamespace as Node
    >>> check_ruleset_codes({"a": Node(sets=(("radiation", "moon"),), options=None, consider=())},
    ...                     shipped(), "x.yaml")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    micromets.ground.errors.DataFileError: x.yaml: nodes.a.set.radiation: unknown radiation code 'moon'; known: ...
    """

    def refuse(key: str, kind: str, code: object, what: str | None = None) -> None:
        known = ", ".join(words.codes(kind))
        raise DataFileError(
            source,
            key,
            f"unknown {what or kind + ' code'} {code!r}; known: {known} (or declare its words under codes.{kind})",
        )

    for node_id, node in nodes.items():
        where = f"nodes.{node_id}"
        for part, code in node.sets:
            if not words.has(part, code):
                refuse(f"{where}.set.{part}", part, code)
        for i, option in enumerate(node.options or ()):
            for component in option:
                if not words.has("component", component):
                    refuse(f"{where}.options[{i}]", "component", component, "component")
        for item in node.consider:
            if not words.has("consider", item):
                refuse(f"{where}.consider", "consider", item, "consider item")
