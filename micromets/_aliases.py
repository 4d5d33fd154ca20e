"""Old flat import paths, kept working after the modules moved into layer folders.

Chapters, instructors' notebooks and generated exercise notebooks written before the move say
``from micromets.widgets import explore`` or ``from micromets.flowchart import flowchart_svg``.
``install()`` (called by ``micromets/__init__.py``) puts a finder on ``sys.meta_path`` that
answers an old dotted name with the module at its new home: the *same* module object, so
``micromets.widgets is micromets.views.widgets`` and a monkeypatch through either name
reaches both. New code imports the new paths; this table only shrinks.

>>> import micromets.render, micromets.views.render
>>> micromets.render is micromets.views.render
True
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import sys

# Old dotted name -> where the module lives now.
MOVED = {
    "micromets.errors": "micromets.ground.errors",
    "micromets.datafiles": "micromets.ground.datafiles",
    "micromets.checks": "micromets.ground.checks",
    "micromets.staging": "micromets.ground.staging",
    "micromets.evidence": "micromets.ground.evidence",
    "micromets.vocabulary": "micromets.ground.vocabulary",
    "micromets.patient": "micromets.pathway.patient",
    "micromets.conditions": "micromets.pathway.conditions",
    "micromets.graph": "micromets.pathway.graph",
    "micromets.merging": "micromets.pathway.merging",
    "micromets.ruleset": "micromets.pathway.ruleset",
    "micromets.engine": "micromets.pathway.engine",
    "micromets.plan_model": "micromets.pathway.plan_model",
    "micromets.cohort": "micromets.pathway.cohort",
    "micromets.display": "micromets.views.display",
    "micromets.render": "micromets.views.render",
    "micromets.figures": "micromets.views.figures",
    "micromets.figure_index": "micromets.views.figure_index",
    "micromets.range_input": "micromets.views.range_input",
    "micromets.widgets": "micromets.views.widgets",
    "micromets.compare": "micromets.views.compare",
    "micromets.form": "micromets.views.form",
    "micromets.flowchart": "micromets.views.flowchart",
    "micromets.flowlayout": "micromets.views.flowchart.layout",
    "micromets.flowchart_widget": "micromets.views.flowchart.widget",
    # The flowchart's first home in views/ (one module, before it became a package of parts).
    "micromets.views.flowchart.flowchart": "micromets.views.flowchart",
    "micromets.views.flowchart.flowchart_widget": "micromets.views.flowchart.widget",
    "micromets.svgtext": "micromets.views.flowchart.svgtext",
    "micromets.selfcheck": "micromets.exercises.selfcheck",
    # The patient's words before the vocabulary's section readers got their own folder.
    "micromets.ground.patient_words": "micromets.ground.words.patient",
}


class _AliasLoader(importlib.abc.Loader):
    """Hands back the module imported at its new path instead of running a file again."""

    def __init__(self, module) -> None:
        self.module = module
        self.own_spec = module.__spec__

    def create_module(self, spec):
        return self.module

    def exec_module(self, module) -> None:
        # The import system stamps the alias's spec on the module it gets; give it back its own.
        module.__spec__ = self.own_spec


class _AliasFinder(importlib.abc.MetaPathFinder):
    """Finds only the names in ``MOVED``; every other import goes to the normal finders."""

    def find_spec(self, fullname, path=None, target=None):
        new = MOVED.get(fullname)
        if new is None:
            return None
        return importlib.machinery.ModuleSpec(fullname, _AliasLoader(importlib.import_module(new)))


def install() -> None:
    """Put the finder first on ``sys.meta_path`` (once)."""
    if not any(isinstance(finder, _AliasFinder) for finder in sys.meta_path):
        sys.meta_path.insert(0, _AliasFinder())
