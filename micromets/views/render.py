"""The plan as HTML: the one renderer every view shows, and word helpers for views.

The plan's sections in words are built once by ``micromets.plan_model``; the plain text
lives there (core), the HTML here (a view that imports no widget library, so the static
page running in the browser imports the same function as the notebook explorer). All
words come from the vocabulary, the fixed ones ("Why:", "Route:", "or") from its ``plan:``
section.
"""

from __future__ import annotations

from html import escape

from ..ground.vocabulary import CODE_KINDS, shipped
from ..ground.words.plan import PlanWords
from ..pathway.plan_model import plan_model, plan_text  # noqa: F401 (plan_text: re-exported for views and notebooks)


def words(code: str, kind: str | None = None) -> str:
    """The shipped plan-text phrase for a code (``kind`` picks the kind; without it the first
    kind that knows the code answers; a value that is no code, such as "yes", comes back as is).

    >>> words("no_alnd_z0011")
    'no axillary dissection (Z0011 criteria met)'
    """
    vocab = shipped()
    for k in (kind,) if kind else CODE_KINDS:
        if vocab.has(k, code):
            return vocab.text(k, code)
    return code


def option_words(option) -> str:
    """One systemic option as words, components in the order they are given.

    >>> option_words(("chemotherapy", "endocrine"))
    'chemotherapy, then endocrine therapy'
    """
    return shipped().option_text(option)


# The plan's look, shared by the notebook explorer, plan cards and the static page.
PLAN_CSS = """
.mm-plan { line-height: 1.35; }
.mm-plan .mm-headline { font-size: 15px; }
.mm-plan ul.mm-summary { padding-left: 0; margin: 4px 0; list-style: none; }
.mm-plan ul.mm-summary > li { margin: 3px 0; }
.mm-plan .mm-part { font-weight: bold; }
.mm-plan .mm-or { font-style: italic; color: #555; }
.mm-plan .mm-warnings { color: #8a3300; margin: 4px 0; }
.mm-plan details { margin: 6px 0; }
.mm-plan summary { cursor: pointer; font-weight: bold; }
.mm-plan ol { padding-left: 18px; }
.mm-plan li.mm-step { margin-bottom: 6px; }
.mm-plan .mm-cites { display: block; color: #444; }
.mm-plan .mm-route-words { color: #555; }
"""


def reasons_html(why: str, caveat: str, words: PlanWords | None = None) -> str:
    """A step's reason and its note on the limits of the evidence as HTML lines (empty parts
    left out): the one wording of "Why" and "Limits of the evidence" (``words``, the plan's
    joins and fixed words; the shipped ones by default) that the plan and the flowchart's
    click panel share.

    >>> reasons_html("Fewer side effects.", "")
    "<div class='mm-why'><i>Why:</i> Fewer side effects.</div>"
    """
    say = (words or shipped().plan_words).say
    out = ""
    if why:
        out += f"<div class='mm-why'><i>{escape(say('why'))}</i> {escape(why)}</div>"
    if caveat:
        out += f"<div class='mm-caveat'><i>{escape(say('caveat'))}</i> {escape(caveat)}</div>"
    return out


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def plan_summary_html(plan) -> str:
    """The plan in a few lines of words (class, category, axilla, systemic, consider, radiation),
    then warnings, and the steps with reasons and sources and the route, each folded under a
    ``<details>``. The one plan renderer: the notebook explorer, plan cards and the static
    page all show this. Everything is read from the plan model; no code or node id is shown.

    >>> from micromets import Patient, recommend
    >>> html_ = plan_summary_html(recommend(Patient(1.0, "pos", "pos", "neg", "post", "bcs")))
    >>> "mm-category" in html_ and "<details class='mm-steps'>" in html_ and "open" not in html_
    True
    """
    model = plan_model(plan)
    vocab = plan.vocabulary
    say = model.words.say
    rows = []
    for part in model.summary:
        if part.part == "systemic" and part.codes:
            value = f" <span class='mm-or'>{escape(say('or'))}</span> ".join(
                escape(_first_upper(vocab.option_text(o))) for o in part.codes
            )
        else:
            value = escape(_first_upper(part.text))
        rows.append(f"<li><span class='mm-part'>{escape(part.heading)}:</span> {value}</li>")
    warnings = "".join(f"<li>{escape(text)}</li>" for text in model.warnings)
    steps = "".join(
        f"<li class='mm-step'>{escape(step.text)}{reasons_html(step.why, step.caveat, model.words)}"
        f"<small class='mm-cites'>{escape(step.citation_line)}</small></li>"
        for step in model.steps
    )
    return (
        f"<div class='mm-headline'><b class='mm-deposit'>{escape(_first_upper(model.deposit.label))}</b>"
        f" · <b class='mm-category'>{escape(model.category.label)}</b></div>"
        f"<ul class='mm-summary'>{''.join(rows)}</ul>"
        + (
            f"<details class='mm-warnings'><summary>{escape(say('warnings_folded', count=len(model.warnings)))}"
            f"</summary><ul>{warnings}</ul></details>"
            if warnings
            else ""
        )
        + f"<details class='mm-steps'><summary>{escape(say('steps_folded', count=len(model.steps)))}</summary>"
        f"<ol>{steps}</ol>"
        f"<div class='mm-route-words'><i>{escape(say('route'))}</i> {escape(model.route_text())}</div></details>"
    )
