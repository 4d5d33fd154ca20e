"""The one bounded reader for every user file, and the guard for every output path.

Instructors share rulesets and case files; learners hand in answer files. Any of them
may be broken or hostile, so every user file is read here, and nowhere else:

- ``read_data(path, *, what="data file", fmt=None, max_bytes=MAX_BYTES) -> object`` reads a YAML or JSON
  file (``fmt`` from the suffix when not given: ``.json`` is JSON, anything else YAML).
- ``parse_data(text, source, *, fmt="yaml") -> object`` parses text already in memory
  (a packaged resource, a notebook's inline case set); ``source`` names it in errors.
- ``read_text(path, *, what="data file") -> str`` the checked UTF-8 text of a file.
- ``read_csv_rows(path, *, what="CSV file") -> list[dict[str, str]]`` the rows of a CSV
  file with a header line.
- ``prepare_output(path, *, force=False, folder=False) -> Path`` checks a path a
  command is about to write (a file, or with ``folder=True`` a folder, created if
  absent) and returns it; ``OutputPathError`` otherwise.
- ``read_packaged(relative) -> object`` the package's own data files; ``parsed_ahead(section, key)``
  what the static site's build parsed and checked ahead of time (``PARSED_AHEAD``), if anything.
- ``parse_csv_rows(text, source)`` and ``decode_text(data: bytes, source) -> str`` are
  the same checks for text or bytes already in memory.
- ``printable(text) -> str`` escapes control characters (ANSI escapes included) so
  text from a file or an argument cannot drive the terminal; ``shown(value, limit=60)``
  is a short, printable ``repr`` for error messages (never a 4,000-digit number).

``what`` names the kind of file in messages ("ruleset", "case file", "answer file");
``max_bytes`` (default ``MAX_BYTES``) may be lowered per call. Commands that write
call ``prepare_output`` first, and print ``printable(...)`` of any text from data.

Every refusal is a ``DataFileError`` (a ``ValueError``) whose text is one line naming
the file, where in it (line or key) and what is allowed. What is refused:

- files over ``MAX_BYTES`` (2 MB) and anything that is not a regular file
  (a folder, a pipe or a device is never opened for reading, so nothing can hang);
- text that is not UTF-8 (a byte-order mark is allowed and dropped);
- nesting deeper than ``MAX_DEPTH`` (40) in YAML or JSON;
- YAML aliases whose expansion would exceed ``MAX_EXPANDED`` (4,000,000 characters
  and nodes): ``&note``/``*note`` reuse stays allowed, a 692-byte "billion laughs" bomb
  is refused at once, before anything is expanded; merge keys (``<<``) are refused;
- duplicate mapping keys (a second ``deposit:`` node never silently wins) and keys
  that are not text (YAML reads ``1:``, ``yes:`` or ``null:`` as other types);
- integers of more than 4,300 digits, NaN, infinities and floats beyond 1.8e308;
- explicit YAML tags of any kind (``!!python/object``, ``!!set``, and ``!!bool maybe``
  or ``!!float ''`` too), naming the key; dates stay text.

What comes back is plain data only: ``dict`` (text keys), ``list``, ``str``, ``int``,
``float``, ``bool`` and ``None``. Checking what the values *mean* (which keys, which
types) is the caller's job; this module guarantees they are small, finite and plain.

>>> parse_data("nodes: {a: 1, a: 2}", "demo.yaml")
Traceback (most recent call last):
micromets.ground.errors.DataFileError: demo.yaml: line 1: duplicate key 'a' (each key may appear once in a mapping)
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import math
import os
import re
import stat
import tempfile
from collections.abc import Iterator
from functools import cache
from importlib import resources
from pathlib import Path

from .errors import DataFileError

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_EXPANDED",
    "DataFileError",
    "OutputPathError",
    "atomic_path",
    "cut",
    "decode_text",
    "escaped_name",
    "parse_csv_rows",
    "parse_data",
    "prepare_output",
    "printable",
    "read_csv_rows",
    "read_data",
    "read_text",
    "shown",
    "unshowable",
    "write_files",
]

MAX_BYTES = 2_000_000
MAX_DEPTH = 40
MAX_EXPANDED = 4_000_000
MAX_INT_BITS = 14_000  # about 4,200 decimal digits: Python refuses to print longer integers
_NAME_MAX = 255  # bytes in one path component on the file systems we meet


class OutputPathError(DataFileError):
    """A path a command was asked to write to is refused; names the path and what to do.

    >>> str(OutputPathError("slide.svg", "exists; pass --force to replace it"))
    'slide.svg: exists; pass --force to replace it'
    """

    def __init__(self, path: str, message: str):
        super().__init__(path, "", message)


# --------------------------------------------------------------------------- small helpers


def shown(value: object, limit: int = 60) -> str:
    """A short, printable repr of a value for an error message.

    >>> shown("x" * 100)[-3:], shown(10**500)
    ('xx…', 'a very large number')
    """
    text = repr(value) if not isinstance(value, int) or value.bit_length() < 200 else "a very large number"
    text = printable(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def printable(text: object) -> str:
    r"""``text`` with control characters escaped, so it cannot drive a terminal.

    Newlines and tabs are kept; ANSI escapes, carriage returns, NUL, bidirectional
    overrides and undecodable bytes (lone surrogates) are shown as ``\x1b``-style escapes.

    >>> printable("red \x1b[31malert\x1b[0m\r")
    'red \\x1b[31malert\\x1b[0m\\r'
    """
    text = str(text)
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


_UNSHOWABLE = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)
_UNSHOWABLE_ON_ONE_LINE = re.compile(_UNSHOWABLE.pattern[:-1] + "\n\t]")


def unshowable(text: str, *, one_line: bool = False) -> str | None:
    r"""The first character of ``text`` that no drawing, page or terminal may receive, escaped; else None.

    Control characters (ANSI escapes, carriage returns, NUL, C1), bidirectional overrides,
    line separators, lone surrogates (undecodable bytes) and the non-characters XML refuses.
    New lines and tabs are allowed unless ``one_line``.

    >>> unshowable("HER2?\x1b[2J"), unshowable("two\nlines"), unshowable("two\nlines", one_line=True)
    ('\\x1b', None, '\\n')
    """
    found = (_UNSHOWABLE_ON_ONE_LINE if one_line else _UNSHOWABLE).search(text)
    if found is None:
        return None
    char = found.group()
    return char.encode("unicode_escape").decode("ascii") if ord(char) < 0x10000 else repr(char)


def escaped_name(name: object) -> str:
    r"""A file name as it may be shown on one line: control characters, new lines and tabs escaped.

    >>> escaped_name("answers-ana\nmicromets: all right.json")
    'answers-ana\\nmicromets: all right.json'
    """
    return printable(str(name)).replace("\n", "\\n").replace("\t", "\\t")


_TERMINAL_UNSAFE_IN_JSON = re.compile(r"[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def terminal_json(data: object) -> str:
    r"""JSON text (UTF-8 kept readable) with every terminal control character \u-escaped.

    ``json.dumps`` escapes the C0 controls itself; DEL, C1 controls (``\x9b`` starts an
    escape sequence on some terminals) and bidirectional overrides are escaped here.

    >>> print(terminal_json({"t": "ok \x9b31m ≥"}))
    {
      "t": "ok \u009b31m ≥"
    }
    """
    text = json.dumps(data, indent=2, ensure_ascii=False)
    return _TERMINAL_UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def cut(text: str, limit: int = 300) -> str:
    """``text`` cut to ``limit`` characters (an ellipsis marks the cut), for one readable error line.

    >>> len(cut("x" * 5000)), cut("short")
    (300, 'short')
    """
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _size(n: int) -> str:
    return f"{n / 1_000_000:g} MB" if n >= 1_000_000 else f"{n:,} bytes"


# --------------------------------------------------------------------------- reading bytes


def read_text(path: str | Path, *, what: str = "data file", max_bytes: int = MAX_BYTES) -> str:
    """The text of a user file: a regular file of at most ``max_bytes``, decoded as UTF-8.

    >>> read_text("no-such-file.yaml")
    Traceback (most recent call last):
    micromets.ground.errors.DataFileError: no-such-file.yaml: cannot be read (No such file or directory)
    """
    source = printable(str(path))
    try:
        info = os.stat(path)
    except OSError as error:
        raise DataFileError(source, "", f"cannot be read ({error.strerror or error})") from None
    except ValueError:  # an embedded NUL byte in the name
        raise DataFileError(source, "", "is not a usable file name") from None
    if stat.S_ISDIR(info.st_mode):
        raise DataFileError(source, "", f"is a folder; give a {what}")
    if not stat.S_ISREG(info.st_mode):  # a pipe or a device could block or never end
        raise DataFileError(source, "", f"is not a regular file; give a {what}")
    if info.st_size > max_bytes:
        raise DataFileError(source, "", f"is {_size(info.st_size)}; a {what} may be at most {_size(max_bytes)}")
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as error:
        raise DataFileError(source, "", f"cannot be read ({error.strerror or error})") from None
    if len(data) > max_bytes:
        raise DataFileError(source, "", f"is larger than {_size(max_bytes)}, the most a {what} may be")
    return decode_text(data, source)


def decode_text(data: bytes, source: str) -> str:
    """Decode bytes as UTF-8 (a byte-order mark is dropped); the error names the line.

    >>> decode_text(b"id: caf\\xe9", "demo.yaml")
    Traceback (most recent call last):
    micromets.ground.errors.DataFileError: demo.yaml: line 1: is not UTF-8 text (byte 0xe9); save the file as UTF-8
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise DataFileError(
            source, f"line {line}", f"is not UTF-8 text (byte 0x{data[error.start]:02x}); save the file as UTF-8"
        ) from None


