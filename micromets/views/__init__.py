"""Views: what a notebook shows, drawn from the engine's plans and the evidence registry.

Holds the display plumbing (``display.Displayed``: how every object shows itself), the input
form without a widget library, plan HTML, the words for the trial figures (``figure_index``),
the explorer widgets, the ruleset comparison, the flowchart (``views/flowchart/``) and every
matplotlib drawing (``views/figures/``: trial figures, the comparison's and the class report's
charts, the staging ruler, and the one encoder of a finished figure).
Views render; they never decide a plan or word anything clinical themselves.

May import: ground, pathway, other views, ipywidgets and anywidget; matplotlib only in
``views/figures/``. Never the exercises or the command line.
"""
