"""The shared fuzz harness: run the CLI in-process on hostile input and check the outcome.

Use it from any test (exercise case files, answer files, ...)::

    from .fuzzing import check_outcome, run_main, files_in

    def test_my_fuzz(tmp_path):
        before = files_in(tmp_path)
        outcome = run_main(["exercise", "grade", "cases.yaml", "answers.json"], cwd=tmp_path)
        check_outcome(outcome, tmp_path, before, allowed_writes={"out.yaml"})

``run_main`` calls ``micromets.cli.main(argv)`` in this process (thousands of runs fit in
CI time), with stdout and stderr captured, ``SystemExit`` caught, the working directory
set to ``cwd`` and a wall-clock limit (a hang fails the test instead of stalling CI).
``check_outcome`` asserts what issue 12 asks of every run: exit 0, or exit 2 with exactly
one line on stderr; never a traceback or an internal error; no raw terminal control
character in the output; and no file created or changed except ``allowed_writes``.

``ruleset_mutations()`` is a Hypothesis strategy of structure-aware mutations of real
rulesets (see its docstring); ``HOSTILE_TEXT`` and ``hostile_values()`` are building blocks
for other file kinds.
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import os
import re
import signal
from dataclasses import dataclass
from pathlib import Path

import yaml
from hypothesis import strategies as st

from micromets.cli import main
from micromets.ground.datafiles import read_data
from micromets.pathway.ruleset import shipped_path

REPO = Path(__file__).resolve().parents[1]
SOURCES = {
    "seed-2025": shipped_path("seed-2025"),
    "trials-2024": shipped_path("trials-2024"),
    "instructor": REPO / "tests" / "fixtures" / "instructor-ruleset.yaml",
}
TIME_LIMIT = 30  # seconds for one in-process run; a real run takes well under one


class Hang(Exception):
    """A run took longer than its time limit."""


@dataclass(frozen=True)
class Outcome:
    argv: tuple
    code: int
    stdout: str
    stderr: str


@contextlib.contextmanager
def _time_limit(seconds: float):
    def alarm(signum, frame):
        raise Hang(f"no answer within {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_main(argv: list[str], cwd: Path, time_limit: float = TIME_LIMIT) -> Outcome:
    """Run ``micromets.cli.main(argv)`` in-process inside ``cwd``; never raises but ``Hang``."""
    out, err = io.StringIO(), io.StringIO()
    here = os.getcwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), _time_limit(time_limit):
            try:
                code = main(list(argv))
            except SystemExit as done:  # --help
                code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    finally:
        os.chdir(here)
    return Outcome(tuple(argv), code, out.getvalue(), err.getvalue())


def files_in(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under ``folder`` with its size and modification time (to spot writes)."""
    found = {}
    for path in folder.rglob("*"):
        if path.is_file() or path.is_symlink():
            info = path.lstat()
            found[str(path.relative_to(folder))] = (info.st_size, info.st_mtime_ns)
    return found


_CONTROL = {chr(c) for c in range(32) if chr(c) not in "\n\t"} | {"\x7f"} | {chr(c) for c in range(0x80, 0xA0)}


def check_outcome(outcome: Outcome, folder: Path, before: dict, allowed_writes=frozenset()) -> None:
    """Assert the rules of issue 12 for one run (see the module docstring)."""
    shown = f"argv={outcome.argv!r}\nexit={outcome.code}\nstderr={outcome.stderr!r}"
    assert outcome.code in (0, 2), shown
    assert "Traceback" not in outcome.stderr and "internal error" not in outcome.stderr, shown
    if outcome.code == 2:
        lines = outcome.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("micromets: error: "), shown
    for stream in (outcome.stdout, outcome.stderr):
        assert not (_CONTROL & set(stream)), f"raw control character in output\n{shown}"
    after = files_in(folder)
    changed = {name for name in set(before) | set(after) if before.get(name) != after.get(name)}
    unexpected = changed - set(allowed_writes)
    assert not unexpected, f"wrote outside the requested path: {sorted(unexpected)}\n{shown}"
    if outcome.code != 0:
        assert not (changed & set(allowed_writes)), f"a refused run wrote its output\n{shown}"