# --------------------------------------------------------------------------- YAML


def _parse_yaml(text: str, source: str, max_depth: int, max_expanded: int) -> object:
    # Imported here, not above: a reader that never meets YAML (the static site, whose packaged data
    # its build parsed ahead of time) never pays for importing PyYAML.
    from .bounded_yaml import parse_yaml

    return parse_yaml(text, source, max_depth, max_expanded)


# --------------------------------------------------------------------------- JSON

_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


def _json_depth(text: str) -> int:
    """The deepest nesting of arrays and objects (strings skipped), without recursion."""
    brackets = _NOT_BRACKET.sub("", _JSON_STRING.sub("", text))
    depth = deepest = 0
    for char in brackets:
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


class _JsonRefused(ValueError):
    pass


def _json_object(pairs: list) -> dict:
    result = {}
    for key, value in pairs:
        if key in result:
            raise _JsonRefused(f"duplicate key {shown(key)} (each key may appear once in an object)")
        result[key] = value
    return result


def _json_int(text: str) -> int:
    if len(text.lstrip("-")) > 4300:
        raise _JsonRefused("an integer with more than 4,300 digits; numbers must be of a sensible size")
    return int(text)


def _json_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _JsonRefused(f"{shown(text)} is beyond the largest number allowed (1.8e308)")
    return value


