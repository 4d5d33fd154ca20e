"""The patient: input fields declared as data, validated on construction.

Each input is declared once in ``INPUT_FIELDS`` (label, allowed values, whether it may be
unknown). The CLI flags, the explorer widgets, the case files and the random case
generator all read these declarations, so a field is never described twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from ..ground import vocabulary
from ..ground.errors import InputError
from ..ground.staging import classify_deposit, nodal_category

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

INPUT_FIELDS: dict[str, InputField] = {
    f.name: f
    for f in (
        InputField(
            "deposit_mm",
            "Largest nodal deposit (mm)",
            "float",
            minimum=0,
            help="largest nodal tumour deposit in mm; 0 means none found",
            default=1.2,
            reach=5.0,
        ),
        InputField(
            "cells",
            "Cells in largest cluster",
            "int",
            minimum=0,
            optional=True,
            help="cells in the largest cluster of one cross-section (>200 makes it at least a micrometastasis)",
            typical=150,
        ),
        InputField(
            "positive_nodes",
            "Nodes with a deposit",
            "int",
            minimum=0,
            optional=True,
            help="nodes holding a deposit (default 1 when a deposit is given, else 0)",
            default=1,
            reach=15,
        ),
        InputField("er", "Oestrogen receptor", "choice", POS_NEG, default="pos"),
        InputField("pr", "Progesterone receptor", "choice", POS_NEG, default="pos"),
        InputField("her2", "HER2", "choice", POS_NEG, default="neg"),
        InputField("menopause", "Menopausal status", "choice", ("pre", "post"), default="post"),
        InputField(
            "surgery",
            "Breast surgery",
            "choice",
            ("bcs", "mastectomy"),
            help="bcs = breast-conserving surgery",
            default="bcs",
        ),
        InputField(
            "recurrence_score",
            "21-gene recurrence score",
            "int",
            minimum=0,
            maximum=100,
            optional=True,
            help="optional 21-gene recurrence score, 0 to 100",
            typical=20,
        ),
        InputField("age", "Age (years)", "int", minimum=18, maximum=120, optional=True, typical=55),
        InputField(
            "tumor_mm",
            "Primary tumour size (mm)",
            "float",
            minimum=0.1,
            optional=True,
            help="invasive primary tumour size in mm",
            typical=15,
            reach=50,
        ),
        InputField("grade", "Histological grade", "int", minimum=1, maximum=3, optional=True),
        InputField(
            "neoadjuvant",
            "Systemic therapy before surgery",
            "choice",
            ("no", "yes"),
            help="neoadjuvant (preoperative) systemic therapy; yes gives yp nodal categories (default no)",
            default="no",
        ),
        InputField(
            "clinical_nodes",
            "Nodes before neoadjuvant therapy",
            "choice",
            ("cn0", "cn_positive"),
            optional=True,
            help="clinical nodal status before neoadjuvant therapy (asked only with neoadjuvant yes)",
        ),
        InputField(
            "gbrca",
            "Germline BRCA1/2 variant",
            "choice",
            ("unknown", "no", "yes"),
            help="germline BRCA1/2 pathogenic variant (default unknown)",
            default="unknown",
        ),
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
    clinical_nodes: str | None = None
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
        """A one-line clinical summary of the patient.

        >>> Patient(1.2, "pos", "pos", "neg", "post", "bcs").describe()
        '1.2 mm deposit (micrometastasis, pN1mi) in 1 node; ER+ PR+ HER2-; postmenopausal; breast-conserving surgery'
        """
        sign = {"pos": "+", "neg": "-"}
        words = vocabulary.shipped()
        deposit = (
            f"{words.text('deposit_class', 'none')} ({self.nodal_category})"
            if self.deposit_class == "none"
            else (
                f"{self.deposit_mm:g} mm deposit ({words.text('deposit_class', self.deposit_class)}, "
                f"{self.nodal_category}) in {self.positive_nodes} node{'s' if self.positive_nodes != 1 else ''}"
            )
        )
        parts = [
            deposit,
            f"ER{sign[self.er]} PR{sign[self.pr]} HER2{sign[self.her2]}",
            words.text("menopause", self.menopause),
            words.text("surgery", self.surgery),
        ]
        if self.neoadjuvant == "yes":
            parts.append("after neoadjuvant systemic therapy")
            if self.clinical_nodes is not None:
                parts.append(words.text("clinical_nodes", self.clinical_nodes))
        if self.gbrca != "unknown":
            parts.append(words.text("gbrca", self.gbrca))
        extras = [
            f"age {self.age}" if self.age is not None else "",
            f"tumour {self.tumor_mm:g} mm" if self.tumor_mm is not None else "",
            f"grade {self.grade}" if self.grade is not None else "",
            f"recurrence score {self.recurrence_score}" if self.recurrence_score is not None else "",
        ]
        return "; ".join(parts + [e for e in extras if e])
