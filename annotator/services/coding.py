"""Coding use cases for the workbench: apply a code to a selection (snapped to
tokens), change, move, delete and annotate spans, article-level codes, and the
done-and-next workflow.

Every write returns what changed (a ``SpanWrite`` or the states needed to
undo it); nothing here opens a dialog. Undo works from those states:
``undo_span_write`` purges what an action created and restores what it
overwrote, so the project file after undo equals the file before the action.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from annotator.core.errors import AnnotatorError, InvalidSpan
from annotator.core.models import Annotation, DocumentCode, DocumentSummary
from annotator.core.spans import check_span, snap_to_tokens
from annotator.store.annotations_repo import SpanWrite
from annotator.store.project import Project

_WORD = re.compile(r"\w+|[^\w\s]")

TO_DO, IN_PROGRESS, DONE = "to_do", "in_progress", "done"


# --- tokens and snapping -------------------------------------------------------


@dataclass(frozen=True)
class Tokens:
    """Token boundaries of one text (code points), for snapping."""

    starts: array
    ends: array
    source: str  # the segmentation model, or "regex" for the fallback

    def snap(self, start: int, end: int) -> tuple[int, int]:
        return snap_to_tokens(start, end, self.starts, self.ends)

    def token_at(self, pos: int) -> int | None:
        """Index of the token containing ``pos``, if any."""
        from bisect import bisect_right

        i = bisect_right(self.starts, pos) - 1
        if i >= 0 and self.starts[i] <= pos < self.ends[i]:
            return i
        return None


def regex_tokens(text: str) -> Tokens:
    starts, ends = array("i"), array("i")
    for m in _WORD.finditer(text):
        starts.append(m.start())
        ends.append(m.end())
    return Tokens(starts, ends, "regex")


def document_tokens(project: Project, document_id: str, text: str | None = None) -> Tokens:
    """Stored tokens (spaCy's, made at import) or, for a document never
    segmented, a word tokenization that needs no pipeline."""
    seg = project.segmentation(document_id)
    if seg is not None and len(seg.token_starts):
        return Tokens(seg.token_starts, seg.token_ends, seg.model)
    if text is None:
        text = project.document_text(document_id)
    return regex_tokens(text)


# --- span annotations ------------------------------------------------------------


def apply_code(
    project: Project,
    document_id: str,
    coder_id: str,
    code_id: str,
    start: int,
    end: int,
    *,
    tokens: Tokens | None = None,
    snap: bool = True,
    note: str = "",
) -> SpanWrite:
    """Code ``[start, end)``; with ``snap`` the span first widens to whole tokens.
    Overlapping spans of the same code merge (the store's rule)."""
    code = project.code(code_id)
    if code.scope != "span":
        raise AnnotatorError(f"{code.name!r} is an article-level code; set it in the article form instead.")
    if code.archived:
        raise AnnotatorError(f"{code.name!r} is archived and can no longer be applied.")
    if snap:
        if tokens is None:
            tokens = document_tokens(project, document_id)
        start, end = tokens.snap(start, end)
    if end <= start:
        raise InvalidSpan("Select some text first.")
    return project.add_annotation(
        Annotation(document_id=document_id, coder_id=coder_id, code_id=code_id, start=start, end=end, note=note)
    )


def redo_apply(project: Project, write: SpanWrite, requested: Annotation) -> SpanWrite:
    """Apply again what ``write`` did, keeping the created annotation's id so
    later commands on the undo stack still find it."""
    return project.add_annotation(replace(requested, id=write.annotation.id if write.created else requested.id))


def change_code(project: Project, annotation_id: str, code_id: str) -> SpanWrite:
    ann = project.annotation(annotation_id)
    code = project.code(code_id)
    if code.scope != "span":
        raise AnnotatorError(f"{code.name!r} is an article-level code and cannot be given to a passage.")
    return project.update_annotation(replace(ann, code_id=code_id))


def move_boundaries(project: Project, annotation_id: str, start: int, end: int) -> SpanWrite:
    ann = project.annotation(annotation_id)
    check_span(start, end, len(project.document_text(ann.document_id)))
    return project.update_annotation(replace(ann, start=start, end=end))


def nudge(tokens: Tokens, start: int, end: int, edge: str, direction: int, text_length: int) -> tuple[int, int]:
    """Move one edge of a span by one token (``edge`` 'start' or 'end',
    ``direction`` -1 or +1); the span never becomes empty."""
    from bisect import bisect_left, bisect_right

    s, e = tokens.starts, tokens.ends
    if edge == "start":
        if direction < 0:
            i = bisect_left(s, start) - 1
            new = s[i] if i >= 0 else start
        else:
            i = bisect_right(s, start)
            new = s[i] if i < len(s) and s[i] < end else start
        return new, end
    if direction > 0:
        i = bisect_right(e, end)
        new = e[i] if i < len(e) else end
    else:
        i = bisect_left(e, end) - 1
        new = e[i] if i >= 0 and e[i] > start else end
    return start, min(new, text_length)


def set_note(project: Project, annotation_id: str, note: str) -> SpanWrite:
    return project.set_annotation_note(annotation_id, note)


def delete(project: Project, annotation_id: str) -> Annotation:
    """Delete a span; returns its state before, for undo."""
    return project.delete_annotation(annotation_id)


def undo_span_write(project: Project, write: SpanWrite) -> None:
    """Put back the state before ``write``: a created span is removed for
    good; merged or changed spans get their earlier states."""
    with project.transaction():
        if write.created:
            project.purge_annotation(write.annotation.id)
        if write.before:
            project.restore_annotations(write.before)


def undo_delete(project: Project, before: Annotation) -> None:
    project.restore_annotations([replace(before, deleted=False)])


def annotations_at(annotations: Iterable[Annotation], pos: int) -> list[Annotation]:
    return [a for a in annotations if a.start <= pos < a.end]


# --- article-level codes --------------------------------------------------------


def document_code_state(project: Project, document_id: str, coder_id: str) -> dict[str, DocumentCode]:
    return {dc.code_id: dc for dc in project.document_codes(document_id, coder_id)}


def set_document_code(project: Project, document_id: str, coder_id: str, code_id: str, *,
                      value: str = "1", note: str = "") -> dict[str, DocumentCode]:
    """Set an article-level code; returns the coder's codes on this article
    before the change (for undo)."""
    before = document_code_state(project, document_id, coder_id)
    code = project.code(code_id)
    if code.scope != "document":
        raise AnnotatorError(f"{code.name!r} is a passage code; select text to apply it.")
    project.set_document_code(DocumentCode(document_id, coder_id, code_id, value, note))
    return before


def clear_document_code(project: Project, document_id: str, coder_id: str, code_id: str) -> dict[str, DocumentCode]:
    before = document_code_state(project, document_id, coder_id)
    project.remove_document_code(document_id, coder_id, code_id)
    return before


def restore_document_codes(project: Project, document_id: str, coder_id: str,
                           state: dict[str, DocumentCode]) -> None:
    """Make the coder's article-level codes on this article equal ``state``."""
    with project.transaction():
        current = document_code_state(project, document_id, coder_id)
        for code_id in current.keys() - state.keys():
            project.remove_document_code(document_id, coder_id, code_id)
        for code_id, dc in state.items():
            cur = current.get(code_id)
            if cur is None or (cur.value, cur.note) != (dc.value, dc.note):
                project.set_document_code(replace(dc))


# --- workflow ---------------------------------------------------------------------


@dataclass(frozen=True)
class ListFilter:
    """What the coder's document list shows."""

    coder_id: str
    assigned_only: bool = False
    batch_id: str | None = None
    status: str | None = None
    search: str | None = None

    def kwargs(self) -> dict:
        return {"coder_id": self.coder_id, "assigned_only": self.assigned_only, "batch_id": self.batch_id,
                "status": self.status, "search": self.search}


_OPEN_CODING = "workflow_open_coding"


def uses_assignments(project: Project) -> bool:
    """Whether the lead assigned documents to coders.

    Statuses live in the assignments table, so a coder opening a document in a
    project without assignments creates a row too; the first such status
    records in the project metadata that coding is open to all documents,
    and only a lead's assignment (a row still 'assigned') overrides that.
    """
    if not project.has_assignments():
        return False
    if project.get_meta(_OPEN_CODING) != "1":
        return True
    return any(s.get("assigned") for s in project.status_counts().values())


def _set_status(project: Project, document_id: str, coder_id: str, status: str) -> None:
    if not project.readonly and not project.has_assignments():
        project.set_meta(_OPEN_CODING, "1")
    project.set_status(document_id, coder_id, status)


def coder_filter(project: Project, coder_id: str, **kw: str | None) -> ListFilter:
    """A coder sees only the documents assigned to them once assignments exist."""
    return ListFilter(coder_id=coder_id, assigned_only=uses_assignments(project), **kw)


def open_document(project: Project, document_id: str, coder_id: str) -> str:
    """Opening a document starts it: its status becomes in progress unless done."""
    status = project.status(document_id, coder_id)
    if status != DONE and status != IN_PROGRESS:
        _set_status(project, document_id, coder_id, IN_PROGRESS)
        return IN_PROGRESS
    return status


def iter_listing(project: Project, flt: ListFilter, *, sort: str = "added", descending: bool = False,
                 page: int = 2000) -> Iterator[DocumentSummary]:
    offset = 0
    while True:
        rows = project.list_documents(**flt.kwargs(), sort=sort, descending=descending, limit=page, offset=offset)
        yield from rows
        if len(rows) < page:
            return
        offset += page


def next_not_done(project: Project, flt: ListFilter, current_id: str | None, *, sort: str = "added",
                  descending: bool = False) -> str | None:
    """The first document after ``current_id`` (in list order, wrapping round)
    that this coder has not marked done; None when all are done."""
    # Filtering out done documents in SQL keeps this one short query in the
    # common case; the current document is looked up by its place in the list.
    pending = ListFilter(flt.coder_id, flt.assigned_only, flt.batch_id, None, flt.search)
    first: str | None = None
    seen_current = current_id is None
    for row in iter_listing(project, pending, sort=sort, descending=descending):
        if row.id == current_id:
            seen_current = True
            continue
        if row.status == DONE:
            continue
        if seen_current:
            return row.id
        if first is None:
            first = row.id
    return first


def mark_done(project: Project, document_id: str, coder_id: str) -> str | None:
    """Mark done; returns the status before (for undo)."""
    before = project.status(document_id, coder_id)
    _set_status(project, document_id, coder_id, DONE)
    return before


def restore_status(project: Project, document_id: str, coder_id: str, status: str | None) -> None:
    if status is None:
        project.unassign([document_id], coder_id)
    else:
        _set_status(project, document_id, coder_id, status)


def progress(project: Project, flt: ListFilter) -> tuple[int, int]:
    """(done, total) of the coder's documents."""
    base = {"coder_id": flt.coder_id, "assigned_only": flt.assigned_only}
    return project.count_documents(**base, status=DONE), project.count_documents(**base)
