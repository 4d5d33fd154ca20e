"""The patient's inputs in words, read from the ``patient:`` section of the vocabulary file.

Labels and help lines for each input, the form's groups, the words for named values (a button's
label, the word in a sentence, the sign in a summary), the fixed phrases of patient prose and the
grammar prose follows (articles, number words, separators: ``micromets/ground/words/grammar.py``) all
live in ``micromets/data/vocabulary.yaml``, so a translation or an instructor's wording is a data
change. What an input may hold stays in ``micromets/pathway/patient.py`` (the machine contract);
``micromets/pathway/prose.py`` is the one writer of patient prose.

>>> words = shipped_patient_words()
>>> words.label("er"), words.value_text("her2", "neg"), words.sign("er", "pos")
('Oestrogen receptor', 'negative', '+')
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from string import Template
from types import MappingProxyType

from ..checks import showable_text
from ..datafiles import read_packaged
from ..errors import DataFileError
from .grammar import Grammar, parse_grammar

SOURCE = "micromets/data/vocabulary.yaml"
_SECTIONS = ("fields", "groups", "values", "prose", "grammar")
_VALUE_KEYS = ("label", "text", "sign")
# The phrases patient prose asks for, by set (more may be given; none may be missing).
PROSE_KEYS = {
    "surgery_done": ("bcs", "mastectomy"),
    "plan_parts": ("axilla", "systemic", "radiation"),
    "summary": ("no_deposit", "deposit", "one_node", "nodes", "age", "tumour", "grade", "recurrence_score"),
    "vignette": (
        "opener_plain", "opener_clinic", "opener_meeting", "woman", "aged", "adult", "carcinoma",
        "sized_carcinoma", "graded", "history", "no_deposit", "one_node", "nodes", "cells", "deposits",
        "receptor", "score", "germline",
    ),
}  # fmt: skip


@dataclass(frozen=True)
class PatientWords:
    """What the ``patient:`` section says: per field, per value, per group and per phrase."""

    fields: MappingProxyType  # field -> {"label": ..., "help": ...}
    groups: tuple[tuple[str, tuple[str, ...]], ...]  # (title, field names), in form order
    values: MappingProxyType  # field -> value -> {"label", "text", "sign"}
    prose: MappingProxyType  # phrase set -> key -> words
    grammar: Grammar  # the articles, number words and separators prose follows

    def label(self, field: str) -> str:
        """The input's label (the form, the CLI's help)."""
        return self._field(field)["label"]

    def help(self, field: str) -> str:
        """The input's help line ("" when the label says it all)."""
        return self._field(field)["help"]

    def _field(self, field: str) -> dict:
        if field not in self.fields:
            raise DataFileError(SOURCE, f"patient.fields.{field}", "missing: every input needs its label and help here")
        return self.fields[field]

    def has_value(self, field: str, value: object) -> bool:
        """Whether a named value of a field has words here."""
        return isinstance(value, str) and value in self.values.get(field, {})

    def value_label(self, field: str, value: str) -> str:
        """A named value as a button says it ("Pos")."""
        return self.values[field][value]["label"]

    def value_text(self, field: str, value: str) -> str:
        """A named value as a sentence says it ("positive")."""
        return self.values[field][value]["text"]

    def sign(self, field: str, value: str) -> str:
        """A named value as the one-line summary marks it ("+")."""
        return self.values[field][value]["sign"]

    def phrase(self, group: str, key: str, **names) -> str:
        """A phrase of patient prose, its ``$names`` filled in (``string.Template``: no code runs).

        >>> shipped_patient_words().phrase("summary", "age", age=81)
        'age 81'
        """
        return Template(self.prose[group][key]).substitute(names)


