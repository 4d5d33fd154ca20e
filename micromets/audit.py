"""The curators' view: what was checked, where, and what is still to check.

Learners read a step's ``note`` (the limits of the evidence). Curators keep their record in
``curation`` fields, in the rulesets (per step) and in the registry (per entry, endpoint and
guideline statement), and read it here, with every number still marked unverified. Nothing in
this module is shown in a plan, a chart or a learner's chapter; ``python -m micromets evidence
--audit`` prints it and the instructor notebooks show it.

>>> any(r.where == "trials-2024 · Residual nodes – ALND" for r in curation_records())
True
"""

from __future__ import annotations

from dataclasses import dataclass

from .ground.evidence import registry
from .pathway.ruleset import load_ruleset, shipped_names


@dataclass(frozen=True)
class Record:
    """One curator's item: where it lives (in words and as a machine path) and what it says."""

    where: str
    path: str
    text: str


def curation_records(rulesets=None) -> list[Record]:
    """Every ``curation`` field of the shipped rulesets (or ``rulesets``) and the registry.

    >>> any(r.path.startswith("registry:") for r in curation_records())
    True
    """
    out: list[Record] = []
    for name in rulesets or shipped_names():
        rules = load_ruleset(name)
        for node_id in rules.order():
            step = rules.nodes[node_id].step
            if step and step.curation:
                out.append(Record(f"{rules.id} · {rules.nodes[node_id].label}", f"{rules.id}:{node_id}", step.curation))
    for entry in registry().values():
        if entry.curation:
            out.append(Record(entry.name, f"registry:{entry.id}", entry.curation))
        for e in entry.endpoints:
            if e.curation:
                what = ", ".join(x for x in (e.endpoint, e.arm, e.timepoint) if x)
                out.append(Record(f"{entry.name} – {what}", f"registry:{entry.id}", e.curation))
        for i, statement in enumerate(entry.statements):
            if isinstance(statement, dict) and statement.get("curation"):
                out.append(Record(f"{entry.name} – statement {i + 1}", f"registry:{entry.id}", statement["curation"]))
    return out


def unverified_numbers() -> list[Record]:
    """Every registry number still ``verified: false`` (it may be drawn only marked as such).

    >>> all("[" in r.text for r in unverified_numbers())
    True
    """
    return [
        Record(entry.name, f"registry:{entry.id}", e.describe())
        for entry in registry().values()
        for e in entry.endpoints
        if not e.verified
    ]


def audit_text() -> str:
    """The audit as plain text: curator records, then unverified numbers.

    >>> audit_text().splitlines()[0]
    'Curation records (never shown to learners):'
    """
    lines = ["Curation records (never shown to learners):"]
    lines += [f"- {r.where} [{r.path}]: {r.text}" for r in curation_records()]
    lines += ["", "Registry numbers not yet verified against their publication:"]
    lines += [f"- {r.where} [{r.path}]: {r.text}" for r in unverified_numbers()]
    return "\n".join(lines)


def add_evidence_command(commands) -> None:
    """Register ``evidence`` on the CLI's sub-command parser."""
    parser = commands.add_parser(
        "evidence",
        help="list the evidence registry; --audit prints the curators' record",
        description="List the registry's sources. --audit prints what curators checked and what is left to check.",
    )
    parser.add_argument("--audit", action="store_true", help="print the curation records and unverified numbers")
    parser.set_defaults(run=_run)


def _run(args) -> int:
    if args.audit:
        print(audit_text())
        return 0
    for entry_id, entry in sorted(registry().items()):
        print(f"{entry_id:<28} {entry.short_citation()}")
    return 0
