"""Every coding action as a plain command (git-cola's ``cmds`` pattern):
``do()`` saves it through the coding service, ``undo()`` puts back what it
changed, and both return a ``Change`` that the session has already taken in.

Redo is ``do()`` again. The first ``do()`` writes; each later one replays
the recorded write through ``coding.redo_span_write`` (or restores the
recorded article codes), so a created span keeps its id and later commands on
an undo stack still find it. Undo and redo are compare-and-restore: when
another window or program changed the rows since, they raise
``coding.UndoConflict`` and change nothing.
"""

from __future__ import annotations

from abc import ABC, abstractmethod

from annotator.core.errors import AnnotatorError
from annotator.core.models import Annotation, DocumentCode
from annotator.services import coding, suggestions
from annotator.services.session.change import Change, span_states
from annotator.services.session.state import CodingSession
from annotator.store.annotations_repo import SpanWrite


class Command(ABC):
    """One undoable action on the session's project."""

    def __init__(self, session: CodingSession, document_id: str) -> None:
        self.session, self.document_id = session, document_id

    @abstractmethod
    def do(self) -> Change: ...

    @abstractmethod
    def undo(self) -> Change: ...

    def _done(self, change: Change) -> Change:
        self.session.absorb(change)
        return change


# --- spans ---------------------------------------------------------------------------


class _SpanCommand(Command):
    touches_suggestions = False

    def __init__(self, session: CodingSession, document_id: str) -> None:
        super().__init__(session, document_id)
        self.write: SpanWrite | None = None
        self._undone: list[Annotation] = []

    @abstractmethod
    def _first(self) -> SpanWrite:
        """The write itself, recorded by the coding service (``SpanWrite.after``)."""

    def _redo(self, write: SpanWrite, undone: list[Annotation]) -> SpanWrite:
        return coding.redo_span_write(self.session.project, write, undone)

    def _undo(self, write: SpanWrite) -> list[Annotation]:
        return coding.undo_span_write(self.session.project, write)

    def do(self) -> Change:
        self.write = self._first() if self.write is None else self._redo(self.write, self._undone)
        states = span_states(self.write.after, self.session.coder_id)
        return self._done(
            Change(
                self.document_id,
                states,
                annotation=states.get(self.write.annotation.id),
                suggestions_changed=self.touches_suggestions,
            )
        )

    def undo(self) -> Change:
        if self.write is None:
            raise RuntimeError("undo before do")
        self._undone = self._undo(self.write)
        return self._done(
            Change(
                self.document_id,
                span_states(self._undone, self.session.coder_id),
                suggestions_changed=self.touches_suggestions,
            )
        )


class ApplyCode(_SpanCommand):
    """Code a passage of the open document; with ``snap`` it first widens to
    whole tokens. Overlapping spans of one code merge (the store's rule)."""

    def __init__(
        self, session: CodingSession, code_id: str, start: int, end: int, *, snap: bool = True
    ) -> None:
        super().__init__(session, session.document_id or "")
        self.code_id, self.start, self.end, self.snap = code_id, start, end, snap

    def _first(self) -> SpanWrite:
        s = self.session
        if s.document_id is None or s.document_id != self.document_id:
            raise AnnotatorError("Open a document first.")
        write = coding.apply_code(
            s.project,
            self.document_id,
            s.coder_id,
            self.code_id,
            self.start,
            self.end,
            tokens=s.tokens() if self.snap else None,
            snap=self.snap,
        )
        s.last_code = self.code_id
        return write


class _OneSpan(_SpanCommand):
    def __init__(self, session: CodingSession, annotation_id: str) -> None:
        super().__init__(session, session.annotation(annotation_id).document_id)
        self.annotation_id = annotation_id


class ChangeCode(_OneSpan):
    def __init__(self, session: CodingSession, annotation_id: str, code_id: str) -> None:
        super().__init__(session, annotation_id)
        self.code_id = code_id

    def _first(self) -> SpanWrite:
        return coding.change_code(self.session.project, self.annotation_id, self.code_id)


class MoveSpan(_OneSpan):
    def __init__(self, session: CodingSession, annotation_id: str, start: int, end: int) -> None:
        super().__init__(session, annotation_id)
        self.start, self.end = start, end

    def _first(self) -> SpanWrite:
        return coding.move_boundaries(self.session.project, self.annotation_id, self.start, self.end)