def _json_constant(name: str):
    raise _JsonRefused(f"{name} is not a number; JSON values must be finite")


def _parse_json(text: str, source: str, max_depth: int) -> object:
    if _json_depth(text) > max_depth:
        raise DataFileError(source, "", f"nested more than {max_depth} levels deep")
    try:
        return json.loads(
            text,
            object_pairs_hook=_json_object,
            parse_int=_json_int,
            parse_float=_json_float,
            parse_constant=_json_constant,
        )
    except json.JSONDecodeError as error:
        raise DataFileError(source, f"line {error.lineno}", f"not valid JSON ({printable(error.msg)})") from None
    except (_JsonRefused, RecursionError) as error:
        raise DataFileError(source, "", str(error) or "nested too deeply") from None


# --------------------------------------------------------------------------- the public readers


def parse_data(
    text: str,
    source: str,
    *,
    fmt: str = "yaml",
    max_depth: int = MAX_DEPTH,
    max_expanded: int = MAX_EXPANDED,
) -> object:
    """Parse YAML or JSON text into plain data; any refusal names ``source`` and the line.

    >>> parse_data("a: !!python/object:os.system x", "demo.yaml")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    micromets.ground.errors.DataFileError: demo.yaml: line 1: ...; tags that build Python objects are refused ...
    >>> parse_data('{"n": NaN}', "answers.json", fmt="json")
    Traceback (most recent call last):
    micromets.ground.errors.DataFileError: answers.json: NaN is not a number; JSON values must be finite
    """
    source = printable(source)
    if not isinstance(text, str):
        raise DataFileError(source, "", "expected text")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:  # lone surrogates: undecodable bytes smuggled in as text
        line = text[: error.start].count("\n") + 1
        raise DataFileError(source, f"line {line}", "is not UTF-8 text; save the file as UTF-8") from None
    if fmt == "json":
        data = _parse_json(text, source, max_depth)
    elif fmt == "yaml":
        data = _parse_yaml(text, source, max_depth, max_expanded)
    else:
        raise ValueError(f"fmt must be 'yaml' or 'json', not {fmt!r}")
    _refuse_surrogates(data, source)
    return data


