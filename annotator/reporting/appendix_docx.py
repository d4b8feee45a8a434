"""The methods appendix as a Word document (python-docx), for journals that
want the supplement in .docx. Text is set as text, never as markup; the
control characters XML cannot hold are dropped rather than failing the file."""

from __future__ import annotations

import io
import re
from typing import Any

from annotator.reporting.appendix_content import Table, build_appendix
from annotator.reporting.appendix_model import AppendixFacts

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text: object) -> str:
    return _NOT_XML.sub("", str(text))


def appendix_docx(facts: AppendixFacts) -> bytes:
    import docx  # slow to import: only when a Word appendix is written

    a = build_appendix(facts)
    doc = docx.Document()
    doc.add_heading(clean(a.title), level=1)
    doc.add_paragraph(clean(a.preface))
    for n, section in enumerate(a.sections, 1):
        doc.add_heading(f"{n}. {clean(section.title)}", level=2)
        for paragraph in section.paragraphs:
            doc.add_paragraph(clean(paragraph))
        for table in section.tables:
            _table(doc, table)
    doc.add_heading("Checklist: Lombard, Snyder-Duch & Bracken (2002)", level=2)
    numbers = {s.id: f"{n}. {s.title}" for n, s in enumerate(a.sections, 1)}
    _table(
        doc,
        Table(
            "What a reliability report must contain, and where this appendix answers it",
            "this appendix",
            ["Item", "Section", "Answer"],
            [[c.item, numbers[c.section], c.answer] for c in a.checklist],
        ),
    )
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _table(doc: Any, t: Table) -> None:
    caption = doc.add_paragraph()
    caption.add_run(clean(t.caption) + ".").italic = True
    grid = doc.add_table(rows=1 + len(t.rows), cols=len(t.headers))
    grid.style = "Table Grid"
    for j, header in enumerate(t.headers):
        grid.cell(0, j).text = clean(header)
    for i, row in enumerate(t.rows, 1):
        for j, value in enumerate(row):
            grid.cell(i, j).text = clean(value)
    doc.add_paragraph(f"Source: {clean(t.source)}.")
