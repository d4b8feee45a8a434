"""CSV: one file of annotations, one of article-level codes.

Written as UTF-8 with a byte-order mark, which Excel needs to read UTF-8 and
R, pandas and LibreOffice ignore; text cells are escaped against formula
injection (:func:`annotator.core.cells.escape_cell`).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from contextlib import ExitStack
from itertools import islice
from pathlib import Path
from typing import Any

from annotator.core.errors import ExchangeError
from annotator.core.models import Code
from annotator.core.output_files import atomic_output
from annotator.core.safe_open import read_regular
from annotator.core.task import NULL_STATE, TaskState
from annotator.exchange.bundle import ImportResult, ProjectData, advance
from annotator.exchange.export_source import ExportSource
from annotator.exchange.tabular import (
    ANNOTATION_COLUMNS,
    CODE_COLUMNS,
    DOCUMENT_CODE_COLUMNS,
    code_from_row,
    code_rows,
    rows_to_data,
)
from annotator.exchange.untrusted import escape_row, unescape_cell

ENCODING = "utf-8-sig"
# the byte-order mark written by hand: Python's utf-8-sig encoder costs a Python call per row written
BOM = "\ufeff"
MAX_FIELD = 50 * 1024 * 1024
MAX_FILE_BYTES = (
    512 * 1024 * 1024
)  # read whole, decoded and split into lines: about three times this in memory


def output_paths(out: Path) -> tuple[Path, Path, Path]:
    """``x.csv`` gives ``x.csv``, ``x_document_codes.csv`` and ``x_codebook.csv``;
    a folder gives ``annotations.csv``, ``document_codes.csv`` and ``codebook.csv`` in it."""
    if out.suffix.lower() == ".csv":
        return out, out.with_name(f"{out.stem}_document_codes.csv"), out.with_name(f"{out.stem}_codebook.csv")
    return out / "annotations.csv", out / "document_codes.csv", out / "codebook.csv"


def export_csv(data: ExportSource, out: Path, *, state: TaskState = NULL_STATE) -> list[Path]:
    ann_path, dc_path, cb_path = output_paths(out)
    ann_path.parent.mkdir(parents=True, exist_ok=True)
    written = [ann_path, dc_path, cb_path]
    # counted, not the facts: a project file would make a pass over its annotations for those
    total = data.table_size("annotation") + data.table_size("document_code") + len(data.codebook)
    # all three are checked before the first is written. They are renamed into
    # place in the order they were opened (the stack closes the last opened
    # first, hence reversed): the annotations file first, so a kill between two
    # renames never leaves a companion file without the file it belongs to.
    with ExitStack() as files:
        opened = {
            p: files.enter_context(atomic_output(p, encoding="utf-8", newline="")) for p in reversed(written)
        }
        handles = [opened[p] for p in written]
        done = 0
        tables: tuple[tuple[tuple[str, ...], Iterator[Sequence[Sequence[Any]]]], ...] = (
            # escaped and in chunks from the source: a project file builds them in SQL
            (ANNOTATION_COLUMNS, data.table("annotation", spreadsheet=True)),
            (DOCUMENT_CODE_COLUMNS, data.table("document_code", spreadsheet=True)),
            (CODE_COLUMNS, _escaped_chunks([r[c] for c in CODE_COLUMNS] for r in code_rows(data))),
        )
        for fh, (columns, chunks) in zip(handles, tables, strict=True):
            fh.write(BOM)
            writer = csv.writer(fh)
            writer.writerow(columns)
            for chunk in chunks:
                writer.writerows(chunk)
                done += len(chunk)
                advance(state, done, total)
        advance(state, total, total)
    return written


def _escaped_chunks(rows: Iterator[Sequence[Any]]) -> Iterator[list[list[Any]]]:
    while chunk := list(islice(rows, 500)):
        yield list(map(escape_row, chunk))


def read_csv_rows(path: Path) -> tuple[list[str], Iterator[tuple[str, dict[str, Any]]]]:
    raw = read_regular(path, MAX_FILE_BYTES, error=ExchangeError)  # no links, no devices, counted while read
    try:
        text = raw.decode(ENCODING)
    except UnicodeDecodeError as e:
        raise ExchangeError(f"{path.name} is not UTF-8 text (byte {e.start}); save it as UTF-8 CSV.") from e
    if "\x00" in text:
        raise ExchangeError(f"{path.name} contains NUL bytes, so it is not a CSV text file.")
    csv.field_size_limit(MAX_FIELD)
    lines = text.splitlines(keepends=True)
    try:
        reader = csv.DictReader(lines)
        header = [h.strip() for h in (reader.fieldnames or [])]
    except csv.Error as e:
        raise ExchangeError(f"{path.name} line 1 is not valid CSV ({e}).") from e
    reader.fieldnames = header

    def rows() -> Iterator[tuple[str, dict[str, Any]]]:
        try:
            for row in reader:
                clean = {k: unescape_cell(v) if isinstance(v, str) else v for k, v in row.items() if k}
                yield f"{path.name} line {reader.line_num}", clean
        except csv.Error as e:
            raise ExchangeError(f"{path.name} line {reader.line_num} is not valid CSV ({e}).") from e

    return header, rows()


def import_csv(path: Path, *, existing: ProjectData | None = None) -> ImportResult:
    """Read an export made by :func:`export_csv` back onto the texts of ``existing``.

    ``path`` is the annotations file or a folder holding the export; the
    article-level codes and codebook files beside it are read when present.
    """
    if path.is_dir():
        candidates = list(output_paths(path))
    else:
        _, dc, cb = output_paths(path)
        candidates = [path, dc, cb]
    ann_rows: list[tuple[str, dict[str, Any]]] = []
    dc_rows: list[tuple[str, dict[str, Any]]] = []
    codes: list[Code] = []
    found = False
    for candidate in candidates:
        if not candidate.is_file():
            continue
        found = True
        header, rows = read_csv_rows(candidate)
        if "code_id" in header and "name" in header and "parent_id" in header:
            codes.extend(code_from_row(row, where) for where, row in rows)
        elif "start" in header and "end" in header:
            _require(header, ("document_id", "start", "end"), candidate)
            ann_rows.extend(rows)
        elif "value" in header:
            _require(header, ("document_id",), candidate)
            dc_rows.extend(rows)
        else:
            raise ExchangeError(
                f"{candidate.name} has neither start/end columns (annotations) nor a value column "
                "(article-level codes)."
            )
    if not found:
        raise ExchangeError(f"No annotations CSV was found at {path}.")
    return rows_to_data(ann_rows, dc_rows, existing, codes=codes)


def _require(header: list[str], columns: tuple[str, ...], path: Path) -> None:
    missing = [c for c in columns if c not in header]
    if missing:
        raise ExchangeError(f"{path.name} lacks the column(s) {', '.join(missing)} in its first line.")
    if "code" not in header and "code_id" not in header:
        raise ExchangeError(f"{path.name} needs a code or code_id column.")