def read_packaged(relative: str) -> object:
    """A data file shipped inside the package (its path below ``micromets/``), parsed by the same
    bounded reader as any user file; a refusal names it ``micromets/<relative>``. The one way the
    package reads its own data (the registry, the vocabulary, the case bank, the sequencing rules).

    >>> read_packaged("exercises/treatment-order.yaml")["comes_before"]["chemotherapy"]
    ['endocrine']
    """
    ahead = parsed_ahead("data", relative)
    if ahead is not None:
        return ahead
    text = packaged_text(relative)
    return parse_data(text, f"micromets/{relative}", fmt="json" if relative.endswith(".json") else "yaml")


def packaged_text(relative: str) -> str:
    """The text of a file shipped inside the package (its path below ``micromets/``).

    >>> packaged_text("data/vocabulary.yaml").startswith("#")
    True
    """
    return resources.files("micromets").joinpath(relative).read_text(encoding="utf-8")


def text_digest(text: str) -> str:
    """The sha256 of a text's UTF-8 bytes, in hex: what ``PARSED_AHEAD`` records of each file it was made from.

    >>> text_digest("")[:12]
    'e3b0c44298fc'
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# The packaged data parsed ahead of time, a file only the static site's build writes (into the wheel
# the page installs): PyYAML in pure Python takes seconds in a browser, JSON milliseconds. It is JSON
# of the form {"made_from": {relative: sha256}, "data": {relative: data}, "stages": {ruleset: [...]}}:
# plain data, never code, from files the build read with the loaders (``load_ruleset``, ``registry``,
# the vocabulary), which refused anything malformed then, naming the file and the key.
PARSED_AHEAD = "parsed-ahead.json"


@cache
def _parsed_ahead() -> dict:
    found = resources.files("micromets").joinpath(PARSED_AHEAD)
    if not found.is_file():
        return {}
    return current_bundle(json.loads(found.read_text(encoding="utf-8")))  # written by this package's own build


def current_bundle(bundle: dict) -> dict:
    """``bundle`` (what ``PARSED_AHEAD`` holds) if every packaged file it was made from is unchanged
    since, else an empty one: it is used whole or not at all, and then everything is parsed afresh.

    >>> current_bundle({"made_from": {"data/vocabulary.yaml": "0" * 64}, "data": {}})
    {}
    """
    made_from = bundle.get("made_from") or {}
    if not made_from or any(text_digest(packaged_text(name)) != digest for name, digest in made_from.items()):
        return {}
    return bundle


def parsed_ahead(section: str, key: str) -> object | None:
    """A fresh copy of what the static site's build worked out ahead of time (``section`` "data":
    the parsed data of a packaged file, by its path below ``micromets/``; "stages": a shipped
    ruleset's stages, by name), or None where there is none (everywhere but the site's wheel) or
    where the files it was made from have changed since.

    >>> parsed_ahead("data", "data/vocabulary.yaml") is None  # a checkout has no such file
    True
    """
    found = _parsed_ahead().get(section, {}).get(key)
    return None if found is None else json.loads(json.dumps(found))  # callers may change what they get


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _refuse_surrogates(data: object, source: str) -> None:
    r"""Refuse text that escapes a lone surrogate (``"\udcff"`` in JSON or YAML): no page or file can hold it.

    >>> parse_data('{"a": ["\\udcff"]}', "a.json", fmt="json")
    Traceback (most recent call last):
    micromets.ground.errors.DataFileError: a.json: a[0]: holds \udcff, half a character; write the character itself
    """
    stack: list[tuple[str, object]] = [("", data)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, str):
            found = _SURROGATE.search(value)
            if found:
                bad = found.group().encode("unicode_escape").decode("ascii")
                raise DataFileError(
                    source,
                    where,
                    f"holds {bad}, half a character; write the character itself",
                )
        elif isinstance(value, dict):
            for key, item in value.items():
                stack += [(where, key), (f"{where}.{shown(key, 40)[1:-1]}".lstrip("."), item)]
        elif isinstance(value, list):
            stack += [(f"{where}[{i}]", item) for i, item in enumerate(value)]


def read_data(
    path: str | Path,
    *,
    what: str = "data file",
    fmt: str | None = None,
    max_bytes: int = MAX_BYTES,
) -> object:
    """Read a YAML or JSON user file (JSON when the name ends in ``.json``) as plain data.

    ``what`` names the kind of file in messages ("ruleset", "case file", ...).

    >>> read_data("no-such-file.yaml", what="case file")
    Traceback (most recent call last):
    micromets.ground.errors.DataFileError: no-such-file.yaml: cannot be read (No such file or directory)
    """
    text = read_text(path, what=what, max_bytes=max_bytes)
    if fmt is None:
        fmt = "json" if str(path).lower().endswith(".json") else "yaml"
    return parse_data(text, str(path), fmt=fmt)


def read_csv_rows(
    path: str | Path, *, what: str = "CSV file", max_bytes: int = MAX_BYTES, max_rows: int | None = None
) -> list[dict[str, str]]:
    """The rows of a CSV file with a header line, as ``{column: text}``.

    Refused whole (naming the line): duplicate or empty column names, a row with more
    fields than the header, a NUL byte, a field over 131,072 characters. Missing
    trailing fields read as "". With ``max_rows``, a file with more rows is refused as soon
    as the reader passes that count (memory stays bounded however many short rows it holds).

    >>> read_csv_rows("no-such-file.csv")
    Traceback (most recent call last):
    micromets.ground.errors.DataFileError: no-such-file.csv: cannot be read (No such file or directory)
    """
    source = printable(str(path))
    text = read_text(path, what=what, max_bytes=max_bytes)
    return parse_csv_rows(text, source, max_rows=max_rows)


def parse_csv_rows(text: str, source: str, *, max_rows: int | None = None) -> list[dict[str, str]]:
    """Parse CSV text with a header line into rows (see ``read_csv_rows``).

    >>> parse_csv_rows("case,answer\\none,no_alnd\\n", "a.csv")
    [{'case': 'one', 'answer': 'no_alnd'}]
    """
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if header is None:
            raise DataFileError(source, "", "is empty; a CSV file starts with a header line")
        header = [name.strip() for name in header]
        for i, name in enumerate(header):
            if not name:
                raise DataFileError(source, "line 1", f"column {i + 1} has no name")
            if name in header[:i]:
                raise DataFileError(source, "line 1", f"the column {shown(name)} appears twice")
        rows = []
        for fields in reader:
            if not fields:
                continue
            if max_rows is not None and len(rows) >= max_rows:
                raise DataFileError(
                    source, f"line {reader.line_num}", f"more than {max_rows:,} rows; at most {max_rows:,}"
                )
            if len(fields) > len(header):
                raise DataFileError(
                    source, f"line {reader.line_num}", f"{len(fields)} fields, but the header names {len(header)}"
                )
            rows.append(dict(zip(header, fields + [""] * (len(header) - len(fields)), strict=True)))
        return rows
    except csv.Error as error:
        raise DataFileError(source, f"line {reader.line_num}", f"not valid CSV ({printable(error)})") from None


# --------------------------------------------------------------------------- writing


def prepare_output(path: str | Path, *, force: bool = False, folder: bool = False) -> Path:
    """Check a path a command is about to write, and return it as a ``Path``.

    A file (``folder=False``): refused if it is a folder, if its folder does not exist,
    or if it exists and ``force`` is false. A folder (``folder=True``): refused if it is
    a file, if its parent does not exist, or if it holds anything and ``force`` is
    false; it is not created here (``write_files`` creates it with the outputs, so a run
    refused later leaves no empty folder). A symbolic link is refused either way, even
    with ``force``: an output never writes through a link. Refusals are
    ``OutputPathError`` naming the path.

    >>> prepare_output("no-such-folder/slide.svg")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    micromets.ground.datafiles.OutputPathError: no-such-folder/slide.svg: the folder no-such-folder does not exist; ...
    """
    text = str(path)
    shown = printable(text)
    if not text.strip():
        raise OutputPathError(repr(text), "is not a file name")
    try:
        target = Path(text)
        too_long = [part for part in target.parts if len(os.fsencode(part)) > _NAME_MAX]
        if too_long:
            raise OutputPathError(shown, f"a name in this path is longer than {_NAME_MAX} bytes")
        parent = target.parent
        if not parent.is_dir():
            raise OutputPathError(shown, f"the folder {printable(parent)} does not exist; create it first")
        if folder:
            _refuse_link(target)
            if target.exists() and not target.is_dir():
                raise OutputPathError(shown, "is a file; give a folder to write into")
            if target.is_dir() and any(target.iterdir()) and not force:
                raise OutputPathError(shown, "is a folder that is not empty; pass --force to write into it")
            return target  # created by ``write_files`` when the outputs are complete: a refused run leaves none
        if target.is_dir() or text.endswith(("/", os.sep)):
            raise OutputPathError(shown, "is a folder; give a file name")
        _refuse_link(target)
        if target.exists():
            if not force:
                raise OutputPathError(shown, "exists; pass --force to replace it")
            if not target.is_file():
                raise OutputPathError(shown, "is not a regular file; refusing to replace it")
        return target
    except OSError as error:
        raise OutputPathError(shown, f"cannot be written ({error.strerror or error})") from None
    except ValueError as error:
        if isinstance(error, OutputPathError):
            raise
        raise OutputPathError(shown, "is not a usable file name") from None


def _refuse_link(target: Path) -> None:
    if target.is_symlink():
        raise OutputPathError(
            escaped_name(target), "is a symbolic link; outputs never write through one (remove it or give another name)"
        )


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """A temporary path beside ``path`` to write to; renamed onto ``path`` only if the block succeeds.

    The temporary name keeps the suffix (a writer that reads it, such as ``.png``, still
    works); on any failure it is removed and ``path`` is left as it was. A ``path`` that
    is a symbolic link is refused: the rename would replace the link, never its target,
    but a command says so rather than surprise anyone.

    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp()) / "slide.svg"
    >>> with atomic_path(out) as tmp:
    ...     _ = tmp.write_text("<svg/>", encoding="utf-8")
    >>> out.read_text(encoding="utf-8"), [p.name for p in out.parent.iterdir()]
    ('<svg/>', ['slide.svg'])
    """
    target = Path(path)
    _refuse_link(target)
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.stem[:60]}.", suffix=f".part{target.suffix[:16]}"
    )
    os.close(handle)
    try:
        os.chmod(temporary, 0o666 & ~_umask())  # as an ordinary new file would be, not mkstemp's 0600
        yield Path(temporary)
        if target.is_symlink():  # planted while we wrote
            _refuse_link(target)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def write_files(folder: str | Path | None, files: dict[str, str | bytes]) -> list[Path]:
    r"""Write every file whole, or none: each to a temporary file beside it, then all renamed into place.

    ``folder`` (created when absent, and removed again if nothing could be written) holds
    the ``files`` (name -> text or bytes); ``None`` means the names are paths. Text is
    encoded as UTF-8 before anything is written, so text that cannot be encoded fails
    with no file touched; a symbolic link among the targets is refused before any write.
    Earlier outputs stay as they were until the last temporary file is complete.

    >>> import tempfile
    >>> report = Path(tempfile.mkdtemp()) / "report"
    >>> [p.name for p in write_files(report, {"a.csv": "x\n", "b.json": "{}"})]
    ['a.csv', 'b.json']
    >>> write_files(report, {"a.csv": "y", "c.txt": "\udcff"})
    Traceback (most recent call last):
    micromets.ground.errors.DataFileError: c.txt: holds text that cannot be written as UTF-8 (\udcff)
    >>> (report / "a.csv").read_text()
    'x\n'
    """
    encoded = {}
    for name, text in files.items():
        if isinstance(text, str):
            try:
                text = text.encode("utf-8")
            except UnicodeEncodeError as error:
                bad = text[error.start].encode("unicode_escape").decode("ascii")
                raise DataFileError(
                    escaped_name(name), "", f"holds text that cannot be written as UTF-8 ({bad})"
                ) from None
        encoded[name] = text
    base = Path(folder) if folder is not None else None
    targets = {(base / name if base is not None else Path(name)): data for name, data in encoded.items()}
    for target in targets:
        _refuse_link(target)
    made = False
    if base is not None and not base.is_dir():
        _refuse_link(base)
        base.mkdir(parents=True)  # (a command has checked that the parent exists)
        made = True
    done: list[Path] = []
    try:
        with contextlib.ExitStack() as stack:
            for target, data in targets.items():
                temporary = stack.enter_context(atomic_path(target))
                temporary.write_bytes(data)
                done.append(target)
        # every temporary file is complete; leaving the stack renamed each into place
    except BaseException:
        if made and not any(base.iterdir()):
            base.rmdir()
        raise
    return done
