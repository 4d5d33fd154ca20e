"""Plain-text rendering of plans: the words a learner reads in the CLI and the notebooks."""

from __future__ import annotations

import textwrap

from .evidence import registry
from .vocabulary import KINDS, shipped


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
    """The plan's headline facts, one per line.

    >>> from micromets import Patient, recommend
    >>> summary_lines(recommend(Patient(0, "neg", "neg", "neg", "pre", "bcs")))[0]
    'Deposit: none  |  nodal category: pN0'
    """
    vocab = plan.vocabulary  # the plan's own ruleset may declare codes of its own
    lines = [
        f"Deposit: {plan.deposit_class}  |  nodal category: {plan.nodal_category}",
        f"Axilla: {vocab.text('axilla', plan.axilla)}",
        "Systemic: " + vocab.options_text(plan.options),
    ]
    if plan.consider:
        lines.append("Consider: " + "; ".join(vocab.text("consider", c) for c in plan.consider))
    lines.append(f"Radiation: {vocab.text('radiation', plan.radiation)}")
    return lines


def plan_text(plan, width: int = 88) -> str:
    """The whole plan as text: summary, warnings, steps with reasons and sources, path.

    >>> from micromets import Patient, recommend
    >>> "IBCSG 23-01" in plan_text(recommend(Patient(1.0, "pos", "pos", "neg", "post", "bcs")))
    True
    """
    reg = registry()

    def wrap(text, indent="    "):
        return textwrap.fill(text, width, initial_indent=indent, subsequent_indent=indent)

    out = [f"Plan under ruleset {plan.ruleset} for: {plan.patient.describe()}", ""]
    out += summary_lines(plan)
    if plan.warnings:
        out += ["", "Warnings:"] + [wrap(w, "  ! ") for w in plan.warnings]
    out += ["", "Steps:"]
    for number, step in enumerate(plan.steps, 1):
        out.append(textwrap.fill(step.text, width, initial_indent=f"{number:>2}. ", subsequent_indent="    "))
        if step.rationale:
            out.append(wrap("Why: " + step.rationale))
        if step.note:
            out.append(wrap("Primary source: " + step.note))
        sources = "; ".join(reg[c].short_citation() for c in step.citations)
        out.append(wrap(f"Evidence: {step.evidence}. Sources: {sources}"))
    out += ["", "Path: " + " -> ".join(plan.path)]
    return "\n".join(out)


def plan_html(plan) -> str:
    """The plan as HTML for the explorer: headline, warnings, then each step with its sources.

    >>> from micromets import Patient, recommend
    >>> "mm-category" in plan_html(recommend(Patient(1.0, "pos", "pos", "neg", "post", "bcs")))
    True
    """
    from html import escape

    reg = registry()
    head = "".join(
        f"<li>{escape(line.split(': ', 1)[0])}: <b>{escape(line.split(': ', 1)[1])}</b></li>"
        for line in summary_lines(plan)[1:]
    )
    warnings = "".join(f"<li>{escape(w)}</li>" for w in plan.warnings)
    steps = []
    for number, step in enumerate(plan.steps, 1):
        sources = "; ".join(escape(reg[c].short_citation()) for c in step.citations)
        parts = [f"<b>{number}.</b> {escape(step.text)}"]
        if step.rationale:
            parts.append(f"<br><i>Why:</i> {escape(step.rationale)}")
        if step.note:
            parts.append(f"<br><i>Primary source:</i> {escape(step.note)}")
        parts.append(f"<br><small>Evidence: {escape(step.evidence)}. Sources: {sources}</small>")
        steps.append(f"<li class='mm-step' style='margin-bottom:6px'>{''.join(parts)}</li>")
    return (
        "<div class='mm-plan'><div style='font-size:1.15em'>"
        f"Deposit: <b class='mm-deposit'>{escape(plan.deposit_class)}</b>"
        f" &nbsp;|&nbsp; nodal category: <b class='mm-category'>{escape(plan.nodal_category)}</b>"
        f" &nbsp;|&nbsp; ruleset: <code>{escape(plan.ruleset)}</code></div>"
        f"<div class='mm-patient' style='color:#555'>{escape(plan.patient.describe())}</div>"
        f"<ul class='mm-summary'>{head}</ul>"
        + (
            f"<div class='mm-warnings' style='color:#9a3b00'><b>Warnings</b><ul>{warnings}</ul></div>"
            if warnings
            else ""
        )
        + "<details open><summary><b>Steps, reasons and sources</b></summary>"
        "<ol style='list-style:none;padding-left:0'>"
        f"{''.join(steps)}</ol></details></div>"
    )
