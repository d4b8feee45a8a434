"""The state of one coder's session: the open document, this coder's spans in
it (blind coding: never another coder's), the article-level codes, the
selected span, the last code applied and the tokens spans snap to.

Commands (``commands.py``) keep it in step through ``absorb``: the states a
write returned are the states shown.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from annotator.core.errors import AnnotatorError
from annotator.core.models import Annotation, Document, DocumentCode, Suggestion
from annotator.services import coding
from annotator.services.session.change import Change
from annotator.store.project import Project


@dataclass(frozen=True)
class OpenedDocument:
    """Everything the view shows of a document it opens, from one call."""

    document: Document  # without the raw import (``raw`` is None)
    status: str | None  # this coder's status, after opening started it
    annotations: list[Annotation]  # this coder's live spans
    document_codes: dict[str, DocumentCode]  # this coder's article-level codes
    suggestions: list[Suggestion] | None  # open suggestions, when asked for


class CodingSession:
    def __init__(self, project: Project, coder_id: str) -> None:
        self.project, self.coder_id = project, coder_id
        self.document: Document | None = None
        self.status: str | None = None
        self.annotations: dict[str, Annotation] = {}
        self._code_counts: Counter[str] = Counter()  # of ``annotations``, kept in step by absorb
        self.document_codes: dict[str, DocumentCode] = {}
        self.selected_id: str | None = None
        self.last_code: str | None = None
        self._tokens: coding.Tokens | None = None

    @property
    def document_id(self) -> str | None:
        return self.document.id if self.document is not None else None

    @property
    def text(self) -> str:
        return self.document.text if self.document is not None else ""

    # --- opening -----------------------------------------------------------------

    def open_document(self, document_id: str, *, suggestions: bool = False) -> OpenedDocument:
        """Open (and so start) a document; the session changes only if all of
        it could be read."""
        project = self.project
        document = project.documents.document(document_id, with_raw=False)
        status = coding.open_document(project, document_id, self.coder_id)
        annotations = project.annotations.select(document_id, self.coder_id)
        codes = coding.document_code_state(project, document_id, self.coder_id)
        found = project.workflow.suggestions(document_id, status="open") if suggestions else None
        self.document, self.status = document, status
        self.annotations = {a.id: a for a in annotations}
        self._code_counts = Counter(a.code_id for a in annotations)
        self.document_codes = codes
        self.selected_id = None
        self._tokens = None  # read when first needed: opening stays fast
        return OpenedDocument(document, status, annotations, codes, found)

    def close_document(self) -> None:
        self.document, self.status, self._tokens = None, None, None
        self.annotations, self.document_codes, self.selected_id = {}, {}, None
        self._code_counts = Counter()

    def open_suggestions(self) -> list[Suggestion]:
        """The open suggestions of the open document."""
        if self.document is None:
            return []
        return self.project.workflow.suggestions(self.document.id, status="open")

    def reload_document_codes(self) -> dict[str, DocumentCode]:
        """Read the article-level codes again (the codebook changed under them)."""
        if self.document is not None:
            self.document_codes = coding.document_code_state(self.project, self.document.id, self.coder_id)
        return self.document_codes

    # --- reading the open document ---------------------------------------------------

    def tokens(self) -> coding.Tokens:
        if self.document is None:
            raise AnnotatorError("Open a document first.")
        if self._tokens is None:
            self._tokens = coding.document_tokens(self.project, self.document.id, self.document.text)
        return self._tokens

    def annotations_at(self, pos: int) -> list[Annotation]:
        """The coder's spans at a code point, innermost first."""
        return sorted(coding.annotations_at(self.annotations.values(), pos), key=lambda a: a.end - a.start)

    def code_counts(self) -> dict[str, int]:
        """How many of the coder's spans in the open document carry each code."""
        return {code_id: n for code_id, n in self._code_counts.items() if n}

    def annotation(self, annotation_id: str) -> Annotation:
        try:
            return self.annotations[annotation_id]
        except KeyError:
            raise AnnotatorError("That annotation is no longer in the open document.") from None

    def select(self, annotation_id: str | None) -> str | None:
        self.selected_id = annotation_id if annotation_id in self.annotations else None
        return self.selected_id

    def selected(self) -> Annotation | None:
        return self.annotations.get(self.selected_id) if self.selected_id else None

    def nudged(self, annotation_id: str, edge: str, direction: int) -> tuple[int, int]:
        """The span's bounds with one edge moved by a token."""
        a = self.annotation(annotation_id)
        return coding.nudge(self.tokens(), a.start, a.end, edge, direction, len(self.text))

    def next_not_done(
        self, flt: coding.ListFilter, *, sort: str = "added", descending: bool = False
    ) -> str | None:
        return coding.next_not_done(self.project, flt, self.document_id, sort=sort, descending=descending)

    # --- keeping in step -----------------------------------------------------------

    def absorb(self, change: Change) -> None:
        """Take in what a command did; a change to a document not open here is
        read again when that document opens."""
        if change.document_id != self.document_id:
            return
        for ann_id, state in change.annotations.items():
            old = self.annotations.get(ann_id)
            if old is not None:
                self._code_counts[old.code_id] -= 1
            if state is None:
                self.annotations.pop(ann_id, None)
                if self.selected_id == ann_id:
                    self.selected_id = None
            else:
                self.annotations[ann_id] = state
                self._code_counts[state.code_id] += 1
        if change.document_codes is not None:
            self.document_codes = dict(change.document_codes)
        if change.status_changed:
            self.status = change.status
