"""CSV and TSV exports: one article per row, streamed so that a large export is
never held in memory whole."""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Iterator

from annotator.core.errors import IngestError
from annotator.ingest.article import Article, article_from_record, resolve_columns
from annotator.ingest.decoding import decode, open_text_stream
from annotator.ingest.registry import ReadFailure, ReadOptions, register
from annotator.ingest.sources import Source

MAX_FIELD = 64 << 20  # characters; larger fields come from an unclosed quote
# The csv module's default limit (128 KB) is smaller than a long article.
csv.field_size_limit(max(csv.field_size_limit(), MAX_FIELD))
_DELIMITERS = (",", ";", "\t", "|")
# A table of articles has a handful of columns; a million of them is an attack
# on the time and memory of every row after the header.
MAX_COLUMNS = 1_000
MAX_HEADER_CHARS = 1 << 20


class _Lines:
    """The lines the csv module takes, remembering whether the input ran out
    while a record was being read: that happens only inside a quote that is
    never closed (the csv module then returns the rest of the file as one field)."""

    def __init__(self, first: str, stream: Iterator[str]):
        self._lines = itertools.chain([first], stream)
        self.ran_out = False
        self.count = 0

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        try:
            line = next(self._lines)
        except StopIteration:
            self.ran_out = True
            raise
        self.count += 1
        return line


def _text_stream(source: Source) -> io.TextIOBase:
    if source.on_disk:
        return open_text_stream(source.open, source.display)
    return io.StringIO(decode(source.read_bytes(), source.display), newline="")


def _header_names(row: list[str]) -> list[str]:
    names: list[str] = []
    seen: dict[str, int] = {}
    for i, name in enumerate(row, start=1):
        name = name.strip().lstrip("\ufeff") or f"column_{i}"
        if name in seen:
            seen[name] += 1
            name = f"{name}_{seen[name]}"
        else:
            seen[name] = 1
        names.append(name)
    return names


def open_table(
    stream: io.TextIOBase, display: str, delimiter: str | None
) -> tuple[list[str], Iterator[list[str]]]:
    """The header names and a row reader; the delimiter is found from the header
    line (comma, semicolon, tab or bar) unless given or named by a "sep=" line."""
    _lines, reader = _open_table(stream, display, delimiter)
    return reader_header(reader, display), reader


def reader_header(reader: Iterator[list[str]], display: str) -> list[str]:
    try:
        row = next(reader)
    except (csv.Error, UnicodeDecodeError, StopIteration) as exc:
        raise IngestError(f"{display} has an unreadable header row ({exc}).") from exc
    if len(row) > MAX_COLUMNS:
        raise IngestError(_too_many_columns(display, len(row)))
    return _header_names(row)


def _too_many_columns(display: str, n: int, more: bool = False) -> str:
    return (
        f"{display} has {'more than ' if more else ''}{n:,} columns, more than the {MAX_COLUMNS:,} a table "
        "of articles may have; it was not read."
    )


def _first_line(stream: io.TextIOBase, display: str) -> str:
    try:
        line = stream.readline(MAX_HEADER_CHARS + 1)
    except UnicodeDecodeError as exc:
        raise IngestError(f"{display} is not valid text in its encoding ({exc.reason}).") from exc
    if len(line) > MAX_HEADER_CHARS:
        fields = max(line.count(d) for d in _DELIMITERS) + 1
        if fields > MAX_COLUMNS:
            raise IngestError(_too_many_columns(display, fields, more=True))
        raise IngestError(
            f"{display} has a first line longer than {MAX_HEADER_CHARS:,} characters, "
            "which is no header row; it was not read."
        )
    return line


def _open_table(
    stream: io.TextIOBase, display: str, delimiter: str | None
) -> tuple[_Lines, Iterator[list[str]]]:
    first = _first_line(stream, display)
    if not first.strip():
        raise IngestError(f"{display} has no header row.")
    if delimiter is None and first.lower().startswith("sep=") and len(first.strip()) == 5:
        delimiter = first.strip()[4]  # Excel's "sep=;" line names the delimiter
        first = _first_line(stream, display)
    if delimiter is None:
        delimiter = max(_DELIMITERS, key=first.count)
    lines = _Lines(first, stream)
    return lines, csv.reader(lines, delimiter=delimiter, strict=False)


def table_header(source: Source, delimiter: str | None = None) -> list[str]:
    with _text_stream(source) as stream:
        return open_table(stream, source.display, delimiter)[0]


def read_table(
    source: Source, options: ReadOptions, delimiter: str | None
) -> Iterator[Article | ReadFailure]:
    display = source.display
    stream = _text_stream(source)
    with stream:
        lines, reader = _open_table(stream, display, delimiter)
        header = reader_header(reader, display)
        columns = resolve_columns(header, options.columns, display)
        width = len(header)
        row_number = 1  # as a spreadsheet numbers it: the header is row 1
        while True:
            lines_before = lines.count
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                yield ReadFailure(
                    display, f"{display} stopped being readable after row {row_number} ({exc})."
                )
                return
            except UnicodeDecodeError as exc:
                yield ReadFailure(
                    display,
                    f"{display} has bytes that are not valid in its encoding after row {row_number}; "
                    "the rest of the file was not read.",
                )
                del exc
                return
            row_number += 1
            if lines.ran_out:
                swallowed = lines.count - lines_before - 1
                yield ReadFailure(
                    display,
                    f"{display} row {row_number} opens a quote that is never closed, so the {swallowed:,} "
                    f"line{'s' if swallowed != 1 else ''} after it would have become part of one article; "
                    "close the quote and import the file again to read them.",
                )
                return
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != width:
                yield ReadFailure(
                    display,
                    f"Row {row_number} of {display} has {len(row)} field{'s' if len(row) != 1 else ''} where the "
                    f"header has {width}; "
                    "a quote or delimiter is probably out of place.",
                )
                continue
            record = dict(zip(header, row, strict=True))
            if not record[columns["text"]].strip():
                yield ReadFailure(
                    display, f"Row {row_number} of {display} has no text in column {columns['text']!r}."
                )
                continue
            article = article_from_record(record, columns)
            article.metadata["source_row"] = row_number
            yield article


@register("csv", (".csv",), "comma- or semicolon-separated table, one article per row")
def read_csv(source: Source, options: ReadOptions) -> Iterator[Article | ReadFailure]:
    return read_table(source, options, None)


@register("tsv", (".tsv", ".tab"), "tab-separated table, one article per row")
def read_tsv(source: Source, options: ReadOptions) -> Iterator[Article | ReadFailure]:
    return read_table(source, options, "\t")
