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


def open_table(stream: io.TextIOBase, display: str, delimiter: str | None) -> tuple[list[str], Iterator[list[str]]]:
    """The header names and a row reader; the delimiter is found from the header
    line (comma, semicolon, tab or bar) unless given or named by a "sep=" line."""
    try:
        first = stream.readline()
    except UnicodeDecodeError as exc:
        raise IngestError(f"{display} is not valid text in its encoding ({exc.reason}).") from exc
    if not first.strip():
        raise IngestError(f"{display} has no header row.")
    if delimiter is None and first.lower().startswith("sep=") and len(first.strip()) == 5:
        delimiter = first.strip()[4]  # Excel's "sep=;" line names the delimiter
        first = stream.readline()
    if delimiter is None:
        delimiter = max(_DELIMITERS, key=first.count)
    reader = csv.reader(itertools.chain([first], stream), delimiter=delimiter, strict=False)
    try:
        header = _header_names(next(reader))
    except (csv.Error, UnicodeDecodeError, StopIteration) as exc:
        raise IngestError(f"{display} has an unreadable header row ({exc}).") from exc
    return header, reader


def table_header(source: Source, delimiter: str | None = None) -> list[str]:
    with _text_stream(source) as stream:
        return open_table(stream, source.display, delimiter)[0]


def read_table(source: Source, options: ReadOptions, delimiter: str | None) -> Iterator[Article | ReadFailure]:
    display = source.display
    stream = _text_stream(source)
    with stream:
        header, reader = open_table(stream, display, delimiter)
        columns = resolve_columns(header, options.columns, display)
        width = len(header)
        row_number = 1  # as a spreadsheet numbers it: the header is row 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                yield ReadFailure(display, f"{display} stopped being readable after row {row_number} ({exc}).")
                return
            except UnicodeDecodeError as exc:
                yield ReadFailure(
                    display, f"{display} has bytes that are not valid in its encoding after row {row_number}; "
                    "the rest of the file was not read."
                )
                del exc
                return
            row_number += 1
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
                yield ReadFailure(display, f"Row {row_number} of {display} has no text in column {columns['text']!r}.")
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
