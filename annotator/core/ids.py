"""Identifiers: documents by content, everything else by UUID."""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, datetime


def document_id(text: str) -> str:
    """Id of a document, derived from its final text, so the same article is the
    same document on every machine (DESIGN.md section 3)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def new_id() -> str:
    return str(uuid.uuid4())


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")
