"""Telling a Nexis or Factiva export from an ordinary text, and splitting it
into its articles. The text and Word readers use it, and so does the module
that registers the exports as formats of their own."""

from __future__ import annotations

from collections.abc import Iterator

from annotator.ingest.article import Article
from annotator.ingest.readers.factiva import looks_like_factiva, split_factiva
from annotator.ingest.readers.nexis import looks_like_nexis, split_nexis
from annotator.ingest.registry import ReadFailure


def split_multi_article(text: str, display: str) -> Iterator[Article | ReadFailure] | None:
    """The articles of a Nexis or Factiva export, or None for an ordinary text."""
    if ("End of Document" in text or "DOCUMENTS" in text) and looks_like_nexis(text):
        return split_nexis(text, display)
    if "HD" in text and looks_like_factiva(text):
        return split_factiva(text, display)
    return None
