"""What a table-like file holds, for an import dialog's column mapping: the
column names as the reader will see them (any encoding, any delimiter, nested
JSON keys dotted) and the fields they would fill."""

from __future__ import annotations

import io
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.errors import IngestError
from annotator.ingest.article import normalise_mapping, resolve_columns
from annotator.ingest.decoding import decode, open_text_stream
from annotator.ingest.reader_choice import choose_reader
from annotator.ingest.sources import file_source

TABLE_FORMATS = ("csv", "tsv", "json", "jsonl", "xlsx")


@dataclass
class TableColumns:
    columns: list[str]
    mapping: dict[str, str] = field(default_factory=dict)  # field -> column, as reading would use it
    problem: str = ""  # one sentence when no text column is found or a mapped column is missing


def table_columns(
    path: str | os.PathLike[str], *, format: str | None = None, columns: Mapping[str, str] | None = None
) -> TableColumns | None:
    """The columns of a CSV, TSV, JSON, JSON Lines or Excel file and the mapping
    reading would use, or None when the file is not a table. Raises
    :class:`IngestError` when the file cannot be read at all."""
    source = file_source(Path(path))
    spec = choose_reader(source, format)
    if spec.name not in TABLE_FORMATS:
        return None
    if spec.name in ("csv", "tsv"):
        from annotator.ingest.readers.table_reader import table_header

        names = table_header(source, "\t" if spec.name == "tsv" else None)
    elif spec.name == "xlsx":
        from annotator.ingest.readers.spreadsheet_reader import xlsx_header

        names = xlsx_header(source)
    else:
        names = _json_keys(source, spec.name)
    result = TableColumns(names)
    try:
        result.mapping = resolve_columns(names, normalise_mapping(columns), source.display)
    except IngestError as exc:
        result.problem = str(exc)
    return result


def _json_keys(source, kind: str) -> list[str]:
    from annotator.ingest.readers.json_reader import _records, flatten

    if kind == "jsonl":
        with open_text_stream(source.open, source.display) as stream:
            for _ in range(1000):
                line = stream.readline()
                if not line:
                    break
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError:
                    continue
                if isinstance(obj, dict):
                    return list(flatten(obj))
        raise IngestError(f"{source.display} has no JSON object in its first lines.")
    try:
        data = json.load(io.StringIO(decode(source.read_bytes(), source.display)))
    except json.JSONDecodeError as exc:
        raise IngestError(
            f"{source.display} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})."
        ) from exc
    keys: dict[str, None] = {}
    for obj in _records(data, source.display)[:100]:
        if isinstance(obj, dict):
            keys.update(dict.fromkeys(flatten(obj)))
    return list(keys)
