"""Error types. Every message is one sentence a user can act on."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from annotator.core.models import Document


class AnnotatorError(Exception):
    """Base of every error the program reports to a user (CLI: message, exit 1)."""


class InvalidSpan(AnnotatorError, ValueError):
    pass


class NotFound(AnnotatorError, LookupError):
    pass


class AmbiguousDocument(NotFound):
    """Several documents match what the user typed; ``candidates`` holds them
    (documents, most exact match first) so a caller can offer a choice."""

    def __init__(self, key: str, candidates: list[Document]) -> None:
        self.key = key
        self.candidates = candidates
        titles = "; ".join(f"{d.title or d.id} ({d.id[:8]})" for d in candidates[:5])
        more = f" and {len(candidates) - 5} more" if len(candidates) > 5 else ""
        super().__init__(
            f"{key!r} matches {len(candidates)} documents ({titles}{more}); give more of the title or the id."
        )


class ProjectError(AnnotatorError):
    """The project file cannot be opened or written as asked."""


class SchemaTooNew(ProjectError):
    pass


class ReadOnlyProject(ProjectError):
    pass


class CodebookError(AnnotatorError):
    """A codebook is invalid; ``problems`` lists one sentence per problem."""

    def __init__(self, problems: list[str] | str):
        if isinstance(problems, str):
            problems = [problems]
        self.problems = list(problems)
        super().__init__("; ".join(self.problems))


class IngestError(AnnotatorError):
    """A file could not be read as an article; the message says why."""


class ExchangeError(AnnotatorError):
    """An annotation or codebook file in an exchange format is malformed."""


class MergeConflict(AnnotatorError):
    pass


class OutputError(AnnotatorError):
    """A file cannot be written where asked (exists, is a project, disk full)."""


class Cancelled(AnnotatorError):
    """A long task stopped because its user asked it to (see ``annotator.core.task``).

    Whatever the task finished stays consistent; ``partial`` holds what a caller
    may show of it (an import's report of the documents saved), or None."""

    def __init__(self, message: str = "The task was cancelled.", *, partial: object = None) -> None:
        super().__init__(message)
        self.partial = partial


class ModelError(AnnotatorError):
    """A model coder cannot be trained, found, loaded or applied as asked."""
