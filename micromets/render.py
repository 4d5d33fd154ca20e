"""Plain-text rendering of plans: the words a learner reads in the CLI and the notebooks."""

from __future__ import annotations

import textwrap

from .evidence import registry

CODE_WORDS = {
    "no_alnd": "no axillary lymph node dissection (sentinel node biopsy alone)",
    "no_alnd_z0011": "no axillary dissection (Z0011 criteria met)",
    "alnd_or_axillary_rt": "axillary dissection or axillary radiation",
    "whole_breast": "whole-breast radiation",
    "pmrt_depends_on_risk_factors": "post-mastectomy radiation: depends on the other risk factors",
    "pmrt_depends_on_axillary_treatment": "post-mastectomy radiation: depends on how the axilla is treated",
    "chemotherapy": "chemotherapy",
    "endocrine": "endocrine therapy",
    "trastuzumab": "trastuzumab",
    "pertuzumab": "pertuzumab",
    "bisphosphonate": "an adjuvant bisphosphonate",
    "genomic_testing": "genomic testing (21-gene recurrence score)",
    "ovarian_suppression": "ovarian function suppression",
}


def words(code: str) -> str:
    """Plain words for a plan code (the code itself when none is known).

    >>> words("no_alnd_z0011")
    'no axillary dissection (Z0011 criteria met)'
    """
    return CODE_WORDS.get(code, code.replace("_", " "))


def option_words(option) -> str:
    """One systemic option as words, components in the order they are given.

    >>> option_words(("chemotherapy", "endocrine"))
    'chemotherapy, then endocrine therapy'
    """
    parts = list(option)
    if "trastuzumab" in parts and "chemotherapy" in parts:
        # Trastuzumab starts with the chemotherapy, so say it together.
        parts.remove("trastuzumab")
        parts[parts.index("chemotherapy")] = "chemotherapy with trastuzumab"
    return ", then ".join(words(p) for p in parts)


def summary_lines(plan) -> list[str]:
    """The plan's headline facts, one per line."""
    options = plan.options
    lines = [
        f"Deposit: {plan.deposit_class}  |  nodal category: {plan.nodal_category}",
        f"Axilla: {words(plan.axilla)}",
        "Systemic: " + ("  OR  ".join(option_words(o) for o in options) if options else "none"),
    ]
    if plan.consider:
        lines.append("Consider: " + "; ".join(words(c) for c in plan.consider))
    lines.append(f"Radiation: {words(plan.radiation)}")
    return lines


def plan_text(plan, width: int = 88) -> str:
    """The whole plan as text: summary, warnings, steps with reasons and sources, path.

    >>> from micromets import Patient, recommend
    >>> "IBCSG 23-01" in plan_text(recommend(Patient(1.0, "pos", "pos", "neg", "post", "bcs")))
    True
    """
    reg = registry()
    wrap = lambda text, indent="    ": textwrap.fill(text, width, initial_indent=indent, subsequent_indent=indent)  # noqa: E731
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
