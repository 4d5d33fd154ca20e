"""Old flat import paths (``micromets.widgets``, ``micromets.flowchart``, ...) still work after the
move into layer folders, and give the very module at the new home: notebooks written before the
move keep running, and a patch through either name reaches both."""

import importlib
import subprocess
import sys
from pathlib import Path

import pytest

from micromets._aliases import MOVED


@pytest.mark.parametrize(("old", "new"), sorted(MOVED.items()))
def test_an_old_path_imports_the_module_at_its_new_home(old, new):
    assert importlib.import_module(old) is importlib.import_module(new)
    module = sys.modules[new]
    assert module.__spec__.name == new, "the shared module keeps its own spec"
    assert module.__name__ == new


def test_every_alias_points_at_a_module_file_and_no_file_remains_at_an_old_path():
    package = Path(importlib.import_module("micromets").__file__).parent
    for old, new in MOVED.items():
        home = package.parent / new.replace(".", "/")
        assert home.with_suffix(".py").is_file() or (home / "__init__.py").is_file(), new  # a module or a package
        assert not (package.parent / (old.replace(".", "/") + ".py")).exists(), f"a stale file at {old}"


def test_a_fresh_interpreter_runs_a_chapter_s_old_imports():
    """As a notebook kernel would: nothing imported before, old paths only, names used."""
    code = (
        "from micromets.widgets import explore\n"
        "from micromets.flowchart import flowchart_svg\n"
        "from micromets.selfcheck import Question\n"
        "from micromets.vocabulary import shipped\n"
        "import micromets.render as render\n"
        "from micromets import recommend, Patient\n"
        "plan = recommend(Patient(deposit_mm=1.2, er='pos', pr='pos', her2='neg', menopause='post', surgery='bcs'))\n"
        "assert '<svg' in flowchart_svg(plan.ruleset, path=plan.path)\n"
        "print(render.__name__)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "micromets.views.render"


def test_an_unknown_name_is_still_an_import_error():
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("micromets.no_such_module")
