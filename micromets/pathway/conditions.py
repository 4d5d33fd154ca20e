"""Branch conditions: compiled from declarative mappings, and proven to cover every patient.

A condition is a small mapping such as ``{eq: micrometastasis}``, ``{in: [pos]}`` or
``{ge: 18, le: 30}`` (all keys must hold), or the word ``otherwise``. It is checked and
compiled into comparisons; nothing is ever evaluated as code.

Each condition also knows exactly *which values* it accepts: a set of named values for a
choice field, or a union of intervals (open or closed ends) of real numbers plus "not
given" for a numeric field. ``uncovered_value`` uses that to prove, by interval
arithmetic rather than by probing, that the branches of a question cover every value a
patient can have (the field's declared minimum and maximum, whole numbers for whole-number
fields, "not given" for optional ones), and otherwise returns a value no branch accepts.
"""

from __future__ import annotations

import math
import operator
from dataclasses import dataclass

from ..ground.checks import require
from ..ground.datafiles import shown
from ..ground.errors import DataFileError
from ..ground.staging import ALL_NODAL_CATEGORIES, DEPOSIT_CLASSES
from .patient import INPUT_FIELDS

# Fields a question may ask: the patient's inputs plus the derived ones.
_DERIVED = {
    "deposit_class": ("choice", DEPOSIT_CLASSES),
    "nodal_category": ("choice", ALL_NODAL_CATEGORIES),
    "hr_status": ("choice", ("pos", "neg")),
}
_COMPARATORS = {"lt": operator.lt, "le": operator.le, "gt": operator.gt, "ge": operator.ge}
CONDITION_KEYS = ("eq", "ne", "in", "not_in", "lt", "le", "gt", "ge", "missing")
_LARGEST = 1e15  # thresholds beyond this are typing slips, and would lose precision as floats

INF = math.inf


def field_domain(name: str) -> tuple[str, tuple, bool]:
    """(kind, choices, optional) for a field a ruleset may ask about.

    >>> field_domain("deposit_class")[0], field_domain("recurrence_score")[2]
    ('choice', True)
    """
    if name in _DERIVED:
        kind, choices = _DERIVED[name]
        return kind, choices, False
    spec = INPUT_FIELDS.get(name)
    if spec is None:
        raise KeyError(name)
    optional = spec.optional and name != "positive_nodes"  # the patient fills positive_nodes in
    return spec.kind, spec.choices, optional


def askable_fields() -> list[str]:
    """Every field name a question node may ``ask``.

    >>> "hr_status" in askable_fields()
    True
    """
    return sorted(set(INPUT_FIELDS) | set(_DERIVED))


# ----------------------------------------------------------------------------- intervals


@dataclass(frozen=True)
class Span:
    """One interval of real numbers; ``lo_in``/``hi_in`` say whether an end belongs to it.

    >>> Span(1.0, False, 2.0, True).holds(2.0), Span(1.0, False, 2.0, True).holds(1.0)
    (True, False)
    """

    lo: float
    lo_in: bool
    hi: float
    hi_in: bool

    def is_empty(self) -> bool:
        return self.lo > self.hi or (self.lo == self.hi and not (self.lo_in and self.hi_in))

    def holds(self, x) -> bool:
        above = x > self.lo or (self.lo_in and x == self.lo)
        below = x < self.hi or (self.hi_in and x == self.hi)
        return above and below

    def some_value(self, whole: bool):
        """A value inside this span (a whole number if ``whole``), or None if there is none."""
        if whole:
            if math.isfinite(self.lo):
                n = math.ceil(self.lo) + (1 if math.ceil(self.lo) == self.lo and not self.lo_in else 0)
            else:
                n = math.floor(self.hi) if math.isfinite(self.hi) else 0
                n -= 1 if n == self.hi and not self.hi_in else 0
            return n if self.holds(n) else None
        if self.lo_in:
            return self.lo
        if self.hi_in and self.lo == -INF:
            return self.hi
        middle = self.lo / 2 + self.hi / 2 if math.isfinite(self.hi) else self.lo + 1
        return middle if self.holds(middle) else None  # floats between two adjacent floats: none


_ALL = (Span(-INF, False, INF, False),)


def _ends_first(x: Span, y: Span) -> bool:
    """Whether ``x`` ends before ``y`` does (equal ends: the open one ends first)."""
    return x.hi < y.hi or (x.hi == y.hi and not x.hi_in and y.hi_in)


