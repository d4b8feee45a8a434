"""Excel workbooks (.xlsx): one article per row of the first sheet, read in
openpyxl's streaming mode."""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from datetime import date, datetime

from annotator.core.errors import IngestError
from annotator.ingest.article import Article, article_from_record, resolve_columns
from annotator.ingest.readers.docx_reader import check_package
from annotator.ingest.readers.table_reader import MAX_COLUMNS
from annotator.ingest.registry import ReadFailure, ReadOptions, register
from annotator.ingest.sources import Source


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _open_sheet(source: Source):
    """The workbook, its first sheet's header names and an iterator over the
    rows after the header, each cut to the header's width.

    The sheet's declared dimension is not trusted: a single cell at XFD1048576
    makes openpyxl pad every row to 16,384 columns and yield a million rows. So
    the dimension is dropped (rows come as the file holds them) and each row is
    read only as wide as the header, which may not exceed MAX_COLUMNS."""
    import openpyxl

    display = source.display
    data = source.read_bytes()
    check_package(data, display, "Excel workbook")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles it does not know
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = book.worksheets[0]
        if hasattr(sheet, "reset_dimensions"):
            sheet.reset_dimensions()
        first = sheet.iter_rows(min_row=1, max_row=1, values_only=True)
        header_row = next(first, None)
        first.close()
    except IngestError:
        raise
    except Exception as exc:  # openpyxl raises many kinds of error on damaged files
        raise IngestError(f"{display} is not a readable Excel workbook (damaged or not an .xlsx).") from exc
    header_row = list(header_row or ())
    while header_row and header_row[-1] in (None, ""):
        header_row.pop()
    if not header_row:
        book.close()
        raise IngestError(f"{display} has no header row in its first sheet.")
    if len(header_row) > MAX_COLUMNS:
        book.close()
        raise IngestError(
            f"{display} has a header cell in column {len(header_row):,}, more than the "
            f"{MAX_COLUMNS:,} columns a table of articles may have; it was not read."
        )
    header: list[str] = []
    for i, v in enumerate(header_row, start=1):
        name = _cell(v).strip() or f"column_{i}"
        header.append(name if name not in header else f"{name}_{i}")
    try:
        rows = sheet.iter_rows(min_row=2, max_col=len(header), values_only=True)
    except Exception as exc:
        book.close()
        raise IngestError(f"{display} is not a readable Excel workbook (damaged or not an .xlsx).") from exc
    return book, header, rows


def xlsx_header(source: Source) -> list[str]:
    book, header, _ = _open_sheet(source)
    book.close()
    return header


@register("xlsx", (".xlsx", ".xlsm"), "Excel workbook, one article per row of the first sheet")
def read_xlsx(source: Source, options: ReadOptions) -> Iterator[Article | ReadFailure]:
    display = source.display
    book, header, rows = _open_sheet(source)
    try:
        columns = resolve_columns(header, options.columns, display)
        for row_number, row in enumerate(rows, start=2):
            if row.count(None) == len(row):  # the gaps of a sparse sheet, quickly
                continue
            values = [_cell(v) for v in row]
            if not any(v.strip() for v in values):
                continue
            record = dict(zip(header, values + [""] * (len(header) - len(values)), strict=False))
            if not record.get(columns["text"], "").strip():
                yield ReadFailure(
                    display, f"Row {row_number} of {display} has no text in column {columns['text']!r}."
                )
                continue
            article = article_from_record(record, columns)
            article.metadata["source_row"] = row_number
            yield article
    except IngestError:
        raise
    except Exception as exc:
        raise IngestError(f"{display} stopped being readable partway through its first sheet.") from exc
    finally:
        book.close()
