"""One QUndoCommand per coding action (the git-cola pattern): each is saved
through the coding service the moment it happens, and undo puts the project
file back as it was.

A command runs its first ``do`` before it is pushed (``run`` below), so a
refused action (an exclusive-group overlap, a busy file) raises to the window
and never lands on the undo stack. Later undo/redo failures are reported
through the notifier's ``failed`` signal, since Qt calls them.

Undo and redo are compare-and-restore (``annotator.services.coding``): when
another window or program changed the rows since, they refuse, and the
command leaves the stack (it can no longer be replayed safely).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from annotator.core.errors import AnnotatorError
from annotator.core.models import Annotation
from annotator.services import coding
from annotator.store.annotations_repo import SpanWrite
from annotator.store.project import Project


class Notifier(QObject):
    """What the commands changed, for the views to update only that."""

    annotations_changed = Signal(str, list)  # document id, annotation ids
    document_codes_changed = Signal(str)
    status_changed = Signal(str)
    suggestions_changed = Signal(str)  # document id: a suggestion was accepted, rejected or reopened
    failed = Signal(str)
    # undo and redo first bring the document they change into view, so the
    # coder sees what was undone even after moving on to another article
    show_document = Signal(str)


class StoreCommand(QUndoCommand):
    def __init__(self, project: Project, notifier: Notifier, document_id: str, text: str) -> None:
        super().__init__(text)
        self.project, self.notifier, self.document_id = project, notifier, document_id
        self._pushed = False

    def do(self) -> None:
        raise NotImplementedError

    def undo_(self) -> None:
        raise NotImplementedError

    def redo(self) -> None:
        if not self._pushed:  # done already by run()
            self._pushed = True
            return
        self.notifier.show_document.emit(self.document_id)
        self._guard(self.do)

    def undo(self) -> None:
        self.notifier.show_document.emit(self.document_id)
        self._guard(self.undo_)

    def _guard(self, fn) -> None:
        try:
            fn()
        except coding.UndoConflict as exc:
            self.setObsolete(True)  # QUndoStack drops an obsolete command after this call
            self.notifier.failed.emit(str(exc))
        except AnnotatorError as exc:
            self.notifier.failed.emit(str(exc))


def run(stack: QUndoStack, command: StoreCommand) -> StoreCommand:
    """Do the command (raising AnnotatorError if refused), then push it."""
    command.do()
    stack.push(command)
    return command


def _ids(write: SpanWrite) -> list[str]:
    return list(dict.fromkeys([write.annotation.id] + [b.id for b in write.before]))


class ApplyCode(StoreCommand):
    def __init__(self, project, notifier, document_id: str, coder_id: str, code_id: str, start: int, end: int,
                 *, tokens: coding.Tokens | None, snap: bool, label: str) -> None:
        super().__init__(project, notifier, document_id, label)
        self.request = Annotation(document_id, coder_id, code_id, start, end)
        self.tokens, self.snap = tokens, snap
        self.write: SpanWrite | None = None
        self.undone: list[Annotation] = []

    def do(self) -> None:
        if self.write is None:
            self.write = coding.apply_code(self.project, self.document_id, self.request.coder_id,
                                           self.request.code_id, self.request.start, self.request.end,
                                           tokens=self.tokens, snap=self.snap)
        else:
            self.write = coding.redo_span_write(self.project, self.write, self.undone)
        self.notifier.annotations_changed.emit(self.document_id, _ids(self.write))

    def undo_(self) -> None:
        self.undone = coding.undo_span_write(self.project, self.write)
        self.notifier.annotations_changed.emit(self.document_id, _ids(self.write))


class UpdateSpan(StoreCommand):
    """Change code, move boundaries or set the note of one annotation."""

    def __init__(self, project, notifier, annotation: Annotation, label: str, *, code_id: str | None = None,
                 bounds: tuple[int, int] | None = None, note: str | None = None) -> None:
        super().__init__(project, notifier, annotation.document_id, label)
        self.annotation_id = annotation.id
        self.code_id, self.bounds, self.note = code_id, bounds, note
        self.write: SpanWrite | None = None
        self.undone: list[Annotation] = []

    def do(self) -> None:
        if self.write is not None:
            self.write = coding.redo_span_write(self.project, self.write, self.undone)
        elif self.code_id is not None:
            self.write = coding.change_code(self.project, self.annotation_id, self.code_id)
        elif self.bounds is not None:
            self.write = coding.move_boundaries(self.project, self.annotation_id, *self.bounds)
        else:
            self.write = coding.set_note(self.project, self.annotation_id, self.note or "")
        self.notifier.annotations_changed.emit(self.document_id, _ids(self.write))

    def undo_(self) -> None:
        self.undone = coding.undo_span_write(self.project, self.write)
        self.notifier.annotations_changed.emit(self.document_id, _ids(self.write))


class DeleteSpan(StoreCommand):
    def __init__(self, project, notifier, annotation: Annotation, label: str) -> None:
        super().__init__(project, notifier, annotation.document_id, label)
        self.annotation_id = annotation.id
        self.write: SpanWrite | None = None
        self.undone: list[Annotation] = []

    def do(self) -> None:
        if self.write is None:
            self.write = coding.delete_span(self.project, self.annotation_id)
        else:
            self.write = coding.redo_span_write(self.project, self.write, self.undone)
        self.notifier.annotations_changed.emit(self.document_id, [self.annotation_id])

    def undo_(self) -> None:
        self.undone = coding.undo_span_write(self.project, self.write)
        self.notifier.annotations_changed.emit(self.document_id, [self.annotation_id])


class SetDocumentCode(StoreCommand):
    """Set (``value`` given) or clear an article-level code, or its note."""

    def __init__(self, project, notifier, document_id: str, coder_id: str, code_id: str, label: str, *,
                 value: str | None, note: str = "") -> None:
        super().__init__(project, notifier, document_id, label)
        self.coder_id, self.code_id, self.value, self.note = coder_id, code_id, value, note
        self.before: dict | None = None
        self.after: dict | None = None

    def do(self) -> None:
        if self.after is not None:
            coding.restore_document_codes(self.project, self.document_id, self.coder_id, self.after,
                                          expected=self.before)
        elif self.value is None:
            self.before = coding.clear_document_code(self.project, self.document_id, self.coder_id, self.code_id)
        else:
            self.before = coding.set_document_code(self.project, self.document_id, self.coder_id, self.code_id,
                                                   value=self.value, note=self.note)
        if self.after is None:
            self.after = coding.document_code_state(self.project, self.document_id, self.coder_id)
        self.notifier.document_codes_changed.emit(self.document_id)

    def undo_(self) -> None:
        coding.restore_document_codes(self.project, self.document_id, self.coder_id, self.before,
                                      expected=self.after)
        self.notifier.document_codes_changed.emit(self.document_id)


class MarkDone(StoreCommand):
    def __init__(self, project, notifier, document_id: str, coder_id: str, label: str) -> None:
        super().__init__(project, notifier, document_id, label)
        self.coder_id = coder_id
        self.before: str | None = None

    def do(self) -> None:
        self.before = coding.mark_done(self.project, self.document_id, self.coder_id)
        self.notifier.status_changed.emit(self.document_id)

    def undo_(self) -> None:
        coding.restore_status(self.project, self.document_id, self.coder_id, self.before, expected=coding.DONE)
        self.notifier.status_changed.emit(self.document_id)
