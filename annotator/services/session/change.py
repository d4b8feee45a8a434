"""What one command's ``do()`` or ``undo()`` changed, with the new states, so
a view redraws exactly that without reading it back from the project."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from annotator.core.models import Annotation, DocumentCode


@dataclass(frozen=True)
class Change:
    document_id: str
    # this coder's spans the action touched, as saved; None: no longer a live span of the coder
    annotations: Mapping[str, Annotation | None] = field(default_factory=dict)
    # the coder's article-level codes on the document after the action, when it touched them
    document_codes: Mapping[str, DocumentCode] | None = None
    status_changed: bool = False
    status: str | None = None  # the coder's status of the document afterwards, when status_changed
    suggestions_changed: bool = False
    # the span the action saved (applied, accepted, changed), for the caret and the selection; None: gone
    annotation: Annotation | None = None


def span_states(rows: Iterable[Annotation], coder_id: str) -> dict[str, Annotation | None]:
    """Rows as a write left them, as the coder's view sees them."""
    return {a.id: None if a.deleted or a.coder_id != coder_id else a for a in rows}