class SetNote(_OneSpan):
    def __init__(self, session: CodingSession, annotation_id: str, note: str) -> None:
        super().__init__(session, annotation_id)
        self.note = note

    def _first(self) -> SpanWrite:
        return coding.set_note(self.session.project, self.annotation_id, self.note)


class DeleteSpan(_OneSpan):
    def _first(self) -> SpanWrite:
        return coding.delete_span(self.session.project, self.annotation_id)


# --- suggestions ----------------------------------------------------------------------


class AcceptSuggestion(_SpanCommand):
    """The suggestion becomes the coder's span (origin "suggestion") and is
    marked accepted; undo takes the span back and opens the suggestion again."""

    def __init__(
        self, session: CodingSession, suggestion_id: str, document_id: str, code_id: str | None = None
    ) -> None:
        super().__init__(session, document_id)
        self.suggestion_id, self.code_id = suggestion_id, code_id

    def _first(self) -> SpanWrite:
        s = self.session
        return coding.recorded(
            s.project,
            lambda: suggestions.accept_suggestion(s.project, self.suggestion_id, s.coder_id, self.code_id),
        )

    def _redo(self, write: SpanWrite, undone: list[Annotation]) -> SpanWrite:
        return suggestions.accept_again(self.session.project, self.suggestion_id, write, undone)

    def _undo(self, write: SpanWrite) -> list[Annotation]:
        return suggestions.undo_accept(self.session.project, self.suggestion_id, write)

    touches_suggestions = True


class RejectSuggestion(Command):
    def __init__(self, session: CodingSession, suggestion_id: str, document_id: str) -> None:
        super().__init__(session, document_id)
        self.suggestion_id = suggestion_id

    def do(self) -> Change:
        suggestions.reject_suggestion(self.session.project, self.suggestion_id)
        return self._done(Change(self.document_id, suggestions_changed=True))

    def undo(self) -> Change:
        suggestions.reopen_suggestion(self.session.project, self.suggestion_id)
        return self._done(Change(self.document_id, suggestions_changed=True))


# --- article-level codes -----------------------------------------------------------------


class SetDocumentCode(Command):
    """Set an article-level code of the open document (or its note)."""

    def __init__(self, session: CodingSession, code_id: str, *, value: str = "1", note: str = "") -> None:
        super().__init__(session, session.document_id or "")
        self.code_id, self.value, self.note = code_id, value, note
        self.before: dict[str, DocumentCode] | None = None
        self.after: dict[str, DocumentCode] | None = None

    def _write(self) -> dict[str, DocumentCode]:
        s = self.session
        return coding.set_document_code(
            s.project, self.document_id, s.coder_id, self.code_id, value=self.value, note=self.note
        )

    def do(self) -> Change:
        s = self.session
        if self.before is None or self.after is None:
            if not self.document_id:
                raise AnnotatorError("Open a document first.")
            self.before = self._write()
            self.after = coding.document_code_state(s.project, self.document_id, s.coder_id)
            now = self.after
        else:
            now = coding.restore_document_codes(
                s.project, self.document_id, s.coder_id, self.after, expected=self.before
            )
        return self._done(Change(self.document_id, document_codes=now))

    def undo(self) -> Change:
        if self.before is None or self.after is None:
            raise RuntimeError("undo before do")
        s = self.session
        now = coding.restore_document_codes(
            s.project, self.document_id, s.coder_id, self.before, expected=self.after
        )
        return self._done(Change(self.document_id, document_codes=now))


class ClearDocumentCode(SetDocumentCode):
    def __init__(self, session: CodingSession, code_id: str) -> None:
        super().__init__(session, code_id)

    def _write(self) -> dict[str, DocumentCode]:
        s = self.session
        return coding.clear_document_code(s.project, self.document_id, s.coder_id, self.code_id)


# --- workflow ---------------------------------------------------------------------------


class MarkDone(Command):
    def __init__(self, session: CodingSession, document_id: str | None = None) -> None:
        super().__init__(session, document_id or session.document_id or "")
        self.before: str | None = None

    def do(self) -> Change:
        if not self.document_id:
            raise AnnotatorError("Open a document first.")
        self.before = coding.mark_done(self.session.project, self.document_id, self.session.coder_id)
        return self._done(Change(self.document_id, status_changed=True, status=coding.DONE))

    def undo(self) -> Change:
        coding.restore_status(
            self.session.project, self.document_id, self.session.coder_id, self.before, expected=coding.DONE
        )
        return self._done(Change(self.document_id, status_changed=True, status=self.before))
