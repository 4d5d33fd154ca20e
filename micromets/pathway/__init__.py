"""The pathway: patients, rulesets (the treatment pathway as data) and the one engine.

Holds the patient's inputs, the ruleset loader with its proofs (conditions, graph,
``extends`` merging), the engine that walks a ruleset to a plan, the plan model (a plan's
sections in words), the one writer of patient prose (``prose``: summary, vignettes) and the
seeded cohorts of generated patients.

May import: the standard library, PyYAML, ground modules and other pathway modules. Never a
view, the exercises, the command line, or a plotting or widget library.
"""
