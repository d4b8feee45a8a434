"""Errors of the agreement engine; each message is one sentence a user can act on."""

from __future__ import annotations

from annotator.core.errors import AnnotatorError


class AgreementError(AnnotatorError, ValueError):
    """The reliability data or the options asked for cannot be computed."""


class AgreementCancelled(AnnotatorError):
    """The user cancelled a long agreement computation."""

    def __init__(self, message: str = "The agreement computation was cancelled.") -> None:
        super().__init__(message)
