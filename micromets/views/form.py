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

from ..ground.staging import cells_decide
from ..ground.vocabulary import shipped as shipped_words
from ..pathway.patient import INPUT_FIELDS, InputField

# Where each input sits on the form (a layout choice, not a declaration: a field missing
# here still gets its control, in the last group).
GROUPS = (
    ("Pathology", ("deposit_mm", "cells", "positive_nodes")),
    ("Tumour biology", ("er", "pr", "her2", "recurrence_score", "tumor_mm", "grade")),
    ("Patient and treatment", ("menopause", "age", "gbrca", "surgery", "neoadjuvant", "clinical_nodes")),
)
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

    >>> choice_label(INPUT_FIELDS["surgery"], "mastectomy")
    'Mastectomy'
    """
    words = shipped_words()
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
