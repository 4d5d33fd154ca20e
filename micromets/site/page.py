"""What the static page runs in the browser (under Pyodide): the same engine, plan renderer,
form rules and route drawing as the notebook explorer, answering the page's script in JSON.

The page's script calls ``update(fields, ruleset)`` on every input change and
``recommend_json(fields)`` for ``window.micromets.recommend``; both take the patient fields
as the form shows them (names of ``INPUT_FIELDS``; None or absent: not given). Nothing here
imports a widget library, matplotlib or starts a thread, so it runs where no plot can.

>>> import json
>>> out = json.loads(update({"deposit_mm": 1.2, "er": "pos", "pr": "pos", "her2": "neg",
...                          "menopause": "post", "surgery": "bcs"}, "trials-2024"))
>>> out["error"], "mm-category" in out["plan_html"], "mm-route" in out["route_svg"]
('', True, True)
>>> json.loads(recommend_json({"deposit_mm": 0.1, "er": "neg", "pr": "neg", "her2": "neg",
...                            "menopause": "pre", "surgery": "bcs"}))["nodal_category"]
'pN0(i+)'
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import lru_cache

from ..ground.errors import InputError
from ..pathway.engine import recommend
from ..pathway.patient import INPUT_FIELDS, Patient
from ..pathway.ruleset import load_ruleset
from ..views.flowchart.route import ROUTE_WIDTH
from ..views.form import button_values, enabled_inputs, is_button_row, patient_values, refusal_words
from ..views.render import plan_summary_html

DEFAULT_RULESET = "trials-2024"


def _patient(fields: dict) -> Patient:
    unknown = [name for name in fields if name not in INPUT_FIELDS]
    if unknown:
        raise InputError(unknown[0], f"not a patient field; allowed: ruleset, {', '.join(INPUT_FIELDS)}")
    return Patient(**{name: value for name, value in fields.items() if value is not None})


def _ruleset(name: str):
    from ..pathway.ruleset import shipped_names

    if name not in shipped_names():
        raise InputError("ruleset", f"got {name!r}; allowed: {', '.join(shipped_names())}")
    return load_ruleset(name)


def _fields(given: dict | str) -> dict:
    fields = json.loads(given) if isinstance(given, str) else dict(given)  # the page sends JSON text
    if not isinstance(fields, dict):
        raise InputError("fields", f"got {type(fields).__name__}; allowed: an object of patient fields")
    return fields


def recommend_json(fields: dict | str) -> str:
    """The plan for ``fields`` (plus an optional ``ruleset``) as the JSON of ``recommend --json``.
    A bad field raises ``InputError`` naming it (the page rejects its Promise with the message)."""
    fields = _fields(fields)
    rules = _ruleset(fields.pop("ruleset", None) or DEFAULT_RULESET)
    return json.dumps(recommend(_patient(fields), rules).to_dict(), ensure_ascii=False)


@lru_cache(maxsize=256)
def _route_svg(ruleset: str, path: tuple[str, ...], room: int) -> str:
    from ..views.flowchart.route import route_svg_for_path

    return route_svg_for_path(load_ruleset(ruleset), path, room)


def route_svg(ruleset: str, path: list | str, room: int = ROUTE_WIDTH) -> str:
    """The route view of ``path`` laid out for a panel ``room`` CSS px wide (the flowchart module's
    own drawing; kept for the routes a learner goes back to).

    >>> "mm-route-node-deposit" in route_svg("seed-2025", '["deposit", "axilla_itc"]', 400)
    True
    """
    nodes = json.loads(path) if isinstance(path, str) else path
    return _route_svg(_ruleset(ruleset).id, tuple(nodes), int(room))


def update(shown: dict | str, ruleset: str, room: int = ROUTE_WIDTH) -> str:
    """Everything the page redraws after an input change, as JSON: ``plan_html``, ``path`` (to
    light), ``route_svg`` (laid out for a panel ``room`` px wide), ``enabled`` (inputs that can
    change the plan), ``deposit_class`` and ``error`` (one line naming a bad field; then the rest
    is left out and the page keeps its last plan)."""
    values = patient_values(_fields(shown))
    try:
        patient = _patient(values)
        rules = _ruleset(ruleset)
    except InputError as error:
        return json.dumps({"error": refusal_words(error)})
    plan = recommend(patient, rules)
    return json.dumps(
        {
            "error": "",
            "plan_html": plan_summary_html(plan),
            "path": list(plan.path),
            "route_svg": _route_svg(rules.id, tuple(plan.path), int(room)),
            "enabled": sorted(enabled_inputs(plan, patient.deposit_mm)),
            "deposit_class": plan.vocabulary.label("deposit_class", plan.deposit_class),
            "room": int(room),
        },
        ensure_ascii=False,
    )


# ------------------------------------------------------------------ drawing ahead, while the learner reads

_ahead: Iterator[None] = iter(())


def _neighbours(shown: dict, ruleset: str, room: int) -> Iterator[None]:
    """Lay out the routes one button press away (every other value of each button row), so the
    press that follows finds its route drawn. Yields after each; a refused neighbour is skipped."""
    rules = _ruleset(ruleset)
    for name, spec in INPUT_FIELDS.items():
        if not is_button_row(spec):
            continue
        for value in (*button_values(spec), *((None,) if spec.optional else ())):
            if value == shown.get(name):
                continue
            try:
                plan = recommend(_patient(patient_values({**shown, name: value})), rules)
            except InputError:
                continue
            _route_svg(rules.id, tuple(plan.path), int(room))
            yield


def draw_ahead(shown: dict | str, ruleset: str, room: int = ROUTE_WIDTH) -> None:
    """Start drawing the neighbours of the form as it is now (replacing any earlier start)."""
    global _ahead
    _ahead = _neighbours(_fields(shown), ruleset, room)


def draw_ahead_step() -> bool:
    """Draw one more neighbour's route; False when none is left. The page calls this while idle.

    >>> draw_ahead({"deposit_mm": 1.2, "er": "pos", "pr": "pos", "her2": "neg",
    ...             "menopause": "post", "surgery": "bcs"}, "seed-2025")
    >>> draw_ahead_step()
    True
    """
    return next(_ahead, "done") != "done"
