"""What the flowchart shows when a box is selected: a question with its answers, or a step with
its text, reasons, limits of the evidence, evidence grade and citations (each saying whether
a trial figure can be drawn), as a dict and as HTML for the click panel.

May import: ground, pathway, the figure index and this package's roles and stages.
"""

from __future__ import annotations

from html import escape

from ...ground.vocabulary import shipped
from ...ground.words.plan import PlanWords
from ...pathway.graph import END
from ...pathway.ruleset import Ruleset, load_ruleset
from ..render import reasons_html
from .roles import role_words
from .stage_views import stage_of


def node_details(ruleset: str | Ruleset, node_id: str) -> dict:
    """The words to show when a node is selected.

    Keys: ``label``, ``kind`` (Question, Recommendation, Sequencing note), ``stage``; for a
    question ``answers`` (each branch's label and where it leads) and ``explain``; for an
    action ``decides`` (the plan parts it sets, in the ruleset's vocabulary), ``text``,
    ``rationale``, ``note``, ``evidence`` and ``citations`` (each with
    ``id``, ``name``, ``citation`` and ``figure``: whether a trial figure can be drawn).

    >>> d = node_details("seed-2025", "axilla_micro")
    >>> d["kind"], d["citations"][0]["name"], d["citations"][0]["figure"]
    ('Recommendation', 'IBCSG 23-01 (5-year)', True)
    """
    from ...ground.evidence import registry
    from ...pathway.plan_model import StepModel
    from ..figure_index import has_figure

    rules = load_ruleset(ruleset)
    if node_id not in rules.nodes:
        raise ValueError(f"node: {node_id!r} is not a node of {rules.id}")
    node = rules.nodes[node_id]
    plan_words = rules.vocabulary.plan_words
    details: dict = {
        "id": node_id,
        "label": node.label,
        "kind": role_words(rules, node),
        "stage": stage_of(rules, node_id).title,
    }
    if node.is_question:
        details["explain"] = node.explain
        details["answers"] = [
            {"label": b.label, "leads_to": rules.nodes[b.next].label if b.next != END else plan_words.say("end")}
            for b in node.branches
        ]
        return details
    step = node.step
    reg = registry()
    # The same step model the plan renderings read, so a step's words agree everywhere.
    model = StepModel(
        number=0,
        text=step.text if step else "",
        why=step.rationale if step else "",
        caveat=step.note if step else "",
        evidence=step.evidence if step else "",
        citations=tuple(step.citations) if step else (),
        sources=tuple(reg[c].short_citation() for c in step.citations) if step else (),
        node_id=node_id,
        words=plan_words,
    )
    words = rules.vocabulary

    def part(kind: str, said: str) -> str:
        return plan_words.say("part", heading=words.kind_label(kind), words=said)

    decides = [part(kind, words.text(kind, code)) for kind, code in node.sets]
    if node.options is not None:
        decides.append(part("component", words.options_text(node.options)))
    decides += [part("consider", words.text("consider", item)) for item in node.consider]
    details.update(
        decides=decides,
        text=model.text,
        rationale=model.why,
        note=model.caveat,
        evidence=model.evidence,
        citations=[
            {"id": c, "name": reg[c].name, "citation": source, "figure": has_figure(c)}
            for c, source in zip(model.citations, model.sources, strict=True)
        ],
    )
    return details


def details_html(details: dict, words: PlanWords | None = None) -> str:
    """``node_details`` as HTML for the click panel (escaped; trial-figure buttons carry
    ``data-figure`` with the registry id). The fixed words ("Evidence:", "Sources:", the figure
    button) are ``words``: the ruleset's ``vocabulary.plan_words`` (the shipped ones by default).

    >>> "Why" in details_html(node_details("seed-2025", "axilla_micro"))
    True
    """
    say = (words or shipped().plan_words).say
    out = [f"<div class='mm-details-kind'>{escape(details['kind'])} · {escape(details['stage'])}</div>"]
    out.append(f"<div class='mm-details-label'>{escape(details['label'])}</div>")
    if "answers" in details:
        if details["explain"]:
            out.append(f"<p>{escape(details['explain'])}</p>")
        leads = (words or shipped().plan_words).joins["route"]
        items = "".join(
            f"<li><b>{escape(a['label'])}</b>{escape(leads)}{escape(a['leads_to'])}</li>" for a in details["answers"]
        )
        out.append(f"<ul class='mm-details-answers'>{items}</ul>")
        return "".join(out)
    if details["decides"]:
        items = "".join(f"<li>{escape(line)}</li>" for line in details["decides"])
        out.append(f"<ul class='mm-details-decides'>{items}</ul>")
    if details["text"]:
        out.append(f"<p class='mm-details-text'>{escape(details['text'])}</p>")
    out.append(reasons_html(details["rationale"], details["note"], words))  # worded as in the plan
    if details["evidence"]:
        out.append(f"<p class='mm-details-evidence'><i>{escape(say('evidence'))}</i> {escape(details['evidence'])}</p>")
    if details["citations"]:
        rows = []
        for c in details["citations"]:
            button = (
                f" <button type='button' class='mm-figure-button' data-figure='{escape(c['id'], quote=True)}'>"
                f"{escape(say('figure_button', trial=c['name']))}</button>"
                if c["figure"]
                else ""
            )
            rows.append(f"<li>{escape(c['citation'])}{button}</li>")
        out.append(f"<div class='mm-details-sources'><i>{escape(say('sources'))}</i><ul>{''.join(rows)}</ul></div>")
    return "".join(out)
