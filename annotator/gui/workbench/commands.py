"""The one bridge from the session's commands to Qt's undo stack (the git-cola
pattern: plain commands in ``annotator.services.session``, a thin
``QUndoCommand`` around each).

A command runs its first ``do`` before it is pushed (``run`` below), so a
refused action (an exclusive-group overlap, a busy file) raises to the window
and never lands on the undo stack. Qt calls ``redo`` and ``undo`` later; their
refusals are reported through the notifier's ``failed`` signal.

Undo and redo are compare-and-restore (``annotator.services.coding``): when
another window or program changed the rows since, they refuse, and the
command leaves the stack (it can no longer be replayed safely).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from annotator.core.errors import AnnotatorError
from annotator.services import coding
from annotator.services.session import Change, Command


class Notifier(QObject):
    """What the commands changed, for the views to update only that; the
    session already holds the new states."""

    annotations_changed = Signal(str, list)  # document id, annotation ids
    document_codes_changed = Signal(str)
    status_changed = Signal(str)
    suggestions_changed = Signal(str)  # document id: a suggestion was accepted, rejected or reopened
    failed = Signal(str)
    # undo and redo first bring the document they change into view, so the
    # coder sees what was undone even after moving on to another article
    show_document = Signal(str)

    def announce(self, change: Change) -> None:
        if change.annotations:
            self.annotations_changed.emit(change.document_id, list(change.annotations))
        if change.document_codes is not None:
            self.document_codes_changed.emit(change.document_id)
        if change.status_changed:
            self.status_changed.emit(change.document_id)
        if change.suggestions_changed:
            self.suggestions_changed.emit(change.document_id)


class UndoCommand(QUndoCommand):
    def __init__(self, command: Command, notifier: Notifier, text: str) -> None:
        super().__init__(text)
        self.command, self.notifier = command, notifier
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:  # done already by run()
            self._pushed = True
            return
        self._replay(self.command.do)

    def undo(self) -> None:
        self._replay(self.command.undo)

    def _replay(self, step: Callable[[], Change]) -> None:
        self.notifier.show_document.emit(self.command.document_id)
        try:
            change = step()
        except coding.UndoConflict as exc:
            self.setObsolete(True)  # QUndoStack drops an obsolete command after this call
            self.notifier.failed.emit(str(exc))
        except AnnotatorError as exc:
            self.notifier.failed.emit(str(exc))
        else:
            self.notifier.announce(change)


def run(stack: QUndoStack, notifier: Notifier, command: Command, text: str) -> Change:
    """Do the command (raising AnnotatorError if refused), then push it."""
    change = command.do()
    notifier.announce(change)
    stack.push(UndoCommand(command, notifier, text))
    return change
