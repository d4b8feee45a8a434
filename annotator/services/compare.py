"""What the compare view reads and writes: the documents and coders to
choose from, one document's spans per coder with their disagreements and
figures, and the gold standard the adjudicator builds from them.

The arithmetic of disagreements and figures lives in
``services.adjudication``; this module gathers, for one document at a time,
everything the view shows, so the view makes one call per refresh.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from annotator.core.codebook import Codebook
from annotator.core.errors import AnnotatorError
from annotator.core.models import Annotation, Coder
from annotator.services import adjudication
from annotator.services.adjudication import Disagreement, DocumentFigures
from annotator.store.project import Project


@dataclass(frozen=True)
class DocumentChoice:
    id: str
    title: str
    outlet: str = ""


@dataclass
class ComparedDocument:
    """One document as the compare view shows it for the chosen coders."""

    document_id: str | None
    text: str = ""
    coders: list[Coder] = field(default_factory=list)  # every coder, gold included
    spans: dict[str, list[Annotation]] = field(default_factory=dict)  # coder id -> passage spans
    disagreements: list[Disagreement] = field(default_factory=list)
    figures: DocumentFigures | None = None
    problem: str = ""  # one sentence when the figures could not be computed
    gold: list[Annotation] = field(default_factory=list)

    def settled(self, d: Disagreement) -> bool:
        """Whether the gold standard already has a span of one of its codes here."""
        return any(g.code_id in d.code_ids and g.start < d.end and d.start < g.end for g in self.gold)


class CompareService:
    def __init__(self, project: Project) -> None:
        self.project = project

    @property
    def name(self) -> str:
        return self.project.name

    def coders(self) -> list[Coder]:
        return self.project.coders()

    def codebook(self) -> Codebook:
        return self.project.codes.codebook()

    def judges(self) -> set[str]:
        return {c.id for c in self.project.coders() if c.role == "adjudicator"}

    def documents(self, limit: int) -> list[DocumentChoice]:
        return [
            DocumentChoice(s.id, s.title, s.outlet)
            for s in self.project.documents.list_documents(limit=limit)
        ]

    def document_choice(self, document_id: str) -> DocumentChoice:
        doc = self.project.documents.document(document_id)
        return DocumentChoice(doc.id, doc.title, doc.outlet)

    def annotation(self, annotation_id: str) -> Annotation:
        return self.project.annotations.annotation(annotation_id)

    def compare(self, document_id: str | None, coder_ids: Sequence[str]) -> ComparedDocument:
        """The document's text, every coder's passage spans, and, with two or
        more coders chosen, their disagreements and figures."""
        if document_id is None:
            return ComparedDocument(None, coders=self.coders())
        codebook = self.project.codes.codebook()
        coders = self.coders()
        result = ComparedDocument(
            document_id, text=self.project.documents.document_text(document_id), coders=coders
        )
        result.spans = {c.id: [] for c in coders}
        judges = {c.id for c in coders if c.role == "adjudicator"}
        for a in self.project.annotations.select(document_id):
            code = codebook.get(a.code_id)
            if code is not None and code.scope != "span":
                continue
            result.spans.setdefault(a.coder_id, []).append(a)
            if a.coder_id in judges:
                result.gold.append(a)
        if len(coder_ids) >= 2:
            try:
                result.disagreements = adjudication.disagreements(self.project, document_id, coder_ids)
                result.figures = adjudication.document_figures(
                    self.project, document_id, coder_ids, found=result.disagreements
                )
            except AnnotatorError as exc:
                result.problem = str(exc)
        return result

    # --- the gold standard -------------------------------------------------------------

    def judge_id(self, name: str) -> str:
        return adjudication.ensure_adjudicator(self.project, name).id

    def accept_span(
        self, judge_id: str, source_ids: Sequence[str], *, start: int, end: int, code_id: str, reason: str
    ) -> Annotation:
        return adjudication.accept_span(
            self.project, judge_id, source_ids, start=start, end=end, code_id=code_id, reason=reason
        )

    def accept_agreed(
        self, judge_id: str, coder_ids: Sequence[str], document_ids: Sequence[str] | None
    ) -> int:
        return adjudication.accept_agreed(self.project, judge_id, coder_ids, document_ids)

    def remove_gold(self, annotation_id: str) -> Annotation:
        return adjudication.remove_gold(self.project, annotation_id)
