"""Accepting and rejecting a suggestion as undoable commands (see commands.py).

Accepting creates the coder's annotation (origin "suggestion") and marks the
suggestion accepted; undo removes the annotation (or puts back the spans it
merged with) and opens the suggestion again. Rejecting only changes the
suggestion's status, and undo opens it again.
"""

from __future__ import annotations

from annotator.core.models import Annotation
from annotator.gui.workbench.commands import StoreCommand, _ids
from annotator.services import coding
from annotator.store.annotations_repo import SpanWrite


class AcceptSuggestion(StoreCommand):
    def __init__(self, project, notifier, suggestion, coder_id: str, code_id: str | None, label: str) -> None:
        super().__init__(project, notifier, suggestion.document_id, label)
        self.suggestion_id, self.coder_id, self.code_id = suggestion.id, coder_id, code_id
        self.write: SpanWrite | None = None
        self.undone: list[Annotation] = []

    def do(self) -> None:
        if self.write is None:
            from annotator.services.suggestions import accept_suggestion

            self.write = coding.recorded(self.project, lambda: accept_suggestion(
                self.project, self.suggestion_id, self.coder_id, self.code_id))
        else:
            with self.project.transaction():
                self.write = coding.redo_span_write(self.project, self.write, self.undone)
                self.project.set_suggestion_status(self.suggestion_id, "accepted")
        self._changed()

    def undo_(self) -> None:
        with self.project.transaction():
            self.undone = coding.undo_span_write(self.project, self.write)
            self.project.set_suggestion_status(self.suggestion_id, "open")
        self._changed()

    def _changed(self) -> None:
        self.notifier.annotations_changed.emit(self.document_id, _ids(self.write))
        self.notifier.suggestions_changed.emit(self.document_id)


class RejectSuggestion(StoreCommand):
    def __init__(self, project, notifier, suggestion, label: str) -> None:
        super().__init__(project, notifier, suggestion.document_id, label)
        self.suggestion_id = suggestion.id

    def do(self) -> None:
        from annotator.services.suggestions import reject_suggestion

        reject_suggestion(self.project, self.suggestion_id)
        self.notifier.suggestions_changed.emit(self.document_id)

    def undo_(self) -> None:
        self.project.set_suggestion_status(self.suggestion_id, "open")
        self.notifier.suggestions_changed.emit(self.document_id)
