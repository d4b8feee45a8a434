"""Errors of the agreement engine; each message is one sentence a user can act on."""

from __future__ import annotations

from annotator.core.errors import AnnotatorError


class AgreementError(AnnotatorError, ValueError):
    """The reliability data or the options asked for cannot be computed."""


# what Cancelled says when a long agreement computation is interrupted
CANCELLED = "The agreement computation was cancelled."
