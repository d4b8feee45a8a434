"""The batch-import use case: read, clean, de-duplicate, run spaCy and store,
streaming, so memory does not grow with the batch.

A document is stored together with its segments in one transaction, or not at
all; an interrupted import stores the documents it read, whole, and raises
Cancelled with its report of them.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.errors import Cancelled, IngestError
from annotator.core.models import Batch, Document
from annotator.core.task import NULL_STATE, TaskState
from annotator.ingest.preview import table_columns
from annotator.ingest.reading import read_sources
from annotator.ingest.registry import ReadFailure
from annotator.ingest.rules import RuleSet
from annotator.services.import_processes import choose_processes
from annotator.store.project import Project

# spaCy's own limit (nlp.max_length) unless a pipeline sets a lower one: an
# article is refused above it, since spaCy would stop the whole batch (E088).
MAX_ARTICLE_CHARS = 1_000_000
CHUNK = 256  # documents per transaction: one fsync per chunk, not per document
PIPE_BATCH = 64  # spaCy's batch: larger batches make the trained parser slower, not faster


@dataclass
class ImportOptions:
    name: str | None = None
    format: str | None = None
    columns: dict[str, str] | None = None
    clean: bool = True
    rules: RuleSet | None = None
    model: str | None = None  # spaCy pipeline; None: the project's, else the default
    processes: int | None = None  # None: as many as help here (see choose_processes)
    near_duplicate_threshold: float = 0.9


@dataclass
class ImportReport:
    batch: Batch
    imported: int = 0
    duplicates: list[dict[str, Any]] = field(default_factory=list)
    near_duplicates: list[dict[str, Any]] = field(default_factory=list)
    failed: list[dict[str, str]] = field(default_factory=list)
    cleaned_lines: int = 0
    pipeline: str = ""
    notice: str = ""
    processes: int = 1  # how many ran spaCy's part of the import

    def as_dict(self, *, cancelled: bool = False) -> dict[str, Any]:
        """The report as kept with the batch; ``cancelled``: the import stopped
        before the end of its files."""
        return {
            "imported": self.imported,
            "duplicates": self.duplicates,
            "near_duplicates": self.near_duplicates,
            "failed": self.failed,
            "cleaned_lines": self.cleaned_lines,
            "cancelled": cancelled,
            "pipeline": self.pipeline,
            "notice": self.notice,
        }


def _batch_name(paths: list[Path]) -> str:
    if len(paths) == 1:
        return paths[0].name
    return f"{paths[0].name} and {len(paths) - 1} more"


def pipeline_name(project: Project, requested: str | None) -> str | None:
    return requested or project.get_meta("nlp_pipeline") or None


def import_batch(
    project: Project,
    paths: list[Path] | list[str],
    options: ImportOptions | None = None,
    *,
    state: TaskState = NULL_STATE,
) -> ImportReport:
    """Import ``paths`` as one new batch. Interrupted through ``state``, the
    articles already read are stored whole and Cancelled is raised with the
    report of them as its ``partial``."""
    options = options or ImportOptions()
    paths = [Path(p) for p in paths]
    missing = [p for p in paths if not p.exists() and not p.is_symlink()]  # a link: the reader says why not
    if missing:
        raise IngestError(f"There is no file or folder at {missing[0]}.")
    from annotator.nlp.pipeline import load_pipeline
    from annotator.nlp.segment import segment_doc

    nlp, info = load_pipeline(pipeline_name(project, options.model))
    if not project.get_meta("nlp_pipeline") and info.trained:
        project.set_meta("nlp_pipeline", info.name)
    processes, why = choose_processes(options.processes, trained=info.trained)
    batch = Batch(name=options.name or _batch_name(paths), source="; ".join(str(p) for p in paths))
    report = ImportReport(
        batch=batch,
        pipeline=info.label,
        notice=" ".join(n for n in (info.notice, why) if n),
        processes=processes,
    )
    max_length = min(nlp.max_length, MAX_ARTICLE_CHARS)
    project.add_batch(batch)
    try:
        cut_short = _import_into(
            project, batch, report, paths, options, nlp, info, segment_doc, max_length, state, processes
        )
    except BaseException:
        # A batch that an error stopped keeps what was stored (each chunk is
        # whole); one that stored nothing is not left behind empty. The error
        # that stopped it is the one to report, not a second one from here.
        with contextlib.suppress(Exception):
            _finish_batch(project, batch, report)
        raise
    _finish_batch(project, batch, report, cancelled=cut_short)
    if cut_short:
        raise Cancelled(_import_cancelled(report.imported), partial=report)
    return report


def _import_cancelled(saved: int) -> str:
    if saved == 0:
        return "The import was cancelled before any article was saved."
    return (
        f"The import was cancelled; the {saved} article{'s' if saved != 1 else ''} read before it stopped "
        f"{'are' if saved != 1 else 'is'} saved."
    )


def article_too_long(doc: Document, max_length: int = MAX_ARTICLE_CHARS) -> str:
    # One article over spaCy's limit is refused alone: spaCy would stop the whole
    # batch (E088), and a million characters is a concatenation of articles or a
    # book, which no coder codes as one unit. Splitting it would invent article
    # boundaries; the user knows where they are.
    name = doc.title or doc.source_path
    where = f" in {doc.source_path}" if doc.title and doc.title != doc.source_path else ""
    return (
        f"The article {name!r}{where} has {len(doc.text):,} characters, more than the {max_length:,} one "
        "article may have; split it into its articles and import them."
    )


def _finish_batch(project: Project, batch: Batch, report: ImportReport, *, cancelled: bool = False) -> None:
    batch.counts = {
        "imported": report.imported,
        "duplicates": len(report.duplicates),
        "near_duplicates": len(report.near_duplicates),
        "failed": len(report.failed),
        "cleaned_lines": report.cleaned_lines,
    }
    batch.report = report.as_dict(cancelled=cancelled)
    if report.imported == 0:
        _drop_empty_batch(project, batch)  # re-running an import adds nothing, not even an empty batch
    else:
        project.update_batch(batch)


def _import_into(
    project: Project,
    batch: Batch,
    report: ImportReport,
    paths: list[Path],
    options: ImportOptions,
    nlp: Any,
    info: Any,
    segment_doc: Callable[..., Any],
    max_length: int,
    state: TaskState,
    processes: int,
) -> bool:
    """Store the articles of ``paths``; True when an interruption cut the reading short."""
    near = _NearDuplicates(project, options.near_duplicate_threshold)
    seen: dict[str, str] = {}
    cut_short = False

    def fresh_documents() -> Iterator[Document]:
        nonlocal cut_short
        group: list[Document] = []
        for result in read_sources(
            paths,
            format=options.format,
            columns=options.columns,
            clean=options.clean,
            rules=options.rules,
            state=state,
        ):
            if isinstance(result, ReadFailure):
                report.failed.append({"path": result.source_path, "reason": result.reason})
                continue
            if len(result.text) > max_length:
                report.failed.append(
                    {"path": result.source_path, "reason": article_too_long(result, max_length)}
                )
                continue
            group.append(result)
            if len(group) >= PIPE_BATCH:
                yield from screened(group)
                group = []
        yield from screened(group)
        # an interruption ends the reading; what was read is still segmented and stored below
        cut_short = state.is_interruption_requested()

    def screened(group: list[Document]) -> Iterator[Document]:
        """The articles of ``group`` that are new, in order, flagged when they
        resemble an earlier one: one look-up and one hashing for the group,
        since per article their fixed costs outweighed the work."""
        stored = project.documents.existing_document_ids([d.id for d in group])
        fresh: list[Document] = []
        for doc in group:
            if doc.id in seen or doc.id in stored:
                report.duplicates.append(
                    {
                        "path": doc.source_path,
                        "title": doc.title,
                        "document_id": doc.id,
                        "same_as": seen.get(doc.id, doc.id),
                    }
                )
                continue
            seen[doc.id] = doc.source_path
            fresh.append(doc)
        for doc, similar in zip(fresh, near.check(fresh), strict=True):
            doc.batch_id = batch.id
            if similar is not None:
                doc.metadata["near_duplicate_of"] = similar[0]
                report.near_duplicates.append(
                    {
                        "path": doc.source_path,
                        "title": doc.title,
                        "document_id": doc.id,
                        "resembles": similar[0],
                        "similarity": round(similar[1], 3),
                    }
                )
            report.cleaned_lines += len(doc.cleaning)
            yield doc

    store = _ChunkStore(project, report, near)
    if processes > 1 and not info.trained:
        _segment_beside(nlp, info.label, fresh_documents(), store)
    else:
        kwargs: dict[str, Any] = {"batch_size": PIPE_BATCH, "as_tuples": True}
        if processes > 1:
            kwargs["n_process"] = processes
        for spacy_doc, doc in nlp.pipe(((d.text, d) for d in fresh_documents()), **kwargs):
            store.add(doc, segment_doc(spacy_doc, doc.id, info.label, doc.text))
    store.flush()
    return cut_short


class _ChunkStore:
    """Stores documents with their segments and signatures a chunk at a time."""

    def __init__(self, project: Project, report: ImportReport, near: _NearDuplicates) -> None:
        self.project, self.report, self.near = project, report, near
        self.pending: list[Document] = []
        self.segments: dict[str, Any] = {}

    def add(self, doc: Document, segmentation: Any) -> None:
        self.pending.append(doc)
        self.segments[doc.id] = segmentation
        if len(self.pending) >= CHUNK:
            self.flush()

    def flush(self) -> None:
        if self.pending:
            stored = self.project.documents.add_documents(
                self.pending, self.segments, self.near.take(self.pending)
            )
            self.report.imported += len(stored)
            self.pending, self.segments = [], {}


# batches sent ahead to the tokenizing process: enough to keep it busy while a chunk is stored
_AHEAD = 4


def _segment_beside(nlp: Any, label: str, documents: Iterator[Document], store: _ChunkStore) -> None:
    """Tokenize in a second process while this one reads, screens and stores.
    When the second is behind, this one tokenizes the next batch itself rather
    than wait: the two share the tokenizing as their other work allows."""
    from collections import deque

    from annotator.nlp.segment import doc_columns, doc_entities, segmentation_from_columns
    from annotator.nlp.segmenting_process import Columns, SegmentingProcess

    # batches in import order, each with its columns once known (None: still with the child)
    waiting: deque[tuple[list[Document], list[Columns] | None]] = deque()

    def store_returned(*, wait: bool) -> None:
        while waiting:
            group, done = waiting[0]
            if done is None:
                if not child.ready():
                    if not wait:
                        return
                    if len(store.pending) >= 2 * PIPE_BATCH:
                        store.flush()  # this process would wait anyway: store now, not after the last batch
                done = child.receive()
            waiting.popleft()
            for doc, (columns, entities) in zip(group, done, strict=True):
                store.add(doc, segmentation_from_columns(columns, entities, doc.id, label, doc.text))

    def dispatch(group: list[Document]) -> None:
        store_returned(wait=False)
        texts = [d.text for d in group]
        if child.in_flight < _AHEAD:
            child.send(texts)
            waiting.append((group, None))
        else:
            done = [(doc_columns(d), doc_entities(d)) for d in nlp.pipe(texts, batch_size=len(texts))]
            waiting.append((group, done))
        if len(waiting) > 4 * _AHEAD:  # memory stays flat however far the child falls behind
            store_returned(wait=True)

    with SegmentingProcess(nlp) as child:
        group: list[Document] = []
        for doc in documents:
            group.append(doc)
            if len(group) >= PIPE_BATCH:
                dispatch(group)
                group = []
        if group:
            dispatch(group)
        store_returned(wait=True)


def _drop_empty_batch(project: Project, batch: Batch) -> None:
    project.delete_batch_if_empty(batch.id)


class _NearDuplicates:
    """Flags a document that resembles one already in the project or earlier in
    the batch (wire copy republished with small edits). Signatures are stored
    with the documents, so the corpus is never re-read."""

    def __init__(self, project: Project, threshold: float):
        import numpy as np

        from annotator.ingest.near_duplicates import NearDuplicateIndex

        self.index = NearDuplicateIndex(threshold=threshold)
        for doc_id, blob in project.documents.iter_signatures():
            self.index.add(doc_id, signature=np.frombuffer(blob, dtype=np.uint32))
        self.signatures: dict[str, bytes] = {}

    def check(self, docs: list[Document]) -> list[tuple[str, float] | None]:
        """For each of ``docs`` in order, the earlier document it resembles (with
        the similarity) or None; each is compared with those before it."""
        found = []
        for doc, sig in zip(docs, self.index.signatures([d.text for d in docs]), strict=True):
            found.append(self.index.query(signature=sig))
            self.index.add(doc.id, signature=sig)
            self.signatures[doc.id] = sig.tobytes()
        return found

    def take(self, docs: list[Document]) -> dict[str, bytes]:
        """The signatures of ``docs``, to store with them; those of documents
        screened ahead (still with spaCy) wait for their own chunk."""
        return {d.id: self.signatures.pop(d.id) for d in docs if d.id in self.signatures}


# --- preview (for the import dialog) ---------------------------------------------


@dataclass
class ImportPreview:
    documents: list[Document]
    failures: list[tuple[str, str]]
    columns: list[str]
    mapping: dict[str, str]


def preview_import(
    paths: list[Path], options: ImportOptions | None = None, *, limit: int = 5
) -> ImportPreview:
    """The first articles as they would be imported (nothing is stored)."""
    options = options or ImportOptions()
    docs: list[Document] = []
    failures: list[tuple[str, str]] = []
    columns: list[str] = []
    mapping: dict[str, str] = {}
    for path in (Path(p) for p in paths):
        if not path.is_file():
            continue
        try:
            found = table_columns(path, format=options.format, columns=options.columns)
        except IngestError as exc:
            failures.append((str(path), str(exc)))
            continue
        if found is not None:
            columns, mapping = list(found.columns), dict(found.mapping)
            if found.problem:
                failures.append((str(path), found.problem))
            break
    for result in read_sources(
        paths, format=options.format, columns=options.columns, clean=options.clean, rules=options.rules
    ):
        if isinstance(result, ReadFailure):
            failures.append((result.source_path, result.reason))
        else:
            docs.append(result)
        if len(docs) >= limit or len(failures) > 50:
            break
    return ImportPreview(docs, failures, columns, mapping)


def rerun_nlp(
    project: Project,
    *,
    model: str | None = None,
    processes: int = 1,
    only_missing: bool = False,
    state: TaskState = NULL_STATE,
) -> int:
    """Segment existing documents again with ``model`` (``annotator nlp``).
    Interrupted, it stops after a stored chunk and raises Cancelled with the
    number of documents segmented as ``partial``."""
    from annotator.nlp.pipeline import load_pipeline
    from annotator.nlp.segment import segment_doc

    nlp, info = load_pipeline(pipeline_name(project, model))
    # spaCy's own processes only for a trained pipeline: they pass a blank one's Docs slower than it makes them
    processes = choose_processes(processes, trained=True)[0] if info.trained else 1
    ids = project.documents.documents_without_segments(None if only_missing else info.label)
    total, done = len(ids), 0
    kwargs: dict[str, Any] = {"batch_size": PIPE_BATCH, "as_tuples": True}
    if processes > 1:
        kwargs["n_process"] = processes
    pending = []
    # A document over the pipeline's limit (stored before the limit was
    # checked) is left without segments rather than stopping the run (E088).
    texts = (
        (d.text, (d.id, d.text))
        for d in project.documents.iter_documents(ids)
        if len(d.text) <= nlp.max_length
    )
    for spacy_doc, (doc_id, text) in nlp.pipe(texts, **kwargs):
        pending.append(segment_doc(spacy_doc, doc_id, info.label, text))
        if len(pending) >= CHUNK:
            project.documents.set_segmentations(pending)
            done += len(pending)
            pending = []
            state.set_progress(done, total)
            state.check(
                f"Segmenting was cancelled; {done} of {total} documents are segmented again.", partial=done
            )
    if pending:
        project.documents.set_segmentations(pending)
        done += len(pending)
    if model and info.trained:
        project.set_meta("nlp_pipeline", info.name)
    state.set_progress(done, total)
    return done
