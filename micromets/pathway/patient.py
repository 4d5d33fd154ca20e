"""The patient: input fields declared as data, validated on construction.

Each input is declared once in ``INPUT_FIELDS``: allowed values, whether it may be unknown and
how a form starts it here; its label and help from the vocabulary's ``patient:`` words. The CLI
flags, the explorer widgets, the case files and the random case generator all read these
declarations, so a field is never described twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from ..ground.errors import InputError
from ..ground.staging import classify_deposit, nodal_category
from ..ground.words.patient import shipped_patient_words
from . import prose

PatientError = InputError


@dataclass(frozen=True)
class InputField:
    """How one patient input is described to people and checked."""

    name: str
    label: str
    kind: str  # "choice", "int" or "float"
    choices: tuple = ()
    minimum: float | None = None
    maximum: float | None = None
    optional: bool = False
    help: str = ""
    # How a form (the explorer) shows the field: where it starts (None: not given), where a
    # numeric control waits while the value is not given, and how far a slider reaches when
    # the field has no maximum (the slider grows to show a larger value; it never clamps).
    default: object = None
    typical: float | None = None
    reach: float | None = None

    def allowed(self) -> str:
        """Say in words which values are allowed, for error messages and help."""
        if self.kind == "choice":
            text = " or ".join(str(c) for c in self.choices)
        else:
            unit = "a whole number" if self.kind == "int" else "a number"
            if self.maximum is None:
                text = f"{unit} of {self.minimum:g} or more"
            else:
                text = f"{unit} from {self.minimum:g} to {self.maximum:g}"
        return text + (" (or unknown)" if self.optional else "")

    def check(self, value: object) -> object:
        """Return ``value`` normalised, or raise PatientError naming this field."""
        if value is None:
            if self.optional:
                return None
            raise PatientError(self.name, f"is required; allowed: {self.allowed()}")
        if self.kind == "choice":
            if isinstance(value, bool) or value not in self.choices:
                raise PatientError(self.name, f"got {value!r}; allowed: {self.allowed()}")
            return value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise PatientError(self.name, f"got {value!r}; allowed: {self.allowed()}")
        if self.kind == "int" and isinstance(value, float):
            if not value.is_integer():
                raise PatientError(self.name, f"got {value!r}; allowed: {self.allowed()}")
            value = int(value)
        if not abs(value) <= 1e15:  # NaN, infinities, and integers too large for a float (or to print)
            got = "a number beyond 1e15" if abs(value) > 1e15 else repr(value)
            raise PatientError(self.name, f"got {got}; allowed: {self.allowed()}")
        if value < self.minimum or (self.maximum is not None and value > self.maximum):
            raise PatientError(self.name, f"got {value!r}; allowed: {self.allowed()}")
        return float(value) if self.kind == "float" else value


POS_NEG = ("pos", "neg")
_WORDS = shipped_patient_words()


def _field(name: str, kind: str, choices: tuple = (), **contract) -> InputField:
    """One input: its contract (kind, values, bounds, form defaults) here, its words from the vocabulary."""
    return InputField(name, _WORDS.label(name), kind, choices, help=_WORDS.help(name), **contract)


INPUT_FIELDS: dict[str, InputField] = {
    f.name: f
    for f in (
        _field("deposit_mm", "float", minimum=0, default=1.2, reach=5.0),
        _field("cells", "int", minimum=0, optional=True, typical=150),
        _field("positive_nodes", "int", minimum=0, optional=True, default=1, reach=15),
        _field("er", "choice", POS_NEG, default="pos"),
        _field("pr", "choice", POS_NEG, default="pos"),
        _field("her2", "choice", POS_NEG, default="neg"),
        _field("menopause", "choice", ("pre", "post"), default="post"),
        _field("surgery", "choice", ("bcs", "mastectomy"), default="bcs"),
        _field("recurrence_score", "int", minimum=0, maximum=100, optional=True, typical=20),
        _field("age", "int", minimum=18, maximum=120, optional=True, typical=55),
        _field("tumor_mm", "float", minimum=0.1, optional=True, typical=15, reach=50),
        _field("grade", "int", minimum=1, maximum=3, optional=True),
        _field("neoadjuvant", "choice", ("no", "yes"), default="no"),
        _field("clinical_nodes", "choice", ("cn0", "cn_positive"), optional=True),
        _field("gbrca", "choice", ("unknown", "no", "yes"), default="unknown"),
    )
}


# The inputs each derived field is computed from.
DERIVED_FROM = {
    "deposit_class": ("deposit_mm", "cells"),
    "nodal_category": ("deposit_mm", "cells", "positive_nodes", "neoadjuvant"),
    "hr_status": ("er", "pr"),
}


def inputs_behind(fields_asked) -> set[str]:
    """The input fields that the given (possibly derived) fields depend on.

    >>> sorted(inputs_behind(["hr_status", "her2"]))
    ['er', 'her2', 'pr']
    """
    out: set[str] = set()
    for name in fields_asked:
        out.update(DERIVED_FROM.get(name, (name,)))
    return out


@dataclass(frozen=True)
class Patient:
    """A patient with axillary staging and tumour biology, validated on construction.

    A bad value raises ``PatientError`` (a ``ValueError``) that names the field and what
    is allowed. ``neoadjuvant="yes"`` means systemic therapy was given before surgery, so a
    nodal deposit is residual disease and the category carries the ``yp`` prefix. Derived
    fields (``deposit_class``, ``nodal_category``, ``hr_status``) are computed once here so
    that the engine never recomputes them.

    >>> p = Patient(deposit_mm=1.2, er="pos", pr="pos", her2="neg", menopause="post", surgery="bcs")
    >>> p.deposit_class, p.nodal_category, p.positive_nodes
    ('micrometastasis', 'pN1mi', 1)
    >>> Patient(1.2, "neg", "neg", "neg", "pre", "bcs", neoadjuvant="yes").nodal_category
    'ypN1mi'
    """

    deposit_mm: float
    er: str
    pr: str
    her2: str
    menopause: str
    surgery: str
    cells: int | None = None
    positive_nodes: int | None = None
    recurrence_score: int | None = None
    age: int | None = None
    tumor_mm: float | None = None
    grade: int | None = None
    neoadjuvant: str = "no"
    clinical_nodes: str | None = None  # asked only after neoadjuvant therapy
    gbrca: str = "unknown"
    deposit_class: str = field(init=False, repr=False, compare=False)
    nodal_category: str = field(init=False, repr=False, compare=False)
    hr_status: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        put = object.__setattr__
        for spec in INPUT_FIELDS.values():
            put(self, spec.name, spec.check(getattr(self, spec.name)))
        deposit_class = classify_deposit(self.deposit_mm, self.cells)
        nodes = self.positive_nodes
        if nodes is None:
            nodes = 0 if deposit_class == "none" else 1
        elif deposit_class == "none" and nodes > 0:
            raise PatientError("positive_nodes", f"got {nodes}, but the deposit size is 0 (none found); allowed: 0")
        elif deposit_class not in ("none", "itc") and nodes == 0:  # ITC-only nodes may be counted as 0 (AJCC)
            raise PatientError(
                "positive_nodes", f"got 0, but a {self.deposit_mm:g} mm deposit was given; allowed: 1 or more"
            )
        put(self, "positive_nodes", nodes)
        put(self, "deposit_class", deposit_class)
        put(self, "nodal_category", nodal_category(deposit_class, nodes, neoadjuvant=self.neoadjuvant == "yes"))
        put(self, "hr_status", "pos" if "pos" in (self.er, self.pr) else "neg")

    def inputs(self) -> dict:
        """The patient's input fields (not the derived ones) as a plain dict.

        >>> Patient(0, "neg", "neg", "neg", "pre", "bcs").inputs()["positive_nodes"]
        0
        """
        return {f.name: getattr(self, f.name) for f in fields(self) if f.init}

    def describe(self) -> str:
        """A one-line clinical summary of the patient (written by ``micromets.pathway.prose``).

        >>> Patient(1.2, "pos", "pos", "neg", "post", "bcs").describe()
        '1.2 mm deposit (micrometastasis, pN1mi) in 1 node; ER+ PR+ HER2-; postmenopausal; breast-conserving surgery'
        """
        return prose.describe(self)
