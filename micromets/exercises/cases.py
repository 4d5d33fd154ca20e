"""Case files: clinical vignettes with a patient and the questions to ask; random case sets.

A case file (YAML) holds no answers: the engine is the answer key.

```yaml
title: Week 3 - micrometastases
ruleset: trials-2024        # optional: a shipped name or a ruleset file (path relative to this file)
kinds: [axilla, stage_it]   # optional: the questions a case asks when it names none
cases:
  - id: nodes-1
    vignette: A 58-year-old woman ...
    patient: {deposit_mm: 1.1, er: pos, pr: pos, her2: neg, menopause: post, surgery: bcs}
    ask: [nodal_category, axilla, systemic]   # optional, default the set's kinds
```
Loading refuses the whole file, naming the file, the case id and the key.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..ground.checks import showable_text
from ..ground.datafiles import read_packaged
from ..ground.errors import DataFileError, InputError
from ..pathway.cohort import random_patient
from ..pathway.patient import INPUT_FIELDS, Patient
from ..pathway.prose import indefinite, sentence, vignette  # noqa: F401 (re-exported: vignettes are written there)
from ..pathway.ruleset import Ruleset, load_ruleset, parse_ruleset, read_yaml, safe_yaml, shipped_names
from .questions import QUESTION_KINDS, QUESTION_REGISTRY, try_ask

CASE_KEYS = {"id", "vignette", "patient", "ask"}
FILE_KEYS = {"title", "ruleset", "kinds", "cases"}
EMBEDDED_RULESET = "ruleset_file"  # a notebook carries an instructor's ruleset file inside its data
DEFAULT_RULESET = "trials-2024"
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
    """A titled list of cases under one ruleset (a shipped name, or an instructor's file).

    ``ruleset_data`` holds an instructor's ruleset file as parsed data, so that a built
    notebook carries it and runs where the file is not.
    """

    title: str
    ruleset: str
    cases: tuple[Case, ...] = field(default_factory=tuple)
    kinds: tuple[str, ...] = tuple(QUESTION_KINDS)
    ruleset_data: dict | None = field(default=None, compare=False)
    source: str = field(default="<cases>", compare=False)

    @property
    def rules(self) -> Ruleset:
        """The loaded ruleset every question of this set is answered under."""
        if self.ruleset_data is None:
            return load_ruleset(self.ruleset)
        cached = self.__dict__.get("_rules")
        if cached is None:
            cached = parse_ruleset(self.ruleset_data, self.ruleset)
            object.__setattr__(self, "_rules", cached)
        return cached

    def to_dict(self, embed: bool = False) -> dict:
        """The set as plain data; ``embed`` adds an instructor's ruleset file (for notebooks)."""
        data = {"title": self.title, "ruleset": self.ruleset, "kinds": list(self.kinds)}
        data["cases"] = [c.to_dict() for c in self.cases]
        if embed and self.ruleset_data is not None:
            data[EMBEDDED_RULESET] = self.ruleset_data
        return data

    def to_yaml(self) -> str:
        """The case set as a case file (round-trips through ``parse_cases``)."""
        return yaml.safe_dump(self.to_dict(), sort_keys=False, allow_unicode=True, width=100)


def _shown(text: str, limit: int = 60) -> str:
    """A case id as it may be printed in a one-line message (control characters escaped, cut short)."""
    shown = text if text.isprintable() else repr(text)[1:-1]
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def _kind_list(value: object, source: str, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or not all(isinstance(k, str) for k in value):
        raise DataFileError(source, where, f"a list of question kinds from {', '.join(QUESTION_REGISTRY)}")
    for kind in value:
        if kind not in QUESTION_REGISTRY:
            raise DataFileError(source, where, f"unknown question {kind!r}; allowed: {', '.join(QUESTION_REGISTRY)}")
    return tuple(dict.fromkeys(value))


def _ruleset_of(data: dict, source: str, base: Path | None) -> tuple[str, dict | None]:
    """(name or path, file data or None) for the set's ruleset; a file is read and proven now."""
    ruleset = data.get("ruleset", DEFAULT_RULESET)
    if not isinstance(ruleset, str) or not ruleset.strip():
        raise DataFileError(source, "ruleset", f"a shipped name ({', '.join(shipped_names())}) or a ruleset file")
    embedded = data.get(EMBEDDED_RULESET)
    if embedded is not None:
        parse_ruleset(embedded, ruleset)
        return ruleset, embedded
    if ruleset in shipped_names():
        return ruleset, None
    if not ruleset.endswith((".yaml", ".yml")):
        raise DataFileError(
            source, "ruleset", f"got {ruleset!r}; allowed: {', '.join(shipped_names())}, or a .yaml ruleset file"
        )
    path = Path(ruleset)
    if base is not None and not path.is_absolute():
        path = base / path
    raw = read_yaml(path)
    parse_ruleset(raw, str(path))  # refused here, with the ruleset file and key, before any case is read
    return str(path), raw


def parse_cases(data: object, source: str, base: Path | None = None, embedded: bool = False) -> CaseSet:
    """Check and build a case set from parsed YAML; any error refuses the whole file.

    ``base`` is the folder a ruleset file path is relative to; ``embedded`` accepts the
    ruleset data a built notebook carries.

    >>> s = parse_cases({"cases": [{"id": "a", "vignette": "v", "patient": {"deposit_mm": 1, "er": "pos",
    ...     "pr": "pos", "her2": "neg", "menopause": "post", "surgery": "bcs"}}]}, "demo.yaml")
    >>> s.cases[0].ask[0], s.ruleset
    ('nodal_category', 'trials-2024')
    """
    if not isinstance(data, dict):
        raise DataFileError(source, "", "a case file is a mapping with title, ruleset and cases")
    allowed = FILE_KEYS | ({EMBEDDED_RULESET} if embedded else set())
    unknown = sorted((k for k in data if k not in allowed), key=str)
    if unknown:
        raise DataFileError(source, str(unknown[0]), f"unknown key; allowed: {', '.join(sorted(FILE_KEYS))}")
    ruleset, ruleset_data = _ruleset_of(data, source, base)
    kinds = _kind_list(data["kinds"], source, "kinds") if "kinds" in data else tuple(QUESTION_KINDS)
    raw_cases = data.get("cases")
    if not isinstance(raw_cases, list) or not raw_cases:
        raise DataFileError(source, "cases", "a non-empty list of cases")
    if len(raw_cases) > MAX_CASES:
        raise DataFileError(
            source, "cases", f"{len(raw_cases):,} cases; a set holds at most {MAX_CASES} (split it into several sets)"
        )
    cases, seen = [], set()
    for i, raw in enumerate(raw_cases):
        label = f"cases[{i}]"
        if not isinstance(raw, dict):
            raise DataFileError(source, label, "a case is a mapping with id, vignette, patient and ask")
        case_id = raw.get("id")
        if not isinstance(case_id, str) or not case_id.strip():
            raise DataFileError(source, f"{label}.id", "every case needs a text id")
        where = f"{label} ({_shown(case_id)})"
        showable_text(case_id, source, f"{where}.id", one_line=True)
        if case_id in seen:
            raise DataFileError(source, f"{where}.id", "duplicate case id")
        seen.add(case_id)
        unknown = sorted(set(raw) - CASE_KEYS, key=str)
        if unknown:
            raise DataFileError(
                source, f"{where}.{unknown[0]}", f"unknown key; allowed: {', '.join(sorted(CASE_KEYS))}"
            )
        vignette = raw.get("vignette")
        if not isinstance(vignette, str) or not vignette.strip():
            raise DataFileError(source, f"{where}.vignette", "a vignette text for the learner is required")
        showable_text(vignette.strip(), source, f"{where}.vignette")
        fields_ = raw.get("patient")
        if not isinstance(fields_, dict):
            raise DataFileError(source, f"{where}.patient", "a mapping of patient fields")
        extra = sorted(set(fields_) - set(INPUT_FIELDS), key=str)
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
        ask = _kind_list(raw["ask"], source, f"{where}.ask") if "ask" in raw else kinds
        cases.append(Case(case_id, vignette.strip(), patient, ask))
    questions = sum(len(case.ask) for case in cases)
    if questions > MAX_QUESTIONS:
        raise DataFileError(
            source, "cases", f"{questions:,} questions asked; a set asks at most {MAX_QUESTIONS:,} (split it)"
        )
    title = data.get("title", "micromets exercise")
    if not isinstance(title, str):
        raise DataFileError(source, "title", "a text")
    showable_text(title, source, "title", one_line=True)
    return CaseSet(title, ruleset, tuple(cases), kinds, ruleset_data, source)


def unanswerable(cases: CaseSet) -> list[tuple[str, str]]:
    """(key, problem) for every question a case asks that does not apply to its patient.

    >>> unanswerable(shipped_bank())
    []
    """
    rules = cases.rules
    problems = []
    for i, case in enumerate(cases.cases):
        for kind in case.ask:
            if try_ask(kind, case.patient, rules) is None:
                problems.append(
                    (f"cases[{i}] ({case.id}).ask", f"{kind!r} cannot be asked about this patient under {rules.id}")
                )
    return problems


def check_answerable(cases: CaseSet) -> None:
    """Refuse a set with a question that does not apply to its patient (file, case and key named)."""
    problems = unanswerable(cases)
    if problems:
        key, problem = problems[0]
        raise DataFileError(cases.source, key, problem)


def load_cases(path: str | Path) -> CaseSet:
    """Load and validate a case file (``yaml.safe_load``; refused whole on any error).

    >>> load_cases("no-such-file.yaml")
    Traceback (most recent call last):
    micromets.ground.errors.DataFileError: no-such-file.yaml: cannot be read (No such file or directory)
    """
    return parse_cases(read_yaml(path, what="case file"), str(path), Path(path).parent)


def cases_from_text(text: str, source: str = "<cases>") -> CaseSet:
    """Validate a case set written inline as YAML text.

    >>> cases_from_text(shipped_bank().to_yaml()).cases[0].id
    'bank-01'
    """
    return parse_cases(safe_yaml(text, source), source)


def cases_from_data(data: object, source: str = "student notebook") -> CaseSet:
    """Validate a case set carried as data (how a built notebook carries its cases and ruleset).

    >>> cases_from_data(shipped_bank().to_dict()).cases[0].id
    'bank-01'
    """
    return parse_cases(data, source, embedded=True)


def shipped_bank() -> CaseSet:
    """The shipped case bank, which together visits every recommendation of its ruleset.

    >>> len(shipped_bank().cases) >= 12
    True
    """
    return parse_cases(read_packaged("exercises/case-bank.yaml"), "micromets/exercises/case-bank.yaml")


# --------------------------------------------------------------------------- vignettes and random sets


def learner_seed(seed: int, learner: str | None) -> int:
    """A stable per-learner seed from a set seed and a learner id (the same across machines).

    >>> learner_seed(1, "ana") == learner_seed(1, "ana") != learner_seed(1, "ben")
    True
    """
    if not learner:
        return seed
    digest = hashlib.sha256(f"{seed}:{learner}".encode()).hexdigest()
    return int(digest[:12], 16)


MAX_CASES = 500  # a set for one class; more is a typo (and would take minutes to write)
MAX_QUESTIONS = 2_500  # questions a set asks in all: 500 cases of the five default kinds


def random_cases(
    count: int,
    seed: int,
    learner: str | None = None,
    ruleset: str = DEFAULT_RULESET,
    ask: tuple[str, ...] = tuple(QUESTION_KINDS),
) -> CaseSet:
    """A stratified random case set: deposit classes (ITC, micro, macro, none) and the four
    receptor subtypes are cycled so that a set of 12 covers ITC, micro- and macrometastases
    and every subtype. Reproducible from ``seed`` (and ``learner`` for per-learner variants).
    Each case asks the kinds in ``ask`` that apply to its patient (a patient to whom none
    applies is drawn again).

    >>> [c.patient.deposit_class for c in random_cases(3, seed=5).cases]
    ['micrometastasis', 'itc', 'macrometastasis']
    """
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= MAX_CASES:
        raise InputError("n", f"got {count!r}; allowed: a whole number of cases from 1 to {MAX_CASES}")
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise InputError("seed", f"got {seed!r}; allowed: a whole number")
    kinds = tuple(dict.fromkeys(ask))
    unknown = [k for k in kinds if k not in QUESTION_REGISTRY]
    if unknown or not kinds:
        raise InputError("kinds", f"got {unknown[0] if unknown else 'none'!r}; allowed: {', '.join(QUESTION_REGISTRY)}")
    if count * len(kinds) > MAX_QUESTIONS:
        raise InputError(
            "n",
            f"{count} cases × {len(kinds)} kinds could ask more than {MAX_QUESTIONS:,} questions, "
            "the most a set asks: ask fewer",
        )
    rules = load_ruleset(ruleset)
    rng = random.Random(learner_seed(seed, learner))
    classes = ["micrometastasis", "itc", "macrometastasis", "micrometastasis", "none", "itc"]
    subtypes = list(SUBTYPES)
    rng.shuffle(subtypes)
    cases = []
    for i in range(count):
        hr, her2 = subtypes[i % len(subtypes)]
        for attempt in range(200):
            # Keep to the stratum first; a kind that never applies there (nothing to order for
            # HR-negative disease) then draws from every deposit class and subtype.
            if attempt < 20:
                patient = random_patient(rng, deposit_class=classes[i % len(classes)], hr=hr, her2=her2)
            else:
                patient = random_patient(rng)
            asked = tuple(k for k in kinds if try_ask(k, patient, rules) is not None)
            if asked:
                break
        else:
            raise InputError("kinds", f"none of {', '.join(kinds)} applies to the patients drawn; add a plan-part kind")
        suffix = f"-{learner}" if learner else ""
        cases.append(Case(f"case-{i + 1:02d}{suffix}", vignette(patient, rng), patient, asked))
    who = f" for {learner}" if learner else ""
    return CaseSet(f"Random cases (seed {seed}{who})", ruleset, tuple(cases), kinds)