def _words(raw: object, source: str, where: str, keys: tuple[str, ...], optional=()) -> dict[str, str]:
    if not isinstance(raw, dict) or not set(keys) - set(optional) <= set(raw) <= set(keys):
        raise DataFileError(source, where, f"a mapping with {', '.join(keys)}")
    out = {}
    for key in keys:
        value = raw.get(key, "")
        if not isinstance(value, str) or (key not in optional and not value.strip()):
            raise DataFileError(source, f"{where}.{key}", "needs a text")
        out[key] = showable_text(value.strip(), source, f"{where}.{key}", one_line=True) if value.strip() else ""
    return out


def parse_patient_words(raw: object, source: str) -> PatientWords:
    """Check the ``patient:`` section and build its words; refuse it whole on any error.

    >>> section = read_packaged("data/vocabulary.yaml")["patient"]
    >>> parse_patient_words(section, "demo.yaml").groups[0]
    ('Pathology', ('deposit_mm', 'cells', 'positive_nodes'))
    >>> section["fields"]["er"]["label"] = ""
    >>> parse_patient_words(section, "demo.yaml")
    Traceback (most recent call last):
    micromets.ground.errors.DataFileError: demo.yaml: patient.fields.er.label: needs a text
    """
    if not isinstance(raw, dict) or set(raw) != set(_SECTIONS):
        raise DataFileError(source, "patient", f"a mapping with exactly: {', '.join(_SECTIONS)}")
    sections = {name: raw[name] for name in _SECTIONS}
    for name in ("fields", "values", "prose"):
        if not isinstance(sections[name], dict):
            raise DataFileError(source, f"patient.{name}", "a mapping")
    fields = {
        str(name): _words(spec, source, f"patient.fields.{name}", ("label", "help"), optional=("help",))
        for name, spec in sections["fields"].items()
    }
    if not isinstance(sections["groups"], list):
        raise DataFileError(source, "patient.groups", "a list of {title: ..., fields: [...]}")
    groups = []
    for i, group in enumerate(sections["groups"]):
        at = f"patient.groups[{i}]"
        if not isinstance(group, dict) or set(group) != {"title", "fields"} or not isinstance(group["fields"], list):
            raise DataFileError(source, at, "a mapping {title: ..., fields: [...]}")
        if not all(isinstance(f, str) for f in group["fields"]):
            raise DataFileError(source, f"{at}.fields", "a list of input names")
        title = _words({"title": group["title"]}, source, at, ("title",))["title"]
        groups.append((title, tuple(group["fields"])))
    values = {}
    for name, named in sections["values"].items():
        if not isinstance(named, dict) or not named:
            raise DataFileError(source, f"patient.values.{name}", "a mapping {value: {label, text, sign}}")
        values[str(name)] = MappingProxyType(
            {
                str(v): _words(w, source, f"patient.values.{name}.{v}", _VALUE_KEYS, optional=("sign",))
                for v, w in named.items()
            }
        )
    prose = {}
    for name, phrases in sections["prose"].items():
        at = f"patient.prose.{name}"
        if not isinstance(phrases, dict) or not phrases:
            raise DataFileError(source, at, "a mapping {key: words}")
        missing = [k for k in PROSE_KEYS.get(name, ()) if k not in phrases]
        if missing:
            raise DataFileError(source, f"{at}.{missing[0]}", "missing: patient prose needs this phrase")
        prose[str(name)] = MappingProxyType(_words(phrases, source, at, tuple(str(k) for k in phrases)))
        for key, text in prose[str(name)].items():
            if not Template(text).is_valid():
                raise DataFileError(source, f"{at}.{key}", "a $ starts a $name (write $$ for a dollar sign)")
    grammar = parse_grammar(sections["grammar"], source)
    return PatientWords(
        MappingProxyType(fields), tuple(groups), MappingProxyType(values), MappingProxyType(prose), grammar
    )


@cache
def shipped_patient_words() -> PatientWords:
    """The shipped words for the patient's inputs, loaded once."""
    return parse_patient_words(read_packaged("data/vocabulary.yaml").get("patient"), SOURCE)
