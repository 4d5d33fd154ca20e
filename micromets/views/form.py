"""The explorer's form without a widget library: input groups, button words, what the form
describes and which inputs can change the plan.

The notebook explorer (ipywidgets) and the static page (plain HTML in the browser, run by
Pyodide) both read these, so the two show the same inputs in the same groups with the same
words and grey out the same ones. No clinical rule lives here: which inputs are enabled is
read from the plan's own path. Imports only core and ground modules (no ipywidgets).

>>> [title for title, _ in input_groups()]
['Pathology', 'Tumour biology', 'Patient and treatment']
"""

from __future__ import annotations

from ..ground.staging import ITC_MAX_MM, MICROMETASTASIS_MAX_MM, cells_decide
from ..ground.vocabulary import shipped as shipped_words
from ..ground.words.patient import shipped_patient_words
from ..pathway.patient import INPUT_FIELDS, InputField
from .display import BAND_COLOURS

# Where each input sits on the form, with the groups' titles (words in the vocabulary's
# ``patient.groups``; a field no group names still gets its control, in the last group, and a
# name no field has is skipped, so a group may place a field before it is declared).
GROUPS = shipped_patient_words().groups
SMALL_RANGE = 5  # whole-number fields with at most this many values get a row of buttons


def input_groups(fields: dict[str, InputField] | None = None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The form's groups as ``(title, field names)``, every field of ``fields`` placed once
    (one that no group names goes in the last group, so a new field is never lost).

    >>> input_groups()[0]
    ('Pathology', ('deposit_mm', 'cells', 'positive_nodes'))
    """
    fields = INPUT_FIELDS if fields is None else fields
    placed = {name for _, names in GROUPS for name in names}
    groups = [(title, [n for n in names if n in fields]) for title, names in GROUPS]
    groups[-1][1].extend(n for n in fields if n not in placed)
    return tuple((title, tuple(names)) for title, names in groups)


def choice_label(spec: InputField, value: object) -> str:
    """The button text for one allowed value of a choice field (from the vocabulary).

    >>> choice_label(INPUT_FIELDS["surgery"], "mastectomy"), choice_label(INPUT_FIELDS["er"], "neg")
    ('Mastectomy', 'Neg')
    """
    patient_words, words = shipped_patient_words(), shipped_words()
    if patient_words.has_value(spec.name, value):
        return patient_words.value_label(spec.name, value)
    if words.has(spec.name, value):
        return words.label(spec.name, value)
    return str(value).capitalize()


def is_button_row(spec: InputField) -> bool:
    """Whether a field is shown as a row of buttons (choices and small whole-number ranges)
    rather than a number control.

    >>> is_button_row(INPUT_FIELDS["grade"]), is_button_row(INPUT_FIELDS["age"])
    (True, False)
    """
    return spec.kind == "choice" or (
        spec.kind == "int" and spec.maximum is not None and spec.maximum - spec.minimum < SMALL_RANGE
    )


def button_values(spec: InputField) -> tuple:
    """The values of a button row, in order (a small range lists its whole numbers).

    >>> button_values(INPUT_FIELDS["grade"])
    (1, 2, 3)
    """
    if spec.kind == "choice":
        return tuple(spec.choices)
    return tuple(range(int(spec.minimum), int(spec.maximum) + 1))


def patient_values(shown: dict) -> dict:
    """The patient fields a form describes, from the values its controls show: a cell count
    that cannot change the class at this size, and nodes without a deposit, are not asked.

    >>> patient_values({"deposit_mm": 0.5, "cells": 300, "positive_nodes": 2})["cells"] is None
    True
    >>> patient_values({"deposit_mm": 0, "cells": None, "positive_nodes": 1})["positive_nodes"] is None
    True
    """
    out = dict(shown)
    size = out.get("deposit_mm")
    if isinstance(size, (int, float)) and not isinstance(size, bool):
        if not cells_decide(size):
            out["cells"] = None
        if size == 0:
            out["positive_nodes"] = None
    return out


def refusal_words(error) -> str:
    """A refused form as a learner reads it: the input's label, not its field name, then what is
    allowed (an ``InputError`` for a field that is no input keeps its name).

    >>> from micromets.ground.errors import InputError
    >>> refusal_words(InputError("positive_nodes", "must be at least 1 when a deposit is found"))
    'Nodes with a deposit: must be at least 1 when a deposit is found'
    """
    field = getattr(error, "field", None)
    text = str(error)
    if field in INPUT_FIELDS and text.startswith(f"{field}: "):
        return f"{INPUT_FIELDS[field].label}: {text[len(field) + 2 :]}"
    return text


def enabled_inputs(plan, deposit_mm: float) -> set[str]:
    """The inputs that can change this plan: those its route asks about (a cell count only
    where it can change the class; nodes only when there is a deposit).

    >>> from micromets import Patient, recommend
    >>> "her2" in enabled_inputs(recommend(Patient(1.0, "pos", "pos", "neg", "post", "bcs")), 1.0)
    True
    """
    used = set(plan.inputs_used())
    if deposit_mm == 0:
        used.discard("positive_nodes")
    if cells_decide(deposit_mm):
        used.add("cells")
    else:
        used.discard("cells")
    return used


# ------------------------------------------------------------------ the deposit slider's bands


THUMB_PX = 8  # the banded slider's thumb: its centre travels from 4 px to width - 4 px


def track_at(mm: float, reach: float) -> str:
    """Where ``mm`` lies along the slider's track, as a CSS length (thumb centre travel)."""
    fraction = min(mm, reach) / reach
    return f"calc({THUMB_PX / 2}px + (100% - {THUMB_PX}px) * {fraction:.4f})"


def deposit_track(reach: float) -> str:
    """The deposit slider's track as a CSS background: the ITC, micro and macro bands to scale.

    >>> deposit_track(5.0).startswith("linear-gradient(to right")
    True
    """
    itc, micro = track_at(ITC_MAX_MM, reach), track_at(MICROMETASTASIS_MAX_MM, reach)
    return (
        f"linear-gradient(to right, {BAND_COLOURS['itc']} 0 {itc}, {BAND_COLOURS['micrometastasis']} {itc} {micro}, "
        f"{BAND_COLOURS['macrometastasis']} {micro} 100%)"
    )
