"""Errors that name what was wrong, so a learner or instructor can fix it in one go."""

from __future__ import annotations


class InputError(ValueError):
    """A bad input value; ``field`` names the input, the message says what is allowed.

    >>> str(InputError("her2", "got 'maybe'; allowed: pos or neg"))
    "her2: got 'maybe'; allowed: pos or neg"
    """

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field


class DataFileError(ValueError):
    """A ruleset, registry or case file refused whole; names the file and the key.

    >>> str(DataFileError("my.yaml", "nodes.deposit.ask", "unknown field 'size'"))
    "my.yaml: nodes.deposit.ask: unknown field 'size'"
    """

    def __init__(self, source: str, key: str, message: str):
        super().__init__(f"{source}: {key}: {message}" if key else f"{source}: {message}")
        self.source = source
        self.key = key
