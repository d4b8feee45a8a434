"""Coding use cases for the workbench: apply a code to a selection (snapped to
tokens), change, move, delete and annotate spans, article-level codes, and the
done-and-next workflow.

Every write returns what changed (a ``SpanWrite`` or the states needed to
undo it); nothing here opens a dialog. Undo works from those states, as a
compare-and-restore: it goes ahead only while every row is still as the
action left it, and otherwise refuses (``UndoConflict``) and keeps what
another window or program saved since. Undoing a creation marks the span
deleted rather than removing the row, and restored states get a new
``updated_at``, so a package merge carries the undo like any other edit.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace

from annotator.core.errors import AnnotatorError, InvalidSpan
from annotator.core.ids import now_iso
from annotator.core.models import Annotation, DocumentCode, DocumentSummary
from annotator.core.spans import check_span, snap_to_tokens
from annotator.services.document_listing import DocumentListing
from annotator.store.annotations_repo import SpanWrite
from annotator.store.project import Project

_WORD = re.compile(r"\w+|[^\w\s]")

TO_DO, IN_PROGRESS, DONE = "to_do", "in_progress", "done"


class UndoConflict(AnnotatorError):
    """Undo or redo would overwrite a change someone else saved since."""


_CHANGED = (
    "This can no longer be undone or redone: {0} was changed since in another window or program, "
    "and that change is kept."
)


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
    seg = project.documents.segmentation(document_id)
    if seg is not None and len(seg.token_starts):
        return Tokens(seg.token_starts, seg.token_ends, seg.model)
    if text is None:
        text = project.documents.document_text(document_id)
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
    code = project.codes.code(code_id)
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
    return recorded(
        project,
        lambda: project.annotations.add_annotation(
            Annotation(
                document_id=document_id, coder_id=coder_id, code_id=code_id, start=start, end=end, note=note
            )
        ),
    )


def recorded(project: Project, write: Callable[[], SpanWrite]) -> SpanWrite:
    """Run ``write`` and note, in the same transaction, the state it left every
    row it changed in (``SpanWrite.after``): what undo later compares with."""
    with project.transaction():
        result = write()
        result.after = [project.annotations.annotation(i) for i in _touched(result)]
    return result


def _touched(write: SpanWrite) -> list[str]:
    return list(dict.fromkeys([write.annotation.id] + [b.id for b in write.before]))


def change_code(project: Project, annotation_id: str, code_id: str) -> SpanWrite:
    ann = project.annotations.annotation(annotation_id)
    code = project.codes.code(code_id)
    if code.scope != "span":
        raise AnnotatorError(f"{code.name!r} is an article-level code and cannot be given to a passage.")
    return recorded(project, lambda: project.annotations.update_annotation(replace(ann, code_id=code_id)))


def move_boundaries(project: Project, annotation_id: str, start: int, end: int) -> SpanWrite:
    ann = project.annotations.annotation(annotation_id)
    check_span(start, end, len(project.documents.document_text(ann.document_id)))
    return recorded(
        project, lambda: project.annotations.update_annotation(replace(ann, start=start, end=end))
    )


def nudge(
    tokens: Tokens, start: int, end: int, edge: str, direction: int, text_length: int
) -> tuple[int, int]:
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
    return recorded(project, lambda: project.annotations.set_annotation_note(annotation_id, note))


def delete(project: Project, annotation_id: str) -> Annotation:
    """Delete a span; returns its state before."""
    return project.annotations.delete_annotation(annotation_id)


def delete_span(project: Project, annotation_id: str) -> SpanWrite:
    """Delete a span, as an undoable write."""

    def write() -> SpanWrite:
        before = project.annotations.delete_annotation(annotation_id)
        return SpanWrite(project.annotations.annotation(annotation_id), [before], False)

    return recorded(project, write)


def undo_span_write(project: Project, write: SpanWrite) -> list[Annotation]:
    """Put back the state before ``write``, if every row it changed is still as
    it left them (``UndoConflict`` otherwise, and nothing changes). A created
    span is marked deleted; merged or changed spans get their earlier states.
    Returns the states undo left, for ``redo_span_write``."""
    if not write.after:
        raise ValueError("undo needs a write recorded by the coding service (SpanWrite.after)")
    earlier = {b.id: b for b in reversed(write.before)}  # a row's first state before the write
    targets = [earlier[a.id] if a.id in earlier else replace(a, deleted=True) for a in write.after]
    return _swap(project, write.after, targets)


def redo_span_write(project: Project, write: SpanWrite, undone: list[Annotation]) -> SpanWrite:
    """Do ``write`` again over what its undo left (``UndoConflict`` if that
    changed since); the created annotation keeps its id, so later commands on
    the undo stack still find it."""
    return replace(write, after=_swap(project, undone, write.after))


def _swap(project: Project, expected: list[Annotation], targets: list[Annotation]) -> list[Annotation]:
    """Compare-and-restore: write ``targets`` (with a new ``updated_at``) only
    while the rows are exactly ``expected``; returns the rows as written."""
    with project.transaction():
        for want in expected:
            try:
                current = project.annotations.annotation(want.id)
            except AnnotatorError:
                current = None
            # content, not updated_at: an earlier undo on the stack re-stamps the rows it restores
            if current is None or replace(current, updated_at="") != replace(want, updated_at=""):
                raise UndoConflict(_CHANGED.format(_passage(want)))
        # a span someone else saved since may now overlap what comes back: the
        # store's rules (same code merges, exclusive groups never overlap) hold
        ids = {t.id for t in targets}
        for t in targets:
            if t.deleted:
                continue
            for other in project.annotations.select(t.document_id, t.coder_id):
                if (
                    other.id not in ids
                    and other.start < t.end
                    and t.start < other.end
                    and (
                        other.code_id == t.code_id or _same_exclusive_group(project, other.code_id, t.code_id)
                    )
                ):
                    raise UndoConflict(_CHANGED.format(_passage(t)))
        now = now_iso()
        project.annotations.restore_annotations([replace(t, updated_at=now) for t in targets])
        return [project.annotations.annotation(t.id) for t in targets]


def _passage(a: Annotation) -> str:
    quote = (a.quote or "").strip().replace("\n", " ")
    return f"the passage \u201c{quote[:40]}\u201d" if quote else "the passage"


def _same_exclusive_group(project: Project, code_a: str, code_b: str) -> bool:
    codebook = project.codes.codebook()
    a, b = codebook.get(code_a), codebook.get(code_b)
    if a is None or b is None or a.parent_id is None or a.parent_id != b.parent_id:
        return False
    parent = codebook.get(a.parent_id)
    return parent is not None and parent.exclusive


def annotations_at(annotations: Iterable[Annotation], pos: int) -> list[Annotation]:
    return [a for a in annotations if a.start <= pos < a.end]


# --- article-level codes --------------------------------------------------------


def document_code_state(project: Project, document_id: str, coder_id: str) -> dict[str, DocumentCode]:
    return {dc.code_id: dc for dc in project.annotations.document_codes(document_id, coder_id)}


def set_document_code(
    project: Project, document_id: str, coder_id: str, code_id: str, *, value: str = "1", note: str = ""
) -> dict[str, DocumentCode]:
    """Set an article-level code; returns the coder's codes on this article
    before the change (for undo)."""
    before = document_code_state(project, document_id, coder_id)
    code = project.codes.code(code_id)
    if code.scope != "document":
        raise AnnotatorError(f"{code.name!r} is a passage code; select text to apply it.")
    project.annotations.set_document_code(DocumentCode(document_id, coder_id, code_id, value, note))
    return before


def clear_document_code(
    project: Project, document_id: str, coder_id: str, code_id: str
) -> dict[str, DocumentCode]:
    before = document_code_state(project, document_id, coder_id)
    project.annotations.remove_document_code(document_id, coder_id, code_id)
    return before


def _value(dc: DocumentCode | None) -> tuple[str, str] | None:
    return None if dc is None else (dc.value, dc.note)


def restore_document_codes(
    project: Project,
    document_id: str,
    coder_id: str,
    state: dict[str, DocumentCode],
    *,
    expected: dict[str, DocumentCode] | None = None,
) -> dict[str, DocumentCode]:
    """Make the coder's article-level codes on this article equal ``state``;
    returns them as saved.

    With ``expected`` (undo and redo: the state the action left), only the
    codes where ``state`` and ``expected`` differ are written, and only while
    they still hold their ``expected`` values; ``UndoConflict`` otherwise."""
    with project.transaction():
        current = document_code_state(project, document_id, coder_id)
        if expected is None:
            scope = current.keys() | state.keys()
        else:
            scope = {
                c for c in state.keys() | expected.keys() if _value(state.get(c)) != _value(expected.get(c))
            }
            if any(_value(current.get(c)) != _value(expected.get(c)) for c in scope):
                raise UndoConflict(_CHANGED.format("an article-level code of this article"))
        for code_id in sorted(c for c in scope if c in current and c not in state):
            project.annotations.remove_document_code(document_id, coder_id, code_id)
        for code_id in sorted(c for c in scope if c in state):
            dc = state[code_id]
            if _value(current.get(code_id)) != _value(dc):
                project.annotations.set_document_code(replace(dc))
        return document_code_state(project, document_id, coder_id)


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
        return {
            "coder_id": self.coder_id,
            "assigned_only": self.assigned_only,
            "batch_id": self.batch_id,
            "status": self.status,
            "search": self.search,
        }


_OPEN_CODING = "workflow_open_coding"


def uses_assignments(project: Project) -> bool:
    """Whether the lead assigned documents to coders.

    Statuses live in the assignments table, so a coder opening a document in a
    project without assignments creates a row too; the first such status
    records in the project metadata that coding is open to all documents,
    and only a lead's assignment (a row still 'assigned') overrides that.
    """
    if not project.workflow.has_assignments():
        return False
    if project.get_meta(_OPEN_CODING) != "1":
        return True
    return any(s.get("assigned") for s in project.workflow.status_counts().values())


def _set_status(project: Project, document_id: str, coder_id: str, status: str) -> None:
    if not project.readonly and not project.workflow.has_assignments():
        project.set_meta(_OPEN_CODING, "1")
    project.workflow.set_status(document_id, coder_id, status)


def coder_filter(project: Project, coder_id: str, **kw: str | None) -> ListFilter:
    """A coder sees only the documents assigned to them once assignments exist."""
    return ListFilter(coder_id=coder_id, assigned_only=uses_assignments(project), **kw)


def open_document(project: Project, document_id: str, coder_id: str) -> str | None:
    """Opening a document starts it: its status becomes in progress unless done.
    A read-only project is only read: its status stays as it is."""
    status = project.workflow.status(document_id, coder_id)
    if status != DONE and status != IN_PROGRESS and not project.readonly:
        _set_status(project, document_id, coder_id, IN_PROGRESS)
        return IN_PROGRESS
    return status


def iter_listing(
    project: Project, flt: ListFilter, *, sort: str = "added", descending: bool = False
) -> Iterator[DocumentSummary]:
    yield from DocumentListing(project, flt, sort=sort, descending=descending)


def next_not_done(
    project: Project,
    flt: ListFilter,
    current_id: str | None,
    *,
    sort: str = "added",
    descending: bool = False,
) -> str | None:
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
    before = project.workflow.status(document_id, coder_id)
    _set_status(project, document_id, coder_id, DONE)
    return before


def restore_status(
    project: Project, document_id: str, coder_id: str, status: str | None, *, expected: str | None = None
) -> None:
    """Set the status back; with ``expected``, only while it still is that."""
    with project.transaction():
        if expected is not None and project.workflow.status(document_id, coder_id) != expected:
            raise UndoConflict(_CHANGED.format("the status of this article"))
        if status is None:
            project.workflow.unassign([document_id], coder_id)
        else:
            _set_status(project, document_id, coder_id, status)


def progress(project: Project, flt: ListFilter) -> tuple[int, int]:
    """(done, total) of the coder's documents."""
    base = {"coder_id": flt.coder_id, "assigned_only": flt.assigned_only}
    return project.documents.count_documents(**base, status=DONE), project.documents.count_documents(**base)
