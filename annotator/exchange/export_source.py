"""What the streamed formats (CSV, JSONL, XLSX, REFI-QDA) read: an in-memory
:class:`~annotator.exchange.bundle.ProjectData` or a project file's reader
(``annotator.store.export_reader.ExportReader``), which streams the same data in the
same order."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Protocol

from annotator.core.codebook import Codebook
from annotator.core.export_view import DocumentCodings, ExportFacts, TableKind
from annotator.core.models import Coder, Document, DocumentCode


class ExportSource(Protocol):
    codebook: Codebook
    coders: list[Coder]
    # True when table("annotation") raises ExchangeError at a row problems()
    # would name, as a project file's reader does in the pass it makes anyway
    refuses_problem_rows: bool

    def iter_documents(self) -> Iterator[Document]: ...

    def codings(self) -> Iterator[DocumentCodings]: ...

    def table(self, kind: TableKind, *, spreadsheet: bool = False) -> Iterator[list[tuple[Any, ...]]]:
        """The rows of ``TABLE_COLUMNS[kind]`` (``annotator.core.export_view``)
        in chunks; with ``spreadsheet`` every text cell goes through
        ``annotator.core.cells.escape_cell``."""
        ...

    def json_records(self, kind: TableKind) -> Iterator[str]:
        """The same rows as JSON Lines records (``json_record``), a chunk of
        lines at a time."""
        ...

    def document_code_entries(self) -> Iterator[tuple[DocumentCode, Document | None]]: ...

    def facts(self) -> ExportFacts: ...

    def table_size(self, kind: TableKind) -> int:
        """The rows ``table(kind)`` gives, counted without the facts."""
        ...

    def problems(self) -> list[str]: ...
