"""Reading JSON from untrusted files: JSON Lines one bounded line at a time,
and whole JSON documents up to a size limit, with one-sentence errors."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotator.core.errors import ExchangeError
from annotator.core.safe_open import open_regular, read_regular

MAX_LINE = 64 * 1024 * 1024
# a whole JSON document becomes Python objects about ten times its size
MAX_JSON_BYTES = 256 * 1024 * 1024


def parse(text: str | bytes, where: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        at = f"column {e.colno}" if e.lineno == 1 else f"line {e.lineno} column {e.colno}"
        raise ExchangeError(f"{where} is not valid JSON ({e.msg} at {at}).") from e
    except (ValueError, RecursionError) as e:  # a number of thousands of digits, nesting too deep
        raise ExchangeError(f"{where} is not JSON this program reads ({str(e).split(':')[0]}).") from e
    except MemoryError:
        raise ExchangeError(f"{where} holds more JSON than fits in memory.") from None


def json_lines(path: Path) -> Iterator[tuple[str, Any]]:
    """``(where, value)`` for each non-blank line, ``where`` such as ``file.jsonl line 4``."""
    fh = io.TextIOWrapper(open_regular(path, error=ExchangeError), encoding="utf-8-sig", newline="")
    with fh:
        try:
            # readline with a limit: iterating would take a line of any length into memory first
            for n, line in enumerate(iter(lambda: fh.readline(MAX_LINE + 1), ""), 1):
                where = f"{path.name} line {n}"
                if len(line) > MAX_LINE:
                    raise ExchangeError(f"{where} is longer than {MAX_LINE} characters.")
                if line.strip():
                    yield where, parse(line, where)
        except UnicodeDecodeError as e:
            raise ExchangeError(f"{path.name} is not UTF-8 text (byte {e.start}).") from e


def json_document(path: Path) -> Any:
    data = read_regular(path, MAX_JSON_BYTES, error=ExchangeError, shown=path.name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ExchangeError(f"{path.name} is not UTF-8 text (byte {e.start}).") from e
    return parse(text, path.name)
