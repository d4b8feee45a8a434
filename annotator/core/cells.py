"""Spreadsheet cells that are never run as formulas (OWASP "CSV injection").

A cell starting with one of ``FORMULA_START`` is a formula (or becomes one) in
Excel and LibreOffice; a leading apostrophe makes it text. Kept in core so the
store can apply the same rule inside SQLite while it reads the rows of an
export, and the exchange formats outside it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
# the first characters escape_cell acts on: most cells start otherwise and skip it
RISKY_FIRST = frozenset(("'", *FORMULA_START))


def escape_cell(value: Any) -> Any:
    """The value to write in a spreadsheet cell so it is never run as a formula.

    Plain numbers (``-3``) are left as they are: they cannot execute and a
    quote would turn them into text. An apostrophe at the start is doubled so
    that :func:`unescape_cell` gives back exactly what was written.
    """
    if not isinstance(value, str) or not value:
        return value
    if value[0] == "'" or (value.startswith(FORMULA_START) and not _NUMBER.fullmatch(value)):
        return "'" + value
    return value


def escape_row(values: Iterable[Any]) -> list[Any]:
    """:func:`escape_cell` over a row, fast for the cells it leaves alone."""
    return [escape_cell(v) if type(v) is str and v[:1] in RISKY_FIRST else v for v in values]


def unescape_cell(value: str) -> str:
    if len(value) > 1 and value[0] == "'" and (value[1] == "'" or value[1:].startswith(FORMULA_START)):
        return value[1:]
    return value
