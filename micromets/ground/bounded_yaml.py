"""The bounded YAML reader behind ``datafiles.parse_data`` (see that module for what is refused).

Kept apart so that importing ``datafiles`` does not import PyYAML: only a YAML text to parse does.
"""

from __future__ import annotations

import math

import yaml
from yaml.composer import Composer
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, ScalarNode
from yaml.resolver import Resolver

try:
    from yaml._yaml import CParser
except ImportError:  # PyYAML built without libyaml: the pure-Python parser does the same, slower
    CParser = None

from .datafiles import MAX_INT_BITS, printable, shown
from .errors import DataFileError


class _Refused(yaml.YAMLError):
    """A refusal raised while parsing, carrying the line it applies to."""

    def __init__(self, message: str, mark=None):
        super().__init__(message)
        self.problem = message
        self.problem_mark = mark


def _key_part(index) -> str | None:
    """One step of a key path: ``.key`` for a mapping value, ``[i]`` for a list item."""
    if isinstance(index, ScalarNode):
        return "." + shown(index.value, 40).strip("'\"")
    if isinstance(index, int):
        return f"[{index}]"
    return None


class _Bounds:
    """Composer and constructor hooks that bound depth and alias expansion and keep
    values plain; mixed into PyYAML's safe loader (with libyaml's parser when present)."""

    def _start_bounds(self, max_depth: int, max_expanded: int) -> None:
        self._max_depth = max_depth
        self._max_expanded = max_expanded
        self._depth = 0
        self._deepest = 0
        self._expanded = 0
        self._weights: dict[str, tuple[int, int]] = {}  # anchor -> (expanded size, height)
        self._keys: list[str | None] = []  # where the node being composed sits, for messages

    # ---- composing: depth and alias expansion are measured before anything is built

    def _grow(self, amount: int, mark) -> None:
        self._expanded += amount
        if self._expanded > self._max_expanded:
            raise _Refused(
                f"aliases (*name) expand this file beyond {self._max_expanded:,} characters; write the values out",
                mark,
            )

    def compose_node(self, parent, index):
        self._depth += 1
        self._keys.append(_key_part(index))
        try:
            if self._depth > self._max_depth:
                raise _Refused(f"nested more than {self._max_depth} levels deep", self.peek_event().start_mark)
            tag = getattr(self.peek_event(), "tag", None)
            if tag is not None:  # !!bool maybe, !!float '', !!python/...: plain data never needs a tag
                where = "".join(k for k in self._keys if k is not None).lstrip(".")
                raise _Refused(
                    (f"{where}: " if where else "")
                    + f"the tag {shown(tag.replace('tag:yaml.org,2002:', '!!'))} is refused (plain YAML data only; "
                    "tags that build Python objects are refused and so are tags that retype a value); "
                    "write the plain value",
                    self.peek_event().start_mark,
                )
            if self.check_event(AliasEvent):
                event = self.peek_event()
                node = super().compose_node(parent, index)  # refuses an undefined alias
                if event.anchor not in self._weights:  # still being composed: the data would contain itself
                    raise _Refused(f"the alias *{event.anchor} refers to data that contains it", event.start_mark)
                size, height = self._weights[event.anchor]
                self._deepest = max(self._deepest, self._depth - 1 + height)
                if self._deepest > self._max_depth:
                    raise _Refused(f"an alias nests the data more than {self._max_depth} levels deep", event.start_mark)
                self._grow(size, event.start_mark)
                return node
            event = self.peek_event()
            anchor = getattr(event, "anchor", None)
            outer_deepest, self._deepest = self._deepest, self._depth
            before = self._expanded
            node = super().compose_node(parent, index)
            if anchor is not None:
                self._weights[anchor] = (self._expanded - before, self._deepest - self._depth + 1)
            self._deepest = max(outer_deepest, self._deepest)
            return node
        finally:
            self._depth -= 1
            self._keys.pop()

    def compose_scalar_node(self, anchor):
        node = super().compose_scalar_node(anchor)
        self._grow(1 + len(node.value), node.start_mark)
        return node

    def compose_sequence_node(self, anchor):
        self._grow(1, self.peek_event().start_mark)
        return super().compose_sequence_node(anchor)

    def compose_mapping_node(self, anchor):
        self._grow(1, self.peek_event().start_mark)
        return super().compose_mapping_node(anchor)

    # ---- constructing: plain values only

    def flatten_mapping(self, node):
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _Refused("merge keys (<<) are not supported; write the keys out", key_node.start_mark)

    def construct_mapping(self, node, deep=False):
        if not isinstance(node, MappingNode):
            raise ConstructorError(None, None, f"expected a mapping, found {node.id}", node.start_mark)
        self.flatten_mapping(node)
        mapping = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, str):
                hint = " (YAML reads yes, no, on, off as true/false)" if isinstance(key, bool) else ""
                raise _Refused(f"the key {shown(key)} is not text{hint}; put it in quotes", key_node.start_mark)
            if key in mapping:
                raise _Refused(
                    f"duplicate key {shown(key)} (each key may appear once in a mapping)", key_node.start_mark
                )
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping

    def construct_yaml_int(self, node):
        try:
            value = super().construct_yaml_int(node)
        except ValueError:  # Python's own limit on decimal digits
            value = None
        if value is None or value.bit_length() > MAX_INT_BITS:
            raise _Refused(
                "an integer with more than 4,300 digits; numbers must be of a sensible size", node.start_mark
            )
        return value

    def construct_yaml_float(self, node):
        value = super().construct_yaml_float(node)
        if not math.isfinite(value):
            raise _Refused(
                f"{shown(self.construct_scalar(node))} is not a finite number (NaN, infinity and values "
                "beyond 1.8e308 are refused)",
                node.start_mark,
            )
        return value

    def construct_as_text(self, node):
        return self.construct_scalar(node)

    def refuse_tag(self, node):
        raise _Refused(f"the tag {node.tag} is refused (plain YAML data only)", node.start_mark)


