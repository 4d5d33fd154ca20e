"""The pathway flowchart, drawn from a ruleset's own graph: layout, SVG text, the SVG
chart, its export and the live widget.

May import: ground, pathway and other views. Never the exercises or the command line.
"""
