"""HTML rendering of plans, and word helpers for views (all words come from the vocabulary).

The plan's sections in words are built once by ``micromets.plan_model``; the plain text
lives there (core), the HTML here (a view).
"""

from __future__ import annotations

from html import escape

from ..ground.vocabulary import KINDS, shipped
from ..pathway.plan_model import plan_model, plan_text  # noqa: F401 (plan_text: re-exported for views and notebooks)


def words(code: str, kind: str | None = None) -> str:
    """The shipped plan-text phrase for a code (``kind`` picks the kind; without it the first
    kind that knows the code answers; a value that is no code, such as "yes", comes back as is).

    >>> words("no_alnd_z0011")
    'no axillary dissection (Z0011 criteria met)'
    """
    vocab = shipped()
    for k in (kind,) if kind else KINDS:
        if vocab.has(k, code):
            return vocab.text(k, code)
    return code


def option_words(option) -> str:
    """One systemic option as words, components in the order they are given.

    >>> option_words(("chemotherapy", "endocrine"))
    'chemotherapy, then endocrine therapy'
    """
    return shipped().option_text(option)


def summary_lines(plan) -> list[str]:
    """The plan's headline facts, one per line (from the plan model).

    >>> from micromets import Patient, recommend
    >>> summary_lines(recommend(Patient(0, "neg", "neg", "neg", "pre", "bcs")))[0]
    'Deposit: no nodal deposit  |  nodal category: pN0'
    """
    return plan_model(plan).summary_lines()


def plan_html(plan) -> str:
    """The plan as HTML for the explorer: headline, summary, warnings, then the steps (folded).

    >>> from micromets import Patient, recommend
    >>> html = plan_html(recommend(Patient(1.0, "pos", "pos", "neg", "post", "bcs")))
    >>> "mm-category" in html, "<details class='mm-steps'>" in html  # steps folded by default
    (True, True)
    """
    model = plan_model(plan)
    head = "".join(f"<li>{escape(p.heading)}: <b>{escape(p.text)}</b></li>" for p in model.summary)
    warnings = "".join(f"<li>{escape(w)}</li>" for w in model.warnings)
    steps = []
    for step in model.steps:
        parts = [f"<b>{step.number}.</b> {escape(step.text)}"]
        if step.why:
            parts.append(f"<br><i>Why:</i> {escape(step.why)}")
        if step.primary_source:
            parts.append(f"<br><i>Primary source:</i> {escape(step.primary_source)}")
        parts.append(f"<br><small>{escape(step.citation_line)}</small>")
        steps.append(f"<li class='mm-step' style='margin-bottom:6px'>{''.join(parts)}</li>")
    return (
        "<div class='mm-plan'><div style='font-size:1.15em'>"
        f"{escape(model.deposit.heading)}: <b class='mm-deposit'>{escape(model.deposit.label)}</b>"
        f" &nbsp;|&nbsp; nodal category: <b class='mm-category'>{escape(model.category.label)}</b></div>"
        f"<div class='mm-patient' style='color:#555'>{escape(model.patient)}</div>"
        f"<div class='mm-ruleset' style='color:#555;font-size:0.9em'>Pathway: {escape(model.ruleset_title)}</div>"
        f"<ul class='mm-summary'>{head}</ul>"
        + (
            f"<div class='mm-warnings' style='color:#9a3b00'><b>Warnings</b><ul>{warnings}</ul></div>"
            if warnings
            else ""
        )
        + f"<details class='mm-steps'><summary><b>Steps, reasons and sources ({len(model.steps)})</b></summary>"
        "<ol style='list-style:none;padding-left:0'>"
        f"{''.join(steps)}</ol>"
        f"<div class='mm-route' style='color:#555'><i>Route:</i> {escape(model.route_text())}</div>"
        "</details></div>"
    )
