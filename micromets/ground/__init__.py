"""Ground: the facts every layer stands on, read from packaged data.

Holds the errors that name what was wrong, the bounded reader for user files, the small
data-file refusals, nodal staging (AJCC 8th edition), the evidence registry and the
vocabulary of words a learner reads.

May import: the standard library, PyYAML and other ground modules. Never the pathway,
a view, the exercises, the command line, or a plotting or widget library.
"""
