"""Small refusals shared by the data-file parsers: each raises a ``DataFileError``
naming the file and the key, so a malformed file is refused whole in one clear line."""

from __future__ import annotations

from string import Template

from .datafiles import unshowable
from .errors import DataFileError


def require(condition: bool, source: str, key: str, message: str) -> None:
    """Refuse the file unless ``condition`` holds.

    >>> require(False, "my.yaml", "nodes.q.ask", "unknown field")
    Traceback (most recent call last):
    micromets.ground.errors.DataFileError: my.yaml: nodes.q.ask: unknown field
    """
    if not condition:
        raise DataFileError(source, key, message)


def check_keys(raw: dict, allowed: set, source: str, where: str) -> None:
    """Refuse a mapping with a key outside ``allowed`` (or a key that is not text).

    >>> check_keys({"ask": "her2", "colour": "red"}, {"ask"}, "my.yaml", "nodes.q")
    Traceback (most recent call last):
    micromets.ground.errors.DataFileError: my.yaml: nodes.q.colour: unknown key; allowed: ask
    """
    for key in raw:
        if not isinstance(key, str):
            raise DataFileError(source, where or "(top level)", f"the key {key!r} is not text")
    unknown = sorted(set(raw) - allowed)
    if unknown:
        raise DataFileError(
            source,
            f"{where}.{unknown[0]}" if where else unknown[0],
            f"unknown key; allowed: {', '.join(sorted(allowed))}",
        )


def text_of(raw: dict, key: str, source: str, where: str, required: bool = True, *, one_line: bool = False) -> str:
    r"""The stripped text under ``key``; refused unless it is a non-empty text that can be shown.

    Every such text reaches a drawing, a page or a terminal, so control characters (and,
    with ``one_line``, new lines and tabs) are refused, naming the character.

    >>> text_of({"label": "  HER2?  "}, "label", "my.yaml", "nodes.q")
    'HER2?'
    >>> text_of({"label": "HER2?\x1b[2J"}, "label", "my.yaml", "nodes.q")
    Traceback (most recent call last):
    micromets.ground.errors.DataFileError: my.yaml: nodes.q.label: holds the control character \x1b; write plain text
    """
    value = raw.get(key)
    if value is None and not required:
        return ""
    at = f"{where}.{key}" if where else key
    require(isinstance(value, str) and value.strip() != "", source, at, "needs a non-empty text")
    showable_text(value.strip(), source, at, one_line=one_line)
    return value.strip()


def showable_text(text: str, source: str, key: str, *, one_line: bool = False) -> str:
    r"""``text`` unchanged, or refused naming the first control character it holds (see ``text_of``).

    >>> showable_text("a\nb", "my.yaml", "title", one_line=True)
    Traceback (most recent call last):
    micromets.ground.errors.DataFileError: my.yaml: title: holds the control character \n; write plain text on one line
    """
    bad = unshowable(text, one_line=one_line)
    if bad is not None:
        raise DataFileError(
            source, key, f"holds the control character {bad}; write plain text" + (" on one line" if one_line else "")
        )
    return text


def list_of_text(value: object, source: str, key: str, what: str) -> list[str]:
    """``value`` as a list of texts (``None`` is an empty list); anything else is refused.

    >>> list_of_text(["a", ["b"]], "my.yaml", "remove_nodes", "node ids")
    Traceback (most recent call last):
    micromets.ground.errors.DataFileError: my.yaml: remove_nodes[1]: ['b'] is not text; a list of node ids
    """
    if value is None:
        return []
    require(isinstance(value, list), source, key, f"a list of {what}")
    for i, item in enumerate(value):
        require(isinstance(item, str), source, f"{key}[{i}]", f"{item!r} is not text; a list of {what}")
    return value


def join_of(raw: dict, key: str, source: str, where: str) -> str:
    """The join under ``key`` (" with ", ", then "), kept as written: spaces are part of a join.

    >>> join_of({"then": ", then "}, "then", "my.yaml", "plan.joins")
    ', then '
    >>> join_of({"then": ""}, "then", "my.yaml", "plan.joins")
    Traceback (most recent call last):
    micromets.ground.errors.DataFileError: my.yaml: plan.joins.then: a non-empty text, spaces included
    """
    value = raw.get(key)
    require(isinstance(value, str) and value != "", source, f"{where}.{key}", "a non-empty text, spaces included")
    return showable_text(value, source, f"{where}.{key}", one_line=True)


def phrase_of(raw: dict, key: str, names: tuple[str, ...], source: str, where: str) -> str:
    """The phrase under ``key`` with exactly the ``$names`` given (``string.Template``): an unknown
    name would fail when the phrase is said, and a name left out would silently drop what a
    learner reads there (the sources of a step), so both are refused, naming the key.

    >>> phrase_of({"steps": "Steps ($number)"}, "steps", ("count",), "my.yaml", "plan.words")
    Traceback (most recent call last):
    micromets.ground.errors.DataFileError: my.yaml: plan.words.steps: unknown $number; allowed names: $count
    """
    text = text_of(raw, key, source, where, one_line=True)
    at = f"{where}.{key}"
    template = Template(text)
    require(template.is_valid(), source, at, "a $ starts a $name (write $$ for a dollar sign)")
    used, wanted = set(template.get_identifiers()), set(names)
    if used - wanted:
        allowed = ", ".join(f"${n}" for n in names) or "none (write $$ for a dollar sign)"
        raise DataFileError(source, at, f"unknown ${sorted(used - wanted)[0]}; allowed names: {allowed}")
    if wanted - used:
        raise DataFileError(source, at, f"needs ${sorted(wanted - used)[0]} (what a learner reads there)")
    return text


def section_of(raw: dict, name: str, keys, source: str, where: str) -> dict:
    """The mapping under ``name``, refused unless it is one with no key outside ``keys``.

    >>> section_of({"joins": ["with"]}, "joins", ("with",), "my.yaml", "plan")
    Traceback (most recent call last):
    micromets.ground.errors.DataFileError: my.yaml: plan.joins: a mapping with with
    """
    at = f"{where}.{name}"
    section = raw.get(name)
    require(isinstance(section, dict), source, at, f"a mapping with {', '.join(keys)}")
    check_keys(section, set(keys), source, at)
    return section
