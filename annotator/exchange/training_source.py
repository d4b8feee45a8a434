"""Which codings a training export holds: one coder's, the adjudicated gold, or
the majority of each document's coders.

Majority is exact: a span counts when at least half of the document's coders
marked the same code over the same characters (overlap is not agreement here;
a model is trained on boundaries). A document's coders are the coders (not the
adjudicators) who coded it at all, so a document coded by one coder keeps that
coder's spans. An article-level code is 1 when at least half of the coders who
coded the article at article level gave it, else 0.
"""

from __future__ import annotations

from dataclasses import dataclass

from annotator.core.errors import ExchangeError
from annotator.core.models import Annotation, DocumentCode
from annotator.exchange.bundle import ProjectData

SOURCES_HELP = "coder:NAME, gold or majority"


@dataclass(frozen=True)
class TrainingCodings:
    # per document id: (start, end, code id), sorted
    spans: dict[str, list[tuple[int, int, str]]]
    # per document id where the source coded at article level: code id -> 0/1
    cats: dict[str, dict[str, float]]


def choose(data: ProjectData, source: str) -> TrainingCodings:
    kind, _, name = source.partition(":")
    kind = kind.strip().lower()
    live = data.live_annotations()
    if kind == "coder" and name.strip():
        wanted = name.strip()
        coder = next((c for c in data.coders if c.name == wanted), None) or next(
            (c for c in data.coders if c.id == wanted), None
        )
        if coder is None:
            raise ExchangeError(f"There is no coder named {wanted!r} among the exported coders.")
        return _agreed(live, data.document_codes, {coder.id})
    if kind == "gold" and not name:
        judges = {c.id for c in data.coders if c.role == "adjudicator"}
        if not judges:
            raise ExchangeError("The project has no adjudicator, so there is no adjudicated gold to export.")
        return _agreed(live, data.document_codes, judges)
    if kind == "majority" and not name:
        coders = {c.id for c in data.coders if c.role != "adjudicator"}
        return _agreed(live, data.document_codes, coders)
    raise ExchangeError(f"The training source {source!r} is not one of {SOURCES_HELP}.")


def _agreed(
    annotations: list[Annotation], document_codes: list[DocumentCode], coders: set[str]
) -> TrainingCodings:
    """What at least half of each document's ``coders`` gave (all of one coder's)."""
    marked: dict[str, dict[tuple[int, int, str], set[str]]] = {}
    coded_by: dict[str, set[str]] = {}
    for a in annotations:
        if a.coder_id in coders:
            marked.setdefault(a.document_id, {}).setdefault((a.start, a.end, a.code_id), set()).add(
                a.coder_id
            )
            coded_by.setdefault(a.document_id, set()).add(a.coder_id)
    given: dict[str, dict[str, set[str]]] = {}
    level_coders: dict[str, set[str]] = {}
    for dc in document_codes:
        if dc.coder_id in coders:
            given.setdefault(dc.document_id, {}).setdefault(dc.code_id, set()).add(dc.coder_id)
            level_coders.setdefault(dc.document_id, set()).add(dc.coder_id)
            coded_by.setdefault(dc.document_id, set()).add(dc.coder_id)
    spans = {
        doc: sorted(key for key, who in found.items() if 2 * len(who) >= len(coded_by[doc]))
        for doc, found in marked.items()
    }
    cats = {
        doc: {code: 1.0 if 2 * len(who) >= len(level_coders[doc]) else 0.0 for code, who in codes.items()}
        for doc, codes in given.items()
    }
    return TrainingCodings(spans, cats)