# --------------------------------------------------------------------------- building blocks

HOSTILE_TEXT = [
    "",
    " ",
    "end",
    "otherwise",
    "\x1b[31mred\x1b[0m",
    "a\x00b",
    "line\nbreak",
    "C:\\new\\N\\u12\\",
    "<script>alert(1)</script>",
    "__import__('os').system('id')",
    "{{ x }}",
    "x" * 300,
    "\u202eevil",
    "≥ ≤ é",
]


def hostile_values(depth: int = 2):
    """Values of every YAML/JSON type a careless or hostile file could hold."""
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**6), 10**6),
        st.sampled_from([10**20, -1, 0, 10**400]),
        st.floats(allow_nan=False, allow_infinity=False, width=64),
        st.sampled_from(HOSTILE_TEXT),
        st.text(max_size=12),
    )
    if depth <= 0:
        return scalars
    inner = hostile_values(depth - 1)
    return st.one_of(
        scalars,
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from(["id", "next", "when", "ask", "x", "eq", "lt"]), inner, max_size=3),
    )


def _paths(data, prefix=()):
    """Every (path, value) in nested data, parents before children."""
    yield prefix, data
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _paths(value, (*prefix, i))


def _get(data, path):
    for part in path:
        data = data[part]
    return data


def _set(data, path, value):
    _get(data, path[:-1])[path[-1]] = value


def _delete(data, path):
    parent = _get(data, path[:-1])
    if isinstance(parent, dict):
        del parent[path[-1]]
    else:
        parent.pop(path[-1])


_RAW = {name: read_data(path) for name, path in SOURCES.items()}


_copy = copy.deepcopy
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml when present: much faster


@st.composite
def _data_mutations(draw, data):
    """Change the parsed data in 1-3 places: drop, retype, re-threshold, loop, nest."""
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p, _ in _paths(data) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        kind = draw(st.sampled_from(["drop", "retype", "threshold", "cycle", "next", "nest", "dup_branch"]))
        value = _get(data, path)
        if kind == "drop":
            _delete(data, path)
        elif kind == "retype":
            _set(data, path, draw(hostile_values()))
        elif kind == "threshold":
            numbers = [p for p, v in _paths(data) if isinstance(v, (int, float)) and not isinstance(v, bool) and p]
            if numbers:
                target = draw(st.sampled_from(numbers))
                old = _get(data, target)
                near = [old + 1e-6, old - 1e-6, old + 5e-7, -old] if abs(old) < 1e300 else [-old]
                new = draw(
                    st.one_of(
                        st.sampled_from([*near, 0, 10**400, 1e308, 0.1]),
                        st.floats(-1000, 1000, allow_nan=False),
                        st.integers(-5, 200),
                    )
                )
                _set(data, target, new)
        elif kind in ("cycle", "next"):
            nodes = data.get("nodes") if isinstance(data, dict) else None
            if isinstance(nodes, dict) and nodes:
                source = draw(st.sampled_from(sorted(nodes, key=str)))
                target = data.get("start") if kind == "cycle" else draw(st.sampled_from([*nodes, "end", "nowhere"]))
                if isinstance(nodes[source], dict):
                    nodes[source]["next"] = target
                    for branch in nodes[source].get("branches") or []:
                        if isinstance(branch, dict) and draw(st.booleans()):
                            branch["next"] = target
        elif kind == "nest":
            depth = draw(st.sampled_from([3, 30, 45, 200]))
            for _ in range(depth):
                value = [value]
            _set(data, path, value)
        elif kind == "dup_branch" and isinstance(value, list) and value:
            value.append(_copy(value[0]))
    return data