def _intersect(a: tuple[Span, ...], b: tuple[Span, ...]) -> tuple[Span, ...]:
    """The values in both unions of spans; each is sorted and disjoint, and so is the result.

    One sweep over both (linear), so a ``not_in`` list of thousands of values loads at once.

    >>> _intersect((Span(0, True, 2, True), Span(5, True, 9, False)), (Span(1, False, 6, True),))
    (Span(lo=1, lo_in=False, hi=2, hi_in=True), Span(lo=5, lo_in=True, hi=6, hi_in=True))
    """
    out = []
    i = j = 0
    while i < len(a) and j < len(b):
        x, y = a[i], b[j]
        if x.lo != y.lo:
            lo, lo_in = (x.lo, x.lo_in) if x.lo > y.lo else (y.lo, y.lo_in)
        else:
            lo, lo_in = x.lo, x.lo_in and y.lo_in
        if x.hi != y.hi:
            hi, hi_in = (x.hi, x.hi_in) if x.hi < y.hi else (y.hi, y.hi_in)
        else:
            hi, hi_in = x.hi, x.hi_in and y.hi_in
        span = Span(lo, lo_in, hi, hi_in)
        if not span.is_empty():
            out.append(span)
        if _ends_first(x, y):
            i += 1
        elif _ends_first(y, x):
            j += 1
        else:
            i, j = i + 1, j + 1
    return tuple(out)


def _complement(spans: tuple[Span, ...]) -> tuple[Span, ...]:
    """The values outside a sorted, disjoint union of spans (the gaps between them), in one pass.

    >>> _complement((Span(1, True, 1, True),))
    (Span(lo=-inf, lo_in=False, hi=1, hi_in=False), Span(lo=1, lo_in=False, hi=inf, hi_in=False))
    """
    out = []
    lo, lo_in = -INF, False
    for s in spans:
        gap = Span(lo, lo_in, s.lo, not s.lo_in)
        if not gap.is_empty():
            out.append(gap)
        lo, lo_in = s.hi, not s.hi_in
    tail = Span(lo, lo_in, INF, False)
    if not tail.is_empty():
        out.append(tail)
    return tuple(out)


def _points(values) -> tuple[Span, ...]:
    """Single values as spans, sorted and without repeats (the form every union of spans keeps)."""
    return tuple(Span(v, True, v, True) for v in sorted(set(values)))


_ATOM_SPANS = {
    "lt": lambda t: (Span(-INF, False, t, False),),
    "le": lambda t: (Span(-INF, False, t, True),),
    "gt": lambda t: (Span(t, False, INF, False),),
    "ge": lambda t: (Span(t, True, INF, False),),
    "eq": lambda t: _points([t]),
    "ne": lambda t: _complement(_points([t])),
    "in": _points,
    "not_in": lambda ts: _complement(_points(ts)),
}


# ----------------------------------------------------------------------------- conditions


@dataclass(frozen=True, eq=False)
class Condition:
    """A compiled declarative condition; ``spec`` is the mapping as written.

    ``accepts_missing`` and ``spans`` (numeric fields) or ``choices`` (choice fields)
    describe exactly the values it accepts, for the coverage proof.
    """

    spec: dict
    test: object  # callable(value) -> bool
    thresholds: tuple = ()
    accepts_missing: bool = True
    spans: tuple[Span, ...] = _ALL
    choices: frozenset | None = None

    def __call__(self, value) -> bool:
        return self.test(value)


def _number_ok(value: object) -> bool:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    return abs(value) <= _LARGEST  # false for NaN and infinities; huge ints compare exactly, no overflow


