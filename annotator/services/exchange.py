"""Moving project data in and out through the exchange formats."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from annotator.core import held_files
from annotator.core.errors import AnnotatorError, ExchangeError
from annotator.core.task import NULL_STATE, TaskState
from annotator.exchange.bundle import ProjectData
from annotator.exchange.export_source import ExportSource
from annotator.exchange.formats import (
    FORMATS,
    STREAMED,
    data_loss,
    export_data,
    get_format,
    guess_format,
    import_data,
)
from annotator.services.importing import MAX_ARTICLE_CHARS, article_too_long
from annotator.services.projects import find_coders
from annotator.store.export_reader import ExportReader
from annotator.store.project import Project

ANNOTATIONS_CANCELLED = "The annotation import was cancelled; the project is unchanged."

# what ``export_project``'s ``source`` option takes besides ``coder:NAME``
TRAINING_SOURCES = ("majority", "gold")


@dataclass(frozen=True)
class FormatInfo:
    """An exchange format as the window shows it."""

    name: str
    label: str
    description: str
    suffixes: tuple[str, ...]  # a file's endings; empty when the format writes a folder
    folder: bool  # export writes a folder (or, with a suffix listed, a file of that suffix)
    can_export: bool
    can_import: bool


def exchange_formats() -> list[FormatInfo]:
    """Every exchange format, in the order of ``annotator.exchange.FORMATS``."""
    return [
        FormatInfo(
            f.name,
            f.label,
            f.description,
            tuple(e for e in f.extensions if e),
            "" in f.extensions,
            f.can_export,
            f.can_import,
        )
        for f in FORMATS.values()
    ]


def format_of(path: Path) -> str:
    """The exchange format a file or folder most likely holds."""
    return guess_format(Path(path))


def export_losses(
    project: Project,
    fmt: str,
    *,
    coders: Sequence[str] | None = None,
    batch: str | None = None,
    unique_code_names: bool = True,
) -> list[str]:
    """What an export in ``fmt`` of this selection would not carry, one sentence
    each, for the user to see before anything is written."""
    data = project_data(project, coders=coders, batch=batch)
    return data_loss(data, fmt, unique_code_names=unique_code_names)


def project_data(
    project: Project,
    *,
    coders: Sequence[str] | None = None,
    batch: str | None = None,
    with_texts: bool = True,
) -> ProjectData:
    """A project's documents, codebook, coders and live codings as one bundle."""
    chosen = find_coders(project, list(coders)) if coders else project.coders()
    ids = {c.id for c in chosen}
    batch_id = project.find_batch(batch).id if batch else None
    doc_ids = project.documents.document_ids(batch_id=batch_id)
    documents = list(project.documents.iter_documents(doc_ids)) if with_texts else []
    keep = set(doc_ids)
    return ProjectData(
        documents=documents,
        codebook=project.codes.codebook(),
        coders=chosen,
        annotations=[a for a in project.annotations.annotations_for(doc_ids, list(ids))],
        document_codes=[
            d for d in project.annotations.document_codes() if d.coder_id in ids and d.document_id in keep
        ],
    )


def export_reader(
    project: Project, *, coders: Sequence[str] | None = None, batch: str | None = None
) -> ExportReader:
    """The same data as :func:`project_data`, read from the file while an
    export writes it, so memory stays flat whatever the project's size."""
    chosen = find_coders(project, list(coders)) if coders else project.coders()
    batch_id = project.find_batch(batch).id if batch else None
    return ExportReader(project.db, project.codes.codebook(), chosen, batch_id=batch_id)


def export_project(
    project: Project,
    fmt: str,
    out: Path,
    *,
    coders: Sequence[str] | None = None,
    batch: str | None = None,
    state: TaskState = NULL_STATE,
    losses: list[str] | None = None,
    **options: Any,
) -> list[Path]:
    """Write the project's data in ``fmt``; ``losses``, when given, receives
    one sentence for each kind of data the format cannot carry."""
    _not_an_open_project(Path(out))
    data: ExportSource
    if get_format(fmt).name in STREAMED:
        data = export_reader(project, coders=coders, batch=batch)
    else:
        data = project_data(project, coders=coders, batch=batch)
    if losses is not None:
        naming = {k: options[k] for k in ("unique_code_names",) if k in options}
        losses.extend(data_loss(data, fmt, **naming))
    if fmt == "qdpx":
        options.setdefault("name", project.name)
    if isinstance(data, ProjectData) and fmt in ("xmi", "webanno"):
        # INCEpTION shows the tokens and sentences the coders saw, not a re-tokenisation
        options.setdefault("segmentations", project.documents.segmentations([d.id for d in data.documents]))
    return export_data(data, fmt, Path(out), state=state, **options)


