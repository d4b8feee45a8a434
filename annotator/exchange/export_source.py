"""What the streamed formats (CSV, JSONL, XLSX, REFI-QDA) read: an in-memory
:class:`~annotator.exchange.bundle.ProjectData` or a project file's reader
(``annotator.store.export_reader.ExportReader``), which streams the same data in the
same order."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from annotator.core.codebook import Codebook
from annotator.core.export_view import DocumentCodings, ExportFacts
from annotator.core.models import Coder, Document, DocumentCode


class ExportSource(Protocol):
    codebook: Codebook
    coders: list[Coder]

    def iter_documents(self) -> Iterator[Document]: ...

    def codings(self) -> Iterator[DocumentCodings]: ...

    def document_code_entries(self) -> Iterator[tuple[DocumentCode, Document | None]]: ...

    def facts(self) -> ExportFacts: ...

    def problems(self) -> list[str]: ...