def compile_condition(spec: object, field_name: str, where: str, source: str) -> Condition:
    """Compile a declarative condition on ``field_name``; refuse anything else.

    >>> c = compile_condition({"ge": 18, "le": 30}, "recurrence_score", "x", "demo.yaml")
    >>> c(18), c(31), c(None)
    (True, False, False)
    """
    if isinstance(spec, str) and spec == "otherwise":
        return Condition({"otherwise": True}, lambda value: True)
    if isinstance(spec, str):
        raise DataFileError(
            source,
            where,
            f"got the text {shown(spec)}: a condition is a mapping such as "
            "{eq: micrometastasis} or {lt: 18}, or the word otherwise; expressions are never evaluated",
        )
    if not isinstance(spec, dict) or not spec:
        raise DataFileError(source, where, f"a condition is a mapping with keys from {', '.join(CONDITION_KEYS)}")
    kind, choices, optional = field_domain(field_name)
    tests = []
    thresholds = []
    accepts_missing = True
    spans = _ALL
    for key, value in spec.items():
        at = f"{where}.{key}"
        require(
            isinstance(key, str) and key in CONDITION_KEYS,
            source,
            at,
            f"unknown comparison; allowed: {', '.join(CONDITION_KEYS)}",
        )
        if key == "missing":
            require(isinstance(value, bool), source, at, "missing takes true or false")
            require(optional, source, at, f"{field_name} is always known; 'missing' does not apply")
            tests.append((lambda v: v is None) if value else (lambda v: v is not None))
            accepts_missing = accepts_missing and value
            if value:
                spans = ()
            continue
        require(
            not (key in _COMPARATORS and kind == "choice"),
            source,
            at,
            f"{field_name} has named values; use eq or in, not {key}",
        )
        if key in ("in", "not_in"):
            require(isinstance(value, list) and bool(value), source, at, f"{key} takes a non-empty list of values")
        values = value if key in ("in", "not_in") else [value]
        for v in values:
            ok = (isinstance(v, str) and v in choices) if kind == "choice" else _number_ok(v)
            if not ok:
                allowed = ", ".join(map(str, choices)) if kind == "choice" else f"numbers within ±{_LARGEST:g}"
                raise DataFileError(source, at, f"{shown(v)} is not a value of {field_name}; allowed: {allowed}")
        accepts_missing = False  # every comparison below is false for a value that is not given
        if kind != "choice":
            thresholds.extend(values)
            spans = _intersect(spans, _ATOM_SPANS[key](value))
        if key in _COMPARATORS:
            tests.append(lambda v, compare=_COMPARATORS[key], t=value: v is not None and compare(v, t))
        elif key == "eq":
            tests.append(lambda v, t=value: v == t)
        elif key == "ne":
            tests.append(lambda v, t=value: v is not None and v != t)
        elif key == "in":
            tests.append(lambda v, allowed_set=frozenset(value): v in allowed_set)
        else:
            tests.append(lambda v, barred=frozenset(value): v is not None and v not in barred)
    test = tests[0] if len(tests) == 1 else (lambda v, ts=tuple(tests): all(t(v) for t in ts))
    accepted = frozenset(c for c in choices if test(c)) if kind == "choice" else None
    return Condition(dict(spec), test, tuple(thresholds), accepts_missing, spans, accepted)


class _Covered:
    def __repr__(self) -> str:
        return "COVERED"


COVERED = _Covered()


def uncovered_value(field_name: str, conditions) -> object:
    """A value of ``field_name`` that none of ``conditions`` accepts, or ``COVERED``.

    Exact: interval arithmetic over the conditions within the field's declared range
    (whole numbers only for whole-number fields; ``None`` stands for "not given").

    >>> gap = [compile_condition({"le": 1.0}, "deposit_mm", "x", "t"),
    ...        compile_condition({"ge": 1.0000005}, "deposit_mm", "x", "t")]
    >>> 1.0 < uncovered_value("deposit_mm", gap) < 1.0000005
    True
    >>> uncovered_value("positive_nodes", [compile_condition({"lt": 2.5}, "positive_nodes", "x", "t"),
    ...                                    compile_condition({"gt": 2.5}, "positive_nodes", "x", "t")])
    COVERED
    """
    conditions = list(conditions)
    kind, choices, optional = field_domain(field_name)
    if optional and not any(c.accepts_missing for c in conditions):
        return None
    if kind == "choice":
        for choice in choices:
            if not any(c.test(choice) for c in conditions):
                return choice
        return COVERED
    spec = INPUT_FIELDS[field_name]
    low = spec.minimum if spec.minimum is not None else -INF
    high = spec.maximum if spec.maximum is not None else INF
    domain = (Span(low, math.isfinite(low), high, math.isfinite(high)),)
    for condition in conditions:
        domain = _intersect(domain, _complement(condition.spans))
    for span in domain:
        value = span.some_value(whole=kind == "int")
        if value is not None:
            return value
    return COVERED


def condition_label(spec: dict) -> str:
    """A short label for a condition, used when a branch names none.

    >>> condition_label({"ge": 18, "le": 30}), condition_label({"in": ["pos"], "missing": False})
    ('≥18 ≤30', 'pos given')
    """
    words = {"lt": "<", "le": "≤", "gt": ">", "ge": "≥", "eq": "", "ne": "≠"}
    if "otherwise" in spec:
        return "otherwise"
    parts = []
    for key, value in spec.items():
        if key in ("in", "not_in"):
            parts.append(("not " if key == "not_in" else "") + "/".join(map(str, value)))
        elif key == "missing":
            parts.append("not given" if value else "given")
        else:
            parts.append(f"{words[key]}{value}")
    return " ".join(parts)
