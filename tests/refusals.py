"""The one check every hostile words-section test makes: a broken section is refused whole, in
one line that names the file, then the key, then why."""

import re

import pytest

from micromets import DataFileError


def assert_refused_naming(parse, section, key: str) -> None:
    """``parse(section, "mine.yaml")`` raises a ``DataFileError`` whose line starts with the file and ``key``."""
    with pytest.raises(DataFileError, match=rf"^mine\.yaml: {re.escape(key)}: "):
        parse(section, "mine.yaml")