@dataclass
class AnnotationImportReport:
    documents_added: int = 0
    codes_added: int = 0
    coders_added: int = 0
    annotations_added: int = 0
    annotations_merged: int = 0  # joined an overlapping span of the same code and coder
    annotations_unchanged: int = 0
    annotations_refused: list[str] = field(default_factory=list)  # one reason per annotation refused
    document_codes: int = 0
    warnings: list[str] = field(default_factory=list)


def import_annotations(
    project: Project,
    path: Path,
    fmt: str | None = None,
    *,
    coder_from_filename: str | None = None,
    coder: str | None = None,
    segment: bool = True,
    state: TaskState = NULL_STATE,
) -> AnnotationImportReport:
    """Read annotations (with their documents, codes and coders) from an exchange
    file into the project. Documents are matched by content, codes by id then
    path, coders by id then name, so importing twice adds nothing. Every
    annotation goes through the store's rules (``Project.take_annotations``),
    and the counts say what the project holds afterwards. ``state`` counts the
    new documents segmented; interrupted before the one transaction that
    writes, it raises Cancelled and the project is unchanged."""
    _not_an_open_project(Path(path))
    existing = project_data(project)
    result = import_data(
        Path(path), fmt, coder_from_filename=coder_from_filename, coder=coder, existing=existing
    )
    data = result.data
    report = AnnotationImportReport(warnings=list(result.warnings))
    known_coders = {c.id for c in project.coders()}
    new_docs = [d for d in data.documents if not project.documents.has_document(d.id)]
    too_long = next((d for d in new_docs if len(d.text) > MAX_ARTICLE_CHARS), None)
    if too_long is not None:  # spaCy would stop at it (E088) with the file half read
        raise ExchangeError(article_too_long(too_long))
    segments = _segment(project, new_docs, state) if segment and new_docs else {}
    state.check(ANNOTATIONS_CANCELLED)
    with project.transaction():
        # documents and their segments in the same transaction: never one without the other
        report.documents_added = len(project.documents.add_documents(new_docs, segments))
        current = project.codes.codebook()
        for _, code in data.codebook.walk():
            if code.id not in current:
                project.codes.add_code(code)
                report.codes_added += 1
        for coder in data.coders:
            if coder.id not in known_coders:
                clash = project.coder_by_name(coder.name)
                if clash is not None:
                    raise AnnotatorError(
                        f"The file's coder {coder.name!r} has another id than the project's "
                        "coder of that name; rename one of them first."
                    )
                project.add_coder(coder)
                known_coders.add(coder.id)
                report.coders_added += 1
        owners = project.annotations.annotation_owners([a.id for a in data.annotations])
        fresh = []
        for a in data.annotations:
            if a.id in owners:
                report.annotations_unchanged += 1
                continue
            fresh.append(replace(a, origin="imported") if a.origin == "manual" else a)
        taken = project.intake.take_annotations(fresh)
        report.annotations_added = taken.added
        report.annotations_merged = taken.merged
        report.annotations_unchanged += taken.unchanged + taken.updated
        report.annotations_refused = taken.refused
        codes = project.intake.take_document_codes(data.document_codes)
        report.document_codes = codes.updated
        report.annotations_refused += codes.refused
    return report


def _segment(project: Project, documents: list, state: TaskState) -> dict:
    from annotator.nlp.segment import segment_texts
    from annotator.services.importing import pipeline_name

    model = pipeline_name(project, None)
    segmented = {}
    for s in segment_texts(
        ((d.id, d.text) for d in documents), model=model, state=state, total=len(documents)
    ):
        segmented[s.document_id] = s
        state.check(ANNOTATIONS_CANCELLED)
    return segmented


def _not_an_open_project(path: Path) -> None:
    """Writing over a project open here would cut the window off from its file,
    and even reading one (open and close) drops SQLite's locks on it."""
    if held_files.is_held(path):
        raise AnnotatorError(
            f"{path.name} is a project file open in Annotator, not an exchange file; choose another file."
        )
