"""An :class:`AgreementReport` written as CSV, JSON, XLSX or HTML.

The rows come from ``agreement_table``, the HTML page from ``agreement_html``.
Undefined figures are empty cells (``None``/null), never a number; the reason
is in the "Note" column. Files are written through ``annotator.core.output_files``
(built beside the target, renamed when complete).
"""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path
from typing import IO, Any

import numpy as np

from annotator.agreement.errors import AgreementError
from annotator.agreement.report import AgreementReport
from annotator.core.output_files import atomic_output, atomic_path
from annotator.reporting.agreement_html import to_html
from annotator.reporting.agreement_table import columns, document_rows, to_rows

FORMATS = ("csv", "json", "xlsx", "html")


def to_csv(report: AgreementReport, target: str | Path | IO[str] | None = None) -> str:
    """The variables table as CSV (returned, and written to ``target`` if given)."""
    buf = io.StringIO()
    cols = columns(report)
    w = csv.DictWriter(buf, fieldnames=cols, lineterminator="\r\n")
    w.writeheader()
    for row in to_rows(report):
        w.writerow({k: _csv_cell(row.get(k)) for k in cols})
    text = buf.getvalue()
    _write_text(target, text)
    return text


def to_json(report: AgreementReport, target: str | Path | IO[str] | None = None) -> str:
    """The whole report (parameters, variables, documents, notes) as JSON."""
    text = json.dumps(_plain(report.to_dict()), indent=2, ensure_ascii=False, allow_nan=False)
    _write_text(target, text + "\n")
    return text


def to_xlsx(report: AgreementReport, path: str | Path) -> None:
    """A workbook with the sheets Agreement, Documents, Parameters and Notes."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    assert ws is not None  # a new workbook starts with one active sheet
    ws.title = "Agreement"
    _sheet(ws, columns(report), [[r.get(c) for c in columns(report)] for r in to_rows(report)], Font)
    docs = document_rows(report)
    doc_cols = ["Variable", "Document", "Title", "Units", "Pairable units", "Disagreeing units", "Agreement"]
    _sheet(wb.create_sheet("Documents"), doc_cols, [[d[c] for c in doc_cols] for d in docs], Font)
    params = [
        [k, json.dumps(_plain(v), ensure_ascii=False) if isinstance(v, list | dict) else v]
        for k, v in report.parameters.items()
    ]
    _sheet(wb.create_sheet("Parameters"), ["Parameter", "Value"], params, Font)
    notes = [[n] for n in report.notes]
    for v in report.variables:
        notes += [[f"{v.name}: {why}"] for k, why in v.reasons.items()]
    _sheet(wb.create_sheet("Notes"), ["Note"], notes, Font)
    with atomic_path(path) as building:
        wb.save(building)


def write_report(report: AgreementReport, path: str | Path, fmt: str | None = None) -> None:
    """Write ``report`` as csv, json, xlsx or html (from ``fmt`` or the file suffix)."""
    fmt = (fmt or Path(path).suffix.lstrip(".")).lower()
    if fmt == "csv":
        to_csv(report, path)
    elif fmt == "json":
        to_json(report, path)
    elif fmt == "xlsx":
        to_xlsx(report, path)
    elif fmt in ("html", "htm"):
        _write_text(path, to_html(report))
    else:
        raise AgreementError(f"Unknown report format {fmt!r}; use one of {', '.join(FORMATS)}.")


# --- helpers -----------------------------------------------------------------------------


def _sheet(ws: Any, header: list[str], rows: list[list[Any]], font: Any) -> None:
    ws.append(header)
    for cell in ws[1]:
        cell.font = font(bold=True)
    for row in rows:
        ws.append([_xlsx_cell(v) for v in row])
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # a label, never a formula
    ws.freeze_panes = "A2"


def _xlsx_cell(v: Any) -> Any:
    v = _plain(v)
    if isinstance(v, list | dict):
        return json.dumps(v, ensure_ascii=False)
    return v


def _csv_cell(v: Any) -> Any:
    v = _plain(v)
    if v is None:
        return ""
    if isinstance(v, str) and v and (v[0] in "=+@\t\r" or (v[0] == "-" and not _numberlike(v))):
        return "'" + v
    return v


def _numberlike(v: str) -> bool:
    try:
        float(v)
    except ValueError:
        return False
    return True


def _plain(v: Any) -> Any:
    """JSON-safe: numpy scalars to Python, NaN to None, tuples to lists."""
    if isinstance(v, dict):
        return {str(k): _plain(x) for k, x in v.items()}
    if isinstance(v, list | tuple):
        return [_plain(x) for x in v]
    if isinstance(v, np.ndarray):
        return _plain(v.tolist())
    if isinstance(v, np.generic):
        v = v.item()
    if isinstance(v, float) and (math.isnan(v) or math.isinf(v)):
        return None
    return v


def _write_text(target: str | Path | IO[str] | None, text: str) -> None:
    if target is None:
        return
    if hasattr(target, "write"):
        target.write(text)
        return
    with atomic_output(target, encoding="utf-8") as fh:
        fh.write(text)
