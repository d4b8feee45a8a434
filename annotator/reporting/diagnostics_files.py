"""Diagnostics and sample plans as files: JSON of everything, and CSV as one
long table (a row per figure, named by its section), every cell kept from
being read as a spreadsheet formula."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from typing import Any

from annotator.agreement.diagnostics import Diagnostics

# the cell rules of the agreement report's files, so that every CSV this tool writes is guarded alike
from annotator.reporting.agreement_files import _csv_cell, _plain


def to_json_text(data: Mapping[str, Any]) -> str:
    return json.dumps(_plain(dict(data)), indent=2, ensure_ascii=False) + "\n"


def to_csv_text(rows: Sequence[Mapping[str, Any]]) -> str:
    """Rows of differing keys as one table (the union of the keys, in order of appearance)."""
    fields: list[str] = []
    for row in rows:
        fields += [k for k in row if k not in fields]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(fields)
    for row in rows:
        writer.writerow([_csv_cell(row.get(k)) for k in fields])
    return buffer.getvalue()


def diagnostic_rows(diag: Diagnostics) -> list[dict[str, Any]]:
    """One long table: a row per figure, with the section it belongs to."""
    rows: list[dict[str, Any]] = []
    for v in diag.variables:
        base = {"variable": v.name}
        for section, pairs in (("pair", v.pairs), ("gold", v.gold)):
            for p in pairs:
                rows.append(
                    {
                        **base,
                        "section": section,
                        "coder": p.first,
                        "other": p.second,
                        "units": p.units,
                        "agreement": p.agreement,
                        "alpha": p.alpha,
                    }
                )
                for r, row_cat in enumerate(v.categories):
                    for c, col_cat in enumerate(v.categories):
                        rows.append(
                            {
                                **base,
                                "section": f"{section} confusion",
                                "coder": p.first,
                                "other": p.second,
                                "category": row_cat,
                                "other_category": col_cat,
                                "units": p.matrix[r][c],
                            }
                        )
        for e in v.leave_one_out:
            rows.append(
                {
                    **base,
                    "section": "leave one out",
                    "coder": e.coder,
                    "alpha": e.alpha_without,
                    "change": e.change,
                }
            )
        for u in v.usage:
            rows.append(
                {
                    **base,
                    "section": "usage",
                    "coder": u.coder,
                    "category": u.category,
                    "rate": u.rate,
                    "others_rate": u.others_rate,
                    "units": u.values,
                }
            )
        for d in v.drift:
            rows.append(
                {
                    **base,
                    "section": "drift",
                    "coder": d.coder,
                    "other": d.against,
                    "period": d.period,
                    "units": d.units,
                    "pairs": d.pairs,
                    "agreement": d.agreement,
                }
            )
        for doc in v.documents:
            rows.append(
                {
                    **base,
                    "section": "article",
                    "document": doc.document_id,
                    "title": doc.title,
                    "units": doc.pairable_units,
                    "disagreeing_units": doc.disagreeing_units,
                    "agreement": doc.agreement,
                }
            )
    return rows
