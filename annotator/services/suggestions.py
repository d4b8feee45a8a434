"""Source and quote suggestions: computed with spaCy, stored per document with
the pipeline that made them, never counted until a coder accepts one."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.errors import AnnotatorError
from annotator.core.models import Annotation, Origin
from annotator.core.output_files import atomic_output
from annotator.core.task import NULL_STATE, TaskState
from annotator.services.coding import redo_span_write, undo_span_write
from annotator.store.annotations_repo import SpanWrite
from annotator.store.project import Project

CHUNK = 32


@dataclass
class SuggestReport:
    documents: int = 0
    skipped: int = 0  # already up to date for this pipeline
    suggestions: int = 0
    pipeline: str = ""
    notice: str = ""
    by_kind: dict[str, int] = field(default_factory=dict)


def suggest(
    project: Project,
    *,
    batch: str | None = None,
    model: str | None = None,
    rebuild: bool = False,
    document_ids: list[str] | None = None,
    state: TaskState = NULL_STATE,
) -> SuggestReport:
    """Compute and store suggestions. Interrupted, it stops after a stored
    document and raises Cancelled with the report so far as ``partial``."""
    from annotator.nlp.attribution_suggest import suggest_for_doc
    from annotator.nlp.pipeline import load_pipeline
    from annotator.services.importing import pipeline_name

    nlp, info = load_pipeline(pipeline_name(project, model))
    report = SuggestReport(pipeline=info.label, notice=info.notice)
    if not info.trained and not report.notice:
        report.notice = (
            "The blank pipeline finds quotes and cues but only simple speakers; install a trained "
            "English pipeline for better suggestions."
        )
    codebook = project.codes.codebook()
    batch_id = project.find_batch(batch).id if batch else None
    ids = project.documents.document_ids(batch_id=batch_id)
    if document_ids is not None:  # only these documents (the workbench's current one)
        wanted = set(document_ids)
        ids = [d for d in ids if d in wanted]
    todo = [d for d in ids if rebuild or project.workflow.suggestions_model(d) != info.label]
    report.skipped = len(ids) - len(todo)
    total = len(todo)
    texts = ((d.text, d.id) for d in project.documents.iter_documents(todo))
    for n, (doc, doc_id) in enumerate(nlp.pipe(texts, as_tuples=True, batch_size=CHUNK), 1):
        state.check(
            f"Finding sources was cancelled; {report.documents} of {total} documents are done.",
            partial=report,
        )
        found = suggest_for_doc(doc, codebook=codebook, document=doc_id, model=info.label)
        report.suggestions += project.workflow.replace_suggestions(doc_id, info.label, found)
        for s in found:
            report.by_kind[s.kind] = report.by_kind.get(s.kind, 0) + 1
        report.documents += 1
        state.set_progress(n, total)
    return report


def suggest_file(
    path: str | Path,
    *,
    document_ids: list[str] | None = None,
    model: str | None = None,
    state: TaskState = NULL_STATE,
) -> SuggestReport:
    """``suggest`` on its own connection to the project file, for a worker thread."""
    with Project.open(path) as project:
        return suggest(project, model=model, document_ids=document_ids, state=state)


def export_suggestions(project: Project, target: Path, *, batch: str | None = None) -> int:
    """One JSON object a line: document id, kind, start, end, text, proposed code."""
    codebook = project.codes.codebook()
    batch_id = project.find_batch(batch).id if batch else None
    n = 0
    with atomic_output(target, encoding="utf-8") as fh:
        for doc in project.documents.iter_documents(project.documents.document_ids(batch_id=batch_id)):
            for s in project.workflow.suggestions(doc.id):
                code = codebook.get(s.label) if s.label else None
                fh.write(
                    json.dumps(
                        {
                            "document_id": s.document_id,
                            "kind": s.kind,
                            "start": s.start,
                            "end": s.end,
                            "text": doc.text[s.start : s.end],
                            "proposed_code": codebook.path(code.id) if code else None,
                            "proposed_code_id": code.id if code else None,
                            "status": s.status,
                            "detail": s.detail,
                            "pipeline": s.model,
                        },
                        ensure_ascii=False,
                    )
                    + "\n"
                )
                n += 1
    return n


def accept_suggestion(
    project: Project, suggestion_id: str, coder_id: str, code_id: str | None = None
) -> SpanWrite:
    """Turn a suggestion into the coder's annotation (origin: suggestion). A
    model coder's suggestion keeps origin ``model`` and the model's id@version,
    so a methods section can count what the model proposed and a coder kept."""
    s = project.workflow.suggestion(suggestion_id)
    if s is None:
        raise AnnotatorError("That suggestion no longer exists; run the suggestions again.")
    code = code_id or s.label
    if not code:
        raise AnnotatorError("This suggestion proposes no code; choose a code to accept it with.")
    tag = str(s.detail.get("model_tag", "")) if s.kind == "model" else ""
    origin: Origin = "model" if tag else "suggestion"
    with project.transaction():
        write = project.annotations.add_annotation(
            Annotation(s.document_id, coder_id, code, s.start, s.end, origin=origin, model=tag)
        )
        project.workflow.set_suggestion_status(s.id, "accepted")
    return write


def reject_suggestion(project: Project, suggestion_id: str) -> None:
    project.workflow.set_suggestion_status(suggestion_id, "rejected")


def reopen_suggestion(project: Project, suggestion_id: str) -> None:
    """Undo of a rejection."""
    project.workflow.set_suggestion_status(suggestion_id, "open")


def undo_accept(project: Project, suggestion_id: str, write: SpanWrite) -> list[Annotation]:
    """Take back the span an acceptance saved (compare-and-restore, see
    ``coding.undo_span_write``) and open the suggestion again, in one transaction."""
    with project.transaction():
        undone = undo_span_write(project, write)
        project.workflow.set_suggestion_status(suggestion_id, "open")
    return undone


def accept_again(
    project: Project, suggestion_id: str, write: SpanWrite, undone: list[Annotation]
) -> SpanWrite:
    """Redo of an acceptance, over what its undo left."""
    with project.transaction():
        redone = redo_span_write(project, write, undone)
        project.workflow.set_suggestion_status(suggestion_id, "accepted")
    return redone