class _BoundedLoader(_Bounds, yaml.SafeLoader):
    """The pure-Python safe loader, bounded."""

    def __init__(self, stream, max_depth: int, max_expanded: int):
        yaml.SafeLoader.__init__(self, stream)
        self._start_bounds(max_depth, max_expanded)


_LOADERS = [_BoundedLoader]
if getattr(yaml, "__with_libyaml__", False):  # libyaml scans and parses ~8x faster; composing stays ours

    class _FastBoundedLoader(_Bounds, Composer, SafeConstructor, Resolver, CParser):
        """libyaml's parser (events only) under the bounded composer and constructor."""

        def __init__(self, stream, max_depth: int, max_expanded: int):
            CParser.__init__(self, stream)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)
            Composer.__init__(self)
            self._start_bounds(max_depth, max_expanded)

    _LOADERS.insert(0, _FastBoundedLoader)

for _loader in _LOADERS:
    _loader.add_constructor("tag:yaml.org,2002:int", _Bounds.construct_yaml_int)
    _loader.add_constructor("tag:yaml.org,2002:float", _Bounds.construct_yaml_float)
    _loader.add_constructor("tag:yaml.org,2002:timestamp", _Bounds.construct_as_text)
    for _tag in ("binary", "set", "omap", "pairs"):
        _loader.add_constructor(f"tag:yaml.org,2002:{_tag}", _Bounds.refuse_tag)


def parse_yaml(text: str, source: str, max_depth: int, max_expanded: int) -> object:
    """Parse YAML text into plain data, bounded; a refusal is a ``DataFileError`` naming ``source`` and the line.

    >>> parse_yaml("a: [1, 2]", "demo.yaml", 40, 4_000_000)
    {'a': [1, 2]}
    """
    loader = None
    try:
        loader = _LOADERS[0](text, max_depth, max_expanded)  # checks the characters first
        return loader.get_single_data()
    except yaml.reader.ReaderError as error:
        line = text[: error.position].count("\n") + 1
        raise DataFileError(
            source, f"line {line}", f"the character #x{error.character:04x} is not allowed in YAML"
        ) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else ""
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        context = getattr(error, "context", None) or ""
        if isinstance(error, ConstructorError) and "tag" in str(problem):
            problem = f"{problem}; tags that build Python objects are refused (plain YAML data only)"
        elif context.startswith("found duplicate anchor"):
            problem = f"{context.split(';')[0]}: each &name may be defined once"
        elif "found undefined alias" in str(problem):
            problem = f"{problem} (an alias *name needs an anchor &name above it)"
        elif context and not isinstance(error, _Refused):
            problem = f"{problem} ({context})"
        raise DataFileError(source, where, printable(problem)) from None
    finally:
        if loader is not None:
            loader.dispose()
