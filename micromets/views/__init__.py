"""Views: what a notebook shows, drawn from the engine's plans and the evidence registry.

Holds the display plumbing (``display.Displayed``: how every object shows itself), the input
form without a widget library, plan HTML, trial figures (and the words for them), the explorer
widgets, the ruleset comparison and the flowchart (``views/flowchart/``).
Views render; they never decide a plan or word anything clinical themselves.

May import: ground, pathway, other views, matplotlib, ipywidgets and anywidget. Never the
exercises or the command line.
"""
