"""XLSX workbook: sheets annotations, article codes, codebook and documents.

Text cells are escaped against formula injection and cut to Excel's cell limit;
control characters that XML 1.0 cannot hold are dropped.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from annotator.core.output_files import atomic_path
from annotator.core.task import NULL_STATE, TaskState
from annotator.exchange.bundle import advance
from annotator.exchange.export_source import ExportSource
from annotator.exchange.tabular import (
    ANNOTATION_COLUMNS,
    CODE_COLUMNS,
    DOCUMENT_CODE_COLUMNS,
    DOCUMENT_COLUMNS,
    annotation_rows,
    code_rows,
    document_code_rows,
    document_rows,
)
from annotator.exchange.untrusted import escape_cell

EXCEL_CELL_LIMIT = 32_767
SHEETS = ("annotations", "article codes", "codebook", "documents")


def output_path(out: Path) -> Path:
    return out if out.suffix.lower() == ".xlsx" else out / "annotations.xlsx"


# the characters openpyxl refuses (XML 1.0 cannot hold them)
_ILLEGAL = re.compile(r"[\x00-\x08\x0b-\x0c\x0e-\x1f]")


def cell(value: Any) -> Any:
    if isinstance(value, str):
        value = _ILLEGAL.sub("", value)
        value = escape_cell(value)
        if len(value) > EXCEL_CELL_LIMIT:
            value = value[: EXCEL_CELL_LIMIT - 1] + "…"
    return value


def export_xlsx(data: ExportSource, out: Path, *, state: TaskState = NULL_STATE) -> list[Path]:
    from openpyxl import Workbook  # imported here: the GUI lists formats without loading it

    path = output_path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = Workbook(write_only=True)
    facts = data.facts()
    total = facts.annotations + facts.document_codes + facts.documents + len(data.codebook)
    done = 0
    with atomic_path(path) as building:
        for title, columns, rows in (
            (SHEETS[0], ANNOTATION_COLUMNS, annotation_rows(data)),
            (SHEETS[1], DOCUMENT_CODE_COLUMNS, document_code_rows(data)),
            (SHEETS[2], CODE_COLUMNS, code_rows(data)),
            (SHEETS[3], DOCUMENT_COLUMNS, document_rows(data)),
        ):
            ws = wb.create_sheet(title)
            ws.append(list(columns))
            for row in rows:
                ws.append([cell(row[c]) for c in columns])
                done += 1
                if done % 500 == 0:
                    advance(state, done, total)
        wb.save(building)
        advance(state, total, total)
    return [path]
