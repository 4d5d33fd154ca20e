"""The explorer with no server: a static folder that runs micromets in the learner's browser.

``python -m micromets site -o DIR`` (``build.build_site``) writes ``index.html`` with its
script and style, the pinned Pyodide core (from the npm registry, checked against its
integrity hash), a micromets wheel and a pure-Python PyYAML wheel built locally, the
pathway views and click details drawn by ``micromets.flowchart``, and the trial figures
drawn as SVG by ``micromets.figures``. ``page`` is the Python the page runs under Pyodide:
the same engine, plan renderer and route drawing as the notebook explorer.

A face (like the CLI): may import anything below it; nothing below imports it.
"""
