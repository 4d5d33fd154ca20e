"""Case files: clinical vignettes with a patient and the questions to ask; random case sets.

A case file (YAML) holds no answers: the engine is the answer key.

```yaml
title: Week 3 - micrometastases
ruleset: seed-2025          # optional, default seed-2025
cases:
  - id: nodes-1
    vignette: A 58-year-old woman ...
    patient: {deposit_mm: 1.1, er: pos, pr: pos, her2: neg, menopause: post, surgery: bcs}
    ask: [nodal_category, axilla, systemic]   # optional, default all five
```
Loading refuses the whole file, naming the file, the case id and the key.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..cohort import random_patient
from ..errors import DataFileError, InputError
from ..patient import INPUT_FIELDS, Patient
from ..ruleset import load_ruleset, read_yaml, safe_yaml, shipped_names
from .questions import QUESTION_KINDS

CASE_KEYS = {"id", "vignette", "patient", "ask"}
FILE_KEYS = {"title", "ruleset", "cases"}
SUBTYPES = (("pos", "neg"), ("pos", "pos"), ("neg", "pos"), ("neg", "neg"))  # (hr, her2)


@dataclass(frozen=True)
class Case:
    """One exercise case: what the learner reads, the patient, and what is asked."""

    id: str
    vignette: str
    patient: Patient
    ask: tuple[str, ...]

    def to_dict(self) -> dict:
        fields_ = {k: v for k, v in self.patient.inputs().items() if v is not None}
        return {"id": self.id, "vignette": self.vignette, "patient": fields_, "ask": list(self.ask)}


@dataclass(frozen=True)
class CaseSet:
    """A titled list of cases under one ruleset."""

    title: str
    ruleset: str
    cases: tuple[Case, ...] = field(default_factory=tuple)

    def to_yaml(self) -> str:
        """The case set as a case file (round-trips through ``parse_cases``)."""
        data = {"title": self.title, "ruleset": self.ruleset, "cases": [c.to_dict() for c in self.cases]}
        return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def parse_cases(data: object, source: str) -> CaseSet:
    """Check and build a case set from parsed YAML; any error refuses the whole file.

    >>> s = parse_cases({"cases": [{"id": "a", "vignette": "v", "patient": {"deposit_mm": 1, "er": "pos",
    ...     "pr": "pos", "her2": "neg", "menopause": "post", "surgery": "bcs"}}]}, "demo.yaml")
    >>> s.cases[0].ask[0], s.ruleset
    ('nodal_category', 'seed-2025')
    """
    if not isinstance(data, dict):
        raise DataFileError(source, "", "a case file is a mapping with title, ruleset and cases")
    unknown = sorted(set(data) - FILE_KEYS)
    if unknown:
        raise DataFileError(source, unknown[0], f"unknown key; allowed: {', '.join(sorted(FILE_KEYS))}")
    ruleset = data.get("ruleset", "seed-2025")
    if ruleset not in shipped_names():
        raise DataFileError(source, "ruleset", f"got {ruleset!r}; allowed: {', '.join(shipped_names())}")
    raw_cases = data.get("cases")
    if not isinstance(raw_cases, list) or not raw_cases:
        raise DataFileError(source, "cases", "a non-empty list of cases")
    cases, seen = [], set()
    for i, raw in enumerate(raw_cases):
        label = f"cases[{i}]"
        if not isinstance(raw, dict):
            raise DataFileError(source, label, "a case is a mapping with id, vignette, patient and ask")
        case_id = raw.get("id")
        if not isinstance(case_id, str) or not case_id.strip():
            raise DataFileError(source, f"{label}.id", "every case needs a text id")
        where = f"{label} ({case_id})"
        if case_id in seen:
            raise DataFileError(source, f"{where}.id", "duplicate case id")
        seen.add(case_id)
        unknown = sorted(set(raw) - CASE_KEYS)
        if unknown:
            raise DataFileError(
                source, f"{where}.{unknown[0]}", f"unknown key; allowed: {', '.join(sorted(CASE_KEYS))}"
            )
        vignette = raw.get("vignette")
        if not isinstance(vignette, str) or not vignette.strip():
            raise DataFileError(source, f"{where}.vignette", "a vignette text for the learner is required")
        fields_ = raw.get("patient")
        if not isinstance(fields_, dict):
            raise DataFileError(source, f"{where}.patient", "a mapping of patient fields")
        extra = sorted(set(fields_) - set(INPUT_FIELDS))
        if extra:
            raise DataFileError(
                source, f"{where}.patient.{extra[0]}", f"unknown field; allowed: {', '.join(INPUT_FIELDS)}"
            )
        try:
            patient = Patient(**fields_)
        except InputError as error:
            raise DataFileError(source, f"{where}.patient.{error.field}", str(error).split(": ", 1)[1]) from None
        except TypeError:
            missing = [n for n in ("deposit_mm", "er", "pr", "her2", "menopause", "surgery") if n not in fields_]
            raise DataFileError(source, f"{where}.patient.{missing[0]}", "is required") from None
        ask = raw.get("ask", list(QUESTION_KINDS))
        if not isinstance(ask, list) or not ask:
            raise DataFileError(source, f"{where}.ask", f"a list from {', '.join(QUESTION_KINDS)}")
        for kind in ask:
            if kind not in QUESTION_KINDS:
                raise DataFileError(
                    source, f"{where}.ask", f"unknown question {kind!r}; allowed: {', '.join(QUESTION_KINDS)}"
                )
        cases.append(Case(case_id, vignette.strip(), patient, tuple(dict.fromkeys(ask))))
    title = data.get("title", "micromets exercise")
    if not isinstance(title, str):
        raise DataFileError(source, "title", "a text")
    return CaseSet(title, ruleset, tuple(cases))


def load_cases(path: str | Path) -> CaseSet:
    """Load and validate a case file (``yaml.safe_load``; refused whole on any error).

    >>> load_cases("no-such-file.yaml")
    Traceback (most recent call last):
    micromets.errors.DataFileError: no-such-file.yaml: cannot be read (No such file or directory)
    """
    return parse_cases(read_yaml(path, what="case file"), str(path))


def cases_from_text(text: str, source: str = "<cases>") -> CaseSet:
    """Validate a case set written inline (as a student notebook carries it).

    >>> cases_from_text(shipped_bank().to_yaml()).cases[0].id
    'bank-01'
    """
    return parse_cases(safe_yaml(text, source), source)


def shipped_bank() -> CaseSet:
    """The shipped case bank, which together visits every leaf of seed-2025.

    >>> len(shipped_bank().cases) >= 12
    True
    """
    from importlib import resources

    path = resources.files("micromets").joinpath("exercises/case-bank.yaml")
    return parse_cases(
        safe_yaml(path.read_text(encoding="utf-8"), "micromets/exercises/case-bank.yaml"),
        "micromets/exercises/case-bank.yaml",
    )


# --------------------------------------------------------------------------- vignettes and random sets


def vignette(patient: Patient, rng: random.Random | None = None) -> str:
    """A clinical vignette written from the patient's fields (stating findings, never the answers).

    >>> "sentinel" in vignette(Patient(1.2, "pos", "pos", "neg", "post", "bcs", age=61))
    True
    """
    rng = rng or random.Random(0)
    age = f"{patient.age}-year-old" if patient.age is not None else "adult"
    meno = {"pre": "premenopausal", "post": "postmenopausal"}[patient.menopause]
    surgery = {"bcs": "breast-conserving surgery", "mastectomy": "a mastectomy"}[patient.surgery]
    tumour = "an invasive breast carcinoma"
    if patient.tumor_mm is not None:
        size = f"{patient.tumor_mm:g}"
        article = "an" if size.startswith(("8", "11", "18")) and not size.startswith(("180", "110")) else "a"
        tumour = f"{article} {size} mm invasive breast carcinoma"
    if patient.grade is not None:
        tumour += f", grade {patient.grade}"
    if patient.deposit_mm == 0:
        nodes = "The sentinel nodes show no tumour on serial sections."
    else:
        count = {1: "one sentinel node"}.get(patient.positive_nodes, f"{patient.positive_nodes} nodes")
        cells = f", a cluster of about {patient.cells} cells in one cross-section" if patient.cells is not None else ""
        nodes = f"Pathology reports tumour deposits in {count}; the largest measures {patient.deposit_mm:g} mm{cells}."

    def status(x):
        return "positive" if x == "pos" else "negative"

    receptors = f"ER {status(patient.er)}, PR {status(patient.pr)}, HER2 {status(patient.her2)}."
    score = (
        f" A 21-gene recurrence score of {patient.recurrence_score} is available."
        if patient.recurrence_score is not None
        else ""
    )
    opener = rng.choice(["A", "Clinic review: a", "Multidisciplinary meeting: a"])
    return (
        f"{opener} {age} {meno} woman had {surgery} and sentinel node biopsy for {tumour}. {nodes} {receptors}{score}"
    )


def learner_seed(seed: int, learner: str | None) -> int:
    """A stable per-learner seed from a set seed and a learner id (the same across machines).

    >>> learner_seed(1, "ana") == learner_seed(1, "ana") != learner_seed(1, "ben")
    True
    """
    if not learner:
        return seed
    digest = hashlib.sha256(f"{seed}:{learner}".encode()).hexdigest()
    return int(digest[:12], 16)


def random_cases(
    count: int,
    seed: int,
    learner: str | None = None,
    ruleset: str = "seed-2025",
    ask: tuple[str, ...] = tuple(QUESTION_KINDS),
) -> CaseSet:
    """A stratified random case set: deposit classes (ITC, micro, macro, none) and the four
    receptor subtypes are cycled so that a set of 12 covers ITC, micro- and macrometastases
    and every subtype. Reproducible from ``seed`` (and ``learner`` for per-learner variants).

    >>> [c.patient.deposit_class for c in random_cases(3, seed=5).cases]
    ['micrometastasis', 'itc', 'macrometastasis']
    """
    if not isinstance(count, int) or count < 1:
        raise InputError("n", f"got {count!r}; allowed: a whole number of cases, 1 or more")
    load_ruleset(ruleset)
    rng = random.Random(learner_seed(seed, learner))
    classes = ["micrometastasis", "itc", "macrometastasis", "micrometastasis", "none", "itc"]
    subtypes = list(SUBTYPES)
    rng.shuffle(subtypes)
    cases = []
    for i in range(count):
        hr, her2 = subtypes[i % len(subtypes)]
        patient = random_patient(rng, deposit_class=classes[i % len(classes)], hr=hr, her2=her2)
        suffix = f"-{learner}" if learner else ""
        cases.append(Case(f"case-{i + 1:02d}{suffix}", vignette(patient, rng), patient, tuple(ask)))
    who = f" for {learner}" if learner else ""
    return CaseSet(f"Random cases (seed {seed}{who})", ruleset, tuple(cases))
