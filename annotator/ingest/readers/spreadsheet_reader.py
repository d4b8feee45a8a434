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
    import openpyxl

    display = source.display
    data = source.read_bytes()
    check_package(data, display, "Excel workbook")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles it does not know
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        rows = book.worksheets[0].iter_rows(values_only=True)
        header_row = next(rows, None)
    except IngestError:
        raise
    except Exception as exc:  # openpyxl raises many kinds of error on damaged files
        raise IngestError(f"{display} is not a readable Excel workbook (damaged or not an .xlsx).") from exc
    if header_row is None or not any(v not in (None, "") for v in header_row):
        book.close()
        raise IngestError(f"{display} has no header row in its first sheet.")
    header: list[str] = []
    for i, v in enumerate(header_row, start=1):
        name = _cell(v).strip() or f"column_{i}"
        header.append(name if name not in header else f"{name}_{i}")
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
            values = [_cell(v) for v in row]
            if not any(v.strip() for v in values):
                continue
            record = dict(zip(header, values + [""] * (len(header) - len(values)), strict=False))
            if not record.get(columns["text"], "").strip():
                yield ReadFailure(display, f"Row {row_number} of {display} has no text in column {columns['text']!r}.")
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