def _text_mutation(draw, text: str) -> bytes:
    """Mutations only text can carry: duplicate keys, aliases, bad bytes, tags (Python and retyping
    ones such as ``!!bool maybe``), control characters in labels, truncation."""
    kinds = ["none", "dup_key", "alias", "bomb", "bytes", "tag", "truncate", "tab", "deep", "retag", "control"]
    kind = draw(st.sampled_from(kinds))
    lines = text.splitlines(keepends=True)
    if kind == "dup_key" and len(lines) > 2:
        i = draw(st.integers(1, len(lines) - 1))
        lines.insert(i, lines[i])
    elif kind == "alias":
        lines = ["x-anchor: &a [1, 2, 3]\n", *lines, "x-use: *a\n"]
    elif kind == "bomb":
        bomb = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n']
        bomb += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]\n" for i in range(1, 9)]
        lines = [*bomb, *lines]
    elif kind == "tag":
        lines = ["x: !!python/object/apply:os.system ['echo pwned > pwned']\n", *lines]
    elif kind == "truncate" and lines:
        lines = lines[: draw(st.integers(0, len(lines)))]
    elif kind == "tab" and lines:
        i = draw(st.integers(0, len(lines) - 1))
        lines[i] = "\t" + lines[i]
    elif kind == "deep":
        lines = [*lines, "deep: " + "[" * 1100 + "]" * 1100 + "\n"]
    elif kind == "retag":  # issue 21: explicit tags made the CLI exit 70
        values = [i for i, line in enumerate(lines) if re.search(r": [^\s{\[&*!|>]", line)]
        if values:
            i = draw(st.sampled_from(values))
            tag = draw(st.sampled_from(["!!bool", "!!float", "!!int", "!!str", "!!null", "!custom", "!!binary", "!"]))
            lines[i] = re.sub(r": (?=[^\s{\[&*!|>])", f": {tag} ", lines[i], count=1)
    elif kind == "control":  # issue 21: a control character in a label broke PNG and SVG export
        labelled = [i for i, line in enumerate(lines) if re.match(r"\s*label: ", line)]
        if labelled:
            i = draw(st.sampled_from(labelled))
            indent, _, value = lines[i].partition("label: ")
            char = draw(st.sampled_from(["\x1b[2J", "\r", "\x00", "\u202e", "\udcff", "\n", "\x9b", "\ufffe"]))
            lines[i] = f"{indent}label: {json.dumps(value.strip() + char)}\n"
    data = "".join(lines).encode("utf-8")
    if kind == "bytes" and data:
        at = draw(st.integers(0, len(data) - 1))
        data = data[:at] + draw(st.sampled_from([b"\xff", b"\xe9", b"\x00", b"\xc3", b"\x1b[2J"])) + data[at:]
    return data


@st.composite
def ruleset_mutations(draw, sources=("instructor", "instructor", "instructor", "seed-2025", "trials-2024")):
    """Bytes of a mutated ruleset file: a shipped ruleset or the instructor fixture with
    keys dropped, retyped or duplicated, thresholds moved (NaN, 10^400, ±1e-6), cycles and
    dangling ``next``, deep nesting, aliases and alias bombs, Python tags, non-UTF-8 bytes,
    tabs and truncation; sometimes as ``extends`` of a shipped ruleset."""
    name = draw(st.sampled_from(sources))
    data = draw(_data_mutations(_copy(_RAW[name])))
    if draw(st.integers(0, 5)) == 0:
        data = {"id": "child", "title": "Child", "extends": draw(st.sampled_from(["seed-2025", "trials-2024", "x"]))}
        data[draw(st.sampled_from(["nodes", "patch_nodes", "remove_nodes", "warnings", "start"]))] = draw(
            hostile_values()
        )
    text = (
        yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True)
        if isinstance(data, (dict, list))
        else str(data)
    )
    return _text_mutation(draw, text)
