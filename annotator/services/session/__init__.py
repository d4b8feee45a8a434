"""One coder's coding session, without Qt: the open document and what the
view shows of it (``state``), and every coding action as a plain command
with ``do()`` and ``undo()`` that return what changed (``commands``).

The window keeps one ``CodingSession`` and wraps each command in a Qt undo
command; tests drive the same objects directly.
"""

from annotator.services.session.commands import (
    AcceptSuggestion,
    ApplyCode,
    Change,
    ChangeCode,
    ClearDocumentCode,
    Command,
    DeleteSpan,
    MarkDone,
    MoveSpan,
    RejectSuggestion,
    SetDocumentCode,
    SetNote,
)
from annotator.services.session.state import CodingSession, OpenedDocument

__all__ = [
    "AcceptSuggestion",
    "ApplyCode",
    "Change",
    "ChangeCode",
    "ClearDocumentCode",
    "CodingSession",
    "Command",
    "DeleteSpan",
    "MarkDone",
    "MoveSpan",
    "OpenedDocument",
    "RejectSuggestion",
    "SetDocumentCode",
    "SetNote",
]
